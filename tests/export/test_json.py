"""`export --format json`: the normalized schedule, with resolved times, habits, slots and gaps."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from cmcal.export import Selection, post_uids
from cmcal.export.jsonout import export_json
from cmcal.files.loader import load
from cmcal.habits.slots import build_slots
from cmcal.model import Calendar, Every, Habit, PlatformAccount, Post
from cmcal.problems import Loc

ROOT = Path(__file__).parents[2]
TODAY = date(2026, 11, 30)
D = date.fromisoformat
EVERYTHING = Selection()

DAILY = Habit(
    "daily",
    "Recipe of the day",
    ("instagram", "facebook"),
    D("2026-11-30"),
    every=Every.DAY,
    at=time(11, 30),
    end=D("2027-06-30"),
    skip=frozenset({D("2026-12-25"), D("2026-12-24")}),
    required=True,
    type="photo",
)
WEEKLY = Habit("weekly", "Tuesday", ("x",), D("2026-11-30"), every=Every.WEEK, days=(1,), owner="bob")


def today(_: Calendar) -> date:
    return TODAY


def post(day: str, title: str = "Post", at: time | None = time(11, 30), **changes: object) -> Post:
    base = Post(None, D(day), title, ("instagram", "facebook"), time=at, status="scheduled", owner="alice")
    return replace(base, **changes)  # type: ignore[arg-type]


def calendar(posts: list[Post], zone: str = "America/Toronto") -> Calendar:
    platforms = {
        p: PlatformAccount(p, p, handle="@cuisine" if p == "x" else None)
        for p in ("instagram", "facebook", "x")
    }
    numbered = tuple(replace(p, index=n, loc=Loc("cal.yaml", 10 + n, 5)) for n, p in enumerate(posts))
    return Calendar(
        "Cuisine Express",
        zone,
        platforms,
        {"daily": DAILY, "weekly": WEEKLY},
        numbered,
        "cal.yaml",
        team=("alice", "bob"),
    )


def export(*calendars: Calendar, selection: Selection = EVERYTHING) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(export_json(list(calendars), selection, today).text)
    return out


def test_version_range_and_calendar_fields() -> None:
    out = export(calendar([]), selection=Selection(start=D("2026-12-01")))
    assert out["version"] == 1 and out["from"] == "2026-12-01" and out["to"] is None
    (cal,) = out["calendars"]
    assert list(cal) == [
        "name",
        "path",
        "timezone",
        "team",
        "platforms",
        "habits",
        "posts",
        "slots_from",
        "slots_to",
        "slots",
        "gaps",
    ]
    assert cal["timezone"] == "America/Toronto" and cal["team"] == ["alice", "bob"]
    assert cal["platforms"][2] == {"id": "x", "kind": "x", "handle": "@cuisine"}
    assert (cal["slots_from"], cal["slots_to"]) == ("2026-12-01", "2027-02-28")  # 90 days from --from


def test_posts_have_resolved_times_with_their_offset() -> None:
    cal = calendar(
        [
            post("2026-11-01", "fall back", at=time(1, 30)),
            post("2027-03-14", "spring forward", at=time(2, 30), id="sf", texts={"x": "X text"}, tags=("a",)),
            post("2026-12-01", "all day", at=None, habit="daily", link="https://ex.org"),
        ]
    )
    posts = export(cal)["calendars"][0]["posts"]
    assert [p["title"] for p in posts] == ["fall back", "all day", "spring forward"]
    first, all_day, spring = posts
    assert first["start"] == "2026-11-01T01:30:00-04:00" and first["time"] == "01:30"  # the first 01:30
    assert spring["start"] == "2027-03-14T03:30:00-04:00"  # 02:30 does not exist: 03:30 daylight time
    assert datetime.fromisoformat(spring["start"]).astimezone(UTC) == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert all_day["start"] is None and all_day["all_day"] is True and all_day["time"] is None
    assert spring["id"] == "sf" and spring["texts"] == {"x": "X text"} and spring["tags"] == ["a"]
    assert all_day["habit"] == "daily" and all_day["link"] == "https://ex.org"
    assert first["source"] == {"path": "cal.yaml", "line": 10, "column": 5}
    assert set(first) == {
        "id", "uid", "date", "time", "start", "all_day", "platforms", "habit", "type", "title", "text",
        "texts", "link", "owner", "status", "tags", "media", "platform_media", "source",
    }  # fmt: skip


def test_habits_are_written_resolved() -> None:
    habits = export(calendar([]))["calendars"][0]["habits"]
    assert habits == [
        {
            "id": "daily",
            "title": "Recipe of the day",
            "platforms": ["instagram", "facebook"],
            "every": "day",
            "days": [],
            "rrule": None,
            "at": "11:30",
            "type": "photo",
            "start": "2026-11-30",
            "end": "2027-06-30",
            "skip": ["2026-12-24", "2026-12-25"],
            "times": 1,
            "required": True,
            "owner": None,
        },
        {
            "id": "weekly",
            "title": "Tuesday",
            "platforms": ["x"],
            "every": "week",
            "days": ["tue"],
            "rrule": None,
            "at": None,
            "type": None,
            "start": "2026-11-30",
            "end": None,
            "skip": [],
            "times": 1,
            "required": False,
            "owner": "bob",
        },
    ]


def test_slots_and_gaps_of_the_range_match_the_schedule() -> None:
    cal = calendar(
        [post("2026-12-01", "A", habit="daily"), post("2026-12-01", "B", habit="weekly", platforms=("x",))]
    )
    out = export(cal, selection=Selection(end=D("2026-12-06")))["calendars"][0]
    assert (out["slots_from"], out["slots_to"]) == ("2026-11-30", "2026-12-06")  # from today
    expected = build_slots(cal, TODAY, D("2026-12-06"))
    assert [(s["habit"], s["platform"], s["first"]) for s in out["slots"]] == [
        (s.habit, s.platform, s.window.first.isoformat()) for s in expected
    ]
    assert out["gaps"] == [s for s in out["slots"] if s["gap"]]
    assert len(out["gaps"]) == sum(s.is_gap for s in expected) == 2 * 6
    uids = post_uids(cal)
    filled = next(
        s
        for s in out["slots"]
        if (s["habit"], s["platform"], s["first"]) == ("daily", "instagram", "2026-12-01")
    )
    assert filled == {
        "habit": "daily",
        "platform": "instagram",
        "first": "2026-12-01",
        "last": "2026-12-01",
        "at": "11:30",
        "label": "Tue 2026-12-01",
        "times": 1,
        "required": True,
        "filled_by": [uids[id(cal.posts[0])]],
        "missing": 0,
        "gap": False,
    }
    assert filled["filled_by"] == [p["uid"] for p in out["posts"] if p["title"] == "A"]


def test_filters_apply_to_posts_and_slots() -> None:
    cal = calendar(
        [post("2026-12-01", "A", habit="daily"), post("2026-12-02", "B", owner="bob", platforms=("x",))]
    )
    out = export(cal, selection=Selection(end=D("2026-12-06"), owners=frozenset({"bob"})))["calendars"][0]
    assert [p["title"] for p in out["posts"]] == ["B"]
    assert {s["habit"] for s in out["slots"]} == {"weekly"}  # bob owns the weekly habit
    out = export(cal, selection=Selection(end=D("2026-12-06"), platforms=frozenset({"facebook"})))[
        "calendars"
    ][0]
    assert [p["platforms"] for p in out["posts"]] == [["facebook"]]
    assert {s["platform"] for s in out["slots"]} == {"facebook"}


def test_the_example_calendars_export_stably() -> None:
    loaded = load([str(ROOT / "calendars")])
    first = export_json(loaded.calendars, Selection(), today).text
    again = export_json(load([str(ROOT / "calendars")]).calendars, Selection(), today).text
    assert first == again
    out = json.loads(first)
    assert [c["name"] for c in out["calendars"]] == ["Cuisine Express", "Nordlys Studio"]
    assert sum(len(c["posts"]) for c in out["calendars"]) == sum(len(c.posts) for c in loaded.calendars)
