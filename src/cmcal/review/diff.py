"""What changed between two readings of the calendars, by meaning (README, "Reviewing changes": `cmcal diff`).

Pure: two `loader.Loaded` results in (one per side: a git revision or the working tree), a `Diff` of frozen
dataclasses out. No git, no clock, no output. Decisions (README, "Reviewing changes"):

- Calendars are paired by root-file path, then (for those left) by display name: a calendar whose file was
  renamed or moved is `renamed`, not removed and added.
- Posts with the same `id` are the same post. The others are paired in rounds, each pairing a post with the
  closest-dated post left on the other side that shares: 1) title, date, time, platforms and habit;
  2) title, habit and platforms; 3) title and habit; 4) habit (not none), date and platforms; 5) title and
  date. Two posts with different ids are never paired. What stays unpaired is `added` or `removed`.
- A pair whose date or time differs is `moved` (old and new shown), else one whose other fields differ is
  `edited` (fields named, old and new values given). A time or type a post inherits from its habit is not a
  change of the post when only the habit's `at` or `type` changed: the habit's change says it once.
- Habits are paired by id: `added`, `removed`, or `changed` with the fields that differ. Every field of a
  habit and of a post (`cmcal.fields`, in its order) is compared, so a key the format gains shows here too.
- The plan is compared the same way, field by field from `cmcal.fields`: events and campaigns by id (an
  event's promised posts are one field, `posts`, each slot as a mapping); ideas by id, then (those without
  one) by title; blackouts by their days, then (those left) by the same reason, so a closure that moved is
  `changed`. `holidays` is a calendar setting.
- Gaps are compared over today .. today + horizon − 1 (today in the calendar's zone): a gap is a (habit or
  event, window, platform) slot with fewer posts than `times`; `opened` when only the new side has it,
  `closed` when only the old side has it. A post change that empties a slot says it `opens` that gap; one
  that fills a slot says it `closes` it.
- A file one side cannot read (YAML syntax, encoding, size) hides what it holds: its posts are neither
  added nor removed, the calendar lists it in `unreadable`, its gaps are not compared, and the reading
  problems are reported with `REV:path:line:col`. A calendar whose root file cannot be read on one side is
  `unreadable` and shows no changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, time
from enum import Enum
from operator import attrgetter
from typing import Literal, NamedTuple, TypeAlias, TypeVar

from cmcal import fields
from cmcal.dates import days_after
from cmcal.files.loader import Loaded
from cmcal.files.reader import Mapping as YamlMapping
from cmcal.habits.recurrence import Window
from cmcal.model import METRIC_NAMES, WEEKDAYS, Calendar, Every, Habit, MediaItem, Metrics, Post
from cmcal.model.planning import Blackout, Campaign, Event, Idea
from cmcal.problems import Problem

__all__ = [
    "CalendarDiff",
    "Diff",
    "FieldChange",
    "GapChange",
    "HabitChange",
    "ItemChange",
    "PostChange",
    "PostPlace",
    "Summary",
    "compare",
]

JSONValue: TypeAlias = "str | int | float | bool | tuple[JSONValue, ...] | Mapping[str, JSONValue] | None"
_T = TypeVar("_T")

DEFAULT_HORIZON = 14


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs; values are as JSON shows them (dates `YYYY-MM-DD`, times `HH:MM`, lists as
    tuples, None where the field is absent)."""

    field: str
    old: JSONValue
    new: JSONValue


@dataclass(frozen=True, slots=True)
class PostPlace:
    """Where a post is on one side: its date and time, and the file and line it is written at."""

    date: date
    time: time | None
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class GapChange:
    """A habit's (or an event's) slot that became a gap (`opened`) or stopped being one (`closed`), on one or
    more platforms."""

    change: Literal["opened", "closed"]
    habit: str | None
    """The habit whose slot it is; None for an event's promised post."""
    habit_title: str
    """The habit's title, or the event's."""
    window: Window
    platforms: tuple[str, ...]
    missing: int
    """Posts the slot lacks on the side where it is a gap."""
    required: bool
    event: str | None = None
    """The event whose promised post the slot is; None for a habit's."""

    @property
    def owner(self) -> str:
        """The id of the habit or the event the slot belongs to."""
        return self.habit if self.habit is not None else self.event or ""


@dataclass(frozen=True, slots=True)
class PostChange:
    change: Literal["added", "removed", "moved", "edited"]
    id: str | None
    title: str
    """The new title (the old one for a removed post)."""
    habit: str | None
    platforms: tuple[str, ...]
    old: PostPlace | None
    """None for an added post."""
    new: PostPlace | None
    """None for a removed post."""
    fields: tuple[FieldChange, ...] = ()
    """Fields other than date and time that differ (moved or edited posts)."""
    opens: tuple[GapChange, ...] = ()
    """Gaps this change opens: slots the post filled before and no longer fills."""
    closes: tuple[GapChange, ...] = ()
    """Gaps this change closes: slots the post fills now and did not before."""

    @property
    def when(self) -> PostPlace:
        """The place that orders the change: the new one, else the old one."""
        place = self.new or self.old
        assert place is not None  # a change has at least one side
        return place


@dataclass(frozen=True, slots=True)
class HabitChange:
    change: Literal["added", "removed", "changed"]
    habit: str
    title: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An event, campaign, blackout or idea `added`, `removed`, or `changed` with the fields that differ."""

    change: Literal["added", "removed", "changed"]
    id: str
    """The event's or campaign's id; an idea's id, else its title; a blackout's days (`FROM..TO` or a day)."""
    title: str
    """The title (the old one for a removed item); a blackout's reason, else "blackout"."""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class CalendarDiff:
    """The changes in one calendar. Only calendars with at least one change, or unreadable, are listed."""

    name: str
    status: Literal["added", "removed", "renamed", "modified", "unreadable"]
    old_path: str | None
    new_path: str | None
    today: date
    """The first day of the gap comparison (today in the calendar's zone)."""
    until: date
    """The last day of the gap comparison (included)."""
    old_posts: int
    new_posts: int
    settings: tuple[FieldChange, ...] = ()
    """Calendar-level fields that differ: calendar, timezone, platforms, team, engagement, max_type_share,
    holidays."""
    posts: tuple[PostChange, ...] = ()
    habits: tuple[HabitChange, ...] = ()
    events: tuple[ItemChange, ...] = ()
    campaigns: tuple[ItemChange, ...] = ()
    blackouts: tuple[ItemChange, ...] = ()
    ideas: tuple[ItemChange, ...] = ()
    gaps: tuple[GapChange, ...] = ()
    unreadable: tuple[str, ...] = ()
    """Files of this calendar that one side could not read, as `REV:path` (or `path` for the working tree)."""

    @property
    def path(self) -> str:
        path = self.new_path or self.old_path
        assert path is not None  # a calendar exists on at least one side
        return path


@dataclass(frozen=True, slots=True)
class Summary:
    calendars_added: int
    calendars_removed: int
    calendars_renamed: int
    posts_added: int
    posts_removed: int
    posts_moved: int
    posts_edited: int
    habits_added: int
    habits_removed: int
    habits_changed: int
    gaps_opened: int
    gaps_closed: int
    events_added: int = 0
    events_removed: int = 0
    events_changed: int = 0
    campaigns_added: int = 0
    campaigns_removed: int = 0
    campaigns_changed: int = 0
    blackouts_added: int = 0
    blackouts_removed: int = 0
    blackouts_changed: int = 0
    ideas_added: int = 0
    ideas_removed: int = 0
    ideas_changed: int = 0

    @property
    def changes(self) -> int:
        return sum(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True)
class Diff:
    base: str | None
    """The old side's revision as the user named it; None for the working tree."""
    head: str | None
    """The new side's revision; None for the working tree."""
    horizon: int
    calendars: tuple[CalendarDiff, ...]
    problems: tuple[Problem, ...]
    """Problems met while reading either side, paths prefixed `REV:` on a revision side."""

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def summary(self) -> Summary:
        def count(kind: str, attr: str) -> int:
            return sum(1 for c in self.calendars for item in getattr(c, attr) if item.change == kind)

        return Summary(
            calendars_added=sum(1 for c in self.calendars if c.status == "added"),
            calendars_removed=sum(1 for c in self.calendars if c.status == "removed"),
            calendars_renamed=sum(1 for c in self.calendars if c.status == "renamed"),
            posts_added=count("added", "posts"),
            posts_removed=count("removed", "posts"),
            posts_moved=count("moved", "posts"),
            posts_edited=count("edited", "posts"),
            habits_added=count("added", "habits"),
            habits_removed=count("removed", "habits"),
            habits_changed=count("changed", "habits"),
            gaps_opened=count("opened", "gaps"),
            gaps_closed=count("closed", "gaps"),
            **{
                f"{attr}_{kind}": count(kind, attr)
                for attr in _PLAN
                for kind in ("added", "removed", "changed")
            },
        )


_PLAN = ("events", "campaigns", "blackouts", "ideas")
"""The parts of a calendar's plan `cmcal diff` compares item by item, as `CalendarDiff` names them."""


def compare(
    base: Loaded,
    head: Loaded,
    today_for: Callable[[Calendar], date],
    horizon: int = DEFAULT_HORIZON,
    base_rev: str | None = "HEAD",
    head_rev: str | None = None,
) -> Diff:
    """The changes from `base` to `head`. `*_rev` name each side (None: the working tree); they prefix the
    paths of that side's problems (`HEAD:calendars/a.yaml:3:7`) and of its unreadable files."""
    old_side = _Side(base, base_rev)
    new_side = _Side(head, head_rev)
    diffs = [
        d
        for old, new in _pair_calendars(old_side, new_side)
        if (d := _calendar_diff(old, new, old_side, new_side, today_for, horizon)) is not None
    ]
    diffs.sort(key=lambda d: (d.path, d.name))
    return Diff(base_rev, head_rev, horizon, tuple(diffs), _problems(old_side, new_side))


# --- sides and calendars ------------------------------------------------------------------------------------


class _Side:
    def __init__(self, loaded: Loaded, rev: str | None) -> None:
        self.loaded = loaded
        self.rev = rev
        self.by_path = {c.path: c for c in loaded.calendars}
        self.broken = {
            path for path, doc in loaded.documents.items() if not isinstance(doc.root, YamlMapping)
        }
        """Files read on this side whose content is lost: unreadable, or not a mapping at the top."""

    def label(self, path: str) -> str:
        return f"{self.rev}:{path}" if self.rev is not None else path


def _problems(old: _Side, new: _Side) -> tuple[Problem, ...]:
    """Both sides' problems, the old side's prefixed; one found identically on both sides is shown once."""
    seen = {(p.path, p.line, p.column, p.code, p.message) for p in new.loaded.problems}
    out = [
        _relabel(p, old)
        for p in old.loaded.problems
        if (p.path, p.line, p.column, p.code, p.message) not in seen
    ]
    out.extend(_relabel(p, new) for p in new.loaded.problems)
    return tuple(out)


def _relabel(p: Problem, side: _Side) -> Problem:
    if side.rev is None:
        return p
    return Problem(side.label(p.path), p.line, p.column, p.severity, p.code, p.message)


def _pair_calendars(old: _Side, new: _Side) -> list[tuple[Calendar | None, Calendar | None]]:
    pairs: list[tuple[Calendar | None, Calendar | None]] = []
    old_left: list[Calendar] = []
    for path, calendar in old.by_path.items():
        if path in new.by_path:
            pairs.append((calendar, new.by_path[path]))
        else:
            old_left.append(calendar)
    new_left = [c for path, c in new.by_path.items() if path not in old.by_path]
    # Renames: a calendar left on each side with the same display name, unique on both sides.
    old_names = _unique_names(c for c in old_left if c.path not in new.broken)
    new_names = _unique_names(c for c in new_left if c.path not in old.broken)
    renamed = {name for name in old_names if name in new_names}
    for calendar in old_left:
        if calendar.name in renamed and old_names[calendar.name] is calendar:
            pairs.append((calendar, new_names[calendar.name]))
        else:
            pairs.append((calendar, None))
    pairs.extend((None, c) for c in new_left if not (c.name in renamed and new_names[c.name] is c))
    return pairs


def _unique_names(calendars: Iterable[Calendar]) -> dict[str, Calendar]:
    found: dict[str, Calendar | None] = {}
    for calendar in calendars:
        found[calendar.name] = None if calendar.name in found else calendar
    return {name: c for name, c in found.items() if c is not None}


def _calendar_diff(
    old: Calendar | None,
    new: Calendar | None,
    old_side: _Side,
    new_side: _Side,
    today_for: Callable[[Calendar], date],
    horizon: int,
) -> CalendarDiff | None:
    either = new or old
    assert either is not None
    today = today_for(either)
    until = days_after(today, max(horizon, 1) - 1)
    base = CalendarDiff(
        name=either.name,
        status="modified",
        old_path=old.path if old else None,
        new_path=new.path if new else None,
        today=today,
        until=until,
        old_posts=len(old.posts) if old else 0,
        new_posts=len(new.posts) if new else 0,
    )
    if old is None or new is None:
        side, other = (old_side, new_side) if new is None else (new_side, old_side)
        if either.path in other.broken:  # the root file is there but could not be read on the other side
            return replace(base, status="unreadable", unreadable=(other.label(either.path),))
        kind: Literal["added", "removed"] = "added" if old is None else "removed"
        return replace(
            base,
            status=kind,
            posts=tuple(_lone_post(kind, p) for p in _in_order(either.posts)),
            habits=tuple(HabitChange(kind, hid, habit.title) for hid, habit in sorted(either.habits.items())),
            gaps=() if _broken_parts(either, side) else _gap_changes(old, new, today, until),
            **_plan_changes(old, new)._asdict(),
        )

    hidden_old = _broken_parts(old, old_side)
    hidden_new = _broken_parts(new, new_side)
    settings = _settings_changes(old, new)
    habits = _habit_changes(old, new)
    plan = _plan_changes(old, new)
    post_pairs, removed, added = _match_posts(old.posts, new.posts)
    edits = [c for a, b in post_pairs if not _same(a, b) and (c := _pair_change(a, b)) is not None]
    removed = [p for p in removed if not (p.loc and p.loc.path in hidden_new)]
    added = [p for p in added if not (p.loc and p.loc.path in hidden_old)]
    unreadable = tuple(
        sorted({old_side.label(p) for p in hidden_old} | {new_side.label(p) for p in hidden_new})
    )
    renamed = old.path != new.path
    if not (settings or habits or any(plan) or edits or removed or added or unreadable or renamed):
        return None
    gaps = () if unreadable else _gap_changes(old, new, today, until)
    opened = [g for g in gaps if g.change == "opened"]
    closed = [g for g in gaps if g.change == "closed"]
    changes = [_with_effects(change, a, b, opened, closed) for change, a, b in edits]
    changes.extend(_with_effects(_lone_post("removed", p), p, None, opened, closed) for p in removed)
    changes.extend(_with_effects(_lone_post("added", p), None, p, opened, closed) for p in added)
    changes.sort(key=_change_order)
    return replace(
        base,
        status="renamed" if renamed else "modified",
        settings=settings,
        posts=tuple(changes),
        habits=habits,
        gaps=gaps,
        unreadable=unreadable,
        **plan._asdict(),
    )


def _broken_parts(calendar: Calendar, side: _Side) -> set[str]:
    return {path for path in calendar.includes if path in side.broken}


# --- calendar settings and habits ---------------------------------------------------------------------------


def _settings_changes(old: Calendar, new: Calendar) -> tuple[FieldChange, ...]:
    return _field_changes(_settings_values(old), _settings_values(new))


def _settings_values(calendar: Calendar) -> dict[str, JSONValue]:
    platforms: dict[str, JSONValue] = {}
    for pid, account in calendar.platforms.items():
        platforms[pid] = {
            key: value
            for key, value in (
                ("kind", account.kind),
                ("handle", account.handle),
                ("max_length", account.max_length),
                ("max_hashtags", account.max_hashtags),
                ("types", tuple(account.types) if account.types is not None else None),
            )
            if value is not None
        }
    return {
        "calendar": calendar.name,
        "timezone": calendar.timezone,
        "platforms": platforms,
        "team": tuple(calendar.team) if calendar.team is not None else None,
        "engagement": tuple(calendar.engagement),
        "max_type_share": calendar.max_type_share,
        "holidays": tuple(calendar.holidays) or None,
    }


def _habit_changes(old: Calendar, new: Calendar) -> tuple[HabitChange, ...]:
    out: list[HabitChange] = []
    for hid in sorted(set(old.habits) | set(new.habits)):
        a, b = old.habits.get(hid), new.habits.get(hid)
        if a is None and b is not None:
            out.append(HabitChange("added", hid, b.title))
        elif b is None and a is not None:
            out.append(HabitChange("removed", hid, a.title))
        elif a is not None and b is not None:
            fields = _field_changes(_habit_values(a), _habit_values(b))
            if fields:
                out.append(HabitChange("changed", hid, b.title, fields))
    return tuple(out)


def _habit_values(habit: Habit) -> dict[str, JSONValue]:
    """Every field of the habit (`fields.HABIT`) as JSON shows it; None where it is absent or empty."""
    out: dict[str, JSONValue] = {}
    for name in fields.HABIT.names:
        value: object = getattr(habit, name)
        if name == "days" and habit.every is Every.WEEK:
            value = tuple(WEEKDAYS[d] for d in habit.days if 0 <= d <= 6)
        out[name] = _json_value(value)
    return out


def _json_value(value: object) -> JSONValue:
    if value is None or isinstance(value, str | int | float):  # bool is an int; StrEnum a str
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, time):
        return _time_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return tuple(_json_value(v) for v in sorted(value)) or None
    if isinstance(value, tuple | list):
        return tuple(_json_value(v) for v in value) or None
    if isinstance(value, MediaItem):  # as written: a path or a URL, with its alt text if it has one
        if value.alt is None:
            return value.name
        return {"file" if value.file is not None else "url": value.name, "alt": value.alt}
    return str(value)


def _field_changes(old: Mapping[str, JSONValue], new: Mapping[str, JSONValue]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(key, old.get(key), new.get(key)) for key in old if old.get(key) != new.get(key))


# --- the plan: events, campaigns, blackouts, ideas ----------------------------------------------------------


class _Plan(NamedTuple):
    """The `CalendarDiff` fields of the plan (`_PLAN`)."""

    events: tuple[ItemChange, ...]
    campaigns: tuple[ItemChange, ...]
    blackouts: tuple[ItemChange, ...]
    ideas: tuple[ItemChange, ...]


def _plan_changes(old: Calendar | None, new: Calendar | None) -> _Plan:
    """The changes of the plan, from no calendar (one added or removed) or between two."""
    return _Plan(
        _keyed_changes(
            old.events if old else {}, new.events if new else {}, _event_values, attrgetter("title")
        ),
        _keyed_changes(
            old.campaigns if old else {}, new.campaigns if new else {}, _campaign_values, attrgetter("title")
        ),
        _blackout_changes(old.blackouts if old else (), new.blackouts if new else ()),
        _idea_changes(old.ideas if old else (), new.ideas if new else ()),
    )


def _keyed_changes(
    old: Mapping[str, _T],
    new: Mapping[str, _T],
    values: Callable[[_T], dict[str, JSONValue]],
    title: Callable[[_T], str],
) -> tuple[ItemChange, ...]:
    out: list[ItemChange] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if b is None and a is not None:
            out.append(ItemChange("removed", key, title(a)))
        elif a is None and b is not None:
            out.append(ItemChange("added", key, title(b)))
        elif a is not None and b is not None:
            changed = _field_changes(values(a), values(b))
            if changed:
                out.append(ItemChange("changed", key, title(b), changed))
    return tuple(out)


def _table_values(
    table: fields.Table,
    item: object,
    renamed: Mapping[str, str] | None = None,
    spelled: tuple[str, ...] = (),
) -> dict[str, JSONValue]:
    """Every field of `table` for `item`, as JSON shows it (None where it is absent); `renamed` gives the
    model's name of a key, `spelled` the keys that are another spelling of one kept (`platform`). The model
    keeps every other field (tests/review/test_diff.py): a dropped one would hide its changes from `diff`."""
    renamed = renamed or {}
    return {
        name: _json_value(getattr(item, renamed.get(name, name)))
        for name in table.names
        if name not in spelled
    }


def _event_values(event: Event) -> dict[str, JSONValue]:
    out = _table_values(fields.EVENT, event)
    out["posts"] = tuple(_table_values(fields.EVENT_POST, slot) for slot in event.posts) or None
    return out


def _campaign_values(campaign: Campaign) -> dict[str, JSONValue]:
    return _table_values(fields.CAMPAIGN, campaign)


_BLACKOUT_NAMES = {"from": "first", "to": "last"}


def _blackout_values(blackout: Blackout) -> dict[str, JSONValue]:
    return _table_values(fields.BLACKOUT, blackout, _BLACKOUT_NAMES)


def _blackout_id(blackout: Blackout) -> str:
    if blackout.first == blackout.last:
        return blackout.first.isoformat()
    return f"{blackout.first.isoformat()}..{blackout.last.isoformat()}"


def _blackout_title(blackout: Blackout) -> str:
    return blackout.reason or "blackout"


def _blackout_changes(old: Sequence[Blackout], new: Sequence[Blackout]) -> tuple[ItemChange, ...]:
    """Blackouts with the same days are the same; of the others, two with the same reason are one that
    changed its days; the rest are added or removed."""
    days = attrgetter("first", "last")
    new_left = list(new)
    pairs: list[tuple[Blackout, Blackout]] = []
    old_left: list[Blackout] = []
    for a in old:
        match = next((b for b in new_left if days(b) == days(a)), None)
        if match is None:
            old_left.append(a)
        else:
            new_left.remove(match)
            pairs.append((a, match))
    removed: list[Blackout] = []
    for a in old_left:
        match = next((b for b in new_left if a.reason is not None and b.reason == a.reason), None)
        if match is None:
            removed.append(a)
        else:
            new_left.remove(match)
            pairs.append((a, match))
    out = [
        ItemChange("changed", _blackout_id(b), _blackout_title(b), changed)
        for a, b in pairs
        if (changed := _field_changes(_blackout_values(a), _blackout_values(b)))
    ]
    out.extend(ItemChange("removed", _blackout_id(a), _blackout_title(a)) for a in removed)
    out.extend(ItemChange("added", _blackout_id(b), _blackout_title(b)) for b in new_left)
    out.sort(key=lambda c: (c.id, c.change))
    return tuple(out)


def _idea_values(idea: Idea) -> dict[str, JSONValue]:
    return _table_values(fields.IDEA, idea, spelled=("platform",))


def _idea_changes(old: Sequence[Idea], new: Sequence[Idea]) -> tuple[ItemChange, ...]:
    """Ideas with the same id are the same; of those without an id, the first with the same title."""
    by_id = {i.id: i for i in new if i.id is not None}
    new_left = [i for i in new if i.id is None]
    pairs: list[tuple[Idea, Idea]] = []
    removed: list[Idea] = []
    for a in old:
        match = by_id.pop(a.id, None) if a.id is not None else None
        if match is None and a.id is None:
            match = next((b for b in new_left if b.title == a.title), None)
            if match is not None:
                new_left.remove(match)
        if match is None:
            removed.append(a)
        else:
            pairs.append((a, match))
    added = [i for i in new if (i.id is not None and i.id in by_id) or (i.id is None and i in new_left)]
    out = [
        ItemChange("changed", b.id or b.title, b.title, changed)
        for a, b in pairs
        if (changed := _field_changes(_idea_values(a), _idea_values(b)))
    ]
    out.extend(ItemChange("removed", a.id or a.title, a.title) for a in removed)
    out.extend(ItemChange("added", b.id or b.title, b.title) for b in added)
    return tuple(out)


# --- posts --------------------------------------------------------------------------------------------------


def _match_posts(
    old: Sequence[Post], new: Sequence[Post]
) -> tuple[list[tuple[Post, Post]], list[Post], list[Post]]:
    """Pairs (old, new) of the same post, then the old posts left (removed) and the new ones left (added)."""
    pairs: list[tuple[Post, Post]] = []
    by_id: dict[str, Post] = {}
    for post in new:
        if post.id is not None and post.id not in by_id:
            by_id[post.id] = post
    taken: set[int] = set()
    old_left: list[Post] = []
    for post in old:
        match = by_id.get(post.id) if post.id is not None else None
        if match is not None and id(match) not in taken:
            pairs.append((post, match))
            taken.add(id(match))
        else:
            old_left.append(post)
    new_left = [p for p in new if id(p) not in taken]
    for key in _ROUNDS:
        if not old_left or not new_left:
            break
        index: dict[object, list[Post]] = {}
        for post in new_left:
            k = key(post)
            if k is not None:
                index.setdefault(k, []).append(post)
        still: list[Post] = []
        for post in old_left:
            k = key(post)
            candidates = index.get(k) if k is not None else None
            best = _closest(post, candidates) if candidates else None
            if best is None:
                still.append(post)
                continue
            assert candidates is not None
            match = candidates.pop(best)
            pairs.append((post, match))
            taken.add(id(match))
        old_left = still
        new_left = [p for p in new_left if id(p) not in taken]
    return pairs, old_left, new_left


def _closest(post: Post, candidates: list[Post]) -> int | None:
    """The index of the candidate closest in date (then first in file order) whose id does not conflict."""
    best: int | None = None
    best_key: tuple[int, int] | None = None
    for i, other in enumerate(candidates):
        if post.id is not None and other.id is not None and post.id != other.id:
            continue
        k = (abs((other.date - post.date).days), other.index)
        if best_key is None or k < best_key:
            best, best_key = i, k
    return best


_ROUNDS: tuple[Callable[[Post], object | None], ...] = (
    lambda p: (p.title, p.date, p.time, p.platforms, p.habit),
    lambda p: (p.title, p.habit, p.platforms),
    lambda p: (p.title, p.habit),
    lambda p: (p.habit, p.date, p.platforms) if p.habit is not None else None,
    lambda p: (p.title, p.date),
)


_POST_SHOWN = tuple(name for name in fields.POST.names if name not in ("date", "time", "platform"))
"""The post fields an edit names: `date` and `time` make a move, `platform` is read into `platforms`."""
_SIMPLE = attrgetter(
    "date", "time", *(name for name in _POST_SHOWN if name != "metrics"), "texts", "platform_media"
)
_COUNTS = attrgetter(*METRIC_NAMES)


def _same(a: Post, b: Post) -> bool:
    """Whether nothing a person can change differs between two posts (positions left out); fast."""
    if _SIMPLE(a) != _SIMPLE(b):
        return False
    ma, mb = a.metrics, b.metrics
    if not ma and not mb:
        return True
    if ma.keys() != mb.keys():
        return False
    return all(_COUNTS(ma[pid]) == _COUNTS(mb[pid]) for pid in ma)


def _metrics_value(metrics: Mapping[str, Metrics]) -> Mapping[str, JSONValue] | None:
    if not metrics:
        return None
    out: dict[str, JSONValue] = {}
    for pid in sorted(metrics):
        m = metrics[pid]
        out[pid] = {name: value for name in METRIC_NAMES if (value := m.get(name)) is not None}
    return out


def _post_values(post: Post, inherited: frozenset[str]) -> dict[str, JSONValue]:
    """The fields an edit can name (`_POST_SHOWN`), per-platform texts after `text`."""
    out: dict[str, JSONValue] = {}
    for name in _POST_SHOWN:
        if name == "metrics":
            out[name] = _metrics_value(post.metrics)
        elif name == "type" and name in inherited:
            out[name] = None
        elif name == "platforms":
            out[name] = tuple(post.platforms)
        elif name == "status":
            out[name] = post.status
        else:
            out[name] = _json_value(getattr(post, name))
        if name == "text":
            out["texts"] = dict(sorted(post.texts.items())) if post.texts else None
        if name == "media":
            out["platform_media"] = (
                {pid: _json_value(items) for pid, items in sorted(post.platform_media.items())}
                if post.platform_media
                else None
            )
    return out


def _pair_change(a: Post, b: Post) -> tuple[PostChange, Post, Post] | None:
    # A time or type both sides take from the same habit changes with the habit, not with the post.
    inherited = frozenset(
        key for key in ("time", "type") if key not in a.locs and key not in b.locs and a.habit == b.habit
    )
    moved = a.date != b.date or (a.time != b.time and "time" not in inherited)
    fields = _field_changes(_post_values(a, inherited), _post_values(b, inherited))
    if not moved and not fields:
        return None
    kind: Literal["moved", "edited"] = "moved" if moved else "edited"
    return PostChange(kind, b.id, b.title, b.habit, b.platforms, _place(a), _place(b), fields), a, b


def _lone_post(change: Literal["added", "removed"], post: Post) -> PostChange:
    place = _place(post)
    if change == "added":
        return PostChange("added", post.id, post.title, post.habit, post.platforms, None, place)
    return PostChange("removed", post.id, post.title, post.habit, post.platforms, place, None)


def _place(post: Post) -> PostPlace:
    loc = post.loc
    return PostPlace(post.date, post.time, loc.path if loc else "", loc.line if loc else 0)


def _in_order(posts: Iterable[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.date, p.time or time.min, p.index))


def _change_order(change: PostChange) -> tuple[date, time, str, str]:
    place = change.when
    return (place.date, place.time or time.min, change.title, change.change)


def _with_effects(
    change: PostChange, old: Post | None, new: Post | None, opened: list[GapChange], closed: list[GapChange]
) -> PostChange:
    """Name the gaps this change opens (slots the old post filled and the new one does not) or closes."""
    if not opened and not closed:
        return change
    opens = tuple(g for g in opened if _fills(old, g) and not _fills(new, g))
    closes = tuple(g for g in closed if _fills(new, g) and not _fills(old, g))
    if not opens and not closes:
        return change
    return replace(change, opens=opens, closes=closes)


def _fills(post: Post | None, gap: GapChange) -> bool:
    from cmcal.habits.slots import fills

    return post is not None and any(fills(post, gap.habit, p, gap.window, gap.event) for p in gap.platforms)


# --- gaps ---------------------------------------------------------------------------------------------------


class _Gap(NamedTuple):
    habit: str | None
    event: str | None
    title: str
    window: Window
    platform: str
    order: int
    """The platform's position in the habit's `platforms`, so grouped platforms read in the file's order."""
    missing: int
    required: bool


def _gap_changes(
    old: Calendar | None, new: Calendar | None, today: date, until: date
) -> tuple[GapChange, ...]:
    """Gaps on one side only, grouped by (habit, window, missing) across platforms."""
    before, after = _gaps(old, today, until), _gaps(new, today, until)
    groups: dict[tuple[str, str | None, str | None, date, date, int], list[_Gap]] = {}
    for change, mine, theirs in (("closed", before, after), ("opened", after, before)):
        for key, gap in mine.items():
            if key not in theirs:
                group = (change, gap.habit, gap.event, gap.window.first, gap.window.last, gap.missing)
                groups.setdefault(group, []).append(gap)
    out = [
        GapChange(
            "opened" if change == "opened" else "closed",
            gaps[0].habit,
            gaps[0].title,
            gaps[0].window,
            tuple(g.platform for g in sorted(gaps, key=lambda g: g.order)),
            gaps[0].missing,
            gaps[0].required,
            gaps[0].event,
        )
        for (change, *_), gaps in groups.items()
    ]
    out.sort(key=lambda g: (g.window.first, g.window.at or time.min, g.event is not None, g.owner, g.change))
    return tuple(out)


def _gaps(
    calendar: Calendar | None, today: date, until: date
) -> dict[tuple[str | None, str | None, str, date, date, int | None], _Gap]:
    if calendar is None:
        return {}
    from cmcal.habits.slots import build_slots

    out = {}
    for slot in build_slots(calendar, today, until):
        if not slot.is_gap:
            continue
        if slot.habit is not None:
            habit = calendar.habits[slot.habit]
            title, platforms = habit.title, habit.platforms
        else:
            event = calendar.events[slot.event or ""]
            title, platforms = event.title, tuple(p for s in event.posts for p in s.platforms)
        order = platforms.index(slot.platform) if slot.platform in platforms else 0
        key = (slot.habit, slot.event, slot.platform, slot.window.first, slot.window.last, slot.offset)
        out[key] = _Gap(
            slot.habit, slot.event, title, slot.window, slot.platform, order, slot.missing, slot.required
        )
    return out


def _time_text(value: time | None) -> str | None:
    return f"{value:%H:%M}" if value is not None else None
