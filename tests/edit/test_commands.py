"""`cmcal set`, `add`, `approve` and `show` as users run them: golden diffs, exact files, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

TODAY = ["--today", "2026-11-30"]

CALENDAR = """\
# Our calendar
calendar: Test
timezone: America/Toronto
platforms: [instagram, facebook]
team: [alice, bob]
habits:
  daily:
    every: day
    at: 11:30
    platforms: [facebook]
    start: 2026-12-01
    end: 2026-12-03

posts:
  - id: first   # the first one
    date: 2026-12-01
    platform: facebook
    habit: daily
    title: Tourtière
    status: draft

  - id: second
    date: 2026-12-02
    platform: facebook
    habit: daily
    title: 'Soupe aux pois'
    text: |
      Une soupe.
      #soupe
    owner: alice

  - id: third
    date: 2026-12-03
    platform: facebook
    habit: daily
    title: Pouding
"""


@pytest.fixture
def cal(tmp_path: Path) -> Path:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli([*args, "--path", str(path), *TODAY], capsys)
    return result.exit_code, result.stdout, result.stderr


def test_set_changes_exactly_the_lines_of_its_fields(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, cal, "set", "second", "status=ready", "owner=bob", "--dry-run")
    assert (code, err) == (0, "")
    assert out.split("\n", 2)[2] == (
        "@@ -27,7 +27,8 @@\n"
        "     text: |\n"
        "       Une soupe.\n"
        "       #soupe\n"
        "-    owner: alice\n"
        "+    owner: bob\n"
        "+    status: ready\n"
        " \n"
        "   - id: third\n"
        "     date: 2026-12-03\n"
    )


def test_set_quotes_in_the_files_style_and_keeps_comments(
    cal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, cal, "set", "first", "title=no", "time=11:30", "status=")
    assert code == 0
    assert out == f"wrote {cal}:15\n"
    text = cal.read_text(encoding="utf-8")
    assert text == CALENDAR.replace(
        "    date: 2026-12-01\n    platform: facebook\n    habit: daily\n"
        "    title: Tourtière\n    status: draft\n",
        "    date: 2026-12-01\n    time: 11:30\n    platform: facebook\n    habit: daily\n    title: 'no'\n",
    )


def test_set_text_of_several_lines_is_a_literal_block(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, cal, "set", "third", "text=Ligne 1\nLigne 2 : #pouding\n")
    assert code == 0
    assert cal.read_text(encoding="utf-8") == CALENDAR.replace(
        "    title: Pouding\n", "    title: Pouding\n    text: |\n      Ligne 1\n      Ligne 2 : #pouding\n"
    )


def test_set_by_path_and_line_and_crlf_is_kept(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cal.write_bytes(CALENDAR.replace("\n", "\r\n").encode())
    code, _, _ = run(capsys, cal, "set", f"{cal}:32", "platforms=facebook,instagram")
    assert code == 0
    assert (
        cal.read_bytes()
        == CALENDAR.replace(
            "    platform: facebook\n    habit: daily\n    title: Pouding",
            "    platforms: [facebook, instagram]\n    habit: daily\n    title: Pouding",
        )
        .replace("\n", "\r\n")
        .encode()
    )


def test_moving_a_post_says_which_gap_it_opens(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, cal, "set", "third", "date=2026-12-04")
    assert code == 0
    assert 'opens a gap: habit "daily" on facebook for Thu 2026-12-03' in err


def test_a_change_that_adds_an_error_writes_nothing(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = cal.read_bytes()
    code, out, err = run(capsys, cal, "set", "second", "owner=zoe")
    assert (code, out) == (1, "")
    assert "the change would add 1 error" in err and "[unknown-owner]" in err
    assert cal.read_bytes() == before


def test_a_file_that_does_not_read_cleanly_is_not_touched(
    cal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = CALENDAR + "  - id: first\n    title: again\n    title: twice\n"
    cal.write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, cal, "set", "second", "status=ready")
    assert code == 1
    assert "does not read cleanly" in err
    assert cal.read_text(encoding="utf-8") == broken


def test_a_file_changed_during_the_run_is_not_overwritten(
    cal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cmcal.edit import core

    real = core.prove

    def meanwhile(*args: object, **kwargs: object) -> core.Proved:
        proved = real(*args, **kwargs)  # type: ignore[arg-type]
        cal.write_text(CALENDAR + "# edited in an editor meanwhile\n", encoding="utf-8")
        return proved

    monkeypatch.setattr(core, "prove", meanwhile)
    monkeypatch.setattr("cmcal.edit.posts.prove", meanwhile)
    code, _, err = run(capsys, cal, "set", "second", "status=ready")
    assert code == 1
    assert "changed on disk while cmcal worked; nothing was written" in err
    assert cal.read_text(encoding="utf-8") == CALENDAR + "# edited in an editor meanwhile\n"


def test_unknown_fields_and_posts_are_usage_errors(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, cal, "set", "second", "colour=red")[0] == 2
    assert run(capsys, cal, "set", "nope", "status=ready")[0] == 2
    assert run(capsys, cal, "set", "second", "title=")[0] == 2


def test_add_goes_in_date_order_in_the_neighbours_layout(
    cal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(
        [
            "add", str(cal), "--date", "2026-12-02", "--time", "18:00", "--title", "Question : oui ou non ?",
            "--platform", "facebook", "--text", "#1 en ville", *TODAY,
        ],
        capsys,
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, f"wrote {cal}:32\n")
    assert cal.read_text(encoding="utf-8") == CALENDAR.replace(
        "    owner: alice\n\n",
        "    owner: alice\n\n"
        "  - date: 2026-12-02\n"
        "    time: 18:00\n"
        "    platform: facebook\n"
        "    title: 'Question : oui ou non ?'\n"
        "    text: '#1 en ville'\n\n",
    )


def test_add_to_flow_posts_and_to_the_months_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "calendar.yaml"
    root.write_text(
        'calendar: T\ntimezone: UTC\nplatforms: [x]\ninclude: ["posts/*.yaml"]\n'
        "posts:\n  - {date: 2026-11-02, platform: x, title: Nov}\n",
        encoding="utf-8",
    )
    (tmp_path / "posts").mkdir()
    part = tmp_path / "posts" / "2026-12.yaml"
    part.write_text(
        "posts:\n- {date: 2026-12-01, platform: x, title: Un}\n"
        "- {date: 2026-12-05, platform: x, title: Deux}\n"
    )
    result = run_cli(
        ["add", str(root), "--date", "2026-12-03", "--title", "Trois", "-p", "x", *TODAY], capsys
    )
    assert (result.exit_code, result.stdout) == (0, f"wrote {part}:3\n")
    assert part.read_text() == (
        "posts:\n- {date: 2026-12-01, platform: x, title: Un}\n"
        "- {date: 2026-12-03, platform: x, title: Trois}\n"
        "- {date: 2026-12-05, platform: x, title: Deux}\n"
    )
    result = run_cli(["add", str(root), "--date", "2027-01-03", "--title", "Jan", "-p", "x", *TODAY], capsys)
    assert result.stdout == f"wrote {root}:7\n"
    assert root.read_text().endswith(
        "  - {date: 2026-11-02, platform: x, title: Nov}\n  - {date: 2027-01-03, platform: x, title: Jan}\n"
    )


def test_add_refuses_a_post_with_an_error(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        ["add", str(cal), "--date", "2026-12-05", "--title", "T", "-p", "tiktok", *TODAY], capsys
    )
    assert result.exit_code == 1
    assert "[unknown-platform]" in result.stderr
    assert cal.read_text(encoding="utf-8") == CALENDAR


def test_approve_then_edit_is_approval_stale(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, cal, "approve", "second", "--by", "alice")
    assert (code, out) == (0, f"wrote {cal}:22\n")
    text = cal.read_text(encoding="utf-8")
    assert "    owner: alice\n    approved: {by: alice, on: 2026-11-30, digest: sha256:" in text
    assert run_cli(["check", str(cal), *TODAY], capsys).stdout == ""
    code, _, err = run(capsys, cal, "set", "second", "status=scheduled")
    assert code == 0 and "approval" not in err  # status is not approved content
    code, _, err = run(capsys, cal, "set", "second", "title=Soupe aux pois du Québec")
    assert code == 0
    assert "this change makes an approval stale" in err and "alice approved it on 2026-11-30" in err
    check = run_cli(["check", str(cal), *TODAY], capsys)
    assert check.exit_code == 1
    assert f"{cal}:32:15: error [approval-stale]" in check.stdout
    assert run(capsys, cal, "approve", "second", "--by", "zoe")[0] == 2


def test_show_counts_text_per_platform(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, cal, "show", "second", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["post"]["id"] == "second"
    [facebook] = data["platforms"]
    assert facebook["length"] == len("Une soupe.\n#soupe\n")
    assert facebook["hashtags"] == ["#soupe"]
    assert facebook["limits"][0]["left"] == facebook["limits"][0]["limit"] - facebook["length"]
    code, out, _ = run(capsys, cal, "show", "second")
    assert "Facebook (facebook)" in out and "no problems" in out
