"""Finding calendar files, reading them with their `include:` parts, and building the model (SPEC §1).

Files come through a `Source`, so the same loading reads the working tree or a git revision (see `git`).
"""

from __future__ import annotations

import fnmatch
import gc
import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cmcal.bounds import MAX_BYTES
from cmcal.errors import CmcalError, UsageError
from cmcal.files.build import build_calendar, includes_of, is_part
from cmcal.files.reader import Document, no_gc, read_bytes
from cmcal.model import Calendar
from cmcal.problems import Problem, problem, sorted_problems

DEFAULT_FOLDER = "calendars"
YAML_SUFFIXES = (".yaml", ".yml")


class Source(Protocol):
    """Where calendar files are read from: the disk, or a git revision."""

    def read(self, path: str) -> bytes: ...

    def is_dir(self, path: str) -> bool: ...

    def exists(self, path: str) -> bool: ...

    def files_under(self, folder: str) -> list[str]:
        """Every file below `folder`, recursively, as paths that start with `folder`."""
        ...


class DiskSource:
    def read(self, path: str) -> bytes:
        """The file's bytes, but never more than one byte past the reader's bound: a huge file is refused as
        `too-large`, not by running out of memory."""
        try:
            with open(path, "rb") as handle:
                return handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise CmcalError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc

    def is_dir(self, path: str) -> bool:
        return os.path.isdir(path)

    def exists(self, path: str) -> bool:
        return os.path.exists(path)

    def files_under(self, folder: str) -> list[str]:
        out: list[str] = []
        for parent, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out.extend(posixpath.join(Path(parent).as_posix(), name) for name in files)
        return sorted(out)


@dataclass(frozen=True)
class Loaded:
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
            raise UsageError(f"{raw}: no such file or folder")
    seen: set[str] = set()
    return [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]


def matching(pattern: str, base_dir: str, source: Source) -> list[str]:
    """Files matching a glob relative to `base_dir` (`**` crosses folders), sorted."""
    full = norm(posixpath.join(base_dir, pattern))
    if not any(ch in pattern for ch in "*?["):
        return [full] if source.exists(full) and not source.is_dir(full) else []
    # Scan from the deepest folder without a wildcard, then match the whole path.
    parts = full.split("/")
    fixed = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        fixed.append(part)
    root = "/".join(fixed) or "."
    if not source.is_dir(root):
        return []
    candidates = source.files_under(root)
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
    """Read every calendar under `paths`, with its parts. Never raises for what is in the files."""
    src = source or DiskSource()
    files = expand_paths(paths, src)
    return load_files(files, src)


def load_files(files: Iterable[str], source: Source) -> Loaded:
    # A calendar is millions of small acyclic objects: the cyclic collector would rescan them all, again and
    # again, while they are built (up to 3x the parse). Pause it, then freeze what was built so that later
    # collections skip it; reference counting still frees everything as usual.
    with no_gc():
        loaded = _load_files(files, source)
        gc.freeze()  # before the collector is back on: else its first pass would scan everything just built
    return loaded


def _load_files(files: Iterable[str], source: Source) -> Loaded:
    docs: dict[str, Document] = {}

    def read(path: str) -> Document:
        doc = docs.get(path)
        if doc is None:
            doc = docs[path] = read_bytes(source.read(path), path)
        return doc

    candidates = [read(f) for f in files]
    problems: list[Problem] = []
    calendars: list[Calendar] = []
    included: set[str] = set()
    roots = [d for d in candidates if not is_part(d)]
    for doc in roots:
        includes, metrics_patterns, found = includes_of(doc)
        problems.extend(found)
        parts = []
        base = posixpath.dirname(doc.path)
        for inc in includes:
            matches = matching(inc.pattern, base, source)
            if not matches and not any(ch in inc.pattern for ch in "*?["):
                problems.append(
                    problem(
                        inc.loc, "bad-structure", f'include: no file "{inc.pattern}" next to this calendar'
                    )
                )
            for path in matches:
                if path == doc.path:
                    continue
                part = read(path)
                if part not in parts:
                    parts.append(part)
                    included.add(path)
        metrics_files: list[str] = []
        for inc in metrics_patterns:
            matches = matching(inc.pattern, base, source)
            if not matches and not any(ch in inc.pattern for ch in "*?["):
                problems.append(
                    problem(
                        inc.loc,
                        "bad-structure",
                        f'metrics_files: no file "{inc.pattern}" next to this calendar',
                    )
                )
            metrics_files.extend(m for m in matches if m not in metrics_files)
        calendar, found = build_calendar(doc, parts)
        problems.extend(found)
        if calendar is not None:
            if metrics_files:
                from dataclasses import replace

                calendar = replace(calendar, metrics_files=tuple(metrics_files))
            calendars.append(calendar)
    for doc in docs.values():
        problems.extend(doc.problems)
    outlines = {path: doc.outline() for path, doc in docs.items()}
    return Loaded(tuple(calendars), tuple(sorted_problems(problems)), outlines)
