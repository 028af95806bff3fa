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
- Holidays and blackouts change a habit's windows first (`closures.habit_windows`); everything above then
  works on the windows that are left, moved ones included.
- Events: each promised post of an event (`events: {id: {posts: [{offset, platforms, …}]}}`) is a slot on
  `date + offset` per platform, filled exactly like a habit slot by the live posts that name the event
  (`event:`), list the platform and fall on that day. An event slot in a blackout is dropped. Gaps and
  `overbooked` are as for habits; a live post naming an event that promises posts but filling none of them is
  `off-schedule`, located at its `date`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from cmcal.dates import day_label, daylight_problem, days_after, local_time_issue, zone_or_none
from cmcal.habits.closures import Closures, habit_windows
from cmcal.habits.recurrence import Window
from cmcal.i18n import _, ngettext
from cmcal.i18n.formats import clock
from cmcal.model import Calendar, Habit, Post
from cmcal.problems import Loc, Problem, Severity, problem
from cmcal.value import Value

if TYPE_CHECKING:
    from cmcal.model.planning import Event, EventSlot, Idea

__all__ = ["Slot", "build_slots", "fills", "fits", "is_live", "open_slots", "schedule_problems"]

_CLUSTER_GAP = timedelta(days=92)
"""Posts further apart than this get their habit windows computed separately (a post in 2019 and the rest in
2027 must not make cmcal walk every day in between)."""
_LOOKAHEAD = timedelta(days=62)
"""How far after a cluster of posts windows are computed, so an off-schedule post can name the next slot."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Slot(Value):
    """One slot of a habit or of an event's promised posts, on one platform, and the posts that fill it."""

    calendar: str
    """The calendar's display name."""
    habit: str | None
    """The habit's id (its key under `habits:`); None for an event's slot."""
    platform: str
    window: Window
    times: int
    """Posts the slot needs (the habit's or the promised post's `times`)."""
    required: bool
    """Whether a gap here is an error (`required`)."""
    filled_by: tuple[Post, ...]
    """The posts filling the slot, in (date, time, file order); more than `times` when it is overbooked."""
    event: str | None = None
    """The event's id (its key under `events:`) for an event's slot, else None."""
    type: str | None = None
    """The content type expected (the habit's `type`, or the promised post's), or None for any."""
    offset: int | None = None
    """For an event's slot: days from the event's date (-7 is a week before)."""

    @property
    def source(self) -> str:
        """The id of the habit or the event the slot belongs to."""
        return self.habit if self.habit is not None else self.event or ""

    def title(self, calendar: Calendar) -> str:
        """The habit's title, or the event's; the id when it is not declared."""
        if self.habit is not None:
            habit = calendar.habits.get(self.habit)
            return habit.title if habit is not None else self.habit
        event = calendar.events.get(self.event or "")
        return event.title if event is not None else self.source

    def owner(self, calendar: Calendar) -> str | None:
        """The habit's owner, or the event's."""
        if self.habit is not None:
            habit = calendar.habits.get(self.habit)
            return habit.owner if habit is not None else None
        event = calendar.events.get(self.event or "")
        return event.owner if event is not None else None

    def platform_order(self, calendar: Calendar) -> int:
        """The slot's platform's place among its habit's (or promised post's) platforms."""
        platforms: tuple[str, ...] = ()
        if self.habit is not None:
            habit = calendar.habits.get(self.habit)
            platforms = tuple(dict.fromkeys(habit.platforms)) if habit is not None else ()
        else:
            event = calendar.events.get(self.event or "")
            promised = [p for p in event.posts if p.offset == self.offset] if event is not None else []
            platforms = tuple(dict.fromkeys(p for x in promised for p in x.platforms))
        return platforms.index(self.platform) if self.platform in platforms else len(platforms)

    @property
    def moved_from(self) -> date | None:
        return self.window.moved_from

    @property
    def reason(self) -> str | None:
        return self.window.reason

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

    def sort_key(self) -> tuple[date, time, int, str, str]:
        return (
            self.window.first,
            self.window.at or time.min,
            0 if self.habit is not None else 1,
            self.source,
            self.platform,
        )


def build_slots(calendar: Calendar, start: date, end: date) -> list[Slot]:
    """Every slot of every habit and event whose window intersects `start`..`end`, with its filling posts.

    Sorted by (first day of the window, slot time or midnight, habits before events, id, platform).
    """
    return _slots(calendar, _PostIndex(calendar), _PostIndex(calendar, events=True), start, end)


def open_slots(calendar: Calendar, start: date, end: date) -> list[Slot]:
    """The slots of `start`..`end` that still need posts (gaps), sorted as `build_slots`.

    With `fits`, this is what matching ideas to slots builds on (`cmcal fill`): each slot says its habit or
    event, platform, expected type, window (moved ones with `moved_from` and `reason`) and how many posts
    it `missing`; the ideas are the calendar's `ideas`.
    """
    return [slot for slot in build_slots(calendar, start, end) if slot.is_gap]


def fits(idea: Idea, slot: Slot) -> bool:
    """Whether `idea` may fill `slot`: same habit (an idea with no habit fits any habit's slot), the event it
    names if any, one of its platforms (none: any), and its type when both say one."""
    if idea.habit is not None and idea.habit != slot.habit:
        return False
    if idea.event is not None and idea.event != slot.event:
        return False
    if slot.event is not None and idea.habit is not None:
        return False
    if idea.platforms and slot.platform not in idea.platforms:
        return False
    return idea.type is None or slot.type is None or idea.type == slot.type


def schedule_problems(calendar: Calendar, today: date, horizon: int) -> list[Problem]:
    """`gap`, `nonexistent-time` and `ambiguous-time` within the horizon; `off-schedule` and `overbooked` for
    every post of the calendar, whatever its date."""
    index = _PostIndex(calendar)
    event_index = _PostIndex(calendar, events=True)
    closures = Closures.of(calendar)
    found: list[Problem] = []
    if horizon >= 1:
        last = days_after(today, horizon - 1)
        for slot in _slots(calendar, index, event_index, today, last):
            if slot.is_gap:
                severity = Severity.ERROR if slot.required else None
                found.append(
                    problem(_slot_loc(calendar, slot), "gap", _gap_message(slot, calendar), severity)
                )
        zone = _zone(calendar)
        if zone is not None:
            for key, habit in calendar.habits.items():
                found.extend(_time_problems(calendar, zone, key, habit, today, last, closures))
    for key, habit in calendar.habits.items():
        found.extend(_post_problems(calendar, key, habit, index, closures))
    for event in calendar.events.values():
        found.extend(_event_post_problems(calendar, event, event_index))
    return found


# --- filling slots ------------------------------------------------------------------------------------------


def is_live(post: Post) -> bool:
    """Whether a post can fill a slot at all: a cancelled post fills nothing."""
    return post.status != "cancelled"


def fills(post: Post, habit: str | None, platform: str, window: Window, event: str | None = None) -> bool:
    """The one definition of filling a slot: the post names the habit (for an event's slot, the event),
    lists the platform, falls in the window (not on a blacked-out day of it) and is live. `_PostIndex` finds
    the same posts for many slots at once."""
    names = post.habit == habit if event is None else post.event == event
    return names and is_live(post) and post.date in window and platform in post.platforms


class _PostIndex:
    """The live posts of a calendar that name a known habit (or, with `events`, a known event), by (habit,
    platform) and by habit: `fills` for many slots at once (a bucket by (habit, platform), a binary search on
    the window)."""

    __slots__ = ("by_habit", "by_slot")

    def __init__(self, calendar: Calendar, events: bool = False) -> None:
        if events:
            known_events = calendar.events
            live = [p for p in calendar.posts if p.event in known_events and is_live(p)]
        else:
            habits = calendar.habits
            live = [p for p in calendar.posts if p.habit in habits and is_live(p)]
        live.sort(key=_post_order)  # once: every bucket below is filled in this order
        self.by_habit: dict[str, list[Post]] = {}
        buckets: dict[tuple[str, str], list[Post]] = {}
        for post in live:
            habit = post.event if events else post.habit
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
        if window.closed:
            return tuple(post for post in posts[lo:hi] if post.date not in window.closed)
        return tuple(posts[lo:hi])


def _post_order(post: Post) -> tuple[date, time, int]:
    return (post.date, post.time or time.min, post.index)


def _slots(
    calendar: Calendar, index: _PostIndex, event_index: _PostIndex, start: date, end: date
) -> list[Slot]:
    slots = []
    closures = Closures.of(calendar)
    for key, habit in calendar.habits.items():
        windows = habit_windows(habit, start, end, closures)
        slots.extend(_habit_slots(calendar, index, key, habit, windows))
    for key, event in calendar.events.items():
        for promised, window in event_windows(event, closures):
            if window.intersects(start, end):
                slots.extend(
                    Slot(
                        calendar.name,
                        None,
                        platform,
                        window,
                        promised.times,
                        promised.required,
                        event_index.filling(key, platform, window),
                        event=key,
                        type=promised.type,
                        offset=promised.offset,
                    )
                    for platform in dict.fromkeys(promised.platforms)
                )
    slots.sort(key=Slot.sort_key)
    return slots


def event_windows(event: Event, closures: Closures) -> list[tuple[EventSlot, Window]]:
    """Each promised post of `event` with its one-day window, without those in a blackout."""
    out = []
    for promised in event.posts:
        try:
            day = event.date + timedelta(days=promised.offset)
        except OverflowError:
            continue
        if closures.blackout_on(day) is not None:
            continue
        out.append((promised, Window(day, day, promised.at, day_label(day))))
    return out


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
            type=habit.type,
        )
        for platform in dict.fromkeys(habit.platforms)
        for window in windows
    ]


# --- problems -----------------------------------------------------------------------------------------------


def _gap_message(slot: Slot, calendar: Calendar) -> str:
    window = slot.window
    where = _("on {platform} for {window}").format(platform=slot.platform, window=window.label)
    where += _at(window.at) + moved_note(window)
    owner = _habit(slot.habit) if slot.habit is not None else _event(slot.event or "")
    if slot.offset is not None:
        event = calendar.events.get(slot.event or "")
        where += ", " + offset_label(slot.offset, (event.last - event.date).days + 1 if event else 1)
    have = len(slot.filled_by)
    if have == 0:
        needed = "" if slot.times == 1 else _(" ({n} needed)").format(n=slot.times)
        text = ngettext(
            "{owner} has no post {where}{needed}; add one",
            "{owner} has no post {where}{needed}; add {n}",
            slot.times,
        ).format(owner=owner, where=where, needed=needed, n=slot.times)
    else:
        text = _("{owner} has {have} of {times} posts {where}; add {missing} more").format(
            owner=owner, have=have, times=slot.times, where=where, missing=slot.missing
        )
    return text + (_(" or skip the date") if window.is_day and slot.habit is not None else "")


def _habit(key: str) -> str:
    return _('habit "{habit}"').format(habit=key)


def _event(key: str) -> str:
    return _('event "{event}"').format(event=key)


def moved_note(window: Window) -> str:
    """`, moved from Fri 2026-12-25 (Christmas Day)`, or nothing for a slot on its own date."""
    if window.moved_from is None:
        return ""
    return _(", moved from {day} ({reason})").format(day=day_label(window.moved_from), reason=window.reason)


def offset_label(offset: int, days: int = 1) -> str:
    """`7 days before the event`, `the day after the event`, `the event's day`; for an event of `days` days,
    a day inside it is `day 2 of the event` and a day after counts from its last day (an offset counts from
    the first: +3 of a Friday-to-Sunday fair is the Monday, `the day after the event`)."""
    if days > 1 and 0 <= offset < days:
        return _("the event's first day") if offset == 0 else _("day {n} of the event").format(n=offset + 1)
    after = offset - max(days, 1) + 1 if offset > 0 else offset
    if after == 0:
        return _("the event's day")
    if after == -1:
        return _("the day before the event")
    if after == 1:
        return _("the day after the event")
    if after < 0:
        return _("{n} days before the event").format(n=-after)
    return _("{n} days after the event").format(n=after)


def _slot_loc(calendar: Calendar, slot: Slot) -> Loc:
    if slot.habit is not None:
        return _loc(calendar, calendar.habits[slot.habit].loc)
    event = calendar.events.get(slot.event or "")
    if event is None:
        return _loc(calendar)
    promised = next((p for p in event.posts if p.offset == slot.offset), None)
    return _loc(calendar, promised.loc if promised is not None else None, event.loc)


def _time_problems(
    calendar: Calendar,
    zone: ZoneInfo,
    key: str,
    habit: Habit,
    today: date,
    last: date,
    closures: Closures,
) -> list[Problem]:
    if habit.at is None:
        return []
    found = []
    loc = _loc(calendar, habit.locs.get("at"), habit.loc)
    for window in habit_windows(habit, today, last, closures):
        day = max(window.first, today)
        while day <= min(window.last, last):
            issue = local_time_issue(zone, day, habit.at)
            if issue is not None:
                found.append(daylight_problem(loc, issue, day, habit.at, zone, _habit(key)))
            if day == date.max:
                break
            day += timedelta(days=1)
    return found


def _post_problems(
    calendar: Calendar, key: str, habit: Habit, index: _PostIndex, closures: Closures
) -> list[Problem]:
    """`off-schedule` and `overbooked` for the live posts naming this habit."""
    posts = index.by_habit.get(key, [])
    if not posts:
        return []
    windows = _windows_around(habit, sorted({post.date for post in posts}), closures)
    firsts = [window.first for window in windows]
    platforms = set(habit.platforms)
    found = []
    for post in posts:
        if not platforms.intersection(post.platforms):
            loc = _loc(calendar, post.locs.get("platforms"), post.locs.get("platform"), *_post_locs(post))
            text = _(
                "{post} is on {platforms}, but {habit} publishes on {habit_platforms}; "
                "add one of those platforms or drop its habit"
            ).format(
                post=_post_name(post),
                platforms=", ".join(post.platforms),
                habit=_habit(key),
                habit_platforms=", ".join(habit.platforms),
            )
            found.append(problem(loc, "off-schedule", text))
            continue
        i = bisect_right(firsts, post.date) - 1
        if i >= 0 and post.date in windows[i]:
            continue
        after = windows[i + 1] if i + 1 < len(windows) else None
        message = _off_message(key, habit, post, after, closures)
        found.append(problem(_loc(calendar, *_post_locs(post)), "off-schedule", message))
    for window in windows:
        extras: dict[int, tuple[Post, list[str]]] = {}
        for platform in dict.fromkeys(habit.platforms):
            for post in index.filling(key, platform, window)[max(0, habit.times) :]:
                extras.setdefault(id(post), (post, []))[1].append(platform)
        for post, on in sorted(extras.values(), key=lambda extra: _post_order(extra[0])):
            text = ngettext(
                "{owner} already has one post on {platforms} for {window}, so {post} is one too many; "
                "move it to another slot or raise `times`",
                "{owner} already has {n} posts on {platforms} for {window}, so {post} is one too many; "
                "move it to another slot or raise `times`",
                habit.times,
            ).format(
                owner=_habit(key),
                n=habit.times,
                platforms=_and(on),
                window=window.label,
                post=_post_name(post),
            )
            found.append(problem(_loc(calendar, *_post_locs(post)), "overbooked", text))
    return found


def _event_post_problems(calendar: Calendar, event: Event, index: _PostIndex) -> list[Problem]:
    """`off-schedule` and `overbooked` for the live posts naming this event."""
    posts = index.by_habit.get(event.id, [])
    if not posts or not event.posts:
        return []
    windows = event_windows(event, Closures.of(calendar))
    found = []
    for post in posts:
        if any(post.date in w and set(p.platforms).intersection(post.platforms) for p, w in windows):
            continue
        days = ", ".join(
            _("{window} on {platforms}").format(window=w.label, platforms="/".join(p.platforms))
            for p, w in windows[:4]
        ) + ("…" if len(windows) > 4 else "")
        text = _(
            "{post} names {event} but fills none of its promised posts ({days}); "
            "move it to one of them or drop its `event`"
        ).format(post=_post_name(post), event=_event(event.id), days=days)
        found.append(problem(_loc(calendar, *_post_locs(post)), "off-schedule", text))
    for promised, window in windows:
        extras: dict[int, tuple[Post, list[str]]] = {}
        for platform in dict.fromkeys(promised.platforms):
            for post in index.filling(event.id, platform, window)[max(0, promised.times) :]:
                extras.setdefault(id(post), (post, []))[1].append(platform)
        for post, on in sorted(extras.values(), key=lambda extra: _post_order(extra[0])):
            text = ngettext(
                "{owner} already has one post on {platforms} for {window}, so {post} is one too many; "
                "move it or raise `times`",
                "{owner} already has {n} posts on {platforms} for {window}, so {post} is one too many; "
                "move it or raise `times`",
                promised.times,
            ).format(
                owner=_event(event.id),
                n=promised.times,
                platforms=_and(on),
                window=window.label,
                post=_post_name(post),
            )
            found.append(problem(_loc(calendar, *_post_locs(post)), "overbooked", text))
    return found


def _windows_around(habit: Habit, dates: list[date], closures: Closures) -> list[Window]:
    """The habit's windows around the given (sorted) dates, and up to `_LOOKAHEAD` after each run of them."""
    windows: list[Window] = []
    lo = hi = dates[0]
    for day in [*dates[1:], None]:
        if day is not None and day - hi <= _CLUSTER_GAP:
            hi = day
            continue
        for window in habit_windows(habit, lo, days_after(hi, _LOOKAHEAD.days), closures):
            if not windows or window.first > windows[-1].last:
                windows.append(window)
        if day is not None:
            lo = hi = day
    return windows


def _off_message(key: str, habit: Habit, post: Post, after: Window | None, closures: Closures) -> str:
    day = post.date
    closed = closures.closed_reason(day) if habit.on_holiday != "keep" or closures.has_blackouts else None
    owner = _habit(key)
    if closed is not None and habit.start <= day:
        reason = _("is on {day} ({closed}), a day {habit} has no slot").format(
            day=day_label(day), closed=closed, habit=owner
        )
    elif day < habit.start:
        reason = _("is dated before {habit} starts on {day}").format(habit=owner, day=day_label(habit.start))
    elif habit.end is not None and day > habit.end:
        reason = _("is dated after {habit} ends on {day}").format(habit=owner, day=day_label(habit.end))
    elif day in habit.skip:
        reason = _("is on a date {habit} skips").format(habit=owner)
    else:
        reason = _("is outside every slot of {habit}").format(habit=owner)
    near = after is not None and after.first - day <= _LOOKAHEAD
    if after is not None and near:
        return _("{post} {reason}; move it to a slot (the next one: {window}) or drop its habit").format(
            post=_post_name(post), reason=reason, window=after.label
        )
    return _("{post} {reason}; move it to a slot or drop its habit").format(
        post=_post_name(post), reason=reason
    )


def _post_name(post: Post) -> str:
    return _('post "{title}" of {day}').format(title=post.title, day=day_label(post.date))


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
    return f" ({clock(at)})" if at is not None else ""


def _and(platforms: list[str]) -> str:
    return _(" and ").join(platforms)
