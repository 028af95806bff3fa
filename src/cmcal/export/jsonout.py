"""`cmcal export --format json`: the normalized schedule, for scripts and dashboards.

Shape (README, "Exporting"; `version` changes only when a field changes meaning or goes away):

    {"version": 1, "from": DATE|null, "to": DATE|null,
     "calendars": [{"name", "path", "timezone", "team", "platforms": [...], "habits": [...],
                    "posts": [...], "slots_from": DATE, "slots_to": DATE, "slots": [...], "gaps": [...]}]}

- `from` / `to`: the post range asked for (null: open on that side).
- A post: `id` (or null), `uid`, `date`, `time` (`HH:MM` or null), `start` (ISO 8601 with the UTC offset, or
  null for an all-day post), `all_day`, `platforms`, `habit`, `type`, `title`, `text`, `texts` (per-platform
  overrides), `link`, `owner`, `status`, `tags`, `media`, `platform_media` (per-platform lists) and `source`
  (`path`, `line`, `column`). A media item: `file` (or null for a URL), `url` (its `url`, else
  `media_base_url` + the file's path; null without one), `alt`, and what the file's header says: `kind`
  (`image`, `gif`, `video`), `format`, `bytes`, `width`, `height`, `duration` (seconds), `frames`, or
  `problem`, the code `check` reports for a file that cannot be read (a URL's kind and format come from its
  extension; its figures are null).
- A habit: its fields as written, resolved: `every` (or null with `rrule`), `days` (weekday names for a
  week, day numbers for a month), `at`, `start`, `end`, `skip`, `times`, `required`, `owner`, `type`.
- A slot: `habit`, `platform`, `first` and `last` (the window's days), `at`, `label`, `times`, `required`,
  `filled_by` (the posts' uids), `missing`, `gap`. `gaps` repeats the slots that are gaps. Slots cover
  `slots_from` .. `slots_to`: `--from`, else today; `--to`, else 90 days.
- Keys are always present (null when unknown); lists keep the calendar's order; the output is stable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from cmcal.export import Exported, Item, Selection, post_uids, select_posts, select_slots, usable_calendars
from cmcal.export.media import media_object
from cmcal.habits.slots import Slot
from cmcal.model import WEEKDAYS, Calendar, Every, Habit
from cmcal.platforms.media import MediaFiles
from cmcal.printable import no_surrogates

__all__ = ["VERSION", "export_json"]

VERSION = 1


def export_json(
    calendars: Sequence[Calendar], selection: Selection, today_for: Callable[[Calendar], date]
) -> Exported:
    usable = usable_calendars(calendars)
    items = select_posts(usable, selection)
    by_calendar: dict[int, list[Item]] = {id(c): [] for c in usable}
    for item in items:
        by_calendar[id(item.calendar)].append(item)
    files = MediaFiles()
    shown = [_calendar(c, by_calendar[id(c)], selection, today_for, files) for c in usable]
    out: dict[str, Any] = {
        "version": VERSION,
        "from": _day(selection.start),
        "to": _day(selection.end),
        "calendars": shown,
    }
    gaps = sum(len(c["gaps"]) for c in shown)
    text = no_surrogates(json.dumps(out, ensure_ascii=False, indent=2)) + "\n"
    return Exported(text.encode("utf-8"), posts=len(items), gaps=gaps)


def _calendar(
    calendar: Calendar,
    items: list[Item],
    selection: Selection,
    today_for: Callable[[Calendar], date],
    files: MediaFiles,
) -> dict[str, Any]:
    first, last, slots = select_slots(calendar, selection, today_for)
    uids = post_uids(calendar)  # a slot's posts may be outside the selection
    slot_objects = [_slot(slot, uids) for slot in slots]
    return {
        "name": calendar.name,
        "path": calendar.path,
        "timezone": calendar.timezone,
        "team": list(calendar.team) if calendar.team is not None else None,
        "platforms": [{"id": a.id, "kind": a.kind, "handle": a.handle} for a in calendar.platforms.values()],
        "habits": [_habit(habit) for habit in calendar.habits.values()],
        "posts": [_post(item, files) for item in items],
        "slots_from": first.isoformat(),
        "slots_to": last.isoformat(),
        "slots": slot_objects,
        "gaps": [obj for obj in slot_objects if obj["gap"]],
    }


def _post(item: Item, files: MediaFiles) -> dict[str, Any]:
    post = item.post
    loc = post.loc
    calendar = item.calendar
    return {
        "id": post.id,
        "uid": item.uid,
        "date": post.date.isoformat(),
        "time": f"{post.time:%H:%M}" if post.time else None,
        "start": item.start.isoformat() if item.start else None,
        "all_day": item.start is None,
        "platforms": list(item.platforms),
        "habit": post.habit,
        "type": post.type,
        "title": post.title,
        "text": post.text,
        "texts": dict(post.texts),
        "link": post.link,
        "owner": post.owner,
        "status": post.status,
        "tags": list(post.tags),
        "media": [media_object(calendar, post, m, files) for m in post.media],
        "platform_media": {
            pid: [media_object(calendar, post, m, files) for m in items]
            for pid, items in post.platform_media.items()
        },
        "source": {"path": loc.path, "line": loc.line, "column": loc.column} if loc else None,
    }


def _habit(habit: Habit) -> dict[str, Any]:
    if habit.every is Every.WEEK:
        days: list[Any] = [WEEKDAYS[d] for d in habit.days if 0 <= d <= 6]
    else:
        days = list(habit.days)
    return {
        "id": habit.id,
        "title": habit.title,
        "platforms": list(habit.platforms),
        "every": habit.every.value if habit.every is not None else None,
        "days": days,
        "rrule": habit.rrule,
        "at": f"{habit.at:%H:%M}" if habit.at else None,
        "type": habit.type,
        "start": habit.start.isoformat(),
        "end": _day(habit.end),
        "skip": sorted(d.isoformat() for d in habit.skip),
        "times": habit.times,
        "required": habit.required,
        "owner": habit.owner,
    }


def _slot(slot: Slot, uids: dict[int, str]) -> dict[str, Any]:
    window = slot.window
    return {
        "habit": slot.habit,
        "platform": slot.platform,
        "first": window.first.isoformat(),
        "last": window.last.isoformat(),
        "at": f"{window.at:%H:%M}" if window.at else None,
        "label": window.label,
        "times": slot.times,
        "required": slot.required,
        "filled_by": [uids.get(id(post)) for post in slot.filled_by],
        "missing": slot.missing,
        "gap": slot.is_gap,
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
