"""Finding calendar files, reading them with their `include:` parts, and building the model (docs/format.md).

Files come through a `Source`, so the same loading reads the working tree or a git revision (see `git`).
"""

from __future__ import annotations

import fnmatch
import gc
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from cmcal.errors import UsageError
from cmcal.files.build import build_calendar, includes_of, is_part, language_of
from cmcal.files.reader import Document, no_gc, read_bytes, too_large
from cmcal.files.source import MAX_BYTES, Refused, inside, read_inside, repository_of, stat_inside
from cmcal.i18n import _
from cmcal.model import Calendar
from cmcal.problems import Code, Loc, Problem, problem, sorted_problems
from cmcal.value import Value

DEFAULT_FOLDER = "calendars"
YAML_SUFFIXES = (".yaml", ".yml")


class Source(Protocol):
    """Where calendar files are read from: the disk, or a git revision.

    Every read names the `root` the file must stay inside (README, "Security"); a file that cannot or may
    not be read raises `source.Refused`, never anything else.
    """

    def read(self, path: str, root: str | None = None) -> bytes:
        """The file's bytes, at most `source.MAX_BYTES` (`Refused` with kind `too-large` beyond)."""
        ...

    def verify(self, path: str, root: str) -> None:
        """Raise `Refused` when `read` would refuse the file (without reading it)."""
        ...

    def is_dir(self, path: str) -> bool: ...

    def exists(self, path: str) -> bool: ...

    def files_under(self, folder: str) -> list[str]:
        """Every file below `folder`, recursively, as paths that start with `folder`."""
        ...

    def root_for(self, path: str) -> str:
        """The folder that every file reached from `path` (a calendar file or a folder) must stay inside."""
        ...

    def inside(self, path: str, root: str) -> bool:
        """Whether `path` (which need not exist) lies inside `root`."""
        ...

    def identity(self, path: str) -> str:
        """What two paths to the same file have in common, so that it is read once."""
        ...


class DiskSource:
    """Files on disk, read through `source.read_inside` (inside the repository, regular files, bounded)."""

    def read(self, path: str, root: str | None = None) -> bytes:
        return read_inside(path, root if root is not None else self.root_for(path), MAX_BYTES)

    def verify(self, path: str, root: str) -> None:
        size = stat_inside(path, root).st_size
        if size > MAX_BYTES:
            bound = _("the file is over the {size} MiB bound").format(size=MAX_BYTES // 1048576)
            raise Refused(path, "too-large", bound, size)

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(path)

    def exists(self, path: str) -> bool:
        return os.path.lexists(path)

    def files_under(self, folder: str) -> list[str]:
        out: list[str] = []
        for parent, dirs, files in os.walk(folder):  # never into a linked folder: followlinks is off
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out.extend(posixpath.join(Path(parent).as_posix(), name) for name in files)
        return sorted(out)

    def root_for(self, path: str) -> str:
        found = repository_of(path)
        if found is not None:
            return found
        return os.path.realpath(path if os.path.isdir(path) else os.path.dirname(path) or ".")

    def inside(self, path: str, root: str) -> bool:
        return inside(os.path.realpath(path), os.path.realpath(root))

    def identity(self, path: str) -> str:
        return os.path.realpath(path)


@dataclass(frozen=True, eq=False, repr=False)
class Loaded(Value):
    """Every calendar found, and every problem met while reading and building them."""

    calendars: tuple[Calendar, ...]
    problems: tuple[Problem, ...]
    documents: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)
    """Every file read, by path, as an outline: the shape of its root, not its node tree."""

    @property
    def files(self) -> tuple[str, ...]:
        """The paths of every file read, in reading order."""
        return tuple(self.documents)


def norm(path: str) -> str:
    return posixpath.normpath(Path(path).as_posix())


def expand_paths(paths: Sequence[str], source: Source) -> list[str]:
    """The YAML files that the paths name: files as given, folders scanned recursively."""
    files: list[str] = []
    for raw in paths:
        path = norm(raw)
        if source.is_dir(path):
            files.extend(f for f in source.files_under(path) if f.endswith(YAML_SUFFIXES))
        elif source.exists(path):
            files.append(path)
        else:
            raise UsageError(_("{path}: no such file or folder").format(path=raw))
    seen: set[str] = set()
    return [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]


def matching(pattern: str, base_dir: str, source: Source) -> list[str]:
    """Files matching a glob relative to `base_dir` (`**` crosses folders), sorted."""
    full = norm(posixpath.join(base_dir, pattern))
    if not _wildcard(pattern):
        return [full] if source.exists(full) and not source.is_dir(full) else []
    # Scan from the deepest folder without a wildcard, then match the whole path.
    parts = full.split("/")
    fixed = []
    for part in parts:
        if _wildcard(part):
            break
        fixed.append(part)
    root = "/".join(fixed) or "."
    if not source.is_dir(root):
        return []
    candidates = source.files_under(root)
    if root == ".":  # a pattern relative to the current folder names its files without "./"
        candidates = [c.removeprefix("./") for c in candidates]
    regex = _glob_regex(full)
    return sorted(c for c in candidates if regex.fullmatch(c))


def _glob_regex(pattern: str) -> re.Pattern[str]:
    # `**/` matches any number of folders; `*` stays inside one folder.
    out = []
    for i, part in enumerate(pattern.split("/")):
        if part == "**":
            out.append("(?:[^/]+/)*")
            continue
        translated = fnmatch.translate(part).removeprefix("(?s:").removesuffix(")\\Z")
        out.append(translated.replace(".*", "[^/]*") + ("" if i == len(pattern.split("/")) - 1 else "/"))
    return re.compile("".join(out))


def load(paths: Sequence[str] = (DEFAULT_FOLDER,), source: Source | None = None) -> Loaded:
    """Read every calendar under `paths`, with its parts. Never raises for what is in the files.

    Each calendar's files must stay inside its root (`Source.root_for` of the path named); a file that
    cannot be read is a problem of its own (README, "Files that cannot be read"); the others are still read.
    """
    src = source or DiskSource()
    roots: dict[str, str] = {}
    for raw in paths:
        root = src.root_for(norm(raw))
        for path in expand_paths([raw], src):
            roots.setdefault(path, root)
    return load_files(list(roots), src, roots)


def load_files(files: Iterable[str], source: Source, roots: dict[str, str] | None = None) -> Loaded:
    """Read `files` (calendars and parts) from `source`; `roots` gives each file's root (default: its own)."""
    # A calendar is millions of small acyclic objects: the cyclic collector would rescan them all, again and
    # again, while they are built (up to 3x the parse). Pause it, then freeze what was built so that later
    # collections skip it; reference counting still frees everything as usual.
    with no_gc():
        loaded = _load_files(files, source, roots or {})
        gc.freeze()  # before the collector is back on: else its first pass would scan everything just built
    return loaded


def could_not_read(problems: Iterable[Problem]) -> bool:
    """Whether a file could not be read: every command then exits 3 (README, "Exit codes")."""
    return any(p.code == UNREADABLE for p in problems)


UNREADABLE = Code.UNREADABLE_FILE
OUTSIDE = Code.OUTSIDE_REPOSITORY


def refusal_problem(refused: Refused, loc: Loc, what: str | None = None, metrics: bool = False) -> Problem:
    """The problem for a file that is not read: at the file's start, or at `loc` of the pattern `what`
    (`include: "posts/*.yaml"`) that reached it. It names paths and the reason, never the file's bytes.

    A file over the size bound is `too-large` at its own start, as the reader says it, whoever named it.
    """
    if refused.kind == "too-large":
        if metrics:
            return metrics_too_large(refused.path, refused.size)
        return too_large(refused.path)
    code = OUTSIDE if refused.kind == "outside" else UNREADABLE
    if what is None:
        return problem(loc, code, _("cannot read this file: {reason}").format(reason=refused.reason))
    message = _("{what}: cannot read {path}: {reason}").format(
        what=what, path=refused.path, reason=refused.reason
    )
    return problem(loc, code, message)


def metrics_too_large(path: str, size: int | None) -> Problem:
    """The `too-large` problem of a metrics file over the size bound (of `size` bytes, when known). Here, not
    in `files.metrics` (which imports this module), so that the two never import each other."""
    bound = MAX_BYTES // 1048576
    if size is None:
        message = _("the file is over the {bound} MiB bound; split it in several files").format(bound=bound)
    else:
        from cmcal.i18n.formats import number

        message = _("the file is {size} MiB, over the {bound} MiB bound; split it in several files").format(
            size=number(size / 1048576, 1), bound=bound
        )
    return problem(Loc(path, 1, 1), Code.TOO_LARGE, message)


def _wildcard(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def pattern_problem(key: str, pattern: str, loc: Loc, base: str, root: str, source: Source) -> Problem | None:
    """An `outside-repository` problem when the pattern is absolute or leads outside `root`, else None.

    Checked before anything is matched, on the pattern's folders only: nothing outside is ever listed.
    """
    if pattern.startswith(("/", "\\")) or (len(pattern) > 1 and pattern[1] == ":"):
        return problem(
            loc,
            OUTSIDE,
            _(
                '{key}: "{pattern}" is an absolute path; write it relative to this calendar\'s folder, '
                "inside its repository"
            ).format(key=key, pattern=pattern),
        )
    parts = pattern.replace("\\", "/").split("/")
    fixed: list[str] = []
    for index, part in enumerate(parts):
        if _wildcard(part):
            if ".." in parts[index:]:
                return problem(
                    loc,
                    OUTSIDE,
                    _('{key}: "{pattern}" has `..` after a wildcard; put the `..` first').format(
                        key=key, pattern=pattern
                    ),
                )
            break
        fixed.append(part)
    else:  # no wildcard: the folder that holds the file (a link out is refused when the file is read)
        fixed = fixed[:-1] if fixed and fixed[-1] != ".." else fixed
    folder = posixpath.join(base, *fixed) if fixed else base
    if not source.inside(folder, root):
        return problem(
            loc,
            OUTSIDE,
            _(
                '{key}: "{pattern}" leads outside the calendar\'s repository; only files inside it are read'
            ).format(key=key, pattern=pattern),
        )
    return None


_LANGUAGE_LINE = re.compile(r"^language:[ \t]*[\"']?([A-Za-z]{2}(?:[-_][A-Za-z]{2})?)\b", re.MULTILINE)


def _language_of(doc: Document) -> str | None:
    """The `language:` of a calendar file, also when the file does not parse: its top-level line then."""
    found = language_of(doc)
    if found is None and doc.root is None and doc.text is not None:
        match = _LANGUAGE_LINE.search(doc.text)
        found = match[1] if match else None
    return found


def _each_in_its_language(candidates: list[tuple[Document, str]]) -> Iterator[tuple[Document, str]]:
    """Each file with its root, the loop's body run in the file's language: what a calendar's loading says
    (its include problems, its parts' reader problems) is in the calendar's language (README, "Languages")."""
    from cmcal.i18n import using

    for doc, root in candidates:
        with using(None if is_part(doc) else _language_of(doc)):
            yield doc, root  # the caller's loop body runs here, inside `using`


def _load_files(files: Iterable[str], source: Source, roots: dict[str, str]) -> Loaded:
    from cmcal.i18n import Language, current

    docs: dict[str, Document] = {}
    by_identity: dict[str, Document] = {}
    spoken: dict[str, Language] = {}  # the language each file with problems was read in
    problems: list[Problem] = []

    released: dict[str, str] = {}  # identity → path of each part whose node tree was dropped once built

    def read(path: str, root: str, loc: Loc | None = None, what: str | None = None) -> Document | None:
        """The document at `path`, read once however many paths reach it (again only for a second calendar
        that includes a part already built); None when it is refused."""
        key = source.identity(path)
        doc = by_identity.get(key)
        if doc is not None:
            return doc
        first = released.get(key)
        if first is not None:  # its problems are already among `docs`: read it as it was read the first time
            try:
                doc = by_identity[key] = read_bytes(source.read(first, root), first)
            except Refused:
                return None
            return doc
        try:
            data = source.read(path, root)
        except Refused as refused:
            problems.append(refusal_problem(refused, loc or Loc(path, 1, 1), what))
            return None
        doc = docs[path] = by_identity[key] = read_bytes(data, path)
        if doc.problems:
            spoken[path] = current()
        return doc

    def in_language(doc: Document, root: str) -> Document:
        """`doc` with its reader problems in the language in force: a file with problems is read again when
        it was read before its calendar's language was known (README, "Languages"). Files without problems
        are read once."""
        if not doc.problems or spoken.get(doc.path, current()) == current():
            return doc
        try:
            again = read_bytes(source.read(doc.path, root), doc.path)
        except Refused:
            return doc
        docs[doc.path] = by_identity[source.identity(doc.path)] = again
        spoken[doc.path] = current()
        return again

    def release(doc: Document) -> None:
        """Drop a built part's node tree and text, keeping its outline and problems."""
        key = source.identity(doc.path)
        docs[doc.path] = doc.outline()
        by_identity.pop(key, None)
        released[key] = doc.path

    def parts_of(wanted: list[tuple[str, Loc, str]], root: str) -> Iterator[Document]:
        """Each part, read when the builder reaches it and released once built: only one part's node tree is
        alive at a time, not every part's with the model (peak memory, BENCHMARKS.md)."""
        taken: set[str] = set()
        for path, loc, what in wanted:
            key = source.identity(path)
            if key in taken:
                continue
            part = read(path, root, loc, what)
            part = in_language(part, root) if part is not None else None
            if part is None:
                continue
            taken.add(key)
            yield part
            release(part)

    candidates: list[tuple[Document, str]] = []
    for f in files:
        root = roots.get(f) or source.root_for(f)
        if source.identity(f) in by_identity:
            continue  # the same file reached by two paths: read and checked once
        doc = read(f, root)
        if doc is not None:
            candidates.append((doc, root))
    calendars: list[Calendar] = []
    for doc, root in _each_in_its_language(candidates):
        if is_part(doc):
            continue
        doc = in_language(doc, root)
        includes, metrics_patterns, found = includes_of(doc)
        problems.extend(found)
        wanted: list[tuple[str, Loc, str]] = []  # (path, where its pattern is, the pattern) of each part
        base = posixpath.dirname(doc.path)
        for inc in includes:
            what = f'include: "{inc.pattern}"'
            bad = pattern_problem("include", inc.pattern, inc.loc, base, root, source)
            if bad is not None:
                problems.append(bad)
                continue
            matches = matching(inc.pattern, base, source)
            if not matches and not _wildcard(inc.pattern):
                message = _('include: no file "{pattern}" next to this calendar').format(pattern=inc.pattern)
                problems.append(problem(inc.loc, Code.BAD_STRUCTURE, message))
            for path in matches:
                if source.identity(path) == source.identity(doc.path):
                    continue
                wanted.append((path, inc.loc, what))
        metrics_files: list[str] = []
        for inc in metrics_patterns:
            bad = pattern_problem("metrics_files", inc.pattern, inc.loc, base, root, source)
            if bad is not None:
                problems.append(bad)
                continue
            matches = matching(inc.pattern, base, source)
            if not matches and not _wildcard(inc.pattern):
                problems.append(
                    problem(
                        inc.loc,
                        Code.BAD_STRUCTURE,
                        _('metrics_files: no file "{pattern}" next to this calendar').format(
                            pattern=inc.pattern
                        ),
                    )
                )
            seen = {source.identity(m) for m in metrics_files}
            for path in matches:
                if source.identity(path) in seen:
                    continue
                try:
                    source.verify(path, root)
                except Refused as refused:
                    what = f'metrics_files: "{inc.pattern}"'
                    problems.append(refusal_problem(refused, inc.loc, what, metrics=True))
                    continue
                seen.add(source.identity(path))
                metrics_files.append(path)
        parts = parts_of(wanted, root)
        calendar, found = build_calendar(doc, parts)
        for _part in parts:  # read what the builder left (it stops early only when it cannot build)
            pass
        problems.extend(found)
        if calendar is not None:
            calendar = replace(calendar, metrics_files=tuple(metrics_files), root=root)
            calendars.append(calendar)
    for doc in docs.values():
        problems.extend(doc.problems)
    outlines = {path: doc.outline() for path, doc in docs.items()}
    return Loaded(tuple(calendars), tuple(sorted_problems(problems)), outlines)
