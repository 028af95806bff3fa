"""The common image and video headers, read by cmcal itself before any library (README, "Media").

JPEG, PNG, GIF and WebP images and ISO BMFF videos (MP4, MOV) are read here with `struct`, from the file
`headers.probe` has open, so that a calendar of ordinary photos and clips imports neither Pillow nor
pymediainfo (together ~60 ms of a `check`, BENCHMARKS.md). Each reader either returns the `Figures` it is
sure of, the very figures the libraries give for that file, or None, "undecided", for anything unusual:
truncated or inconsistent structure, a marker, chunk or box it does not expect, an MPO or animated PNG, an
edit list other than the plain one, a fragmented or multi-video MP4, a figure the libraries would refuse.
Undecided falls back to Pillow or MediaInfo (`headers`), which give their verdict and their "damaged …"
message exactly as before: no verdict depends on which path read a file, only the time it takes.
tests/platforms/media/test_quick.py holds them to it: on real and generated files, cut and mutated, a
reader's answer is None or exactly the libraries' figures.

Where the libraries differ from a naive reading, the readers follow the library: a JPEG's size is its SOF
marker's, and Pillow reads every marker up to the start of scan (so a file cut before it is undecided
here); a PNG's chunks before its image data are checked against their CRC, as Pillow does; a GIF's frames
are counted block by block as Pillow's `n_frames` walks them; a video's width and height are its sample
description's (MediaInfo's Width, not the track header's display size) and its duration the track header's
in the movie's time scale, decided only when the media header and the sample table agree with it.

Left to the libraries by design: JPEGs other than baseline, extended or progressive 8-bit ones, and MPO;
animated PNGs and compressed PNG text; animated WebPs; GIFs and WebPs over `WHOLE_FILE_UP_TO`; videos
whose sample description is not H.264 (`avc1`), with a track that is neither video nor sound, or a `moov`
over `MAX_HEADER_BYTES`; and every other format.

Bounds: at most `MAX_HEADER_BYTES` are read from one file (a GIF's frames are walked by reading each
sub-block's length and seeking over its data, so every frame counts against that budget too), every loop
is bounded by the bytes it consumes or by a count, every size is checked against what is left before it is
used, and no exception leaves `figures`.
"""

from __future__ import annotations

import io
import re
import struct
import zlib

from cmcal.platforms.media.figures import MAX_GIF_FRAMES, Figures
from cmcal.platforms.media.files import MAX_READ

MAX_HEADER_BYTES = 1024 * 1024
"""The most bytes a quick reader reads from one file: a JPEG's segments before its scan (EXIF and ICC
profiles, 64 KiB each at most, rarely more than a few), a PNG's chunks before its image data, a video's
`moov` box (a few KiB a minute of video). A file whose headers are larger is left to the libraries."""

MAX_BOXES = 1_000
"""The most boxes, chunks or blocks a reader walks at one level: ordinary files have a handful."""

PILLOW_MAX_PIXELS = 1024 * 1024 * 1024 // 4 // 3
"""Pillow's `Image.MAX_IMAGE_PIXELS`: a larger picture makes Pillow warn, and one of twice as many pixels
is refused ("more than … pixels"); such a file is left to Pillow."""


WHOLE_FILE_UP_TO = MAX_READ // 2 - MAX_HEADER_BYTES
"""The largest GIF or WebP a quick reader decides (7 MiB). Pillow reads these whole (a GIF's frames to count
them, after reading its first frame twice; a WebP for libwebp), through the opener that reads as ending
after `MAX_READ` bytes; below half of it Pillow never meets that end: its answer is the whole file's."""

WEBP_MAX_PIXELS = 4096 * 4096
"""The largest WebP a quick reader decides: libwebp's decoder, which Pillow creates to open a WebP, allocates
two canvases of 4 bytes a pixel; a larger picture is left to Pillow, in case that fails."""


class _Undecided(Exception):
    """The file is not one a quick reader is sure of: the libraries read it."""


def figures(handle: io.BufferedReader, name: str, size: int) -> Figures | None:
    """The figures of the file open in `handle` (at its start), whose signature says `name` (`JPEG`, `PNG`,
    `GIF`, `WEBP`, `MP4`, `MOV`), or None when a library must read it. `size` is the file's size in bytes.
    Leaves `handle` anywhere: the caller reopens the file for a library."""
    reader = _READERS.get(name)
    if reader is None:
        return None
    try:
        return reader(_Bytes(handle), name, size)
    except (_Undecided, OSError, ValueError, IndexError, struct.error, OverflowError):
        return None


class _Bytes:
    """Reads of one file: each exactly as long as asked, at most `MAX_HEADER_BYTES` in all."""

    def __init__(self, handle: io.BufferedReader) -> None:
        self._handle = handle
        self._left = MAX_HEADER_BYTES
        self.end = handle.seek(0, 2)
        handle.seek(0)

    def read(self, count: int) -> bytes:
        if count < 0 or count > self._left:
            raise _Undecided
        data = self._handle.read(count)
        if len(data) != count:
            raise _Undecided  # cut short
        self._left -= count
        return data

    def byte(self) -> int:
        """The next byte, or -1 at the end of the file (where a reader stops as the library does)."""
        data = self.read(1) if self._handle.tell() < self.end else b""
        return data[0] if data else -1

    def skip_blocks(self) -> None:
        """Past a chain of sub-blocks (each a length byte, then that many bytes) up to its terminator or the
        end of the file, as Pillow's `while self.data(): pass`. Walks the buffered bytes without copying
        them; each length byte counts against the budget."""
        handle = self._handle
        while True:
            window = handle.peek(1) if handle.tell() < self.end else b""
            if not window:
                return
            at, lengths = 0, 0
            while at < len(window) and window[at]:
                at += window[at] + 1
                lengths += 1
            self._left -= lengths + 1
            if self._left < 0:
                raise _Undecided
            if at < len(window):  # the terminator
                handle.seek(at + 1, 1)
                return
            handle.seek(min(handle.tell() + at, self.end))

    def seek(self, where: int) -> None:
        if not 0 <= where <= self.end:
            raise _Undecided
        self._handle.seek(where)

    def tell(self) -> int:
        return self._handle.tell()


def _pixels(width: int, height: int) -> None:
    if width <= 0 or height <= 0 or width * height > PILLOW_MAX_PIXELS:
        raise _Undecided


# JPEG (Pillow's JpegImagePlugin) ---------------------------------------------------------------------

_JPEG_SOF = (0xC0, 0xC1, 0xC2)
"""Baseline, extended and progressive DCT: the frames of ordinary photos (the others are left to Pillow)."""
_JPEG_SEGMENTS = frozenset((*_JPEG_SOF, 0xC4, 0xDB, 0xDD, 0xFE, *range(0xE0, 0xF0)))
"""SOF, DHT, DQT, DRI, COM and APP0–APP15: the segments read before the start of scan (0xDA)."""


def _jpeg(data: _Bytes, name: str, size: int) -> Figures:
    if data.read(2) != b"\xff\xd8":
        raise _Undecided
    frame: tuple[int, int] | None = None
    exif: bytes | None = None
    dpi = False  # a JFIF header's density in dots per inch or centimetre: Pillow then skips EXIF's
    for _ in range(MAX_BOXES):
        marker, code, length = struct.unpack(">BBH", data.read(4))
        if marker != 0xFF or length < 2:
            raise _Undecided  # bytes between segments, fill bytes, a marker without a segment
        body = data.read(length - 2)
        if code == 0xDA:  # start of scan: Pillow stops reading here
            break
        if code not in _JPEG_SEGMENTS:
            raise _Undecided
        if code in _JPEG_SOF:
            if frame is not None or len(body) < 6 or body[0] != 8 or body[5] not in (1, 3, 4):
                raise _Undecided  # Pillow reads 8-bit greyscale, RGB and CMYK only
            height, width = struct.unpack_from(">HH", body, 1)
            frame = (width, height)
        elif code == 0xDB:
            _jpeg_dqt(body)
        elif code >= 0xE0:
            if code == 0xE1 and body.startswith(b"Exif\0\0"):
                if exif is not None:
                    raise _Undecided  # Pillow joins several
                exif = body[6:]
            dpi = dpi or (code == 0xE0 and body.startswith(b"JFIF") and len(body) >= 12 and body[7] in (1, 2))
            _jpeg_app(code, body)
    else:
        raise _Undecided
    if frame is None:
        raise _Undecided
    if exif is not None and not dpi:
        _exif_resolution(exif)
    _pixels(*frame)
    return Figures("image", "JPEG", size, frame[0], frame[1])


def _jpeg_dqt(body: bytes) -> None:
    """Pillow reads every quantization table of a DQT segment, and refuses one cut short."""
    at = 0
    while at < len(body):
        length = 1 + (64 if body[at] < 16 else 128)
        if len(body) - at < length:
            raise _Undecided
        at += length


def _jpeg_app(code: int, body: bytes) -> None:
    """The application segments Pillow reads into its `info`, where a short one makes it fail."""
    if code == 0xE0 and body.startswith(b"JFIF") and len(body) < 7:
        raise _Undecided
    if code == 0xEE and body.startswith(b"Adobe") and len(body) < 7:
        raise _Undecided
    if code == 0xE2 and body.startswith(b"MPF\0"):
        raise _Undecided  # perhaps an MPO (several pictures): Pillow names its format
    if code == 0xE2 and body.startswith(b"ICC_PROFILE\0") and len(body) < 14:
        raise _Undecided
    if code == 0xED and body.startswith(b"Photoshop 3.0\0"):
        _jpeg_photoshop(body)


def _exif_resolution(tiff: bytes) -> None:
    """Pillow reads a JPEG's dots per inch from its EXIF (resolution unit and X resolution) where JFIF gives
    none, and fails on some odd values: decided only for a well-formed first directory whose two entries,
    when there, have their ordinary types (a short; one rational, in the data)."""
    if tiff[:4] not in (b"II*\0", b"MM\0*"):
        raise _Undecided
    order = "<" if tiff[:2] == b"II" else ">"
    first = struct.unpack_from(order + "I", tiff, 4)[0]
    count = struct.unpack_from(order + "H", tiff, first)[0]
    if first < 8 or first + 2 + 12 * count > len(tiff):
        raise _Undecided
    seen: set[int] = set()
    for at in range(first + 2, first + 2 + 12 * count, 12):
        tag, kind, values, offset = struct.unpack_from(order + "HHII", tiff, at)
        if tag in seen or tag not in (0x0128, 0x011A):
            continue
        seen.add(tag)
        if tag == 0x0128 and (kind, values) != (3, 1):
            raise _Undecided
        if tag == 0x011A and ((kind, values) != (5, 1) or offset + 8 > len(tiff)):
            raise _Undecided


def _jpeg_photoshop(body: bytes) -> None:
    """Pillow's walk of Photoshop's resource blocks: it stops quietly where a size is cut (`struct`), and
    fails where a name's length is missing."""
    at = 14
    try:
        while body[at : at + 4] == b"8BIM":
            at += 4
            code = struct.unpack_from(">H", body, at)[0]
            at += 2
            if at >= len(body):
                raise _Undecided
            at += 1 + body[at]
            at += at & 1
            length = struct.unpack_from(">I", body, at)[0]
            at += 4
            if code == 0x03ED:
                struct.unpack_from(">IHIH", body[at : at + length])
            at += length
            at += at & 1
    except struct.error:
        return


# PNG (Pillow's PngImagePlugin) -----------------------------------------------------------------------

_PNG_MODES = frozenset(
    {(bits, 0) for bits in (1, 2, 4, 8, 16)}
    | {(bits, 3) for bits in (1, 2, 4, 8)}
    | {(8, 2), (16, 2), (8, 4), (16, 4), (8, 6), (16, 6)}
)
"""(bit depth, colour type) pairs Pillow opens."""
_PNG_LEAST = {b"gAMA": 4, b"cHRM": 32, b"sRGB": 1, b"pHYs": 9}
"""Chunks Pillow refuses when shorter."""
_PNG_LEFT = frozenset((b"IEND", b"acTL", b"fcTL", b"fdAT", b"zTXt", b"iTXt"))
"""Chunks before the image data that are left to Pillow: an animation, compressed text."""
PNG_PROFILE_BYTES = 1024 * 1024
"""Pillow's `PngImagePlugin.MAX_TEXT_CHUNK`: an ICC profile that inflates to more makes it fail."""
_PNG_NAME = re.compile(rb"\w\w\w\w")


def _png(data: _Bytes, name: str, size: int) -> Figures:
    if data.read(8) != b"\x89PNG\r\n\x1a\n":
        raise _Undecided
    header: tuple[int, int, int] | None = None  # width, height, colour type
    for _ in range(MAX_BOXES):
        length, kind = struct.unpack(">I4s", data.read(8))
        if _PNG_NAME.match(kind) is None or kind in _PNG_LEFT:
            raise _Undecided
        if (header is None) != (kind == b"IHDR"):
            raise _Undecided  # the header first, and once
        if kind == b"IDAT":
            break
        body = data.read(length)
        if zlib.crc32(body, zlib.crc32(kind)) != struct.unpack(">I", data.read(4))[0]:
            raise _Undecided
        if kind == b"IHDR":
            if length != 13 or (body[8], body[9]) not in _PNG_MODES or body[11] != 0:
                raise _Undecided
            width, height = struct.unpack_from(">II", body)
            header = (width, height, body[9])
        elif len(body) < _PNG_LEAST.get(kind, 0):
            raise _Undecided
        elif kind == b"iCCP":
            _png_profile(body)
        elif (
            kind == b"tRNS"
            and header is not None
            and header[2] in (0, 2)
            and len(body) < 2 + 4 * (header[2] == 2)
        ):
            raise _Undecided  # Pillow reads the grey or RGB value
    else:
        raise _Undecided
    if header is None:
        raise _Undecided
    _pixels(header[0], header[1])
    return Figures("image", "PNG", size, header[0], header[1])


def _png_profile(body: bytes) -> None:
    """Pillow inflates an ICC profile when it opens a PNG: it fails on a missing or unknown compression
    method, and on a profile larger than `PNG_PROFILE_BYTES`; one that does not inflate it ignores."""
    at = body.find(b"\0") + 1  # after the profile's name (Pillow takes the first byte when none ends it)
    if at >= len(body) or body[at] != 0:
        raise _Undecided
    inflate = zlib.decompressobj()
    try:
        inflate.decompress(body[at + 1 :], PNG_PROFILE_BYTES)
    except zlib.error:
        return
    if inflate.unconsumed_tail:
        raise _Undecided


# GIF (Pillow's GifImagePlugin: the size, `is_animated` and `n_frames`) ---------------------------------


def _gif(data: _Bytes, name: str, size: int) -> Figures:
    if size > WHOLE_FILE_UP_TO:
        raise _Undecided
    head = data.read(13)
    if head[:6] not in (b"GIF87a", b"GIF89a"):
        raise _Undecided
    width, height, flags = struct.unpack_from("<HHB", head, 6)
    if flags & 0x80:
        data.read(3 << ((flags & 7) + 1))  # the global palette
    extent = _gif_frame(data, first=True)
    if extent is None:
        raise _Undecided  # no image: Pillow refuses the file
    width, height = max(width, extent[0]), max(height, extent[1])  # Pillow grows it to the first frame
    _pixels(width, height)
    frames = 1
    while True:  # each frame reads at least a byte of the budget
        data.skip_blocks()  # the frame's image data, as Pillow skips it to reach the next frame
        if _gif_frame(data, first=False) is None:
            break
        frames += 1
    if frames == 1:
        return Figures("image", "GIF", size, width, height)
    return Figures("gif", "GIF", size, width, height, None, min(frames, MAX_GIF_FRAMES))


def _gif_block(data: _Bytes) -> bytes | None:
    """A data sub-block, None for the terminator (Pillow's `data()`); one cut short is undecided."""
    length = data.byte()
    if length <= 0:
        return None
    return data.read(length)


def _gif_frame(data: _Bytes, first: bool) -> tuple[int, int] | None:
    """The next frame's extent (right, bottom), read as Pillow's `_seek` reads up to an image descriptor;
    None where Pillow finds no more frames (the trailer or the end of the file)."""
    while True:  # each turn reads at least a byte of the budget
        introducer = data.byte()
        if introducer in (-1, 0x3B):
            return None
        if introducer == 0x2C:  # image descriptor
            left, top, width, height, flags = struct.unpack("<HHHHB", data.read(9))
            if flags & 0x80:
                data.read(3 << ((flags & 7) + 1))  # the local palette
            data.read(1)  # LZW code size
            return left + width, top + height
        if introducer != 0x21:
            raise _Undecided  # Pillow skips stray bytes; so unusual a file is left to it
        label = data.read(1)[0]
        block = _gif_block(data)
        if block is None:
            raise _Undecided  # an empty extension: Pillow then reads on into what follows
        if label == 0xF9 and len(block) < 4:
            raise _Undecided  # a graphic control extension Pillow cannot read
        if label == 0xFE:  # a comment: Pillow reads its blocks up to the terminator
            while block is not None:
                block = _gif_block(data)
            continue
        if label == 0xFF and first and block.startswith(b"NETSCAPE2.0") and _gif_block(data) is None:
            raise _Undecided  # as an empty extension
        data.skip_blocks()


# WebP (Pillow's WebPImagePlugin, libwebp's demuxer) -----------------------------------------------------


_WEBP_FLAGS = {b"ICCP": 0x20, b"ALPH": 0x10, b"EXIF": 0x08, b"XMP ": 0x04}
"""The `VP8X` header's flag for each chunk it announces (0x02 is an animation, left to Pillow)."""
_WEBP_TAILS: tuple[list[bytes], ...] = ([], [b"EXIF"], [b"XMP "], [b"EXIF", b"XMP "])
"""What may follow a still picture's bitstream in a `VP8X` file, as encoders write it."""


def _webp(data: _Bytes, name: str, size: int) -> Figures:
    """A still WebP, as libwebp's demuxer reads it for Pillow: the simple formats (one lossy `VP8 ` or
    lossless `VP8L` bitstream filling the RIFF file) and the extended one (`VP8X`) with a profile, an alpha
    channel, EXIF or XMP, in the order encoders write them. An animation is left to Pillow."""
    if size > WHOLE_FILE_UP_TO:
        raise _Undecided
    riff, riff_size, webp = struct.unpack("<4sI4s", data.read(12))
    if riff != b"RIFF" or webp != b"WEBP" or riff_size + 8 != data.end:
        raise _Undecided
    chunks: list[tuple[bytes, int, bytes]] = []  # kind, length, first bytes
    at = 12
    for _ in range(MAX_BOXES):
        if at == data.end:
            break
        data.seek(at)
        kind, length = struct.unpack("<4sI", data.read(8))
        if at + 8 + length + (length & 1) > data.end:
            raise _Undecided
        chunks.append((kind, length, data.read(min(length, 10))))
        at += 8 + length + (length & 1)
    else:
        raise _Undecided
    kinds = [chunk[0] for chunk in chunks]
    if kinds in ([b"VP8 "], [b"VP8L"]):
        width, height = _webp_bitstream(*chunks[0])
    elif kinds[:1] == [b"VP8X"] and chunks[0][1] == 10:
        flags, head = chunks[0][2][0], chunks[0][2]
        rest = kinds[1:]
        profile = rest[:1] == [b"ICCP"]
        alpha = rest[profile : profile + 1] == [b"ALPH"]
        image = profile + alpha
        if flags & ~0x3C or image >= len(rest) or rest[image + 1 :] not in _WEBP_TAILS:
            raise _Undecided  # unknown flags, an animation, no picture, chunks in another order
        if rest[image] not in (b"VP8 ", b"VP8L") or (alpha and rest[image] == b"VP8L"):
            raise _Undecided
        for kind, flag in _WEBP_FLAGS.items():
            if (kind in rest) != bool(flags & flag) and not (kind == b"ALPH" and rest[image] == b"VP8L"):
                raise _Undecided  # a chunk the header does not announce, or the reverse
        width, height = _webp_bitstream(*chunks[1 + image])
        canvas = (int.from_bytes(head[4:7], "little") + 1, int.from_bytes(head[7:10], "little") + 1)
        if canvas != (width, height):
            raise _Undecided  # libwebp refuses a still picture that does not fill its canvas
    else:
        raise _Undecided
    if width * height > WEBP_MAX_PIXELS:
        raise _Undecided
    _pixels(width, height)
    return Figures("image", "WEBP", size, width, height)


def _webp_bitstream(kind: bytes, length: int, body: bytes) -> tuple[int, int]:
    """A bitstream's size, where its header reads as libwebp's `VP8GetInfo` or `VP8LGetInfo` accepts it."""
    if kind == b"VP8 ":
        bits = int.from_bytes(body[:3], "little")
        if length < 10 or body[3:6] != b"\x9d\x01\x2a" or bits & 1 or (bits >> 1) & 7 > 3:
            raise _Undecided  # not a key frame, an unknown profile
        if not (bits >> 4) & 1 or bits >> 5 >= length:
            raise _Undecided  # a hidden frame, a first partition longer than the data
        width, height = struct.unpack_from("<HH", body, 6)
        return width & 0x3FFF, height & 0x3FFF
    if length < 5 or body[0] != 0x2F or body[4] >> 5:
        raise _Undecided  # its signature, its version (0)
    bits = struct.unpack_from("<I", body, 1)[0]
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1


# ISO BMFF video: MP4 and MOV (MediaInfo) ---------------------------------------------------------------

_TOP = frozenset((b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide"))
_MOOV = frozenset((b"mvhd", b"trak", b"udta", b"meta", b"iods", b"free", b"skip"))
_TRAK = frozenset((b"tkhd", b"edts", b"mdia", b"udta", b"meta", b"free", b"skip"))
_MDIA = frozenset((b"mdhd", b"hdlr", b"minf", b"udta", b"free", b"skip"))
_MINF = frozenset((b"vmhd", b"smhd", b"dinf", b"stbl", b"hdlr", b"free", b"skip"))
_STBL = frozenset(b"stsd stts stss ctts stsc stsz stz2 stco co64 sdtp sgpd sbgp cslg stps free skip".split())
"""Boxes expected at each level; any other (`mvex` of a fragmented file, `tref`, a timecode or text
track's headers, …) leaves the file to MediaInfo."""
_VIDEO_ENTRIES = frozenset((b"avc1",))
"""Sample descriptions whose width and height MediaInfo reports as written (checked against it)."""

_Box = tuple[bytes, int, int]
"""A box's type and where its body starts and ends in the bytes read."""


def _bmff(data: _Bytes, name: str, size: int) -> Figures:
    moov: bytes | None = None
    at = 0
    for index in range(MAX_BOXES):
        if at == data.end:
            break
        data.seek(at)
        length, kind = struct.unpack(">I4s", data.read(8))
        head = 8
        if length == 1:
            length, head = struct.unpack(">Q", data.read(8))[0], 16
        elif length == 0 and kind == b"mdat":
            length = data.end - at  # the media data runs to the end of the file
        if kind not in _TOP or length < head or at + length > data.end:
            raise _Undecided
        if kind == b"ftyp" and index != 0:
            raise _Undecided
        if kind == b"moov":
            if moov is not None:
                raise _Undecided
            moov = data.read(length - head)
        at += length
    else:
        raise _Undecided
    if moov is None:
        raise _Undecided
    return _movie(moov, name, size)


def _children(data: bytes, start: int, end: int, expected: frozenset[bytes]) -> list[_Box]:
    found: list[_Box] = []
    at = start
    while at < end:
        if len(found) >= MAX_BOXES or end - at < 8:
            raise _Undecided
        length, kind = struct.unpack_from(">I4s", data, at)
        if kind not in expected or length < 8 or at + length > end:
            raise _Undecided  # also a 64-bit or "to the end" size, unheard of inside `moov`
        found.append((kind, at + 8, at + length))
        at += length
    return found


def _one(boxes: list[_Box], kind: bytes) -> _Box:
    matching = [box for box in boxes if box[0] == kind]
    if len(matching) != 1:
        raise _Undecided
    return matching[0]


def _full(data: bytes, box: _Box, least: int, least_v1: int | None = None) -> tuple[int, int]:
    """A full box's version (0 or 1) and where its fields start; its body holds at least `least` bytes
    (`least_v1` for a version 1 box, whose times are 64-bit)."""
    _, start, end = box
    if end - start < 4 or data[start] > 1:
        raise _Undecided
    version = data[start]
    if end - start < (least_v1 if version and least_v1 is not None else least):
        raise _Undecided
    return version, start + 4


def _movie(moov: bytes, name: str, size: int) -> Figures:
    boxes = _children(moov, 0, len(moov), _MOOV)
    version, at = _full(moov, _one(boxes, b"mvhd"), 100, 112)
    timescale = struct.unpack_from(">I", moov, at + (16 if version else 8))[0]
    tracks = [_track(moov, box) for box in boxes if box[0] == b"trak"]
    videos = [track for track in tracks if track[0] == b"vide"]
    if timescale == 0 or len(videos) != 1 or any(t[0] not in (b"vide", b"soun") for t in tracks):
        raise _Undecided
    _, width, height, movie_duration, media_ms = videos[0]
    millis = _millis(movie_duration, timescale)
    if millis <= 0 or millis != media_ms or width <= 0 or height <= 0:
        raise _Undecided
    return Figures("video", name, size, width, height, round(millis / 1000, 3))


def _millis(duration: int, timescale: int) -> int:
    """Milliseconds as MediaInfo reports them: rounded, halves up."""
    return (2000 * duration + timescale) // (2 * timescale)


def _track(moov: bytes, trak: _Box) -> tuple[bytes, int, int, int, int]:
    """(handler, width, height, duration in the movie's time scale, duration in ms by the media header)."""
    boxes = _children(moov, trak[1], trak[2], _TRAK)
    version, at = _full(moov, _one(boxes, b"tkhd"), 84, 96)
    duration = struct.unpack_from(">Q" if version else ">I", moov, at + (24 if version else 16))[0]
    mdia = _children(moov, *_one(boxes, b"mdia")[1:], _MDIA)
    version, at = _full(moov, _one(mdia, b"mdhd"), 24, 36)
    timescale, media_duration = struct.unpack_from(
        ">IQ" if version else ">II", moov, at + (16 if version else 8)
    )
    hdlr = _one(mdia, b"hdlr")
    if hdlr[2] - hdlr[1] < 12 or timescale == 0 or media_duration == 0:
        raise _Undecided
    handler = moov[hdlr[1] + 8 : hdlr[1] + 12]
    minf = _children(moov, *_one(mdia, b"minf")[1:], _MINF)
    stbl = _children(moov, *_one(minf, b"stbl")[1:], _STBL)
    if _samples_duration(moov, _one(stbl, b"stts")) != media_duration:
        raise _Undecided
    edits = [box for box in boxes if box[0] == b"edts"]
    if len(edits) > 1 or (edits and not _plain_edit(moov, edits[0], duration)):
        raise _Undecided
    width = height = 0
    if handler == b"vide":
        _, at = _full(moov, _one(stbl, b"stsd"), 8)
        count = struct.unpack_from(">I", moov, at)[0]
        entry = _children(moov, at + 4, _one(stbl, b"stsd")[2], _VIDEO_ENTRIES)
        if count != 1 or len(entry) != 1 or entry[0][2] - entry[0][1] < 78:
            raise _Undecided
        width, height = struct.unpack_from(">HH", moov, entry[0][1] + 24)
    return handler, width, height, duration, _millis(media_duration, timescale)


def _samples_duration(moov: bytes, stts: _Box) -> int:
    _, at = _full(moov, stts, 8)
    count = struct.unpack_from(">I", moov, at)[0]
    if stts[2] - at - 4 < 8 * count:
        raise _Undecided
    return sum(n * delta for n, delta in struct.iter_unpack(">II", moov[at + 4 : at + 4 + 8 * count]))


def _plain_edit(moov: bytes, edts: _Box, duration: int) -> bool:
    """One edit that plays the whole track at normal rate (as video encoders write), which MediaInfo's
    duration does not depend on; anything else is left to it."""
    elst = _children(moov, edts[1], edts[2], frozenset((b"elst",)))
    if len(elst) != 1:
        return False
    version, at = _full(moov, elst[0], 20, 28)
    if struct.unpack_from(">I", moov, at)[0] != 1:
        return False
    segment, start, rate = struct.unpack_from(">QqI" if version else ">IiI", moov, at + 4)
    return bool(segment == duration and start >= 0 and rate == 0x10000)


_READERS = {"JPEG": _jpeg, "PNG": _png, "GIF": _gif, "WEBP": _webp, "MP4": _bmff, "MOV": _bmff}

FORMATS = frozenset(_READERS)
"""The formats (as `headers` sniffs them) a quick reader tries."""
