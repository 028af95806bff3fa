"""The schedule for other tools: what is exported, when each post happens, and how it is named.

README, "`cmcal export`", is the contract.

The three formats (`ics`, `csvout`, `jsonout`) share what this module decides, so that one post is the same
post everywhere. Everything here is pure: "today" and the export stamp are arguments.

Decisions (README, "Exporting"):

- A selection is a date range (both ends included; an open end takes every post on that side) and filters
  that combine with AND: `platforms` (a post goes out with the selected platforms it lists), `owners`,
  `habits`, `statuses`. An empty filter lets everything through.
- A post's start is its local date and time in its calendar's zone. A local time that the zone skips (the
  clocks spring forward) is read with the offset before the change, as RFC 5545 §3.3.5 says, so 02:30 on a
  spring-forward night is 03:30 daylight time; a local time that occurs twice is its first occurrence (as
  RFC 5545 says too; `ics` writes such a start in UTC, since not every reader follows that rule). A post
  without a time is an all-day item.
- Slots and gaps need a bounded range: from `start` (else today in each calendar's zone) to `end` (else
  `DEFAULT_SLOT_DAYS` days from that first day, that day included).
- A post's UID is `SHA-1(calendar name, post key)` in hex, then `@cmcal`; the key is the post's `id`, else
  `DATE/PLATFORMS/TITLE` (see `Post.key`). It survives every edit except, for a post without an `id`, a change
  of its date, platforms or title — or a rename of the calendar. Two posts with the same key get `#2`, `#3`…
  in file order. A gap's UID hashes the calendar, the habit and the first day of its window.
- Calendars whose time zone is not a zone (`bad-timezone`, already reported by loading) are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from math import inf
from zoneinfo import ZoneInfo

from cmcal.bounds import MAX_DAYS
from cmcal.dates import days_after, zone_or_none
from cmcal.errors import UsageError
from cmcal.habits.slots import Slot, build_slots
from cmcal.i18n import _
from cmcal.i18n.formats import number
from cmcal.model import Calendar, Post
from cmcal.model.planning import Event
from cmcal.views.filters import Filters

__all__ = [
    "DEFAULT_SLOT_DAYS",
    "TIMED_MINUTES",
    "Exported",
    "Item",
    "Selection",
    "event_uid",
    "gap_uid",
    "local_start",
    "post_uids",
    "select_events",
    "select_posts",
    "select_slots",
    "slot_range",
    "slot_uid_key",
    "usable_calendars",
]

DEFAULT_SLOT_DAYS = 90
"""How many days of slots and gaps an export covers when `--to` is not given."""
TIMED_MINUTES = 30
"""How long a timed post lasts as a calendar event: long enough to be seen in a day view."""


@dataclass(frozen=True)
class Selection(Filters):
    """Which posts an export carries: the shared filters, and a range of dates."""

    start: date | None = None
    """First day (included), or None for no lower bound."""
    end: date | None = None
    """Last day (included), or None for no upper bound."""

    def keeps(self, post: Post) -> bool:
        if self.start is not None and post.date < self.start:
            return False
        if self.end is not None and post.date > self.end:
            return False
        return self.keeps_post(post)


@dataclass(frozen=True, slots=True)
class Item:
    """One post as exported: the platforms it goes out on here, when it starts, and its stable UID."""

    calendar: Calendar
    post: Post
    platforms: tuple[str, ...]
    start: datetime | None
    """Aware local start in the calendar's zone, or None for an all-day post."""
    uid: str


@dataclass(frozen=True)
class Exported:
    """An export's bytes (UTF-8), and notes for the person running it (stderr, never in the data)."""

    data: bytes
    notes: tuple[str, ...] = ()
    posts: int = 0
    """How many posts the export carries."""
    gaps: int = 0
    """How many gaps (slots, or slot windows in ICS) it carries."""
    refused: tuple[str, ...] = ()
    """What the destination would refuse (the rows a scheduler's upload rejects): the CLI writes nothing,
    and exits 1, unless told to write anyway (`--force`)."""

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


def usable_calendars(calendars: Iterable[Calendar]) -> list[Calendar]:
    """The calendars whose zone exists; the others are reported by loading (`bad-timezone`)."""
    out = []
    for calendar in calendars:
        if zone_or_none(calendar.timezone) is not None:
            out.append(calendar)
    return out


def local_start(zone: ZoneInfo, day: date, at: time) -> datetime:
    """The aware start of a local date and time, resolved as RFC 5545 does (see the module's decisions)."""
    wall = datetime.combine(day, at.replace(tzinfo=None), tzinfo=zone)  # fold 0: the first occurrence
    try:
        return wall.astimezone(UTC).astimezone(zone)  # a skipped time comes back as the real time it names
    except OverflowError:  # late on 9999-12-31 west of UTC: no clock change there, the wall time stands
        return wall


def select_posts(calendars: Sequence[Calendar], selection: Selection) -> list[Item]:
    """The selected posts with their platforms, starts and UIDs, in order of their local date, then of their
    start instant (all-day posts first), calendar and place in the file."""
    items: list[tuple[tuple[date, float, int, int], Item]] = []
    for order, calendar in enumerate(calendars):
        zone = calendar.zone
        uids = post_uids(calendar)
        for post in calendar.posts:
            if not selection.keeps(post):
                continue
            platforms = selection.platforms_of(post.platforms)
            if not platforms:
                continue
            start = local_start(zone, post.date, post.time) if post.time is not None else None
            key = (post.date, start.timestamp() if start else -inf, order, post.index)
            items.append((key, Item(calendar, post, platforms, start, uids[id(post)])))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def slot_range(
    selection: Selection, calendar: Calendar, today_for: Callable[[Calendar], date]
) -> tuple[date, date]:
    """The days whose slots and gaps an export shows for `calendar` (see the module's decisions): at most
    `MAX_DAYS`, else a usage error."""
    first = selection.start if selection.start is not None else today_for(calendar)
    if selection.end is not None:
        last = selection.end
        if (last - first).days + 1 > MAX_DAYS:
            wide = (
                _(
                    "slots and gaps from --from ({first}) to --to ({last}) would cover {days} days; at most "
                    "{most} (ten years): narrow --from/--to"
                )
                if selection.start is not None
                else _(
                    "slots and gaps from today ({first}) to --to ({last}) would cover {days} days; at most "
                    "{most} (ten years): narrow --from/--to"
                )
            )
            raise UsageError(
                wide.format(
                    first=first,
                    last=last,
                    days=number((last - first).days + 1),
                    most=number(MAX_DAYS),
                )
            )
        return first, last
    days = DEFAULT_SLOT_DAYS - 1
    return first, days_after(first, days)


def select_slots(
    calendar: Calendar, selection: Selection, today_for: Callable[[Calendar], date]
) -> tuple[date, date, list[Slot]]:
    """The slot range of `calendar` and its slots that pass the filters (gaps and filled ones alike)."""
    first, last = slot_range(selection, calendar, today_for)
    if last < first:
        return first, last, []
    return first, last, [s for s in build_slots(calendar, first, last) if selection.keeps_slot(calendar, s)]


def gap_uid(calendar: Calendar, habit: str, first: date) -> str:
    return _uid(calendar.name, "gap", habit, first.isoformat())


def event_uid(calendar: Calendar, event: str) -> str:
    """The UID of an event's own all-day entry (its id is stable; its dates may move)."""
    return _uid(calendar.name, "event", event)


def select_events(calendar: Calendar, selection: Selection) -> list[Event]:
    """The calendar's events that meet the selection's dates and pass its filters, by date then id."""
    found = []
    for key in sorted(calendar.events):
        event = calendar.events[key]
        if not selection.keeps_event(key):
            continue
        if selection.owners and event.owner not in selection.owners:
            continue
        if selection.start is not None and event.last < selection.start:
            continue
        if selection.end is not None and event.date > selection.end:
            continue
        found.append(event)
    found.sort(key=lambda e: (e.date, e.id))
    return found


def slot_uid_key(slot: Slot) -> str:
    """What names a slot's owner in its gap's UID: the habit id, or `event/ID` for an event's slot."""
    return slot.habit if slot.habit is not None else f"event/{slot.event}"


def post_uids(calendar: Calendar) -> dict[int, str]:
    """Each post's UID, by `id()` of the post: duplicate keys are numbered in file order."""
    seen: dict[str, int] = {}
    uids = {}
    for post in calendar.posts:
        key = post.key
        count = seen[key] = seen.get(key, 0) + 1
        uids[id(post)] = _uid(calendar.name, key if count == 1 else f"{key}#{count}")
    return uids


def _uid(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest() + "@cmcal"
