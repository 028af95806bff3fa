"""Holidays and blackouts applied to habit slots: `on_holiday` keep / skip / before / after, and week windows
losing blacked-out days. Calendars are real YAML read by the real loader; holidays come from the `holidays`
package (CA-QC: Christmas Day is Fri 2026-12-25, New Year's Day Fri 2027-01-01)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cmcal.check.validate import check
from cmcal.files.loader import load
from cmcal.habits.slots import Slot, build_slots
from cmcal.model import Calendar

D = date.fromisoformat

HEAD = """\
calendar: Test
timezone: America/Toronto
platforms: [instagram]
holidays: [CA-QC]
"""


def read(tmp_path: Path, body: str) -> Calendar:
    path = tmp_path / "calendar.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    loaded = load([str(path)])
    assert not loaded.problems, loaded.problems
    return loaded.calendars[0]


def habit(every: str, mode: str, extra: str = "") -> str:
    return (
        f"habits:\n  h:\n    {every}\n    platforms: [instagram]\n    start: 2026-12-01\n"
        f"    on_holiday: {mode}\n{extra}"
    )


def days(slots: list[Slot]) -> list[tuple[str, str | None, str | None]]:
    """Each slot as (day, moved from, reason)."""
    return [
        (
            s.window.first.isoformat(),
            s.window.moved_from.isoformat() if s.window.moved_from else None,
            s.window.reason,
        )
        for s in slots
    ]


def around_christmas(calendar: Calendar) -> list[tuple[str, str | None, str | None]]:
    return days(build_slots(calendar, D("2026-12-23"), D("2026-12-28")))


# --- every: day -------------------------------------------------------------------------------------------


def test_daily_keep_keeps_the_holiday_slot(tmp_path: Path) -> None:
    calendar = read(tmp_path, habit("every: day", "keep"))
    assert [d for d, _, _ in around_christmas(calendar)] == [
        "2026-12-23",
        "2026-12-24",
        "2026-12-25",
        "2026-12-26",
        "2026-12-27",
        "2026-12-28",
    ]


def test_daily_skip_drops_the_holiday_slot(tmp_path: Path) -> None:
    calendar = read(tmp_path, habit("every: day", "skip"))
    assert "2026-12-25" not in [d for d, _, _ in around_christmas(calendar)]
    assert len(around_christmas(calendar)) == 5


@pytest.mark.parametrize("mode", ["before", "after"])
def test_daily_move_finds_no_free_day_and_drops_the_slot(tmp_path: Path, mode: str) -> None:
    # Every day is already a slot of a daily habit: a move would land on an existing slot, so it is dropped.
    calendar = read(tmp_path, habit("every: day", mode))
    slots = around_christmas(calendar)
    assert [d for d, _, _ in slots] == ["2026-12-23", "2026-12-24", "2026-12-26", "2026-12-27", "2026-12-28"]
    assert all(moved is None for _, moved, _ in slots)


# --- every: weekday ---------------------------------------------------------------------------------------


def test_weekday_after_moves_to_saturday(tmp_path: Path) -> None:
    calendar = read(tmp_path, habit("every: weekday", "after"))
    assert around_christmas(calendar) == [
        ("2026-12-23", None, None),
        ("2026-12-24", None, None),
        ("2026-12-26", "2026-12-25", "Christmas Day"),
        ("2026-12-28", None, None),
    ]


def test_weekday_before_steps_over_existing_slots(tmp_path: Path) -> None:
    # Thu 24 .. Mon 21 are slots already: the nearest earlier free day is Sun 2026-12-20.
    calendar = read(tmp_path, habit("every: weekday", "before"))
    slots = days(build_slots(calendar, D("2026-12-19"), D("2026-12-26")))
    assert slots[0] == ("2026-12-20", "2026-12-25", "Christmas Day")
    assert [d for d, _, _ in slots[1:]] == ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24"]


def test_weekday_skip(tmp_path: Path) -> None:
    calendar = read(tmp_path, habit("every: weekday", "skip"))
    assert [d for d, _, _ in around_christmas(calendar)] == ["2026-12-23", "2026-12-24", "2026-12-28"]


# --- fixed days of the week ---------------------------------------------------------------------------------


def test_fixed_day_before_steps_over_a_blackout(tmp_path: Path) -> None:
    blackout = "blackouts:\n  - { from: 2026-12-24, reason: Réveillon }\n"
    calendar = read(tmp_path, blackout + habit("every: week\n    days: [fri]", "before"))
    assert around_christmas(calendar) == [("2026-12-23", "2026-12-25", "Christmas Day")]


def test_fixed_day_after_steps_over_a_blackout_and_the_next_holiday(tmp_path: Path) -> None:
    # Fri 25 (Christmas) looks past the closure (26..31) and Fri 1 (New Year's Day, itself a slot): Sat 2.
    # Fri 1 then moves too, past Sat 2 (now a slot): Sun 3.
    blackout = "blackouts:\n  - { from: 2026-12-26, to: 2026-12-31, reason: Fermeture }\n"
    calendar = read(tmp_path, blackout + habit("every: week\n    days: [fri]", "after"))
    assert days(build_slots(calendar, D("2026-12-21"), D("2027-01-10"))) == [
        ("2027-01-02", "2026-12-25", "Christmas Day"),
        ("2027-01-03", "2027-01-01", "New Year's Day"),
        ("2027-01-08", None, None),
    ]


def test_fixed_day_keep_with_a_blackout_drops_the_slot(tmp_path: Path) -> None:
    blackout = "blackouts:\n  - { from: 2026-12-24, to: 2026-12-26 }\n"
    calendar = read(tmp_path, blackout + habit("every: week\n    days: [fri]", "keep"))
    assert around_christmas(calendar) == []


# --- RRULE ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("keep", [("2026-12-25", None, None)]),
        ("skip", []),
        ("before", [("2026-12-24", "2026-12-25", "Christmas Day")]),
        ("after", [("2026-12-26", "2026-12-25", "Christmas Day")]),
    ],
)
def test_rrule_occurrence_on_a_holiday(
    tmp_path: Path, mode: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    calendar = read(tmp_path, habit("rrule: FREQ=WEEKLY;BYDAY=FR", mode))
    assert around_christmas(calendar) == expected


# --- every mode on every kind of day slot, side by side ---------------------------------------------------

_KINDS = {
    "day": "every: day",
    "weekday": "every: weekday",
    "fixed-day": "every: week\n    days: [fri]",
    "rrule": "rrule: FREQ=WEEKLY;BYDAY=FR",
}
_MOVED = ("2026-12-25", "Christmas Day")
_EXPECTED: dict[tuple[str, str], list[tuple[str, str | None, str | None]]] = {
    # Wed 23 .. Mon 28, Christmas on Fri 25. A daily habit has no free day to move to: before/after drop it.
    ("day", "keep"): [(d, None, None) for d in ("2026-12-23", "2026-12-24", "2026-12-25", "2026-12-26",
                                                "2026-12-27", "2026-12-28")],
    ("day", "skip"): [(d, None, None) for d in ("2026-12-23", "2026-12-24", "2026-12-26", "2026-12-27",
                                                "2026-12-28")],
    ("day", "before"): [(d, None, None) for d in ("2026-12-23", "2026-12-24", "2026-12-26", "2026-12-27",
                                                  "2026-12-28")],
    ("day", "after"): [(d, None, None) for d in ("2026-12-23", "2026-12-24", "2026-12-26", "2026-12-27",
                                                 "2026-12-28")],
    ("weekday", "keep"): [(d, None, None) for d in ("2026-12-23", "2026-12-24", "2026-12-25", "2026-12-28")],
    ("weekday", "skip"): [(d, None, None) for d in ("2026-12-23", "2026-12-24", "2026-12-28")],
    # before steps over Thu 24 .. Mon 21 (slots already) to Sun 20, outside these days; New Year's Day
    # (Fri 1) steps over Thu 31 .. Mon 28 to Sun 27
    ("weekday", "before"): [("2026-12-23", None, None), ("2026-12-24", None, None),
                            ("2026-12-27", "2027-01-01", "New Year's Day"), ("2026-12-28", None, None)],
    ("weekday", "after"): [("2026-12-23", None, None), ("2026-12-24", None, None), ("2026-12-26", *_MOVED),
                           ("2026-12-28", None, None)],
    ("fixed-day", "keep"): [("2026-12-25", None, None)],
    ("fixed-day", "skip"): [],
    ("fixed-day", "before"): [("2026-12-24", *_MOVED)],
    ("fixed-day", "after"): [("2026-12-26", *_MOVED)],
    ("rrule", "keep"): [("2026-12-25", None, None)],
    ("rrule", "skip"): [],
    ("rrule", "before"): [("2026-12-24", *_MOVED)],
    ("rrule", "after"): [("2026-12-26", *_MOVED)],
}  # fmt: skip


@pytest.mark.parametrize(("kind", "mode"), sorted(_EXPECTED))
def test_every_mode_on_every_kind_of_day_slot(tmp_path: Path, kind: str, mode: str) -> None:
    calendar = read(tmp_path, habit(_KINDS[kind], mode))
    assert around_christmas(calendar) == _EXPECTED[(kind, mode)]


# --- week and month windows -------------------------------------------------------------------------------


def test_week_window_loses_blacked_out_days(tmp_path: Path) -> None:
    blackout = "blackouts:\n  - { from: 2026-12-24, to: 2026-12-27 }\n  - { from: 2026-12-30 }\n"
    body = blackout + habit("every: week", "keep")
    body += "posts:\n  - { date: 2026-12-30, platform: instagram, habit: h, title: F, status: cancelled }\n"
    calendar = read(tmp_path, body)
    slots = build_slots(calendar, D("2026-12-21"), D("2027-01-03"))
    assert [(s.window.first, s.window.last, sorted(s.window.closed)) for s in slots] == [
        (D("2026-12-21"), D("2026-12-23"), []),
        (D("2026-12-28"), D("2027-01-03"), [D("2026-12-30")]),
    ]
    assert D("2026-12-30") not in slots[1].window
    assert D("2026-12-31") in slots[1].window


def test_week_window_with_every_day_blacked_out_is_dropped(tmp_path: Path) -> None:
    blackout = "blackouts:\n  - { from: 2026-12-21, to: 2026-12-27 }\n"
    calendar = read(tmp_path, blackout + habit("every: week", "keep"))
    assert build_slots(calendar, D("2026-12-21"), D("2026-12-27")) == []


def test_a_post_on_a_closed_day_does_not_fill_the_week(tmp_path: Path) -> None:
    blackout = "blackouts:\n  - { from: 2026-12-23 }\n"
    body = blackout + habit("every: week", "keep")
    body += "posts:\n  - { date: 2026-12-23, platform: instagram, habit: h, title: Fermé }\n"
    calendar = read(tmp_path, body)
    (slot,) = build_slots(calendar, D("2026-12-21"), D("2026-12-27"))
    assert slot.is_gap


# --- check ------------------------------------------------------------------------------------------------


def test_gap_message_says_where_a_slot_came_from(tmp_path: Path) -> None:
    calendar = read(tmp_path, habit("every: week\n    days: [fri]", "before"))
    problems = check([calendar], lambda _c: D("2026-12-21"), 7)
    assert [p.message for p in problems if p.code == "gap"] == [
        'habit "h" has no post on instagram for Thu 2026-12-24, moved from Fri 2026-12-25 (Christmas Day); '
        "add one or skip the date"
    ]


def test_post_on_a_skipped_holiday_is_off_schedule(tmp_path: Path) -> None:
    body = habit("every: day", "skip")
    body += "posts:\n  - { date: 2026-12-25, platform: instagram, habit: h, title: Noël, status: ready }\n"
    calendar = read(tmp_path, body)
    problems = check([calendar], lambda _c: D("2026-12-01"), 0)
    assert [p.message for p in problems if p.code == "off-schedule"] == [
        'post "Noël" of Fri 2026-12-25 is on Fri 2026-12-25 (Christmas Day), a day habit "h" has no slot; '
        "move it to a slot (the next one: Sat 2026-12-26) or drop its habit"
    ]


def test_a_post_filling_a_moved_slot_is_on_schedule(tmp_path: Path) -> None:
    body = habit("every: week\n    days: [fri]", "before")
    body += "posts:\n  - { date: 2026-12-24, platform: instagram, habit: h, title: Veille, status: ready,\n"
    body += "      media: [{ url: https://cdn.example.org/veille.jpg, alt: La veille }] }\n"
    calendar = read(tmp_path, body)
    problems = check([calendar], lambda _c: D("2026-12-21"), 7)
    assert [p.code for p in problems] == []


# --- holiday names do not follow the machine's locale -------------------------------------------------------

_NAMES = (
    "from datetime import date; from cmcal.habits.holidays import holidays_between; "
    "print([n for _, n in holidays_between(('CA-QC', 'FR', 'DE'), date(2026, 12, 24), date(2027, 1, 1))])"
)


def test_holiday_names_are_the_same_in_every_locale() -> None:
    outputs = set()
    for lang in ("C", "en_US.UTF-8", "de_DE.UTF-8"):
        env = {**os.environ, "LANG": lang, "LC_ALL": lang, "LANGUAGE": lang.split(".")[0]}
        done = subprocess.run(
            [sys.executable, "-c", _NAMES], env=env, capture_output=True, text=True, check=True, timeout=60
        )
        outputs.add(done.stdout)
    assert outputs == {
        "['Christmas Day / Noël / Erster Weihnachtstag', 'Zweiter Weihnachtstag', "
        "\"New Year's Day / Jour de l'an / Neujahr\"]\n"
    }


# --- holiday names in the calendar's language -------------------------------------------------------------


def _names(tmp_path: Path, head: str, first: str, last: str) -> list[str]:
    from cmcal.views.compute import holidays_in

    path = tmp_path / "calendar.yaml"
    path.write_text(head + "platforms: [instagram]\n", encoding="utf-8")
    loaded = load([str(path)])
    assert not loaded.problems, loaded.problems
    return [h.name for h in holidays_in(loaded.calendars[0], D(first), D(last))]


def test_a_french_calendar_names_quebec_holidays_in_french(tmp_path: Path) -> None:
    head = "calendar: T\ntimezone: America/Toronto\nlanguage: fr-CA\nholidays: [CA-QC]\n"
    assert _names(tmp_path, head, "2026-06-24", "2026-07-01") == [
        "Fête nationale du Québec",
        "Fête du Canada",
    ]


def test_without_language_each_set_keeps_its_own_default(tmp_path: Path) -> None:
    head = "calendar: T\ntimezone: America/Toronto\nholidays: [CA-QC, FR]\n"
    assert _names(tmp_path, head, "2026-06-24", "2026-07-14") == [
        "Saint Jean Baptiste Day",
        "Canada Day",
        "Fête nationale",
    ]
    english = head.replace("holidays:", "language: en-CA\nholidays:")
    assert _names(tmp_path, english, "2026-06-24", "2026-07-14") == [
        "Saint Jean Baptiste Day",
        "Canada Day",
        "Fête nationale",
    ]


def test_a_set_without_the_calendars_language_keeps_its_default(tmp_path: Path) -> None:
    # The package has no French for the United States: its names stay in its default (American English),
    # beside the Québec names in French.
    head = "calendar: T\ntimezone: America/Toronto\nlanguage: fr-CA\nholidays: [US, CA-QC]\n"
    assert _names(tmp_path, head, "2026-07-01", "2026-07-04") == [
        "Fête du Canada",
        "Independence Day (observed)",
        "Independence Day",
    ]


def test_a_moved_slot_gives_the_french_holiday_name(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    french = HEAD.replace("holidays:", "language: fr-CA\nholidays:")
    path.write_text(french + habit("every: week\n    days: [fri]", "before"), encoding="utf-8")
    loaded = load([str(path)])
    assert around_christmas(loaded.calendars[0]) == [("2026-12-24", "2026-12-25", "Jour de Noël")]


def test_lang_overrides_the_calendars_language_for_holiday_names(tmp_path: Path) -> None:
    from cmcal.i18n import parse, set_override

    head = "calendar: T\ntimezone: America/Toronto\nlanguage: fr-CA\nholidays: [CA-QC]\n"
    set_override(parse("en"))
    try:
        assert _names(tmp_path, head, "2026-07-01", "2026-07-01") == ["Canada Day"]
    finally:
        set_override(None)
    assert _names(tmp_path, head, "2026-07-01", "2026-07-01") == ["Fête du Canada"]
