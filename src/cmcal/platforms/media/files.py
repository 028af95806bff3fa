"""Where a post's media file is, and the one place this package opens it (README, "Media").

A path is relative to the file that holds the post and may not leave the calendar's repository: the git work
tree holding the calendar, else the calendar's own folder. An absolute path, a `..` out of the repository, or
a symlink whose target is outside it is refused before anything is opened; only regular files are opened (a
FIFO would block), and never more than `MAX_READ` bytes of one are read.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

MAX_READ = 16 * 1024 * 1024
"""The most bytes read from one media file: headers and, for an animated GIF, its frames' headers."""


@dataclass(frozen=True, slots=True)
class Located:
    """A media file inside the repository: its path as shown to the user, and its resolved path."""

    shown: str
    """The path relative to the repository root, with `/`."""
    real: str
    """The resolved path on disk (symlinks followed): the key of the probe cache."""
    size: int


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a media path cannot be used: `code` is `media-outside`, `missing-media` or `bad-media`."""

    code: str
    message: str


def repository_root(calendar_path: str) -> str:
    """The git work tree holding the calendar (a folder with `.git`, a folder or a worktree's file), else the
    calendar's own folder. Found by looking at the folders above, without running git."""
    start = os.path.dirname(os.path.abspath(calendar_path))
    folder = start
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent


def locate(path: str, holder: str, root: str) -> Located | Refused:
    """The file that `path` (as written in `holder`, the file holding the post) names inside `root`."""
    if not path.strip():
        return Refused("missing-media", "the media path is empty")
    if (
        PurePosixPath(path).is_absolute()
        or PureWindowsPath(path).is_absolute()
        or PureWindowsPath(path).drive
        or path.startswith("~")
    ):
        return Refused(
            "media-outside",
            f'"{path}" is an absolute path; write it relative to {posixpath.basename(holder)}, inside the '
            "repository",
        )
    base = os.path.dirname(os.path.abspath(holder))
    joined = os.path.normpath(os.path.join(base, path.replace("\\", "/")))
    real_root = os.path.realpath(root)
    if not _inside(joined, os.path.abspath(root)):
        return Refused(
            "media-outside", f'"{path}" leaves the repository ({_shown(root)}); keep media inside it'
        )
    real = os.path.realpath(joined)
    if not _inside(real, real_root):
        return Refused(
            "media-outside",
            f'"{path}" is a link to a file outside the repository ({_shown(root)}); copy the file in instead',
        )
    try:
        info = os.stat(real)
    except OSError:
        return Refused(
            "missing-media", f'no file "{path}" next to {posixpath.basename(holder)}; check the path'
        )
    if stat.S_ISDIR(info.st_mode):
        return Refused("bad-media", f'"{path}" is a folder, not an image or a video')
    if not stat.S_ISREG(info.st_mode):
        return Refused("bad-media", f'"{path}" is not a regular file (a device, a pipe or a socket)')
    shown = PurePosixPath(os.path.relpath(real, real_root).replace(os.sep, "/")).as_posix()
    return Located(shown, real, info.st_size)


def open_media(located: Located) -> io.BufferedReader:
    """The file, opened for reading without blocking, and checked again once open (it may have changed)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(located.real, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError("not a regular file")
        return io.BufferedReader(_Bounded(fd), buffer_size=64 * 1024)
    except BaseException:
        os.close(fd)
        raise


class _Bounded(io.RawIOBase):
    """A file that reads as ending after `MAX_READ` bytes: no header parser can read a whole large file."""

    def __init__(self, fd: int) -> None:
        self._file = io.FileIO(fd, "rb", closefd=True)
        self._read = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        room = MAX_READ - self._read
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


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives on Windows
        return False


def _shown(root: str) -> str:
    return os.path.basename(root) or root
