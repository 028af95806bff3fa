"""The calendar as cmcal understands it once a file has been read and checked (SPEC §1).

Every object keeps where it came from (`loc`) and where its fields were written (`locs`), so that any later
stage — schedules, diffs, reports — can point a problem at the exact line a person has to change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo

from cmcal.problems import Loc

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


class Every(StrEnum):
    DAY = "day"
    WEEKDAY = "weekday"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class PlatformAccount:
    """One account the calendar publishes to: an id, the known platform it is (`kind`), and rule overrides."""

    id: str
    kind: str | None
    """Built-in platform id whose rules apply, or None for a custom platform with no rules."""
    max_length: int | None = None
    max_hashtags: int | None = None
    types: tuple[str, ...] | None = None
    handle: str | None = None
    loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class Habit:
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
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Metrics:
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


@dataclass(frozen=True, slots=True)
class Approval:
    """Who approved a post, on which day, and a digest of what they approved (`cmcal approve`)."""

    by: str
    on: date
    digest: str
    """`sha256:` and 16 hex digits of the approved content (see `check.approval.digest`)."""
    loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class Post:
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
    approved: Approval | None = None
    from_idea: str | None = None
    """The id of the idea this post was made from (`cmcal fill --write`)."""
    index: int = 0
    """Position of the post in its calendar, in file order (root file first, then each include)."""
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)

    def text_for(self, platform: str) -> str | None:
        return self.texts.get(platform, self.text)

    @property
    def key(self) -> str:
        """A stable identity: the `id`, else derived from what rarely changes (README, "Post identity")."""
        if self.id:
            return self.id
        return f"{self.date.isoformat()}/{'+'.join(self.platforms)}/{self.title}"


@dataclass(frozen=True)
class Calendar:
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
    require_approval: bool = False
    """A `scheduled` post needs an approval (`require_approval: true`, README "Writing the calendar")."""
    loc: Loc | None = None
    locs: Mapping[str, Loc] = field(default_factory=dict)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
