"""The model of planning (README, "Planning"): blackouts, events and the posts they promise, campaigns, and
the ideas of the backlog. Only a calendar that uses them imports this module (`files.build` does, when it
meets the key): five frozen dataclasses fewer to create at the start of every other run (BENCHMARKS.md)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time

from cmcal.model import Content, MediaItem, Post
from cmcal.problems import Loc
from cmcal.value import Value

DEFAULT_COOLDOWN = 30
"""Days between two uses of an evergreen idea, unless it says otherwise."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Blackout(Value):
    """A period when nothing is published (a closure, a crisis): `first` to `last`, both included."""

    first: date
    last: date
    reason: str | None = None
    loc: Loc | None = None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class EventSlot(Value):
    """One promised post of an event: a slot on `date + offset`, on each of `platforms`."""

    offset: int
    platforms: tuple[str, ...]
    at: time | None = None
    type: str | None = None
    times: int = 1
    required: bool = False
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Event(Value):
    """A dated happening (a fair, a launch) and the posts promised around it."""

    id: str
    title: str
    date: datetime.date
    """The first day."""
    end: datetime.date | None = None
    """The last day, when the event lasts more than one."""
    location: str | None = None
    owner: str | None = None
    posts: tuple[EventSlot, ...] = ()
    notes: str | None = None
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)

    @property
    def last(self) -> datetime.date:
        return self.end if self.end is not None else self.date


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Campaign(Value):
    """A group of posts over a period, reported together."""

    id: str
    title: str
    start: date | None = None
    end: date | None = None
    notes: str | None = None
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Idea(Content):
    """A post without a date yet, waiting in the backlog (`ideas:`) for a slot to fill."""

    id: str | None
    title: str
    platforms: tuple[str, ...] = ()
    """Its own platforms, else its habit's; empty when it has neither (any platform)."""
    habit: str | None = None
    """The habit whose slots it may fill; None: any slot."""
    type: str | None = None
    """Its own type, else its habit's."""
    text: str | None = None
    texts: Mapping[str, str] = field(default_factory=dict)
    link: str | None = None
    owner: str | None = None
    tags: tuple[str, ...] = ()
    event: str | None = None
    campaign: str | None = None
    notes: str | None = None
    media: tuple[MediaItem, ...] = ()
    """The files it will publish, in publishing order."""
    platform_media: Mapping[str, tuple[MediaItem, ...]] = field(default_factory=dict)
    evergreen: bool = False
    """Reusable: it stays in `ideas` when it is used."""
    cooldown: int = DEFAULT_COOLDOWN
    """Days between two uses of an evergreen idea."""
    index: int = 0
    """Position in the calendar's `ideas`, in file order."""
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)

    def as_post(self) -> Post:
        """The idea as a post of status `idea` (dated `date.min`), for the checks ideas share with posts."""
        return Post(
            self.id,
            date.min,
            self.title,
            self.platforms,
            habit=self.habit,
            type=self.type,
            text=self.text,
            texts=self.texts,
            link=self.link,
            owner=self.owner,
            status="idea",
            tags=self.tags,
            event=self.event,
            campaign=self.campaign,
            media=self.media,
            platform_media=self.platform_media,
            index=self.index,
            loc=self.loc,
            locs=self.locs,
        )
