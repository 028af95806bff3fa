"""The media a post publishes, as they are: where each file is, and its real format and figures.

`MediaFiles` is made once per run: it finds each calendar's repository, refuses paths that leave it, and
probes each file once however many posts use it (by resolved path). URLs are never fetched: an URL's kind
and format come from its extension, and only its count and format are checked.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import urlsplit

from cmcal.model import MediaItem
from cmcal.platforms.media.files import Located, Refused, locate, repository_root
from cmcal.platforms.media.headers import Figures, NotMedia, probe
from cmcal.value import Value

__all__ = ["Figures", "Media", "MediaFiles", "NotMedia", "Refused", "relative_to_root", "url_kind"]

_URL_KINDS = {
    ".jpg": ("image", "JPEG"),
    ".jpeg": ("image", "JPEG"),
    ".png": ("image", "PNG"),
    ".gif": ("image", "GIF"),
    ".webp": ("image", "WEBP"),
    ".heic": ("image", "HEIC"),
    ".avif": ("image", "AVIF"),
    ".bmp": ("image", "BMP"),
    ".tif": ("image", "TIFF"),
    ".tiff": ("image", "TIFF"),
    ".mp4": ("video", "MP4"),
    ".m4v": ("video", "MP4"),
    ".mov": ("video", "MOV"),
    ".webm": ("video", "WEBM"),
    ".mkv": ("video", "MKV"),
    ".avi": ("video", "AVI"),
}


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Media(Value):
    """One media item of a post as found: a file's figures, an URL's guessed kind, or why it is unusable."""

    item: MediaItem
    kind: str | None = None
    """`image`, `gif` (animated) or `video`; None when unknown (an URL without a known extension)."""
    format: str | None = None
    figures: Figures | None = None
    """A local file's figures, read from its header."""
    path: str | None = None
    """A local file's path relative to its repository."""
    refused: Refused | None = None
    not_media: NotMedia | None = None

    @property
    def usable(self) -> bool:
        return self.refused is None and self.not_media is None


def url_kind(url: str) -> tuple[str | None, str | None]:
    """(kind, format) an URL's extension suggests, or (None, None)."""
    path = urlsplit(url).path.lower()
    ext = posixpath.splitext(path)[1]
    return _URL_KINDS.get(ext, (None, None))


def relative_to_root(item: MediaItem, holder: str, root_file: str) -> str | None:
    """A file item's path relative to the folder of the calendar's root file (for `media_base_url`), with `/`;
    None for an URL, or a path that leaves that folder."""
    if item.file is None:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(holder), item.file.replace("\\", "/")))
    base = posixpath.dirname(root_file) or "."
    rel = posixpath.relpath(joined, base) if base != "." else joined
    if rel.startswith("../") or rel == ".." or posixpath.isabs(rel):
        return None
    return rel


class MediaFiles:
    """Media of one run, each file located and probed once."""

    def __init__(self) -> None:
        self._roots: dict[str, str] = {}
        self._located: dict[tuple[str, str, str], Located | Refused] = {}
        self._probes: dict[str, Figures | NotMedia] = {}

    def root(self, calendar_path: str) -> str:
        found = self._roots.get(calendar_path)
        if found is None:
            found = self._roots[calendar_path] = repository_root(calendar_path)
        return found

    def look(self, item: MediaItem, holder: str, root: str) -> Media:
        """The item of a post held in file `holder`, inside repository `root`."""
        if item.url is not None:
            kind, fmt = url_kind(item.url)
            return Media(item, kind, fmt)
        assert item.file is not None
        key = (posixpath.dirname(holder), item.file, root)
        located = self._located.get(key)
        if located is None:
            located = self._located[key] = locate(item.file, holder, root)
        if isinstance(located, Refused):
            return Media(item, refused=located)
        found = self._probes.get(located.real)
        if found is None:
            found = self._probes[located.real] = probe(located)
        if isinstance(found, NotMedia):
            return Media(item, path=located.shown, not_media=found)
        return Media(item, found.kind, found.format, found, located.shown)

    @property
    def probed(self) -> int:
        """How many files were read (for tests: each once)."""
        return len(self._probes)
