"""Real media files for tests, made on the spot: Pillow images of given sizes and formats, GIFs with
frames, padded files of a given size, a text file named `.jpg`, a Git LFS pointer. Videos are the tiny MP4s
committed in tests/data/media (no encoder is needed to run the tests)."""

from __future__ import annotations

import shutil
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
