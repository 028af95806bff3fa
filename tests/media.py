"""Real media files for tests, made on the spot: Pillow images of given sizes and formats, GIFs with
frames, padded files of a given size, a text file named `.jpg`, a Git LFS pointer. Videos are the tiny MP4s
committed in tests/data/media (no encoder is needed to run the tests), and ISO BMFF files built box by box
(`mp4`, `trak`, …: headers only, as MediaInfo reads them)."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

from PIL import Image

from tests.conftest import DATA

CLIP = DATA / "media" / "clip.mp4"
"""H.264 in MP4, 180×320, 3.5 s."""
SHORT_CLIP = DATA / "media" / "short.mp4"
"""H.264 in MP4, 180×320, 1 s."""
REEL = DATA / "media" / "reel.mp4"
"""H.264 in MP4, 540×960 (the least Facebook Reels and Stories take), 3.5 s."""


def image(path: Path, width: int, height: int, fmt: str = "JPEG", pad_to: int | None = None) -> Path:
    """A plain image; `pad_to` appends zero bytes after the image data until the file has that many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (width, height), (200, 120, 40)).save(
        path, fmt, **({"quality": 30} if fmt == "JPEG" else {})
    )
    if pad_to is not None:
        with path.open("ab") as handle:
            handle.write(b"\0" * max(0, pad_to - path.stat().st_size))
    return path


def gif(path: Path, width: int, height: int, frames: int) -> Path:
    """An animated GIF: every frame differs, so that none is merged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shots = [Image.new("RGB", (width, height), ((i * 37) % 256, (i * 91) % 256, 0)) for i in range(frames)]
    shots[0].save(path, save_all=True, append_images=shots[1:], duration=40, loop=0)
    return path


def clip(path: Path, short: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHORT_CLIP if short else CLIP, path)
    return path


def text_named(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Ceci n'est pas une image.\n", encoding="utf-8")
    return path


def lfs_pointer(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n",
        encoding="utf-8",
    )
    return path


# ISO BMFF, box by box (ISO/IEC 14496-12): enough of a movie for MediaInfo to report its tracks.

MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def box(kind: bytes, *payload: bytes) -> bytes:
    data = b"".join(payload)
    return struct.pack(">I4s", 8 + len(data), kind) + data


def full(kind: bytes, version: int, flags: int, *payload: bytes) -> bytes:
    return box(kind, struct.pack(">I", (version << 24) | flags), *payload)


def _times(version: int, timescale: int, duration: int) -> bytes:
    if version:
        return struct.pack(">QQIQ", 0, 0, timescale, duration)
    return struct.pack(">IIII", 0, 0, timescale, duration)


def mvhd(timescale: int, duration: int, version: int = 0, next_id: int = 2) -> bytes:
    rate = struct.pack(">IH10x", 0x10000, 0x100)
    return full(
        b"mvhd",
        version,
        0,
        _times(version, timescale, duration),
        rate,
        MATRIX,
        bytes(24),
        struct.pack(">I", next_id),
    )


def tkhd(track_id: int, duration: int, width: int, height: int, version: int = 0) -> bytes:
    if version:
        times = struct.pack(">QQIIQ", 0, 0, track_id, 0, duration)
    else:
        times = struct.pack(">IIIII", 0, 0, track_id, 0, duration)
    size = struct.pack(">II", width << 16, height << 16)
    return full(b"tkhd", version, 3, times, bytes(8), struct.pack(">hhhH", 0, 0, 0, 0), MATRIX, size)


def mdhd(timescale: int, duration: int, version: int = 0) -> bytes:
    return full(b"mdhd", version, 0, _times(version, timescale, duration), struct.pack(">HH", 0x55C4, 0))


def hdlr(kind: bytes) -> bytes:
    return full(b"hdlr", 0, 0, struct.pack(">I4s12x", 0, kind), b"Handler\0")


def avc1(width: int, height: int, fourcc: bytes = b"avc1", children: bytes = b"") -> bytes:
    """A visual sample description (without its codec configuration: MediaInfo reads its size as written)."""
    size = struct.pack(">HHIII", width, height, 0x480000, 0x480000, 0)
    tail = struct.pack(">H", 1) + bytes(32) + struct.pack(">Hh", 0x18, -1)
    return box(fourcc, bytes(6), struct.pack(">H", 1), bytes(16), size, tail, children)


def mp4a() -> bytes:
    return box(
        b"mp4a", bytes(6), struct.pack(">H", 1), bytes(8), struct.pack(">HHHHI", 2, 16, 0, 0, 44100 << 16)
    )


def elst(segment: int, start: int = 0, rate: int = 0x10000, version: int = 0) -> bytes:
    entry = struct.pack(">QqI" if version else ">IiI", segment, start, rate)
    return box(b"edts", full(b"elst", version, 0, struct.pack(">I", 1), entry))


def stbl(entry: bytes, stts: tuple[tuple[int, int], ...]) -> bytes:
    times = struct.pack(">I", len(stts)) + b"".join(struct.pack(">II", c, d) for c, d in stts)
    return box(
        b"stbl",
        full(b"stsd", 0, 0, struct.pack(">I", 1), entry),
        full(b"stts", 0, 0, times),
        full(b"stsc", 0, 0, struct.pack(">I", 0)),
        full(b"stsz", 0, 0, struct.pack(">II", 0, 0)),
        full(b"stco", 0, 0, struct.pack(">I", 0)),
    )


def trak(
    track_id: int,
    kind: bytes,
    entry: bytes,
    timescale: int,
    duration: int,
    width: int = 0,
    height: int = 0,
    movie_duration: int | None = None,
    version: int = 0,
    stts: tuple[tuple[int, int], ...] | None = None,
    edts: bytes = b"",
) -> bytes:
    """A track; `movie_duration` is the track header's (in the movie's time scale), the media's by default."""
    header = full(b"vmhd", 0, 1, bytes(8)) if kind == b"vide" else full(b"smhd", 0, 0, bytes(4))
    dinf = box(b"dinf", full(b"dref", 0, 0, struct.pack(">I", 1), full(b"url ", 0, 1)))
    minf = box(b"minf", header, dinf, stbl(entry, stts or ((1, duration),)))
    mdia = box(b"mdia", mdhd(timescale, duration, version), hdlr(kind), minf)
    head = tkhd(track_id, duration if movie_duration is None else movie_duration, width, height, version)
    return box(b"trak", head, edts, mdia)


def video(
    width: int = 640,
    height: int = 360,
    timescale: int = 1000,
    duration: int = 3000,
    movie_duration: int | None = None,
    version: int = 0,
    stts: tuple[tuple[int, int], ...] | None = None,
    edts: bytes = b"",
    fourcc: bytes = b"avc1",
) -> bytes:
    """A movie's one video track (track 1), its header in the movie's time scale (1000 unless said)."""
    entry = avc1(width, height, fourcc)
    return trak(1, b"vide", entry, timescale, duration, width, height, movie_duration, version, stts, edts)


def ftyp(brand: bytes = b"isom") -> bytes:
    return box(b"ftyp", brand, struct.pack(">I", 0x200), b"isomiso2avc1mp41")


def mp4(
    *traks: bytes,
    timescale: int = 1000,
    duration: int = 3000,
    brand: bytes | None = b"isom",
    version: int = 0,
) -> bytes:
    """A movie of `traks`, its header first (`brand` None: an old QuickTime file, without `ftyp`)."""
    moov = box(b"moov", mvhd(timescale, duration, version, len(traks) + 1), *traks)
    return (ftyp(brand) if brand is not None else b"") + moov + box(b"mdat", bytes(16))
