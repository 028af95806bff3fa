"""From a calendar file's node tree to the model, with a problem for every wrong shape or value.

The keys each mapping accepts are the tables of `cmcal.fields` (docs/format.md); the codes, docs/codes.md.

Checks that need only one value (a real date, a known status, a known key) live here, where the value's
position is at hand. Checks that relate values (an owner in the team, a post's habit) live in `validate`.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, time
from difflib import get_close_matches
from functools import cache
from typing import TYPE_CHECKING

from cmcal import fields
from cmcal.bounds import MAX_COUNT, MAX_COUNT_DIGITS, int_within
from cmcal.files.reader import Document, Mapping, Node, Scalar, Sequence
from cmcal.i18n import N_, _
from cmcal.model import (
    CONTENT_TYPES,
    ENGAGEMENT_COUNTS,
    FULL_WEEKDAYS,
    MAX_OFFSET,
    METRIC_NAMES,
    ON_HOLIDAY,
    STATUSES,
    WEEKDAYS,
    Approval,
    Calendar,
    Every,
    Habit,
    Locs,
    MediaItem,
    Metrics,
    PlatformAccount,
    Post,
)
from cmcal.problems import Code, Loc, Problem, problem
from cmcal.value import Value

if TYPE_CHECKING:  # planning's model is imported where a calendar has planning keys (cmcal.model.planning)
    from cmcal.model.planning import Blackout, Campaign, Event, EventSlot, Idea

ROOT_KEYS = fields.ROOT.names
PART_KEYS = fields.PART.names
PLATFORM_KEYS = fields.PLATFORM.names
HABIT_KEYS = fields.HABIT.names
POST_KEYS = fields.POST.names
POST_PLATFORM_KEYS = fields.POST_PLATFORM.names
REPORT_KEYS = fields.REPORT.names
MEDIA_KEYS = fields.MEDIA.names
BLACKOUT_KEYS = fields.BLACKOUT.names
EVENT_KEYS = fields.EVENT.names
EVENT_POST_KEYS = fields.EVENT_POST.names
CAMPAIGN_KEYS = fields.CAMPAIGN.names
IDEA_KEYS = fields.IDEA.names
APPROVAL_KEYS = fields.APPROVAL.names
METRIC_KEYS = fields.METRICS.names


@cache
def _key_set(keys: tuple[str, ...]) -> frozenset[str]:
    """A table's keys as a set, made once, to check a mapping's keys in one step."""
    return frozenset(keys)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_INT = re.compile(r"[0-9]+")
_ID = re.compile(r"[^\W_][\w.-]*")  # Unicode letters welcome: ids are often French words

_METRIC_NAMES = frozenset(METRIC_NAMES)
_SHARED: dict[tuple[str, ...], tuple[str, ...]] = {}
"""One tuple for all equal ones (the keys of `Locs`, a post's platforms): a calendar has few distinct ones."""


def _shared(names: tuple[str, ...]) -> tuple[str, ...]:
    """`names`, as the one tuple every post with the same names shares (peak memory, BENCHMARKS.md)."""
    found = _SHARED.get(names)
    if found is None:
        found = names
        if len(_SHARED) < 4096:  # bounded, whatever a calendar holds
            _SHARED[names] = names
    return found


_DATE_CACHE: dict[str, date] = {}
_TIME_CACHE: dict[str, time] = {}


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Include(Value):
    pattern: str
    loc: Loc


def includes_of(doc: Document) -> tuple[list[Include], list[Include], list[Problem]]:
    """The `include:` and `metrics_files:` patterns of a calendar file, each with its position."""
    ctx = _Ctx(doc.path)
    found: dict[str, list[Include]] = {"include": [], "metrics_files": []}
    root = doc.root
    if isinstance(root, Mapping):
        for key in found:
            entry = root.items.get(key)
            if entry is None:
                continue
            for item in ctx.list_of(entry[1], key):
                text = ctx.text(item, _("{key} entry").format(key=key))
                if text:
                    found[key].append(Include(text, ctx.loc(item)))
    return found["include"], found["metrics_files"], ctx.problems


def is_part(doc: Document) -> bool:
    """A part file holds only `posts:` (it is read through a calendar's `include:`, never as a calendar)."""
    root = doc.root
    return isinstance(root, Mapping) and "calendar" not in root.items and "posts" in root.items


def build_calendar(doc: Document, parts: Iterable[Document] = ()) -> tuple[Calendar | None, list[Problem]]:
    """Build one calendar from its root file and its included parts. Never raises on any input.

    Its problems are written in the calendar's own `language:` (README, "Languages")."""
    from cmcal.i18n import using

    with using(language_of(doc)):
        return _build_calendar(doc, parts)


def language_of(doc: Document) -> str | None:
    """The `language:` a calendar file sets, as written (`fr-CA`), or None."""
    root = doc.root
    entry = root.items.get("language") if isinstance(root, Mapping) else None
    return entry[1].value if entry is not None and isinstance(entry[1], Scalar) else None


def _build_calendar(doc: Document, parts: Iterable[Document]) -> tuple[Calendar | None, list[Problem]]:
    ctx = _Ctx(doc.path)
    root = doc.root
    if root is None:
        return None, []  # the reader already said why
    if not isinstance(root, Mapping):
        ctx.add(root, Code.BAD_STRUCTURE, _("a calendar file is a mapping that starts with `calendar: NAME`"))
        return None, ctx.problems
    items = ctx.known_keys(root, ROOT_KEYS, _("the calendar"))
    name = ctx.required_text(
        root, items, "calendar", _("the calendar's display name, e.g. `calendar: Cuisine Express`")
    )
    timezone = _timezone(ctx, root, items)
    language = _language(ctx, items)
    platforms = _platforms(ctx, root, items)
    team = _team(ctx, items)
    habits, habit_ids = _habits(ctx, items)
    engagement, max_share = _report_settings(ctx, items)
    require_approval = False
    if "require_approval" in items:
        require_approval = bool(ctx.boolean(items["require_approval"][1], "`require_approval`"))
    media_base_url = _media_base_url(ctx, items)
    holiday_sets = _holiday_sets(ctx, items)
    blackouts = _blackouts(ctx, items)
    events = _events(ctx, items)
    campaigns = _campaigns(ctx, items)
    ideas = _ideas(ctx, items, habits)
    posts: list[Post] = []
    if "posts" in items:
        _posts(ctx, items["posts"][1], habits, posts)
    part_paths = []
    for part in parts:
        part_paths.append(part.path)
        part_ctx = _Ctx(part.path)
        if part.root is None:
            continue
        if not isinstance(part.root, Mapping):
            part_ctx.add(
                part.root, Code.BAD_STRUCTURE, _("an included file is a mapping with one key, `posts:`")
            )
        else:
            part_items = part_ctx.known_keys(part.root, PART_KEYS, _("an included file"))
            if "posts" in part_items:
                _posts(part_ctx, part_items["posts"][1], habits, posts)
        ctx.problems.extend(part_ctx.problems)
    calendar = Calendar(
        name=name or doc.path,
        timezone=timezone,
        language=language,
        platforms=platforms,
        habits=habits,
        habit_ids=habit_ids,
        posts=tuple(posts),
        path=doc.path,
        team=team,
        includes=tuple(part_paths),
        engagement=engagement,
        max_type_share=max_share,
        media_base_url=media_base_url,
        holidays=holiday_sets,
        blackouts=blackouts,
        events=events,
        campaigns=campaigns,
        ideas=ideas,
        require_approval=require_approval,
        loc=Loc(doc.path, root.line, root.column),
        locs=ctx.locs(items),
    )
    return calendar, ctx.problems


class _Ctx:
    """Problems of one file, with small readers that turn a node into a value or say why they cannot."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def loc(self, node: Node) -> Loc:
        return Loc(self.path, node.line, node.column)

    def locs(self, items: dict[str, tuple[Scalar, Node]]) -> Locs:
        """Where each value of a mapping is written: its key's `Loc` in the model (see `Locs`)."""
        places = array("I", [n for __, value in items.values() for n in (value.line, value.column)])
        return Locs(self.path, _shared(tuple(items)), places)

    def add(self, node: Node, code: Code, message: str) -> None:
        self.problems.append(problem(Loc(self.path, node.line, node.column), code, message))

    def known_keys(self, node: Mapping, known: tuple[str, ...], where: str) -> dict[str, tuple[Scalar, Node]]:
        items = node.items
        for key, (key_node, __) in items.items():
            if key not in known and key != "<<":  # the reader already refused merge keys
                self.add(key_node, Code.UNKNOWN_KEY, unknown_key_message(key, known, where))
        return items

    def settings(
        self, node: Node, keys: tuple[str, ...], where: str, pid: str
    ) -> dict[str, tuple[Scalar, Node]] | None:
        """The items of platform `pid`'s mapping of `keys`. `where` (marked with `N_`) names it in a problem,
        and is translated only then: most mappings have none."""
        if isinstance(node, Mapping) and _key_set(keys).issuperset(node.items):
            return node.items
        what = _(where).format(id=pid)
        mapping = self.mapping(node, what)
        return None if mapping is None else self.known_keys(mapping, keys, what)

    def mapping(self, node: Node, what: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        if isinstance(node, Scalar) and node.is_null:
            return Mapping(node.line, node.column)
        self.add(
            node,
            Code.BAD_STRUCTURE,
            _("{what} must be a mapping of `key: value` lines, not {shape}").format(
                what=what, shape=_shape(node)
            ),
        )
        return None

    def list_of(self, node: Node, what: str) -> list[Node]:
        """A list; a single scalar is read as a list of one, an empty value as an empty list."""
        if isinstance(node, Sequence):
            return node.items
        if isinstance(node, Scalar):
            return [] if node.is_null else [node]
        self.add(
            node,
            Code.BAD_STRUCTURE,
            _("{what} must be a list such as `[a, b]`, not a mapping").format(what=what),
        )
        return []

    def text(self, node: Node, what: str) -> str | None:
        if isinstance(node, Scalar):
            if node.is_null:
                self.add(
                    node,
                    Code.BAD_STRUCTURE,
                    _("{what} is empty; write a value or remove the key").format(what=what),
                )
                return None
            return node.value
        self.add(
            node,
            Code.BAD_STRUCTURE,
            _("{what} must be text, not {shape}").format(what=what, shape=_shape(node)),
        )
        return None

    def optional_text(self, items: dict[str, tuple[Scalar, Node]], key: str, what: str) -> str | None:
        entry = items.get(key)
        if entry is None:
            return None
        node = entry[1]
        if isinstance(node, Scalar) and node.is_null:
            return None
        return self.text(node, what)

    def required_text(
        self, node: Mapping, items: dict[str, tuple[Scalar, Node]], key: str, hint: str
    ) -> str | None:
        entry = items.get(key)
        if entry is None:
            self.add(node, Code.MISSING_KEY, _("`{key}` is missing: {hint}").format(key=key, hint=hint))
            return None
        return self.text(entry[1], f"`{key}`")

    def identifier(self, node: Node, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not _ID.fullmatch(value):
            self.add(
                node,
                Code.BAD_STRUCTURE,
                _("{what} {value!r} must be letters, digits, `-`, `_` or `.`").format(what=what, value=value),
            )
            return None
        return value

    def declared(
        self, items: dict[str, tuple[Scalar, Node]], key: str, what: str
    ) -> Iterator[tuple[str, Scalar, Node]]:
        """The entries of a mapping of ids (`habits:`, `events:`, `campaigns:`) whose id is well formed, as
        (id, key node, value node); `what` names one id in messages ("a habit id")."""
        entry = items.get(key)
        if entry is None:
            return
        mapping = self.mapping(entry[1], f"`{key}`")
        if mapping is None:
            return
        for name, (key_node, node) in mapping.items.items():
            if self.identifier(key_node, what) is not None:
                yield name, key_node, node

    def date(self, node: Node, what: str) -> date | None:
        if not isinstance(node, Scalar) or node.is_null:
            self.add(node, Code.BAD_DATE, _("{what} must be a date written YYYY-MM-DD").format(what=what))
            return None
        value = node.value
        cached = _DATE_CACHE.get(value)
        if cached is not None:
            return cached
        if not _DATE.fullmatch(value):
            self.add(
                node,
                Code.BAD_DATE,
                _("{what} {value!r} is not a date; write it YYYY-MM-DD, e.g. 2026-12-01").format(
                    what=what, value=value
                ),
            )
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.add(
                node,
                Code.BAD_DATE,
                _("{what} {value} is not a real date (check the month and the day)").format(
                    what=what, value=value
                ),
            )
            return None
        _DATE_CACHE[value] = parsed
        return parsed

    def time(self, node: Node, what: str) -> time | None:
        if not isinstance(node, Scalar) or node.is_null:
            self.add(node, Code.BAD_TIME, _("{what} must be a time written HH:MM").format(what=what))
            return None
        value = node.value
        cached = _TIME_CACHE.get(value)
        if cached is not None:
            return cached
        match = _TIME.fullmatch(value)
        if match is None:
            self.add(
                node,
                Code.BAD_TIME,
                _("{what} {value!r} is not a time; write it HH:MM, e.g. 11:30").format(
                    what=what, value=value
                ),
            )
            return None
        hour, minute = int(match[1]), int(match[2])
        if hour > 23 or minute > 59:
            self.add(
                node,
                Code.BAD_TIME,
                _("{what} {value} is not a real time (00:00 to 23:59)").format(what=what, value=value),
            )
            return None
        parsed = time(hour, minute)
        _TIME_CACHE[value] = parsed
        return parsed

    def integer(self, node: Node, what: str, field: fields.Field) -> int | None:
        """A whole number within the field's bounds (the text's length is checked before any `int()`)."""
        minimum, maximum = field.minimum or 0, field.maximum if field.maximum is not None else MAX_COUNT
        if isinstance(node, Scalar):
            number = int_within(node.value, maximum)
            if number is not None and number >= minimum:
                return number
        if (
            isinstance(node, Scalar)
            and _INT.fullmatch(node.value)
            and int_within(node.value, maximum) is None
        ):
            from cmcal.i18n.formats import number as written

            size = len(node.value)
            digits = _("a number of {n} digits").format(n=written(size)) if size > 20 else node.value
            self.add(
                node,
                Code.BAD_STRUCTURE,
                _("{what} must be at most {maximum}, not {digits}").format(
                    what=what, maximum=written(maximum), digits=digits
                ),
            )
            return None
        shown = node.value if isinstance(node, Scalar) else _shape(node)
        self.add(
            node,
            Code.BAD_STRUCTURE,
            _("{what} must be a whole number of at least {minimum}, not {shown!r}").format(
                what=what, minimum=minimum, shown=shown
            ),
        )
        return None

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, Scalar) and node.value in ("true", "false"):
            return node.value == "true"
        shown = node.value if isinstance(node, Scalar) else _shape(node)
        self.add(
            node,
            Code.BAD_STRUCTURE,
            _("{what} must be true or false, not {shown!r}").format(what=what, shown=shown),
        )
        return None

    def choice(self, node: Node, what: str, allowed: tuple[str, ...], code: Code) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        if value in allowed:
            return allowed[allowed.index(value)]  # the constant, not one copy of it a post
        close = get_close_matches(value.lower(), allowed, n=1)
        hint = _('did you mean "{name}"? ').format(name=close[0]) if close else ""
        self.add(
            node,
            code,
            _('{what} "{value}" is not known; {hint}use one of: {allowed}').format(
                what=what, value=value, hint=hint, allowed=", ".join(allowed)
            ),
        )
        return None

    def id_list(self, node: Node, what: str) -> list[tuple[str, Node]]:
        """`[a, b]` or a mapping `{a: {}, b: {}}`: the ids with their nodes."""
        if isinstance(node, Mapping):
            return [(key, key_node) for key, (key_node, __) in node.items.items()]
        out: list[tuple[str, Node]] = []
        entry = None  # the words naming an entry, made once and only for an entry that is not plain text
        for item in self.list_of(node, what):
            if isinstance(item, Scalar) and not item.is_null and _ID.fullmatch(item.value):
                out.append((item.value, item))  # the common case, at once
                continue
            entry = entry or _("{key} entry").format(key=what)
            value = self.identifier(item, entry)
            if value is not None:
                out.append((value, item))
        return out


def unknown_key_message(key: str, known: Iterable[str], where: str) -> str:
    known = tuple(known)
    close = get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return _('unknown key "{key}" in {where}; did you mean "{name}"?').format(
            key=key, where=where, name=close[0]
        )
    return _('unknown key "{key}" in {where}; known keys: {known}').format(
        key=key, where=where, known=", ".join(known)
    )


def _shape(node: Node) -> str:
    if isinstance(node, Mapping):
        return _("a mapping")
    if isinstance(node, Sequence):
        return _("a list")
    return f"{node.value!r}"


def _timezone(ctx: _Ctx, root: Mapping, items: dict[str, tuple[Scalar, Node]]) -> str:
    from cmcal.bounds import Suggester
    from cmcal.dates import zone_names, zone_or_none

    name = ctx.required_text(
        root, items, "timezone", _("the IANA zone every date is local to, e.g. America/Toronto")
    )
    if name is None:
        return "UTC"
    if zone_or_none(name) is None:
        close = Suggester(sorted(zone_names())).close(name, cutoff=0.8)
        hint = _('did you mean "{name}"? ').format(name=close) if close else ""
        ctx.add(
            items["timezone"][1],
            Code.BAD_TIMEZONE,
            _(
                "{name!r} is not an IANA time zone; {hint}write it like America/Toronto or Europe/Paris"
            ).format(name=name, hint=hint),
        )
        return "UTC"
    return name


def _language(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> str | None:
    from cmcal.i18n import parse

    entry = items.get("language")
    if entry is None:
        return None
    text = ctx.text(entry[1], "`language`")
    if text is None:
        return None
    language = parse(text)
    if language is None:
        ctx.add(
            entry[1],
            Code.BAD_STRUCTURE,
            _(
                "language: {value!r} is not a language cmcal speaks; write en or fr, with a region "
                "if you like (fr-CA, fr-FR, en-CA)"
            ).format(value=text),
        )
        return None
    return language.tag


def _platforms(ctx: _Ctx, root: Mapping, items: dict[str, tuple[Scalar, Node]]) -> dict[str, PlatformAccount]:
    from cmcal.platforms.rules import KNOWN_IDS, rules_for

    entry = items.get("platforms")
    if entry is None:
        ctx.add(
            root,
            Code.MISSING_KEY,
            _("`platforms` is missing: list the accounts, e.g. `platforms: [instagram]`"),
        )
        return {}
    node = entry[1]
    accounts: dict[str, PlatformAccount] = {}
    settings: dict[str, Node | None] = {}
    if isinstance(node, Mapping):
        for key, (key_node, value) in node.items.items():
            if ctx.identifier(key_node, _("a platform id")) is not None:
                settings[key] = value
                accounts[key] = PlatformAccount(key, None, loc=ctx.loc(key_node))
    else:
        for pid, item in ctx.id_list(node, "`platforms`"):
            if pid in accounts:
                ctx.add(
                    item,
                    Code.DUPLICATE_KEY,
                    _('platform "{id}" is listed twice; keep only one').format(id=pid),
                )
                continue
            settings[pid] = None
            accounts[pid] = PlatformAccount(pid, None, loc=ctx.loc(item))
    if not accounts and (not isinstance(node, Scalar) or node.is_null or isinstance(node, Sequence)):
        ctx.add(
            node, Code.MISSING_KEY, _("`platforms` is empty: list at least one account, e.g. `[instagram]`")
        )
    for pid, setting in settings.items():
        account = accounts[pid]
        kind: str | None = pid if rules_for(pid) is not None else None
        values: dict[str, object] = {}
        if setting is not None:
            where = _('platform "{id}"').format(id=pid)
            mapping = ctx.mapping(setting, where)
            if mapping is not None:
                sub = ctx.known_keys(mapping, PLATFORM_KEYS, where)
                for key, (__, v) in sub.items():
                    if key == "kind":
                        known_kind = ctx.text(v, "`kind`")
                        if known_kind is not None and rules_for(known_kind) is None:
                            close = get_close_matches(known_kind, KNOWN_IDS, n=1)
                            hint = _('did you mean "{name}"? ').format(name=close[0]) if close else ""
                            ctx.add(
                                v,
                                Code.UNKNOWN_PLATFORM,
                                _(
                                    "`kind: {kind}` is not a known platform; {hint}known: {known}; remove "
                                    "`kind` for a custom platform"
                                ).format(kind=known_kind, hint=hint, known=", ".join(KNOWN_IDS)),
                            )
                        kind = known_kind if known_kind and rules_for(known_kind) else None
                    elif key in ("max_length", "max_hashtags"):
                        values[key] = ctx.integer(v, f"`{key}`", fields.PLATFORM[key])
                    elif key == "types":
                        types = []
                        for item in ctx.list_of(v, "`types`"):
                            t = ctx.choice(item, _("content type"), CONTENT_TYPES, Code.UNKNOWN_TYPE)
                            if t:
                                types.append(t)
                        values["types"] = tuple(types)
                    elif key == "handle":
                        values["handle"] = ctx.text(v, "`handle`")
        rules = rules_for(kind) if kind else None
        accounts[pid] = PlatformAccount(
            pid,
            rules.id if rules else None,
            max_length=values.get("max_length"),  # type: ignore[arg-type]
            max_hashtags=values.get("max_hashtags"),  # type: ignore[arg-type]
            types=values.get("types"),  # type: ignore[arg-type]
            handle=values.get("handle"),  # type: ignore[arg-type]
            loc=account.loc,
        )
    return accounts


def _team(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> tuple[str, ...] | None:
    entry = items.get("team")
    if entry is None:
        return None
    team = []
    for item in ctx.list_of(entry[1], "`team`"):
        member = ctx.text(item, _("a team member"))
        if member is not None:
            if member in team:
                ctx.add(
                    item,
                    Code.DUPLICATE_KEY,
                    _('"{member}" is listed twice in `team`; keep only one').format(member=member),
                )
            team.append(member)
    return tuple(team)


def _report_settings(
    ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]
) -> tuple[tuple[str, ...], float | None]:
    engagement: tuple[str, ...] = ("likes", "comments", "shares", "saves")
    max_share: float | None = None
    entry = items.get("report")
    if entry is None:
        return engagement, max_share
    mapping = ctx.mapping(entry[1], "`report`")
    if mapping is None:
        return engagement, max_share
    sub = ctx.known_keys(mapping, REPORT_KEYS, "`report`")
    if "engagement" in sub:
        chosen = []
        for item in ctx.list_of(sub["engagement"][1], "`engagement`"):
            name = ctx.choice(item, _("engagement count"), ENGAGEMENT_COUNTS, Code.BAD_STRUCTURE)
            if name:
                chosen.append(name)
        if chosen:
            engagement = tuple(chosen)
    if "max_type_share" in sub:
        node = sub["max_type_share"][1]
        try:
            value = float(node.value) if isinstance(node, Scalar) else -1.0
        except ValueError:
            value = -1.0
        if 0 < value <= 1:
            max_share = value
        else:
            ctx.add(node, Code.BAD_STRUCTURE, _("`max_type_share` must be a share between 0 and 1, e.g. 0.5"))
    return engagement, max_share


def _weekday(value: str) -> int | None:
    low = value.lower()
    if low in WEEKDAYS:
        return WEEKDAYS.index(low)
    if low in FULL_WEEKDAYS:
        return FULL_WEEKDAYS.index(low)
    return None


def _habits(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> tuple[dict[str, Habit], tuple[str, ...]]:
    """The usable habits, and the id of every habit declared (one with an error in a field included)."""
    habits: dict[str, Habit] = {}
    declared: list[str] = []
    for hid, key_node, node in ctx.declared(items, "habits", _("a habit id")):
        declared.append(hid)
        habit = _habit(ctx, hid, key_node, node)
        if habit is not None:
            habits[hid] = habit
    return habits, tuple(declared)


def _habit(ctx: _Ctx, hid: str, key_node: Scalar, node: Node) -> Habit | None:
    where = _('habit "{habit}"').format(habit=hid)
    mapping = ctx.mapping(node, where)
    if mapping is None:
        return None
    items = ctx.known_keys(mapping, HABIT_KEYS, where)
    locs = ctx.locs(items)
    ok = True
    title = ctx.optional_text(items, "title", f"{where} › title") or hid
    start: date | None = None
    if "start" in items:
        start = ctx.date(items["start"][1], f"{where} › start")
        ok = ok and start is not None
    else:
        ctx.add(
            mapping,
            Code.MISSING_KEY,
            _("{where} has no `start`: the first date of the habit, e.g. 2026-12-01").format(where=where),
        )
        ok = False
    end = ctx.date(items["end"][1], f"{where} › end") if "end" in items else None
    if start and end and end < start:
        ctx.add(
            items["end"][1],
            Code.BAD_DATE,
            _("{where} › end {end} is before its start {start}").format(where=where, end=end, start=start),
        )
    platforms: list[str] = []
    if "platforms" in items:
        platforms = [pid for pid, __ in ctx.id_list(items["platforms"][1], f"{where} › platforms")]
        if not platforms:
            ctx.add(
                items["platforms"][1],
                Code.MISSING_KEY,
                _("{where} › platforms is empty; name at least one").format(where=where),
            )
    else:
        ctx.add(
            mapping,
            Code.MISSING_KEY,
            _("{where} has no `platforms`: where it is published, e.g. [instagram]").format(where=where),
        )
        ok = False
    every: Every | None = None
    rrule: str | None = None
    has_every, has_rrule = "every" in items, "rrule" in items
    if has_every and has_rrule:
        ctx.add(
            items["rrule"][0],
            Code.BAD_RRULE,
            _("{where} has both `every` and `rrule`; keep one of them").format(where=where),
        )
    elif not has_every and not has_rrule:
        ctx.add(
            key_node,
            Code.BAD_RRULE,
            _("{where} needs `every: day|weekday|week|month` or an `rrule`").format(where=where),
        )
    if has_every:
        value = ctx.choice(
            items["every"][1], f"{where} › every", tuple(e.value for e in Every), Code.BAD_STRUCTURE
        )
        every = Every(value) if value else None
    at = ctx.time(items["at"][1], f"{where} › at") if "at" in items else None
    if has_rrule and not has_every:
        rrule = ctx.text(items["rrule"][1], f"{where} › rrule")
        if rrule is not None and start is not None:
            from cmcal.habits.recurrence import parse_rrule

            error = parse_rrule(rrule, start, at)  # at `at`: an UNTIL before it ends the rule
            if error is not None:
                ctx.add(
                    items["rrule"][1],
                    Code.BAD_RRULE,
                    _("{where} › rrule: {error}").format(where=where, error=error),
                )
                rrule = None
    days = _days(ctx, items, every, where)
    htype = None
    if "type" in items:
        htype = ctx.choice(items["type"][1], f"{where} › type", CONTENT_TYPES, Code.UNKNOWN_TYPE)
    skip = []
    if "skip" in items:
        for item in ctx.list_of(items["skip"][1], f"{where} › skip"):
            d = ctx.date(item, f"{where} › skip")
            if d is not None:
                skip.append(d)
    times = 1
    if "times" in items:
        times = ctx.integer(items["times"][1], f"{where} › times", fields.HABIT["times"]) or 1
    required = False
    if "required" in items:
        required = bool(ctx.boolean(items["required"][1], f"{where} › required"))
    owner = ctx.optional_text(items, "owner", f"{where} › owner")
    notes = ctx.optional_text(items, "notes", f"{where} › notes")
    on_holiday = "keep"
    if "on_holiday" in items:
        on_holiday = (
            ctx.choice(items["on_holiday"][1], f"{where} › on_holiday", ON_HOLIDAY, Code.BAD_STRUCTURE)
            or "keep"
        )
    if not ok or start is None or (every is None and rrule is None):
        return None
    return Habit(
        id=hid,
        title=title,
        platforms=tuple(platforms),
        start=start,
        every=every,
        days=days,
        rrule=rrule,
        at=at,
        type=htype,
        end=end,
        skip=frozenset(skip),
        times=times,
        required=required,
        owner=owner,
        notes=notes,
        on_holiday=on_holiday,
        loc=ctx.loc(key_node),
        locs=locs,
    )


def _days(
    ctx: _Ctx, items: dict[str, tuple[Scalar, Node]], every: Every | None, where: str
) -> tuple[int, ...]:
    if "days" not in items:
        return ()
    node = items["days"][1]
    if every not in (Every.WEEK, Every.MONTH):
        ctx.add(
            items["days"][0],
            Code.BAD_STRUCTURE,
            _("{where} › days only goes with `every: week` or `every: month`").format(where=where),
        )
        return ()
    days: list[int] = []
    for item in ctx.list_of(node, f"{where} › days"):
        if not isinstance(item, Scalar):
            ctx.add(item, Code.BAD_STRUCTURE, _("{where} › days: each day must be text").format(where=where))
            continue
        if every is Every.WEEK:
            day = _weekday(item.value)
            if day is None:
                ctx.add(
                    item,
                    Code.BAD_STRUCTURE,
                    _('{where} › days: unknown day "{day}" (expected mon…sun)').format(
                        where=where, day=item.value
                    ),
                )
                continue
        else:
            value = item.value
            day = int(value) if re.fullmatch(r"-1|[0-9]{1,2}", value) else 0
            if day == 0 or day > 31:
                ctx.add(
                    item,
                    Code.BAD_STRUCTURE,
                    _('{where} › days: "{day}" is not a day of the month (1…31, or -1)').format(
                        where=where, day=value
                    ),
                )
                continue
        if day not in days:
            days.append(day)
    return tuple(sorted(days))


def _posts(ctx: _Ctx, node: Node, habits: dict[str, Habit], out: list[Post]) -> None:
    if isinstance(node, Scalar) and node.is_null:
        return
    if not isinstance(node, Sequence):
        ctx.add(
            node, Code.BAD_STRUCTURE, _("`posts` must be a list of posts, each starting with `- date: …`")
        )
        return
    for item in node.items:
        post = _post(ctx, item, habits, len(out))
        if post is not None:
            out.append(post)


def _post(ctx: _Ctx, node: Node, habits: dict[str, Habit], index: int) -> Post | None:
    if not isinstance(node, Mapping):
        ctx.add(
            node,
            Code.BAD_STRUCTURE,
            _("a post must be a mapping (`- date: …`), not {shape}").format(shape=_shape(node)),
        )
        return None
    items = node.items
    if not _key_set(POST_KEYS).issuperset(items):
        ctx.known_keys(node, POST_KEYS, _("a post"))
    path = ctx.path
    locs = ctx.locs(items)
    ok = True

    entry = items.get("date")
    post_date = None
    if entry is None:
        ctx.add(node, Code.MISSING_KEY, _("a post needs a `date` (YYYY-MM-DD)"))
    else:
        post_date = ctx.date(entry[1], "date")
    entry = items.get("title")
    title = None
    if entry is None:
        ctx.add(node, Code.MISSING_KEY, _("a post needs a `title`"))
    else:
        title = ctx.text(entry[1], "title")

    platforms: tuple[str, ...] = ()
    texts: dict[str, str] = {}
    platform_media: dict[str, tuple[MediaItem, ...]] = {}
    one, many = items.get("platform"), items.get("platforms")
    if one is not None and many is not None:
        ctx.add(one[0], Code.BAD_STRUCTURE, _("a post has `platform` or `platforms`, not both; keep one"))
        ok = False
    elif one is not None:
        pid = ctx.identifier(one[1], "platform")
        platforms = _shared((pid,)) if pid else ()
        ok = pid is not None
    elif many is not None:
        platforms = _shared(tuple(pid for pid, __ in ctx.id_list(many[1], "platforms")))
        if isinstance(many[1], Mapping):
            texts, platform_media = _platform_settings(ctx, many[1])
        if not platforms:
            ctx.add(many[1], Code.MISSING_KEY, _("a post's `platforms` is empty; name at least one"))
            ok = False
    else:
        ctx.add(node, Code.MISSING_KEY, _("a post needs `platform: ID` or `platforms: [ID, …]`"))
        ok = False

    entry = items.get("habit")
    habit_id = ctx.text(entry[1], "habit") if entry is not None else None
    habit_id = sys.intern(habit_id) if habit_id else habit_id
    habit = habits.get(habit_id) if habit_id else None

    post_time = None
    entry = items.get("time")
    if entry is not None and not (isinstance(entry[1], Scalar) and entry[1].is_null):
        post_time = ctx.time(entry[1], "time")
    elif habit is not None:
        post_time = habit.at

    post_type = None
    entry = items.get("type")
    if entry is not None:
        post_type = ctx.choice(entry[1], "type", CONTENT_TYPES, Code.UNKNOWN_TYPE)
    elif habit is not None:
        post_type = habit.type

    status = "draft"
    entry = items.get("status")
    if entry is not None:
        status = ctx.choice(entry[1], "status", STATUSES, Code.BAD_STATUS) or "draft"

    entry = items.get("id")
    post_id = ctx.identifier(entry[1], "id") if entry is not None else None
    text = ctx.optional_text(items, "text", "text")
    link = ctx.optional_text(items, "link", "link")
    owner = ctx.optional_text(items, "owner", "owner")
    owner = sys.intern(owner) if owner else owner
    notes = ctx.optional_text(items, "notes", "notes")
    tags: tuple[str, ...] = ()
    entry = items.get("tags")
    if entry is not None:
        a_tag = _("a tag")
        tags = tuple(t for t in (ctx.text(i, a_tag) for i in ctx.list_of(entry[1], "tags")) if t)
    metrics: dict[str, Metrics] = {}
    entry = items.get("metrics")
    if entry is not None:
        metrics = metrics_of(ctx, entry[1])
    entry = items.get("media")
    media = media_of(ctx, entry[1]) if entry is not None else ()
    event = ctx.optional_text(items, "event", "event")
    campaign = ctx.optional_text(items, "campaign", "campaign")
    entry = items.get("approved")
    approved = _approval(ctx, entry[1]) if entry is not None else None
    entry = items.get("from_idea")
    from_idea = ctx.identifier(entry[1], "from_idea") if entry is not None else None

    if not ok or post_date is None or title is None:
        return None
    return Post(
        id=post_id,
        date=post_date,
        title=title,
        platforms=platforms,
        time=post_time,
        habit=habit_id,
        type=post_type,
        text=text,
        texts=texts,
        link=link,
        owner=owner,
        status=status,
        tags=tags,
        metrics=metrics,
        notes=notes,
        media=media,
        platform_media=platform_media,
        event=event,
        campaign=campaign,
        approved=approved,
        from_idea=from_idea,
        index=index,
        loc=Loc(path, node.line, node.column),
        locs=locs,
    )


def _approval(ctx: _Ctx, node: Node) -> Approval | None:
    """`approved: {by, on, digest}`, as `cmcal approve` writes it."""
    mapping = ctx.mapping(node, "`approved`")
    if mapping is None:
        return None
    items = ctx.known_keys(mapping, APPROVAL_KEYS, "`approved`")
    for key in APPROVAL_KEYS:
        if key not in items:
            ctx.add(
                mapping,
                Code.MISSING_KEY,
                _("`approved` has no `{key}`; record approvals with `cmcal approve`").format(key=key),
            )
            return None
    by = ctx.text(items["by"][1], "approved › by")
    on = ctx.date(items["on"][1], "approved › on")
    digest = ctx.text(items["digest"][1], "approved › digest")
    if by is None or on is None or digest is None:
        return None
    return Approval(by, on, digest, ctx.loc(node))


def _platform_settings(ctx: _Ctx, node: Mapping) -> tuple[dict[str, str], dict[str, tuple[MediaItem, ...]]]:
    """A post's per-platform texts and media, from `platforms: {x: {text: …, media: […]}}`."""
    texts = {}
    media = {}
    for pid, (__, value) in node.items.items():
        items = ctx.settings(value, POST_PLATFORM_KEYS, N_('platform "{id}" of a post'), pid)
        if items is None:
            continue
        text = ctx.optional_text(items, "text", "text")
        if text is not None:
            texts[pid] = text
        if "media" in items:
            media[pid] = media_of(ctx, items["media"][1])
    return texts, media


def _media_base_url(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> str | None:
    url = ctx.optional_text(items, "media_base_url", "`media_base_url`")
    if url is None:
        return None
    if not url.startswith("https://") or len(url) <= len("https://"):
        ctx.add(
            items["media_base_url"][1],
            Code.BAD_STRUCTURE,
            _("`media_base_url` must be an https:// URL, e.g. https://cdn.example.org/calendar/"),
        )
        return None
    return url if url.endswith("/") else url + "/"


def media_of(ctx: _Ctx, node: Node) -> tuple[MediaItem, ...]:
    """A `media:` list: each item a path, an `https://` URL, or `{file|url, alt}` (README, "Media")."""
    out = []
    for item in ctx.list_of(node, "`media`"):
        found = _media_item(ctx, item)
        if found is not None:
            out.append(found)
    return tuple(out)


def _media_item(ctx: _Ctx, node: Node) -> MediaItem | None:
    if isinstance(node, Scalar):
        if node.is_null:
            ctx.text(node, _("a media item"))  # says it is empty
            return None
        return _media_target(ctx, node, node.value, None, None)
    what = _("a media item")
    mapping = ctx.mapping(node, what)
    if mapping is None:
        return None
    items = ctx.known_keys(mapping, MEDIA_KEYS, what)
    has_file, has_url = "file" in items, "url" in items
    if has_file == has_url:
        ctx.add(
            mapping,
            Code.BAD_STRUCTURE if has_file else Code.MISSING_KEY,
            _("a media item has `file:` (a path) or `url:` (an https:// URL), not both")
            if has_file
            else _("a media item needs `file:` (a path) or `url:` (an https:// URL)"),
        )
        return None
    alt = ctx.optional_text(items, "alt", "`alt`")
    alt_loc = ctx.loc(items["alt"][1]) if alt is not None else None
    key = "file" if has_file else "url"
    target = items[key][1]
    value = ctx.text(target, f"`{key}`")
    if value is None:
        return None
    if key == "url" and not _is_url(value):
        ctx.add(
            target, Code.BAD_STRUCTURE, _("`url` must be an https:// URL, not {value!r}").format(value=value)
        )
        return None
    if key == "file" and _is_url(value):
        ctx.add(target, Code.BAD_STRUCTURE, _("`file` is a path in the repository; write a URL as `url:`"))
        return None
    return _media_target(ctx, target, value, alt, alt_loc, ctx.loc(mapping))


def _is_url(value: str) -> bool:
    return "://" in value and value.split("://", 1)[0].isalpha()


def _media_target(
    ctx: _Ctx, node: Node, value: str, alt: str | None, alt_loc: Loc | None, loc: Loc | None = None
) -> MediaItem | None:
    """The item at `loc` (its mapping, else `node`), once `value` is known to be a path or an https URL."""
    loc = loc or ctx.loc(node)
    if _is_url(value):
        if not value.startswith("https://") or len(value) <= len("https://"):
            ctx.add(
                node,
                Code.BAD_STRUCTURE,
                _("a media URL must start with https://, not {scheme}:").format(scheme=value.split(":")[0]),
            )
            return None
        return MediaItem(None, value, alt, loc, alt_loc)
    return MediaItem(sys.intern(value), None, alt, loc, alt_loc)  # posts share a few files


def metrics_of(ctx: _Ctx, node: Node) -> dict[str, Metrics]:
    mapping = ctx.mapping(node, "`metrics`")
    if mapping is None:
        return {}
    out = {}
    for pid, (key_node, value) in mapping.items.items():
        items = ctx.settings(value, METRIC_KEYS, N_('metrics of "{id}"'), pid)
        if items is None:
            continue
        counts: dict[str, int | None] = {}
        for name, (__, v) in items.items():
            if isinstance(v, Scalar) and name in _METRIC_NAMES:
                text = v.value
                if len(text) <= MAX_COUNT_DIGITS and text.isdigit() and text.isascii():
                    counts[name] = int(text)  # the common case, at once
                    continue
            if name not in METRIC_NAMES or (isinstance(v, Scalar) and v.is_null):
                continue
            count = int_within(v.value.replace("_", ""), MAX_COUNT) if isinstance(v, Scalar) else None
            if count is not None:
                counts[name] = count
            elif isinstance(v, Scalar) and _INT.fullmatch(v.value.replace("_", "")):
                from cmcal.i18n.formats import number

                ctx.add(
                    v,
                    Code.BAD_METRICS,
                    _("{name} has {n} digits; a count has at most {most}").format(
                        name=name, n=number(len(v.value)), most=MAX_COUNT_DIGITS
                    ),
                )
            else:
                shown = v.value if isinstance(v, Scalar) else _shape(v)
                ctx.add(
                    v,
                    Code.BAD_METRICS,
                    _("{name} must be a count (a whole number of 0 or more), not {shown!r}").format(
                        name=name, shown=shown
                    ),
                )
        out[sys.intern(pid)] = Metrics(**counts, loc=ctx.loc(key_node))
    return out


# --- planning: holidays, blackouts, events, campaigns, ideas (README, "Planning") --------------------------


def _holiday_sets(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> tuple[str, ...]:
    entry = items.get("holidays")
    if entry is None:
        return ()
    sets: list[str] = []
    for item in ctx.list_of(entry[1], "`holidays`"):
        code = ctx.text(item, _("a holiday set"))
        if code is None:
            continue
        from cmcal.habits.holidays import set_problem  # imports `holidays` only when a set is named

        message = set_problem(code)
        if message is not None:
            ctx.add(item, Code.BAD_HOLIDAYS, message)
        elif code in sets:
            ctx.add(
                item,
                Code.DUPLICATE_KEY,
                _('holiday set "{code}" is listed twice in `holidays`; keep one').format(code=code),
            )
        else:
            sets.append(code)
    return tuple(sets)


def _blackouts(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> tuple[Blackout, ...]:
    entry = items.get("blackouts")
    if entry is None:
        return ()
    from cmcal.model.planning import Blackout

    out = []
    for item in ctx.list_of(entry[1], "`blackouts`"):
        where = _("a blackout")
        mapping = ctx.mapping(item, where)
        if mapping is None:
            continue
        sub = ctx.known_keys(mapping, BLACKOUT_KEYS, where)
        if "from" not in sub:
            ctx.add(
                mapping,
                Code.MISSING_KEY,
                _("{where} needs `from`: its first day, e.g. 2026-12-24").format(where=where),
            )
            continue
        first = ctx.date(sub["from"][1], f"{where} › from")
        last = ctx.date(sub["to"][1], f"{where} › to") if "to" in sub else first
        reason = ctx.optional_text(sub, "reason", f"{where} › reason")
        if first is None or last is None:
            continue
        if last < first:
            ctx.add(
                sub["to"][1],
                Code.BAD_DATE,
                _("{where} › to {last} is before its `from` {first}").format(
                    where=where, last=last, first=first
                ),
            )
            continue
        out.append(Blackout(first, last, reason, ctx.loc(mapping)))
    return tuple(out)


def _events(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> dict[str, Event]:
    events: dict[str, Event] = {}
    for eid, key_node, node in ctx.declared(items, "events", _("an event id")):
        event = _event(ctx, eid, key_node, node)
        if event is not None:
            events[eid] = event
    return events


def _event(ctx: _Ctx, eid: str, key_node: Scalar, node: Node) -> Event | None:
    from cmcal.model.planning import Event

    where = _('event "{event}"').format(event=eid)
    mapping = ctx.mapping(node, where)
    if mapping is None:
        return None
    items = ctx.known_keys(mapping, EVENT_KEYS, where)
    title = ctx.optional_text(items, "title", f"{where} › title") or eid
    if "date" not in items:
        ctx.add(
            mapping,
            Code.MISSING_KEY,
            _("{where} has no `date`: its first day, e.g. 2027-03-12").format(where=where),
        )
        return None
    first = ctx.date(items["date"][1], f"{where} › date")
    end = ctx.date(items["end"][1], f"{where} › end") if "end" in items else None
    if first is not None and end is not None and end < first:
        ctx.add(
            items["end"][1],
            Code.BAD_DATE,
            _("{where} › end {end} is before its date {first}").format(where=where, end=end, first=first),
        )
        end = None
    slots: list[EventSlot] = []
    if "posts" in items:
        for item in ctx.list_of(items["posts"][1], f"{where} › posts"):
            slot = _event_slot(ctx, where, item)
            if slot is not None:
                slots.append(slot)
    if first is None:
        return None
    return Event(
        id=eid,
        title=title,
        date=first,
        end=end,
        location=ctx.optional_text(items, "location", f"{where} › location"),
        owner=ctx.optional_text(items, "owner", f"{where} › owner"),
        posts=tuple(slots),
        notes=ctx.optional_text(items, "notes", f"{where} › notes"),
        loc=ctx.loc(key_node),
        locs=ctx.locs(items),
    )


def _event_slot(ctx: _Ctx, where: str, node: Node) -> EventSlot | None:
    from cmcal.model.planning import EventSlot

    what = _("{where} › posts entry").format(where=where)
    mapping = ctx.mapping(node, what)
    if mapping is None:
        return None
    items = ctx.known_keys(mapping, EVENT_POST_KEYS, what)
    offset: int | None = None
    if "offset" not in items:
        ctx.add(
            mapping,
            Code.MISSING_KEY,
            _("{what} needs `offset`: days from the event's date, e.g. -7").format(what=what),
        )
    else:
        value = items["offset"][1]
        text = value.value if isinstance(value, Scalar) else ""
        if re.fullmatch(r"[+-]?[0-9]{1,4}", text) and abs(int(text)) <= MAX_OFFSET:
            offset = int(text)
        else:
            ctx.add(
                value,
                Code.BAD_STRUCTURE,
                _(
                    "{what} › offset must be a whole number of days from -{most} to {most}, e.g. -7 for a "
                    "week before"
                ).format(what=what, most=MAX_OFFSET),
            )
    platforms: list[str] = []
    if "platforms" in items:
        platforms = [pid for pid, __ in ctx.id_list(items["platforms"][1], f"{what} › platforms")]
    if not platforms:
        ctx.add(
            items["platforms"][1] if "platforms" in items else mapping,
            Code.MISSING_KEY,
            _("{what} needs `platforms`: where the post is promised, e.g. [instagram]").format(what=what),
        )
    at = ctx.time(items["at"][1], f"{what} › at") if "at" in items else None
    slot_type = None
    if "type" in items:
        slot_type = ctx.choice(items["type"][1], f"{what} › type", CONTENT_TYPES, Code.UNKNOWN_TYPE)
    times = 1
    if "times" in items:
        times = ctx.integer(items["times"][1], f"{what} › times", fields.EVENT_POST["times"]) or 1
    required = False
    if "required" in items:
        required = bool(ctx.boolean(items["required"][1], f"{what} › required"))
    if offset is None or not platforms:
        return None
    return EventSlot(
        offset=offset,
        platforms=tuple(platforms),
        at=at,
        type=slot_type,
        times=times,
        required=required,
        loc=ctx.loc(mapping),
        locs=ctx.locs(items),
    )


def _campaigns(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]]) -> dict[str, Campaign]:
    campaigns: dict[str, Campaign] = {}
    for cid, key_node, node in ctx.declared(items, "campaigns", _("a campaign id")):
        where = _('campaign "{campaign}"').format(campaign=cid)
        sub = ctx.mapping(node, where)
        if sub is None:
            continue
        fields = ctx.known_keys(sub, CAMPAIGN_KEYS, where)
        bounds: dict[str, date | None] = {}
        for key in ("start", "end"):
            if key in fields:
                bounds[key] = ctx.date(fields[key][1], f"{where} › {key}")
            elif key == "start":
                ctx.add(
                    sub,
                    Code.MISSING_KEY,
                    _("{where} has no `start`: its first day, e.g. 2026-12-01").format(where=where),
                )
            else:
                ctx.add(
                    sub,
                    Code.MISSING_KEY,
                    _("{where} has no `end`: its last day, e.g. 2026-12-01").format(where=where),
                )
        start, end = bounds.get("start"), bounds.get("end")
        if start is not None and end is not None and end < start:
            ctx.add(
                fields["end"][1],
                Code.BAD_DATE,
                _("{where} › end {end} is before its start {start}").format(
                    where=where, end=end, start=start
                ),
            )
            end = None
        from cmcal.model.planning import Campaign

        campaigns[cid] = Campaign(
            id=cid,
            title=ctx.optional_text(fields, "title", f"{where} › title") or cid,
            start=start,
            end=end,
            notes=ctx.optional_text(fields, "notes", f"{where} › notes"),
            loc=ctx.loc(key_node),
            locs=ctx.locs(fields),
        )
    return campaigns


def _ideas(ctx: _Ctx, items: dict[str, tuple[Scalar, Node]], habits: dict[str, Habit]) -> tuple[Idea, ...]:
    entry = items.get("ideas")
    if entry is None:
        return ()
    node = entry[1]
    if isinstance(node, Scalar) and node.is_null:
        return ()
    if not isinstance(node, Sequence):
        ctx.add(
            node, Code.BAD_STRUCTURE, _("`ideas` must be a list of ideas, each starting with `- title: …`")
        )
        return ()
    out: list[Idea] = []
    for item in node.items:
        idea = _idea(ctx, item, habits, len(out))
        if idea is not None:
            out.append(idea)
    return tuple(out)


def _idea(ctx: _Ctx, node: Node, habits: dict[str, Habit], index: int) -> Idea | None:
    from cmcal.model.planning import DEFAULT_COOLDOWN, Idea

    if not isinstance(node, Mapping):
        ctx.add(
            node,
            Code.BAD_STRUCTURE,
            _("an idea must be a mapping (`- title: …`), not {shape}").format(shape=_shape(node)),
        )
        return None
    items = node.items
    for key, (key_node, __) in items.items():
        if key == "date":
            ctx.add(key_node, Code.UNKNOWN_KEY, _("an idea has no `date`; to schedule it, make it a post"))
        elif key not in IDEA_KEYS and key != "<<":
            ctx.add(key_node, Code.UNKNOWN_KEY, unknown_key_message(key, IDEA_KEYS, _("an idea")))
    title = None
    if "title" not in items:
        ctx.add(node, Code.MISSING_KEY, _("an idea needs a `title`"))
    else:
        title = ctx.text(items["title"][1], "title")
    habit_id = ctx.optional_text(items, "habit", "habit")
    habit = habits.get(habit_id) if habit_id else None
    platforms: tuple[str, ...] = ()
    texts: dict[str, str] = {}
    platform_media: dict[str, tuple[MediaItem, ...]] = {}
    one, many = items.get("platform"), items.get("platforms")
    if one is not None and many is not None:
        ctx.add(one[0], Code.BAD_STRUCTURE, _("an idea has `platform` or `platforms`, not both; keep one"))
    elif one is not None:
        pid = ctx.identifier(one[1], "platform")
        platforms = (pid,) if pid else ()
    elif many is not None:
        platforms = tuple(pid for pid, __ in ctx.id_list(many[1], "platforms"))
        if isinstance(many[1], Mapping):
            texts, platform_media = _platform_settings(ctx, many[1])
    elif habit is not None:
        platforms = habit.platforms
    idea_type = None
    if "type" in items:
        idea_type = ctx.choice(items["type"][1], "type", CONTENT_TYPES, Code.UNKNOWN_TYPE)
    elif habit is not None:
        idea_type = habit.type
    idea_id = ctx.identifier(items["id"][1], "id") if "id" in items else None
    tags: tuple[str, ...] = ()
    if "tags" in items:
        a_tag = _("a tag")
        tags = tuple(t for t in (ctx.text(i, a_tag) for i in ctx.list_of(items["tags"][1], "tags")) if t)
    evergreen = False
    if "evergreen" in items:
        evergreen = bool(ctx.boolean(items["evergreen"][1], "evergreen"))
    cooldown = DEFAULT_COOLDOWN
    if "cooldown" in items:
        found = ctx.integer(items["cooldown"][1], "cooldown", fields.IDEA["cooldown"])
        cooldown = found if found is not None else DEFAULT_COOLDOWN
    if title is None:
        return None
    return Idea(
        id=idea_id,
        title=title,
        platforms=platforms,
        habit=habit_id,
        type=idea_type,
        text=ctx.optional_text(items, "text", "text"),
        texts=texts,
        link=ctx.optional_text(items, "link", "link"),
        owner=ctx.optional_text(items, "owner", "owner"),
        tags=tags,
        event=ctx.optional_text(items, "event", "event"),
        campaign=ctx.optional_text(items, "campaign", "campaign"),
        notes=ctx.optional_text(items, "notes", "notes"),
        media=media_of(ctx, items["media"][1]) if "media" in items else (),
        platform_media=platform_media,
        evergreen=evergreen,
        cooldown=cooldown,
        index=index,
        loc=ctx.loc(node),
        locs=ctx.locs(items),
    )
