"""A media file's real figures, read from its header, never from its name (README, "Media").

The first bytes say what the file is (its signature). The common formats (JPEG, PNG, GIF, WebP, MP4, MOV)
are then read by cmcal's own header readers (`quick`), which give the same figures as the libraries or leave
the file to them; the others, and any file a quick reader is not sure of, are read by Pillow (images) and
pymediainfo (MediaInfo's library, bundled in its wheels, for videos), both told to read headers only and
imported only then. Nothing here reads the clock or the network; nothing of a file's content goes into a
message, only what kind of file it is.
"""

from __future__ import annotations

import struct
import warnings
from dataclasses import dataclass
from typing import IO

from cmcal.files import source
from cmcal.i18n import _
from cmcal.imports import import_without_metadata
from cmcal.platforms.media import quick
from cmcal.platforms.media.figures import GIF_FRAMES_UP_TO, MAX_GIF_FRAMES, Figures
from cmcal.platforms.media.files import Located, open_media
from cmcal.value import Value

__all__ = ["LFS_POINTER", "MAX_GIF_FRAMES", "Figures", "NotMedia", "probe"]

LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"
"""How a Git LFS pointer file starts (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md)."""

_PILLOW_PLUGINS = {
    "JPEG": "Jpeg",
    "PNG": "Png",
    "GIF": "Gif",
    "WEBP": "WebP",
    "BMP": "Bmp",
    "TIFF": "Tiff",
    "AVIF": "Avif",
}
"""Pillow's plug-in for each format its signature names: only that one is tried, and only it is imported."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class NotMedia(Value):
    """A file that is not a readable image or video: `what` says what it is instead ("a text file")."""

    what: str
    lfs: bool = False
    """True for a Git LFS pointer: the real file was not fetched."""


def probe(located: Located) -> Figures | NotMedia:
    """The figures of the file, or what it is instead. Never raises for what the file holds."""
    try:
        with open_media(located) as handle:
            head = handle.peek(64)[:64]
            if located.size == 0:
                return NotMedia(_("an empty file"))
            if head.startswith(LFS_POINTER):
                return NotMedia(_("a Git LFS pointer"), lfs=True)
            sniffed = _sniff(head)
            if sniffed is None:
                return NotMedia(_what_instead(handle.peek(512)[:512]))
            kind, name = sniffed
            if name not in quick.FORMATS:
                return _library(handle, kind, name, located.size)
            found = quick.figures(handle, name, located.size)
            if found is not None:
                return found
        with open_media(located) as handle:  # undecided: opened afresh, the library reads it as always
            handle.peek(64)
            return _library(handle, kind, name, located.size)
    except (OSError, source.Refused):  # it changed since it was located
        return NotMedia(_("a file that cannot be read"))


def _sniff(head: bytes) -> tuple[str, str] | None:
    """(kind, format) from a file's signature, or None for anything that is neither image nor video."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image", "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image", "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image", "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image", "WEBP"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video", "AVI"
    if head[:2] == b"BM":
        return "image", "BMP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image", "TIFF"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1"):
            return "image", "HEIC"
        if brand in (b"avif", b"avis"):
            return "image", "AVIF"
        if brand == b"qt  ":
            return "video", "MOV"
        return "video", "MP4"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"):
        return "video", "MOV"  # an old QuickTime file, without `ftyp`
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video", "WEBM" if b"webm" in head else "MKV"
    if head[:4] == b"OggS":
        return "video", "OGG"
    if head[:4] in (b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3"):
        return "video", "MPEG"
    return None


def _what_instead(head: bytes) -> str:
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%PDF"):
        return _("a PDF document")
    if head.startswith(b"PK\x03\x04"):
        return _("a ZIP archive (or an Office document)")
    if low.startswith((b"<svg", b"<?xml")) and b"<svg" in low:
        return _("an SVG drawing (platforms take JPEG or PNG images)")
    if low.startswith((b"<!doctype html", b"<html")):
        return _("an HTML page (perhaps an error page saved instead of the file)")
    if head[4:8] == b"ftyp" or head.startswith((b"ID3", b"fLaC", b"RIFF")):
        return _("an audio file or a container cmcal does not read")
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 3:  # a multi-byte character cut at the end is still text
                return _("data cmcal does not recognise as an image or a video")
        return _("a text file")
    return _("data cmcal does not recognise as an image or a video")


def _library(handle: IO[bytes], kind: str, name: str, size: int) -> Figures | NotMedia:
    if kind == "image":
        return _image(handle, name, size)
    return _video(handle, name, size)


def _image(handle: IO[bytes], name: str, size: int) -> Figures | NotMedia:
    if name == "HEIC":
        return _video(handle, name, size)  # MediaInfo reads HEIF headers; Pillow needs a plug-in
    import importlib

    from PIL import Image, UnidentifiedImageError

    try:
        importlib.import_module(f"PIL.{_PILLOW_PLUGINS[name]}ImagePlugin")
    except ImportError:  # a Pillow built without that format (AVIF is optional)
        return NotMedia(
            _("a {format} image that this installation of Pillow cannot read").format(format=name)
        )
    try:
        with warnings.catch_warnings():
            # Only headers are read, never pixels: a huge picture is a figure to check, not a bomb.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(handle, formats=[name]) as image:
                width, height = image.size
                fmt = image.format or name
                animated = fmt == "GIF" and bool(getattr(image, "is_animated", False))
                frames = None
                if animated and size <= GIF_FRAMES_UP_TO:
                    frames = min(int(getattr(image, "n_frames", 1)), MAX_GIF_FRAMES)
    except Image.DecompressionBombError:
        from cmcal.i18n.formats import number

        most = number(2 * (Image.MAX_IMAGE_PIXELS or 0))
        return NotMedia(_("a {format} image of more than {most} pixels").format(format=name, most=most))
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        IndexError,
        KeyError,
        struct.error,
    ):
        # Pillow's plug-ins raise any of these on a damaged header (`struct.error` where a GIF's frames are
        # counted and one is cut inside its descriptor).
        return NotMedia(
            _("a damaged {format} file (its header does not read as an image)").format(format=name)
        )
    return Figures("gif" if animated else "image", fmt, size, width, height, None, frames)


def _video(handle: IO[bytes], name: str, size: int) -> Figures | NotMedia:
    import_without_metadata("pymediainfo")  # it reads its own version with it (cmcal.imports)
    from pymediainfo import MediaInfo

    try:
        info = MediaInfo.parse(handle, parse_speed=0, buffer_size=4096)
    except Exception:  # MediaInfo's binding raises plain exceptions on what its library cannot open
        return NotMedia(
            _("a damaged {format} file (its header does not read as a video)").format(format=name)
        )
    assert isinstance(info, MediaInfo)
    general = next((t for t in info.tracks if t.track_type == "General"), None)
    if name in ("HEIC", "AVIF"):
        picture = next((t for t in info.tracks if t.track_type == "Image"), None)
        if picture is None:
            return NotMedia(
                _("a damaged {format} file (its header does not read as an image)").format(format=name)
            )
        return Figures("image", name, size, _int(picture.width), _int(picture.height))
    video = next((t for t in info.tracks if t.track_type == "Video"), None)
    if video is None:
        if any(t.track_type == "Audio" for t in info.tracks):
            return NotMedia(_("an audio file ({format} without a video track)").format(format=name))
        return NotMedia(_("a damaged {format} file (no video track can be read)").format(format=name))
    millis = _float(video.duration) or (_float(general.duration) if general is not None else None)
    duration = round(millis / 1000, 3) if millis is not None else None
    return Figures("video", name, size, _int(video.width), _int(video.height), duration)


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def _float(value: object) -> float | None:
    try:
        return float(str(value)) if value is not None else None
    except ValueError:
        return None
