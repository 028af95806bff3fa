"""`cmcal check` as users and CI run it: output formats, exit codes, default folder, every file in one run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.helpers import run_cli

INVALID = DATA / "invalid"
TODAY = ["--today", "2026-11-30"]


def test_examples_pass(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["--lang", "en", "check", "calendars", "--today", "2026-12-01"], capsys)
    assert result.exit_code == 0, result.stdout
    assert "2 calendars in 4 files" in result.stderr


def test_text_format_one_line_a_problem(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID / "bad-date.yaml")
    result = run_cli(["check", path, *TODAY], capsys)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:5:11: error [bad-date] date 2026-02-30 is not a real date (check the month and the day)",
        f"{path}:8:11: error [bad-date] date '12/01/2026' is not a date; "
        "write it YYYY-MM-DD, e.g. 2026-12-01",
    ]
    assert result.stderr == "1 calendar in 1 file: 2 errors, 0 warnings\n"


def test_json_format_matches_spec(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(INVALID / "stale.yaml")
    result = run_cli(["check", path, *TODAY, "--format", "json"], capsys)
    assert result.exit_code == 0  # a warning alone passes
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert data["problems"] == [
        {
            "path": path,
            "line": 5,
            "column": 11,
            "severity": "warning",
            "code": "stale",
            "message": '"Forgotten draft" is dated 2026-11-20 (before today, 2026-11-30) and still draft; '
            "mark it published or cancelled, or move it",
        }
    ]
    assert result.stderr == ""


def test_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", str(INVALID / "stale.yaml"), *TODAY, "--strict"], capsys)
    assert result.exit_code == 1


def test_github_format_escapes_as_github_requires(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    cal = folder / "cal.yaml"
    cal.write_text("calendar: X\ntimezone: UTC\nplatforms: [facebook]\nhabbits: {}\n", encoding="utf-8")
    result = run_cli(["check", str(cal), *TODAY, "--format", "github"], capsys)
    assert result.exit_code == 1
    escaped = str(cal).replace(",", "%2C").replace(":", "%3A")
    assert result.stdout == (
        f"::error file={escaped},line=4,col=1,title=unknown-key::"
        'unknown key "habbits" in the calendar; did you mean "habits"?\n'
    )


def test_github_format_is_chosen_under_github_actions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(["check", str(INVALID / "stale.yaml"), *TODAY], capsys)
    assert result.stdout.startswith("::warning file=")


def test_every_file_of_a_folder_in_one_run(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", str(INVALID), *TODAY, "--format", "json"], capsys)
    assert result.exit_code == 1
    paths = {p["path"] for p in json.loads(result.stdout)["problems"]}
    assert paths == {str(p) for p in INVALID.glob("*.yaml")}


def test_default_folder_is_calendars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "calendars" / "brand").mkdir(parents=True)
    (tmp_path / "calendars" / "brand" / "cal.yml").write_text(
        "calendar: X\ntimezone: UTC\nplatforms: [facebook]\ninclude: [posts.yaml]\n", encoding="utf-8"
    )
    (tmp_path / "calendars" / "brand" / "posts.yaml").write_text(
        "posts:\n  - date: 2026-12-01\n    platform: facebok\n    title: T\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli(["check", *TODAY], capsys)
    # The part is read through its calendar (its problem is reported at its own line), not as a calendar.
    assert result.stdout.splitlines() == [
        'calendars/brand/posts.yaml:3:15: error [unknown-platform] unknown platform "facebok"; '
        'did you mean "facebook"? declare it in `platforms` (declared: facebook)'
    ]
    assert "1 calendar in 2 files" in result.stderr


def test_a_part_two_calendars_include(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each part's node tree is dropped once built (peak memory): a second calendar reads it again, and its
    # own problems (a duplicate key) are still reported once.
    for name in ("a", "b"):
        (tmp_path / f"{name}.yaml").write_text(
            f"calendar: {name}\ntimezone: UTC\nplatforms: [facebook]\ninclude: [shared.yaml, shared.yaml]\n",
            encoding="utf-8",
        )
    (tmp_path / "shared.yaml").write_text(
        "posts:\n  - date: 2026-12-01\n    platform: facebok\n    title: T\n    title: U\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli(["check", "a.yaml", "shared.yaml", "b.yaml", *TODAY], capsys)
    unknown = (
        'shared.yaml:3:15: error [unknown-platform] unknown platform "facebok"; '
        'did you mean "facebook"? declare it in `platforms` (declared: facebook)'
    )
    duplicate = (
        'shared.yaml:5:5: error [duplicate-key] duplicate key "title" (first at line 4); keep only one'
    )
    assert result.stdout.splitlines() == [unknown, unknown, duplicate]
    assert "2 calendars in 3 files" in result.stderr


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", "no/such/folder"], capsys)
    assert result.exit_code == 2
    assert result.stderr == "cmcal: no/such/folder: no such file or folder\n"


@pytest.mark.parametrize("bad", ["2026-13-01", "tomorrow", "2026-1-1"])
def test_bad_today_is_a_usage_error(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", "calendars", "--today", bad], capsys)
    assert result.exit_code == 2
    assert "--today" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_unknown_option_and_format_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["check", "--bogus"], capsys).exit_code == 2
    assert run_cli(["check", "calendars", "--format", "xml"], capsys).exit_code == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_a_runtime_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cal = tmp_path / "cal.yaml"
    cal.write_text("calendar: X\n", encoding="utf-8")
    cal.chmod(0)
    result = run_cli(["check", str(cal)], capsys)
    assert result.exit_code == 3
    assert result.stdout == (f"{cal}:1:1: error [unreadable-file] cannot read this file: permission denied\n")


def test_dangling_link_in_a_folder_is_a_runtime_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = run_cli(["check", str(tmp_path), *TODAY], capsys)
    assert result.exit_code == 3
    assert result.stdout == (
        f"{tmp_path}/gone.yaml:1:1: error [unreadable-file] cannot read this file: "
        "it is a symbolic link to nothing (dangling); it is not read\n"
    )
    assert "Traceback" not in result.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from cmcal import __version__

    assert run_cli(["--version"], capsys).stdout == f"cmcal {__version__}\n"
    assert run_cli(["check", "--version"], capsys).exit_code == 2  # only the root takes --version


def test_metrics_csv_problems_are_reported_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "cal.yaml").write_text(
        "calendar: X\ntimezone: UTC\nplatforms: [facebook]\nmetrics_files: [metrics.csv]\n"
        "posts:\n  - id: a\n    date: 2026-11-02\n    platform: facebook\n"
        "    title: A\n    status: published\n",
        encoding="utf-8",
    )
    (tmp_path / "metrics.csv").write_text(
        "id,platform,date,likes\na,facebook,2026-11-03,12\nzz,facebook,2026-11-03,4\na,facebook,2026-11-04,-1\n",
        encoding="utf-8",
    )
    result = run_cli(["check", str(tmp_path / "cal.yaml"), *TODAY], capsys)
    assert result.exit_code == 1
    lines = [line.split(" ", 3)[:3] for line in result.stdout.splitlines()]
    assert lines == [
        [f"{tmp_path}/metrics.csv:3:1:", "error", "[bad-metrics]"],
        [f"{tmp_path}/metrics.csv:4:23:", "error", "[bad-metrics]"],
    ]


def test_github_step_summary_and_full_list_beyond_the_annotation_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = "".join(
        f"  - date: 2026-12-{day:02d}\n    platform: facebok\n    title: T|{day}\n" for day in range(1, 13)
    )
    cal = tmp_path / "cal.yaml"
    cal.write_text(f"calendar: X\ntimezone: UTC\nplatforms: [facebook]\nposts:\n{posts}", encoding="utf-8")
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("## earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    result = run_cli(["check", str(cal), *TODAY], capsys)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 12
    assert all(line.startswith("::error file=") for line in result.stdout.splitlines())
    # Over GitHub's 10 annotations a step, the log also gets every problem as text.
    assert result.stderr.count("error [unknown-platform]") == 12
    written = summary_file.read_text(encoding="utf-8")
    assert written.startswith(
        "## earlier step\n### cmcal check\n\n1 calendar in 1 file: 12 errors, 0 warnings\n"
    )
    assert written.count("| error | `unknown-platform` |") == 12
    assert f"| `{cal}:6:15` | error |" in written


def test_github_format_under_the_cap_prints_no_extra_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(["check", str(INVALID / "bad-date.yaml"), *TODAY, "--format", "github"], capsys)
    assert result.stderr == "1 calendar in 1 file: 2 errors, 0 warnings\n"


def test_a_huge_file_is_refused_without_reading_it_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GiB, sparse: reading it whole would exhaust memory
    result = run_cli(["check", str(big), *TODAY], capsys)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{big}:1:1: error [too-large] the file is over the 64 MiB bound")
