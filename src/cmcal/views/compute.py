"""What `cmcal upcoming`, `cmcal gaps` and `cmcal month` show, as plain values.

README, "`cmcal upcoming`, `cmcal gaps`, `cmcal month`", is the contract.

Everything here is pure: "today" is an argument (one per calendar, since each calendar has its own zone), and
nothing prints. The renderers (`cmcal.views.tables`) turn these values into tables, JSON and CSV.

Decisions (README, "Seeing what is coming"):

- A view's days are today (in each calendar's zone, unless `--today` fixes it) and the `days − 1` days after
  it. A view never reaches past 9999-12-31.
- One item per post and platform, and one per gap, which is a habit slot (habit, platform, window) with fewer
  live posts than the habit's `times`. A gap's `date` is the first day of its window inside the view: a
  weekly slot that began on Monday shows on today's date when today is Wednesday (its `window_start` and
  `window_end` say the whole window).
- Order: by date; within a day, all-day items (no time) first, then by time; then by calendar (in the order
  they were read: by path), posts before gaps, posts in file order and on their platforms in the post's
  order, gaps by habit id and in the habit's platform order.
- Cancelled posts are left out unless asked for (`include_cancelled`); they never fill a slot either way.
- Filters combine with AND, and each takes several values (any of them): platform (a post shows its kept
  platforms), owner (a post's owner; a gap's habit's owner), habit, calendar (its display name, in any
  case).
- Coverage per habit (in `gaps`): of the habit's slots whose window meets the view, how many are filled. The
  percentage is rounded, but never to 100 % while a slot is open, nor to 0 % while one is filled.
- The month grid has weeks as rows (Monday to Sunday). Each day holds its posts, counted per platform, and
  its one-day gaps; a gap whose window is a whole week or month belongs to no single day and is listed
  below the grid. The month shows every unfilled slot of the month, past days included (a missed slot).
- Planning (README, "Planning"): each event day in the view is an item of kind `event` (one a calendar and
  day, all day, before the posts of that day); holidays and blackouts that meet the view are listed beside
  the items (`holidays`, `blackouts`), and the month marks them on their days. A gap moved by a holiday or
  a blackout carries `moved_from` and `reason`. Each habit or event with open slots in the view says how
  many ideas of the backlog could fill one of them (`ideas`).
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Literal

from cmcal.dates import days_after, days_before
from cmcal.habits.recurrence import Window
from cmcal.habits.slots import Slot, build_slots, fits
from cmcal.i18n import _
from cmcal.model import Calendar, Post
from cmcal.views.filters import NO_FILTERS, Filters

__all__ = [
    "Day",
    "Filters",
    "GapsView",
    "HabitCoverage",
    "Item",
    "MonthView",
    "UpcomingView",
    "gap_item",
    "gaps",
    "month",
    "upcoming",
    "view_range",
]

DEFAULT_UPCOMING_DAYS = 14
DEFAULT_GAPS_DAYS = 30

_Day = date  # `Item.date` hides the type inside the class

_MARGIN = timedelta(days=31)
"""No slot window is longer than a month, so a window that meets the view lies within this margin of it: posts
further away can fill none of its slots and are not looked at."""


@dataclass(frozen=True, slots=True)
class Item:
    """One row of a view: a post on one platform, or a gap (an unfilled habit slot)."""

    kind: Literal["post", "gap", "event"]
    date: date
    """The post's date; for a gap, the first day of its window inside the view; for an event, the day."""
    time: time | None
    """The post's time (else its habit's `at`); a gap's slot time. None: all day."""
    calendar: str
    """The calendar's display name."""
    platform: str | None
    """None for an event's day."""
    habit: str | None
    type: str | None
    title: str
    """The post's title; for a gap, its habit's (or event's) title; for an event's day, the event's."""
    owner: str | None
    """The post's owner; for a gap, its habit's owner."""
    status: str | None
    """The post's status; None for a gap."""
    id: str | None = None
    """The post's `id`, if it has one."""
    missing: int | None = None
    """For a gap: how many posts the slot still needs."""
    times: int | None = None
    """For a gap: how many posts the slot needs in all (the habit's `times`)."""
    required: bool | None = None
    """For a gap: whether the habit is `required` (the gap is an error in `check`)."""
    window: Window | None = None
    """For a gap: the slot's window (one day, an ISO week or a month)."""
    event: str | None = None
    """The event a post names, or whose promised post a gap is; for an event day, the event."""
    campaign: str | None = None
    """The campaign a post names."""
    moved_from: _Day | None = None
    """For a gap: the slot's own date when a holiday or a blackout moved it (else None)."""
    reason: str | None = None
    """For a moved gap: why (the holiday's name, the blackout's reason)."""

    location: str | None = None
    """For an event's day: where the event happens."""
    event_title: str | None = None
    """For an event's day: the event's own title (`title` says which day of it this is)."""

    @property
    def is_gap(self) -> bool:
        return self.kind == "gap"

    @property
    def is_event(self) -> bool:
        return self.kind == "event"


@dataclass(frozen=True, slots=True)
class Holiday:
    """A public holiday of a calendar's `holidays:` sets."""

    date: date
    calendar: str
    name: str


@dataclass(frozen=True, slots=True)
class BlackoutSpan:
    """A blackout of a calendar (both days included)."""

    first: date
    last: date
    calendar: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class IdeaCount:
    """How many ideas of a calendar's backlog could fill one of the open slots of a habit (or an event)."""

    calendar: str
    habit: str | None
    event: str | None
    open: int
    """The habit's (or event's) open slots in the view."""
    ideas: int


@dataclass(frozen=True, slots=True)
class UpcomingView:
    start: date
    """The first day shown (the earliest, when calendars have different todays)."""
    end: date
    """The last day shown, included."""
    calendars: tuple[str, ...]
    """The calendars shown, by display name, in reading order."""
    items: tuple[Item, ...]
    posts: int
    """How many posts the view holds (a post on two platforms counts once)."""
    holidays: tuple[Holiday, ...] = ()
    blackouts: tuple[BlackoutSpan, ...] = ()
    ideas: tuple[IdeaCount, ...] = ()
    """For each habit and event with open slots in the view, the ideas that could fill them."""

    @property
    def gaps(self) -> int:
        return sum(1 for i in self.items if i.is_gap)


@dataclass(frozen=True, slots=True)
class HabitCoverage:
    """One habit's slots in a view: how many there are, how many are filled, and the gaps."""

    calendar: str
    habit: str | None
    """The habit's id; None for an event's promised posts."""
    title: str
    owner: str | None
    required: bool
    slots: int
    filled: int
    gaps: tuple[Item, ...]
    event: str | None = None
    """The event's id, for the slots of an event's promised posts."""
    ideas: int | None = None
    """How many ideas of the backlog could fill one of its open slots (`habits.slots.fits`); None when the
    calendar keeps no `ideas`."""
    first: date | None = None
    """For an event: its first day."""
    last: date | None = None
    """For an event: its last day."""
    location: str | None = None
    """For an event: where it happens."""

    @property
    def percent(self) -> int:
        """Filled slots in percent, rounded, but 100 only when all are filled and 0 only when none is."""
        if self.slots == 0:
            return 100
        value = round(100 * self.filled / self.slots)
        if self.filled < self.slots:
            value = min(value, 99)
        if self.filled > 0:
            value = max(value, 1)
        return value


@dataclass(frozen=True, slots=True)
class GapsView:
    start: date
    end: date
    calendars: tuple[str, ...]
    habits: tuple[HabitCoverage, ...]
    """Every habit (then event) with a slot in the view, with or without gaps, by calendar then id."""
    holidays: tuple[Holiday, ...] = ()
    blackouts: tuple[BlackoutSpan, ...] = ()
    events: tuple[Item, ...] = ()
    """The event days in the view (items of kind `event`)."""

    @property
    def items(self) -> tuple[Item, ...]:
        """Every gap, in the order of `upcoming`."""
        return tuple(sorted((g for h in self.habits for g in h.gaps), key=_gap_order(self.calendars)))


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the month grid."""

    date: date
    posts: tuple[tuple[str, int], ...]
    """(platform, number of posts on it), platforms in the order of `MonthView.platforms`."""
    gaps: tuple[tuple[str, int], ...]
    """(platform, number of one-day gaps on it): the habit slots of that very day left unfilled."""
    holidays: tuple[str, ...] = ()
    """The names of the day's holidays (several calendars may have several)."""
    closed: bool = False
    """Whether the day is in a blackout of a calendar shown."""
    events: tuple[str, ...] = ()
    """The ids of the events on that day."""


@dataclass(frozen=True, slots=True)
class MonthView:
    year: int
    month: int
    today: date
    calendars: tuple[str, ...]
    weeks: tuple[tuple[Day | None, ...], ...]
    """Rows of seven days, Monday to Sunday; None for the days of the months before and after."""
    platforms: tuple[str, ...]
    """Every platform that has a post or a gap this month, in the calendars' order of declaration."""
    period_gaps: tuple[Item, ...]
    """Gaps whose window is longer than a day (an ISO week, a month): they belong to no single day."""
    posts: int
    """How many posts the month holds (a post on two platforms counts once)."""
    holidays: tuple[Holiday, ...] = ()
    blackouts: tuple[BlackoutSpan, ...] = ()
    events: tuple[Item, ...] = ()
    """The month's event days (items of kind `event`)."""

    @property
    def gaps(self) -> int:
        day_gaps = sum(n for week in self.weeks for day in week if day is not None for _, n in day.gaps)
        return day_gaps + len(self.period_gaps)


# --- building the views -------------------------------------------------------------------------------------


def view_range(today: date, days: int) -> tuple[date, date]:
    """Today and the `days − 1` days after it, stopping at the last date there is."""
    last = days_after(today, days - 1)
    return today, last


def upcoming(
    calendars: Sequence[Calendar],
    today_for: Callable[[Calendar], date],
    days: int = DEFAULT_UPCOMING_DAYS,
    filters: Filters = NO_FILTERS,
    *,
    include_cancelled: bool = False,
) -> UpcomingView:
    """The posts and gaps of the next `days` days of every calendar the filters keep, merged in time order."""
    kept = [c for c in calendars if filters.keeps_calendar(c)]
    keyed: list[tuple[tuple[date, int, time, int, int, int, str, int], Item]] = []
    starts, ends = [], []
    post_count = 0
    holidays: list[Holiday] = []
    blackouts: list[BlackoutSpan] = []
    ideas: list[IdeaCount] = []
    for order, calendar in enumerate(kept):
        start, end = view_range(today_for(calendar), days)
        starts.append(start)
        ends.append(end)
        holidays.extend(holidays_in(calendar, start, end))
        blackouts.extend(blackouts_in(calendar, start, end))
        for item in event_days(calendar, start, end, filters):
            keyed.append(((item.date, 0, time.min, order, -1, 0, item.event or "", 0), item))
        posts = _posts_near(calendar, start, end)
        for post in posts:
            if not start <= post.date <= end or not filters.keeps_post(post):
                continue
            if post.status == "cancelled" and not include_cancelled:
                continue
            shown = False
            for position, platform in enumerate(dict.fromkeys(post.platforms)):
                if filters.keeps_platform(platform):
                    key = (*_when(post.date, post.time), order, 0, post.index, "", position)
                    keyed.append((key, _post_item(calendar, post, platform)))
                    shown = True
            post_count += shown
        open_slots = []
        for slot in _slots(calendar, posts, start, end):
            if slot.is_gap and filters.keeps_slot(calendar, slot):
                open_slots.append(slot)
                item = gap_item(calendar, slot, start)
                key = (*_when(item.date, item.time), order, 1, 0, slot.source, slot.platform_order(calendar))
                keyed.append((key, item))
        ideas.extend(_idea_counts(calendar, open_slots))
    keyed.sort(key=lambda pair: pair[0])
    start, end = _span(starts, ends, calendars, today_for, days)
    names = tuple(c.name for c in kept)
    items = tuple(item for _, item in keyed)
    return UpcomingView(start, end, names, items, post_count, tuple(holidays), tuple(blackouts), tuple(ideas))


def gaps(
    calendars: Sequence[Calendar],
    today_for: Callable[[Calendar], date],
    days: int = DEFAULT_GAPS_DAYS,
    filters: Filters = NO_FILTERS,
) -> GapsView:
    """The unfilled habit slots of the next `days` days, grouped by habit, with each habit's coverage."""
    kept = [c for c in calendars if filters.keeps_calendar(c)]
    habits: list[HabitCoverage] = []
    starts, ends = [], []
    holidays: list[Holiday] = []
    blackouts: list[BlackoutSpan] = []
    events: list[Item] = []
    for calendar in kept:
        start, end = view_range(today_for(calendar), days)
        starts.append(start)
        ends.append(end)
        holidays.extend(holidays_in(calendar, start, end))
        blackouts.extend(blackouts_in(calendar, start, end))
        events.extend(event_days(calendar, start, end, filters))
        by_source: dict[tuple[int, str], list[Slot]] = {}
        for slot in _slots(calendar, _posts_near(calendar, start, end), start, end):
            if filters.keeps_slot(calendar, slot):
                by_source.setdefault((slot.habit is None, slot.source), []).append(slot)
        for key in sorted(by_source):
            slots = by_source[key]
            first = slots[0]
            open_slots = sorted(
                (s for s in slots if s.is_gap), key=lambda s: (s.window.first, s.platform_order(calendar))
            )
            event = calendar.events.get(first.event) if first.event is not None else None
            habits.append(
                HabitCoverage(
                    calendar.name,
                    first.habit,
                    first.title(calendar),
                    first.owner(calendar),
                    any(s.required for s in slots),
                    len(slots),
                    len(slots) - len(open_slots),
                    tuple(gap_item(calendar, s, start) for s in open_slots),
                    event=first.event,
                    ideas=ideas_for_slots(calendar, open_slots),
                    first=event.date if event is not None else None,
                    last=event.last if event is not None else None,
                    location=event.location if event is not None else None,
                )
            )
    start, end = _span(starts, ends, calendars, today_for, days)
    names = tuple(c.name for c in kept)
    events.sort(key=lambda item: (item.date, names.index(item.calendar)))
    return GapsView(start, end, names, tuple(habits), tuple(holidays), tuple(blackouts), tuple(events))


def month(
    calendars: Sequence[Calendar],
    year: int,
    month: int,
    today: date,
    filters: Filters = NO_FILTERS,
) -> MonthView:
    """The month grid of `year`-`month`: each day's posts per platform and its gaps, weeks as rows."""
    kept = [c for c in calendars if filters.keeps_calendar(c)]
    first = date(year, month, 1)
    last = date(year, month, _calendar.monthrange(year, month)[1])
    posts_on: dict[date, dict[str, int]] = {}
    gaps_on: dict[date, dict[str, int]] = {}
    period_gaps: list[Item] = []
    seen: dict[str, None] = {}
    post_count = 0
    holidays: list[Holiday] = []
    blackouts: list[BlackoutSpan] = []
    events: list[Item] = []
    for calendar in kept:
        seen.update(dict.fromkeys(calendar.platforms))
        holidays.extend(holidays_in(calendar, first, last))
        blackouts.extend(blackouts_in(calendar, first, last))
        events.extend(event_days(calendar, first, last, filters))
        posts = _posts_near(calendar, first, last)
        for post in posts:
            if not first <= post.date <= last or post.status == "cancelled" or not filters.keeps_post(post):
                continue
            shown = [p for p in dict.fromkeys(post.platforms) if filters.keeps_platform(p)]
            if shown:
                post_count += 1
            counts = posts_on.setdefault(post.date, {})
            for platform in shown:
                counts[platform] = counts.get(platform, 0) + 1
                seen.setdefault(platform)
        for slot in _slots(calendar, posts, first, last):
            if not slot.is_gap or not filters.keeps_slot(calendar, slot):
                continue
            if slot.window.is_day:
                counts = gaps_on.setdefault(slot.window.first, {})
                counts[slot.platform] = counts.get(slot.platform, 0) + 1
                seen.setdefault(slot.platform)
            else:
                period_gaps.append(gap_item(calendar, slot, first))
    used = {p for counts in (*posts_on.values(), *gaps_on.values()) for p in counts}
    platforms = tuple(p for p in seen if p in used)

    names_on: dict[date, list[str]] = {}
    for holiday in holidays:
        listed = names_on.setdefault(holiday.date, [])
        if holiday.name not in listed:
            listed.append(holiday.name)
    events_on: dict[date, list[str]] = {}
    for item in events:
        events_on.setdefault(item.date, []).append(item.event or "")

    def day(d: date) -> Day:
        return Day(
            d,
            _counted(posts_on.get(d, {}), platforms),
            _counted(gaps_on.get(d, {}), platforms),
            tuple(names_on.get(d, ())),
            any(b.first <= d <= b.last for b in blackouts),
            tuple(dict.fromkeys(events_on.get(d, ()))),
        )

    cells: list[Day | None] = [None] * first.weekday()
    cells.extend(day(first + timedelta(days=n)) for n in range(last.day))
    cells.extend([None] * (-len(cells) % 7))
    weeks = tuple(tuple(cells[n : n + 7]) for n in range(0, len(cells), 7))
    return MonthView(
        year,
        month,
        today,
        tuple(c.name for c in kept),
        weeks,
        platforms,
        tuple(sorted(period_gaps, key=_gap_order(tuple(c.name for c in kept)))),
        post_count,
        tuple(holidays),
        tuple(blackouts),
        tuple(sorted(events, key=lambda item: item.date)),
    )


# --- helpers ------------------------------------------------------------------------------------------------


def _posts_near(calendar: Calendar, start: date, end: date) -> list[Post]:
    """The posts that can show in, or fill a slot of, the days `start`..`end`: one pass over the calendar."""
    lo, hi = days_before(start, _MARGIN.days), days_after(end, _MARGIN.days)
    return [post for post in calendar.posts if lo <= post.date <= hi]


def _slots(calendar: Calendar, posts: list[Post], start: date, end: date) -> list[Slot]:
    """The slots meeting `start`..`end`, found among `posts` only (those near the days: see `_posts_near`)."""
    if not calendar.habits and not calendar.events:
        return []
    if len(posts) != len(calendar.posts):
        calendar = replace(calendar, posts=tuple(posts))
    return build_slots(calendar, start, end)


def holidays_in(calendar: Calendar, first: date, last: date) -> list[Holiday]:
    """The holidays of the calendar's sets from `first` to `last`."""
    if not calendar.holidays:
        return []
    from cmcal.habits.closures import holiday_language
    from cmcal.habits.holidays import holidays_between

    found = holidays_between(calendar.holidays, first, last, holiday_language(calendar))
    return [Holiday(d, calendar.name, n) for d, n in found]


def blackouts_in(calendar: Calendar, first: date, last: date) -> list[BlackoutSpan]:
    """The calendar's blackouts that meet `first`..`last`, whole, by first day."""
    found = [b for b in calendar.blackouts if b.first <= last and first <= b.last]
    found.sort(key=lambda b: (b.first, b.last))
    return [BlackoutSpan(b.first, b.last, calendar.name, b.reason) for b in found]


def event_days(calendar: Calendar, first: date, last: date, filters: Filters = NO_FILTERS) -> list[Item]:
    """One item of kind `event` for each day of each event from `first` to `last`, by day then event id."""
    out = []
    for key in sorted(calendar.events):
        event = calendar.events[key]
        if not filters.keeps_event(key) or event.date > last or event.last < first:
            continue
        if filters.owners and event.owner not in filters.owners:
            continue
        day = max(event.date, first)
        total = (event.last - event.date).days + 1
        while day <= min(event.last, last):
            n = (day - event.date).days + 1
            title = (
                event.title
                if total == 1
                else _("{title} (day {n} of {total})").format(title=event.title, n=n, total=total)
            )
            out.append(
                Item(
                    "event",
                    day,
                    None,
                    calendar.name,
                    None,
                    None,
                    None,
                    title,
                    event.owner,
                    None,
                    event=key,
                    location=event.location,
                    event_title=event.title,
                )
            )
            if day == date.max:
                break
            day += timedelta(days=1)
    out.sort(key=lambda item: (item.date, item.event or ""))
    return out


def _idea_counts(calendar: Calendar, open_slots: list[Slot]) -> list[IdeaCount]:
    if not calendar.ideas:
        return []
    by_source: dict[tuple[bool, str], list[Slot]] = {}
    for slot in open_slots:
        by_source.setdefault((slot.habit is None, slot.source), []).append(slot)
    return [
        IdeaCount(
            calendar.name,
            slots[0].habit,
            slots[0].event,
            len(slots),
            ideas_for_slots(calendar, slots) or 0,
        )
        for _, slots in sorted(by_source.items())
    ]


def ideas_for_slots(calendar: Calendar, slots: Sequence[Slot]) -> int | None:
    """How many of the calendar's ideas could fill at least one of `slots`; None without `ideas`."""
    if not calendar.ideas:
        return None
    if not slots:
        return 0
    return sum(1 for idea in calendar.ideas if any(fits(idea, slot) for slot in slots))


def _when(day: date, at: time | None) -> tuple[date, int, time]:
    """Sort key of a moment: all-day items before timed ones on the same day."""
    return (day, 0, time.min) if at is None else (day, 1, at.replace(tzinfo=None))


def _gap_order(calendars: tuple[str, ...]) -> Callable[[Item], tuple[date, int, time, int, str]]:
    order = {name: n for n, name in enumerate(calendars)}

    def key(item: Item) -> tuple[date, int, time, int, str]:
        return (*_when(item.date, item.time), order.get(item.calendar, len(order)), item.habit or "")

    return key


def _span(
    starts: list[date],
    ends: list[date],
    calendars: Sequence[Calendar],
    today_for: Callable[[Calendar], date],
    days: int,
) -> tuple[date, date]:
    """The days a view covers, across calendars; with no calendar kept, those of the first one read."""
    if starts:
        return min(starts), max(ends)
    if calendars:
        return view_range(today_for(calendars[0]), days)
    return date.min, date.min


def _post_item(calendar: Calendar, post: Post, platform: str) -> Item:
    return Item(
        "post",
        post.date,
        post.time,
        calendar.name,
        platform,
        post.habit,
        post.type,
        post.title,
        post.owner,
        post.status,
        id=post.id,
        event=post.event,
        campaign=post.campaign,
    )


def gap_item(calendar: Calendar, slot: Slot, start: date) -> Item:
    window = slot.window
    return Item(
        "gap",
        max(window.first, start),
        window.at,
        calendar.name,
        slot.platform,
        slot.habit,
        slot.type,
        slot.title(calendar),
        slot.owner(calendar),
        None,
        missing=slot.missing,
        times=slot.times,
        required=slot.required,
        window=window,
        event=slot.event,
        moved_from=window.moved_from,
        reason=window.reason,
    )


def _counted(counts: dict[str, int], order: Iterable[str]) -> tuple[tuple[str, int], ...]:
    return tuple((p, counts[p]) for p in order if p in counts)
