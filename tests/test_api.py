"""The library API (`import cmcal`, docs/api.md): the same values the commands show, for a notebook."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest

import cmcal
from cmcal.export import Selection
from tests.review.test_git import GitRepo, calendar, git_repo, post

__all__ = ["git_repo"]  # a fixture used by name below

ROOT = Path(__file__).parent.parent
EXAMPLES = str(ROOT / "calendars")
TODAY = date(2026, 12, 1)


def test_import_cmcal_loads_nothing_else() -> None:
    code = "import sys, cmcal\nprint(sorted(m for m in sys.modules if m.startswith('cmcal')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['cmcal', 'cmcal.version']"
    assert cmcal.__all__ == sorted(cmcal.__all__)


def test_load_and_check_the_examples() -> None:
    loaded = cmcal.load([EXAMPLES])
    assert sorted(c.name for c in loaded.calendars) == ["Cuisine Express", "Nordlys Studio"]
    assert [p for p in cmcal.validate(loaded, TODAY) if p.is_error] == []


def test_check_finds_what_the_command_finds(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "calendar: C\ntimezone: America/Toronto\nplatforms: [instagram]\n"
        "posts:\n  - {date: 2026-02-30, platform: instagram, title: A}\n"
        "  - {date: 2026-11-20, platform: instagram, title: B}\n",
        encoding="utf-8",
    )
    problems = cmcal.validate(cmcal.load([str(path)]), lambda _calendar: TODAY)
    assert [(p.line, p.column, p.code) for p in problems] == [(5, 12, "bad-date"), (6, 12, "stale")]


def test_slots_and_gaps_for_a_range() -> None:
    loaded = cmcal.load([EXAMPLES])
    cuisine = next(c for c in loaded.calendars if c.name == "Cuisine Express")
    every = cmcal.slots(cuisine, TODAY, date(2026, 12, 14))
    open_ = cmcal.gaps(cuisine, TODAY, date(2026, 12, 14))
    assert every and all(s.window.last >= TODAY and s.window.first <= date(2026, 12, 14) for s in every)
    assert open_ == [s for s in every if s.is_gap]
    assert all(len(s.filled_by) < s.times for s in open_)


def test_diff_two_trees(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "c.yaml").write_text(calendar(post("a", "2026-12-01", "Tourtière")))
    (tmp_path / "new" / "c.yaml").write_text(calendar(post("a", "2026-12-01", "Tourtière!")))
    old, new = cmcal.load([str(tmp_path / "old")]), cmcal.load([str(tmp_path / "new")])
    result = cmcal.diff(old, new, TODAY)
    ((change,),) = [c.posts for c in result.calendars]
    assert (change.change, [(f.field, f.old, f.new) for f in change.fields]) == (
        "edited",
        [("title", "Tourtière", "Tourtière!")],
    )
    assert result.summary.posts_edited == 1


def test_diff_revisions(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo.write("calendars/c.yaml", calendar(post("a", "2026-12-01", "Tourtière")))
    git_repo.commit("base")
    git_repo.write("calendars/c.yaml", calendar(post("a", "2026-12-02", "Tourtière")))
    monkeypatch.chdir(git_repo.path)
    result = cmcal.diff_revisions("HEAD", None, today=TODAY)
    ((change,),) = [c.posts for c in result.calendars]
    assert (change.change, change.id) == ("moved", "a")


def test_export_parsed_back() -> None:
    calendars = cmcal.load([EXAMPLES]).calendars
    ics = icalendar.Calendar.from_ical(cmcal.export_as(calendars, "ics", TODAY))
    events = [e for e in ics.walk("VEVENT")]
    data = json.loads(cmcal.export_as(calendars, "json", TODAY))
    rows = list(csv.DictReader(io.StringIO(cmcal.export_as(calendars, "csv", TODAY).decode("utf-8"))))
    posts = sum(len(c["posts"]) for c in data["calendars"])
    assert events and posts and rows
    only = Selection(start=date(2026, 12, 1), end=date(2026, 12, 7))
    week = json.loads(cmcal.export_as(calendars, "json", TODAY, selection=only))
    dates = [p["date"] for c in week["calendars"] for p in c["posts"]]
    assert dates and all("2026-12-01" <= d <= "2026-12-07" for d in dates)


def test_report_over_a_period() -> None:
    calendars = cmcal.load([EXAMPLES]).calendars
    result = cmcal.build_report(calendars, date(2026, 11, 1), date(2026, 11, 30))
    assert sorted(r.calendar for r in result.calendars) == ["Cuisine Express", "Nordlys Studio"]
    assert all(
        (r.period.first, r.period.last) == (date(2026, 11, 1), date(2026, 11, 30)) for r in result.calendars
    )


def test_fill_plan_is_what_fill_shows(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers import run_cli

    calendars = cmcal.load([EXAMPLES]).calendars
    result = cmcal.fill_plan(calendars, TODAY, days=14)
    shown = run_cli(["fill", EXAMPLES, "--today", "2026-12-01", "--days", "14", "--format", "json"], capsys)
    expected = json.loads(shown.stdout)["assignments"]
    assert expected, "the example backlog fills some slot"
    got = [
        {"date": a.day.isoformat(), "platform": s.platform, "idea": a.idea.id}
        for a in result.assignments
        for s in a.slots
    ]
    assert got == [{k: e[k] for k in ("date", "platform", "idea")} for e in expected]
    again = cmcal.load([EXAMPLES]).calendars  # the plan writes nothing
    assert [p.key for c in again for p in c.posts] == [p.key for c in calendars for p in c.posts]
