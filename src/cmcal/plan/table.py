"""`cmcal fill` as a table (README, "Writing the calendar"): the posts the plan makes, then the slots it
leaves open. Reads well without colour; nothing here prints.

One row per post of the plan: its day, time, platforms, the habit (or event) whose slot it fills, and the
idea (`*` after an evergreen one, which stays in the backlog). The slots left open follow, the platforms of
one window on one row, with how many posts each still misses.
"""

from __future__ import annotations

from datetime import date, time

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cmcal.i18n.formats import clock, day_label
from cmcal.plan.fill import Plan, Unfilled
from cmcal.printable import printable

NO_TIME = "—"


def plan_table(plan: Plan) -> RenderableType:
    span = (
        day_label(plan.start)
        if plan.start == plan.end
        else f"{day_label(plan.start)} to {day_label(plan.end)}"
    )
    total = plan.open_slots
    if total == 0:
        return Text(f"{span}: no open slot to fill")
    filled = sum(len(a.slots) for a in plan.assignments)
    posts = len(plan.assignments)
    if posts == 0:
        head = f"{span}: no idea fits the {_count(total, 'open slot')}"
    else:
        verb = "fills" if posts == 1 else "fill"
        slots = _count(total, "open slot")
        head = f"{span}: {_count(posts, 'post')} from the backlog {verb} {filled} of {slots}"
    parts: list[RenderableType] = [Text(head)]
    multi = len(plan.calendars) > 1
    if plan.assignments:
        table = _table(("date", "time", *(("calendar",) if multi else ()), "platforms", "slot", "idea"))
        for a in plan.assignments:
            idea = a.idea.id or "—"
            star = "*" if a.idea.evergreen else ""
            table.add_row(
                day_label(a.day),
                _time(a.at),
                *((printable(a.calendar.name),) if multi else ()),
                ", ".join(a.platforms),
                _source(a.habit, a.event),
                printable(f"{idea}{star}: {a.idea.title}"),
            )
        parts.extend((Text(""), table))
        if any(a.idea.evergreen for a in plan.assignments):
            parts.append(Text("* evergreen: it stays in the backlog"))
    if plan.unfilled:
        left = sum(u.missing for u in plan.unfilled)
        parts.extend((Text(""), Text(f"Left open: {_count(left, 'slot')}")))
        table = _table(("date", "time", *(("calendar",) if multi else ()), "platforms", "slot", "missing"))
        for row in _grouped(plan.unfilled):
            first = row[0]
            day = max(first.slot.window.first, first.start)
            table.add_row(
                day_label(day),
                _time(first.slot.window.at),
                *((printable(first.calendar.name),) if multi else ()),
                ", ".join(u.slot.platform for u in row),
                _source(first.slot.habit, first.slot.event),
                str(max(u.missing for u in row)),
            )
        parts.append(table)
    return Group(*parts)


def _grouped(unfilled: tuple[Unfilled, ...]) -> list[list[Unfilled]]:
    """The open slots of one window, habit (or promised post) and calendar together, in plan order."""
    groups: dict[tuple[str, str | None, str | None, int | None, date, date, time | None], list[Unfilled]] = {}
    for u in unfilled:
        s = u.slot
        key = (u.calendar.path, s.habit, s.event, s.offset, s.window.first, s.window.last, s.window.at)
        groups.setdefault(key, []).append(u)
    return list(groups.values())


def _table(columns: tuple[str, ...]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column, justify="right" if column == "missing" else "left", overflow="fold")
    return table


def _source(habit: str | None, event: str | None) -> str:
    return printable(habit) if habit is not None else printable(f"event {event}")


def _time(at: time | None) -> str:
    return clock(at) if at is not None else NO_TIME


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"
