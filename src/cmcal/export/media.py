"""A post's media as exports carry them (README, "Exporting"): each item's URL, and its figures.

An item's URL is its `url:`, or, for a file, the calendar's `media_base_url` followed by the file's path
relative to the folder of the calendar's root file, each segment percent-encoded (`média/tarte 1.jpg` is
`m%C3%A9dia/tarte%201.jpg`). A file without `media_base_url`, or whose path leaves that folder, has no URL:
a scheduler cannot fetch it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from cmcal.model import Calendar, MediaItem, Post
from cmcal.platforms.media import Media, MediaFiles, relative_to_root
from cmcal.problems import Code

__all__ = ["media_object", "media_url", "post_media_urls"]


def media_url(calendar: Calendar, holder: str, item: MediaItem) -> str | None:
    """The URL a scheduler fetches the item from, or None (a file, and no `media_base_url`)."""
    if item.url is not None:
        return item.url
    base = calendar.media_base_url
    if base is None:
        return None
    rel = relative_to_root(item, holder, calendar.path)
    return None if rel is None else base + quote(rel, safe="/")


def post_media_urls(calendar: Calendar, post: Post, platform: str) -> tuple[list[str], int]:
    """The URLs of the post's media on `platform`, and how many of its items have none."""
    holder = post.loc.path if post.loc is not None else calendar.path
    urls: list[str] = []
    missing = 0
    for item in post.media_for(platform):
        url = media_url(calendar, holder, item)
        if url is None:
            missing += 1
        else:
            urls.append(url)
    return urls, missing


def media_object(calendar: Calendar, post: Post, item: MediaItem, files: MediaFiles) -> dict[str, Any]:
    """An item for the JSON export: as written, its URL, and a local file's figures (null where unknown)."""
    holder = post.loc.path if post.loc is not None else calendar.path
    found = files.look(item, holder, files.root(calendar.path))
    figures = found.figures
    return {
        "file": item.file,
        "url": media_url(calendar, holder, item),
        "alt": item.alt,
        "kind": found.kind,
        "format": found.format,
        "bytes": figures.bytes if figures else None,
        "width": figures.width if figures else None,
        "height": figures.height if figures else None,
        "duration": figures.duration if figures else None,
        "frames": figures.frames if figures else None,
        "problem": _problem(found),
    }


def _problem(found: Media) -> str | None:
    """Why a local file has no figures (`check` reports it): a problem code, or None."""
    if found.refused is not None:
        return found.refused.code.value
    if found.not_media is not None:
        return (Code.MEDIA_NOT_FETCHED if found.not_media.lfs else Code.BAD_MEDIA).value
    return None
