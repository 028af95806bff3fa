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
ig instagram · fb facebook · ig2: 2 posts on instagram · GAP: a slot a habit or an event promised
that day, left open · HOL: a holiday · CLOSED: a blackout · EVT: an event
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


def test_gaps_json_lists_habits_and_events_apart_with_the_planning_fields(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["gaps", CALENDAR, *TODAY, "--days", "14", "--format", "json"], capsys, monkeypatch)
    document = json.loads(result.stdout)
    assert list(document) == ["version", "start", "end", "items", "habits", "events", "holidays", "blackouts"]
    assert document["habits"] == [
        {
            "calendar": "Cuisine Express",
            "habit": "blog-friday",
            "title": "Article du vendredi",
            "owner": "alice",
            "required": False,
            "slots": 2,
            "filled": 0,
            "percent": 0,
            "ideas": 1,
        }
    ]
    assert document["events"] == [
        {
            "calendar": "Cuisine Express",
            "event": "salon",
            "title": "Salon Gourmand",
            "date": "2026-12-29",
            "end": "2026-12-30",
            "location": "Centre des congrès",
            "owner": "bob",
            "required": True,
            "slots": 3,
            "filled": 1,
            "percent": 33,
            "ideas": 1,
        }
    ]
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
    # Every item is a gap with the planning fields: the habit's moved slots say from where and why, the
    # event's promised posts name their event (and no habit).
    fields = ("date", "kind", "habit", "event", "campaign", "platform", "moved_from", "reason", "required")
    assert [tuple(i[f] for f in fields) for i in document["items"]] == [
        ("2026-12-22", "gap", None, "salon", None, "facebook", None, None, True),
        ("2026-12-24", "gap", "blog-friday", None, None, "facebook", "2026-12-25", "Christmas Day", False),
        ("2026-12-31", "gap", "blog-friday", None, None, "facebook", "2027-01-01", "New Year's Day", False),
        ("2026-12-31", "gap", None, "salon", None, "instagram", None, None, False),
    ]


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


CAMPAIGN_CALENDAR = """\
calendar: Campagne
timezone: America/Toronto
platforms: [instagram, facebook]
events:
  salon:
    date: 2026-12-20
    posts:
      - { offset: -2, platforms: [instagram], required: true }
      - { offset: 1, platforms: [facebook] }
  atelier:
    title: Atelier des fêtes
    date: 2026-12-10
    posts:
      - { offset: -7, platforms: [instagram, facebook] }
      - { offset: 0, platforms: [instagram], times: 2 }
  bilan:
    title: Bilan de l'année
    date: 2026-12-28
    posts:
      - { offset: 0, platforms: [facebook] }
campaigns:
  noel: { title: Noël gourmand, start: 2026-12-01, end: 2026-12-24 }
posts:
  - date: 2026-12-05
    platforms: [instagram, facebook]
    campaign: noel
    title: Biscuits
    status: published
    metrics:
      instagram: { reach: 1000, likes: 50, comments: 10 }
      facebook: { reach: 500, likes: 20 }
  - { date: 2026-12-18, platform: instagram, campaign: noel, event: salon, title: J-2, status: published }
  - { date: 2026-12-20, platform: instagram, campaign: noel, title: Annulé, status: cancelled }
  - { date: 2026-12-30, platform: facebook, title: Hors campagne, status: published }
  - { date: 2026-12-03, platform: instagram, event: atelier, title: Teaser atelier, status: draft }
  - { date: 2026-12-10, platform: instagram, event: atelier, title: Atelier en direct, status: published }
"""


def test_report_campaigns_and_event_adherence_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CAMPAIGN_CALENDAR, encoding="utf-8")
    args = ["report", str(path), "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json"]
    (cr,) = json.loads(cli(args, capsys, monkeypatch).stdout)["calendars"]
    (campaign,) = cr["campaigns"]
    # Biscuits (2 publications, published) and J-2 (1, published); the cancelled post does not count.
    assert (campaign["campaign"], campaign["posts"], campaign["publications"], campaign["published"]) == (
        "noel",
        2,
        3,
        3,
    )
    # Engagements 50 + 10 + 20 = 80 over a reach of 1000 + 500 (J-2 has no metrics: no data).
    overall = campaign["engagement"]
    assert (overall["engagements"], overall["denominator"], overall["no_data"]) == (80, 1500, 1)
    assert overall["rate"] == pytest.approx(80 / 1500, abs=1e-4)
    rates = {g["key"]: g["rate"] for g in campaign["by_platform"]}
    assert rates == {"instagram": pytest.approx(0.06), "facebook": pytest.approx(0.04)}
    # The salon's two promised slots: the one 2 days before is filled and published, the day after is not.
    rows = [(r["event"], r["platform"], r["slots"], r["published"]) for r in cr["adherence"]["rows"]]
    assert rows == [
        ("salon", "instagram", 1, 1),
        ("salon", "facebook", 1, 0),
        ("atelier", "instagram", 2, 0),
        ("atelier", "facebook", 1, 0),
        ("bilan", "facebook", 1, 0),
    ]
    # The campaign's event slots: the events whose first day is in Dec 1–24, atelier (Dec 10) then salon
    # (Dec 20); not bilan (Dec 28).
    #   atelier: Dec 3 on instagram (the draft teaser: filled, not published), Dec 3 on facebook (open),
    #            Dec 10 on instagram needing 2 posts (one: not filled) → 3 promised, 1 filled, 0 published;
    #   salon:   Dec 18 on instagram (published), Dec 21 on facebook (open) → 2 promised, 1 filled,
    #            1 published;
    #   together 5 promised, 2 filled, 1 published: 2 ÷ 5 = 40%.
    slots = campaign["event_slots"]
    assert (slots["slots"], slots["filled"], slots["published"], slots["adherence"]) == (5, 2, 1, 0.4)
    assert [(e["event"], e["slots"], e["filled"], e["published"]) for e in slots["events"]] == [
        ("atelier", 3, 1, 0),
        ("salon", 2, 1, 1),
    ]
    assert [e["adherence"] for e in slots["events"]] == [pytest.approx(1 / 3), 0.5]
    assert slots["events"][0]["title"] == "Atelier des fêtes"


def test_report_campaign_section_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CAMPAIGN_CALENDAR, encoding="utf-8")
    base = ["report", str(path), "--from", "2026-12-01", "--to", "2026-12-31"]
    for fmt, needle in (("table", "Campaigns"), ("markdown", "## Campaigns"), ("html", "<h2>Campaigns</h2>")):
        out = cli([*base, "--format", fmt], capsys, monkeypatch, width=120).stdout
        assert needle in out and "Noël gourmand (noel)" in out, fmt
        assert "Noël gourmand: event slots" in out, fmt
    table = cli([*base, "--format", "table"], capsys, monkeypatch, width=120).stdout
    words = [" ".join(line.split()) for line in table.splitlines()]
    assert "Event Promised Filled Published Adherence" in words
    assert "Atelier des fêtes (atelier) 3 1 0 33.33%" in words
    assert "salon (salon) 2 1 1 50.00%" in words
    assert "All events 5 2 1 40.00%" in words
    markdown = cli([*base, "--format", "markdown"], capsys, monkeypatch).stdout
    assert (
        "| Event | Promised | Filled | Published | Adherence |\n| --- | ---: | ---: | ---: | ---: |\n"
        in markdown
    )
    assert "| Atelier des fêtes (atelier) | 3 | 1 | 0 | 33.33% |\n" in markdown
    html = cli([*base, "--format", "html"], capsys, monkeypatch).stdout
    assert "Noël gourmand: event slots</h3>" in html and "<td>Atelier des fêtes (atelier)</td>" in html


def test_report_campaign_filter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CAMPAIGN_CALENDAR, encoding="utf-8")
    args = ["report", str(path), "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json"]
    (cr,) = json.loads(cli([*args, "--campaign", "noel"], capsys, monkeypatch).stdout)["calendars"]
    assert (cr["summary"]["posts"], cr["adherence"]["rows"]) == (2, [])
