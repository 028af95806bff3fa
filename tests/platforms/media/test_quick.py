"""cmcal's own header readers against the libraries (`platforms.media.quick`, README "Media").

The rule they are held to: for any bytes, a quick reader answers None ("undecided": the libraries read the
file) or exactly the `Figures` Pillow or MediaInfo give through `headers`; and for the ordinary, well-formed
files it must answer, or it saves nothing.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import warnings
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from cmcal.platforms.media import headers, quick
from cmcal.platforms.media.figures import Figures
from tests.helpers import run_cli
from tests.media import (
    CLIP,
    REEL,
    SHORT_CLIP,
    avc1,
    box,
    elst,
    ftyp,
    full,
    mdhd,
    mp4,
    mp4a,
    mvhd,
    trak,
    video,
)

KINDS = {"JPEG": "image", "PNG": "image", "GIF": "image", "WEBP": "image", "MP4": "video", "MOV": "video"}


def quick_of(data: bytes, name: str) -> Figures | None:
    return quick.figures(io.BufferedReader(io.BytesIO(data)), name, len(data))


def library_of(data: bytes, name: str) -> Figures | headers.NotMedia:
    """What Pillow or MediaInfo say of the bytes, as `headers.probe` asks them (Pillow's warnings about a
    damaged EXIF are warnings in a run, not the errors the test settings make them)."""
    handle = io.BufferedReader(io.BytesIO(data))
    handle.peek(64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return headers._library(handle, KINDS[name], name, len(data))


def agrees(data: bytes, name: str) -> Figures | None:
    """The quick answer, asserted None or the library's."""
    found = quick_of(data, name)
    if found is not None:
        assert found == library_of(data, name), found
    return found


def sniffed(data: bytes) -> str | None:
    found = headers._sniff(data[:64])
    return found[1] if found is not None else None


def saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x0128] = 2  # ResolutionUnit: inches
    exif[0x011A] = 300.0  # XResolution
    exif[0x0110] = "Caméra"  # Model
    return exif.tobytes()


RGB = Image.new("RGB", (300, 200), (200, 120, 40))

JPEGS = {
    "baseline": saved(RGB, "JPEG", quality=40),
    "one pixel": saved(Image.new("RGB", (1, 1)), "JPEG"),
    "odd size": saved(Image.new("RGB", (17, 9), (1, 2, 3)), "JPEG"),
    "grey": saved(RGB.convert("L"), "JPEG"),
    "cmyk": saved(RGB.convert("CMYK"), "JPEG"),
    "progressive": saved(RGB, "JPEG", progressive=True),
    "optimized": saved(RGB, "JPEG", optimize=True, quality=90),
    "exif": saved(RGB, "JPEG", exif=_exif()),
    "exif and dpi": saved(RGB, "JPEG", exif=_exif(), dpi=(72, 72)),
    "icc": saved(RGB, "JPEG", icc_profile=b"\0" * 3000),
    "comment": saved(RGB, "JPEG", comment=b"Tarte au sucre"),
    "restart": saved(RGB, "JPEG", restart_marker_blocks=2),
    "subsampled": saved(RGB, "JPEG", subsampling=0, qtables="web_high"),
    "tall": saved(Image.new("RGB", (200, 3000)), "JPEG"),
}


def _interlaced(png: bytes) -> bytes:
    """The PNG with its header's interlace flag set (Pillow writes none; its header reads the same)."""
    assert png[12:16] == b"IHDR"
    body = bytearray(png[16:29])
    body[12] = 1
    return png[:16] + bytes(body) + struct.pack(">I", zlib.crc32(b"IHDR" + body)) + png[33:]


def _pnginfo() -> object:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Title", "Tarte")
    return info


PNGS = {
    "rgb": saved(RGB, "PNG"),
    "rgba": saved(RGB.convert("RGBA"), "PNG"),
    "grey": saved(RGB.convert("L"), "PNG"),
    "grey and alpha": saved(RGB.convert("LA"), "PNG"),
    "one bit": saved(RGB.convert("1"), "PNG"),
    "palette": saved(RGB.convert("P"), "PNG"),
    "palette with transparency": saved(RGB.convert("P"), "PNG", transparency=0),
    "grey with transparency": saved(RGB.convert("L"), "PNG", transparency=7),
    "16-bit": saved(Image.new("I;16", (40, 30)), "PNG"),
    "dpi": saved(RGB, "PNG", dpi=(300, 300)),
    "text": saved(RGB, "PNG", pnginfo=_pnginfo()),
    "exif": saved(RGB, "PNG", exif=_exif()),
    "interlaced": _interlaced(saved(RGB, "PNG")),
    "icc profile": saved(RGB, "PNG", icc_profile=bytes(range(256)) * 12),
    "one pixel": saved(Image.new("RGB", (1, 1)), "PNG"),
}


def _animated(count: int, **options: object) -> bytes:
    shots = [Image.new("RGB", (64, 48), ((i * 37) % 256, (i * 91) % 256, 0)) for i in range(count)]
    return saved(shots[0], "GIF", save_all=True, append_images=shots[1:], duration=40, **options)


def _screen(gif: bytes, width: int, height: int) -> bytes:
    """The GIF with a smaller logical screen than its first frame (Pillow grows its size to the frame)."""
    return gif[:6] + struct.pack("<HH", width, height) + gif[10:]


GIFS = {
    "still": saved(RGB.convert("P"), "GIF"),
    "grey": saved(RGB.convert("L"), "GIF"),
    "transparent": saved(RGB.convert("P"), "GIF", transparency=0),
    "comment": saved(RGB.convert("P"), "GIF", comment=b"Tarte au sucre"),
    "interlaced": saved(RGB.convert("P"), "GIF", interlace=True),
    "animated": _animated(4, loop=0),
    "animated once": _animated(3),
    "animated with comment": _animated(2, loop=0, comment=b"Tarte"),
    "animated, disposal": _animated(5, loop=0, disposal=2),
    "screen smaller than the frame": _screen(saved(RGB.convert("P"), "GIF"), 100, 100),
}


def _translucent() -> Image.Image:
    image = RGB.convert("RGBA")
    image.putalpha(128)
    return image


WEBPS = {
    "lossy": saved(RGB, "WEBP", quality=50),
    "lossless": saved(RGB, "WEBP", lossless=True),
    "lossless with alpha": saved(RGB.convert("RGBA"), "WEBP", lossless=True),
    "odd size": saved(Image.new("RGB", (17, 9), (1, 2, 3)), "WEBP"),
    "lossy with alpha": saved(_translucent(), "WEBP"),  # VP8X, ALPH, VP8
    "lossless translucent": saved(_translucent(), "WEBP", lossless=True),
    "exif": saved(RGB, "WEBP", exif=_exif()),  # VP8X, VP8, EXIF
    "icc and xmp": saved(RGB, "WEBP", icc_profile=bytes(300), xmp=b"<x:xmpmeta/>"),
}
WEBPS_LEFT = {
    "animated": saved(RGB, "WEBP", save_all=True, append_images=[Image.new("RGB", (300, 200))]),
}

VIDEOS = {
    "clip": CLIP.read_bytes(),
    "short clip": SHORT_CLIP.read_bytes(),
    "reel": REEL.read_bytes(),
}

WELL_FORMED = {
    **{f"JPEG {key}": (data, "JPEG") for key, data in JPEGS.items()},
    **{f"PNG {key}": (data, "PNG") for key, data in PNGS.items()},
    **{f"GIF {key}": (data, "GIF") for key, data in GIFS.items()},
    **{f"WEBP {key}": (data, "WEBP") for key, data in WEBPS.items()},
    **{f"MP4 {key}": (data, "MP4") for key, data in VIDEOS.items()},
}


@pytest.mark.parametrize("key", sorted(WELL_FORMED))
def test_well_formed_files_are_read_here_as_the_libraries_read_them(key: str) -> None:
    data, name = WELL_FORMED[key]
    assert sniffed(data) == name
    found = agrees(data, name)
    assert found is not None, "an ordinary file must not need a library"


def test_what_the_readers_leave_to_the_libraries() -> None:
    app2 = b"\xff\xe2" + struct.pack(">H", 2 + 8) + b"MPF\0II*\0"
    assert quick_of(JPEGS["baseline"][:2] + app2 + JPEGS["baseline"][2:], "JPEG") is None  # perhaps MPO
    lossless = JPEGS["baseline"].replace(b"\xff\xc0", b"\xff\xc3", 1)
    assert quick_of(lossless, "JPEG") is None
    apng = saved(RGB, "PNG", save_all=True, append_images=[Image.new("RGB", (300, 200))])
    assert quick_of(apng, "PNG") is None
    for data in WEBPS_LEFT.values():
        assert data[12:16] == b"VP8X"
        assert quick_of(data, "WEBP") is None
        assert isinstance(library_of(data, "WEBP"), Figures)
    assert quick_of(VIDEOS["clip"], "WEBM") is None
    assert {"JPEG", "PNG", "GIF", "WEBP", "MP4", "MOV"} == quick.FORMATS


SAMPLES = [*[(d, "JPEG") for d in JPEGS.values()], *[(d, "PNG") for d in PNGS.values()]]
SAMPLES += [*[(d, "GIF") for d in GIFS.values()], *[(d, "WEBP") for d in WEBPS.values()]]
SAMPLES += [(d, "MP4") for d in VIDEOS.values()]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_cut_file_is_undecided_or_read_as_the_libraries_read_it(data: st.DataObject) -> None:
    whole, name = data.draw(st.sampled_from(SAMPLES))
    cut = data.draw(st.integers(0, len(whole)))
    agrees(whole[:cut], name)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_mutated_file_is_undecided_or_read_as_the_libraries_read_it(data: st.DataObject) -> None:
    whole, name = data.draw(st.sampled_from(SAMPLES))
    mutated = bytearray(whole)
    reach = min(len(whole), 2048)  # the headers: mutations in the pixels or samples change no figure
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, reach - 1))
        mutated[at] = data.draw(st.sampled_from([0, 1, 0xFF, 0x7F, mutated[at] ^ 1, mutated[at] + 1 & 0xFF]))
    agrees(bytes(mutated), name)


def test_a_gif_cut_in_a_later_frame_is_damaged_not_a_crash() -> None:
    gif = GIFS["animated"]
    last = gif.rindex(b",")  # the last frame's image descriptor
    for cut in range(last + 1, last + 9):
        assert quick_of(gif[:cut], "GIF") is None
        assert library_of(gif[:cut], "GIF") == headers.NotMedia(
            "a damaged GIF file (its header does not read as an image)"
        )


def test_a_png_profile_as_pillow_inflates_it() -> None:
    png = saved(RGB, "PNG")
    at = png.index(b"IDAT") - 4

    def with_profile(body: bytes) -> bytes:
        chunk = struct.pack(">I", len(body)) + b"iCCP" + body + struct.pack(">I", zlib.crc32(b"iCCP" + body))
        return png[:at] + chunk + png[at:]

    assert agrees(with_profile(b"sRGB\0\0" + zlib.compress(bytes(3000))), "PNG") is not None
    assert agrees(with_profile(b"sRGB\0\0not deflated"), "PNG") is not None  # Pillow ignores it
    assert agrees(with_profile(b"sRGB\0\1" + zlib.compress(bytes(30))), "PNG") is None  # another method
    assert agrees(with_profile(b"sRGB\0"), "PNG") is None  # no method
    big = with_profile(b"sRGB\0\0" + zlib.compress(bytes(2 * 1024 * 1024)))
    assert agrees(big, "PNG") is None
    assert isinstance(library_of(big, "PNG"), headers.NotMedia)


def test_every_cut_of_the_headers(tmp_path: Path) -> None:
    """Each length in the headers of a JPEG and an MP4: undecided or the library's, never a wrong size."""
    for data, name in ((JPEGS["exif"], "JPEG"), (VIDEOS["short clip"], "MP4")):
        for cut in range(0, min(len(data), 1400), 7):
            agrees(data[:cut], name)


# ISO BMFF built box by box, against MediaInfo ----------------------------------------------------------


def movie(*traks: bytes, **options: object) -> Figures | None:
    data = mp4(*traks, **options)  # type: ignore[arg-type]
    return agrees(data, sniffed(data) or "MP4")


def test_hand_built_movies_decided() -> None:
    plain = mp4(video())
    assert agrees(plain, "MP4") == Figures("video", "MP4", len(plain), 640, 360, 3.0)
    assert movie(video(version=1), version=1) is not None  # 64-bit times
    qt = mp4(video(), brand=b"qt  ")
    assert sniffed(qt) == "MOV"
    assert agrees(qt, "MOV") is not None
    old = mp4(video(), brand=None)  # an old QuickTime file: no `ftyp`
    assert sniffed(old) == "MOV"
    assert agrees(old, "MOV") is not None
    # A 30000 time scale (29.97 frames a second) and a movie in 1/600 s: the same milliseconds.
    found = movie(video(timescale=30000, duration=100100, movie_duration=2002), timescale=600)
    assert found is not None and found.duration == 3.337
    assert movie(video(edts=elst(3000, start=1024))) is not None  # the plain edit list encoders write
    sound = trak(2, b"soun", mp4a(), 44100, 44100 * 5)
    assert movie(sound, video(), duration=5000) is not None  # sound beside the video: the video's duration


def test_hand_built_movies_left_to_mediainfo() -> None:
    assert movie(trak(1, b"soun", mp4a(), 44100, 44100 * 3)) is None  # audio only: MediaInfo says so
    second = trak(2, b"vide", avc1(320, 200), 1000, 2000, 320, 200)
    assert movie(video(), second) is None  # two video tracks
    assert movie(video(movie_duration=4000), duration=4000) is None  # track and media durations differ
    assert movie(video(stts=((10, 100),))) is None  # samples last 1 s of a 3 s media
    assert movie(video(edts=elst(2000))) is None  # an edit that cuts
    assert movie(video(edts=elst(3000, start=-1))) is None  # an empty edit
    assert movie(video(width=0, height=0)) is None
    assert movie(video(duration=0)) is None
    assert movie(video(fourcc=b"hvc1")) is None  # only the sample descriptions checked against MediaInfo
    mvex = box(b"mvex", full(b"trex", 0, 0, bytes(20)))  # a fragmented movie: samples in `moof` boxes
    assert (
        agrees(ftyp() + box(b"moov", mvhd(1000, 3000), video(), mvex) + box(b"mdat", bytes(8)), "MP4") is None
    )


def test_hand_built_movie_layouts() -> None:
    moov = box(b"moov", mvhd(1000, 3000), video())
    at_end = ftyp() + box(b"mdat", bytes(5000)) + moov  # "fast start" not applied: `moov` last
    assert agrees(at_end, "MP4") == Figures("video", "MP4", len(at_end), 640, 360, 3.0)
    large = ftyp() + moov + struct.pack(">I4sQ", 1, b"mdat", 16 + 100) + bytes(100)  # a 64-bit size
    assert agrees(large, "MP4") is not None
    to_end = ftyp() + moov + struct.pack(">I4s", 0, b"mdat") + bytes(100)  # a size of 0: to the end
    assert agrees(to_end, "MP4") is not None
    zero = ftyp() + struct.pack(">I4s", 0, b"free") + moov
    assert agrees(zero, "MP4") is None
    past = ftyp() + moov + struct.pack(">I4s", 10_000, b"mdat") + bytes(10)
    assert agrees(past, "MP4") is None
    two = ftyp() + moov + moov
    assert agrees(two, "MP4") is None
    assert agrees(ftyp() + box(b"mdat", bytes(10)), "MP4") is None  # no `moov`


def test_sizes_that_loop_or_overflow_are_bounded() -> None:
    inner = box(b"moov", mvhd(1000, 3000), struct.pack(">I4s", 0, b"trak") * 50)
    assert agrees(ftyp() + inner, "MP4") is None
    header = mdhd(1000, 3000)
    assert agrees(ftyp() + box(b"moov", header * 3000), "MP4") is None
    huge = ftyp() + struct.pack(">I4sQ", 1, b"moov", 2**63) + bytes(64)
    assert agrees(huge, "MP4") is None
    assert agrees(b"\xff\xd8" + b"\xff\xfe\x00\x02" * 100_000, "JPEG") is None  # empty comments, bounded


# Through `cmcal check` ---------------------------------------------------------------------------------

CALENDAR = """calendar: Médias
timezone: UTC
platforms: [instagram, x, youtube]
posts:
  - date: 2026-12-01
    title: Photos
    platforms: [instagram, x]
    media:
      - {file: media/tarte.jpg, alt: Une tarte}
      - {file: media/tourte.png, alt: Une tourte}
  - date: 2026-12-02
    title: Clip
    platform: youtube
    media: [media/clip.mp4]
"""


def _calendar(folder: Path, jpeg: bytes, png: bytes, clip: bytes) -> Path:
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "tarte.jpg").write_bytes(jpeg)
    (folder / "media" / "tourte.png").write_bytes(png)
    (folder / "media" / "clip.mp4").write_bytes(clip)
    path = folder / "calendar.yaml"
    path.write_text(CALENDAR, encoding="utf-8")
    return path


def test_check_of_ordinary_media_imports_neither_library(tmp_path: Path) -> None:
    path = _calendar(tmp_path, JPEGS["exif"], PNGS["rgb"], VIDEOS["clip"])
    (tmp_path / "media" / "anim.gif").write_bytes(GIFS["animated"])
    (tmp_path / "media" / "photo.webp").write_bytes(WEBPS["lossy"])
    more = "  - {date: 2026-12-03, title: GIF, platform: x, media: [{file: media/anim.gif, alt: A}]}\n"
    more += "  - {date: 2026-12-04, title: WebP, platform: x, media: [{file: media/photo.webp, alt: A}]}\n"
    path.write_text(CALENDAR + more, encoding="utf-8")
    code = (
        "import sys\nfrom cmcal.__main__ import main\nrc = main(sys.argv[1:])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PIL', 'pymediainfo'))), rc)\n"
    )
    args = ["check", str(path), "--today", "2026-11-30", "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, check=False
    )
    lines = done.stdout.splitlines()
    # Instagram takes no PNG: the figures were read, without Pillow or MediaInfo.
    assert [
        f"{p['line']}:{p['column']} {p['code']}" for p in json.loads("\n".join(lines[:-1]))["problems"]
    ] == ["10:9 media-not-supported"], done.stderr[-2000:]
    assert lines[-1] == "[] 1", done.stderr[-2000:]


def test_damaged_files_get_the_libraries_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jpeg = JPEGS["baseline"]
    cut = jpeg[: jpeg.index(b"\xff\xc0") + 6]  # inside the frame header
    path = _calendar(tmp_path, cut, PNGS["rgb"][:40], VIDEOS["clip"][:300])
    result = run_cli(["check", str(path), "--today", "2026-11-30"], capsys)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    then = "; replace it with a JPEG, PNG, GIF or MP4 file"
    assert [line.removeprefix(str(path)) for line in lines] == [
        ':9:9: error [bad-media] "media/tarte.jpg" is not a readable image or video: it is a damaged JPEG'
        f" file (its header does not read as an image){then}",
        ':10:9: error [bad-media] "media/tourte.png" is not a readable image or video: it is a damaged PNG'
        f" file (its header does not read as an image){then}",
        ':14:13: error [bad-media] "media/clip.mp4" is not a readable image or video: it is a damaged MP4'
        f" file (no video track can be read){then}",
    ]


def test_a_cut_animated_gif_is_bad_media_not_an_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gif = GIFS["animated"]
    (tmp_path / "anim.gif").write_bytes(gif[: gif.rindex(b",") + 3])
    path = tmp_path / "calendar.yaml"
    path.write_text(
        "calendar: G\ntimezone: UTC\nplatforms: [x]\nposts:\n  - date: 2026-12-01\n    title: G\n"
        "    platform: x\n    media: [{file: anim.gif, alt: A}]\n",
        encoding="utf-8",
    )
    result = run_cli(["check", str(path), "--today", "2026-11-30"], capsys)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0].removeprefix(str(path)) == (
        ':8:13: error [bad-media] "anim.gif" is not a readable image or video: it is a damaged GIF file (its'
        " header does not read as an image); replace it with a JPEG, PNG, GIF or MP4 file"
    )
