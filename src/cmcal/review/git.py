"""Git, called through one small wrapper, and calendars read from a git revision (README, "`cmcal diff`").

Every call goes through `Repo.run`: an argument list (never a shell), `LC_ALL=C` so messages can be matched,
`GIT_TERMINAL_PROMPT=0` and stdin closed so git never waits for a person, `GIT_OPTIONAL_LOCKS=0` so reading
never takes the index lock of a repository someone is working in. A revision the user typed is verified with
`git rev-parse --verify --end-of-options REV^{commit}` before it is used, and only the commit id it resolves
to is passed on: a revision can never be read as an option (git 2.30 or later).

Failures become one-line `CmcalError`s: git missing, not a repository, or another git failure exit 3; a
revision the user mistyped is a `UsageError` (exit 2), with the closest branch or tag name when there is one.

`GitSource` is a `loader.Source` over one commit: the tree is listed once (`git ls-tree -r -z`), and blobs are
read on demand through one `git cat-file --batch` process, so a revision with a hundred files costs two git
processes, not a hundred. Paths are relative to the directory cmcal runs in, exactly as on disk, so the
working tree and a revision load the same way and their problems point at the same paths.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from types import TracebackType
from typing import IO

from cmcal.errors import CmcalError, UsageError
from cmcal.files.loader import (
    DEFAULT_FOLDER,
    DiskSource,
    Loaded,
    Source,
    expand_paths,
    load_files,
    matching,
    norm,
)
from cmcal.files.source import MAX_BYTES, Refused
from cmcal.i18n import _

__all__ = [
    "GitError",
    "GitSource",
    "NotARepository",
    "Repo",
    "UnknownRevision",
    "changed_calendar_paths",
    "load_tree",
    "open_repo",
]

GIT_ENV = {
    "LC_ALL": "C",
    "LANGUAGE": "C",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
}
"""Set on every git call, over the caller's environment (which otherwise passes through: HOME, GIT_DIR…)."""

_MAX_SYMLINK_HOPS = 8


class GitError(CmcalError):
    """Git is missing, or a git command failed for a reason that is not the user's typing (exit 3)."""


class NotARepository(GitError):
    """The directory is not inside a git work tree (exit 3)."""


class UnknownRevision(UsageError):
    """A revision the user typed does not name a commit (exit 2)."""


@dataclass(frozen=True)
class Repo:
    """A git work tree, seen from `cwd` (the directory relative paths start from)."""

    cwd: str
    root: str
    """The work tree's top folder, absolute."""
    prefix: str
    """`cwd` relative to `root`: "" at the top, else like `sub/dir/` (`git rev-parse --show-prefix`)."""

    def run(self, *args: str, input: bytes | None = None) -> bytes:
        """Run `git ARGS` in `cwd` and return its stdout; a failure is a `GitError` with git's first line."""
        completed = _run(self.cwd, args, input)
        if completed.returncode != 0:
            raise GitError(
                _("git {command} failed: {why}").format(command=args[0], why=_first_line(completed.stderr))
            )
        return completed.stdout

    def commit(self, rev: str, typed: bool = True) -> str:
        """The full id of the commit `rev` names. `typed`: the user wrote it (a mistake is a usage error)."""
        if not rev or rev.startswith("-") or "\n" in rev or "\0" in rev:
            raise UnknownRevision(
                _('"{rev}" is not a revision; name a branch, tag or commit').format(rev=rev)
            )
        completed = _run(
            self.cwd, ("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        )
        out = completed.stdout.decode("ascii", "replace").strip()
        if completed.returncode == 0 and out:
            return out
        if not typed:
            if rev == "HEAD" and not self._has_commits():
                raise GitError(
                    _("HEAD: the repository has no commit yet; commit the calendars once, then diff")
                )
            raise GitError(
                _("{rev}: git could not resolve this revision ({why})").format(
                    rev=rev, why=_first_line(completed.stderr)
                )
            )
        raise UnknownRevision(self._unknown_message(rev))

    def merge_base(self, a: str, b: str, a_name: str, b_name: str) -> str:
        """The best common ancestor of commits `a` and `b` (full ids); `*_name`s are for the message."""
        completed = _run(self.cwd, ("merge-base", a, b))
        out = completed.stdout.decode("ascii", "replace").strip()
        if completed.returncode == 0 and out:
            return out.split()[0]
        hint = self._shallow_hint()
        raise GitError(
            _("{a} and {b} have no common ancestor{hint}").format(a=a_name, b=b_name, hint=hint or "")
        )

    def short(self, commit: str) -> str:
        """An abbreviated id that stays unambiguous in this repository."""
        return self.run("rev-parse", "--short", commit).decode("ascii", "replace").strip() or commit[:12]

    def source(self, commit: str) -> GitSource:
        """A `loader.Source` over the tree of `commit` (a full id from `commit()`). Close it after use."""
        return GitSource(self, commit)

    def changed_since(self, commit: str) -> list[str]:
        """Files that differ between `commit` and the working tree (untracked ones included), from `cwd`.

        A renamed file appears under both its old and its new name.
        """
        changed = _split_z(
            self.run("diff", "--name-only", "--no-renames", "--no-ext-diff", "-z", commit, "--")
        )
        untracked = _split_z(
            self.run("ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", ":/")
        )
        out = dict.fromkeys(self.from_root(p) for p in (*changed, *untracked))
        return sorted(out)

    def to_root(self, path: str) -> str | None:
        """A path relative to `cwd` as a path relative to the top of the work tree ("" for the top itself);
        None when it lies outside the work tree."""
        if os.path.isabs(path):
            rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        else:
            rel = posixpath.join(self.prefix, norm(path))
        rel = posixpath.normpath(rel)
        if rel == ".":
            return ""
        if rel == ".." or rel.startswith("../"):
            return None
        return rel

    def from_root(self, path: str) -> str:
        """A path relative to the top of the work tree as a path relative to `cwd`."""
        if not self.prefix:
            return path
        return posixpath.relpath(path, self.prefix.rstrip("/"))

    def _has_commits(self) -> bool:
        return _run(self.cwd, ("rev-parse", "--verify", "--quiet", "HEAD")).returncode == 0

    def _unknown_message(self, rev: str) -> str:
        message = _(
            'unknown revision "{rev}": no branch, tag or commit of that name in this repository'
        ).format(rev=rev)
        names = _split_lines(
            _run(
                self.cwd,
                ("for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/remotes", "refs/tags"),
            ).stdout
        )
        close = get_close_matches(rev, names, n=1, cutoff=0.6)
        if close:
            return _('{message}; did you mean "{name}"?').format(message=message, name=close[0])
        return message + (self._shallow_hint() or "")

    def _shallow_hint(self) -> str | None:
        shallow = _run(self.cwd, ("rev-parse", "--is-shallow-repository")).stdout.strip() == b"true"
        if not shallow:
            return None
        return _("; this clone is shallow: fetch more history (actions/checkout with `fetch-depth: 0`)")


def sides(repo: Repo, revs: list[str]) -> tuple[tuple[str, str], tuple[str | None, str | None]]:
    """The two sides `cmcal diff [BASE [HEAD]]` compares: ((base commit, base name), (head commit, or None
    for the working tree, head name)). No revision: HEAD and the working tree; one: it and the working
    tree; `A..B` is A and B; `A...B` is their merge base and B (README, "`cmcal diff`")."""
    if not revs:
        return (repo.commit("HEAD", typed=False), "HEAD"), (None, None)
    if len(revs) == 1 and "..." in revs[0]:
        left, __, right = revs[0].partition("...")
        left_commit = repo.commit(left or "HEAD", typed=bool(left))
        right_commit = repo.commit(right or "HEAD", typed=bool(right))
        base = repo.merge_base(left_commit, right_commit, left or "HEAD", right or "HEAD")
        return (base, repo.short(base)), (right_commit, right or "HEAD")
    if len(revs) == 1 and ".." in revs[0]:
        left, __, right = revs[0].partition("..")
        revs = [left or "HEAD", right or "HEAD"]
    base_name = revs[0]
    base_commit = repo.commit(base_name)
    if len(revs) == 1:
        return (base_commit, base_name), (None, None)
    return (base_commit, base_name), (repo.commit(revs[1]), revs[1])


def open_repo(cwd: str = ".") -> Repo:
    """The work tree `cwd` is in, or a one-line error saying why there is none."""
    completed = _run(cwd, ("rev-parse", "--show-toplevel", "--show-prefix"))
    if completed.returncode != 0:
        reason = _first_line(completed.stderr)
        if "not a git repository" in reason:
            where = os.path.abspath(cwd)
            raise NotARepository(
                _("{where} is not in a git repository; run cmcal diff inside a clone").format(where=where)
            )
        raise GitError(_("git cannot use this repository: {why}").format(why=reason))
    lines = completed.stdout.decode("utf-8", "surrogateescape").split("\n")
    root = lines[0]
    prefix = lines[1] if len(lines) > 1 else ""
    return Repo(cwd=cwd, root=root, prefix=prefix)


def _run(cwd: str, args: Sequence[str], input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            env=_env(),
            check=False,
        )
    except FileNotFoundError as exc:
        if exc.filename == "git" or not os.path.isdir(cwd):
            raise _missing(cwd) from None
        raise GitError(_("cannot run git: {why}").format(why=exc.strerror or exc)) from None
    except OSError as exc:
        raise GitError(_("cannot run git: {why}").format(why=exc.strerror or exc)) from None


def _missing(cwd: str) -> GitError:
    if not os.path.isdir(cwd):
        return GitError(_("{path}: no such folder").format(path=cwd))
    return GitError(_("git is not installed (or not on PATH); install git to compare revisions"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(GIT_ENV)
    return env


def _first_line(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return _("no message from git")


def _split_z(data: bytes) -> list[str]:
    return [p for p in data.decode("utf-8", "surrogateescape").split("\0") if p]


def _split_lines(data: bytes) -> list[str]:
    return [p for p in data.decode("utf-8", "replace").splitlines() if p]


# --- reading a revision -------------------------------------------------------------------------------------


class _BlobReader:
    """One `git cat-file --batch` process: ask for an object id, read its content; many blobs, one process."""

    def __init__(self, repo: Repo) -> None:
        try:
            self._proc = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=repo.cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_env(),
            )
        except FileNotFoundError:
            raise _missing(repo.cwd) from None
        except OSError as exc:
            raise GitError(_("cannot run git: {why}").format(why=exc.strerror or exc)) from None

    def read(self, object_id: str, limit: int = MAX_BYTES) -> bytes | None:
        """The blob's content; None when it is over `limit` bytes (this reader is then closed)."""
        stdin, stdout = self._pipes()
        try:
            stdin.write(object_id.encode("ascii") + b"\n")
            stdin.flush()
            header = stdout.readline(200).split()
            if len(header) != 3:
                raise GitError(_("git cat-file cannot read object {id}").format(id=object_id))
            size = int(header[2])
            if size > limit:  # git gives the size first: stop here rather than read a huge blob
                self.close(kill=True)
                return None
            data = stdout.read(size)
            stdout.read(1)  # the newline after each object
        except (OSError, ValueError) as exc:
            message = _("git cat-file stopped while reading object {id}").format(id=object_id)
            raise GitError(f"{message}: {exc}") from None
        if len(data) != size:
            raise GitError(_("git cat-file stopped while reading object {id}").format(id=object_id))
        return data

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        stdin, stdout = self._proc.stdin, self._proc.stdout
        assert stdin is not None and stdout is not None  # both are pipes, see __init__
        return stdin, stdout

    def close(self, kill: bool = False) -> None:
        stdin, stdout = self._pipes()
        if kill:
            self._proc.kill()
        with contextlib.suppress(OSError):
            stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        stdout.close()


@dataclass
class _Entry:
    mode: str
    object_id: str


@dataclass
class GitSource:
    """A `loader.Source` over the tree of one commit; a context manager (it may hold a git process)."""

    repo: Repo
    commit: str
    _entries: dict[str, _Entry] | None = field(default=None, init=False, repr=False)
    _dirs: set[str] = field(default_factory=set, init=False, repr=False)
    _reader: _BlobReader | None = field(default=None, init=False, repr=False)

    def __enter__(self) -> GitSource:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    # -- Source --

    def read(self, path: str, root: str | None = None) -> bytes:
        """The blob at `path`, with the disk's rules: inside the tree, a file, at most `MAX_BYTES`."""
        entry = self._entry(path)
        data = self._blob(entry.object_id, MAX_BYTES)
        if data is None:
            raise Refused(
                path,
                "too-large",
                _("the file is over the {size} MiB bound").format(size=MAX_BYTES // 1048576),
            )
        return data

    def verify(self, path: str, root: str) -> None:
        self._entry(path)

    def root_for(self, path: str) -> str:
        return ""  # the commit's tree: `to_root` already leaves out every path outside it

    def inside(self, path: str, root: str) -> bool:
        return self.repo.to_root(path) is not None

    def identity(self, path: str) -> str:
        found = self._resolved(path)
        return found[0] if isinstance(found, tuple) else path

    def _entry(self, path: str) -> _Entry:
        if self.repo.to_root(path) is None:
            raise Refused(path, "outside", _("it is outside the repository; it is not read"))
        found = self._resolved(path)
        if isinstance(found, Refused):
            raise found
        return found[1]

    def _blob(self, object_id: str, limit: int) -> bytes | None:
        if self._reader is None:
            self._reader = _BlobReader(self.repo)
        data = self._reader.read(object_id, limit)
        if data is None:
            self._reader = None  # it stopped in the middle of a blob
        return data

    def is_dir(self, path: str) -> bool:
        rel = self.repo.to_root(path)
        return rel is not None and rel in self._tree()[1]

    def exists(self, path: str) -> bool:
        rel = self.repo.to_root(path)
        if rel is None:
            return False
        entries, dirs = self._tree()
        return rel in entries or rel in dirs

    def files_under(self, folder: str) -> list[str]:
        rel = self.repo.to_root(folder)
        if rel is None:
            return []
        entries, __ = self._tree()
        start = f"{rel}/" if rel else ""
        out = []
        for path in entries:
            if not path.startswith(start):
                continue
            inner = path[len(start) :]
            if any(part.startswith(".") for part in inner.split("/")[:-1]):
                continue  # hidden folders are skipped, as on disk
            out.append(posixpath.join(folder, inner))
        return sorted(out)

    # -- tree --

    def _tree(self) -> tuple[dict[str, _Entry], set[str]]:
        if self._entries is None:
            listing = self.repo.run("ls-tree", "-r", "-z", "--full-tree", self.commit)
            entries: dict[str, _Entry] = {}
            dirs: set[str] = {""}
            for record in listing.decode("utf-8", "surrogateescape").split("\0"):
                if not record:
                    continue
                meta, __, path = record.partition("\t")
                mode, kind, object_id = [*meta.split(" "), "", "", ""][:3]
                if kind != "blob":
                    continue  # submodules are not read
                entries[path] = _Entry(mode, object_id)
                parent = posixpath.dirname(path)
                while parent not in dirs:
                    dirs.add(parent)
                    parent = posixpath.dirname(parent)
            self._entries, self._dirs = entries, dirs
        return self._entries, self._dirs

    def _resolve(self, path: str) -> _Entry | None:
        """The blob at `path`, following symbolic links that stay inside the tree."""
        found = self._resolved(path)
        return found[1] if isinstance(found, tuple) else None

    def _resolved(self, path: str) -> tuple[str, _Entry] | Refused:
        """(the path from the top of the tree, the blob) at `path`, symbolic links followed; or why not."""
        rel = self.repo.to_root(path)
        entries, __ = self._tree()
        for _hop in range(_MAX_SYMLINK_HOPS):
            if rel is None:
                return Refused(path, "outside", _("it is a symbolic link that leads outside the repository"))
            entry = entries.get(rel)
            if entry is None:
                return Refused(
                    path, "missing", _("no such file in commit {commit}").format(commit=self.commit[:12])
                )
            if entry.mode != "120000":
                return rel, entry
            blob = self._blob(entry.object_id, 4096)  # a link's target is a path, never a big blob
            if blob is None:
                return Refused(path, "unreadable", _("it is a symbolic link too long to follow"))
            target = blob.decode("utf-8", "surrogateescape")
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            outside = target.startswith("/") or joined == ".." or joined.startswith("../")
            rel = None if outside else joined
        return Refused(path, "unreadable", _("it is a loop of symbolic links; it is not read"))


def load_tree(paths: Sequence[str], source: Source) -> Loaded:
    """Load the calendars under `paths` from `source`, for a diff of two sides held in memory at once.

    A path missing from this side is left out (a calendar added or deleted between two revisions exists on
    one side only).
    """
    files: list[str] = []
    for path in paths:
        try:
            files.extend(expand_paths([path], source))
        except UsageError:
            continue
    return load_files(list(dict.fromkeys(files)), source)


# --- what changed since a revision (for `check --changed-since`) --------------------------------------------


class _Listed:
    """A `loader.Source` that only knows which paths exist: used to match `include:` globs against changed
    paths, deleted files included."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.paths = {norm(p) for p in paths}
        self.dirs = {""}
        for path in self.paths:
            parent = posixpath.dirname(path)
            while parent not in self.dirs:
                self.dirs.add(parent)
                parent = posixpath.dirname(parent)

    def read(self, path: str, root: str | None = None) -> bytes:
        raise Refused(path, "unreadable", "not readable here")  # never called: only globs are matched

    def verify(self, path: str, root: str) -> None:
        return None

    def root_for(self, path: str) -> str:
        return ""

    def inside(self, path: str, root: str) -> bool:
        return not norm(path).startswith("../")

    def identity(self, path: str) -> str:
        return norm(path)

    def is_dir(self, path: str) -> bool:
        return norm(path) in self.dirs or norm(path) == "."

    def exists(self, path: str) -> bool:
        return norm(path) in self.paths or self.is_dir(path)

    def files_under(self, folder: str) -> list[str]:
        base = norm(folder)
        if base == ".":
            return sorted(self.paths)
        return sorted(p for p in self.paths if p.startswith(base + "/"))


def changed_calendar_paths(repo: str, rev: str, paths: Sequence[str]) -> list[str]:
    """The calendars under `paths` that changed since `rev`, as root-file paths that `loader.load` takes.

    `repo` is the folder cmcal runs in (the current folder); `paths` and the result are relative to it.
    "Since" has merge-base semantics, as a pull-request check wants: the working tree (uncommitted and
    untracked files included) is compared with the best common ancestor of `rev` and HEAD. A calendar has
    changed when its root file or any file its `include:` or `metrics_files:` name was added, modified,
    deleted or renamed.
    Raises `UnknownRevision` (exit 2) for a `rev` that names no commit, `GitError` (exit 3) when git fails,
    and `loader.UsageError` for a path that does not exist, as `load` does.
    """
    from cmcal.files.build import includes_of, is_part
    from cmcal.files.reader import read_bytes

    git = open_repo(repo)
    since = git.merge_base(git.commit(rev), git.commit("HEAD", typed=False), rev, "HEAD")
    changed = git.changed_since(since)
    changed_set = {norm(p) for p in changed}
    listed = _Listed(changed)
    disk = DiskSource()
    out: list[str] = []
    for path in expand_paths(paths or [DEFAULT_FOLDER], disk):
        try:
            doc = read_bytes(disk.read(path), path)
        except Refused:
            out.append(path)  # loading it says why it cannot be read
            continue
        if is_part(doc):
            continue
        if norm(path) in changed_set:
            out.append(path)
            continue
        includes, metrics, __ = includes_of(doc)
        base = posixpath.dirname(path)
        if any(matching(inc.pattern, base, listed) for inc in (*includes, *metrics)):
            out.append(path)
    return out
