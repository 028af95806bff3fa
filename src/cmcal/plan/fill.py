"""The plan of `cmcal fill`: which idea of the backlog goes to which open slot (README, "Writing the
calendar").

Built on `habits.slots`: `open_slots` says what still needs posts, `fits` what an idea may fill; nothing else
decides either. Computed, never printed; the clock is never read (today comes in).

Decisions:

- Slots are taken earliest first, in `open_slots` order. The slots of one habit (or one promised post of an
  event) in one window, one per platform, are filled together: an idea becomes one post on every platform of
  that window where it fits and a post is still missing, in the idea's own platform order (else the
  habit's). A slot that needs several posts (`times`) takes several ideas.
- For a slot, the ideas are tried in this order: those naming the slot's habit or event before general ones,
  one-off ideas before evergreen ones, then file order.
- A one-off idea is used once. An evergreen idea is used again only `cooldown` days (default 30) or more
  away from each other use of it: the live posts that say `from_idea: ID` and the plan's own earlier uses;
  never twice in one window.
- The post's day is the first day of the slot's window that is today or later and not closed; a window with
  no such day is left open. Its time is the slot's (`at`), else none.
- What the plan leaves open is listed, each slot with the posts it still misses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from cmcal.habits.recurrence import Window
from cmcal.habits.slots import Slot, fits, is_live, open_slots
from cmcal.model import Calendar
from cmcal.model.planning import Idea
from cmcal.views.compute import view_range
from cmcal.views.filters import NO_FILTERS, Filters

__all__ = ["DEFAULT_FILL_DAYS", "Assignment", "Plan", "Unfilled", "plan"]

DEFAULT_FILL_DAYS = 14


@dataclass(frozen=True, slots=True)
class Assignment:
    """One idea placed in one window: the post it becomes, on the platforms of the slots it fills."""

    calendar: Calendar
    idea: Idea
    day: date
    at: time | None
    """The slot's time, or None for any time of the day."""
    slots: tuple[Slot, ...]
    """The slots it fills, one per platform, in the post's platform order."""

    @property
    def platforms(self) -> tuple[str, ...]:
        return tuple(slot.platform for slot in self.slots)

    @property
    def habit(self) -> str | None:
        return self.slots[0].habit

    @property
    def event(self) -> str | None:
        return self.slots[0].event


@dataclass(frozen=True, slots=True)
class Unfilled:
    """An open slot the plan does not fill (or not fully)."""

    calendar: Calendar
    slot: Slot
    missing: int
    """Posts it still needs after the plan."""
    start: date
    """The first day of this calendar's range."""


@dataclass(frozen=True)
class Plan:
    start: date
    end: date
    calendars: tuple[str, ...]
    assignments: tuple[Assignment, ...]
    unfilled: tuple[Unfilled, ...]

    @property
    def open_slots(self) -> int:
        """The open slots of the range before the plan (those it fills and those it leaves)."""
        return sum(len(a.slots) for a in self.assignments) + sum(u.missing for u in self.unfilled)


def plan(
    calendars: Sequence[Calendar],
    today_for: Callable[[Calendar], date],
    days: int = DEFAULT_FILL_DAYS,
    filters: Filters = NO_FILTERS,
) -> Plan:
    """Match each kept calendar's ideas to its open slots of the next `days` days (module docstring)."""
    kept = [c for c in calendars if filters.keeps_calendar(c)]
    assignments: list[tuple[tuple[date, int, time, int, int], Assignment]] = []
    unfilled: list[tuple[tuple[date, int, time, int, str, int], Unfilled]] = []
    starts, ends = [], []
    for order, calendar in enumerate(kept):
        start, end = view_range(today_for(calendar), days)
        starts.append(start)
        ends.append(end)
        slots = [s for s in open_slots(calendar, start, end) if filters.keeps_slot(calendar, s)]
        placed, left = _match(calendar, slots, start)
        for n, a in enumerate(placed):
            assignments.append(((*_when(a.day, a.at), order, n), a))
        for slot, missing in left:
            day = max(slot.window.first, start)
            key = (*_when(day, slot.window.at), order, slot.source, slot.platform_order(calendar))
            unfilled.append((key, Unfilled(calendar, slot, missing, start)))
    assignments.sort(key=lambda pair: pair[0])
    unfilled.sort(key=lambda pair: pair[0])
    if starts:
        first, last = min(starts), max(ends)
    elif calendars:
        first, last = view_range(today_for(calendars[0]), days)
    else:
        first = last = date.min
    return Plan(
        first,
        last,
        tuple(c.name for c in kept),
        tuple(a for _, a in assignments),
        tuple(u for _, u in unfilled),
    )


def _when(day: date, at: time | None) -> tuple[date, int, time]:
    return (day, 0, time.min) if at is None else (day, 1, at.replace(tzinfo=None))


def _idea_key(idea: Idea) -> str:
    return idea.id if idea.id is not None else f"#{idea.index}"


def _match(
    calendar: Calendar, slots: list[Slot], start: date
) -> tuple[list[Assignment], list[tuple[Slot, int]]]:
    remaining = {id(slot): slot.missing for slot in slots}
    groups: dict[tuple[str | None, str | None, int | None, Window], list[Slot]] = {}
    for slot in slots:
        groups.setdefault((slot.habit, slot.event, slot.offset, slot.window), []).append(slot)
    ids = {idea.id for idea in calendar.ideas if idea.id is not None}
    uses: dict[str, list[date]] = {}
    for post in calendar.posts:
        if post.from_idea in ids and is_live(post):
            uses.setdefault(post.from_idea, []).append(post.date)
    once: set[str] = set()
    placed: list[Assignment] = []
    for group in groups.values():
        day = _first_day(group[0].window, start)
        if day is None:
            continue
        here: set[str] = set()  # an idea goes in a window once, whatever its cooldown
        while True:
            wanting = [s for s in group if remaining[id(s)] > 0]
            idea = _best(calendar.ideas, wanting, day, uses, once | here)
            if idea is None:
                break
            chosen = [s for s in wanting if fits(idea, s)]
            rank = {p: n for n, p in enumerate(dict.fromkeys(idea.platforms))}
            chosen.sort(key=lambda s: (rank.get(s.platform, len(rank)), s.platform_order(calendar)))
            for slot in chosen:
                remaining[id(slot)] -= 1
            here.add(_idea_key(idea))
            if idea.evergreen:
                uses.setdefault(_idea_key(idea), []).append(day)
            else:
                once.add(_idea_key(idea))
            placed.append(Assignment(calendar, idea, day, group[0].window.at, tuple(chosen)))
    left = [(slot, remaining[id(slot)]) for slot in slots if remaining[id(slot)] > 0]
    return placed, left


def _first_day(window: Window, start: date) -> date | None:
    day = max(window.first, start)
    while day <= window.last:
        if day in window:
            return day
        if day == date.max:
            break
        day += timedelta(days=1)
    return None


def _best(
    ideas: Sequence[Idea], wanting: list[Slot], day: date, uses: dict[str, list[date]], once: set[str]
) -> Idea | None:
    """The idea to use first for these slots on `day` (module docstring), or None when none may."""
    if not wanting:
        return None
    slot = wanting[0]
    best: tuple[int, int, int] | None = None
    chosen = None
    for idea in ideas:
        if not _available(idea, day, uses, once) or not any(fits(idea, s) for s in wanting):
            continue
        specific = (idea.habit is not None and idea.habit == slot.habit) or (
            idea.event is not None and idea.event == slot.event
        )
        rank = (0 if specific else 1, 1 if idea.evergreen else 0, idea.index)
        if best is None or rank < best:
            best, chosen = rank, idea
    return chosen


def _available(idea: Idea, day: date, uses: dict[str, list[date]], once: set[str]) -> bool:
    if _idea_key(idea) in once:
        return False
    if not idea.evergreen:
        return True
    return all(abs((day - u).days) >= idea.cooldown for u in uses.get(_idea_key(idea), []))
