"""The views of `upcoming`, `gaps` and `month`: their items, order and filters, and how they render."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from cmcal.files.loader import load
from cmcal.habits.slots import build_slots
from cmcal.model import Calendar
from cmcal.views.compute import Filters, HabitCoverage, Item, gaps, month, upcoming, view_range
from cmcal.views.tables import (
    ITEM_KEYS,
    abbreviations,
    gaps_csv,
    gaps_json,
    gaps_table,
    month_grid,
    upcoming_csv,
    upcoming_json,
    upcoming_table,
)

D = date.fromisoformat

KITCHEN = """\
calendar: Test Kitchen
timezone: America/Toronto
platforms: [instagram, facebook, blog]
team: [alice, bob]
habits:
  daily:
    title: Recipe of the day
    every: day
    at: 11:30
    platforms: [instagram, facebook]
    type: photo
    start: 2026-12-01
    required: true
    owner: alice
  weekly:
    title: Question of the week
    every: week
    platforms: [facebook]
    times: 2
    start: 2026-11-30
posts:
  - id: d1
    date: 2026-12-01
    habit: daily
    platforms: [instagram, facebook]
    title: Tartiflette
    owner: alice
    status: scheduled
  - id: d2
    date: 2026-12-02
    habit: daily
    platform: instagram
    title: Soup
    owner: bob
    status: draft
  - id: q1
    date: 2026-11-30
    habit: weekly
    platform: facebook
    title: Question one
    owner: bob
    status: published
  - id: note
    date: 2026-12-02
    platform: blog
    title: Holiday hours
    status: ready
  - id: gone
    date: 2026-12-02
    time: 09:00
    platform: blog
    title: Cancelled thing
    status: cancelled
"""

STUDIO = """\
calendar: Nordlys Studio
timezone: Europe/Paris
platforms: [linkedin, x]
habits:
  tips:
    title: Tip of the day
    every: weekday
    at: 13:00
    platforms: [x]
    start: 2026-11-02
posts:
  - date: 2026-12-02
    time: 09:00
    platform: linkedin
    title: "Case study: a museum"
    owner: chloe
    status: scheduled
  - date: 2026-12-02
    habit: tips
    platform: x
    title: Tip - kerning
    owner: bob
    status: ready
"""

WED = D("2026-12-02")


def calendars(tmp_path: Path, **files: str) -> tuple[Calendar, ...]:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    loaded = load([str(tmp_path)])
    assert [p for p in loaded.problems if p.is_error] == []
    return loaded.calendars


def today(day: date = WED) -> Callable[[Calendar], date]:
    return lambda calendar: day


def render(renderable: RenderableType, width: int = 80) -> str:
    """What a terminal of `width` columns shows, without colour, trailing spaces dropped."""
    out = io.StringIO()
    Console(width=width, file=out, color_system=None, force_terminal=False).print(renderable)
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def rows(items: Sequence[Item]) -> list[tuple[str, str | None, str, str, str]]:
    """(date, time, platform, kind, title) of each item."""
    out: list[tuple[str, str | None, str, str, str]] = []
    for item in items:
        at = item.time.strftime("%H:%M") if item.time is not None else None
        out.append((item.date.isoformat(), at, item.platform, item.kind, item.title))
    return out


# --- upcoming -----------------------------------------------------------------------------------------------


def test_next_n_days_are_today_and_the_n_minus_one_after() -> None:
    assert view_range(WED, 1) == (WED, WED)
    assert view_range(WED, 14) == (WED, D("2026-12-15"))
    assert view_range(D("9999-12-30"), 14) == (D("9999-12-30"), date.max)


def test_upcoming_merges_posts_and_gaps_in_time_order_all_day_first(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    view = upcoming([kitchen], today(), days=2)
    assert (view.start, view.end) == (WED, D("2026-12-03"))
    assert rows(view.items) == [
        ("2026-12-02", None, "blog", "post", "Holiday hours"),
        ("2026-12-02", None, "facebook", "gap", "Question of the week"),
        ("2026-12-02", "11:30", "instagram", "post", "Soup"),
        ("2026-12-02", "11:30", "facebook", "gap", "Recipe of the day"),
        ("2026-12-03", "11:30", "instagram", "gap", "Recipe of the day"),
        ("2026-12-03", "11:30", "facebook", "gap", "Recipe of the day"),
    ]
    assert (view.posts, view.gaps) == (2, 4)


def test_a_post_on_two_platforms_is_two_rows_but_one_post(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    view = upcoming([kitchen], today(D("2026-12-01")), days=1, filters=Filters(habits=frozenset({"daily"})))
    assert rows(view.items) == [
        ("2026-12-01", "11:30", "instagram", "post", "Tartiflette"),
        ("2026-12-01", "11:30", "facebook", "post", "Tartiflette"),
    ]
    assert view.posts == 1


def test_a_gap_carries_its_habit_and_its_window(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    week, daily = [i for i in upcoming([kitchen], today(), days=1).items if i.is_gap]
    # The week began on Monday: the gap shows on today's date, with the whole window.
    assert (week.date, week.time, week.missing, week.times, week.required) == (WED, None, 1, 2, False)
    assert week.window is not None
    assert (week.window.first, week.window.last) == (D("2026-11-30"), D("2026-12-06"))
    assert (week.title, week.owner, week.status, week.habit) == ("Question of the week", None, None, "weekly")
    assert (daily.time, daily.type, daily.owner, daily.required) == (time(11, 30), "photo", "alice", True)


def test_cancelled_posts_are_left_out_unless_asked_for(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    assert "Cancelled thing" not in [i.title for i in upcoming([kitchen], today(), days=1).items]
    shown = upcoming([kitchen], today(), days=1, include_cancelled=True).items
    assert [(i.title, i.status) for i in shown if i.platform == "blog"] == [
        ("Holiday hours", "ready"),
        ("Cancelled thing", "cancelled"),
    ]


def test_filters_combine_and_apply_to_gaps_by_their_habit(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)

    def titles(filters: Filters) -> list[tuple[str, str, str]]:
        return [(i.kind, i.platform, i.title) for i in upcoming([kitchen], today(), 1, filters).items]

    assert titles(Filters(platforms=frozenset({"instagram"}))) == [("post", "instagram", "Soup")]
    # A gap's owner is its habit's owner.
    assert titles(Filters(owners=frozenset({"alice"}))) == [("gap", "facebook", "Recipe of the day")]
    assert titles(Filters(owners=frozenset({"bob"}))) == [("post", "instagram", "Soup")]
    assert titles(Filters(habits=frozenset({"weekly"}))) == [("gap", "facebook", "Question of the week")]
    both = Filters(platforms=frozenset({"facebook"}), habits=frozenset({"daily"}))
    assert titles(both) == [("gap", "facebook", "Recipe of the day")]
    assert titles(Filters(calendars=frozenset({"somewhere else"}))) == []
    assert len(titles(Filters(calendars=frozenset({"test kitchen"})))) == 4


def test_several_calendars_merge_in_time_order(tmp_path: Path) -> None:
    found = calendars(tmp_path, kitchen=KITCHEN, studio=STUDIO)
    view = upcoming(found, today(), days=1)
    assert view.calendars == ("Test Kitchen", "Nordlys Studio")
    assert [(i.time.strftime("%H:%M") if i.time else None, i.calendar, i.title) for i in view.items] == [
        (None, "Test Kitchen", "Holiday hours"),
        (None, "Test Kitchen", "Question of the week"),
        ("09:00", "Nordlys Studio", "Case study: a museum"),
        ("11:30", "Test Kitchen", "Soup"),
        ("11:30", "Test Kitchen", "Recipe of the day"),
        ("13:00", "Nordlys Studio", "Tip - kerning"),
    ]


def test_each_calendar_has_its_own_today(tmp_path: Path) -> None:
    kitchen, studio = calendars(tmp_path, kitchen=KITCHEN, studio=STUDIO)
    days = {kitchen.name: D("2026-12-01"), studio.name: WED}
    view = upcoming([kitchen, studio], lambda c: days[c.name], days=1)
    assert (view.start, view.end) == (D("2026-12-01"), WED)
    assert {(i.date.isoformat(), i.calendar) for i in view.items} == {
        ("2026-12-01", "Test Kitchen"),
        ("2026-12-02", "Nordlys Studio"),
    }


def test_upcoming_json_items_for_a_small_calendar(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    document = json.loads(upcoming_json(upcoming([kitchen], today(), days=1)))
    assert list(document) == ["version", "start", "end", "items", "holidays", "blackouts", "ideas"]
    assert (document["holidays"], document["blackouts"]) == ([], [])
    assert (document["version"], document["start"], document["end"]) == (1, "2026-12-02", "2026-12-02")
    assert all(list(item) == list(ITEM_KEYS) for item in document["items"])
    assert document["items"] == [
        {
            "date": "2026-12-02",
            "time": None,
            "calendar": "Test Kitchen",
            "platform": "blog",
            "kind": "post",
            "habit": None,
            "type": None,
            "title": "Holiday hours",
            "owner": None,
            "status": "ready",
            "id": "note",
            "missing": None,
            "times": None,
            "required": None,
            "window": None,
            "window_start": None,
            "window_end": None,
            "event": None,
            "campaign": None,
            "moved_from": None,
            "reason": None,
        },
        {
            "date": "2026-12-02",
            "time": None,
            "calendar": "Test Kitchen",
            "platform": "facebook",
            "kind": "gap",
            "habit": "weekly",
            "type": None,
            "title": "Question of the week",
            "owner": None,
            "status": None,
            "id": None,
            "missing": 1,
            "times": 2,
            "required": False,
            "window": "week 2026-W49 (Mon 2026-11-30 to Sun 2026-12-06)",
            "window_start": "2026-11-30",
            "window_end": "2026-12-06",
            "event": None,
            "campaign": None,
            "moved_from": None,
            "reason": None,
        },
        {
            "date": "2026-12-02",
            "time": "11:30",
            "calendar": "Test Kitchen",
            "platform": "instagram",
            "kind": "post",
            "habit": "daily",
            "type": "photo",
            "title": "Soup",
            "owner": "bob",
            "status": "draft",
            "id": "d2",
            "missing": None,
            "times": None,
            "required": None,
            "window": None,
            "window_start": None,
            "window_end": None,
            "event": None,
            "campaign": None,
            "moved_from": None,
            "reason": None,
        },
        {
            "date": "2026-12-02",
            "time": "11:30",
            "calendar": "Test Kitchen",
            "platform": "facebook",
            "kind": "gap",
            "habit": "daily",
            "type": "photo",
            "title": "Recipe of the day",
            "owner": "alice",
            "status": None,
            "id": None,
            "missing": 1,
            "times": 1,
            "required": True,
            "window": "Wed 2026-12-02",
            "window_start": "2026-12-02",
            "window_end": "2026-12-02",
            "event": None,
            "campaign": None,
            "moved_from": None,
            "reason": None,
        },
    ]


def test_csv_parses_back_to_the_json_items(tmp_path: Path) -> None:
    found = calendars(tmp_path, kitchen=KITCHEN, studio=STUDIO)
    view = upcoming(found, today(), days=3)
    text = upcoming_csv(view)
    assert text.startswith(",".join(ITEM_KEYS) + "\r\n")
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    expected = [
        {
            key: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
            for key, v in item.items()
        }
        for item in json.loads(upcoming_json(view))["items"]
    ]
    assert parsed == expected
    assert len(parsed) == len(view.items) > 5


def test_csv_quotes_commas_quotes_and_line_breaks(tmp_path: Path) -> None:
    text = KITCHEN.replace("title: Holiday hours", 'title: "Hours, \\"holiday\\"\\nedition"')
    (kitchen,) = calendars(tmp_path, kitchen=text)
    parsed = list(csv.DictReader(io.StringIO(upcoming_csv(upcoming([kitchen], today(), 1)), newline="")))
    assert parsed[0]["title"] == 'Hours, "holiday"\nedition'


def test_the_view_reads_only_the_posts_near_its_days_and_finds_the_same_gaps(tmp_path: Path) -> None:
    monthly = KITCHEN.replace(
        "posts:\n",
        "  letter:\n    title: Letter\n    every: month\n    platforms: [blog]\n    start: 2026-01-01\n"
        "posts:\n  - date: 2026-12-01\n    habit: letter\n    platform: blog\n    title: December letter\n",
    )
    (kitchen,) = calendars(tmp_path, kitchen=monthly)
    far = tuple(
        replace(kitchen.posts[0], date=D("2019-01-01") + timedelta(days=n), index=100 + n) for n in range(400)
    )
    big = replace(kitchen, posts=kitchen.posts + far)
    day = D("2026-12-28")
    view = upcoming([big], today(day), days=14)
    expected = {(s.habit, s.platform, s.window) for s in build_slots(big, day, D("2027-01-10")) if s.is_gap}
    assert {(g.habit, g.platform, g.window) for g in view.items if g.is_gap} == expected
    # The December letter, 27 days before today, fills December's slot; January's is open.
    assert [g.date for g in view.items if g.habit == "letter"] == [D("2027-01-01")]


def test_a_week_slot_filled_before_today_is_not_a_gap(tmp_path: Path) -> None:
    text = KITCHEN.replace("    times: 2\n", "")
    (kitchen,) = calendars(tmp_path, kitchen=text)
    assert [i.habit for i in upcoming([kitchen], today(), days=1).items if i.is_gap] == ["daily"]


# --- gaps ---------------------------------------------------------------------------------------------------


def test_gaps_are_grouped_by_habit_with_their_coverage(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    view = gaps([kitchen], today(), days=7)
    assert (view.start, view.end) == (WED, D("2026-12-08"))
    daily, weekly = view.habits
    assert (daily.habit, daily.slots, daily.filled, daily.percent, len(daily.gaps)) == ("daily", 14, 1, 7, 13)
    assert (weekly.habit, weekly.slots, weekly.filled, weekly.percent) == ("weekly", 2, 0, 0)
    assert [g.missing for g in weekly.gaps] == [1, 2]
    assert len(view.items) == 15
    assert [i.date for i in view.items][:3] == [WED, WED, D("2026-12-03")]


@pytest.mark.parametrize(
    ("filled", "slots", "percent"),
    [(26, 30, 87), (30, 30, 100), (299, 300, 99), (1, 300, 1), (0, 30, 0), (0, 0, 100), (1, 2, 50)],
)
def test_coverage_percent_never_rounds_to_all_or_nothing(filled: int, slots: int, percent: int) -> None:
    assert HabitCoverage("C", "h", "H", None, False, slots, filled, ()).percent == percent


def test_gaps_json_has_items_and_habits(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    document = json.loads(gaps_json(gaps([kitchen], today(), days=2)))
    assert list(document) == ["version", "start", "end", "items", "habits", "events", "holidays", "blackouts"]
    assert {i["kind"] for i in document["items"]} == {"gap"}
    assert document["habits"] == [
        {
            "calendar": "Test Kitchen",
            "habit": "daily",
            "title": "Recipe of the day",
            "owner": "alice",
            "required": True,
            "slots": 4,
            "filled": 1,
            "percent": 25,
            "ideas": None,
        },
        {
            "calendar": "Test Kitchen",
            "habit": "weekly",
            "title": "Question of the week",
            "owner": None,
            "required": False,
            "slots": 1,
            "filled": 0,
            "percent": 0,
            "ideas": None,
        },
    ]
    assert document["events"] == []
    parsed = list(csv.DictReader(io.StringIO(gaps_csv(gaps([kitchen], today(), days=2)), newline="")))
    assert [(r["date"], r["platform"], r["missing"]) for r in parsed] == [
        ("2026-12-02", "facebook", "1"),
        ("2026-12-02", "facebook", "1"),
        ("2026-12-03", "instagram", "1"),
        ("2026-12-03", "facebook", "1"),
    ]


# --- month --------------------------------------------------------------------------------------------------


def test_month_weeks_run_monday_to_sunday(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    view = month([kitchen], 2026, 12, WED)
    assert len(view.weeks) == 5 and all(len(week) == 7 for week in view.weeks)
    assert view.weeks[0][0] is None  # 2026-12-01 is a Tuesday
    first = view.weeks[0][1]
    assert first is not None
    assert (first.date, first.posts, first.gaps) == (D("2026-12-01"), (("instagram", 1), ("facebook", 1)), ())
    second = view.weeks[0][2]
    assert second is not None
    assert (second.posts, second.gaps) == ((("instagram", 1), ("blog", 1)), (("facebook", 1),))
    assert view.weeks[-1][3] is not None and view.weeks[-1][4] is None  # Thursday 31, then nothing
    assert [g.window.first for g in view.period_gaps if g.window] == [
        D("2026-11-30"),
        D("2026-12-07"),
        D("2026-12-14"),
        D("2026-12-21"),
        D("2026-12-28"),
    ]
    assert (view.posts, view.platforms) == (3, ("instagram", "facebook", "blog"))


@pytest.mark.parametrize(("year", "number"), [(9999, 12), (1, 1), (2024, 2)])
def test_month_at_the_ends_of_the_calendar(tmp_path: Path, year: int, number: int) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    view = month([kitchen], year, number, WED)
    days = [d for week in view.weeks for d in week if d is not None]
    assert days[0].date == date(year, number, 1) and days[-1].date.month == number


def test_platform_abbreviations() -> None:
    assert abbreviations(["instagram", "facebook", "x", "linkedin", "youtube", "tiktok"]) == {
        "instagram": "ig",
        "facebook": "fb",
        "x": "x",
        "linkedin": "li",
        "youtube": "yt",
        "tiktok": "tt",
    }
    assert abbreviations(["blogue", "blog", "newsletter"]) == {
        "blogue": "bl",
        "blog": "blog",
        "newsletter": "ne",
    }
    assert abbreviations(["igloo", "instagram"]) == {"igloo": "igl", "instagram": "ig"}


# --- tables at 80 columns, without colour -------------------------------------------------------------------


def test_upcoming_table_one_calendar(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    assert render(upcoming_table(upcoming([kitchen], today(), days=2))) == (
        "Wed 2026-12-02 to Thu 2026-12-03: 2 posts, 4 gaps (3 in required habits)\n"
        "Date       Time   Platform   Title                                 Owner  Status\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "Wed 12-02  —      blog       Holiday hours                                ready\n"
        "           —      facebook   missing 1 of 2: Question of the week         GAP\n"
        "                             (by Sun 12-06)\n"
        "           11:30  instagram  Soup                                  bob    draft\n"
        "           11:30  facebook   missing: Recipe of the day            alice  GAP\n"
        "\n"
        "Thu 12-03  11:30  instagram  missing: Recipe of the day            alice  GAP\n"
        "           11:30  facebook   missing: Recipe of the day            alice  GAP\n"
    )


def test_upcoming_table_several_calendars(tmp_path: Path) -> None:
    found = calendars(tmp_path, kitchen=KITCHEN, studio=STUDIO)
    assert render(upcoming_table(upcoming(found, today(), days=1))) == (
        "Wed 2026-12-02: 4 posts, 2 gaps (1 in required habits)\n"
        "Date       Time   Calendar  Platform   Title                    Owner  Status\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "Wed 12-02  —      Test      blog       Holiday hours                   ready\n"
        "           —      Test      facebook   missing 1 of 2:                 GAP\n"
        "                                       Question of the week\n"
        "                                       (by Sun 12-06)\n"
        "           09:00  Nordlys   linkedin   Case study: a museum     chloe  scheduled\n"
        "           11:30  Test      instagram  Soup                     bob    draft\n"
        "           11:30  Test      facebook   missing: Recipe of the   alice  GAP\n"
        "                                       day\n"
        "           13:00  Nordlys   x          Tip - kerning            bob    ready\n"
    )


def test_upcoming_table_at_120_columns_has_every_column(tmp_path: Path) -> None:
    found = calendars(tmp_path, kitchen=KITCHEN, studio=STUDIO)
    text = render(upcoming_table(upcoming(found, today(), days=1)), width=120)
    header = text.splitlines()[1].split()
    assert header == ["Date", "Time", "Calendar", "Platform", "Habit", "Type", "Title", "Owner", "Status"]
    assert "           11:30  Test Kitchen    instagram  daily   photo  Soup " in text
    assert max(len(line) for line in text.splitlines()) <= 120


def test_upcoming_table_escapes_markup_and_control_characters(tmp_path: Path) -> None:
    text = KITCHEN.replace("title: Holiday hours", 'title: "[bold]Sale[/] \\e[31m50%"')
    (kitchen,) = calendars(tmp_path, kitchen=text)
    shown = render(upcoming_table(upcoming([kitchen], today(), days=1)))
    assert "[bold]Sale[/] ?[31m50%" in shown
    assert "\x1b" not in shown


def test_upcoming_table_when_there_is_nothing(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    view = upcoming([kitchen], today(), days=1, filters=Filters(owners=frozenset({"nobody"})))
    assert render(upcoming_table(view)) == ("Wed 2026-12-02: no posts and no open habit slots\n")


def test_every_table_fits_narrow_terminals_without_losing_a_column(tmp_path: Path) -> None:
    found = calendars(tmp_path, kitchen=KITCHEN, studio=STUDIO)
    for width in (60, 80, 100, 120, 160):
        for renderable in (
            upcoming_table(upcoming(found, today(), days=7)),
            gaps_table(gaps(found, today(), days=7)),
            month_grid(month(found, 2026, 12, WED)),
        ):
            text = render(renderable, width)
            assert max(len(line) for line in text.splitlines()) <= width
    # Too narrow for every column: the owner goes first, and every status stays whole.
    narrow = render(upcoming_table(upcoming(found, today(), days=1)), 60)
    assert narrow.splitlines()[1].split() == ["Date", "Time", "Calendar", "Platform", "Title", "Status"]
    assert "scheduled" in narrow and narrow.count("GAP") == 2
    # Narrower still, the table becomes a list.
    assert render(upcoming_table(upcoming(found, today(), days=1)), 40) == (
        "Wed 2026-12-02: 4 posts, 2 gaps (1 in\n"
        "required habits)\n"
        "Wed 2026-12-02\n"
        "  — Test blog: Holiday hours (ready)\n"
        "  — Test facebook: missing 1 of 2:\n"
        "  Question of the week (by Sun 12-06)\n"
        "  (GAP)\n"
        "  09:00 Nordlys linkedin: Case study: a\n"
        "  museum (chloe, scheduled)\n"
        "  11:30 Test instagram: Soup (bob,\n"
        "  draft)\n"
        "  11:30 Test facebook: missing: Recipe\n"
        "  of the day (alice, GAP)\n"
        "  13:00 Nordlys x: Tip - kerning (bob,\n"
        "  ready)\n"
    )


def test_gaps_table(tmp_path: Path) -> None:
    (kitchen,) = calendars(tmp_path, kitchen=KITCHEN)
    assert render(gaps_table(gaps([kitchen], today(), days=7))) == (
        "Wed 2026-12-02 to Tue 2026-12-08: 15 open slots in 2 of 2 habits\n"
        "\n"
        "daily: 1 of 14 slots filled (7%) · Recipe of the day · required · owner alice\n"
        "  Wed 2026-12-02  11:30  facebook\n"
        "  Thu 2026-12-03  11:30  instagram, facebook\n"
        "  Fri 2026-12-04  11:30  instagram, facebook\n"
        "  Sat 2026-12-05  11:30  instagram, facebook\n"
        "  Sun 2026-12-06  11:30  instagram, facebook\n"
        "  Mon 2026-12-07  11:30  instagram, facebook\n"
        "  Tue 2026-12-08  11:30  instagram, facebook\n"
        "\n"
        "weekly: 0 of 2 slots filled (0%) · Question of the week\n"
        "  week 2026-W49 (Mon 2026-11-30 to Sun 2026-12-06)  —  facebook  missing 1 of 2\n"
        "  week 2026-W50 (Mon 2026-12-07 to Sun 2026-12-13)  —  facebook  missing 2 of 2\n"
    )


def test_gaps_table_several_calendars_and_a_full_habit(tmp_path: Path) -> None:
    found = calendars(tmp_path, kitchen=KITCHEN.replace("    required: true\n", ""), studio=STUDIO)
    view = gaps(found, today(), days=2, filters=Filters(habits=frozenset({"tips", "weekly"})))
    assert render(gaps_table(view)) == (
        "Wed 2026-12-02 to Thu 2026-12-03: 2 open slots in 2 of 2 habits\n"
        "\n"
        "Test Kitchen\n"
        "weekly: 0 of 1 slot filled (0%) · Question of the week\n"
        "  week 2026-W49 (Mon 2026-11-30 to Sun 2026-12-06)  —  facebook  missing 1 of 2\n"
        "\n"
        "Nordlys Studio\n"
        "tips: 1 of 2 slots filled (50%) · Tip of the day\n"
        "  Thu 2026-12-03  13:00  x\n"
    )
    full = gaps(found, today(), days=1, filters=Filters(habits=frozenset({"tips"})))
    assert render(gaps_table(full)) == (
        "Wed 2026-12-02: every slot of 1 habit is filled\n"
        "\n"
        "Nordlys Studio\n"
        "tips: 1 of 1 slot filled (100%) · Tip of the day\n"
    )


def test_month_grid(tmp_path: Path) -> None:
    (kitchen,) = calendars(
        tmp_path,
        kitchen=KITCHEN.replace("    start: 2026-12-01\n", "    start: 2026-12-01\n    end: 2026-12-10\n"),
    )
    assert render(month_grid(month([kitchen], 2026, 12, WED))) == (
        "                                 December 2026\n"
        "┌───────────┬───────────┬──────────┬──────────┬──────────┬──────────┬──────────┐\n"
        "│ Mon       │ Tue       │ Wed      │ Thu      │ Fri      │ Sat      │ Sun      │\n"
        "├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤\n"
        "│           │ 1         │ 2 today  │ 3        │ 4        │ 5        │ 6        │\n"
        "│           │ ig fb     │ ig blog  │ GAP ig fb│ GAP ig fb│ GAP ig fb│ GAP ig fb│\n"
        "│           │           │ GAP fb   │          │          │          │          │\n"
        "├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤\n"
        "│ 7         │ 8         │ 9        │ 10       │ 11       │ 12       │ 13       │\n"
        "│ GAP ig fb │ GAP ig fb │ GAP ig fb│ GAP ig fb│          │          │          │\n"
        "├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤\n"
        "│ 14        │ 15        │ 16       │ 17       │ 18       │ 19       │ 20       │\n"
        "├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤\n"
        "│ 21        │ 22        │ 23       │ 24       │ 25       │ 26       │ 27       │\n"
        "├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤\n"
        "│ 28        │ 29        │ 30       │ 31       │          │          │          │\n"
        "└───────────┴───────────┴──────────┴──────────┴──────────┴──────────┴──────────┘\n"
        "ig instagram · fb facebook · ig2: 2 posts on instagram · GAP: a slot a habit or\n"
        "an event promised that day, left open\n"
        "Week and month slots left open:\n"
        "  weekly on facebook: Mon 11-30 to Sun 12-06 (1 of 2 posts missing)\n"
        "  weekly on facebook: Mon 12-07 to Sun 12-13\n"
        "  weekly on facebook: Mon 12-14 to Sun 12-20\n"
        "  weekly on facebook: Mon 12-21 to Sun 12-27\n"
        "  weekly on facebook: Mon 12-28 to Sun 01-03\n"
        "December 2026: 3 posts, 22 gaps\n"
    )


def test_month_counts_several_posts_on_a_platform(tmp_path: Path) -> None:
    text = KITCHEN.replace(
        "    platform: blog\n    title: Holiday hours", "    platform: instagram\n    title: Extra"
    )
    found = calendars(tmp_path, kitchen=text, studio=STUDIO)
    grid = render(month_grid(month(found, 2026, 12, WED)), 120)
    assert "│ ig2 li x" in grid
    assert "weekly (Test) on facebook: Mon 11-30 to Sun 12-06" in grid
