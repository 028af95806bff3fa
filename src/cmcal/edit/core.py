"""The one editing core every command that writes goes through (README, "Writing the calendar").

A change is computed as text edits at the positions the file already has (`edit.spans`), applied to the
original text, and then proved before anything is written:

1. every changed file reads cleanly again (`files.reader`);
2. what it reads as — its whole tree of keys, lists and values — equals the intended tree, which each
   operation updates beside its text edit: nothing else in the file may change;
3. the calendar gains no error (`approval-stale` excepted: it is announced);
4. at write time, each file still has the bytes it had when it was read.

Any failure refuses the whole change: nothing is written (exit 1, with the reason).
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cmcal.edit.spans import Span, spans
from cmcal.errors import CmcalError
from cmcal.files.loader import DiskSource, Loaded, Source, load
from cmcal.files.reader import Document, Mapping, Node, Scalar, decode, read_text
from cmcal.i18n import _, ngettext
from cmcal.model import Calendar, Post
from cmcal.problems import Code, Problem

Tree = Any
"""A file's content as plain values: dict (in key order), list, str, or None for an empty value."""

ANNOUNCED = frozenset((Code.APPROVAL_STALE,))
"""Errors an edit may cause on purpose: they are announced, not refused."""


class Refused(CmcalError):
    """An edit that cmcal will not write; nothing was written (exit 1)."""

    exit_code = 1


def plain(node: Node | None) -> Tree:
    if node is None:
        return None
    if isinstance(node, Scalar):
        return None if node.is_null else node.value
    if isinstance(node, Mapping):
        return {key: plain(value) for key, (__, value) in node.items.items()}
    return [plain(item) for item in node.items]


def difference(a: Tree, b: Tree, where: str = "") -> str | None:
    """Where two trees differ (key order counts), or None when they are the same."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            return _("{where}: keys {before} became {after}").format(
                where=where or _("the top level"), before=list(a), after=list(b)
            )
        for key in a:
            found = difference(a[key], b[key], f"{where} › {key}" if where else key)
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return _("{where}: {before} items became {after}").format(
                where=where, before=len(a), after=len(b)
            )
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = difference(x, y, f"{where}[{i + 1}]")
            if found:
                return found
        return None
    if a == b and type(a) is type(b):
        return None
    return _("{where}: {before!r} became {after!r}").format(where=where, before=a, after=b)


@dataclass(frozen=True)
class Original:
    """One file as read before editing."""

    path: str
    data: bytes
    text: str
    root: Span
    tree: Tree
    newline: str
    """The file's line ending, "\\n" or "\\r\\n": every inserted line uses it."""
    quote: str
    """The quote the file uses most for values ('"' or "'"): new quoted values use it."""
    document: Document | None = None
    """The file as `files.reader` read it."""


_QUOTES = re.compile(r":[ \t]+(['\"])")


def open_file(path: str, source: Source | None = None) -> Original:
    """Read a file to edit it; refused when it does not read cleanly (`cmcal check` says why)."""
    data = (source or DiskSource()).read(path)
    text, bad = decode(data, path)
    if bad is not None or text is None:
        raise Refused(
            _("{path} does not read cleanly ({code}); nothing was written").format(
                path=path, code=bad.code if bad else "unreadable"
            )
        )
    doc = read_text(text, path)
    if doc.problems:
        first = doc.problems[0]
        raise Refused(
            _(
                "{where}: {code}: the file does not read cleanly as YAML; fix it first (`cmcal check` lists "
                "every problem); nothing was written"
            ).format(where=f"{path}:{first.line}:{first.column}", code=first.code)
        )
    root = spans(text)
    if root is None or root.kind != "map" or not isinstance(doc.root, Mapping):
        raise Refused(_("{path}: the file is not a mapping of keys; nothing was written").format(path=path))
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    quotes = _QUOTES.findall(text)
    quote = "'" if quotes.count("'") > quotes.count('"') else '"'
    return Original(path, data, text, root, plain(doc.root), newline, quote, doc)


@dataclass
class FileEdit:
    """The edits of one file, and the tree the file must read as once they are applied."""

    original: Original
    tree: Tree = None
    edits: list[tuple[int, int, int, str]] = field(default_factory=list)
    """(start, end, order, new text with "\\n" line ends), on the original text."""

    def __post_init__(self) -> None:
        if self.tree is None:
            self.tree = copy.deepcopy(self.original.tree)

    def replace(self, start: int, end: int, new: str) -> None:
        for s, e, *__ in self.edits:
            if start < e and s < end:
                raise AssertionError("overlapping edits")
        self.edits.append((start, end, len(self.edits), new))

    def text(self) -> str:
        old = self.original.text
        out, at = [], 0
        for start, end, __, new in sorted(self.edits):
            out.append(old[at:start])
            out.append(new.replace("\n", self.original.newline) if self.original.newline != "\n" else new)
            at = end
        out.append(old[at:])
        return "".join(out)


@dataclass(frozen=True)
class Proved:
    """A change that passed every proof, ready to write."""

    files: tuple[tuple[Original, str], ...]
    documents: dict[str, Document]
    """Each changed file read back."""
    loaded: Loaded
    """The calendars as they read after the change."""
    announced: tuple[Problem, ...]
    """Errors the change causes on purpose (`approval-stale`)."""
    warnings: tuple[Problem, ...]
    """Warnings the calendar did not have before."""
    before: Loaded

    def diff(self) -> str:
        out: list[str] = []
        for original, new in self.files:
            lines = difflib.unified_diff(
                original.text.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{original.path}",
                tofile=f"b/{original.path}",
            )
            for line in lines:
                out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


class _Overlay:
    """The disk, with the changed files replaced by their new text: what the calendar would read as."""

    def __init__(self, base: Source, changed: dict[str, bytes]) -> None:
        self.base = base
        self.changed = changed

    def read(self, path: str, root: str | None = None) -> bytes:
        return self.changed[path] if path in self.changed else self.base.read(path, root)

    def verify(self, path: str, root: str) -> None:
        if path not in self.changed:
            self.base.verify(path, root)

    def is_dir(self, path: str) -> bool:
        return self.base.is_dir(path)

    def exists(self, path: str) -> bool:
        return path in self.changed or self.base.exists(path)

    def files_under(self, folder: str) -> list[str]:
        return self.base.files_under(folder)

    def root_for(self, path: str) -> str:
        return self.base.root_for(path)

    def inside(self, path: str, root: str) -> bool:
        return self.base.inside(path, root)

    def identity(self, path: str) -> str:
        return self.base.identity(path)


_NUMBERS = re.compile(r"(line |:)\d+")


def _key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, _NUMBERS.sub(r"\1#", p.message))


def problems_of(
    loaded: Loaded,
    today_for: Callable[[Calendar], date],
    source: Source,
    only: frozenset[str] | None = None,
) -> list[Problem]:
    """What `cmcal check` reports of `loaded`; with `only`, the rules are run on those calendars (by root
    path) alone: the others are the same before and after an edit that does not touch them."""
    from cmcal.check.validate import check

    calendars = [c for c in loaded.calendars if only is None or c.path in only]
    return list(loaded.problems) + check(calendars, today_for, source=source)


def prove(
    edits: Iterable[FileEdit],
    calendar_paths: list[str],
    today_for: Callable[[Calendar], date],
    source: Source | None = None,
    before: Loaded | None = None,
) -> Proved:
    """Apply the edits in memory and prove them (module docstring); `Refused` says why not."""
    base = source or DiskSource()
    files: list[tuple[Original, str]] = []
    documents: dict[str, Document] = {}
    changed: dict[str, bytes] = {}
    for edit in edits:
        if not edit.edits:
            continue
        original, new = edit.original, edit.text()
        doc = read_text(new, original.path)
        if doc.problems:
            first = doc.problems[0]
            raise Refused(
                _("{path}: the edit would not read back cleanly ({problem}); nothing was written").format(
                    path=original.path, problem=f"{first.line}:{first.column} {first.code}: {first.message}"
                )
            )
        found = difference(edit.tree, plain(doc.root))
        if found is not None:
            raise Refused(
                _("{path}: the edit would change more than intended ({found}); nothing was written").format(
                    path=original.path, found=found
                )
            )
        files.append((original, new))
        documents[original.path] = doc
        bom = b"\xef\xbb\xbf" if original.data.startswith(b"\xef\xbb\xbf") else b""
        changed[original.path] = bom + new.encode("utf-8")
    was = before if before is not None else load(calendar_paths, source=base)
    overlay = _Overlay(base, changed)
    rebuilt = {original.path: (original, documents[original.path]) for original, _ in files}
    after = _rebuilt(was, rebuilt, base)
    if after is not None:
        old, new_problems = _delta_problems(was, after, frozenset(changed), today_for, base, overlay)
    else:
        after = load(calendar_paths, source=overlay)
        touched = frozenset(
            c.path for c in (*was.calendars, *after.calendars) if {c.path, *c.includes} & changed.keys()
        )
        old = problems_of(was, today_for, base, touched)
        new_problems = problems_of(after, today_for, overlay, touched)
    counts: dict[tuple[str, str, str], int] = {}
    for p in old:
        counts[_key(p)] = counts.get(_key(p), 0) + 1
    added: list[Problem] = []
    for p in new_problems:
        k = _key(p)
        if counts.get(k, 0) > 0:
            counts[k] -= 1
        else:
            added.append(p)
    errors = [p for p in added if p.is_error and p.code not in ANNOUNCED]
    if errors:
        listed = "".join(
            f"\n  {p.path}:{p.line}:{p.column}: {p.severity} [{p.code}] {p.message}" for p in errors
        )
        raise Refused(
            ngettext(
                "the change would add {n} error; nothing was written:{listed}",
                "the change would add {n} errors; nothing was written:{listed}",
                len(errors),
            ).format(n=len(errors), listed=listed)
        )
    return Proved(
        tuple(files),
        documents,
        after,
        tuple(p for p in added if p.code in ANNOUNCED),
        tuple(p for p in added if not p.is_error),
        was,
    )


def _delta_problems(
    was: Loaded,
    after: Loaded,
    changed: frozenset[str],
    today_for: Callable[[Calendar], date],
    base: Source,
    overlay: Source,
) -> tuple[list[Problem], list[Problem]]:
    """Problems before and after an edit whose calendars `_rebuilt` made, as much of them as can differ: what
    `cmcal check` would add to the one list and to the other is the same.

    `_rebuilt` keeps every setting of the calendar (all but `posts` and `ideas`), and the posts of the files
    the edit does not change are the same posts. The rules of one post (or idea) — its references, text and
    hashtag limits, type, times, `stale`, metrics, planning, approval, media — depend on that post and on the
    settings alone, so an unchanged post has the same problems before and after: they cancel out. What is
    left to compare: those rules on the posts of the changed files and on every idea; ids, which relate
    posts and ideas to each other, on those and every post sharing one of their ids; and the rules that
    relate all posts (habit and event slots, metrics files), on the whole calendar. The property tests
    compare this with checking the whole calendar twice.
    """
    from dataclasses import replace

    from cmcal.check.media import has_media, media_problems
    from cmcal.check.validate import DEFAULT_HORIZON, validate
    from cmcal.habits.slots import schedule_problems
    from cmcal.i18n import using

    old: list[Problem] = list(was.problems)
    new: list[Problem] = list(after.problems)
    files = None  # media files are probed once for both sides: the edit changes no media file
    for before_cal, after_cal in zip(was.calendars, after.calendars, strict=True):
        if not {before_cal.path, *before_cal.includes} & changed:
            continue  # not touched: the same calendar, the same problems
        today = today_for(after_cal)

        def in_changed(post: Post) -> bool:
            return post.loc is not None and post.loc.path in changed

        ids = {p.id for c in (before_cal, after_cal) for p in c.posts if p.id is not None and in_changed(p)}
        ids |= {i.id for c in (before_cal, after_cal) for i in c.ideas if i.id is not None}
        for calendar, source, out in ((before_cal, base, old), (after_cal, overlay, new)):
            posts = tuple(p for p in calendar.posts if in_changed(p) or p.id in ids)
            some = replace(calendar, posts=posts)
            with using(calendar.language):
                out.extend(validate(some, today))
                out.extend(schedule_problems(calendar, today, DEFAULT_HORIZON))
                if calendar.metrics_files:
                    from cmcal.files.metrics import metrics_problems

                    out.extend(metrics_problems(calendar, source))
                if files is None and has_media(some):
                    from cmcal.platforms.media import MediaFiles

                    files = MediaFiles()
                out.extend(media_problems(some, files))
    return old, new


ONLY_CHANGED = frozenset(("posts", "ideas"))
"""The top-level keys of a calendar file an edit may change and still have only its files rebuilt."""


def _rebuilt(was: Loaded, changed: dict[str, tuple[Original, Document]], source: Source) -> Loaded | None:
    """The calendars as they read after the change, built again from the changed files only; None when the
    whole calendar must be read again (`load`) instead.

    A calendar is its root file and its parts (`include:`). The posts of a part depend only on the part and
    on the root's habits, and what `load` adds to the build (which parts, metrics files, the repository) only
    on top-level keys other than `posts` and `ideas`. So when a change keeps those keys, the calendar after
    it is: the root's settings and posts and the changed parts' posts built again from the new text, the
    other parts' posts as they were (renumbered in file order), and the problems as they were, less those of
    the changed files built from their old text, plus those built from their new text. Building the old
    text again (rather than sorting out which problems came from where) keeps this exactly `load`'s result.
    """
    from dataclasses import replace

    from cmcal.files.build import build_calendar
    from cmcal.problems import sorted_problems

    calendars = list(was.calendars)
    problems = list(was.problems)
    outlines = dict(was.documents)
    done: set[str] = set()
    for n, calendar in enumerate(was.calendars):
        files = [calendar.path, *calendar.includes]
        touched = [path for path in files if path in changed]
        if not touched:
            continue
        if calendar.path in changed:
            old_root, new_root = changed[calendar.path]
            if not isinstance(old_root.tree, dict) or old_root.document is None:
                return None
            keep = {k: v for k, v in old_root.tree.items() if k not in ONLY_CHANGED}
            new_tree = plain(new_root.root)
            if not isinstance(new_tree, dict):
                return None
            if difference(keep, {k: v for k, v in new_tree.items() if k not in ONLY_CHANGED}) is not None:
                return None
            old_root_doc, new_root_doc = old_root.document, new_root
        else:
            try:
                old_root_doc = new_root_doc = read_text(
                    decode(source.read(calendar.path), calendar.path)[0] or "", calendar.path
                )
            except CmcalError:
                return None
        old_parts, new_parts = [], []
        for path in calendar.includes:
            if path in changed:
                original, document = changed[path]
                if original.document is None:
                    return None
                old_parts.append(original.document)
                new_parts.append(document)
        old_cal, old_problems = build_calendar(old_root_doc, old_parts)
        new_cal, new_problems = build_calendar(new_root_doc, new_parts)
        if old_cal is None or new_cal is None:
            return None
        for p in old_problems:
            try:
                problems.remove(p)
            except ValueError:  # not as `load` said it: read everything again
                return None
        problems.extend(new_problems)
        posts: list[Post] = []
        for path in files:
            source_cal = new_cal if path in changed or path == calendar.path else calendar
            posts.extend(p for p in source_cal.posts if p.loc is not None and p.loc.path == path)
        if len(posts) != len(new_cal.posts) + sum(
            1
            for p in calendar.posts
            if p.loc is not None and p.loc.path not in changed and p.loc.path != calendar.path
        ):
            return None  # a post without a place, or in no file of the calendar
        posts = [p if p.index == i else replace(p, index=i) for i, p in enumerate(posts)]
        calendars[n] = replace(
            new_cal,
            posts=tuple(posts),
            includes=calendar.includes,
            metrics_files=calendar.metrics_files,
            root=calendar.root,
        )
        for path in touched:
            outlines[path] = changed[path][1].outline()
        done.update(touched)
    if set(changed) - done:
        return None
    return Loaded(tuple(calendars), tuple(sorted_problems(problems)), outlines)


def commit(proved: Proved, source: Source | None = None) -> None:
    """Write every changed file atomically, after checking that none changed on disk since it was read."""
    from cmcal.files.write import write_atomic

    base = source or DiskSource()
    for original, __ in proved.files:
        try:
            now = base.read(original.path)
        except CmcalError:
            now = b""
        if now != original.data:
            raise Refused(
                _(
                    "{path} changed on disk while cmcal worked; nothing was written; run the command again"
                ).format(path=original.path)
            )
    for original, new in proved.files:
        bom = b"\xef\xbb\xbf" if original.data.startswith(b"\xef\xbb\xbf") else b""
        write_atomic(original.path, bom + new.encode("utf-8"))
