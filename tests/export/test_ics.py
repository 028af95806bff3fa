"""`export --format ics`: parsed back with icalendar (and recurring-ical-events), it is the calendar."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from cmcal.export import Selection, local_start
from cmcal.export.ics import export_ics, fold, vtimezone
from cmcal.files.loader import load
from cmcal.habits.slots import build_slots
from cmcal.model import Calendar, Every, Habit, PlatformAccount, Post
from cmcal.problems import Loc

ROOT = Path(__file__).parents[2]
TODAY = date(2026, 11, 30)
D = date.fromisoformat
EVERYTHING = Selection()


def today(_: Calendar) -> date:
    return TODAY


def post(day: str, title: str = "Post", at: time | None = time(11, 30), **changes: object) -> Post:
    base = Post(None, D(day), title, ("instagram", "facebook"), time=at, status="scheduled", owner="alice")
    return replace(base, **changes)  # type: ignore[arg-type]


def calendar(posts: list[Post], zone: str = "America/Toronto", habits: list[Habit] = ()) -> Calendar:  # type: ignore[assignment]
    platforms = {p: PlatformAccount(p, p) for p in ("instagram", "facebook", "x")}
    numbered = tuple(replace(p, index=n, loc=Loc("cal.yaml", 10 + n, 5)) for n, p in enumerate(posts))
    return Calendar("Cuisine Express", zone, platforms, {h.id: h for h in habits}, numbered, "cal.yaml")


def ics(*calendars: Calendar, selection: Selection = EVERYTHING, gaps: bool = False) -> bytes:
    return export_ics(list(calendars), selection, today, gaps=gaps).data


def events(data: bytes) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")  # type: ignore[no-any-return]


def x_text(event: icalendar.Event, name: str) -> str:
    """An X- property's TEXT value: icalendar keeps unknown properties as written, escapes included."""
    raw = str(event[name])
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)


# --- the example calendars, parsed back ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples() -> tuple[tuple[Calendar, ...], bytes]:
    loaded = load([str(ROOT / "calendars")])
    assert not [p for p in loaded.problems if p.is_error]
    return loaded.calendars, export_ics(loaded.calendars, Selection(), today).data


def test_every_post_is_one_event_with_its_fields(examples: tuple[tuple[Calendar, ...], bytes]) -> None:
    calendars, data = examples
    entries = [e for e in events(data) if str(e["X-CMCAL-KIND"]) == "post"]
    by_id = {e["X-CMCAL-ID"]: e for e in entries}
    posts = [(c, p) for c in calendars for p in c.posts]
    assert len(by_id) == len(entries) == len(posts)
    # Beside the posts, the one event of the examples: the Christmas market, all day over its three days.
    [market] = [e for e in events(data) if str(e["X-CMCAL-KIND"]) == "event"]
    assert market["SUMMARY"] == "Marché de Noël de Québec"
    assert market["LOCATION"] == "Place de l'Hôtel-de-Ville"
    assert (market["DTSTART"].dt, market["DTEND"].dt) == (date(2026, 12, 11), date(2026, 12, 14))
    for cal, p in posts:
        event = by_id[p.id]
        assert event["SUMMARY"] == f"{p.title} ({', '.join(p.platforms)})"
        assert x_text(event, "X-CMCAL-CALENDAR") == cal.name
        assert x_text(event, "X-CMCAL-OWNER") == p.owner
        assert x_text(event, "X-CMCAL-STATUS") == p.status
        assert x_text(event, "X-CMCAL-PLATFORMS") == " ".join(p.platforms)
        assert event.get("URL") == p.link
        # Each calendar's description in its own language: Cuisine Express speaks French, Nordlys English.
        owner, status = (
            ("Responsable : ", "Statut : ") if cal.language == "fr-CA" else ("Owner: ", "Status: ")
        )
        assert f"{owner}{p.owner}" in event["DESCRIPTION"] and f"{status}{p.status}" in event["DESCRIPTION"]
        if p.text:
            assert event["DESCRIPTION"].startswith(p.text.rstrip("\n"))
        start = event["DTSTART"].dt
        if p.time is None:
            assert start == p.date and event["DTEND"].dt == p.date + timedelta(days=1)
        else:
            assert start == datetime.combine(p.date, p.time, tzinfo=cal.zone)
            assert event["DTSTART"].params["TZID"] == cal.timezone
            assert event["DTEND"].dt - start == timedelta(minutes=30)
        assert str(event["STATUS"]) == {"scheduled": "CONFIRMED", "published": "CONFIRMED"}.get(
            p.status, "CANCELLED" if p.status == "cancelled" else "TENTATIVE"
        )
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_icalendar_writes_back_the_same_bytes(examples: tuple[tuple[Calendar, ...], bytes]) -> None:
    calendars, data = examples
    assert icalendar.Calendar.from_ical(data).to_ical() == data
    with_gaps = export_ics(calendars, Selection(), today, gaps=True).data
    assert b"X-CMCAL-KIND:gap" in with_gaps
    assert icalendar.Calendar.from_ical(with_gaps).to_ical() == with_gaps


def test_the_frame_names_the_calendars_and_refreshes_hourly(
    examples: tuple[tuple[Calendar, ...], bytes],
) -> None:
    _, data = examples
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Cuisine Express + Nordlys Studio"
    assert "X-WR-TIMEZONE" not in cal  # two zones: none is the calendar's
    assert sorted(tz["TZID"] for tz in cal.walk("VTIMEZONE")) == ["America/Toronto", "Europe/Paris"]
    assert cal["REFRESH-INTERVAL"].dt == timedelta(hours=1)


def test_recurring_ical_events_sees_the_posts_of_a_day(examples: tuple[tuple[Calendar, ...], bytes]) -> None:
    calendars, data = examples
    day = date(2026, 12, 2)
    found = recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(day, day + timedelta(days=1))
    expected = sorted(
        local_start(c.zone, p.date, p.time).astimezone(UTC) if p.time else p.date
        for c in calendars
        for p in c.posts
        if p.date == day
    )
    got = sorted(
        e["DTSTART"].dt.astimezone(UTC) if isinstance(e["DTSTART"].dt, datetime) else e["DTSTART"].dt
        for e in found
    )
    assert got == expected and got


# --- determinism and identity -------------------------------------------------------------------------------


def test_two_exports_are_byte_identical() -> None:
    cal = calendar([post("2026-12-01"), post("2026-12-02", at=None), post("2026-12-03", status="cancelled")])
    assert ics(cal, gaps=True) == ics(cal, gaps=True)
    cal2 = calendar([post("2026-12-01"), post("2026-12-02", at=None), post("2026-12-03", status="cancelled")])
    assert ics(cal) == ics(cal2)  # a fresh load of the same calendar: the same bytes


def test_uids_survive_unrelated_edits() -> None:
    before = calendar([post("2026-12-01", "A", id="a"), post("2026-12-02", "B")])
    after = calendar(
        [
            post("2026-12-09", "A moved and renamed", id="a", text="new", owner="bob", status="published"),
            post("2026-12-02", "B", text="now with a caption", owner="bob", at=time(9, 0)),
            post("2026-11-01", "C, a new post first"),
        ]
    )
    uid = {str(e["SUMMARY"]).split(" (")[0]: str(e["UID"]) for e in events(ics(before))}
    uid_after = {str(e["SUMMARY"]).split(" (")[0]: str(e["UID"]) for e in events(ics(after))}
    assert uid_after["A moved and renamed"] == uid["A"]  # an id is the identity
    assert uid_after["B"] == uid["B"]  # no id: date, platforms and title are
    assert len(set(uid_after.values())) == 3


def test_posts_with_the_same_key_get_distinct_uids() -> None:
    cal = calendar([post("2026-12-01", "Same"), post("2026-12-01", "Same")])
    assert len({str(e["UID"]) for e in events(ics(cal))}) == 2


def test_dtstamp_is_fixed_unless_given() -> None:
    cal = calendar([post("2026-12-01")])
    assert {e["DTSTAMP"].dt for e in events(ics(cal))} == {datetime(2000, 1, 1, tzinfo=UTC)}
    stamp = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    data = export_ics([cal], Selection(), today, stamp=stamp).data
    assert {e["DTSTAMP"].dt for e in events(data)} == {stamp}


# --- lines: CRLF, folding, escaping -------------------------------------------------------------------------


def check_lines(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # never a UTF-8 sequence cut in two


NASTY = (
    'Tourtière, «ketchup»; "quotes" \\ back\\slash\\N ^caret 🎄👩🏽‍🍳 e\u0301 '
    + "x" * 70
    + "\n2nd line\r\n3rd\rend"
)


def test_lines_end_in_crlf_and_fold_within_75_octets() -> None:
    cal = calendar(
        [post("2026-12-01", NASTY, text=NASTY * 3, link="https://example.org/" + "é" * 80, tags=("a,b",))]
    )
    data = ics(cal)
    check_lines(data)
    (event,) = events(data)
    cleaned = NASTY.replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["SUMMARY"]) == f"{cleaned} (instagram, facebook)"
    assert str(event["DESCRIPTION"]).startswith(cleaned * 3)
    assert event["CATEGORIES"].cats == ["instagram", "facebook", "a,b"]


def test_folding_matches_icalendar_and_keeps_escapes_whole() -> None:
    from icalendar.parser.string import _foldline  # the library's own rule, compared byte for byte

    for line in [
        "DESCRIPTION:" + "a" * 61 + "\\,b" * 40,
        "SUMMARY:" + "é" * 100,
        "X:" + "🎄" * 40,
        "Y:" + "^" * 200,
    ]:
        assert fold(line) == _foldline(line)
        assert fold(line).replace("\r\n ", "") == line


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_survives_a_round_trip(text: str) -> None:
    cal = calendar([post("2026-12-01", "T", text=text or None)])
    data = ics(cal)
    check_lines(data)
    (event,) = events(data)
    cleaned = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text.replace("\r\n", "\n").replace("\r", "\n"))
    description = str(event["DESCRIPTION"])
    if cleaned.rstrip():
        assert description.startswith(cleaned.rstrip() + "\n\n")
    else:
        assert description.startswith("Platforms:")


# --- time zones and daylight saving -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "utc"),
    [
        ("America/Toronto", "2026-03-07", "11:30", "2026-03-07T16:30"),  # the Saturday before: EST
        ("America/Toronto", "2026-03-08", "11:30", "2026-03-08T15:30"),  # spring forward: EDT
        ("America/Toronto", "2026-11-01", "11:30", "2026-11-01T16:30"),  # fall back: EST again
        ("America/Toronto", "2026-03-08", "02:30", "2026-03-08T07:30"),  # skipped: 03:30 EDT (RFC 5545)
        ("America/Toronto", "2026-11-01", "01:30", "2026-11-01T05:30"),  # twice: the first, EDT
        ("Europe/Paris", "2026-03-29", "09:00", "2026-03-29T07:00"),
        ("Europe/Paris", "2026-10-25", "09:00", "2026-10-25T08:00"),
        ("Australia/Sydney", "2026-10-04", "09:00", "2026-10-03T22:00"),  # southern spring
        ("UTC", "2026-06-01", "09:00", "2026-06-01T09:00"),
    ],
)
def test_daylight_saving_days_land_on_the_right_instant(zone: str, day: str, at: str, utc: str) -> None:
    cal = calendar([post(day, at=time.fromisoformat(at))], zone=zone)
    data = ics(cal)
    parsed = icalendar.Calendar.from_ical(data)
    (event,) = parsed.walk("VEVENT")
    expected = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert event["DTSTART"].dt.astimezone(UTC) == expected
    assert event.end.astimezone(UTC) == expected + timedelta(minutes=30)  # DTEND, or DURATION
    assert parsed.to_ical() == data
    if zone != "UTC" and "TZID" in event["DTSTART"].params:
        # The VTIMEZONE alone (what Outlook reads) gives the instant that the IANA zone (Google) gives.
        (vtz,) = parsed.walk("VTIMEZONE")
        wall = event["DTSTART"].dt.replace(tzinfo=None)
        assert wall.replace(tzinfo=vtz.to_tz()).astimezone(UTC) == expected
    elif zone != "UTC":  # a wall time that occurs twice: the start is written in UTC (test_ics_readers.py)
        assert f"DTSTART:{expected:%Y%m%dT%H%M%SZ}\r\nDURATION:PT30M\r\n".encode() in data
    else:
        assert b"DTSTART:20260601T090000Z" in data and b"VTIMEZONE" not in data


def test_vtimezone_is_one_standard_and_one_daylight_rule_for_outlook() -> None:
    for key, byday in [("America/Toronto", {"2SU", "1SU"}), ("Europe/Paris", {"-1SU"})]:
        tz = vtimezone(key, range(2020, 2031))
        text = tz.to_ical().decode()
        assert len(tz.standard) == 1 and len(tz.daylight) == 1, text
        assert "RDATE" not in text and "UNTIL" not in text
        assert set(re.findall(r"BYDAY=([^;\r]+)", text)) == byday


def test_vtimezone_without_daylight_saving_is_one_standard() -> None:
    tz = vtimezone("Asia/Tokyo", [2026])
    assert len(tz.standard) == 1 and not tz.daylight
    assert tz.standard[0]["TZOFFSETTO"].td == timedelta(hours=9)


def test_vtimezone_across_a_change_of_rules_stays_exact() -> None:
    # The US moved its daylight-saving dates in 2007: two rule sets, each bounded by UNTIL.
    tz = vtimezone("America/New_York", range(2004, 2011))
    zone, vtz = ZoneInfo("America/New_York"), tz.to_tz()
    for hours in range(0, 7 * 366 * 24, 5):
        instant = datetime(2004, 1, 1, tzinfo=UTC) + timedelta(hours=hours)
        assert instant.astimezone(zone).utcoffset() == instant.astimezone(vtz).utcoffset(), instant


ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(ZONES), st.integers(1995, 2035), st.integers(0, 3))
def test_vtimezone_gives_the_zone_offsets_over_the_years(key: str, first: int, extra: int) -> None:
    years = range(first, first + extra + 1)
    vtz = vtimezone(key, years).to_tz()
    zone = ZoneInfo(key)
    for hours in range(0, (extra + 1) * 366 * 24, 7):
        instant = datetime(first, 1, 1, tzinfo=UTC) + timedelta(hours=hours)
        if instant.year > years[-1]:
            break
        assert instant.astimezone(zone).utcoffset() == instant.astimezone(vtz).utcoffset(), (key, instant)


# --- all-day posts, statuses, gaps --------------------------------------------------------------------------


def test_a_post_without_time_is_an_all_day_event() -> None:
    (event,) = events(ics(calendar([post("2026-12-31", at=None)])))
    assert event["DTSTART"].dt == date(2026, 12, 31) and event["DTEND"].dt == date(2027, 1, 1)
    assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_the_selection_filters_posts_and_names_only_kept_platforms() -> None:
    cal = calendar(
        [
            post("2026-12-01", "A"),
            post("2026-12-02", "B", platforms=("x",), owner="bob"),
            post("2026-12-20", "C"),
        ]
    )
    chosen = Selection(start=D("2026-12-01"), end=D("2026-12-10"), platforms=frozenset({"instagram", "x"}))
    assert sorted(str(e["SUMMARY"]) for e in events(ics(cal, selection=chosen))) == ["A (instagram)", "B (x)"]
    assert [str(e["SUMMARY"]) for e in events(ics(cal, selection=Selection(owners=frozenset({"bob"}))))] == [
        "B (x)"
    ]


def test_gaps_are_events_naming_the_platforms_still_missing_a_post() -> None:
    daily = Habit(
        "daily",
        "Recipe of the day",
        ("instagram", "facebook"),
        D("2026-11-30"),
        every=Every.DAY,
        at=time(11, 30),
        required=True,
    )
    weekly = Habit("weekly", "Question", ("facebook",), D("2026-11-30"), every=Every.WEEK, owner="bob")
    cal = calendar(
        [post("2026-11-30", habit="daily"), post("2026-12-01", habit="daily", platforms=("facebook",))],
        habits=[daily, weekly],
    )
    chosen = Selection(end=D("2026-12-06"))
    gap_events = [e for e in events(ics(cal, selection=chosen, gaps=True)) if str(e["X-CMCAL-KIND"]) == "gap"]
    slots = [s for s in build_slots(cal, TODAY, D("2026-12-06")) if s.is_gap]
    assert len(gap_events) == len({(s.habit, s.window.first) for s in slots}) == 6 + 1
    by_day = {
        (
            str(e["X-CMCAL-HABIT"]),
            e["DTSTART"].dt
            if isinstance(e["DTSTART"].dt, date) and not isinstance(e["DTSTART"].dt, datetime)
            else e["DTSTART"].dt.date(),
        ): e
        for e in gap_events
    }
    first = by_day[("daily", date(2026, 12, 1))]
    assert str(first["SUMMARY"]) == "Gap: Recipe of the day (instagram)"
    assert first["DTSTART"].dt == datetime(2026, 12, 1, 11, 30, tzinfo=ZoneInfo("America/Toronto"))
    week = by_day[("weekly", date(2026, 11, 30))]
    assert week["DTSTART"].dt == date(2026, 11, 30) and week["DTEND"].dt == date(2026, 12, 7)  # the ISO week
    assert str(week["X-CMCAL-OWNER"]) == "bob"
    assert "required" in str(first["DESCRIPTION"])
