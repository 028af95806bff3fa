"""Where a post's media file is (README, "Media"), opened only the one way cmcal opens files (`files.source`).

A path is relative to the file that holds the post and may not leave the calendar's repository: the git work
tree holding the calendar, else the calendar's own folder. An absolute path is refused as written; a `..` out
of the repository or a symlink whose target is outside it is refused once resolved, before anything is
opened. Only regular files are opened (a FIFO would block), and never more than `MAX_READ` bytes of one are
read.
"""

from __future__ import annotations

import io
import os
import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from cmcal.files import source
from cmcal.i18n import _
from cmcal.problems import Code
from cmcal.value import Value

MAX_READ = 16 * 1024 * 1024
"""The most bytes read from one media file: its headers and, for an animated GIF, its frames' headers."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Located(Value):
    """A media file inside the repository: its path as shown to the user, and its resolved path."""

    shown: str
    """The path relative to the repository root, with `/`."""
    real: str
    """The resolved path on disk (symlinks followed): the key of the probe cache."""
    size: int
    root: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Refused(Value):
    """Why a media path cannot be used: `code` is `media-outside`, `missing-media` or `bad-media`."""

    code: Code
    message: str


def repository_root(calendar_path: str) -> str:
    """The git work tree holding the calendar, else the calendar's own folder (real paths)."""
    found = source.repository_of(calendar_path)
    return found or os.path.dirname(os.path.realpath(calendar_path))


def locate(path: str, holder: str, root: str) -> Located | Refused:
    """The file that `path` (as written in `holder`, the file holding the post) names inside `root`."""
    where = posixpath.basename(holder)
    if not path.strip():
        return Refused(Code.MISSING_MEDIA, _("the media path is empty"))
    if (
        PurePosixPath(path).is_absolute()
        or PureWindowsPath(path).is_absolute()
        or PureWindowsPath(path).drive
        or path.startswith("~")
    ):
        return Refused(
            Code.MEDIA_OUTSIDE,
            _('"{path}" is an absolute path; write it relative to {where}, inside the repository').format(
                path=path, where=where
            ),
        )
    base = os.path.dirname(os.path.realpath(holder))
    joined = os.path.normpath(os.path.join(base, path.replace("\\", "/")))
    if not source.inside(joined, root):  # written out of it, whether or not the file exists
        return Refused(
            Code.MEDIA_OUTSIDE, _('"{path}" leaves the repository; keep media inside it').format(path=path)
        )
    try:
        real, status = source.checked_inside(joined, root)
    except source.Refused as refused:
        return _refusal(path, where, refused)
    shown = os.path.relpath(real, root).replace(os.sep, "/")
    return Located(shown, real, status.st_size, root)


def open_media(located: Located) -> io.BufferedReader:
    """The file, opened for reading without blocking, checked again once open (it may have changed), and
    reading as ending after `MAX_READ` bytes: `cmcal.files.source.open_regular`, the one way to open a file.
    A refusal is an `OSError`, as the header parsers expect."""
    try:
        return source.open_regular(located.real, MAX_READ, located.shown)
    except source.Refused as refused:
        raise OSError(refused.reason) from None


def _refusal(path: str, where: str, refused: source.Refused) -> Refused:
    kind = refused.kind
    if kind == "outside":
        return Refused(
            Code.MEDIA_OUTSIDE,
            _('"{path}" is a link to a file outside the repository; copy the file in instead').format(
                path=path
            ),
        )
    if kind == "missing":
        message = _('no file "{path}" next to {where}; check the path').format(path=path, where=where)
        return Refused(Code.MISSING_MEDIA, message)
    if kind == "not-regular":
        message = _('"{path}" is not an image or a video: {reason}').format(path=path, reason=refused.reason)
        return Refused(Code.BAD_MEDIA, message)
    return Refused(
        Code.BAD_MEDIA, _('"{path}" cannot be read: {reason}').format(path=path, reason=refused.reason)
    )
