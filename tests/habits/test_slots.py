"""Habit slots, the posts that fill them, and gap / off-schedule / overbooked / DST problems."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cmcal.habits.slots import Slot, build_slots, schedule_problems
from cmcal.model import STATUSES, Calendar, Every, Habit, PlatformAccount, Post
from cmcal.problems import Loc, Problem, Severity

D = date.fromisoformat
PATH = "calendars/cuisine.yaml"
HABIT_LOC = Loc(PATH, 10, 3)
AT_LOC = Loc(PATH, 13, 9)


def habit(id: str = "daily-recipe", **changes: Any) -> Habit:
    base = Habit(
        id,
        "Recipe of the day",
        ("instagram", "facebook"),
        D("2026-12-01"),
        every=Every.DAY,
        at=time(11, 30),
        loc=HABIT_LOC,
        locs={"at": AT_LOC},
    )
    return replace(base, **changes)


def post(day: str, habit: str | None = "daily-recipe", line: int = 50, **changes: Any) -> Post:
    base = Post(
        None,
        D(day),
        f"Post {day} line {line}",
        ("instagram", "facebook"),
        habit=habit,
        status="scheduled",
        index=line,
        loc=Loc(PATH, line, 5),
        locs={"date": Loc(PATH, line + 1, 11), "platforms": Loc(PATH, line + 2, 16)},
    )
    return replace(base, **changes)


def calendar(habits: list[Habit], posts: list[Post], timezone: str = "America/Toronto") -> Calendar:
    platforms = {p: PlatformAccount(p, p) for p in ("instagram", "facebook", "youtube", "x", "tiktok")}
    return Calendar(
        "Cuisine Express",
        timezone,
        platforms,
        {h.id: h for h in habits},
        tuple(posts),
        PATH,
        loc=Loc(PATH, 1, 1),
    )


def where(p: Problem) -> tuple[int, int]:
    return (p.line, p.column)


def codes(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


# --- build_slots ------------------------------------------------------------------------------------------


def test_slots_are_habit_by_platform_by_window_with_their_posts() -> None:
    first = post("2026-12-01", line=50)
    cal = calendar([habit()], [first])
    slots = build_slots(cal, D("2026-12-01"), D("2026-12-02"))
    assert [(s.window.first.isoformat(), s.platform, len(s.filled_by)) for s in slots] == [
        ("2026-12-01", "facebook", 1),
        ("2026-12-01", "instagram", 1),
        ("2026-12-02", "facebook", 0),
        ("2026-12-02", "instagram", 0),
    ]
    assert slots[0].filled_by == (first,)
    assert slots[0].calendar == "Cuisine Express" and slots[0].habit == "daily-recipe"
    assert not slots[0].is_gap and slots[0].missing == 0
    assert slots[2].is_gap and slots[2].missing == 1


def test_a_post_fills_only_its_habit_its_platforms_and_its_window_unless_cancelled() -> None:
    posts = [
        post("2026-12-01", platforms=("instagram",), line=10),
        post("2026-12-01", habit="other", line=20),
        post("2026-12-01", habit=None, line=30),
        post("2026-12-01", status="cancelled", line=40),
        post("2026-12-02", line=50),
        post("2026-12-01", habit="unknown", line=60),
    ]
    other = habit("other", platforms=("youtube",))
    slots = build_slots(calendar([habit(), other], posts), D("2026-12-01"), D("2026-12-01"))
    filled = {(s.habit, s.platform): [p.index for p in s.filled_by] for s in slots}
    assert filled == {
        ("daily-recipe", "facebook"): [],
        ("daily-recipe", "instagram"): [10],
        ("other", "youtube"): [],
    }


def test_slots_are_sorted_by_day_time_habit_and_platform() -> None:
    morning = habit("b-morning", at=time(8), platforms=("x",))
    evening = habit("a-evening", at=time(19), platforms=("x",))
    anytime = habit("c-any", at=None, platforms=("x", "facebook"))
    slots = build_slots(calendar([evening, morning, anytime], []), D("2026-12-01"), D("2026-12-02"))
    assert [(s.window.first.day, s.habit, s.platform) for s in slots] == [
        (1, "c-any", "facebook"),
        (1, "c-any", "x"),
        (1, "b-morning", "x"),
        (1, "a-evening", "x"),
        (2, "c-any", "facebook"),
        (2, "c-any", "x"),
        (2, "b-morning", "x"),
        (2, "a-evening", "x"),
    ]


def test_a_week_slot_is_filled_by_a_post_on_any_of_its_days_even_outside_the_range() -> None:
    weekly = habit(
        "weekly-question", every=Every.WEEK, at=None, platforms=("facebook",), start=D("2026-11-30")
    )
    sunday = post("2027-01-03", habit="weekly-question", platforms=("facebook",))
    slots = build_slots(calendar([weekly], [sunday]), D("2026-12-28"), D("2026-12-28"))
    assert len(slots) == 1
    assert slots[0].window.label == "week 2026-W53 (Mon 2026-12-28 to Sun 2027-01-03)"
    assert slots[0].filled_by == (sunday,)


def test_times_counts_posts_and_orders_them_by_date_time_and_file_order() -> None:
    weekly = habit("weekly", every=Every.WEEK, at=None, platforms=("facebook",), times=3)
    late = post("2026-12-09", habit="weekly", line=10, time=time(18))
    early = post("2026-12-09", habit="weekly", line=20, time=time(9))
    slots = build_slots(calendar([weekly], [late, early]), D("2026-12-07"), D("2026-12-13"))
    assert [p.index for p in slots[0].filled_by] == [20, 10]
    assert slots[0].is_gap and slots[0].missing == 1 and slots[0].extra == ()


def test_a_post_listing_a_platform_twice_fills_once() -> None:
    twice = post("2026-12-01", platforms=("instagram", "instagram"))
    slots = build_slots(
        calendar([habit(platforms=("instagram",))], [twice]), D("2026-12-01"), D("2026-12-01")
    )
    assert slots[0].filled_by == (twice,)


def test_a_year_of_slots_over_many_posts() -> None:
    rng = random.Random(7)
    habits = [
        habit("daily", every=Every.DAY),
        habit("weekday", every=Every.WEEKDAY, platforms=("x",)),
        habit("weekly", every=Every.WEEK, at=None, platforms=("facebook",)),
        habit("monthly", every=Every.MONTH, days=(1, 15, -1), platforms=("youtube",)),
        habit("live", every=None, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", platforms=("youtube",)),
    ]
    names = [h.id for h in habits]
    platforms = ["instagram", "facebook", "x", "youtube"]
    posts = [
        Post(
            None,
            D("2026-12-01") + timedelta(days=rng.randrange(365)),
            f"t{i}",
            tuple(rng.sample(platforms, 2)),
            habit=rng.choice(names),
            index=i,
        )
        for i in range(20_000)
    ]
    cal = calendar(habits, posts)
    slots = build_slots(cal, D("2026-12-01"), D("2027-11-30"))
    assert sum(len(s.filled_by) for s in slots) > 6_000


# --- gap --------------------------------------------------------------------------------------------------


def test_gap_message_location_and_severity() -> None:
    cal = calendar([habit(platforms=("instagram",))], [])
    problems = schedule_problems(cal, D("2026-12-01"), 1)
    assert len(problems) == 1
    gap = problems[0]
    assert (gap.code, gap.severity, where(gap)) == ("gap", Severity.WARNING, (10, 3))
    assert gap.message == (
        'habit "daily-recipe" has no post on instagram for Tue 2026-12-01 (11:30); add one or skip the date'
    )


def test_gap_of_a_required_habit_is_an_error() -> None:
    cal = calendar([habit(platforms=("instagram",), required=True)], [])
    assert [p.severity for p in schedule_problems(cal, D("2026-12-01"), 2)] == [
        Severity.ERROR,
        Severity.ERROR,
    ]


def test_gaps_cover_today_and_the_horizon_minus_one_days() -> None:
    cal = calendar([habit(platforms=("instagram",))], [post("2026-12-02")])
    gaps = codes(schedule_problems(cal, D("2026-12-01"), 3), "gap")
    assert ["2026-12-01" in g.message or "2026-12-03" in g.message for g in gaps] == [True, True]
    assert len(gaps) == 2
    assert schedule_problems(cal, D("2026-12-01"), 0) == []


def test_a_partly_filled_slot_and_a_week_slot_that_began_before_today() -> None:
    weekly = habit("weekly-question", every=Every.WEEK, at=None, platforms=("facebook",), times=2)
    cal = calendar([weekly], [post("2026-12-28", habit="weekly-question", platforms=("facebook",))])
    [gap] = schedule_problems(cal, D("2026-12-31"), 1)
    assert gap.message == (
        'habit "weekly-question" has 1 of 2 posts on facebook for week 2026-W53 '
        "(Mon 2026-12-28 to Sun 2027-01-03); add 1 more"
    )


def test_no_gap_before_the_habit_starts_or_on_skipped_days() -> None:
    cal = calendar([habit(start=D("2026-12-03"), skip=frozenset({D("2026-12-04")}), platforms=("x",))], [])
    gaps = codes(schedule_problems(cal, D("2026-12-01"), 5), "gap")
    assert [g.message.split(" for ")[1][:14] for g in gaps] == ["Thu 2026-12-03", "Sat 2026-12-05"]


def test_monthly_slot_clamped_to_november_30() -> None:
    monthly = habit(
        "monthly", every=Every.MONTH, days=(31,), at=None, platforms=("x",), start=D("2026-11-01")
    )
    [gap] = schedule_problems(calendar([monthly], []), D("2026-11-30"), 1)
    assert gap.message == 'habit "monthly" has no post on x for Mon 2026-11-30; add one or skip the date'


# --- off-schedule -----------------------------------------------------------------------------------------


def thursdays() -> Habit:
    return habit(
        "tips", every=Every.WEEK, days=(3,), at=time(9), platforms=("facebook",), start=D("2026-12-03")
    )


def test_a_post_on_a_day_without_slot_is_off_schedule_at_its_date() -> None:
    wednesday = post("2026-12-09", habit="tips", platforms=("facebook",), line=70, title="Astuce")
    [off] = schedule_problems(calendar([thursdays()], [wednesday]), D("2026-12-01"), 0)
    assert (off.code, off.severity, where(off)) == ("off-schedule", Severity.WARNING, (71, 11))
    assert off.message == (
        'post "Astuce" of Wed 2026-12-09 is outside every slot of habit "tips"; '
        "move it to a slot (the next one: Thu 2026-12-10) or drop its habit"
    )


NEXT = "move it to a slot (the next one: Thu %s) or drop its habit"


def test_off_schedule_before_start_after_end_and_on_skipped_dates() -> None:
    tips = replace(thursdays(), end=D("2026-12-31"), skip=frozenset({D("2026-12-24")}))
    posts = [
        post("2026-11-26", habit="tips", platforms=("facebook",), line=10),
        post("2026-12-24", habit="tips", platforms=("facebook",), line=20),
        post("2027-01-07", habit="tips", platforms=("facebook",), line=30),
        post("2026-12-17", habit="tips", platforms=("facebook",), line=40),
    ]
    off = codes(schedule_problems(calendar([tips], posts), D("2026-12-01"), 0), "off-schedule")
    assert [(p.line, p.message.split(" of ", 1)[1]) for p in off] == [
        (11, 'Thu 2026-11-26 is dated before habit "tips" starts on Thu 2026-12-03; ' + NEXT % "2026-12-03"),
        (21, 'Thu 2026-12-24 is on a date habit "tips" skips; ' + NEXT % "2026-12-31"),
        (
            31,
            'Thu 2027-01-07 is dated after habit "tips" ends on Thu 2026-12-31; move it to a slot or drop '
            "its habit",
        ),
    ]


def test_a_post_on_none_of_the_habit_platforms_is_off_schedule_at_its_platforms() -> None:
    posts = [
        post("2026-12-10", habit="tips", platforms=("tiktok",), line=10, title="Vidéo"),
        post("2026-12-17", habit="tips", platforms=("tiktok", "facebook"), line=20),
    ]
    [off] = schedule_problems(calendar([thursdays()], posts), D("2026-12-01"), 0)
    assert where(off) == (12, 16)
    assert off.message == (
        'post "Vidéo" of Thu 2026-12-10 is on tiktok, but habit "tips" publishes on facebook; '
        "add one of those platforms or drop its habit"
    )


def test_cancelled_posts_and_unknown_habits_are_never_off_schedule() -> None:
    posts = [
        post("2026-12-09", habit="tips", platforms=("facebook",), status="cancelled"),
        post("2026-12-09", habit="nope", platforms=("facebook",)),
        post("2026-12-09", habit=None, platforms=("facebook",)),
    ]
    assert schedule_problems(calendar([thursdays()], posts), D("2026-12-01"), 0) == []


def test_off_schedule_is_checked_for_posts_far_from_today_and_from_each_other() -> None:
    daily = habit(platforms=("instagram",), start=D("2019-01-01"), skip=frozenset({D("2019-03-01")}))
    posts = [post("2019-03-01", line=10), post("2031-05-05", line=20), post("2031-05-06", line=30)]
    off = schedule_problems(calendar([daily], posts), D("2026-12-01"), 0)
    assert [p.line for p in off] == [11]


def test_rrule_posts_off_the_occurrences() -> None:
    live = habit("live", every=None, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", start=D("2026-12-03"))
    posts = [post("2026-12-03", habit="live"), post("2026-12-10", habit="live", line=80)]
    [off] = schedule_problems(calendar([live], posts), D("2026-12-01"), 0)
    assert off.line == 81 and "(the next one: Thu 2026-12-17)" in off.message


# --- overbooked -------------------------------------------------------------------------------------------


def test_more_posts_than_times_flags_the_later_ones_once_per_window() -> None:
    weekly = habit("weekly", every=Every.WEEK, at=None, platforms=("instagram", "facebook"))
    posts = [
        post("2026-12-10", habit="weekly", line=30, title="Deux"),
        post("2026-12-08", habit="weekly", line=10, title="Un"),
        post("2026-12-11", habit="weekly", line=50, title="Trois", platforms=("facebook",)),
    ]
    over = schedule_problems(calendar([weekly], posts), D("2026-12-01"), 0)
    assert [(p.code, p.severity, where(p)) for p in over] == [
        ("overbooked", Severity.WARNING, (31, 11)),
        ("overbooked", Severity.WARNING, (51, 11)),
    ]
    assert over[0].message == (
        'habit "weekly" already has one post on instagram and facebook for week 2026-W50 '
        '(Mon 2026-12-07 to Sun 2026-12-13), so post "Deux" of Thu 2026-12-10 is one too many; '
        "move it to another slot or raise `times`"
    )
    assert "on facebook for" in over[1].message


def test_times_two_allows_two_posts() -> None:
    weekly = habit("weekly", every=Every.WEEK, at=None, platforms=("facebook",), times=2)
    posts = [post(d, habit="weekly", platforms=("facebook",)) for d in ("2026-12-08", "2026-12-09")]
    assert schedule_problems(calendar([weekly], posts), D("2026-12-01"), 0) == []
    posts.append(post("2026-12-13", habit="weekly", platforms=("facebook",), line=90))
    [over] = schedule_problems(calendar([weekly], posts), D("2026-12-01"), 0)
    assert over.line == 91 and "already has 2 posts" in over.message


# --- daylight saving --------------------------------------------------------------------------------------


def dst_problems(timezone: str, at: time, today: str, horizon: int, **changes: Any) -> list[Problem]:
    h = habit(at=at, start=D("2026-01-01"), platforms=("instagram",), **changes)
    cal = calendar([h], [], timezone)
    return [p for p in schedule_problems(cal, D(today), horizon) if p.code != "gap"]


def test_toronto_spring_forward_at_is_nonexistent() -> None:
    [p] = dst_problems("America/Toronto", time(2, 30), "2027-03-10", 7)
    assert (p.code, p.severity, where(p)) == ("nonexistent-time", Severity.ERROR, (13, 9))
    assert p.message == (
        'habit "daily-recipe" at 02:30 on Sun 2027-03-14 does not exist in America/Toronto '
        "(the clocks spring forward that night); pick another time, e.g. 03:30, or skip the date"
    )


def test_toronto_fall_back_at_is_ambiguous() -> None:
    [p] = dst_problems("America/Toronto", time(1, 30), "2026-10-30", 7)
    assert (p.code, p.severity) == ("ambiguous-time", Severity.WARNING)
    assert p.message == (
        'habit "daily-recipe" at 01:30 on Sun 2026-11-01 happens twice in America/Toronto (the clocks fall '
        "back that night: UTC-04:00, then UTC-05:00); cmcal uses the first; pick another time to be sure, "
        "or skip the date"
    )


def test_paris_transitions() -> None:
    [spring] = dst_problems("Europe/Paris", time(2, 30), "2027-03-28", 1)
    assert spring.code == "nonexistent-time"
    assert "Sun 2027-03-28 does not exist in Europe/Paris" in spring.message
    [autumn] = dst_problems("Europe/Paris", time(2, 30), "2026-10-20", 14)
    assert autumn.code == "ambiguous-time" and "Sun 2026-10-25" in autumn.message


def test_dst_checks_only_days_with_a_slot_in_the_horizon() -> None:
    assert dst_problems("America/Toronto", time(2, 30), "2027-03-15", 30) == []
    assert dst_problems("America/Toronto", time(2, 30), "2027-03-01", 13) == []
    thursdays_only = dst_problems(
        "America/Toronto", time(2, 30), "2027-03-10", 7, every=Every.WEEK, days=(3,)
    )
    assert thursdays_only == []
    skipped = dst_problems("America/Toronto", time(2, 30), "2027-03-10", 7, skip=frozenset({D("2027-03-14")}))
    assert skipped == []
    assert dst_problems("America/Toronto", time(3, 30), "2027-03-10", 7) == []


def test_a_week_window_checks_each_of_its_days() -> None:
    weekly = dst_problems("Europe/Paris", time(2, 30), "2027-03-22", 7, every=Every.WEEK)
    assert [p.code for p in weekly] == ["nonexistent-time"]


def test_a_bad_timezone_skips_the_dst_checks() -> None:
    cal = calendar([habit(platforms=("instagram",))], [], "Mars/Olympus")
    assert [p.code for p in schedule_problems(cal, D("2027-03-14"), 1)] == ["gap"]


# --- properties -------------------------------------------------------------------------------------------

DAY0 = D("2026-11-01")
PLATFORMS = ("instagram", "facebook", "x")


def days_from(lo: int, hi: int) -> st.SearchStrategy[date]:
    return st.integers(lo, hi).map(lambda n: DAY0 + timedelta(days=n))


@st.composite
def habits(draw: st.DrawFn, id: str) -> Habit:
    every = draw(st.sampled_from([*Every, None]))
    days: tuple[int, ...] = ()
    if every is Every.WEEK:
        days = tuple(draw(st.sets(st.integers(0, 6), max_size=2)))
    elif every is Every.MONTH:
        days = tuple(draw(st.sets(st.sampled_from([1, 30, 31, -1]), max_size=2)))
    return Habit(
        id,
        id,
        tuple(draw(st.sets(st.sampled_from(PLATFORMS), min_size=1))),
        draw(days_from(0, 60)),
        every=every,
        days=days,
        rrule=None if every is not None else draw(st.sampled_from(["FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=DAILY"])),
        at=draw(st.none() | st.sampled_from([time(9), time(2, 30)])),
        end=draw(st.none() | days_from(60, 150)),
        skip=frozenset(draw(st.lists(days_from(0, 150), max_size=8))),
        times=draw(st.integers(1, 3)),
        required=draw(st.booleans()),
        loc=Loc(PATH, 5, 3),
    )


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    hs = [draw(habits(f"h{n}")) for n in range(draw(st.integers(1, 3)))]
    posts = [
        Post(
            None,
            draw(days_from(-10, 160)),
            f"p{n}",
            tuple(draw(st.lists(st.sampled_from((*PLATFORMS, "tiktok")), min_size=1, max_size=3))),
            time=draw(st.none() | st.sampled_from([time(8), time(20)])),
            habit=draw(st.sampled_from([h.id for h in hs] + ["unknown", None])),
            status=draw(st.sampled_from(STATUSES)),
            index=n,
            loc=Loc(PATH, 100 + n, 5),
        )
        for n in range(draw(st.integers(0, 40)))
    ]
    return calendar(hs, posts)


def fills(slot: Slot, p: Post) -> bool:
    return (
        p.habit == slot.habit
        and slot.platform in p.platforms
        and slot.window.first <= p.date <= slot.window.last
        and p.status != "cancelled"
    )


@settings(max_examples=200, deadline=None)
@given(calendars(), days_from(-5, 150), st.integers(0, 60))
def test_slots_match_the_definition(cal: Calendar, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    slots = build_slots(cal, start, end)
    gaps = [s for s in slots if s.is_gap]
    filled = [s for s in slots if len(s.filled_by) >= s.times]
    assert len(filled) + len(gaps) == len(slots)
    assert {id(s) for s in filled}.isdisjoint(id(s) for s in gaps)
    assert slots == sorted(
        slots, key=lambda s: (s.window.first, s.window.at or time.min, s.habit, s.platform)
    )
    assert len({(s.habit, s.platform, s.window.first) for s in slots}) == len(slots)
    for slot in slots:
        h = cal.habits[slot.habit]
        assert slot.platform in h.platforms and slot.window.intersects(start, end)
        assert (slot.times, slot.required) == (h.times, h.required)
        # exactly the posts the definition says, and none of another habit or platform
        assert all(fills(slot, p) for p in slot.filled_by)
        assert sorted(p.index for p in slot.filled_by) == [p.index for p in cal.posts if fills(slot, p)]
        assert slot.missing == max(0, slot.times - len(slot.filled_by))


@settings(max_examples=100, deadline=None)
@given(calendars(), days_from(0, 120), st.integers(0, 30))
def test_problems_agree_with_the_slots(cal: Calendar, today: date, horizon: int) -> None:
    problems = schedule_problems(cal, today, horizon)
    slots = build_slots(cal, today, today + timedelta(days=horizon - 1)) if horizon else []
    gaps = codes(problems, "gap")
    assert len(gaps) == sum(s.is_gap for s in slots)
    assert all(g.is_error == cal.habits[g.message.split('"')[1]].required for g in gaps)
    # every live post of a known habit fills some slot unless it is reported off-schedule
    off_lines = {p.line - 100 for p in codes(problems, "off-schedule")}
    for p in cal.posts:
        if p.habit in cal.habits and p.status != "cancelled":
            around = build_slots(cal, p.date, p.date)
            assert any(p in s.filled_by for s in around if s.habit == p.habit) != (p.index in off_lines)
        else:
            assert p.index not in off_lines
