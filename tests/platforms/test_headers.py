"""pymediainfo imported without `importlib.metadata` (start-up, BENCHMARKS.md), with the same figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLIP = Path(__file__).resolve().parent.parent / "data" / "media" / "clip.mp4"

READ = """
import importlib, sys
{load}
info = MediaInfo.parse({clip!r}, parse_speed=0, buffer_size=4096)
print([(t.track_type, t.width, t.height, t.duration) for t in info.tracks])
print("importlib.metadata" in sys.modules, hasattr(importlib, "metadata"))
"""


def run(code: str, *path: Path) -> list[str]:
    env_path = [str(p) for p in path]
    prelude = f"import sys\nsys.path[:0] = {env_path!r}\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_mediainfo_reads_the_same_without_importlib_metadata() -> None:
    ours = run(
        READ.format(
            load="from cmcal.platforms.media.headers import _media_info\nMediaInfo = _media_info()",
            clip=str(CLIP),
        )
    )
    plain = run(READ.format(load="from pymediainfo import MediaInfo", clip=str(CLIP)))
    assert ours[0] == plain[0]
    assert "'Video'" in ours[0]
    assert ours[1] == "False False"  # the stand-in is gone, and the real module was never imported
    assert plain[1] == "True True"


def test_a_pymediainfo_needing_more_of_importlib_metadata_is_imported_the_ordinary_way(
    tmp_path: Path,
) -> None:
    package = tmp_path / "pymediainfo"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from importlib import metadata\n"
        "try:\n"
        "    metadata.distribution('pymediainfo-not-installed')\n"
        "except metadata.PackageNotFoundError:\n"
        "    pass\n"
        "class MediaInfo:\n"
        "    pass\n",
        encoding="utf-8",
    )
    code = (
        "import importlib.metadata as real\n"
        "del sys.modules['importlib.metadata']\n"
        "import importlib\n"
        "del importlib.metadata\n"
        "from cmcal.platforms.media.headers import _media_info\n"
        "MediaInfo = _media_info()\n"
        "print(MediaInfo.__module__, MediaInfo.__qualname__)\n"
        "print(hasattr(sys.modules['importlib.metadata'], 'distribution'))\n"
    )
    assert run(code, tmp_path) == ["pymediainfo MediaInfo", "True"]
