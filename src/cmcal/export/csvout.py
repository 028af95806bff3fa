"""`cmcal export --format csv`: a flat file for spreadsheets, or the bulk-upload file of a scheduler.

Decisions (README, "Exporting"):

- Generic CSV: a header row, then one row per post and platform (`COLUMNS`), and with gaps one row per
  unfilled slot (`kind` = `gap`), in (date, time, calendar, file) order. UTF-8 without a byte-order mark,
  CRLF line ends, fields quoted when they hold a comma, a quote or a line break (RFC 4180, Python's `csv`).
- Presets write what a scheduler's bulk upload takes as it is, and only what it can schedule:
  - the posts from today on (unless `--from` says otherwise) whose status is `ready` or `scheduled`
    (unless `--status` says otherwise);
  - one channel per file, because both tools upload a file to the accounts picked on their upload screen:
    a selection spanning several platforms or calendars is a usage error that names them;
  - posts without a time or without text are left out, each with a note on stderr.
  Times are the calendar's local wall-clock times: the scheduler's account must use the same time zone.
  The first note says the date format to pick on the upload screen and that zone.
- Rows the scheduler would refuse are `Exported.refused`, each naming the post's `FILE:LINE` and the fix;
  the CLI prints them and writes nothing (exit 1) unless `--force`. Both schedulers refuse a time already
  past (here: a day before "today", since the core never reads the clock) and more rows than they take at
  once; Hootsuite also refuses minutes off its 5-minute grid.
- `hootsuite`, Hootsuite's Bulk Composer (https://help.hootsuite.com/s/article/bulk-schedule): no header row;
  column A the date and time as `DD/MM/YYYY HH:MM` on a 24-hour clock (the upload screen asks for the file's
  date format: DD/MM/YYYY must be picked, since month-first reads 01/12 as 12 January and refuses 13/12),
  column B the message, column C an optional link, and, when a post of the file has media, column D their
  URLs separated by commas. Times on a 5-minute grid (:00, :05 …), at most 350 posts per file.
- `buffer`, Buffer's bulk upload (https://support.buffer.com/article/926-how-to-upload-posts-in-bulk-to-buffer):
  a header row `Text,Image URL,Tags,Posting Time`; `Posting Time` as `YYYY-MM-DD HH:mm` (24-hour). Buffer has
  no link column, so a link that is not already in the text is added after it. `Image URL` is the URL of the
  post's first media item (Buffer's bulk upload takes one; a note says when a post has more). `Tags` stay
  empty (Buffer refuses tags that its account does not have yet). At most 100 posts per upload; more than 10
  get a note, since the Free plan queues at most 10 per channel.
- Column names, kinds (`post`, `gap`), ids, statuses and the preset headers never change with the language;
  a gap's `window` is in its calendar's language, and the notes and refusals on stderr in the run's
  (README, "Languages").
- Media URLs come from each item's `url`, or `media_base_url` + the file's path relative to the root calendar
  file (`export.media`). A post on a platform that cannot publish without media (Instagram, TikTok, YouTube,
  Pinterest, Vimeo) whose row would carry no media URL is refused: it has no media, or its files have no URL
  (`media_base_url` is missing).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, time

from cmcal.export import (
    Exported,
    Item,
    Selection,
    gap_uid,
    local_start,
    select_posts,
    select_slots,
    slot_uid_key,
    usable_calendars,
)
from cmcal.export.media import post_media_urls
from cmcal.i18n import _, ngettext, using
from cmcal.i18n.formats import clock
from cmcal.model import Calendar
from cmcal.platforms.rules import rules_for
from cmcal.printable import no_surrogates

__all__ = ["BUFFER_COLUMNS", "COLUMNS", "PRESETS", "PRESET_STATUSES", "export_csv", "export_preset"]

COLUMNS = (
    "calendar",
    "kind",
    "id",
    "uid",
    "date",
    "time",
    "start",
    "timezone",
    "platform",
    "habit",
    "type",
    "title",
    "text",
    "link",
    "owner",
    "status",
    "tags",
    "window",
    "missing",
)
"""The generic CSV's columns. `start` is ISO 8601 with the UTC offset (empty for all-day items); `tags` are
joined with `, `; `window` and `missing` describe a gap's slot (empty for posts)."""

PRESETS = ("hootsuite", "buffer")
PRESET_STATUSES = frozenset({"ready", "scheduled"})
"""The statuses a preset exports unless `--status` is given: posts that are meant to go out as written."""
BUFFER_COLUMNS = ("Text", "Image URL", "Tags", "Posting Time")
HOOTSUITE_COLUMNS = 3
"""Date and time, message, link: Hootsuite's Bulk Composer reads columns by position, without a header."""
HOOTSUITE_MAX_ROWS = 350
BUFFER_MAX_ROWS = 100
MAX_ROWS = {"hootsuite": HOOTSUITE_MAX_ROWS, "buffer": BUFFER_MAX_ROWS}
"""The most rows each scheduler takes in one upload (see the module's decisions)."""
HOOTSUITE_GRID_MINUTES = 5
BUFFER_FREE_QUEUE = 10
"""Posts a channel's queue holds on Buffer's Free plan (https://support.buffer.com/hc/en-us/articles/
360037766074): a note, not a refusal, since cmcal cannot know the plan."""
_NAMES = {"hootsuite": "Hootsuite", "buffer": "Buffer"}
_MAX_NOTES = 10


def export_csv(
    calendars: Sequence[Calendar],
    selection: Selection,
    today_for: Callable[[Calendar], date],
    *,
    gaps: bool = False,
) -> Exported:
    """The generic CSV: one row per post and platform (and per gap slot with `gaps`)."""
    usable = usable_calendars(calendars)
    order = {id(c): n for n, c in enumerate(usable)}
    rows: list[tuple[tuple[date, time, int, int, int], list[str]]] = []
    items = select_posts(usable, selection)
    gap_count = 0
    for item in items:
        post = item.post
        key = (post.date, post.time or time.min, order[id(item.calendar)], 0, post.index)
        for platform in item.platforms:
            rows.append((key, _post_row(item, platform)))
    if gaps:
        for calendar in usable:
            with using(calendar.language):  # a window's label is in the calendar's language
                _first, _last, slots = select_slots(calendar, selection, today_for)
            for n, slot in enumerate(s for s in slots if s.is_gap):
                window = slot.window
                start = (
                    local_start(calendar.zone, window.first, window.at)
                    if window.at and window.is_day
                    else None
                )
                row = [
                    calendar.name,
                    "gap",
                    "",
                    gap_uid(calendar, slot_uid_key(slot), window.first),
                    window.first.isoformat(),
                    f"{window.at:%H:%M}" if window.at else "",
                    start.isoformat() if start else "",
                    calendar.timezone,
                    slot.platform,
                    slot.source,
                    slot.type or "",
                    slot.title(calendar),
                    "",
                    "",
                    slot.owner(calendar) or "",
                    "",
                    "",
                    window.label,
                    str(slot.missing),
                ]
                rows.append(((window.first, window.at or time.min, order[id(calendar)], 1, n), row))
                gap_count += 1
    rows.sort(key=lambda pair: pair[0])
    data = _write([list(COLUMNS), *(row for _, row in rows)])
    return Exported(data, posts=len(items), gaps=gap_count)


def _post_row(item: Item, platform: str) -> list[str]:
    post = item.post
    return [
        item.calendar.name,
        "post",
        post.id or "",
        item.uid,
        post.date.isoformat(),
        f"{post.time:%H:%M}" if post.time else "",
        item.start.isoformat() if item.start else "",
        item.calendar.timezone,
        platform,
        post.habit or "",
        post.type or "",
        post.title,
        post.text_for(platform) or "",
        post.link or "",
        post.owner or "",
        post.status,
        ", ".join(post.tags),
        "",
        "",
    ]


def export_preset(
    calendars: Sequence[Calendar],
    selection: Selection,
    today_for: Callable[[Calendar], date],
    preset: str,
) -> Exported:
    """The bulk-upload file of `preset` (one of `PRESETS`) for one channel, with the rows the scheduler would
    refuse in `refused` (see the module's decisions). Raises `UsageError` when the selection spans several
    platforms or calendars."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}")
    chosen = selection if selection.statuses else replace(selection, statuses=PRESET_STATUSES)
    items: list[Item] = []
    for calendar in usable_calendars(calendars):
        own = chosen if chosen.start is not None else replace(chosen, start=today_for(calendar))
        items.extend(select_posts([calendar], own))
    _one_channel(items, preset)
    skipped: list[str] = []
    refused: list[str] = []
    rows: list[list[str]] = []
    with_media = False
    for item in items:
        post = item.post
        for platform in item.platforms:
            text = (post.text_for(platform) or "").strip()
            where = _where(item)
            if item.start is None:
                skipped.append(
                    _('{where}: left out "{title}": it has no time, and {preset} needs one').format(
                        where=where, title=post.title, preset=preset
                    )
                )
                continue
            if not text:
                skipped.append(
                    _('{where}: left out "{title}": it has no text for {platform}').format(
                        where=where, title=post.title, platform=platform
                    )
                )
                continue
            urls, unreachable = post_media_urls(item.calendar, post, platform)
            refused.extend(
                _('{where}: "{title}" {why}').format(where=where, title=post.title, why=why)
                for why in _refusals(preset, item, today_for, platform, urls, unreachable)
            )
            with_media = with_media or bool(urls)
            if preset == "hootsuite":
                at = item.start  # the year in four digits: strftime drops the zeros of 0001
                rows.append(
                    [
                        f"{at.day:02d}/{at.month:02d}/{at.year:04d} {at:%H:%M}",
                        text,
                        post.link or "",
                        ",".join(urls),
                    ]
                )
            else:
                if post.link and post.link not in text:
                    text = f"{text}\n\n{post.link}"
                if len(urls) > 1:
                    skipped.append(
                        _(
                            '{where}: "{title}" has {n} media on {platform}; Buffer\'s bulk upload takes '
                            "one: only the first is in the file, add the others in Buffer"
                        ).format(where=where, title=post.title, n=len(urls), platform=platform)
                    )
                rows.append(
                    [text, urls[0] if urls else "", "", f"{item.start.date().isoformat()} {item.start:%H:%M}"]
                )
    if preset == "hootsuite" and not with_media:
        rows = [row[:HOOTSUITE_COLUMNS] for row in rows]  # column D only when a post has media
    refused = _capped(refused)
    limit = MAX_ROWS[preset]
    if len(rows) > limit:
        refused.append(
            _(
                "{n} posts: {tool} takes at most {limit} per upload; split the export with --from and --to"
            ).format(n=len(rows), tool=_NAMES[preset], limit=limit)
        )
    notes = [_format_note(preset, items), *_capped(skipped)]
    if preset == "buffer" and BUFFER_FREE_QUEUE < len(rows) <= limit:
        notes.append(
            _(
                "{n} posts: Buffer's Free plan queues at most {limit} per channel; a paid plan takes them all"
            ).format(n=len(rows), limit=BUFFER_FREE_QUEUE)
        )
    if not rows:
        notes.append(_("no post to upload: the {preset} file has no rows").format(preset=preset))
    header = [] if preset == "hootsuite" else [list(BUFFER_COLUMNS)]
    data = _write([*header, *rows])
    return Exported(data, tuple(notes), posts=len(rows), refused=tuple(refused))


def _format_note(preset: str, items: Sequence[Item]) -> str:
    """The first note of a preset: the date format to pick on the upload screen, and the time zone."""
    zones = sorted({item.calendar.timezone for item in items})
    zone = (
        _("; times are in {zone}: the {tool} account must use that time zone").format(
            zone=zones[0], tool=_NAMES[preset]
        )
        if zones
        else ""
    )
    if preset == "hootsuite":
        return _(
            "hootsuite: dates are day-first, DD/MM/YYYY HH:MM on a 24-hour clock: choose DD/MM/YYYY on "
            "Hootsuite's upload screen (month-first reads 01/12 as 12 January){zone}"
        ).format(zone=zone)
    return _("buffer: Posting Time is YYYY-MM-DD HH:mm on a 24-hour clock{zone}").format(zone=zone)


def _refusals(
    preset: str,
    item: Item,
    today_for: Callable[[Calendar], date],
    platform: str,
    urls: Sequence[str],
    unreachable: int,
) -> list[str]:
    """Why the scheduler would refuse this post's row on `platform`, if it would (each reason ends with the
    fix): a date past, a time off the grid, no media URL where the platform needs media."""
    assert item.start is not None
    reasons = []
    account = item.calendar.platforms.get(platform)
    rules = rules_for(account.kind) if account is not None and account.kind else None
    if rules is not None and rules.media_required and not urls:
        if unreachable:
            reasons.append(
                _(
                    "has media files but no URL for them: {platform} needs an image or a video that {tool} "
                    "can fetch; set `media_base_url:` in the calendar, or give each item a `url:`"
                ).format(platform=rules.name, tool=_NAMES[preset])
            )
        else:
            reasons.append(
                _("has no media: {platform} cannot publish without an image or a video; add `media:`").format(
                    platform=rules.name
                )
            )
    today = today_for(item.calendar)
    if item.post.date < today:
        reasons.append(
            _(
                "is on {day}, before today ({today}): {tool} schedules only what is ahead; leave it out with "
                "--from"
            ).format(day=item.post.date.isoformat(), today=today.isoformat(), tool=_NAMES[preset])
        )
    if preset == "hootsuite" and item.start.minute % HOOTSUITE_GRID_MINUTES:
        reasons.append(
            _("is at {time}; Hootsuite takes times on a {minutes}-minute grid (:00, :05 …): move it").format(
                time=clock(item.start.time()), minutes=HOOTSUITE_GRID_MINUTES
            )
        )
    return reasons


def _one_channel(items: Sequence[Item], preset: str) -> None:
    from cmcal.errors import UsageError

    platforms = sorted({p for item in items for p in item.platforms})
    if len(platforms) > 1:
        raise UsageError(
            _(
                "a {preset} upload goes to one channel: pick one with --platform (this selection has "
                "{platforms})"
            ).format(preset=preset, platforms=", ".join(platforms))
        )
    names = sorted({item.calendar.name for item in items})
    if len(names) > 1:
        paths = ", ".join(sorted({item.calendar.path for item in items}))
        raise UsageError(
            _(
                "a {preset} upload goes to one account: export one calendar by giving its path (this "
                "selection has {calendars}: {paths})"
            ).format(preset=preset, calendars=", ".join(names), paths=paths)
        )


def _where(item: Item) -> str:
    loc = item.post.loc
    return f"{loc.path}:{loc.line}" if loc is not None else item.calendar.path


def _capped(notes: list[str]) -> list[str]:
    if len(notes) <= _MAX_NOTES:
        return notes
    more = len(notes) - _MAX_NOTES
    return [
        *notes[:_MAX_NOTES],
        ngettext("… and {n} more like this", "… and {n} more like these", more).format(n=more),
    ]


def _write(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return no_surrogates(out.getvalue()).encode("utf-8")
