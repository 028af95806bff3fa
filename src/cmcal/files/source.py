"""The one way cmcal opens a file it reads: calendars, parts, metrics files, textconv's file, media files.

A calendar is untrusted input (README, "Security"): a pull request can put any path in `include:` or
`metrics_files:`, a symbolic link anywhere, a FIFO or a device node in a folder. So every read goes through
`read_inside`, `header`, `stat_inside` or `checked_inside`, which all follow the same rules:

- The path is resolved, symbolic links followed, and the result must lie inside `root`: the calendar's
  repository (the git work tree that holds it, found by walking up to a `.git` entry without running git;
  `repository_of`), else the folder the user named. A path that leads outside is refused (`outside`).
- Only a regular file is opened: a FIFO, a device, a socket or a folder is refused (`not-regular`) before
  it is opened, and the open itself is non-blocking, with a second check on the open file, so that nothing
  ever waits for a writer that will not come.
- The size bound is checked before reading, and the read stops one byte past it (`too-large`).
- Everything else that can go wrong (a dangling link, a link loop, permission denied, an I/O error) is
  `unreadable`, with the reason in words. Nothing of the file's content is ever put in a reason.

Each refusal is a `Refused` exception with a `kind` and a `reason`; the loader turns it into a problem at the
place that named the file (README, "Files that cannot be read").
"""

from __future__ import annotations

import errno
import io
import os
import stat
from typing import Literal

__all__ = [
    "MAX_BYTES",
    "Refused",
    "RefusedKind",
    "checked_inside",
    "header",
    "inside",
    "open_regular",
    "read_inside",
    "repository_of",
    "resolve_inside",
    "stat_inside",
]

from cmcal.bounds import MAX_BYTES  # the size bound of calendars, parts and metrics files (`too-large`)
from cmcal.errors import CmcalError
from cmcal.i18n import _

RefusedKind = Literal["outside", "not-regular", "too-large", "missing", "unreadable"]

_CHUNK = 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC


class Refused(CmcalError):
    """A file that is not read, and why: `kind` for code, `reason` for people (it never quotes the file).

    Readers catch it and report a problem; should one escape, the CLI exits 3 with its one-line message.
    """

    def __init__(self, path: str, kind: RefusedKind, reason: str, size: int | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.kind: RefusedKind = kind
        self.reason = reason
        self.size = size
        """For `too-large`: the file's size in bytes, when known."""


def repository_of(path: str) -> str | None:
    """The real path of the git work tree that holds `path` (a file or a folder), or None outside any.

    Found by walking up to a folder with a `.git` entry (a folder, or the file of a linked work tree or a
    submodule), without running git.
    """
    folder = os.path.realpath(path)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def inside(path: str, root: str) -> bool:
    """Whether the real path `path` is `root` or below it (`root` a real path too)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolve_inside(path: str, root: str) -> str:
    """The real path of `path`, symbolic links followed; `Refused` when it does not exist or leads outside."""
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as exc:
        raise _refused(path, exc) from None
    if not inside(real, os.path.realpath(root)):
        if os.path.islink(path) or real != os.path.abspath(path):
            reason = _("it is a symbolic link that leads outside the repository; it is not read")
        else:
            reason = _("it is outside the repository; it is not read")
        raise Refused(path, "outside", reason)
    return real


def stat_inside(path: str, root: str) -> os.stat_result:
    """The status of the regular file `path` (its size: `st_size`), checked as `read_inside` checks it."""
    return checked_inside(path, root)[1]


def checked_inside(path: str, root: str) -> tuple[str, os.stat_result]:
    """The real path and the status of the regular file `path`, checked as `read_inside` checks it."""
    real = resolve_inside(path, root)
    try:
        status = os.stat(real)
    except OSError as exc:
        raise _refused(path, exc) from None
    _regular(path, status.st_mode)
    return real, status


def read_inside(path: str, root: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file `path` inside `root`; `Refused` (kind `too-large`) past `limit` bytes."""
    return _read(path, root, limit, whole=True)


def header(path: str, root: str, n: int) -> bytes:
    """The first `n` bytes of the regular file `path` inside `root` (fewer when the file is shorter)."""
    return _read(path, root, n, whole=False)


def open_regular(real: str, limit: int, shown: str | None = None) -> io.BufferedReader:
    """A stream over the regular file at `real` (a path already resolved inside its root, by
    `resolve_inside` or `stat_inside`) that reads as ending after `limit` bytes: for parsers that read a
    header themselves (media files). Opened without blocking and checked again once open; a `Refused`
    names `shown` (or `real`)."""
    fd = _open(real, shown or real)
    return io.BufferedReader(_Bounded(fd, limit), buffer_size=64 * 1024)


def _open(real: str, shown: str) -> int:
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        raise _refused(shown, exc) from None
    try:
        _regular(shown, os.fstat(fd).st_mode)  # what was opened, should the path have changed meanwhile
    except BaseException:
        os.close(fd)
        raise
    return fd


class _Bounded(io.RawIOBase):
    """A file that reads as ending after `limit` bytes: no parser can read a whole large file."""

    def __init__(self, fd: int, limit: int) -> None:
        self._file = io.FileIO(fd, "rb", closefd=True)
        self._limit = limit
        self._read = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        room = self._limit - self._read
        if room <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), room)]
        count = self._file.readinto(view) or 0
        self._read += count
        return count

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()
        super().close()


def _read(path: str, root: str, limit: int, whole: bool) -> bytes:
    real, status = checked_inside(path, root)
    if whole and status.st_size > limit:
        raise _too_large(path, limit, status.st_size)
    fd = _open(real, path)
    try:
        chunks: list[bytes] = []
        left = limit + 1 if whole else limit
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise _refused(path, exc) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if whole and len(data) > limit:
        raise _too_large(path, limit)
    return data


def _regular(path: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        what = _("a folder")
    elif stat.S_ISFIFO(mode):
        what = _("a FIFO (named pipe)")
    elif stat.S_ISSOCK(mode):
        what = _("a socket")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = _("a device")
    else:
        what = _("not a file")
    raise Refused(
        path, "not-regular", _("it is {what}, not a regular file; it is not read").format(what=what)
    )


def _too_large(path: str, limit: int, size: int | None = None) -> Refused:
    from cmcal.i18n.formats import number

    bound = f"{limit / 1048576:g} MiB" if limit >= 1048576 else _("{n} bytes").format(n=number(limit))
    return Refused(path, "too-large", _("the file is over the {bound} bound").format(bound=bound), size)


def _refused(path: str, exc: OSError) -> Refused:
    code = exc.errno
    if code == errno.ENOENT:
        if os.path.islink(path):
            return Refused(
                path, "unreadable", _("it is a symbolic link to nothing (dangling); it is not read")
            )
        return Refused(path, "missing", _("no such file"))
    if code == errno.ELOOP:
        return Refused(path, "unreadable", _("it is a loop of symbolic links; it is not read"))
    if code in (errno.EACCES, errno.EPERM):
        return Refused(path, "unreadable", _("permission denied"))
    if code == errno.ENOTDIR:
        return Refused(path, "missing", _("no such file (a part of the path is not a folder)"))
    why = exc.strerror or _("error {code}").format(code=code)
    return Refused(path, "unreadable", _("cannot read the file: {why}").format(why=why))
