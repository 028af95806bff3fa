"""The views as data: JSON and CSV records of `upcoming` and `gaps`.

Kept apart from the tables so that `--format json|csv` never imports Rich.

`gaps --format json` (version 1):

    {"version": 1, "start", "end", "items": [ITEM (kind "gap")],
     "habits": [{"calendar", "habit", "title", "owner", "required", "slots", "filled", "percent", "ideas"}],
     "events": [{"calendar", "event", "title", "date", "end", "location", "owner", "required", "slots",
                 "filled", "percent", "ideas"}],
     "holidays": [{"date", "calendar", "name"}], "blackouts": [{"from", "to", "calendar", "reason"}]}

`habits` has the habits with a slot in the range, `events` the events with a promised post in it (their
`date` and `end` are the event's own days, which may lie outside the range; `end` is null for one day).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from cmcal.printable import no_surrogates
from cmcal.views.compute import BlackoutSpan, GapsView, HabitCoverage, Holiday, IdeaCount, Item, UpcomingView

FORMATS = ("table", "json", "csv")
VERSION = 1
ITEM_KEYS = (
    "date",
    "time",
    "calendar",
    "platform",
    "kind",
    "habit",
    "type",
    "title",
    "owner",
    "status",
    "id",
    "missing",
    "times",
    "required",
    "window",
    "window_start",
    "window_end",
    "event",
    "campaign",
    "moved_from",
    "reason",
)
"""The keys of every JSON item and the columns of the CSV, in this order."""


def item_record(item: Item) -> dict[str, object]:
    """An item as JSON values, with every key of `ITEM_KEYS`."""
    window = item.window
    return {
        "date": item.date.isoformat(),
        "time": item.time.strftime("%H:%M") if item.time is not None else None,
        "calendar": item.calendar,
        "platform": item.platform,
        "kind": item.kind,
        "habit": item.habit,
        "type": item.type,
        "title": item.title,
        "owner": item.owner,
        "status": item.status,
        "id": item.id,
        "missing": item.missing,
        "times": item.times,
        "required": item.required,
        "window": window.label if window is not None else None,
        "window_start": window.first.isoformat() if window is not None else None,
        "window_end": window.last.isoformat() if window is not None else None,
        "event": item.event,
        "campaign": item.campaign,
        "moved_from": item.moved_from.isoformat() if item.moved_from is not None else None,
        "reason": item.reason,
    }


def holiday_record(holiday: Holiday) -> dict[str, object]:
    return {"date": holiday.date.isoformat(), "calendar": holiday.calendar, "name": holiday.name}


def blackout_record(blackout: BlackoutSpan) -> dict[str, object]:
    return {
        "from": blackout.first.isoformat(),
        "to": blackout.last.isoformat(),
        "calendar": blackout.calendar,
        "reason": blackout.reason,
    }


def _idea_record(count: IdeaCount) -> dict[str, object]:
    return {
        "calendar": count.calendar,
        "habit": count.habit,
        "event": count.event,
        "open": count.open,
        "ideas": count.ideas,
    }


def _json(document: dict[str, object]) -> str:
    return no_surrogates(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def upcoming_json(view: UpcomingView) -> str:
    return _json(
        {
            "version": VERSION,
            "start": view.start.isoformat(),
            "end": view.end.isoformat(),
            "items": [item_record(i) for i in view.items],
            "holidays": [holiday_record(h) for h in view.holidays],
            "blackouts": [blackout_record(b) for b in view.blackouts],
            "ideas": [_idea_record(c) for c in view.ideas],
        }
    )


def gaps_json(view: GapsView) -> str:
    return _json(
        {
            "version": VERSION,
            "start": view.start.isoformat(),
            "end": view.end.isoformat(),
            "items": [item_record(i) for i in view.items],
            "habits": [_coverage_record(h) for h in view.habits if h.event is None],
            "events": [_event_record(h) for h in view.habits if h.event is not None],
            "holidays": [holiday_record(h) for h in view.holidays],
            "blackouts": [blackout_record(b) for b in view.blackouts],
        }
    )


def _coverage_record(habit: HabitCoverage) -> dict[str, object]:
    return {
        "calendar": habit.calendar,
        "habit": habit.habit,
        "title": habit.title,
        "owner": habit.owner,
        "required": habit.required,
        "slots": habit.slots,
        "filled": habit.filled,
        "percent": habit.percent,
        "ideas": habit.ideas,
    }


def _event_record(event: HabitCoverage) -> dict[str, object]:
    """An event's promised posts in the range, as `_coverage_record` gives a habit's slots."""
    first, last = event.first, event.last
    return {
        "calendar": event.calendar,
        "event": event.event,
        "title": event.title,
        "date": first.isoformat() if first is not None else None,
        "end": last.isoformat() if last is not None and last != first else None,
        "location": event.location,
        "owner": event.owner,
        "required": event.required,
        "slots": event.slots,
        "filled": event.filled,
        "percent": event.percent,
        "ideas": event.ideas,
    }


def items_csv(items: Iterable[Item]) -> str:
    """A header row of `ITEM_KEYS`, then one row an item (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(ITEM_KEYS)
    for item in items:
        writer.writerow([_csv_value(v) for v in item_record(item).values()])
    return buffer.getvalue()


def upcoming_csv(view: UpcomingView) -> str:
    return items_csv(view.items)


def gaps_csv(view: GapsView) -> str:
    return items_csv(view.items)


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
