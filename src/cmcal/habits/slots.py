"""Habit slots and the posts that fill them, and the problems they raise (README, "Habits, slots and gaps").

A slot is one (habit, platform, window). A post fills a slot when it names the habit, lists the platform, is
dated in the window and is not cancelled; a slot with fewer filling posts than the habit's `times` is a gap.

Decisions:

- Posts are indexed once per call by (habit, platform), sorted by (date, time, file order), and found with a
  binary search on the date: a slot costs O(log n), whatever the number of posts.
- The posts filling a slot are in (date, time, file order); when there are more than `times`, the first
  `times` fill it and each later one is reported `overbooked` (at its `date`), once per window even when it
  is one too many on several platforms.
- `off-schedule`: a post that fills no slot of its habit on any of its platforms. Either it is dated outside
  every window of the habit (before `start`, after `end`, on a skipped date, on a day without a slot),
  located at its `date`; or it lists none of the habit's platforms, located at its `platforms`. A post that
  fills a slot on one platform and also goes to platforms the habit does not use is fine.
- Cancelled posts fill nothing and are never off-schedule or overbooked; posts naming an unknown habit are
  left to the `unknown-habit` check.
- `gap`: every slot whose window intersects today .. today + horizon − 1 and has fewer posts than `times` (a
  week or month window that began before today still counts). Warning; error for a `required` habit.
- `nonexistent-time` / `ambiguous-time`: a habit's `at` that the calendar's zone skips or repeats, on a day
  of one of its slot windows within the horizon, located at the habit's `at`, once per habit and day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from cmcal.dates import day_label, daylight_problem, days_after, local_time_issue, zone_or_none
from cmcal.habits.recurrence import Window, slot_windows
from cmcal.model import Calendar, Habit, Post
from cmcal.problems import Loc, Problem, Severity, problem

__all__ = ["Slot", "build_slots", "fills", "is_live", "schedule_problems"]

_CLUSTER_GAP = timedelta(days=92)
"""Posts further apart than this get their habit windows computed separately (a post in 2019 and the rest in
2027 must not make cmcal walk every day in between)."""
_LOOKAHEAD = timedelta(days=62)
"""How far after a cluster of posts windows are computed, so an off-schedule post can name the next slot."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One habit slot on one platform, and the posts that fill it."""

    calendar: str
    """The calendar's display name."""
    habit: str
    """The habit's id (its key under `habits:`)."""
    platform: str
    window: Window
    times: int
    """Posts the slot needs (the habit's `times`)."""
    required: bool
    """Whether a gap here is an error (the habit's `required`)."""
    filled_by: tuple[Post, ...]
    """The posts filling the slot, in (date, time, file order); more than `times` when it is overbooked."""

    @property
    def is_gap(self) -> bool:
        return len(self.filled_by) < self.times

    @property
    def missing(self) -> int:
        """How many posts the slot still needs (0 when it is filled)."""
        return max(0, self.times - len(self.filled_by))

    @property
    def extra(self) -> tuple[Post, ...]:
        """The posts beyond `times`: the overbooked ones."""
        return self.filled_by[max(0, self.times) :]

    def sort_key(self) -> tuple[date, time, str, str]:
        return (self.window.first, self.window.at or time.min, self.habit, self.platform)


def build_slots(calendar: Calendar, start: date, end: date) -> list[Slot]:
    """Every slot of every habit whose window intersects `start`..`end`, with its filling posts.

    Sorted by (first day of the window, slot time or midnight, habit id, platform).
    """
    return _slots(calendar, _PostIndex(calendar), start, end)


def schedule_problems(calendar: Calendar, today: date, horizon: int) -> list[Problem]:
    """`gap`, `nonexistent-time` and `ambiguous-time` within the horizon; `off-schedule` and `overbooked` for
    every post of the calendar, whatever its date."""
    index = _PostIndex(calendar)
    found: list[Problem] = []
    if horizon >= 1:
        last = days_after(today, horizon - 1)
        for slot in _slots(calendar, index, today, last):
            if slot.is_gap:
                habit = calendar.habits[slot.habit]
                severity = Severity.ERROR if slot.required else None
                found.append(problem(_loc(calendar, habit.loc), "gap", _gap_message(slot), severity))
        zone = _zone(calendar)
        if zone is not None:
            for key, habit in calendar.habits.items():
                found.extend(_time_problems(calendar, zone, key, habit, today, last))
    for key, habit in calendar.habits.items():
        found.extend(_post_problems(calendar, key, habit, index))
    return found


# --- filling slots ------------------------------------------------------------------------------------------


def is_live(post: Post) -> bool:
    """Whether a post can fill a slot at all: a cancelled post fills nothing."""
    return post.status != "cancelled"


def fills(post: Post, habit: str, platform: str, window: Window) -> bool:
    """The one definition of filling a slot: the post names the habit, lists the platform, falls in the
    window and is live. `_PostIndex` finds the same posts for many slots at once."""
    return post.habit == habit and is_live(post) and post.date in window and platform in post.platforms


class _PostIndex:
    """The live posts of a calendar that name a known habit, by (habit, platform) and by habit: `fills`
    for many slots at once (a bucket by (habit, platform), a binary search on the window)."""

    __slots__ = ("by_habit", "by_slot")

    def __init__(self, calendar: Calendar) -> None:
        habits = calendar.habits
        live = [p for p in calendar.posts if p.habit in habits and is_live(p)]
        live.sort(key=_post_order)  # once: every bucket below is filled in this order
        self.by_habit: dict[str, list[Post]] = {}
        buckets: dict[tuple[str, str], list[Post]] = {}
        for post in live:
            habit = post.habit
            assert habit is not None
            self.by_habit.setdefault(habit, []).append(post)
            for platform in post.platforms:
                bucket = buckets.setdefault((habit, platform), [])
                if not bucket or bucket[-1] is not post:  # a platform listed twice
                    bucket.append(post)
        self.by_slot = {key: ([post.date for post in posts], posts) for key, posts in buckets.items()}

    def filling(self, habit: str, platform: str, window: Window) -> tuple[Post, ...]:
        dates, posts = self.by_slot.get((habit, platform), ([], []))
        lo = bisect_left(dates, window.first)
        hi = bisect_right(dates, window.last, lo)
        return tuple(posts[lo:hi])


def _post_order(post: Post) -> tuple[date, time, int]:
    return (post.date, post.time or time.min, post.index)


def _slots(calendar: Calendar, index: _PostIndex, start: date, end: date) -> list[Slot]:
    slots = []
    for key, habit in calendar.habits.items():
        windows = slot_windows(habit, start, end)
        slots.extend(_habit_slots(calendar, index, key, habit, windows))
    slots.sort(key=Slot.sort_key)
    return slots


def _habit_slots(
    calendar: Calendar, index: _PostIndex, key: str, habit: Habit, windows: Sequence[Window]
) -> list[Slot]:
    return [
        Slot(
            calendar.name,
            key,
            platform,
            window,
            habit.times,
            habit.required,
            index.filling(key, platform, window),
        )
        for platform in dict.fromkeys(habit.platforms)
        for window in windows
    ]


# --- problems -----------------------------------------------------------------------------------------------


def _gap_message(slot: Slot) -> str:
    window = slot.window
    where = f"on {slot.platform} for {window.label}{_at(window.at)}"
    have = len(slot.filled_by)
    if have == 0:
        needed = "" if slot.times == 1 else f" ({slot.times} needed)"
        text = f'habit "{slot.habit}" has no post {where}{needed}; add {_count(slot.times)}'
    else:
        text = f'habit "{slot.habit}" has {have} of {slot.times} posts {where}; add {slot.missing} more'
    return text + (" or skip the date" if window.is_day else "")


def _time_problems(
    calendar: Calendar, zone: ZoneInfo, key: str, habit: Habit, today: date, last: date
) -> list[Problem]:
    if habit.at is None:
        return []
    found = []
    loc = _loc(calendar, habit.locs.get("at"), habit.loc)
    for window in slot_windows(habit, today, last):
        day = max(window.first, today)
        while day <= min(window.last, last):
            issue = local_time_issue(zone, day, habit.at)
            if issue is not None:
                found.append(daylight_problem(loc, issue, day, habit.at, zone, f'habit "{key}" at '))
            if day == date.max:
                break
            day += timedelta(days=1)
    return found


def _post_problems(calendar: Calendar, key: str, habit: Habit, index: _PostIndex) -> list[Problem]:
    """`off-schedule` and `overbooked` for the live posts naming this habit."""
    posts = index.by_habit.get(key, [])
    if not posts:
        return []
    windows = _windows_around(habit, sorted({post.date for post in posts}))
    firsts = [window.first for window in windows]
    platforms = set(habit.platforms)
    found = []
    for post in posts:
        if not platforms.intersection(post.platforms):
            loc = _loc(calendar, post.locs.get("platforms"), post.locs.get("platform"), *_post_locs(post))
            text = (
                f'{_post_name(post)} is on {", ".join(post.platforms)}, but habit "{key}" publishes on '
                f"{', '.join(habit.platforms)}; add one of those platforms or drop its habit"
            )
            found.append(problem(loc, "off-schedule", text))
            continue
        i = bisect_right(firsts, post.date) - 1
        if i >= 0 and post.date <= windows[i].last:
            continue
        after = windows[i + 1] if i + 1 < len(windows) else None
        found.append(
            problem(_loc(calendar, *_post_locs(post)), "off-schedule", _off_message(key, habit, post, after))
        )
    for window in windows:
        extras: dict[int, tuple[Post, list[str]]] = {}
        for platform in dict.fromkeys(habit.platforms):
            for post in index.filling(key, platform, window)[max(0, habit.times) :]:
                extras.setdefault(id(post), (post, []))[1].append(platform)
        for post, on in sorted(extras.values(), key=lambda extra: _post_order(extra[0])):
            text = (
                f'habit "{key}" already has {_count(habit.times)} post{"s" if habit.times != 1 else ""} on '
                f"{' and '.join(on)} for {window.label}, so {_post_name(post)} is one too many; "
                "move it to another slot or raise `times`"
            )
            found.append(problem(_loc(calendar, *_post_locs(post)), "overbooked", text))
    return found


def _windows_around(habit: Habit, dates: list[date]) -> list[Window]:
    """The habit's windows around the given (sorted) dates, and up to `_LOOKAHEAD` after each run of them."""
    windows: list[Window] = []
    lo = hi = dates[0]
    for day in [*dates[1:], None]:
        if day is not None and day - hi <= _CLUSTER_GAP:
            hi = day
            continue
        for window in slot_windows(habit, lo, days_after(hi, _LOOKAHEAD.days)):
            if not windows or window.first > windows[-1].last:
                windows.append(window)
        if day is not None:
            lo = hi = day
    return windows


def _off_message(key: str, habit: Habit, post: Post, after: Window | None) -> str:
    day = post.date
    if day < habit.start:
        reason = f'is dated before habit "{key}" starts on {day_label(habit.start)}'
    elif habit.end is not None and day > habit.end:
        reason = f'is dated after habit "{key}" ends on {day_label(habit.end)}'
    elif day in habit.skip:
        reason = f'is on a date habit "{key}" skips'
    else:
        reason = f'is outside every slot of habit "{key}"'
    near = after is not None and after.first - day <= _LOOKAHEAD
    slot = f"a slot (the next one: {after.label})" if after is not None and near else "a slot"
    return f"{_post_name(post)} {reason}; move it to {slot} or drop its habit"


def _post_name(post: Post) -> str:
    return f'post "{post.title}" of {day_label(post.date)}'


def _post_locs(post: Post) -> tuple[Loc | None, Loc | None]:
    return (post.locs.get("date"), post.loc)


def _loc(calendar: Calendar, *candidates: Loc | None) -> Loc:
    """The first known place, else the calendar's own (the top of its file at worst)."""
    for loc in (*candidates, calendar.loc):
        if loc is not None:
            return loc
    return Loc(calendar.path, 1, 1)


def _zone(calendar: Calendar) -> ZoneInfo | None:
    """The calendar's zone, or None when it is not a zone (`bad-timezone` is reported elsewhere)."""
    return zone_or_none(calendar.timezone)


def _at(at: time | None) -> str:
    return f" ({at:%H:%M})" if at is not None else ""


def _count(n: int) -> str:
    return "one" if n == 1 else str(n)
