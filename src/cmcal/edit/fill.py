"""`cmcal fill --write`: the plan (`plan.fill`) applied as one change through the editing core.

Each assignment becomes a `status: draft` post dated in its slot, with `from_idea: ID` when the idea has an
id, placed as `cmcal add` places posts (the file holding that month's posts, in date order). The post takes
the idea's own keys as the idea writes them (title, text, type, owner, link, tags, media, campaign, notes,
per-platform settings), the slot's habit or event, and the platforms of the slots it fills. A relative media
path is rewritten when the post goes in a file of another folder than the calendar's, so it names the same
file. A one-off idea leaves `ideas`; an evergreen one stays. The whole change is proved at once
(`edit.core.prove`): if any part of it would not read back as intended or would add an error, nothing is
written.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from cmcal.edit.core import FileEdit, Proved, Refused, open_file, prove
from cmcal.edit.ops import Value, remove_items
from cmcal.edit.posts import PostInserter, placement
from cmcal.files.loader import Loaded, Source
from cmcal.i18n import _
from cmcal.model import Calendar
from cmcal.model.planning import Idea
from cmcal.plan.fill import Assignment, Plan

COPIED = ("campaign", "type", "title", "text", "link", "owner", "tags", "media", "notes")
"""The keys of an idea a post takes as they are (besides its platforms and event)."""
NOT_COPIED = frozenset(("id", "habit", "evergreen", "cooldown", "platform", "platforms", "event"))


@dataclass(frozen=True)
class Written:
    """A post the change adds: where its first key will be, and the assignment it comes from."""

    path: str
    line: int
    assignment: Assignment


def fill(
    loaded: Loaded,
    plan: Plan,
    today_for: Callable[[Calendar], date],
    source: Source | None = None,
) -> tuple[Proved, list[Written]]:
    """The plan as one proved change, and the posts it adds (in plan order)."""
    if not plan.assignments:
        raise Refused(_("the plan is empty: no idea fits an open slot; nothing was written"))
    edits: dict[str, FileEdit] = {}
    inserters: dict[str, PostInserter] = {}

    def edit_of(path: str) -> FileEdit:
        if path not in edits:
            edits[path] = FileEdit(open_file(path, source))
            inserters[path] = PostInserter(edits[path])
        return edits[path]

    placed: list[tuple[str, dict[str, Value], Assignment]] = []
    used: dict[str, set[int]] = {}
    for a in plan.assignments:
        calendar = a.calendar
        index, tree = _idea_item(edit_of(calendar.path), a.idea)
        path = placement(calendar, a.day)
        edit_of(path)
        fields = post_fields(a, tree, calendar.path, path)
        inserters[path].add(fields)
        placed.append((path, fields, a))
        if not a.idea.evergreen:
            used.setdefault(calendar.path, set()).add(index)
    for path, indices in used.items():
        fe = edits[path]
        assert isinstance(fe.tree, dict)
        remove_items(fe, fe.original.root, "ideas", fe.tree, indices)
    for inserter in inserters.values():
        inserter.finish()
    positions = [(path, inserters[path].position(fields), a) for path, fields, a in placed]
    calendars = list(dict.fromkeys(a.calendar.path for a in plan.assignments))
    proved = prove(edits.values(), calendars, today_for, source, before=loaded)
    written = []
    for path, position, a in positions:
        written.append(Written(path, _line(proved, path, position), a))
    return proved, written


def _line(proved: Proved, path: str, position: int) -> int:
    from cmcal.files.reader import Mapping, Sequence

    root = proved.documents[path].root
    assert isinstance(root, Mapping)
    posts = root.items["posts"][1]
    assert isinstance(posts, Sequence)
    return posts.items[position].line


def _idea_item(fe: FileEdit, idea: Idea) -> tuple[int, dict[str, Any]]:
    """The idea's position in its file's `ideas` and its tree as the file writes it."""
    entry = fe.original.root.get("ideas")
    if idea.loc is not None and entry is not None and entry[1].kind == "seq":
        for i, item in enumerate(entry[1].items):
            if item.kind == "map" and (item.line, item.column) == (idea.loc.line, idea.loc.column):
                tree = fe.original.tree["ideas"][i]
                assert isinstance(tree, dict)
                return i, tree
    raise Refused(
        _("{path}: the idea {title!r} moved in the file; nothing was written").format(
            path=fe.original.path, title=idea.title
        )
    )


def post_fields(a: Assignment, idea: dict[str, Any], idea_file: str, post_file: str) -> dict[str, Value]:
    """The keys of the post an assignment becomes, in the order cmcal writes a post's keys."""
    odd = [key for key in idea if key not in COPIED and key not in NOT_COPIED]
    if odd:
        raise Refused(
            _(
                "{path}: the idea {title!r} has `{key}`, which cmcal does not copy to a post; write its keys "
                "out in full; nothing was written"
            ).format(path=idea_file, title=a.idea.title, key=odd[0])
        )
    fields: dict[str, Value] = {"date": a.day.isoformat()}
    if a.event is not None and a.at is not None:
        fields["time"] = f"{a.at:%H:%M}"  # a habit's slot time is the post's without saying it
    platforms = list(a.platforms)
    settings = idea.get("platforms")
    if isinstance(settings, dict) and any(v is not None for v in settings.values()):
        fields["platforms"] = {p: settings.get(p) for p in platforms}
    elif len(platforms) == 1:
        fields["platform"] = platforms[0]
    else:
        fields["platforms"] = platforms
    if a.habit is not None:
        fields["habit"] = a.habit
    if a.event is not None:
        fields["event"] = a.event
    for key in COPIED:
        if key in idea and idea[key] is not None:
            fields[key] = idea[key]
    if "media" in fields:
        fields["media"] = _rebased(fields["media"], idea_file, post_file)
    chosen = fields.get("platforms")
    if isinstance(chosen, dict):
        fields["platforms"] = {p: _rebased_settings(v, idea_file, post_file) for p, v in chosen.items()}
    fields["status"] = "draft"
    if a.idea.id is not None:
        fields["from_idea"] = a.idea.id
    return fields


def _rebased_settings(value: Any, idea_file: str, post_file: str) -> Any:
    if isinstance(value, dict) and "media" in value:
        return {k: _rebased(v, idea_file, post_file) if k == "media" else v for k, v in value.items()}
    return value


def _rebased(media: Any, idea_file: str, post_file: str) -> Any:
    """Media paths relative to `idea_file`, made relative to `post_file` (URLs and absolute paths kept)."""
    source, target = posixpath.dirname(idea_file), posixpath.dirname(post_file)
    if source == target or not isinstance(media, list):
        return media

    def one(path: Any) -> Any:
        if not isinstance(path, str) or "://" in path or path.startswith("/") or not path:
            return path
        return posixpath.relpath(posixpath.normpath(posixpath.join(source, path)), target or ".")

    out = []
    for item in media:
        if isinstance(item, dict) and isinstance(item.get("file"), str):
            out.append({k: one(v) if k == "file" else v for k, v in item.items()})
        else:
            out.append(one(item))
    return out
