"""Habit recurrence: slot windows of every form, RRULE checks, and daylight-saving checks."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, time, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmcal.habits.recurrence import Window, local_time_issue, parse_rrule, slot_windows
from cmcal.model import Every, Habit

TORONTO = ZoneInfo("America/Toronto")
PARIS = ZoneInfo("Europe/Paris")
D = date.fromisoformat


def habit(**changes: Any) -> Habit:
    base = Habit("h", "Habit", ("instagram",), D("2026-01-01"), every=Every.DAY)
    return replace(base, **changes)


def spans(windows: list[Window]) -> list[tuple[str, str]]:
    return [(w.first.isoformat(), w.last.isoformat()) for w in windows]


def firsts(windows: list[Window]) -> list[str]:
    assert all(w.is_day for w in windows)
    return [w.first.isoformat() for w in windows]


# --- every: day / weekday ---------------------------------------------------------------------------------


def test_every_day_makes_one_window_a_day_with_the_habit_time() -> None:
    windows = slot_windows(habit(at=time(11, 30)), D("2026-12-01"), D("2026-12-03"))
    assert windows == [
        Window(D("2026-12-01"), D("2026-12-01"), time(11, 30), "Tue 2026-12-01"),
        Window(D("2026-12-02"), D("2026-12-02"), time(11, 30), "Wed 2026-12-02"),
        Window(D("2026-12-03"), D("2026-12-03"), time(11, 30), "Thu 2026-12-03"),
    ]


def test_every_weekday_is_monday_to_friday() -> None:
    windows = slot_windows(habit(every=Every.WEEKDAY), D("2026-12-04"), D("2026-12-08"))
    assert firsts(windows) == ["2026-12-04", "2026-12-07", "2026-12-08"]


def test_an_empty_or_reversed_range_has_no_window() -> None:
    assert slot_windows(habit(), D("2026-12-05"), D("2026-12-04")) == []


def test_a_habit_without_every_or_rrule_has_no_window() -> None:
    assert slot_windows(habit(every=None), D("2026-12-01"), D("2026-12-31")) == []


# --- every: week ------------------------------------------------------------------------------------------


def test_week_without_days_is_the_iso_week_across_the_year_boundary() -> None:
    windows = slot_windows(habit(every=Every.WEEK), D("2026-12-30"), D("2027-01-05"))
    assert spans(windows) == [("2026-12-28", "2027-01-03"), ("2027-01-04", "2027-01-10")]
    assert windows[0].label == "week 2026-W53 (Mon 2026-12-28 to Sun 2027-01-03)"
    assert windows[1].label == "week 2027-W01 (Mon 2027-01-04 to Sun 2027-01-10)"
    assert windows[0].days == 7 and not windows[0].is_day
    assert D("2027-01-02") in windows[0] and D("2027-01-04") not in windows[0]


def test_a_week_window_is_returned_whole_when_the_range_touches_it() -> None:
    windows = slot_windows(habit(every=Every.WEEK), D("2026-12-06"), D("2026-12-06"))
    assert spans(windows) == [("2026-11-30", "2026-12-06")]


def test_week_with_days_makes_one_day_windows_on_those_days() -> None:
    windows = slot_windows(habit(every=Every.WEEK, days=(0, 3), at=time(9)), D("2026-12-28"), D("2027-01-10"))
    assert firsts(windows) == ["2026-12-28", "2026-12-31", "2027-01-04", "2027-01-07"]
    assert windows[1].label == "Thu 2026-12-31" and windows[1].at == time(9)


def test_week_starting_on_a_sunday_has_a_one_day_first_window() -> None:
    weekly = habit(every=Every.WEEK, start=D("2026-12-06"))
    windows = slot_windows(weekly, D("2026-11-01"), D("2026-12-13"))
    assert spans(windows) == [("2026-12-06", "2026-12-06"), ("2026-12-07", "2026-12-13")]
    assert windows[0].label == "week 2026-W49 (Sun 2026-12-06 to Sun 2026-12-06)"


def test_week_window_is_cut_at_the_habit_end() -> None:
    weekly = habit(every=Every.WEEK, start=D("2026-11-30"), end=D("2026-12-09"))
    windows = slot_windows(weekly, D("2026-11-01"), D("2026-12-31"))
    assert spans(windows) == [("2026-11-30", "2026-12-06"), ("2026-12-07", "2026-12-09")]


# --- every: month -----------------------------------------------------------------------------------------


def test_month_without_days_is_the_calendar_month() -> None:
    windows = slot_windows(habit(every=Every.MONTH), D("2027-02-10"), D("2027-03-01"))
    assert spans(windows) == [("2027-02-01", "2027-02-28"), ("2027-03-01", "2027-03-31")]
    assert [w.label for w in windows] == ["February 2027", "March 2027"]


def test_month_window_cut_by_start_and_end_shows_its_days() -> None:
    monthly = habit(every=Every.MONTH, start=D("2026-12-02"), end=D("2027-01-10"))
    windows = slot_windows(monthly, D("2026-01-01"), D("2027-12-31"))
    assert spans(windows) == [("2026-12-02", "2026-12-31"), ("2027-01-01", "2027-01-10")]
    assert windows[0].label == "December 2026 (Wed 2026-12-02 to Thu 2026-12-31)"


def test_month_day_31_is_clamped_to_the_last_day_of_short_months() -> None:
    windows = slot_windows(habit(every=Every.MONTH, days=(31,)), D("2026-11-01"), D("2028-03-01"))
    got = firsts(windows)
    assert got[:5] == ["2026-11-30", "2026-12-31", "2027-01-31", "2027-02-28", "2027-03-31"]
    assert "2028-02-29" in got  # a leap year
    assert len(got) == 16


def test_month_day_minus_one_is_the_last_day() -> None:
    windows = slot_windows(habit(every=Every.MONTH, days=(-1,)), D("2027-01-01"), D("2027-04-30"))
    assert firsts(windows) == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]


def test_month_days_landing_on_the_same_date_make_one_window() -> None:
    windows = slot_windows(habit(every=Every.MONTH, days=(30, 31, -1, 1)), D("2026-11-01"), D("2026-11-30"))
    assert firsts(windows) == ["2026-11-01", "2026-11-30"]


def test_month_days_in_february_and_from_the_end() -> None:
    windows = slot_windows(habit(every=Every.MONTH, days=(29, 30, -2)), D("2027-02-01"), D("2027-02-28"))
    assert firsts(windows) == ["2027-02-27", "2027-02-28"]


# --- start, end, skip -------------------------------------------------------------------------------------


def test_no_window_before_start_or_after_end() -> None:
    daily = habit(start=D("2026-12-01"), end=D("2026-12-03"))
    assert firsts(slot_windows(daily, D("2026-11-25"), D("2026-12-31"))) == [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
    ]
    assert slot_windows(daily, D("2026-12-04"), D("2026-12-31")) == []


def test_skip_removes_a_one_day_window() -> None:
    daily = habit(skip=frozenset({D("2026-12-25")}))
    assert firsts(slot_windows(daily, D("2026-12-24"), D("2026-12-26"))) == ["2026-12-24", "2026-12-26"]


def test_skip_inside_a_week_keeps_the_week_window() -> None:
    weekly = habit(every=Every.WEEK, skip=frozenset({D("2026-12-25")}))
    assert spans(slot_windows(weekly, D("2026-12-25"), D("2026-12-25"))) == [("2026-12-21", "2026-12-27")]


def test_a_week_whose_every_day_is_skipped_has_no_window() -> None:
    week = frozenset(D("2026-12-21") + timedelta(days=n) for n in range(7))
    weekly = habit(every=Every.WEEK, skip=week)
    assert spans(slot_windows(weekly, D("2026-12-14"), D("2026-12-31"))) == [
        ("2026-12-14", "2026-12-20"),
        ("2026-12-28", "2027-01-03"),
    ]


def test_skip_inside_a_month_keeps_the_month_window() -> None:
    monthly = habit(every=Every.MONTH, skip=frozenset({D("2026-12-25")}))
    assert spans(slot_windows(monthly, D("2026-12-01"), D("2026-12-31"))) == [("2026-12-01", "2026-12-31")]


def test_skip_removes_a_fixed_weekly_or_monthly_day() -> None:
    weekly = habit(every=Every.WEEK, days=(4,), skip=frozenset({D("2026-12-25")}))
    assert firsts(slot_windows(weekly, D("2026-12-18"), D("2027-01-01"))) == ["2026-12-18", "2027-01-01"]
    monthly = habit(every=Every.MONTH, days=(-1,), skip=frozenset({D("2026-12-31")}))
    assert firsts(slot_windows(monthly, D("2026-11-01"), D("2027-01-31"))) == ["2026-11-30", "2027-01-31"]


# --- rrule ------------------------------------------------------------------------------------------------


def test_rrule_every_other_thursday_from_start() -> None:
    live = habit(every=None, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", start=D("2026-12-03"), at=time(19))
    windows = slot_windows(live, D("2026-11-01"), D("2027-01-31"))
    assert firsts(windows) == ["2026-12-03", "2026-12-17", "2026-12-31", "2027-01-14", "2027-01-28"]
    assert {w.at for w in windows} == {time(19)}
    # the phase comes from the start, not from the range asked for
    assert firsts(slot_windows(live, D("2027-01-15"), D("2027-01-31"))) == ["2027-01-28"]


def test_rrule_respects_skip_and_end() -> None:
    live = habit(
        every=None,
        rrule="FREQ=WEEKLY;BYDAY=TH",
        start=D("2026-12-03"),
        end=D("2026-12-24"),
        skip=frozenset({D("2026-12-10")}),
    )
    assert firsts(slot_windows(live, D("2026-12-01"), D("2027-12-31"))) == [
        "2026-12-03",
        "2026-12-17",
        "2026-12-24",
    ]


def test_rrule_count_and_until() -> None:
    counted = habit(every=None, rrule="FREQ=DAILY;COUNT=3", start=D("2026-12-01"), at=time(11, 30))
    assert firsts(slot_windows(counted, D("2026-12-01"), D("2026-12-31"))) == [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
    ]
    # a date UNTIL includes that whole day, even with a slot time
    until = habit(every=None, rrule="FREQ=DAILY;UNTIL=20261203", start=D("2026-12-01"), at=time(23, 30))
    assert firsts(slot_windows(until, D("2026-11-01"), D("2026-12-31"))) == [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
    ]


def test_rrule_monthly_last_friday_and_yearly() -> None:
    last_friday = habit(every=None, rrule="FREQ=MONTHLY;BYDAY=-1FR", start=D("2026-12-01"))
    assert firsts(slot_windows(last_friday, D("2026-12-01"), D("2027-02-28"))) == [
        "2026-12-25",
        "2027-01-29",
        "2027-02-26",
    ]
    yearly = habit(every=None, rrule="RRULE:freq=yearly;bymonth=6;bymonthday=21", start=D("2026-01-01"))
    assert firsts(slot_windows(yearly, D("2026-01-01"), D("2028-12-31"))) == [
        "2026-06-21",
        "2027-06-21",
        "2028-06-21",
    ]


def test_rrule_wins_over_every_and_a_bad_rrule_has_no_window() -> None:
    both = habit(every=Every.DAY, rrule="FREQ=WEEKLY;BYDAY=MO", start=D("2026-12-01"))
    assert firsts(slot_windows(both, D("2026-12-01"), D("2026-12-14"))) == ["2026-12-07", "2026-12-14"]
    broken = habit(every=None, rrule="FREQ=WEEKLY;BYDAY=XX")
    assert slot_windows(broken, D("2026-12-01"), D("2026-12-31")) == []
    never = habit(every=None, rrule="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
    assert slot_windows(never, D("2026-01-01"), D("2036-12-31")) == []


@pytest.mark.parametrize(
    "body",
    [
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        "RRULE:FREQ=DAILY",
        "freq=monthly;byday=1mo",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
        "FREQ=WEEKLY;UNTIL=20270101",
        "FREQ=WEEKLY;UNTIL=20270101T120000;WKST=SU",
        "FREQ=DAILY;COUNT=1",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    ],
)
def test_parse_rrule_accepts_valid_rules(body: str) -> None:
    assert parse_rrule(body, D("2026-12-01"), time(11, 30)) is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", "is empty"),
        ("BYDAY=TH", "needs FREQ"),
        ("FREQ=WEAKLY", "FREQ=WEAKLY is not a frequency"),
        ("FREQ=HOURLY", "finer than a day"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR is not supported"),
        ("FREQ=WEEKLY;BYDAZ=TH", "did you mean BYDAY?"),
        ("FREQ=WEEKLY;BYDAY=XX", '"XX" is not a day'),
        ("FREQ=WEEKLY;BYDAY=TH;BYDAY=FR", "BYDAY is given twice"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL=0 must be a whole number"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT=0 must be a whole number"),
        ("FREQ=WEEKLY;COUNT=2;UNTIL=20270101", "both COUNT and UNTIL"),
        ("FREQ=WEEKLY;UNTIL=2027", "UNTIL=2027 is not a date"),
        ("FREQ=WEEKLY;UNTIL=20270230", "UNTIL=20270230 is not a date"),
        ("FREQ=WEEKLY;UNTIL=20270101T000000Z", "is in UTC"),
        ("FREQ=WEEKLY;UNTIL=20261130", "ends before the habit's start (2026-12-01)"),
        ("FREQ=WEEKLY;DTSTART=20200101", "DTSTART comes from the habit"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "32 is out of range"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "0 is out of range"),
        ("FREQ=YEARLY;BYMONTH=13", "13 is out of range"),
        ("FREQ=MONTHLY;BYDAY=6MO", "at most 5"),
        ("FREQ=WEEKLY;BYDAY=1MO", "needs FREQ=MONTHLY or FREQ=YEARLY"),
        ("FREQ=WEEKLY;BYMONTHDAY=3", "cannot be used with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY"),
        ("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3", "never matches"),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=WE", "only lands on a Tue"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "no date matches BYMONTH=2;BYMONTHDAY=30"),
        ("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "never occurs"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "no occurrence in the 10 years"),
        ("FREQ=WEEKLY\nFREQ=DAILY", "one line"),
    ],
)
def test_parse_rrule_says_what_is_wrong(body: str, expected: str) -> None:
    message = parse_rrule(body, D("2026-12-01"), time(11, 30))
    assert message is not None and expected in message


def test_parse_rrule_start_day_matters_for_monthly_defaults() -> None:
    assert parse_rrule("FREQ=MONTHLY;BYMONTH=2", D("2026-12-01")) is None
    message = parse_rrule("FREQ=MONTHLY;BYMONTH=2", D("2026-12-30"))
    assert message is not None and "on day 30 (the habit's start day)" in message


def test_rules_that_never_occur_are_refused() -> None:
    for n, body in enumerate(
        [
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
            "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
            "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31;BYDAY=MO",
            "FREQ=DAILY;BYSETPOS=2;BYDAY=MO",
            "FREQ=DAILY;BYWEEKNO=60",
        ]
    ):
        assert parse_rrule(body, D("2026-12-01") + timedelta(days=n)) is not None


def test_importing_recurrence_does_not_import_dateutil() -> None:
    code = "import sys, cmcal.habits.recurrence; sys.exit('dateutil' in ' '.join(sys.modules))"
    src = Path(__file__).resolve().parents[2] / "src"
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(src)}, check=False)
    assert result.returncode == 0


# --- daylight saving --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        (TORONTO, "2027-03-14", time(2, 30), "nonexistent"),
        (TORONTO, "2027-03-14", time(2, 0), "nonexistent"),
        (TORONTO, "2027-03-14", time(1, 59), None),
        (TORONTO, "2027-03-14", time(3, 0), None),
        (TORONTO, "2026-11-01", time(1, 30), "ambiguous"),
        (TORONTO, "2026-11-01", time(1, 0), "ambiguous"),
        (TORONTO, "2026-11-01", time(2, 0), None),
        (TORONTO, "2026-11-01", time(0, 59), None),
        (TORONTO, "2027-03-13", time(2, 30), None),
        (PARIS, "2027-03-28", time(2, 30), "nonexistent"),
        (PARIS, "2027-03-28", time(3, 0), None),
        (PARIS, "2026-10-25", time(2, 30), "ambiguous"),
        (PARIS, "2026-10-25", time(3, 0), None),
        (PARIS, "2026-10-25", time(1, 59), None),
        (PARIS, "2026-07-14", time(2, 30), None),
    ],
)
def test_local_time_issue(zone: ZoneInfo, day: str, at: time, expected: str | None) -> None:
    assert local_time_issue(zone, D(day), at) == expected


def test_windows_are_local_days_whatever_the_clock_change() -> None:
    daily = habit(at=time(2, 30))
    assert firsts(slot_windows(daily, D("2027-03-13"), D("2027-03-15"))) == [
        "2027-03-13",
        "2027-03-14",
        "2027-03-15",
    ]


# --- properties -------------------------------------------------------------------------------------------

DAY0 = D("2026-11-01")
RULES = [
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=DAILY",
]


def days_from(lo: int, hi: int) -> st.SearchStrategy[date]:
    return st.integers(lo, hi).map(lambda n: DAY0 + timedelta(days=n))


@st.composite
def habits(draw: st.DrawFn) -> Habit:
    every = draw(st.sampled_from([*Every, None]))
    if every is None:
        rrule: str | None = draw(st.sampled_from(RULES))
        days: tuple[int, ...] = ()
    else:
        rrule = None
        if every is Every.WEEK:
            days = tuple(draw(st.sets(st.integers(0, 6), max_size=3)))
        elif every is Every.MONTH:
            days = tuple(draw(st.sets(st.sampled_from([1, 15, 28, 29, 30, 31, -1, -2]), max_size=3)))
        else:
            days = ()
    start = draw(days_from(0, 120))
    end = draw(st.none() | days_from(0, 200).filter(lambda d: d >= start))
    skip = frozenset(draw(st.lists(days_from(0, 200), max_size=12)))
    return Habit("h", "Habit", ("instagram",), start, every=every, days=days, rrule=rrule, end=end, skip=skip)


def day_rule(h: Habit) -> bool:
    """Whether the habit's windows are single days picked by a rule on each date (the oracle below)."""
    return h.rrule is None and (h.every in (Every.DAY, Every.WEEKDAY) or bool(h.days))


def expected_day(h: Habit, d: date) -> bool:
    if d < h.start or (h.end is not None and d > h.end) or d in h.skip:
        return False
    if h.every is Every.DAY:
        return True
    if h.every is Every.WEEKDAY:
        return d.weekday() < 5
    if h.every is Every.WEEK:
        return d.weekday() in h.days
    last = (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return d.day in {min(n, last.day) if n > 0 else last.day + 1 + n for n in h.days}


@settings(max_examples=300, deadline=None)
@given(habits(), days_from(-10, 220), st.integers(0, 90), st.integers(0, 60))
def test_windows_are_sorted_disjoint_in_range_and_consistent(
    h: Habit, start: date, length: int, cut: int
) -> None:
    end = start + timedelta(days=length)
    windows = slot_windows(h, start, end)
    for w in windows:
        assert w.first <= w.last
        assert w.intersects(start, end)
        assert h.start <= w.first and (h.end is None or w.last <= h.end)
        assert not all(w.first + timedelta(days=n) in h.skip for n in range(w.days))
        assert w.days <= 7 or (h.every is Every.MONTH and not h.days)
    assert all(a.last < b.first for a, b in pairwise(windows))
    # asking for part of the range gives the windows that touch that part, unchanged
    middle = start + timedelta(days=min(cut, length))
    assert slot_windows(h, start, middle) == [w for w in windows if w.intersects(start, middle)]
    if day_rule(h):
        days = [start + timedelta(days=n) for n in range(length + 1)]
        assert [w.first for w in windows] == [d for d in days if expected_day(h, d)]


# --- RRULE over a window far from the start -----------------------------------------------------------------


def test_a_daily_rule_from_year_one_walks_only_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ten such habits took 17 to 39 s: dateutil walked every day since 0001-01-01. Count the days it makes.
    from dateutil import rrule as dateutil_rrule

    made: list[int] = []
    original = dateutil_rrule.rrule._iter

    def counting(self: Any) -> Any:
        for n, occurrence in enumerate(original(self), 1):
            made.append(n)
            yield occurrence

    monkeypatch.setattr(dateutil_rrule.rrule, "_iter", counting)
    h = habit(every=None, rrule="FREQ=DAILY", start=D("0001-01-01"))
    assert firsts(slot_windows(h, D("2026-12-01"), D("2026-12-03"))) == [
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
    ]
    assert len(made) < 10


_RULES = [
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=DAILY;INTERVAL=10;BYDAY=MO,FR",
    "FREQ=DAILY;BYMONTHDAY=31",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,SA",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=5",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15,-1",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
    "FREQ=YEARLY",
    "FREQ=YEARLY;INTERVAL=4",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO",
    "FREQ=YEARLY;BYYEARDAY=1,-1",
    "FREQ=YEARLY;INTERVAL=3;BYMONTH=3,9",
    "FREQ=MONTHLY;UNTIL=20310115",
    "FREQ=DAILY;COUNT=3000",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=400",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=100",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=4",
]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_RULES),
    st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    st.integers(0, 40 * 366),
    st.integers(0, 400),
    st.sampled_from([None, time(9, 30)]),
)
def test_a_window_far_from_the_start_has_the_occurrences_of_the_whole_rule(
    body: str, start: date, offset: int, length: int, at: time | None
) -> None:
    from datetime import datetime

    from dateutil.rrule import rrulestr

    h = habit(every=None, rrule=body, start=start, at=at)
    if parse_rrule(body, start, at) is not None:
        return  # never occurs from this start
    lo = start + timedelta(days=offset)
    hi = lo + timedelta(days=length)
    dtstart = datetime.combine(start, at or time.min)
    whole = rrulestr(body.replace("UNTIL=20310115", "UNTIL=20310115T235959"), dtstart=dtstart)
    expected = sorted(
        {
            d.date()
            for d in whole.between(datetime.combine(lo, time.min), datetime.combine(hi, time.max), inc=True)
        }
    )
    assert [w.first for w in slot_windows(h, lo, hi)] == expected


def test_a_count_must_end_within_twenty_years() -> None:
    # COUNT is counted from the start: a rule that ends is read once to its end, then runs from any window.
    assert parse_rrule("FREQ=DAILY;COUNT=7300", D("2026-01-01")) is None
    assert parse_rrule("FREQ=DAILY;COUNT=999999", D("0001-01-01")) == (
        "COUNT=999999 runs past the 20 years after the habit's start (0001-01-01); "
        "end it with UNTIL, or give a smaller COUNT"
    )
    h = habit(every=None, rrule="FREQ=WEEKLY;COUNT=3", start=D("0001-01-01"))
    assert slot_windows(h, D("2026-12-01"), D("2026-12-31")) == []
    assert firsts(slot_windows(h, D("0001-01-01"), D("0001-02-28"))) == [
        "0001-01-01",
        "0001-01-08",
        "0001-01-15",
    ]
