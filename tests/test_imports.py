"""pymediainfo and holidays imported without `importlib.metadata` (cmcal.imports), the same in every way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLIP = Path(__file__).resolve().parent / "data" / "media" / "clip.mp4"

MEDIAINFO = f"""
from pymediainfo import MediaInfo
import pymediainfo
info = MediaInfo.parse({str(CLIP)!r}, parse_speed=0, buffer_size=4096)
print([(t.track_type, t.width, t.height, t.duration) for t in info.tracks], pymediainfo.__version__)
"""

HOLIDAYS = """
import holidays
found = holidays.country_holidays("CA", subdiv="QC", years=2027, language="fr")
print(sorted((str(d), n) for d, n in found.items()), holidays.__version__)
"""

AFTER = 'import importlib\nprint("importlib.metadata" in sys.modules, hasattr(importlib, "metadata"))\n'


def run(code: str, *path: Path) -> list[str]:
    prelude = f"import sys\nsys.path[:0] = {[str(p) for p in path]!r}\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def ours(name: str) -> str:
    return f"from cmcal.imports import import_without_metadata\nimport_without_metadata({name!r})\n"


def test_pymediainfo_reads_the_same_and_knows_its_version() -> None:
    plain = run(MEDIAINFO + AFTER)
    assert "'Video'" in plain[0]
    assert not plain[0].endswith(" ")  # its version is read
    assert plain[1] == "True True"
    assert run(ours("pymediainfo") + MEDIAINFO + AFTER) == [plain[0], "False False"]


def test_holidays_are_the_same_and_know_their_version() -> None:
    plain = run(HOLIDAYS + AFTER)
    assert "('2027-06-24', 'Fête nationale du Québec')" in plain[0]
    assert plain[1] == "True True"
    assert run(ours("holidays") + HOLIDAYS + AFTER) == [plain[0], "False False"]


def test_once_importlib_metadata_is_loaded_the_import_is_the_ordinary_one() -> None:
    code = "import importlib.metadata\n" + ours("holidays") + HOLIDAYS + AFTER
    assert run(code)[1] == "True True"


def fake(folder: Path, body: str, version: str | None = "1.2") -> None:
    package = folder / "fakepkg"
    package.mkdir()
    (package / "__init__.py").write_text(f"from importlib import metadata\n{body}", encoding="utf-8")
    if version is not None:
        info = folder / f"fakepkg-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: fakepkg\nVersion: {version}\n\nVersion: 9\n", encoding="utf-8"
        )


SHOW = "import fakepkg, importlib.metadata\nprint(fakepkg.V, hasattr(importlib.metadata, 'distribution'))\n"


def test_the_version_is_read_from_the_packages_own_metadata(tmp_path: Path) -> None:
    fake(tmp_path, "V = metadata.version('fakepkg')\n")
    assert run(ours("fakepkg") + "import fakepkg\nprint(fakepkg.V)\n" + AFTER, tmp_path) == [
        "1.2",
        "False False",
    ]


def test_a_package_asking_for_more_is_imported_again_the_ordinary_way(tmp_path: Path) -> None:
    fake(
        tmp_path,
        "try:\n    metadata.distribution('fakepkg-not-installed')\n"
        "except metadata.PackageNotFoundError:\n    V = 'ordinary'\n",
    )
    assert run(ours("fakepkg") + SHOW, tmp_path) == ["ordinary True"]


def test_another_packages_version_is_asked_the_real_module(tmp_path: Path) -> None:
    fake(
        tmp_path,
        "try:\n    V = metadata.version('fakepkg-not-installed')\n"
        "except metadata.PackageNotFoundError:\n    V = 'not installed'\n",
    )
    assert run(ours("fakepkg") + SHOW, tmp_path) == ["not installed True"]


def test_without_a_dist_info_beside_it_the_import_is_the_ordinary_one(tmp_path: Path) -> None:
    fake(
        tmp_path,
        "try:\n    V = metadata.version('fakepkg')\nexcept metadata.PackageNotFoundError:\n    V = 'none'\n",
        version=None,
    )
    assert run(ours("fakepkg") + SHOW, tmp_path) == ["none True"]
