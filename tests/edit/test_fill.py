"""`cmcal fill` as users run it: the plan (table and JSON), cooldowns, mismatches left open, `--write` as one
proved change (golden diff, exact files), and refusals that leave every byte as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

TODAY = ["--today", "2026-12-01"]

CALENDAR = """\
# Fill test
calendar: Fill
timezone: America/Toronto
platforms: [instagram, facebook, linkedin]
habits:
  daily:
    title: Recette du jour
    every: day
    at: 11:30
    platforms: [instagram, facebook]
    type: photo
    start: 2026-12-01
    end: 2026-12-06
  weekly:
    title: Question
    every: week
    platforms: [facebook]
    type: text
    start: 2026-11-30
events:
  salon:
    title: Salon
    date: 2026-12-10
    posts:
      - { offset: -1, platforms: [linkedin], at: 18:00 }

ideas:
  - id: tourtiere   # a one-off for the daily habit
    title: Tourtière
    habit: daily
    text: |
      La tourtière du Lac.
      #recette
  - id: cretons
    title: Cretons
    evergreen: true
    cooldown: 3
    type: photo
  - id: reel
    title: Un reel
    type: video
  - id: question
    title: Votre plat préféré ?
    habit: weekly
  - id: salon-demain
    title: Demain au salon
    event: salon
  - title: Sur LinkedIn seulement
    platform: linkedin

posts:
  - date: 2026-11-29
    platform: facebook
    title: Cretons déjà publiés
    from_idea: cretons
    status: published

  - date: 2026-12-01
    platforms: [instagram, facebook]
    habit: daily
    title: Soupe
"""

TABLE = """\
Tue 2026-12-01 to Thu 2026-12-10: 5 posts from the backlog fill 8 of 13 open slots

date             time    platforms             slot          idea
───────────────────────────────────────────────────────────────────────────────────────────
Tue 2026-12-01   —       facebook              weekly        question: Votre plat préféré ?
Wed 2026-12-02   11:30   instagram, facebook   daily         tourtiere: Tourtière
Thu 2026-12-03   11:30   instagram, facebook   daily         cretons*: Cretons
Sun 2026-12-06   11:30   instagram, facebook   daily         cretons*: Cretons
Wed 2026-12-09   18:00   linkedin              event salon   salon-demain: Demain au salon
* evergreen: it stays in the backlog

Left open: 5 slots
date             time    platforms             slot     missing
───────────────────────────────────────────────────────────────
Fri 2026-12-04   11:30   instagram, facebook   daily          1
Sat 2026-12-05   11:30   instagram, facebook   daily          1
Mon 2026-12-07   —       facebook              weekly         1
"""


@pytest.fixture
def cal(tmp_path: Path) -> Path:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR, encoding="utf-8")
    return path


def fill(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(["fill", str(path), "--days", "10", *TODAY, *args], capsys)
    return result.exit_code, result.stdout, result.stderr


def _stripped(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def test_the_plan_as_a_table(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = fill(capsys, cal)
    assert (code, err) == (0, "")
    assert _stripped(out) == TABLE


def test_the_plan_as_json(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = fill(capsys, cal, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["version"], data["start"], data["end"]) == (1, "2026-12-01", "2026-12-10")
    assert data["assignments"][0] == {
        "calendar": "Fill",
        "date": "2026-12-01",
        "time": None,
        "platform": "facebook",
        "habit": "weekly",
        "event": None,
        "idea": "question",
        "title": "Votre plat préféré ?",
    }
    rows = [
        (a["date"], a["time"], a["platform"], a["habit"], a["event"], a["idea"]) for a in data["assignments"]
    ]
    assert rows == [
        ("2026-12-01", None, "facebook", "weekly", None, "question"),
        ("2026-12-02", "11:30", "instagram", "daily", None, "tourtiere"),
        ("2026-12-02", "11:30", "facebook", "daily", None, "tourtiere"),
        # cretons was used on 2026-11-29 and waits 3 days between uses: 12-03, then 12-06
        ("2026-12-03", "11:30", "instagram", "daily", None, "cretons"),
        ("2026-12-03", "11:30", "facebook", "daily", None, "cretons"),
        ("2026-12-06", "11:30", "instagram", "daily", None, "cretons"),
        ("2026-12-06", "11:30", "facebook", "daily", None, "cretons"),
        ("2026-12-09", "18:00", "linkedin", None, "salon", "salon-demain"),
    ]
    # The slots left open are items as `upcoming --format json` gives them.
    unfilled = [(u["kind"], u["date"], u["platform"], u["habit"], u["missing"]) for u in data["unfilled"]]
    assert unfilled == [
        ("gap", "2026-12-04", "instagram", "daily", 1),
        ("gap", "2026-12-04", "facebook", "daily", 1),
        ("gap", "2026-12-05", "instagram", "daily", 1),
        ("gap", "2026-12-05", "facebook", "daily", 1),
        ("gap", "2026-12-07", "facebook", "weekly", 1),
    ]
    upcoming = run_cli(["upcoming", str(cal), "--days", "10", *TODAY, "--format", "json"], capsys)
    gaps = {(i["date"], i["platform"]): i for i in json.loads(upcoming.stdout)["items"] if i["kind"] == "gap"}
    assert data["unfilled"][0] == gaps[("2026-12-04", "instagram")]


def test_the_json_path_never_imports_rich(cal: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from cmcal.__main__ import main; "
        f"rc = main(['fill', {str(cal)!r}, '--today', '2026-12-01', '--format', 'json']); "
        "assert 'rich' not in sys.modules, 'rich imported'; sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_type_and_platform_mismatches_stay_in_the_backlog(
    cal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, out, _ = fill(capsys, cal, "--format", "json")
    used = {a["idea"] for a in json.loads(out)["assignments"]}
    assert "reel" not in used  # a video: no slot takes one
    assert None not in used  # LinkedIn only: no habit slot is on LinkedIn, and the event's is taken


def test_default_cooldown_is_30_days(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cal.write_text(CALENDAR.replace("    cooldown: 3\n", ""), encoding="utf-8")
    _code, out, _ = fill(capsys, cal, "--format", "json")
    cretons = sorted({a["date"] for a in json.loads(out)["assignments"] if a["idea"] == "cretons"})
    assert cretons == []  # used on 2026-11-29: not again before 2026-12-29


def test_filters(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = fill(capsys, cal, "--format", "json", "--habit", "weekly")
    data = json.loads(out)
    assert [a["idea"] for a in data["assignments"]] == ["question"]
    assert [u["habit"] for u in data["unfilled"]] == ["weekly"]
    _code, out, _ = fill(capsys, cal, "--format", "json", "--event", "salon")
    assert [a["idea"] for a in json.loads(out)["assignments"]] == ["salon-demain"]
    result = run_cli(["fill", str(cal), *TODAY, "--habit", "daly"], capsys)
    assert result.exit_code == 2 and "daily" in result.stderr


DIFF = """\
@@ -25,12 +25,6 @@
       - { offset: -1, platforms: [linkedin], at: 18:00 }
~
 ideas:
-  - id: tourtiere   # a one-off for the daily habit
-    title: Tourtière
-    habit: daily
-    text: |
-      La tourtière du Lac.
-      #recette
   - id: cretons
     title: Cretons
     evergreen: true
@@ -39,12 +33,6 @@
   - id: reel
     title: Un reel
     type: video
-  - id: question
-    title: Votre plat préféré ?
-    habit: weekly
-  - id: salon-demain
-    title: Demain au salon
-    event: salon
   - title: Sur LinkedIn seulement
     platform: linkedin
~
@@ -59,3 +47,44 @@
     platforms: [instagram, facebook]
     habit: daily
     title: Soupe
+
+  - date: 2026-12-01
+    platform: facebook
+    habit: weekly
+    title: Votre plat préféré ?
+    status: draft
+    from_idea: question
+
+  - date: 2026-12-02
+    platforms: [instagram, facebook]
+    habit: daily
+    title: Tourtière
+    text: |
+      La tourtière du Lac.
+      #recette
+    status: draft
+    from_idea: tourtiere
+
+  - date: 2026-12-03
+    platforms: [instagram, facebook]
+    habit: daily
+    type: photo
+    title: Cretons
+    status: draft
+    from_idea: cretons
+
+  - date: 2026-12-06
+    platforms: [instagram, facebook]
+    habit: daily
+    type: photo
+    title: Cretons
+    status: draft
+    from_idea: cretons
+
+  - date: 2026-12-09
+    time: 18:00
+    platform: linkedin
+    event: salon
+    title: Demain au salon
+    status: draft
+    from_idea: salon-demain
""".replace("\n~\n", "\n \n")  # `~`: a blank line of context (" ")


def test_dry_run_prints_the_whole_change_and_writes_nothing(
    cal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = fill(capsys, cal, "--write", "--dry-run")
    assert (code, err) == (0, "")
    assert out.split("\n", 2)[2] == DIFF
    assert cal.read_text(encoding="utf-8") == CALENDAR
    assert fill(capsys, cal, "--dry-run")[1] == out  # --dry-run alone is the same


def test_write_then_check_is_clean(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = run_cli(["check", str(cal), *TODAY, "--format", "json"], capsys)
    code, out, err = fill(capsys, cal, "--write")
    assert (code, err) == (0, "")
    assert out.endswith(f"wrote {cal}:51\nwrote {cal}:58\nwrote {cal}:68\nwrote {cal}:76\nwrote {cal}:84\n")
    assert _stripped(out).startswith(TABLE)
    text = cal.read_text(encoding="utf-8")
    assert text.splitlines()[50] == "  - date: 2026-12-01"
    after = run_cli(["check", str(cal), *TODAY, "--format", "json"], capsys)
    assert after.exit_code == 0
    errors = [p for p in json.loads(after.stdout)["problems"] if p["severity"] == "error"]
    assert errors == [] and json.loads(before.stdout)["problems"]
    gaps = [p for p in json.loads(after.stdout)["problems"] if p["code"] == "gap"]
    assert len(gaps) == len([p for p in json.loads(before.stdout)["problems"] if p["code"] == "gap"]) - 8
    # The one-off ideas left the backlog, the evergreen one stayed: a second run has less to place.
    code, out, _ = fill(capsys, cal, "--format", "json")
    assert [a["idea"] for a in json.loads(out)["assignments"]] == []


def test_json_write_keeps_stdout_json(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = fill(capsys, cal, "--write", "--format", "json")
    assert code == 0
    assert len(json.loads(out)["assignments"]) == 8
    assert err == "".join(f"wrote {cal}:{n}\n" for n in (51, 58, 68, 76, 84))


def test_every_idea_used_leaves_an_empty_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(
        "calendar: Small\ntimezone: UTC\nplatforms: [facebook]\n"
        "habits:\n  daily: {every: day, platforms: [facebook], start: 2026-12-01, end: 2026-12-02}\n"
        "ideas:\n  - title: Un\n  - title: Deux   # a comment\n",
        encoding="utf-8",
    )
    code, _out, err = fill(capsys, path, "--write")
    assert (code, err) == (0, "")
    assert path.read_text(encoding="utf-8") == (
        "calendar: Small\ntimezone: UTC\nplatforms: [facebook]\n"
        "habits:\n  daily: {every: day, platforms: [facebook], start: 2026-12-01, end: 2026-12-02}\n"
        "ideas: []   # a comment\n"
        "posts:\n"
        "  - date: 2026-12-01\n    platform: facebook\n    habit: daily\n    title: Un\n    status: draft\n"
        "  - date: 2026-12-02\n    platform: facebook\n    habit: daily\n    title: Deux\n    status: draft\n"
    )
    assert run_cli(["check", str(path), *TODAY], capsys).exit_code == 0


def test_posts_go_in_the_part_of_their_month_with_media_paths_rebased(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "posts").mkdir()
    from tests.media import image

    image(tmp_path / "media" / "cretons.jpg", 1080, 1080)
    root = tmp_path / "calendar.yaml"
    root.write_text(
        "calendar: Parts\ntimezone: UTC\nplatforms: [instagram]\ninclude: [posts/*.yaml]\n"
        "habits:\n  daily: {every: day, platforms: [instagram], start: 2026-12-01, end: 2026-12-01}\n"
        "ideas:\n"
        "  - title: Cretons\n    media:\n      - file: media/cretons.jpg\n        alt: Des cretons\n",
        encoding="utf-8",
    )
    part = tmp_path / "posts" / "2026-12.yaml"
    part.write_text("posts:\n  - {date: 2026-12-02, platform: instagram, title: Autre}\n", encoding="utf-8")
    code, _out, err = fill(capsys, root, "--write")
    assert (code, err) == (0, "")
    assert part.read_text(encoding="utf-8") == (
        "posts:\n"
        "  - {date: 2026-12-01, platform: instagram, habit: daily, title: Cretons, "
        "media: [{file: ../media/cretons.jpg, alt: Des cretons}], status: draft}\n"
        "  - {date: 2026-12-02, platform: instagram, title: Autre}\n"
    )
    assert root.read_text(encoding="utf-8").endswith("ideas: []\n")
    check = run_cli(["check", str(root), *TODAY], capsys)
    assert check.exit_code == 0, check.stdout


def test_nothing_to_fill(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["fill", str(cal), "--today", "2027-06-01", "--habit", "daily", "--write"], capsys)
    assert result.exit_code == 0
    assert "nothing to write" in result.stderr
    assert cal.read_text(encoding="utf-8") == CALENDAR


def test_refused_on_a_calendar_with_errors(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = CALENDAR.replace("    title: Soupe\n", "    title: Soupe\n    status: bogus\n")
    cal.write_text(broken, encoding="utf-8")
    code, _out, err = fill(capsys, cal, "--write")
    assert code == 1
    assert "bad-status" in err and "nothing was written" in err
    assert cal.read_text(encoding="utf-8") == broken


def test_refused_on_broken_yaml(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = CALENDAR + "  - {date: 2026-12-09\n"
    cal.write_text(broken, encoding="utf-8")
    code, _, _err = fill(capsys, cal, "--write")
    assert code == 1
    assert cal.read_text(encoding="utf-8") == broken


def test_refused_when_an_idea_would_add_an_error(cal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The evergreen idea's owner is not in the team: it stays, and each post made of it would be one more
    # `unknown-owner` error: the whole change is refused.
    text = CALENDAR.replace("    title: Cretons\n", "    title: Cretons\n    owner: zoe\n")
    text = text.replace(
        "platforms: [instagram, facebook, linkedin]\n",
        "platforms: [instagram, facebook, linkedin]\nteam: [alice]\n",
    )
    cal.write_text(text, encoding="utf-8")
    code, _out, err = fill(capsys, cal, "--write")
    assert code == 1
    assert "unknown-owner" in err and "nothing was written" in err
    assert cal.read_text(encoding="utf-8") == text


def test_refused_when_the_file_changed_during_the_run(cal: Path) -> None:
    from datetime import date

    from cmcal.edit.core import Refused, commit
    from cmcal.edit.fill import fill as apply
    from cmcal.files.loader import load
    from cmcal.plan.fill import plan

    loaded = load([str(cal)])
    proved, _ = apply(
        loaded, plan(loaded.calendars, lambda c: date(2026, 12, 1), 10), lambda c: date(2026, 12, 1)
    )
    changed = CALENDAR + "# edited meanwhile\n"
    cal.write_text(changed, encoding="utf-8")
    with pytest.raises(Refused, match="changed on disk"):
        commit(proved)
    assert cal.read_text(encoding="utf-8") == changed


EXAMPLES = Path(__file__).parent.parent.parent / "calendars"


def test_fill_on_the_example_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    folder = tmp_path / "cuisine-express"
    shutil.copytree(EXAMPLES / "cuisine-express", folder)
    args = ["fill", str(folder), "--today", "2026-12-01", "--days", "31"]
    plan = run_cli([*args, "--format", "json"], capsys)
    assert plan.exit_code == 0
    rows = [
        (a["date"], a["platform"], a["habit"] or a["event"], a["idea"])
        for a in json.loads(plan.stdout)["assignments"]
    ]
    assert rows == [
        ("2026-12-14", "facebook", "weekly-question", "question-cadeau"),
        ("2026-12-14", "facebook", "marche-de-noel", "marche-bilan-facebook"),
        ("2026-12-18", "blogue", "blog-friday", "blogue-menu-reveillon"),
        ("2026-12-21", "facebook", "weekly-question", "question-reveillon"),
        ("2026-12-24", "blogue", "blog-friday", "blogue-restes-de-dinde"),  # Friday is Christmas: moved
        ("2026-12-28", "facebook", "weekly-question", "question-recette-de-famille"),
        ("2026-12-31", "blogue", "blog-friday", "blogue-classiques"),
    ]
    before = run_cli(["check", str(folder), "--today", "2026-12-01", "--format", "json"], capsys)
    written = run_cli([*args, "--write"], capsys)
    assert written.exit_code == 0, written.stderr
    # Cuisine Express speaks fr-CA: the run says what it wrote in French (`PATH:LINE écrit`).
    assert written.stdout.count(" écrit\n") == 7
    assert all(
        f"{folder}/posts/2026-12.yaml:" in line for line in written.stdout.splitlines() if "écrit" in line
    )
    after = run_cli(["check", str(folder), "--today", "2026-12-01", "--format", "json"], capsys)
    assert after.exit_code == 0
    codes = sorted(p["code"] for p in json.loads(after.stdout)["problems"])
    assert "gap" not in codes and len(codes) < len(json.loads(before.stdout)["problems"])
    left = (folder / "calendar.yaml").read_text(encoding="utf-8")
    assert "id: question-recette-de-famille" in left and "id: blogue-classiques" in left  # evergreen
    assert "id: question-cadeau" not in left
    again = run_cli([*args, "--format", "json"], capsys)
    assert json.loads(again.stdout)["assignments"] == []


def test_fill_on_a_calendar_without_ideas(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["fill", str(EXAMPLES / "nordlys"), "--today", "2026-12-01", "--days", "7"], capsys)
    assert result.exit_code == 0
    assert result.stdout.startswith("Tue 2026-12-01 to Mon 2026-12-07: no idea fits the ")


def test_the_proof_builds_the_calendar_as_reading_it_again_would(tmp_path: Path) -> None:
    import shutil
    from datetime import date

    from cmcal.edit.core import commit
    from cmcal.edit.fill import fill as apply
    from cmcal.files.loader import load
    from cmcal.plan.fill import plan

    folder = tmp_path / "cuisine-express"
    shutil.copytree(EXAMPLES / "cuisine-express", folder)
    loaded = load([str(folder)])
    today = lambda _c: date(2026, 12, 1)  # noqa: E731
    proved, _ = apply(loaded, plan(loaded.calendars, today, 31), today)
    assert {original.path for original, _ in proved.files} == {
        f"{folder}/calendar.yaml",
        f"{folder}/posts/2026-12.yaml",
    }
    commit(proved)
    again = load([str(folder)])
    assert proved.loaded.calendars == again.calendars
    assert proved.loaded.problems == again.problems


def test_an_evergreen_idea_without_cooldown_fills_each_window_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(
        "calendar: Small\ntimezone: UTC\nplatforms: [facebook]\n"
        "habits:\n  daily: {every: day, times: 2, platforms: [facebook],\n"
        "    start: 2026-12-01, end: 2026-12-02}\n"
        "ideas:\n  - {id: toujours, title: Toujours, evergreen: true, cooldown: 0}\n",
        encoding="utf-8",
    )
    code, out, _ = fill(capsys, path, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [(a["date"], a["idea"]) for a in data["assignments"]] == [
        ("2026-12-01", "toujours"),
        ("2026-12-02", "toujours"),
    ]
    assert [(u["date"], u["missing"]) for u in data["unfilled"]] == [("2026-12-01", 1), ("2026-12-02", 1)]
