"""`cmcal fill --format json`: the plan as data (README, "Writing the calendar"). Never imports Rich.

`{"version": 1, "start", "end", "assignments": [{"calendar", "date", "time", "platform", "habit", "event",
"idea", "title"}], "unfilled": [...]}`: one assignment per slot filled (a post on two platforms fills two),
`idea` the idea's id (null when it has none) and `title` its title; `unfilled` holds the slots left open,
each an item as in `upcoming --format json` with `missing` the posts it still needs after the plan.
"""

from __future__ import annotations

import json
from dataclasses import replace

from cmcal.plan.fill import Plan, Unfilled
from cmcal.printable import no_surrogates
from cmcal.views.compute import Item, gap_item
from cmcal.views.records import VERSION, item_record


def unfilled_item(unfilled: Unfilled) -> Item:
    """An open slot the plan leaves, as the gap item `upcoming` shows, missing what the plan leaves."""
    return replace(gap_item(unfilled.calendar, unfilled.slot, unfilled.start), missing=unfilled.missing)


def plan_json(plan: Plan) -> str:
    assignments = [
        {
            "calendar": a.calendar.name,
            "date": a.day.isoformat(),
            "time": a.at.strftime("%H:%M") if a.at is not None else None,
            "platform": slot.platform,
            "habit": slot.habit,
            "event": slot.event,
            "idea": a.idea.id,
            "title": a.idea.title,
        }
        for a in plan.assignments
        for slot in a.slots
    ]
    document = {
        "version": VERSION,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "assignments": assignments,
        "unfilled": [item_record(unfilled_item(u)) for u in plan.unfilled],
    }
    return no_surrogates(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
