"""The one way cmcal writes a file: `--output` of export and report, `cmcal init`, the GitHub step summary.

README, "Security": cmcal writes only a regular file (or creates one) where it is asked to. Before anything is
written, the target is checked (`writable_target`):

- a folder, a device (`-o /dev/null`), a FIFO or a socket is refused: replacing it would break what it is
  (a device node that becomes a regular file), and writing into it could block;
- a symbolic link is followed only when its target stays in the link's own folder; a link out of it, or one
  that leads nowhere, is refused.

A refusal is an `OutputRefused`, a usage error (exit 2). The write itself is atomic (`write_atomic`): a
temporary file in the same folder, flushed to disk, then renamed over the target, so a reader sees the old
file or the new one, never half of one. Appending (`append_text`, GitHub's step-summary protocol) opens the
regular file without blocking and checks it again once open.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from cmcal.errors import UsageError
from cmcal.i18n import _

__all__ = ["OutputRefused", "append_text", "writable_target", "write_atomic"]

_APPEND_FLAGS = (
    os.O_WRONLY
    | os.O_APPEND
    | os.O_CREAT
    | os.O_CLOEXEC
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
)


class OutputRefused(UsageError):
    """A place cmcal will not write to (exit 2); the message names the path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def writable_target(path: str) -> str:
    """The path to write for `path`: itself, or the target of a link that stays in its folder.

    Raises `OutputRefused` for a folder, a device, a FIFO, a socket, a link out of the folder or to nothing.
    """
    try:
        status = os.lstat(path)
    except OSError:
        return path  # a new file; or one the write will fail on, with the system's reason (exit 3)
    if stat.S_ISLNK(status.st_mode):
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        real = os.path.realpath(path)
        if os.path.dirname(real) != folder:
            raise OutputRefused(
                path,
                _(
                    "it is a symbolic link out of its folder; cmcal does not follow it (write to another "
                    "path)"
                ),
            )
        if not os.path.lexists(real):
            message = _("it is a symbolic link to nothing; remove it or write to another path")
            raise OutputRefused(path, message)
        _regular(path, os.lstat(real).st_mode)
        return real
    _regular(path, status.st_mode)
    return path


def _regular(path: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise OutputRefused(path, _("it is a folder; give the name of a file inside it"))
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = _("a device, not a regular file")
    elif stat.S_ISFIFO(mode):
        what = _("a FIFO (named pipe), not a regular file")
    elif stat.S_ISSOCK(mode):
        what = _("a socket, not a regular file")
    else:
        what = _("not a regular file")
    raise OutputRefused(path, _("it is {what}; cmcal writes only regular files").format(what=what))


def _mode_for(path: str) -> int:
    """The mode a replaced file keeps, or the one a plain open() would give a new file (after the umask).

    mkstemp makes its file private (0600), which a calendar or an export meant to be shared must not become.
    """
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, content: str | bytes, *, overwrite: bool = True) -> None:
    """Write through a temporary file in the same folder and rename it, so a reader never sees half a file.

    The target is checked first (`writable_target`: `OutputRefused`, exit 2). With `overwrite=False`, refuse
    (FileExistsError) when `path` exists, even if it appears meanwhile. Other failures are `OSError`s.
    """
    target = writable_target(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=".cmcal-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)  # fails with FileExistsError instead of replacing
            os.unlink(tmp)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk too (where the system allows opening a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def append_text(path: str, text: str) -> None:
    """Append to a regular file (created if missing), never blocking: GitHub's step summary, which other
    steps write too. `OutputRefused` for what `writable_target` refuses; other failures are `OSError`s."""
    target = writable_target(path)
    fd = os.open(target, _APPEND_FLAGS, 0o666)
    try:
        _regular(path, os.fstat(fd).st_mode)  # what was opened, should the path have changed meanwhile
        with os.fdopen(fd, "ab", closefd=False) as handle:
            handle.write(text.encode("utf-8"))
    finally:
        os.close(fd)
