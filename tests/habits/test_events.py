"""Events: their promised posts are slots at offsets from the event's date, filled like habit slots."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cmcal.check.validate import check
from cmcal.files.loader import load
from cmcal.habits.slots import build_slots, fits, offset_label, open_slots
from cmcal.model import Calendar
from cmcal.model.planning import Idea

D = date.fromisoformat

CALENDAR = """\
calendar: Test
timezone: America/Toronto
platforms: [instagram, facebook, linkedin]
events:
  salon:
    title: Salon Gourmand
    date: 2027-03-02
    end: 2027-03-04
    owner: alice
    posts:
      - { offset: -7, platforms: [instagram, facebook], type: photo, required: true }
      - { offset: -1, platforms: [instagram], at: 18:00 }
      - { offset: 3, platforms: [linkedin] }
posts:
"""


def read(tmp_path: Path, posts: str = "", extra: str = "") -> Calendar:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR + posts + extra, encoding="utf-8")
    loaded = load([str(path)])
    assert not loaded.problems, loaded.problems
    return loaded.calendars[0]


def test_event_slots_fall_at_their_offsets_across_a_month_boundary(tmp_path: Path) -> None:
    calendar = read(tmp_path)
    slots = build_slots(calendar, D("2027-02-01"), D("2027-03-31"))
    assert [(s.event, s.habit, s.window.label, s.window.at, s.platform, s.required) for s in slots] == [
        ("salon", None, "Tue 2027-02-23", None, "facebook", True),
        ("salon", None, "Tue 2027-02-23", None, "instagram", True),
        ("salon", None, "Mon 2027-03-01", slots[2].window.at, "instagram", False),
        ("salon", None, "Fri 2027-03-05", None, "linkedin", False),
    ]
    assert f"{slots[2].window.at:%H:%M}" == "18:00"
    assert [s.type for s in slots] == ["photo", "photo", None, None]


def test_filled_open_and_off_schedule(tmp_path: Path) -> None:
    posts = (
        "  - { date: 2027-02-23, platforms: [instagram, facebook], event: salon, title: Teaser }\n"
        "  - { date: 2027-03-01, platform: facebook, event: salon, title: Mauvaise plateforme }\n"
        "  - { date: 2027-02-25, platform: instagram, event: salon, title: Hors créneau }\n"
    )
    calendar = read(tmp_path, posts)
    slots = build_slots(calendar, D("2027-02-20"), D("2027-03-10"))
    assert [(s.window.first.isoformat(), s.platform, len(s.filled_by)) for s in slots] == [
        ("2027-02-23", "facebook", 1),
        ("2027-02-23", "instagram", 1),
        ("2027-03-01", "instagram", 0),
        ("2027-03-05", "linkedin", 0),
    ]
    problems = check([calendar], lambda _c: D("2027-02-20"), 14)
    assert [(p.line, p.column, p.code, p.severity.value) for p in problems] == [
        (12, 9, "gap", "warning"),
        (13, 9, "gap", "warning"),
        (16, 13, "off-schedule", "warning"),
        (17, 13, "off-schedule", "warning"),
    ]
    assert problems[0].message == (
        'event "salon" has no post on instagram for Mon 2027-03-01 (18:00), the day before the event; add one'
    )
    assert problems[2].message == (
        'post "Mauvaise plateforme" of Mon 2027-03-01 names event "salon" but fills none of its promised '
        "posts (Tue 2027-02-23 on instagram/facebook, Mon 2027-03-01 on instagram, Fri 2027-03-05 on "
        "linkedin); move it to one of them or drop its `event`"
    )


def test_a_required_event_slot_gap_is_an_error(tmp_path: Path) -> None:
    calendar = read(tmp_path)
    problems = check([calendar], lambda _c: D("2027-02-23"), 1)
    assert [(p.line, p.code, p.severity.value) for p in problems] == [
        (11, "gap", "error"),
        (11, "gap", "error"),
    ]
    assert problems[0].message == (
        'event "salon" has no post on facebook for Tue 2027-02-23, 7 days before the event; add one'
    )


def test_overbooked_event_slot(tmp_path: Path) -> None:
    posts = (
        "  - { date: 2027-03-05, platform: linkedin, event: salon, title: Merci }\n"
        "  - { date: 2027-03-05, platform: linkedin, event: salon, title: Merci encore }\n"
    )
    calendar = read(tmp_path, posts)
    problems = check([calendar], lambda _c: D("2027-03-05"), 1)
    assert [(p.line, p.code) for p in problems] == [(16, "overbooked")]


def test_an_event_slot_in_a_blackout_is_dropped(tmp_path: Path) -> None:
    calendar = read(tmp_path, extra="blackouts: [{ from: 2027-03-05 }]\n")
    slots = build_slots(calendar, D("2027-02-01"), D("2027-03-31"))
    assert [s.window.first.isoformat() for s in slots] == ["2027-02-23", "2027-02-23", "2027-03-01"]


def test_open_slots_and_which_ideas_fit(tmp_path: Path) -> None:
    calendar = read(tmp_path)
    slots = open_slots(calendar, D("2027-02-23"), D("2027-03-01"))
    assert [(s.event, s.platform, s.window.first.isoformat()) for s in slots] == [
        ("salon", "facebook", "2027-02-23"),
        ("salon", "instagram", "2027-02-23"),
        ("salon", "instagram", "2027-03-01"),
    ]
    video = Idea(None, "Vidéo", platforms=("instagram",), type="video")
    anywhere = Idea(None, "Photo", event="salon")
    for_a_habit = Idea(None, "Recette", habit="daily")
    assert [fits(video, s) for s in slots] == [False, False, True]
    assert [fits(anywhere, s) for s in slots] == [True, True, True]
    assert [fits(for_a_habit, s) for s in slots] == [False, False, False]


@pytest.mark.parametrize(
    ("offset", "days", "label"),
    [
        (-7, 1, "7 days before the event"),
        (-1, 3, "the day before the event"),
        (0, 1, "the event's day"),
        (0, 3, "the event's first day"),
        (2, 3, "day 3 of the event"),
        (3, 3, "the day after the event"),  # a Friday-to-Sunday fair: +3 is the Monday after it
        (5, 3, "3 days after the event"),
        (1, 1, "the day after the event"),
    ],
)
def test_a_promised_post_is_placed_from_the_event_s_first_and_last_days(
    offset: int, days: int, label: str
) -> None:
    assert offset_label(offset, days) == label
