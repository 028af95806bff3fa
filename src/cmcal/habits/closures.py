"""Holidays and blackouts, and what they do to slots (README, "Holidays and blackouts").

Pure: no clock, no output. `Closures` answers "is this day a holiday, is it blacked out"; `adjust` turns a
habit's windows into the windows it really has once its `on_holiday` and the calendar's blackouts apply.

Decisions:

- A day slot (every day/weekday, fixed `days`, an RRULE occurrence) on a holiday is kept (`keep`, the
  default), dropped (`skip`), or moved to the nearest earlier (`before`) or later (`after`) day that is not a
  holiday, not blacked out, not a day the habit skips, inside the habit's `start`..`end`, and not already a
  slot of the habit (its own slots and the slots moved before it, in date order). A move looks at most
  `MAX_MOVE` days away; a slot with no such day is dropped.
- A day slot in a blackout is dropped, unless the habit says `before` or `after`: then it moves as above.
- A week or month slot loses its blacked-out days: they are cut off its ends, and a closed day inside it no
  longer fills it; a slot with no day left is dropped. Holidays do not change week or month slots.
- A moved window carries `moved_from` (its original date) and `reason` (the holiday's name, or the blackout's
  reason, else "blackout").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cmcal.habits.holidays import holiday_names
from cmcal.habits.recurrence import Window, day_label, slot_windows
from cmcal.i18n import _, chosen
from cmcal.model import Calendar, Habit

if TYPE_CHECKING:
    from cmcal.model.planning import Blackout

__all__ = ["MAX_MOVE", "Closures", "adjust", "habit_windows", "holiday_language"]

MAX_MOVE = 14
"""How many days `before`/`after` looks for a free day before the slot is dropped."""
MARGIN = 2 * MAX_MOVE + 1
"""How far outside a range windows are computed so that moves into (and out of) it are seen."""

_ONE_DAY = timedelta(days=1)


class Closures:
    """The holidays of a calendar's sets and its blackouts, looked up by day."""

    __slots__ = ("_blackouts", "_firsts", "_reach", "sets", "tag")

    def __init__(
        self, blackouts: Sequence[Blackout] = (), sets: tuple[str, ...] = (), tag: str | None = None
    ) -> None:
        self.sets = sets
        self.tag = tag
        """The language holidays are named in (`habits.holidays.holiday_names`); None: each set's own."""
        self._blackouts = sorted(blackouts, key=lambda b: (b.first, b.last))
        self._firsts = [b.first for b in self._blackouts]
        reach: list[date] = []
        for b in self._blackouts:
            reach.append(max(b.last, reach[-1]) if reach else b.last)
        self._reach = reach

    @classmethod
    def of(cls, calendar: Calendar) -> Closures:
        return cls(calendar.blackouts, calendar.holidays, holiday_language(calendar))

    @property
    def has_blackouts(self) -> bool:
        return bool(self._blackouts)

    @property
    def any(self) -> bool:
        return bool(self._blackouts or self.sets)

    def blackout_on(self, day: date) -> Blackout | None:
        """The first blackout (by start) that contains `day`, or None."""
        i = bisect_right(self._firsts, day) - 1
        while i >= 0 and self._reach[i] >= day:
            if day <= self._blackouts[i].last:
                return self._blackouts[i]
            i -= 1
        return None

    def blackouts_between(self, first: date, last: date) -> list[Blackout]:
        return [b for b in self._blackouts if b.first <= last and first <= b.last]

    def holiday_on(self, day: date) -> str | None:
        if not self.sets:
            return None
        return holiday_names(self.sets, day.year, self.tag).get(day)

    def closed_reason(self, day: date) -> str | None:
        """Why no slot may move to `day` (a holiday's name, a blackout's reason); None when it is open."""
        name = self.holiday_on(day)
        if name is not None:
            return name
        blackout = self.blackout_on(day)
        if blackout is not None:
            return blackout_reason(blackout)
        return None


def holiday_language(calendar: Calendar) -> str | None:
    """The language a calendar's holidays are named in: the one it speaks in this run (`--lang` first), or
    None for English, which keeps each set's own language (README, "Holidays and blackouts")."""
    language = chosen(calendar.language)
    return None if language.is_source else language.tag


def blackout_reason(blackout: Blackout) -> str:
    return blackout.reason or _("blackout")


def adjust(habit: Habit, windows: list[Window], closures: Closures) -> list[Window]:
    """The habit's windows once holidays and blackouts apply (sorted by first day)."""
    if not closures.any:
        return windows
    mode = habit.on_holiday
    if not closures.has_blackouts and mode == "keep":
        return windows
    taken = {w.first for w in windows if w.is_day}
    out: list[Window] = []
    for window in windows:
        if not window.is_day:
            cut = _cut(window, closures) if closures.has_blackouts else window
            if cut is not None:
                out.append(cut)
            continue
        day = window.first
        blackout = closures.blackout_on(day)
        holiday = closures.holiday_on(day) if blackout is None else None
        if blackout is None and (holiday is None or mode == "keep"):
            out.append(window)
            continue
        if mode in ("before", "after"):
            target = _free_day(habit, day, -1 if mode == "before" else 1, closures, taken)
            if target is not None:
                taken.add(target)
                reason = blackout_reason(blackout) if blackout is not None else holiday
                moved = replace(window, first=target, last=target, label=day_label(target))
                out.append(replace(moved, moved_from=day, reason=reason))
    out.sort(key=lambda w: (w.first, w.last))
    return out


def _free_day(habit: Habit, day: date, step: int, closures: Closures, taken: set[date]) -> date | None:
    for n in range(1, MAX_MOVE + 1):
        try:
            candidate = day + timedelta(days=step * n)
        except OverflowError:
            return None
        if candidate < habit.start or (habit.end is not None and candidate > habit.end):
            return None
        if candidate in taken or candidate in habit.skip:
            continue
        if closures.closed_reason(candidate) is None:
            return candidate
    return None


def _cut(window: Window, closures: Closures) -> Window | None:
    """A week or month window without its blacked-out days; None when none is left."""
    blackouts = closures.blackouts_between(window.first, window.last)
    if not blackouts:
        return window
    first, last = window.first, window.last
    closed: set[date] = set()
    for b in blackouts:
        day = max(b.first, first)
        while day <= min(b.last, last):
            closed.add(day)
            if day == date.max:
                break
            day += _ONE_DAY
    while first <= last and first in closed:
        first += _ONE_DAY
    while last >= first and last in closed:
        last -= _ONE_DAY
    if first > last:
        return None
    inside = frozenset(d for d in closed if first < d < last)
    return replace(window, first=first, last=last, closed=inside)


def habit_windows(habit: Habit, start: date, end: date, closures: Closures) -> list[Window]:
    """The habit's windows that intersect `start`..`end` once holidays and blackouts apply."""
    if not closures.any or (habit.on_holiday == "keep" and not closures.has_blackouts):
        return slot_windows(habit, start, end)
    lo = start - timedelta(days=MARGIN) if (start - date.min).days > MARGIN else date.min
    hi = end + timedelta(days=MARGIN) if (date.max - end).days > MARGIN else date.max
    return [w for w in adjust(habit, slot_windows(habit, lo, hi), closures) if w.intersects(start, end)]
