"""The calendar as cmcal understands it once a file has been read and checked (docs/format.md); the model
of planning (blackouts, events, campaigns, ideas) is in `cmcal.model.planning`.

Every object keeps where it came from (`loc`) and where its fields were written (`locs`), so that any later
stage — schedules, diffs, reports — can point a problem at the exact line a person has to change.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, overload
from zoneinfo import ZoneInfo

from cmcal.problems import Loc
from cmcal.value import Value

if TYPE_CHECKING:  # planning's model (`cmcal.model.planning`) is imported only by calendars that use it
    from cmcal.model.planning import Blackout, Campaign, Event, Idea

_T = TypeVar("_T")

STATUSES = ("idea", "draft", "ready", "scheduled", "published", "cancelled")
"""Post statuses in workflow order."""

CONTENT_TYPES = (
    "text",
    "photo",
    "carousel",
    "video",
    "reel",
    "story",
    "gif",
    "infographic",
    "document",
    "link",
    "poll",
    "audio",
    "article",
    "live",
)
"""Content types cmcal knows. `infographic` is a photo for the platforms; `reel` and `live` are videos."""

METRIC_NAMES = (
    "impressions",
    "reach",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "followers",
    "views",
)

ENGAGEMENT_COUNTS = ("likes", "comments", "shares", "saves", "clicks")
"""The counts a calendar may add up to "engagements" in reports (`report: {engagement: […]}`)."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as `days:` writes them, Monday (0) first."""
FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


MAX_OFFSET = 366
"""The furthest an event's promised post may be from the event's date, in days, before or after."""

ON_HOLIDAY = ("keep", "skip", "before", "after")
"""What a habit's day slot does on a public holiday (README, "Holidays and blackouts")."""


class Locs(Mapping[str, Loc]):
    """Where each key of a mapping was written (the `locs` of a model object), read like a dict of `Loc`.

    Kept small, as a calendar has one per post: the file's path, the keys (one tuple shared by every mapping
    written with the same keys) and their lines and columns in one array; a `Loc` is made only when a problem
    asks for one (peak memory, BENCHMARKS.md)."""

    __slots__ = ("_keys", "_path", "_places")

    def __init__(self, path: str, keys: tuple[str, ...], places: array[int]) -> None:
        self._path = path
        self._keys = keys
        self._places = places
        """line, column of the first key, line, column of the second…"""

    def __getitem__(self, key: str) -> Loc:
        try:
            index = 2 * self._keys.index(key)
        except ValueError:
            raise KeyError(key) from None
        return Loc(self._path, self._places[index], self._places[index + 1])

    @overload
    def get(self, key: str, /) -> Loc | None: ...
    @overload
    def get(self, key: str, default: Loc | _T, /) -> Loc | _T: ...

    def get(self, key: str, default: object = None) -> object:
        # Mapping's own `get` goes through __getitem__ and a KeyError for every absent key: checks ask often.
        keys = self._keys
        if key not in keys:
            return default
        index = 2 * keys.index(key)
        return Loc(self._path, self._places[index], self._places[index + 1])

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Locs):
            return (self._path, self._keys, self._places) == (other._path, other._keys, other._places)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # as a dict's

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class Every(StrEnum):
    DAY = "day"
    WEEKDAY = "weekday"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class PlatformAccount(Value):
    """One account the calendar publishes to: an id, the known platform it is (`kind`), and rule overrides."""

    id: str
    kind: str | None
    """Built-in platform id whose rules apply, or None for a custom platform with no rules."""
    max_length: int | None = None
    max_hashtags: int | None = None
    types: tuple[str, ...] | None = None
    handle: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Habit(Value):
    """A recurring promise to followers: what is posted, where, and on which slots."""

    id: str
    title: str
    platforms: tuple[str, ...]
    start: date
    every: Every | None = None
    days: tuple[int, ...] = ()
    """Weekdays 0 (Monday) to 6 for `every: week`; days 1..31 (or -1, the last day) for `every: month`."""
    rrule: str | None = None
    at: time | None = None
    type: str | None = None
    end: date | None = None
    skip: frozenset[date] = frozenset()
    times: int = 1
    required: bool = False
    owner: str | None = None
    notes: str | None = None
    on_holiday: str = "keep"
    """keep | skip | before | after: what a day slot on a holiday (or in a blackout) becomes."""
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Metrics(Value):
    """Counts a platform reported for one post; None where the count is unknown (never read as zero)."""

    impressions: int | None = None
    reach: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    clicks: int | None = None
    followers: int | None = None
    views: int | None = None
    loc: Loc | None = None

    def get(self, name: str) -> int | None:
        value: int | None = getattr(self, name)
        return value


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Approval(Value):
    """Who approved a post, on which day, and a digest of what they approved (`cmcal approve`)."""

    by: str
    on: date
    digest: str
    """`sha256:` and 16 hex digits of the approved content (see `check.approval.digest`)."""
    loc: Loc | None = None


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class MediaItem(Value):
    """One file a post publishes (README, "Media"): a path relative to the file holding the post, or a URL."""

    file: str | None
    """The path as written, relative to the file that holds the post; None for a URL."""
    url: str | None
    """An `https://` URL (never fetched); None for a file."""
    alt: str | None = None
    """Alternative text, for the platforms that publish it."""
    loc: Loc | None = field(default=None, compare=False)
    """Where the item is written: the problems of the item point here (not part of what it is)."""
    alt_loc: Loc | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        """The item as the user wrote it, for messages."""
        return self.file if self.file is not None else self.url or ""


class Content(Value):
    """What a post and an idea share, for the rules of their platforms: where they go, their type, and a text
    and media for every platform unless one has its own."""

    __slots__ = ()
    platforms: tuple[str, ...]
    type: str | None
    text: str | None
    texts: Mapping[str, str]
    media: tuple[MediaItem, ...]
    platform_media: Mapping[str, tuple[MediaItem, ...]]
    loc: Loc | None
    locs: Mapping[str, Loc]

    def text_for(self, platform: str) -> str | None:
        return self.texts.get(platform, self.text)

    def media_for(self, platform: str) -> tuple[MediaItem, ...]:
        return self.platform_media.get(platform, self.media)

    @property
    def platforms_loc(self) -> Loc | None:
        """Where its platforms are written (`platforms` or `platform`), else where it starts: the place of a
        problem with one of its platforms."""
        return self.locs.get("platforms") or self.locs.get("platform") or self.loc


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Post(Content):
    id: str | None
    date: date
    title: str
    platforms: tuple[str, ...]
    time: time | None = None
    """The post's own time, else its habit's `at`, else None (all day)."""
    habit: str | None = None
    type: str | None = None
    """The post's own type, else its habit's type."""
    text: str | None = None
    texts: Mapping[str, str] = field(default_factory=dict)
    """Per-platform text overrides, from `platforms: {x: {text: …}}`."""
    link: str | None = None
    owner: str | None = None
    status: str = "draft"
    tags: tuple[str, ...] = ()
    metrics: Mapping[str, Metrics] = field(default_factory=dict)
    notes: str | None = None
    media: tuple[MediaItem, ...] = ()
    """The files the post publishes, in publishing order."""
    platform_media: Mapping[str, tuple[MediaItem, ...]] = field(default_factory=dict)
    """Per-platform media, from `platforms: {x: {media: […]}}`: each replaces `media` for that platform."""
    event: str | None = None
    """The event whose promised posts this one fills (an id under `events:`)."""
    campaign: str | None = None
    """The campaign it belongs to (an id under `campaigns:`)."""
    approved: Approval | None = None
    from_idea: str | None = None
    """The id of the idea this post was made from (`cmcal fill --write`)."""
    index: int = 0
    """Position of the post in its calendar, in file order (root file first, then each include)."""
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """A stable identity: the `id`, else derived from what rarely changes (README, "Post identity")."""
        if self.id:
            return self.id
        return f"{self.date.isoformat()}/{'+'.join(self.platforms)}/{self.title}"


@dataclass(frozen=True, eq=False, repr=False)
class Calendar(Value):
    name: str
    timezone: str
    platforms: Mapping[str, PlatformAccount]
    habits: Mapping[str, Habit]
    posts: tuple[Post, ...]
    path: str
    habit_ids: tuple[str, ...] = ()
    """Every habit id the file declares, in file order, those whose error leaves them out of `habits`
    included: a post naming one is not `unknown-habit` (its habit's own problem says what is wrong), and
    suggestions offer them. Empty means the ids of `habits`."""
    team: tuple[str, ...] | None = None
    includes: tuple[str, ...] = ()
    """Paths of the part files read as part of this calendar."""
    metrics_files: tuple[str, ...] = ()
    root: str = "."
    """The folder every file of the calendar must stay inside: its git work tree, else the folder named."""
    engagement: tuple[str, ...] = ("likes", "comments", "shares", "saves")
    """Which counts add up to "engagements" in reports (calendar's `report: {engagement: […]}`)."""
    max_type_share: float | None = None
    """The largest share one content type may take before the report warns (`report: {max_type_share}`)."""
    media_base_url: str | None = None
    """For exports: a media file's URL is this followed by its path relative to the root file (`path`)."""
    language: str | None = None
    """The calendar's `language:` as a canonical tag (`fr-CA`), or None when it sets none (English)."""
    holidays: tuple[str, ...] = ()
    """The public-holiday sets it follows (`CA-QC`, `FR`), only those the `holidays` package knows."""
    blackouts: tuple[Blackout, ...] = ()
    events: Mapping[str, Event] = field(default_factory=dict)
    campaigns: Mapping[str, Campaign] = field(default_factory=dict)
    ideas: tuple[Idea, ...] = ()
    require_approval: bool = False
    """A `scheduled` post needs an approval (`require_approval: true`, README "Writing the calendar")."""
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
