"""`cmcal fill` as a table (README, "Writing the calendar"): the posts the plan makes, then the slots it
leaves open. Reads well without colour; nothing here prints.

One row per post of the plan: its day, time, platforms, the habit (or event) whose slot it fills, and the
idea (`*` after an evergreen one, which stays in the backlog). The slots left open follow, the platforms of
one window on one row, with how many posts each still misses. In the language in force (README,
"Languages"); ids, titles and platforms as the calendar writes them.
"""

from __future__ import annotations

from datetime import date, time

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cmcal.i18n import _, ngettext
from cmcal.i18n.formats import clock, day_label
from cmcal.plan.fill import Plan, Unfilled
from cmcal.printable import printable

NO_TIME = "—"


def plan_table(plan: Plan) -> RenderableType:
    span = (
        day_label(plan.start)
        if plan.start == plan.end
        else _("{first} to {last}").format(first=day_label(plan.start), last=day_label(plan.end))
    )
    total = plan.open_slots
    if total == 0:
        return Text(_("{span}: no open slot to fill").format(span=span))
    filled = sum(len(a.slots) for a in plan.assignments)
    posts = len(plan.assignments)
    slots = ngettext("{n} open slot", "{n} open slots", total).format(n=total)
    if posts == 0:
        head = _("{span}: no idea fits the {slots}").format(span=span, slots=slots)
    else:
        head = ngettext(
            "{span}: {posts} from the backlog fills {filled} of {slots}",
            "{span}: {posts} from the backlog fill {filled} of {slots}",
            posts,
        ).format(
            span=span,
            posts=ngettext("{n} post", "{n} posts", posts).format(n=posts),
            filled=filled,
            slots=slots,
        )
    parts: list[RenderableType] = [Text(head)]
    multi = len(plan.calendars) > 1
    calendar = (_("calendar"),) if multi else ()
    if plan.assignments:
        table = _table((_("date"), _("time"), *calendar, _("platforms"), _("slot"), _("idea")))
        for a in plan.assignments:
            idea = a.idea.id or "—"
            star = "*" if a.idea.evergreen else ""
            table.add_row(
                day_label(a.day),
                _time(a.at),
                *((printable(a.calendar.name),) if multi else ()),
                ", ".join(a.platforms),
                _source(a.habit, a.event),
                printable(_("{idea}: {title}").format(idea=f"{idea}{star}", title=a.idea.title)),
            )
        parts.extend((Text(""), table))
        if any(a.idea.evergreen for a in plan.assignments):
            parts.append(Text(_("* evergreen: it stays in the backlog")))
    if plan.unfilled:
        left = sum(u.missing for u in plan.unfilled)
        left_open = _("Left open: {slots}").format(
            slots=ngettext("{n} slot", "{n} slots", left).format(n=left)
        )
        parts.extend((Text(""), Text(left_open)))
        table = _table(
            (_("date"), _("time"), *calendar, _("platforms"), _("slot"), _("missing")), numbers=True
        )
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


def _table(columns: tuple[str, ...], numbers: bool = False) -> Table:
    """A table of `columns`; with `numbers`, the last column (how many posts are missing) is right-aligned."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for n, column in enumerate(columns):
        right = numbers and n == len(columns) - 1
        table.add_column(column, justify="right" if right else "left", overflow="fold")
    return table


def _source(habit: str | None, event: str | None) -> str:
    return printable(habit) if habit is not None else printable(_("event {event}").format(event=event))


def _time(at: time | None) -> str:
    return clock(at) if at is not None else NO_TIME
