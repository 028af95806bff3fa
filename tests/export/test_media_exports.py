"""Exports carry the media: Buffer's and Hootsuite's media URL columns, the JSON export's figures, ICS ATTACH.

Each export is parsed back with a real reader (csv, json, icalendar) and its URLs compared."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest

from tests.helpers import run_cli
from tests.media import clip, image

CALENDAR = """calendar: Médias
timezone: America/Toronto
media_base_url: https://cdn.example.org/cal
platforms: [instagram, x, facebook]
include: [posts/*.yaml]
posts:
  - id: tarte
    date: 2026-12-01
    time: 11:30
    platform: instagram
    title: Tarte
    text: Une tarte
    status: scheduled
    media:
      - {file: media/tarte 1.jpg, alt: Une tarte}
      - {url: "https://other.example/reel.mp4", alt: Un reel}
  - id: sans
    date: 2026-12-02
    time: 11:30
    platform: instagram
    title: Sans image
    text: Rien à voir
    status: scheduled
"""
PART = """posts:
  - id: soupe
    date: 2026-12-03
    time: 12:00
    platform: instagram
    title: Soupe
    text: Une soupe
    status: ready
    media: [{file: ../media/soupe.jpg, alt: Une soupe}]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    image(tmp_path / "media" / "tarte 1.jpg", 1080, 1350)
    image(tmp_path / "media" / "soupe.jpg", 1080, 1080)
    clip(tmp_path / "media" / "clip.mp4")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "2026-12.yaml").write_text(PART, encoding="utf-8")
    (tmp_path / "calendar.yaml").write_text(CALENDAR, encoding="utf-8")
    return tmp_path


def export(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    result = run_cli(["export", str(folder / "calendar.yaml"), "--today", "2026-11-30", *args], capsys)
    return result.exit_code, result.stdout, result.stderr


def test_buffer_reads_the_first_media_url_and_refuses_a_post_without_media(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = export(folder, capsys, "--format", "csv", "--csv-preset", "buffer")
    assert code == 1 and out == ""
    assert "calendar.yaml:" in err and '"Sans image" has no media: Instagram cannot publish without' in err
    code, out, err = export(folder, capsys, "--format", "csv", "--csv-preset", "buffer", "--force")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [(r["Text"], r["Image URL"]) for r in rows] == [
        ("Une tarte", "https://cdn.example.org/cal/media/tarte%201.jpg"),
        ("Rien à voir", ""),
        ("Une soupe", "https://cdn.example.org/cal/media/soupe.jpg"),  # relative to the root file
    ]
    assert '"Tarte" has 2 media on instagram; Buffer\'s bulk upload takes one' in err


def test_hootsuite_reads_every_media_url_in_column_d(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = export(folder, capsys, "--format", "csv", "--csv-preset", "hootsuite", "--force")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert [row[3] for row in rows] == [
        "https://cdn.example.org/cal/media/tarte%201.jpg,https://other.example/reel.mp4",
        "",
        "https://cdn.example.org/cal/media/soupe.jpg",
    ]


def test_files_without_a_base_url_are_refused_with_the_fix(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "calendar.yaml"
    path.write_text(CALENDAR.replace("media_base_url: https://cdn.example.org/cal\n", ""), encoding="utf-8")
    code, _, err = export(folder, capsys, "--format", "csv", "--csv-preset", "buffer")
    assert code == 1
    assert '"Soupe" has media files but no URL for them' in err and "media_base_url" in err


def test_json_carries_each_item_with_its_figures(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = export(folder, capsys, "--format", "json")
    assert code == 0
    posts = {p["id"]: p for p in json.loads(out)["calendars"][0]["posts"]}
    tarte = posts["tarte"]["media"]
    assert tarte[0] == {
        "file": "media/tarte 1.jpg",
        "url": "https://cdn.example.org/cal/media/tarte%201.jpg",
        "alt": "Une tarte",
        "kind": "image",
        "format": "JPEG",
        "bytes": (folder / "media" / "tarte 1.jpg").stat().st_size,
        "width": 1080,
        "height": 1350,
        "duration": None,
        "frames": None,
        "problem": None,
    }
    assert tarte[1]["url"] == "https://other.example/reel.mp4" and tarte[1]["kind"] == "video"
    assert tarte[1]["bytes"] is None  # a URL is never fetched
    assert posts["sans"]["media"] == [] and posts["sans"]["platform_media"] == {}


def test_ics_attaches_the_media_urls(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = export(folder, capsys, "--format", "ics")
    assert code == 0
    cal = icalendar.Calendar.from_ical(out)
    attach = {
        str(event["X-CMCAL-ID"]): [str(a) for a in event.get("ATTACH", [])]
        if isinstance(event.get("ATTACH"), list)
        else [str(event["ATTACH"])]
        if event.get("ATTACH")
        else []
        for event in cal.walk("VEVENT")
    }
    assert attach == {
        "tarte": ["https://cdn.example.org/cal/media/tarte%201.jpg", "https://other.example/reel.mp4"],
        "sans": [],
        "soupe": ["https://cdn.example.org/cal/media/soupe.jpg"],
    }
