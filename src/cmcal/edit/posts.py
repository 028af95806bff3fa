"""Authoring operations on posts: name a post, change its fields, add one, approve one.

Each builds `FileEdit`s with `edit.ops` and hands them to `core.prove`; the CLI prints the diff or commits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cmcal.edit.core import FileEdit, Proved, Refused, open_file, prove
from cmcal.edit.ops import Value, add_list, insert_item, rename_key, set_key
from cmcal.edit.spans import Span
from cmcal.errors import UsageError
from cmcal.files.loader import Loaded, Source, norm
from cmcal.i18n import _
from cmcal.model import Calendar, Post

POST_ORDER = (
    "id",
    "date",
    "time",
    "platforms",
    "platform",
    "habit",
    "event",
    "campaign",
    "type",
    "title",
    "text",
    "link",
    "owner",
    "status",
    "tags",
    "media",
    "from_idea",
    "approved",
    "metrics",
    "notes",
)
"""The order keys are written in when cmcal adds them: a new key goes after the last one before it here."""

SET_FIELDS = (
    "status",
    "owner",
    "date",
    "time",
    "title",
    "text",
    "link",
    "type",
    "habit",
    "event",
    "campaign",
    "platforms",
)
REQUIRED = frozenset(("date", "title", "platforms"))

_AT_LINE = re.compile(r"(.+):(\d+)")


@dataclass(frozen=True)
class Found:
    calendar: Calendar
    post: Post


def find_post(loaded: Loaded, name: str, calendar: str | None = None) -> Found:
    """The post named by its `id` or by `PATH:LINE` of its first key (as `check` prints it)."""
    calendars = [c for c in loaded.calendars if calendar is None or c.name.casefold() == calendar.casefold()]
    if calendar is not None and not calendars:
        known = ", ".join(c.name for c in loaded.calendars) or _("none")
        raise UsageError(
            _("--calendar {name!r}: no calendar of that name (read: {known})").format(
                name=calendar, known=known
            )
        )
    at = _AT_LINE.fullmatch(name)
    if at is not None:
        path, line = norm(at[1]), int(at[2])
        for cal in calendars:
            for post in cal.posts:
                if post.loc is not None and post.loc.path == path and post.loc.line == line:
                    return Found(cal, post)
        if any(path == c.path or path in c.includes for c in calendars):
            raise UsageError(
                _(
                    "{name}: no post starts on that line; give the line of its first key, as `cmcal check` "
                    "prints it"
                ).format(name=name)
            )
    found = [Found(c, p) for c in calendars for p in c.posts if p.id == name]
    if not found:
        raise UsageError(
            _("{name}: no post has this id, and it is not PATH:LINE of a post").format(name=name)
        )
    if len({id(f.calendar) for f in found}) > 1:
        names = ", ".join(sorted({f.calendar.name for f in found}))
        raise UsageError(
            _(
                "{name}: several calendars have a post with this id ({names}); pick one with --calendar"
            ).format(name=name, names=names)
        )
    return found[0]


def locate(fe: FileEdit, post: Post) -> tuple[Span, dict[str, Any]]:
    """The span and intended tree of `post`'s mapping in its file."""
    assert post.loc is not None
    original = fe.original
    entry = original.root.get("posts")
    if entry is not None and entry[1].kind == "seq":
        for i, item in enumerate(entry[1].items):
            if item.kind == "map" and item.line == post.loc.line and item.column == post.loc.column:
                tree = fe.tree["posts"][i]
                assert isinstance(tree, dict)
                return item, tree
    raise Refused(
        _("{where}: the post moved in the file; nothing was written").format(
            where=f"{post.loc.path}:{post.loc.line}"
        )
    )


def parse_assignments(pairs: Sequence[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep:
            raise UsageError(
                _("{pair!r}: write FIELD=VALUE (an empty VALUE removes the field)").format(pair=pair)
            )
        if name not in SET_FIELDS:
            raise UsageError(
                _("{name!r} is not a field `set` changes; use one of: {fields}").format(
                    name=name, fields=", ".join(SET_FIELDS)
                )
            )
        if not value and name in REQUIRED:
            raise UsageError(_("{name} is required; it cannot be removed").format(name=name))
        if any(n == name for n, __ in out):
            raise UsageError(_("{name} is given twice").format(name=name))
        out.append((name, value))
    if not out:
        raise UsageError(_("give at least one FIELD=VALUE"))
    return out


def platform_list(value: str) -> list[str]:
    return [p.strip() for p in value.split(",") if p.strip()]


def set_fields(
    loaded: Loaded,
    found: Found,
    assignments: list[tuple[str, str]],
    today_for: Callable[[Calendar], date],
    source: Source | None = None,
) -> Proved:
    post = found.post
    assert post.loc is not None
    original = open_file(post.loc.path, source)
    fe = FileEdit(original)
    span, tree = locate(fe, post)
    for name, raw in assignments:
        if name == "platforms":
            _set_platforms(fe, span, tree, platform_list(raw))
            continue
        set_key(fe, span, tree, name, raw if raw else None, POST_ORDER)
    return prove([fe], [found.calendar.path], today_for, source, before=loaded)


def _set_platforms(fe: FileEdit, span: Span, tree: dict[str, Any], platforms: list[str]) -> None:
    if not platforms:
        raise UsageError(_("platforms is required; give at least one"))
    one, many = span.get("platform"), span.get("platforms")
    if many is not None and many[1].kind == "map":
        raise Refused(
            _("this post's platforms carry per-platform settings; edit them in the file; nothing was written")
        )
    if one is not None and many is None:
        if len(platforms) == 1:
            set_key(fe, span, tree, "platform", platforms[0], POST_ORDER)
        else:
            rename_key(fe, span, tree, "platform", "platforms", platforms)
        return
    set_key(fe, span, tree, "platforms", platforms, POST_ORDER)


def placement(calendar: Calendar, day: date) -> str:
    """The file a new post of `day` goes in: the part file holding posts of that month, else the root."""
    month = (day.year, day.month)
    for path in calendar.includes:
        if any(
            p.loc is not None and p.loc.path == path and (p.date.year, p.date.month) == month
            for p in calendar.posts
        ):
            return path
    return calendar.path


def _sort_key(item: Any) -> tuple[str, str]:
    if not isinstance(item, dict):
        return ("", "")
    d, t = item.get("date"), item.get("time")
    return (d if isinstance(d, str) else "", t if isinstance(t, str) else "")


class PostInserter:
    """New posts for one file, each in date order among the file's posts; `finish` once all are added."""

    def __init__(self, fe: FileEdit) -> None:
        self.fe = fe
        self.placed: list[int] = []
        self.pending: list[dict[str, Value]] = []
        """The posts of a file that has no `posts` list yet: written together by `finish`."""

    def add(self, fields: dict[str, Value]) -> None:
        fe = self.fe
        root, tree = fe.original.root, fe.tree
        assert isinstance(tree, dict)
        entry = root.get("posts")
        if entry is None or (entry[1].kind == "scalar" and entry[1].start == entry[1].end):
            self.pending.append(fields)
            return
        seq = entry[1]
        if seq.kind != "seq":
            raise Refused(
                _("{path}: `posts` is not a list; nothing was written").format(path=fe.original.path)
            )
        originals = fe.original.tree["posts"]
        new_key = (str(fields["date"]), str(fields.get("time", "")))
        index = 0
        for i, item in enumerate(originals):
            if _sort_key(item) <= new_key:
                index = i + 1
        shift = sum(1 for p in self.placed if p <= index)
        insert_item(fe, seq, tree["posts"], index, fields, shift)
        self.placed.append(index)

    def finish(self) -> None:
        if self.pending:
            tree = self.fe.tree
            assert isinstance(tree, dict)
            ordered = sorted(self.pending, key=_sort_key)  # stable: same day, in the order added
            add_list(self.fe, self.fe.original.root, tree, "posts", ordered)
            self.pending = []

    def position(self, fields: dict[str, Value]) -> int:
        """Where `fields` sits in the intended `posts` list."""
        tree = self.fe.tree
        assert isinstance(tree, dict)
        return next(i for i, item in enumerate(tree["posts"]) if item == fields)


def add_post(
    loaded: Loaded,
    calendar: Calendar,
    fields: dict[str, Value],
    today_for: Callable[[Calendar], date],
    source: Source | None = None,
) -> tuple[Proved, str, int]:
    """Add a post; the proved change, the file it goes in and the line of its first key."""
    day = date.fromisoformat(str(fields["date"]))
    path = placement(calendar, day)
    fe = FileEdit(open_file(path, source))
    inserter = PostInserter(fe)
    inserter.add(fields)
    inserter.finish()
    index = inserter.position(fields)
    proved = prove([fe], [calendar.path], today_for, source, before=loaded)
    root = proved.documents[path].root
    from cmcal.files.reader import Mapping, Sequence

    assert isinstance(root, Mapping)
    posts = root.items["posts"][1]
    assert isinstance(posts, Sequence)
    return proved, path, posts.items[index].line


def approve(
    loaded: Loaded,
    found: Found,
    by: str,
    on: date,
    today_for: Callable[[Calendar], date],
    source: Source | None = None,
) -> Proved:
    from cmcal.check.approval import digest

    post = found.post
    assert post.loc is not None
    team = found.calendar.team
    if team is not None and by not in team:
        raise UsageError(
            _("--by {name!r} is not in the calendar's team ({team})").format(
                name=by, team=", ".join(team) or _("empty")
            )
        )
    original = open_file(post.loc.path, source)
    fe = FileEdit(original)
    span, tree = locate(fe, post)
    value = {"by": by, "on": on.isoformat(), "digest": digest(post)}
    set_key(fe, span, tree, "approved", value, POST_ORDER)
    return prove([fe], [found.calendar.path], today_for, source, before=loaded)


def gap_changes(before: Loaded, after: Loaded, calendar_path: str, where: tuple[str, int]) -> list[str]:
    """The habit gaps a moved post opens and closes, as lines for the user."""
    from cmcal.habits.slots import build_slots

    old = next((c for c in before.calendars if c.path == calendar_path), None)
    new = next((c for c in after.calendars if c.path == calendar_path), None)
    if old is None or new is None:
        return []
    moved = [
        p for c in (old, new) for p in c.posts if p.loc is not None and (p.loc.path, p.loc.line) == where
    ]
    days = [p.date for p in moved]
    if not days:
        return []
    start, end = min(days), max(days)

    def gaps(calendar: Calendar) -> dict[tuple[str, str, date], str]:
        return {
            (s.habit or f"event {s.event}", s.platform, s.window.first): _(
                "{owner} on {platform} for {window}"
            ).format(
                owner=_('habit "{habit}"').format(habit=s.habit)
                if s.habit is not None
                else _('event "{event}"').format(event=s.event),
                platform=s.platform,
                window=s.window.label,
            )
            for s in build_slots(calendar, start, end)
            if s.is_gap and any(p.date in s.window for p in moved)
        }

    was, now = gaps(old), gaps(new)
    lines = [_("opens a gap: {slot}").format(slot=now[k]) for k in now if k not in was]
    lines += [_("closes a gap: {slot}").format(slot=was[k]) for k in was if k not in now]
    return lines
