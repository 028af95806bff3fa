"""Media checks on real files made in the test: each code at its exact line:col, as `cmcal check` says."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cmcal.check.media import media_problems, media_type
from cmcal.files.loader import load
from cmcal.platforms.media import MediaFiles
from tests.helpers import run_cli
from tests.media import clip, gif, image, lfs_pointer, text_named

HEAD = """calendar: Media
timezone: UTC
platforms: [instagram, facebook, x, youtube, bluesky, mastodon, linkedin, pinterest, tiktok, threads]
posts:
"""


def write(folder: Path, posts: str) -> Path:
    path = folder / "calendar.yaml"
    path.write_text(HEAD + posts, encoding="utf-8")
    return path


def found(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    result = run_cli(["check", str(path), "--today", "2026-11-30", "--format", "json"], capsys)
    assert result.exit_code in (0, 1), result.stderr
    return [f"{p['line']}:{p['column']} {p['code']}" for p in json.loads(result.stdout)["problems"]]


def messages(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    result = run_cli(["check", str(path), "--today", "2026-11-30"], capsys)
    return result.stdout.splitlines()


def test_a_good_post_has_no_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image(tmp_path / "media" / "tarte.jpg", 1080, 1080)
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: Tarte
    platforms: [instagram, facebook, x]
    status: scheduled
    media:
      - {file: media/tarte.jpg, alt: Une tarte au sucre}
""",
    )
    result = run_cli(["check", str(path), "--today", "2026-11-30"], capsys)
    assert (result.exit_code, result.stdout) == (0, "")


def test_paths_that_are_not_usable_media(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    calendars = repo / "calendars"
    calendars.mkdir()
    text_named(calendars / "media" / "note.jpg")
    lfs_pointer(calendars / "media" / "lfs.jpg")
    (calendars / "media" / "empty.png").write_bytes(b"")
    (calendars / "media" / "folder.jpg").mkdir()
    image(repo / "shared" / "logo.jpg", 400, 400)  # above the calendar's folder, inside the repository
    image(tmp_path / "secret.jpg", 400, 400)
    try:
        (calendars / "media" / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    except OSError:
        pytest.skip("symlinks are not available here")
    path = write(
        calendars,
        """  - date: 2026-12-01
    title: Broken
    platform: x
    media:
      - media/missing.jpg
      - ../../secret.jpg
      - /etc/hosts
      - media/link.jpg
      - media/note.jpg
      - media/lfs.jpg
      - media/empty.png
      - media/folder.jpg
      - {file: ../shared/logo.jpg, alt: Le logo}
""",
    )
    assert found(path, capsys) == [
        "9:9 missing-media",
        "10:9 media-outside",
        "11:9 media-outside",
        "12:9 media-outside",
        "13:9 bad-media",
        "14:9 media-not-fetched",
        "15:9 bad-media",
        "16:9 bad-media",
    ]
    lines = messages(path, capsys)
    assert any("is not a readable image or video: it is a text file" in line for line in lines)
    assert any("a Git LFS pointer" in line and "git lfs pull" in line for line in lines)
    assert any("it is an empty file" in line for line in lines)
    assert not any("Ceci" in line for line in lines), "no file content in a message"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tmp_path / "pipe.jpg")
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: Pipe
    platform: x
    media: [pipe.jpg]
""",
    )
    assert found(path, capsys) == ["8:13 bad-media"]


def test_the_real_format_not_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image(tmp_path / "really-a-png.jpg", 1080, 1080, "PNG")
    image(tmp_path / "photo.webp", 1080, 1080, "WEBP")
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: PNG named .jpg
    platform: instagram
    media:
      - {file: really-a-png.jpg, alt: Un carré}
  - date: 2026-12-02
    title: WebP
    platforms: [instagram, tiktok, x]
    media:
      - {file: photo.webp, alt: Un carré}
""",
    )
    assert found(path, capsys) == ["9:9 media-not-supported", "14:9 media-not-supported"]
    lines = messages(path, capsys)
    assert '"really-a-png.jpg" is PNG; Instagram takes images in JPEG only' in lines[0]
    assert '"photo.webp" is WEBP; Instagram' in lines[1]  # TikTok and X take WebP


def test_counts_and_mixing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in range(12):
        image(tmp_path / f"p{n}.jpg", 1080, 1080)
    gif(tmp_path / "anim.gif", 64, 64, 4)
    clip(tmp_path / "clip.mp4")
    eleven = "".join(f"      - {{file: p{n}.jpg, alt: Photo {n}}}\n" for n in range(11))
    path = write(
        tmp_path,
        f"""  - date: 2026-12-01
    title: Eleven
    platforms: [instagram, x]
    media:
{eleven}  - date: 2026-12-02
    title: GIF and image on X
    platform: x
    media:
      - {{file: p0.jpg, alt: Photo}}
      - {{file: anim.gif, alt: Animation}}
  - date: 2026-12-03
    title: Carousel of one
    platform: instagram
    type: carousel
    media:
      - {{file: p0.jpg, alt: Photo}}
  - date: 2026-12-04
    title: Images and a video on a Threads carousel
    platform: threads
    media:
      - {{file: p0.jpg, alt: Photo}}
      - {{file: clip.mp4, alt: Une vidéo}}
""",
    )
    assert found(path, capsys) == [
        "13:9 media-count",  # X: the fifth image
        "19:9 media-count",  # Instagram: the eleventh item
        "25:9 media-not-supported",  # X does not mix an image and a GIF
        "31:9 media-count",  # a carousel needs 2 items
    ]


def test_type_follows_media_and_contradictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image(tmp_path / "p.jpg", 1080, 1080)
    clip(tmp_path / "short.mp4", short=True)
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: A video without type goes to Reels
    platform: instagram
    media: [short.mp4]
  - date: 2026-12-02
    title: A video post with an image
    platform: facebook
    type: video
    media:
      - {file: p.jpg, alt: Photo}
  - date: 2026-12-03
    title: Two images in a photo post
    platform: instagram
    type: photo
    media:
      - {file: p.jpg, alt: Photo}
      - {file: p.jpg, alt: Photo}
""",
    )
    assert found(path, capsys) == ["8:13 bad-duration", "14:9 media-not-supported", "21:9 media-count"]
    loaded = load([str(path)])
    files = MediaFiles()
    media_problems(loaded.calendars[0], files)
    post = loaded.calendars[0].posts[0]
    root = files.root(loaded.calendars[0].path)
    assert media_type([files.look(i, str(path), root) for i in post.media]) == "video"
    assert files.probed == 2, "each file read once, however many posts use it"


def test_figures_against_the_platforms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image(tmp_path / "wide.jpg", 2000, 500)
    image(tmp_path / "big.jpg", 400, 400, pad_to=5_100_000)
    clip(tmp_path / "vertical.mp4")  # 180×320, 3.5 s
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: Too wide for the feed
    platform: instagram
    media:
      - {file: wide.jpg, alt: Un bandeau}
  - date: 2026-12-02
    title: Over X's 5 MB
    platform: x
    media:
      - {file: big.jpg, alt: Un carré}
  - date: 2026-12-03
    title: Under Facebook Reels' 540x960, under TikTok's 360 px
    platforms: [facebook, tiktok]
    type: reel
    media: [vertical.mp4]
""",
    )
    # Facebook Reels and TikTok both refuse a 180×320 video: one problem each.
    assert found(path, capsys) == [
        "9:9 bad-dimensions",
        "14:9 media-too-large",
        "19:13 bad-dimensions",
        "19:13 bad-dimensions",
    ]
    lines = messages(path, capsys)
    assert '"wide.jpg" is 2000×500 px, an aspect ratio of 4.00; on Instagram it must be 0.80 to' in lines[0]
    assert '"big.jpg" is 5.1 MB, over X\'s limit of 5 MB for an image; compress it' in lines[1]
    assert "its width is 180 px, under the 540 px minimum of Facebook Reels" in lines[2]


def test_alt_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image(tmp_path / "p.jpg", 1080, 1080)
    clip(tmp_path / "clip.mp4")
    long_alt = "é" * 1001
    path = write(
        tmp_path,
        f"""  - date: 2026-12-01
    title: No alt on three platforms, once
    platforms: [instagram, x, tiktok]
    media: [p.jpg]
  - date: 2026-12-02
    title: Too long for X, not for Mastodon
    platforms: [x, mastodon]
    media:
      - file: p.jpg
        alt: {long_alt}
  - date: 2026-12-03
    title: Video alt on Instagram is not asked for
    platform: instagram
    media: [clip.mp4]
""",
    )
    assert found(path, capsys) == ["8:13 missing-alt", "14:14 alt-too-long"]
    lines = messages(path, capsys)
    assert '"p.jpg" has no alt text, which Instagram and X publish' in lines[0]
    assert "alt text of 1,001 characters, over X's limit of 1,000; shorten it by 1" in lines[1]


def test_no_media_only_once_ready(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: A draft may wait for its image
    platform: instagram
  - date: 2026-12-02
    title: Ready without media
    platforms: [instagram, x]
    status: ready
  - date: 2026-12-03
    title: X media only, Instagram none
    status: scheduled
    platforms:
      instagram: {}
      x: {media: ["https://cdn.example.org/a.jpg"]}
""",
    )
    assert found(path, capsys) == ["10:16 no-media", "16:7 no-media", "17:19 missing-alt"]


def test_urls_are_never_fetched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: URLs
    platforms: [instagram, youtube]
    media:
      - {url: "https://cdn.example.org/a.png?v=2", alt: Un carré}
      - url: https://cdn.example.org/clip.mp4
""",
    )
    # Instagram: PNG, from the extension; YouTube takes no image, and one video only.
    assert found(path, capsys) == ["9:9 media-not-supported", "9:9 media-not-supported", "10:9 media-count"]


def test_media_shapes_are_read_with_their_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path,
        """  - date: 2026-12-01
    title: Shapes
    platform: wordpress
    media:
      - http://cdn.example.org/a.jpg
      - {file: a.jpg, url: "https://cdn.example.org/a.jpg"}
      - {alt: Rien}
      - {file: a.jpg, legende: x}
      - [a.jpg]
""",
    )
    assert found(path, capsys) == [
        "7:15 unknown-platform",
        "9:9 bad-structure",
        "10:9 bad-structure",
        "11:9 missing-key",
        "12:9 missing-media",
        "12:23 unknown-key",
        "13:9 bad-structure",
    ]


def test_ideas_are_checked_like_posts_but_may_wait_for_media(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text_named(tmp_path / "note.jpg")
    image(tmp_path / "p.png", 1080, 1080, "PNG")
    path = write(
        tmp_path,
        """  - {date: 2026-12-01, title: Rien, platform: x}
ideas:
  - title: Sans media, pas encore
    platform: instagram
  - title: Un texte nommé .jpg, un PNG pour Instagram
    platform: instagram
    media:
      - note.jpg
      - {file: p.png, alt: Un carré}
""",
    )
    assert found(path, capsys) == ["12:9 bad-media", "13:9 media-not-supported"]


def test_a_media_file_is_read_through_the_bounded_opener(tmp_path: Path) -> None:
    from cmcal.files.source import open_regular

    (tmp_path / "big.bin").write_bytes(b"x" * 5000)
    with open_regular(str(tmp_path / "big.bin"), 1000) as handle:
        assert len(handle.read()) == 1000
        handle.seek(4000)
        assert handle.read() == b""  # the bound counts every byte read, wherever the reader seeks
