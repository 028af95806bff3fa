"""The output formats of `cmcal diff`: a Rich table, Markdown (for a pull-request comment or
`$GITHUB_STEP_SUMMARY`) and JSON (README, "`cmcal diff`"). Built and returned, never printed.

JSON shape (version 1; keys are stable, new keys may be added):

    {"version": 1, "base": "HEAD" | null, "head": null | "REV", "horizon": 14,
     "summary": {"calendars_added", "calendars_removed", "calendars_renamed", "posts_added", "posts_removed",
                 "posts_moved", "posts_edited", "habits_added", "habits_removed", "habits_changed",
                 "gaps_opened", "gaps_closed", and "_added", "_removed", "_changed" of "events",
                 "campaigns", "blackouts", "ideas" (e.g. "events_changed")},
     "calendars": [{"calendar", "status": "added|removed|renamed|modified|unreadable", "old_path", "new_path",
                    "today", "until", "old_posts", "new_posts",
                    "settings": [FIELD], "posts": [POST], "habits": [HABIT], "events": [ITEM],
                    "campaigns": [ITEM], "blackouts": [ITEM], "ideas": [ITEM], "gaps": [GAP],
                    "unreadable": ["REV:path"]}],
     "problems": [{"path", "line", "column", "severity", "code", "message"}]}
    FIELD = {"field", "old", "new"}
    POST  = {"change": "added|removed|moved|edited", "id", "title", "habit", "platforms",
             "old": PLACE | null, "new": PLACE | null, "fields": [FIELD], "opens": [GAP], "closes": [GAP]}
    PLACE = {"date": "YYYY-MM-DD", "time": "HH:MM" | null, "path", "line"}
    HABIT = {"change": "added|removed|changed", "habit", "title", "fields": [FIELD]}
    ITEM  = {"change": "added|removed|changed", "id", "title", "fields": [FIELD]}
    GAP   = {"change": "opened|closed", "habit" | null, "event" | null, "title", "first", "last", "at",
             "label", "platforms", "missing", "required"}

An ITEM's `id` is the event's, campaign's or idea's id (an idea without one: its title), or a blackout's
days (`FROM..TO`, or its one day); an event's promised posts are its field `posts`, a list of slots.

`base`/`head` are revisions as named on the command line (null: the working tree). Dates are `YYYY-MM-DD`,
times `HH:MM`; a field's `old`/`new` is null where the field is absent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import time
from typing import TYPE_CHECKING

from cmcal.habits.recurrence import day_label
from cmcal.printable import no_surrogates, printable
from cmcal.problems import Problem
from cmcal.review.diff import (
    CalendarDiff,
    Diff,
    FieldChange,
    GapChange,
    HabitChange,
    ItemChange,
    JSONValue,
    PostChange,
    PostPlace,
)

if TYPE_CHECKING:  # Rich is imported by the table only: JSON and Markdown never load it
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

__all__ = ["FORMATS", "as_json", "markdown", "summary_line", "table", "to_json"]

FORMATS = ("table", "json", "markdown")
_PLAN = ("events", "campaigns", "blackouts", "ideas")
"""The parts of the plan, as `CalendarDiff` names them, in the order they are shown."""
_SHORT = 40
_FIELD_NAMES = {
    "texts": "per-platform text",
    "platform_media": "per-platform media",
    "max_type_share": "max type share",
}


# --- words shared by the table and Markdown -----------------------------------------------------------------


def side_name(rev: str | None) -> str:
    return rev if rev is not None else "the working tree"


def summary_line(diff: Diff) -> str:
    """`2 posts moved, 1 habit changed, 1 gap opened` (or `no changes`)."""
    s = diff.summary
    counts = (
        (s.calendars_added, "calendar", "added"),
        (s.calendars_removed, "calendar", "removed"),
        (s.calendars_renamed, "calendar", "renamed"),
        (s.posts_added, "post", "added"),
        (s.posts_removed, "post", "removed"),
        (s.posts_moved, "post", "moved"),
        (s.posts_edited, "post", "edited"),
        (s.habits_added, "habit", "added"),
        (s.habits_removed, "habit", "removed"),
        (s.habits_changed, "habit", "changed"),
        *(
            (getattr(s, f"{plural}_{verb}"), plural[:-1], verb)
            for plural in _PLAN
            for verb in ("added", "removed", "changed")
        ),
        (s.gaps_opened, "gap", "opened"),
        (s.gaps_closed, "gap", "closed"),
    )
    parts = [f"{n} {noun}{'s' if n != 1 else ''} {verb}" for n, noun, verb in counts if n]
    return ", ".join(parts) if parts else "no changes"


def _when(place: PostPlace) -> str:
    return day_label(place.date) + (f" {place.time:%H:%M}" if place.time is not None else "")


def _post_when(change: PostChange, arrow: str = " → ") -> str:
    old, new = change.old, change.new
    if change.change == "moved" and old is not None and new is not None:
        if old.date == new.date:
            return f"{_when(old)}{arrow}{_clock(new.time)}"
        return f"{_when(old)}{arrow}{_when(new)}"
    return _when(change.when)


def _clock(at: time | None) -> str:
    return f"{at:%H:%M}" if at is not None else "any time"


def _short(value: JSONValue) -> str | None:
    """A value short enough to show in a cell, or None."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        parts = [_short(v) for v in value]
        if any(p is None for p in parts):
            return None
        text = ", ".join(p for p in parts if p is not None)
    elif isinstance(value, Mapping):
        if "offset" not in value:
            return None
        text = _slot_short(value)
    else:
        text = str(value)
    return text if len(text) <= _SHORT and "\n" not in text else None


def _slot_short(slot: Mapping[str, JSONValue]) -> str:
    """An event's promised post in a few words: `-7 instagram+facebook photo 18:00 ×2 required`."""
    offset = slot.get("offset")
    platforms = slot.get("platforms")
    parts = [f"{offset:+d}" if isinstance(offset, int) else "?"]
    parts.append("+".join(str(p) for p in platforms) if isinstance(platforms, tuple) else "")
    parts.extend(str(slot[key]) for key in ("type", "at") if slot.get(key) is not None)
    times = slot.get("times")
    if isinstance(times, int) and not isinstance(times, bool) and times != 1:
        parts.append(f"×{times}")
    if slot.get("required") is True:
        parts.append("required")
    return " ".join(p for p in parts if p)


def _field_text(change: FieldChange) -> str:
    name = _FIELD_NAMES.get(change.field, change.field)
    old, new = _short(change.old), _short(change.new)
    if old is None or new is None:
        return name
    return f"{name}: {old} → {new}"


def _gap_owner(gap: GapChange) -> str:
    """The habit's id, or `event ID`."""
    return gap.habit if gap.habit is not None else f"event {gap.event or ''}"


def _gap_text(gap: GapChange) -> str:
    at = f" ({gap.window.at:%H:%M})" if gap.window.at is not None else ""
    return f"{_gap_owner(gap)} on {', '.join(gap.platforms)}, {gap.window.label}{at}"


def _post_details(change: PostChange) -> str:
    parts: list[str] = []
    if change.change in ("added", "removed"):
        parts.append(" · ".join(([change.habit] if change.habit else []) + [", ".join(change.platforms)]))
    parts.extend(_field_text(f) for f in change.fields)
    parts.extend(f"opens a gap: {_gap_text(g)}" for g in change.opens)
    parts.extend(f"closes a gap: {_gap_text(g)}" for g in change.closes)
    return "; ".join(parts)


def _plan_items(calendar: CalendarDiff) -> list[tuple[str, ItemChange]]:
    """The plan's changes with what each is (`event`, `campaign`, `blackout`, `idea`), in `_PLAN`'s order."""
    return [(plural[:-1], item) for plural in _PLAN for item in getattr(calendar, plural)]


def _item_details(change: ItemChange) -> str:
    if change.change != "changed":
        return change.title
    return "; ".join(_field_text(f) for f in change.fields)


def _habit_details(change: HabitChange) -> str:
    if change.change != "changed":
        return change.title
    return "; ".join(_field_text(f) for f in change.fields)


def _gap_slot(gap: GapChange) -> str:
    return gap.window.label + (f" {gap.window.at:%H:%M}" if gap.window.at is not None else "")


def _gap_need(gap: GapChange) -> str:
    need = "required" if gap.required else "optional"
    return need if gap.missing <= 1 else f"{need}, {gap.missing} missing"


def _calendar_notes(calendar: CalendarDiff) -> list[str]:
    notes: list[str] = []
    if calendar.status == "added":
        notes.append(
            f"new calendar: {_count(calendar.new_posts, 'post')}, {_count(len(calendar.habits), 'habit')}"
        )
    elif calendar.status == "removed":
        notes.append(
            f"calendar removed: {_count(calendar.old_posts, 'post')}, {_count(len(calendar.habits), 'habit')}"
        )
    elif calendar.status == "renamed":
        notes.append(f"renamed from {calendar.old_path}")
    elif calendar.status == "unreadable":
        notes.append(f"{', '.join(calendar.unreadable)} could not be read; see the problems")
    if calendar.status != "unreadable" and calendar.unreadable:
        notes.append(
            f"not compared: {', '.join(calendar.unreadable)} could not be read (see the problems); "
            "its posts and the gaps are left out"
        )
    notes.extend(f"calendar {_field_text(f)}" for f in calendar.settings)
    return notes


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _lists_items(calendar: CalendarDiff) -> bool:
    """Added and removed calendars are summed up, not listed post by post (JSON lists them all)."""
    return calendar.status not in ("added", "removed")


def _gaps_title(calendar: CalendarDiff) -> str:
    return f"Gaps from {day_label(calendar.today)} to {day_label(calendar.until)}"


def _title(diff: Diff) -> str:
    return f"Calendar changes from {side_name(diff.base)} to {side_name(diff.head)}"


# --- table --------------------------------------------------------------------------------------------------


def table(diff: Diff) -> RenderableType:
    """The diff for a terminal: per calendar, its notes, then tables of posts, habits and gaps."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [Text(printable(_title(diff)), style="bold")]
    for calendar in diff.calendars:
        parts.append(Text())
        parts.append(Text.assemble((printable(calendar.name), "bold"), f"  {printable(calendar.path)}"))
        parts.extend(Text(f"  {printable(note)}") for note in _calendar_notes(calendar))
        if _lists_items(calendar) and calendar.posts:
            posts = _table("Posts", ("change", "when", "post", "details"))
            for change in calendar.posts:
                when, details = _post_when(change, " →\n"), _post_details(change)
                posts.add_row(*_cells(change.change, when, change.title, details))
            parts.append(posts)
        if _lists_items(calendar) and calendar.habits:
            parts.append(Text())
            habits = _table("Habits", ("change", "habit", "details"))
            for habit in calendar.habits:
                habits.add_row(*_cells(habit.change, habit.habit, _habit_details(habit)))
            parts.append(habits)
        if _lists_items(calendar) and (items := _plan_items(calendar)):
            parts.append(Text())
            plan = _table("Plan", ("change", "what", "id", "details"))
            for what, item in items:
                plan.add_row(*_cells(item.change, what, item.id, _item_details(item)))
            parts.append(plan)
        if calendar.gaps:
            parts.append(Text())
            gaps = _table(_gaps_title(calendar), ("change", "slot", "habit", "platforms", "need"))
            for gap in calendar.gaps:
                platforms = ", ".join(gap.platforms)
                gaps.add_row(*_cells(gap.change, _gap_slot(gap), _gap_owner(gap), platforms, _gap_need(gap)))
            parts.append(gaps)
    parts.append(Text())
    parts.append(Text(f"Summary: {summary_line(diff)}"))
    return Group(*parts)


def _cells(*values: str) -> list[Text]:
    """Cells for a terminal: a calendar's values without control characters (a cell's own lines stay), as
    `Text`, which Rich never reads as markup (`[link=…]` in a title would make a hyperlink)."""
    from rich.text import Text

    return [Text(printable(value, lines=True)) for value in values]


def _table(title: str, columns: Sequence[str]) -> Table:
    from rich import box
    from rich.table import Table

    t = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
    )
    for name in columns:
        # Short words stay whole; the rest wraps (Rich narrows wrapping columns first).
        t.add_column(name, overflow="fold", no_wrap=name in ("change", "habit", "need", "what"))
    return t


# --- Markdown -----------------------------------------------------------------------------------------------


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~#"})


def _md(text: str) -> str:
    """Text that Markdown shows as written, on one line (fit for a table cell)."""
    return printable(" ".join(text.split("\n"))).translate(_MD_SPECIAL)


def _code(text: str, cell: bool = False) -> str:
    """A code span; in a table cell `|` is escaped even there (GitHub splits cells first)."""
    ticks = "`` " if "`" in text else "`"
    if cell:
        text = text.replace("|", "\\|")
    return f"{ticks}{text}{ticks[::-1]}"


def markdown(diff: Diff) -> str:
    """The diff as GitHub-flavoured Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`."""
    old = _code(diff.base) if diff.base is not None else "the working tree"
    new = _code(diff.head) if diff.head is not None else "the working tree"
    summary = _md(summary_line(diff))
    out = [f"## Calendar changes from {old} to {new}", "", summary[:1].upper() + summary[1:] + "."]
    for calendar in diff.calendars:
        out += ["", f"### {_md(calendar.name)}", "", _code(calendar.path)]
        notes = _calendar_notes(calendar)
        if notes:
            out.append("")
            out.extend(f"- {_md(note)}" for note in notes)
        if _lists_items(calendar) and calendar.posts:
            out += ["", "**Posts**", "", "| Change | When | Post | Details |", "| --- | --- | --- | --- |"]
            out.extend(
                f"| {c.change} | {_md(_post_when(c))} | {_md(c.title)} | {_md(_post_details(c))} |"
                for c in calendar.posts
            )
        if _lists_items(calendar) and calendar.habits:
            out += ["", "**Habits**", "", "| Change | Habit | Details |", "| --- | --- | --- |"]
            out.extend(
                f"| {h.change} | {_code(h.habit, cell=True)} | {_md(_habit_details(h))} |"
                for h in calendar.habits
            )
        if _lists_items(calendar) and (items := _plan_items(calendar)):
            out += ["", "**Plan**", "", "| Change | What | Id | Details |", "| --- | --- | --- | --- |"]
            out.extend(
                f"| {i.change} | {what} | {_code(i.id, cell=True)} | {_md(_item_details(i))} |"
                for what, i in items
            )
        if calendar.gaps:
            out += ["", f"**{_md(_gaps_title(calendar))}**", ""]
            out += ["| Change | Slot | Habit | Platforms | Need |", "| --- | --- | --- | --- | --- |"]
            out.extend(
                f"| {g.change} | {_md(_gap_slot(g))} | {_code(_gap_owner(g), cell=True)} "
                f"| {_md(', '.join(g.platforms))} | {_gap_need(g)} |"
                for g in calendar.gaps
            )
    if diff.problems:
        out += ["", "### Problems", ""]
        out.extend(_md_problem(p) for p in diff.problems)
    return "\n".join(out) + "\n"


def _md_problem(p: Problem) -> str:
    return f"- {_code(f'{p.path}:{p.line}:{p.column}')} {p.severity.value} {_code(p.code)} {_md(p.message)}"


# --- JSON ---------------------------------------------------------------------------------------------------


def to_json(diff: Diff) -> dict[str, object]:
    s = diff.summary
    return {
        "version": 1,
        "base": diff.base,
        "head": diff.head,
        "horizon": diff.horizon,
        "summary": {name: getattr(s, name) for name in s.__slots__},
        "calendars": [_calendar_json(c) for c in diff.calendars],
        "problems": [p.to_json() for p in diff.problems],
    }


def as_json(diff: Diff) -> str:
    return no_surrogates(json.dumps(to_json(diff), ensure_ascii=False, indent=2)) + "\n"


def _calendar_json(c: CalendarDiff) -> dict[str, object]:
    return {
        "calendar": c.name,
        "status": c.status,
        "old_path": c.old_path,
        "new_path": c.new_path,
        "today": c.today.isoformat(),
        "until": c.until.isoformat(),
        "old_posts": c.old_posts,
        "new_posts": c.new_posts,
        "settings": [_field_json(f) for f in c.settings],
        "posts": [_post_json(p) for p in c.posts],
        "habits": [
            {
                "change": h.change,
                "habit": h.habit,
                "title": h.title,
                "fields": [_field_json(f) for f in h.fields],
            }
            for h in c.habits
        ],
        **{plural: [_item_json(i) for i in getattr(c, plural)] for plural in _PLAN},
        "gaps": [_gap_json(g) for g in c.gaps],
        "unreadable": list(c.unreadable),
    }


def _item_json(i: ItemChange) -> dict[str, object]:
    return {"change": i.change, "id": i.id, "title": i.title, "fields": [_field_json(f) for f in i.fields]}


def _post_json(p: PostChange) -> dict[str, object]:
    return {
        "change": p.change,
        "id": p.id,
        "title": p.title,
        "habit": p.habit,
        "platforms": list(p.platforms),
        "old": _place_json(p.old),
        "new": _place_json(p.new),
        "fields": [_field_json(f) for f in p.fields],
        "opens": [_gap_json(g) for g in p.opens],
        "closes": [_gap_json(g) for g in p.closes],
    }


def _place_json(place: PostPlace | None) -> dict[str, object] | None:
    if place is None:
        return None
    return {"date": place.date.isoformat(), "time": _time(place.time), "path": place.path, "line": place.line}


def _gap_json(g: GapChange) -> dict[str, object]:
    return {
        "change": g.change,
        "habit": g.habit,
        "event": g.event,
        "title": g.habit_title,
        "first": g.window.first.isoformat(),
        "last": g.window.last.isoformat(),
        "at": _time(g.window.at),
        "label": g.window.label,
        "platforms": list(g.platforms),
        "missing": g.missing,
        "required": g.required,
    }


def _field_json(f: FieldChange) -> dict[str, object]:
    return {"field": f.field, "old": _plain(f.old), "new": _plain(f.new)}


def _plain(value: JSONValue) -> object:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _time(at: time | None) -> str | None:
    return f"{at:%H:%M}" if at is not None else None
