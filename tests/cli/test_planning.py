"""Planning in the views as users see them: holidays, a blackout, an event with promised posts and ideas in
`upcoming`, `gaps` and `month` (golden text at 100 columns), their JSON fields, and the `--event` and
`--campaign` filters of views, exports and reports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.cli.test_views import cli

CALENDAR = str(Path(__file__).resolve().parents[1] / "data" / "planning")
TODAY = ["--today", "2026-12-21"]

UPCOMING = """\
Mon 2026-12-21 to Sun 2027-01-03: 1 post, 4 gaps (1 in required habits)
Date       Time   Platform   Habit        Type  Title                               Owner  Status
────────────────────────────────────────────────────────────────────────────────────────────────────
Tue 12-22  —      instagram  salon              Salon : J-7                         bob    scheduled
           —      facebook   salon              missing: Salon Gourmand             bob    GAP

Thu 12-24  08:00  facebook   blog-friday        missing: Article du vendredi        alice  GAP
                                                (moved from Fri 12-25, Christmas
                                                Day)

Fri 12-25  —                                    Christmas Day                              HOLIDAY

Sat 12-26  —                                    closed: Fermeture des fêtes (to            CLOSED
                                                Sun 12-27)

Tue 12-29  —                 salon              Salon Gourmand (day 1 of 2) ·       bob    EVENT
                                                Centre des congrès

Wed 12-30  —                 salon              Salon Gourmand (day 2 of 2) ·       bob    EVENT
                                                Centre des congrès

Thu 12-31  08:00  facebook   blog-friday        missing: Article du vendredi        alice  GAP
                                                (moved from Fri 01-01, New Year's
                                                Day)
           18:00  instagram  salon              missing: Salon Gourmand             bob    GAP

Fri 01-01  —                                    New Year's Day                             HOLIDAY
Ideas in the backlog: blog-friday 1 for 2 open slots, salon (event) 1 for 2 open slots
"""

GAPS = """\
Mon 2026-12-21 to Sun 2027-01-03: 4 open slots in 2 of 2 habits and events
Holidays: Fri 12-25 Christmas Day, Fri 01-01 New Year's Day
Closed: Sat 12-26 to Sun 12-27 Fermeture des fêtes
Events: Tue 12-29 to Wed 12-30 Salon Gourmand

blog-friday: 0 of 2 slots filled (0%) · Article du vendredi · owner alice · 1 idea in the backlog
  Thu 2026-12-24 (moved from Fri 2026-12-25, Christmas Day)   08:00  facebook
  Thu 2026-12-31 (moved from Fri 2027-01-01, New Year's Day)  08:00  facebook

event salon: 1 of 3 slots filled (33%)
  Salon Gourmand · required · owner bob · 1 idea in the backlog
  Tue 2026-12-22  —      facebook
  Thu 2026-12-31  18:00  instagram
"""

MONTH = """\
                                           December 2026
┌──────────────┬─────────────┬─────────────┬─────────────┬─────────────┬─────────────┬─────────────┐
│ Mon          │ Tue         │ Wed         │ Thu         │ Fri         │ Sat         │ Sun         │
├──────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│              │ 1           │ 2           │ 3           │ 4           │ 5           │ 6           │
│              │             │             │             │ GAP fb      │             │             │
├──────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│ 7            │ 8           │ 9           │ 10          │ 11          │ 12          │ 13          │
│              │             │             │             │ GAP fb      │             │             │
├──────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│ 14           │ 15          │ 16          │ 17          │ 18          │ 19          │ 20          │
│              │             │             │             │ fb          │             │             │
├──────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│ 21 today     │ 22          │ 23          │ 24          │ 25          │ 26          │ 27          │
│              │ ig          │             │ GAP fb      │ HOL         │ CLOSED      │ CLOSED      │
│              │ GAP fb      │             │             │             │             │             │
├──────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│ 28           │ 29          │ 30          │ 31          │             │             │             │
│              │ EVT salon   │ EVT salon   │ GAP ig fb   │             │             │             │
└──────────────┴─────────────┴─────────────┴─────────────┴─────────────┴─────────────┴─────────────┘
ig instagram · fb facebook · ig2: 2 posts on instagram · GAP: a habit slot of the day left open ·
HOL: a holiday · CLOSED: a blackout · EVT: an event
Holidays: Fri 12-25 Christmas Day
Closed: Sat 12-26 to Sun 12-27 Fermeture des fêtes
Events: Tue 12-29 to Wed 12-30 Salon Gourmand
December 2026: 2 posts, 6 gaps
"""


def test_upcoming_shows_holidays_blackouts_events_and_moved_slots(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["upcoming", CALENDAR, *TODAY], capsys, monkeypatch, width=100)
    assert (result.exit_code, result.stdout) == (0, UPCOMING)


def test_gaps_shows_the_planning_and_ideas(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["gaps", CALENDAR, *TODAY, "--days", "14"], capsys, monkeypatch, width=100)
    assert (result.exit_code, result.stdout) == (0, GAPS)


def test_month_marks_holidays_blackouts_and_events(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["month", "2026-12", CALENDAR, *TODAY], capsys, monkeypatch, width=100)
    assert (result.exit_code, result.stdout) == (0, MONTH)


def test_upcoming_json_planning_fields(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["upcoming", CALENDAR, *TODAY, "--format", "json"], capsys, monkeypatch)
    document = json.loads(result.stdout)
    assert document["holidays"] == [
        {"date": "2026-12-25", "calendar": "Cuisine Express", "name": "Christmas Day"},
        {"date": "2027-01-01", "calendar": "Cuisine Express", "name": "New Year's Day"},
    ]
    assert document["blackouts"] == [
        {
            "from": "2026-12-26",
            "to": "2026-12-27",
            "calendar": "Cuisine Express",
            "reason": "Fermeture des fêtes",
        }
    ]
    assert document["ideas"] == [
        {"calendar": "Cuisine Express", "habit": "blog-friday", "event": None, "open": 2, "ideas": 1},
        {"calendar": "Cuisine Express", "habit": None, "event": "salon", "open": 2, "ideas": 1},
    ]
    items = document["items"]
    events = [i for i in items if i["kind"] == "event"]
    assert [(i["date"], i["event"], i["title"], i["platform"], i["owner"]) for i in events] == [
        ("2026-12-29", "salon", "Salon Gourmand (day 1 of 2)", None, "bob"),
        ("2026-12-30", "salon", "Salon Gourmand (day 2 of 2)", None, "bob"),
    ]
    moved = [(i["date"], i["moved_from"], i["reason"]) for i in items if i["moved_from"]]
    assert moved == [
        ("2026-12-24", "2026-12-25", "Christmas Day"),
        ("2026-12-31", "2027-01-01", "New Year's Day"),
    ]
    (post,) = [i for i in items if i["kind"] == "post"]
    assert (post["event"], post["campaign"], post["moved_from"], post["reason"]) == (
        "salon",
        "noel",
        None,
        None,
    )
    event_gaps = [
        (i["date"], i["platform"], i["required"]) for i in items if i["kind"] == "gap" and i["event"]
    ]
    assert event_gaps == [("2026-12-22", "facebook", True), ("2026-12-31", "instagram", False)]


def test_event_filter_keeps_its_posts_days_and_slots(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["upcoming", CALENDAR, *TODAY, "--event", "salon", "--format", "json"], capsys, monkeypatch)
    kinds = [(i["kind"], i["date"]) for i in json.loads(result.stdout)["items"]]
    assert kinds == [
        ("post", "2026-12-22"),
        ("gap", "2026-12-22"),
        ("event", "2026-12-29"),
        ("event", "2026-12-30"),
        ("gap", "2026-12-31"),
    ]


def test_campaign_filter_keeps_only_its_posts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["upcoming", CALENDAR, "--today", "2026-12-14", "--campaign", "noel", "--format", "json"]
    items = json.loads(cli(args, capsys, monkeypatch).stdout)["items"]
    assert [(i["kind"], i["title"]) for i in items] == [("post", "Tourtière"), ("post", "Salon : J-7")]


def test_unknown_event_or_campaign_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["upcoming", CALENDAR, *TODAY, "--event", "salom"], capsys, monkeypatch)
    assert result.exit_code == 2 and "did you mean 'salon'?" in result.stderr
    result = cli(["gaps", CALENDAR, *TODAY, "--campaign", "nope"], capsys, monkeypatch)
    assert result.exit_code == 2 and "--campaign" in result.stderr


def test_ics_has_an_all_day_event_per_event_beside_the_posts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import icalendar

    result = cli(["export", CALENDAR, *TODAY, "--format", "ics"], capsys, monkeypatch)
    assert result.exit_code == 0
    parsed = icalendar.Calendar.from_ical(result.stdout)
    entries = [(str(e["X-CMCAL-KIND"]), str(e["SUMMARY"])) for e in parsed.walk("VEVENT")]
    assert entries == [
        ("post", "Tourtière (facebook)"),
        ("post", "Salon : J-7 (instagram)"),
        ("event", "Salon Gourmand"),
    ]
    (event,) = [e for e in parsed.walk("VEVENT") if str(e["X-CMCAL-KIND"]) == "event"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2026, 12, 29), date(2026, 12, 31))
    assert (str(event["LOCATION"]), str(event["X-CMCAL-EVENT"])) == ("Centre des congrès", "salon")


def test_ics_campaign_filter_leaves_events_out(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["export", CALENDAR, *TODAY, "--format", "ics", "--campaign", "noel"], capsys, monkeypatch)
    assert result.stdout.count("BEGIN:VEVENT") == 2 and "X-CMCAL-KIND:event" not in result.stdout
