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

from cmcal.files.source import Refused as SourceRefused
from cmcal.files.source import open_regular, repository_of

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
    """The git work tree holding the calendar (`cmcal.files.source.repository_of`, found without running
    git), else the calendar's own folder; a real path (links resolved)."""
    start = os.path.realpath(os.path.dirname(os.path.abspath(calendar_path)))
    return repository_of(start) or start


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
    base = os.path.realpath(os.path.dirname(os.path.abspath(holder)))
    joined = os.path.normpath(os.path.join(base, path.replace("\\", "/")))
    real_root = os.path.realpath(root)
    if not _inside(joined, real_root):
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
    """The file, opened for reading without blocking, checked again once open (it may have changed), and
    reading as ending after `MAX_READ` bytes: `cmcal.files.source.open_regular`, the one way to open a file.
    A refusal is an `OSError`, as the header parsers expect."""
    try:
        return open_regular(located.real, MAX_READ, located.shown)
    except SourceRefused as refused:
        raise OSError(refused.reason) from None


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives on Windows
        return False


def _shown(root: str) -> str:
    return os.path.basename(root) or root
