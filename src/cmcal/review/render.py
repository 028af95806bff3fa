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
from cmcal.i18n import _, ngettext
from cmcal.i18n.formats import clock
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


def _field_name(field: str) -> str:
    """A changed field as the diff names it: its key, or words for the keys that are not one word."""
    names = {
        "texts": _("per-platform text"),
        "platform_media": _("per-platform media"),
        "max_type_share": _("max type share"),
    }
    return names.get(field, field)


def _change_word(change: str) -> str:
    """A change (`added`, `moved`, `opened`…) as a table shows it; JSON keeps the English value."""
    words = {
        "added": _("added"),
        "removed": _("removed"),
        "moved": _("moved"),
        "edited": _("edited"),
        "changed": _("changed"),
        "opened": _("opened"),
        "closed": _("closed"),
    }
    return words.get(change, change)


# --- words shared by the table and Markdown -----------------------------------------------------------------


def side_name(rev: str | None) -> str:
    return rev if rev is not None else _("the working tree")


def summary_line(diff: Diff) -> str:
    """`2 posts moved, 1 habit changed, 1 gap opened` (or `no changes`)."""
    s = diff.summary
    counts = (
        (s.calendars_added, ngettext("{n} calendar added", "{n} calendars added", s.calendars_added)),
        (s.calendars_removed, ngettext("{n} calendar removed", "{n} calendars removed", s.calendars_removed)),
        (s.calendars_renamed, ngettext("{n} calendar renamed", "{n} calendars renamed", s.calendars_renamed)),
        (s.posts_added, ngettext("{n} post added", "{n} posts added", s.posts_added)),
        (s.posts_removed, ngettext("{n} post removed", "{n} posts removed", s.posts_removed)),
        (s.posts_moved, ngettext("{n} post moved", "{n} posts moved", s.posts_moved)),
        (s.posts_edited, ngettext("{n} post edited", "{n} posts edited", s.posts_edited)),
        (s.habits_added, ngettext("{n} habit added", "{n} habits added", s.habits_added)),
        (s.habits_removed, ngettext("{n} habit removed", "{n} habits removed", s.habits_removed)),
        (s.habits_changed, ngettext("{n} habit changed", "{n} habits changed", s.habits_changed)),
        (s.events_added, ngettext("{n} event added", "{n} events added", s.events_added)),
        (s.events_removed, ngettext("{n} event removed", "{n} events removed", s.events_removed)),
        (s.events_changed, ngettext("{n} event changed", "{n} events changed", s.events_changed)),
        (s.campaigns_added, ngettext("{n} campaign added", "{n} campaigns added", s.campaigns_added)),
        (s.campaigns_removed, ngettext("{n} campaign removed", "{n} campaigns removed", s.campaigns_removed)),
        (s.campaigns_changed, ngettext("{n} campaign changed", "{n} campaigns changed", s.campaigns_changed)),
        (s.blackouts_added, ngettext("{n} blackout added", "{n} blackouts added", s.blackouts_added)),
        (s.blackouts_removed, ngettext("{n} blackout removed", "{n} blackouts removed", s.blackouts_removed)),
        (s.blackouts_changed, ngettext("{n} blackout changed", "{n} blackouts changed", s.blackouts_changed)),
        (s.ideas_added, ngettext("{n} idea added", "{n} ideas added", s.ideas_added)),
        (s.ideas_removed, ngettext("{n} idea removed", "{n} ideas removed", s.ideas_removed)),
        (s.ideas_changed, ngettext("{n} idea changed", "{n} ideas changed", s.ideas_changed)),
        (s.gaps_opened, ngettext("{n} gap opened", "{n} gaps opened", s.gaps_opened)),
        (s.gaps_closed, ngettext("{n} gap closed", "{n} gaps closed", s.gaps_closed)),
    )
    parts = [words.format(n=n) for n, words in counts if n]
    return ", ".join(parts) if parts else _("no changes")


def _when(place: PostPlace) -> str:
    return day_label(place.date) + (f" {clock(place.time)}" if place.time is not None else "")


def _post_when(change: PostChange, arrow: str = " → ") -> str:
    old, new = change.old, change.new
    if change.change == "moved" and old is not None and new is not None:
        if old.date == new.date:
            return f"{_when(old)}{arrow}{_clock(new.time)}"
        return f"{_when(old)}{arrow}{_when(new)}"
    return _when(change.when)


def _clock(at: time | None) -> str:
    return clock(at) if at is not None else _("any time")


def _short(value: JSONValue) -> str | None:
    """A value short enough to show in a cell, or None."""
    if value is None:
        return _("none")
    if isinstance(value, bool):
        return _("true") if value else _("false")
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
    offset, platforms, at = slot.get("offset"), slot.get("platforms"), slot.get("at")
    parts = [f"{offset:+d}" if isinstance(offset, int) else "?"]
    parts.append("+".join(str(p) for p in platforms) if isinstance(platforms, tuple) else "")
    if slot.get("type") is not None:
        parts.append(str(slot["type"]))
    if isinstance(at, str):
        hour, _sep, minute = at.partition(":")
        parts.append(clock(time(int(hour), int(minute))) if hour.isdigit() and minute.isdigit() else at)
    times = slot.get("times")
    if isinstance(times, int) and not isinstance(times, bool) and times != 1:
        parts.append(f"×{times}")
    if slot.get("required") is True:
        parts.append(_("required"))
    return " ".join(p for p in parts if p)


def _field_text(change: FieldChange) -> str:
    name = _field_name(change.field)
    old, new = _short(change.old), _short(change.new)
    if old is None or new is None:
        return name
    return _("{field}: {old} → {new}").format(field=name, old=old, new=new)


def _gap_owner(gap: GapChange) -> str:
    """The habit's id, or `event ID`."""
    if gap.habit is not None:
        return gap.habit
    return _("event {event}").format(event=gap.event or "")


def _gap_text(gap: GapChange) -> str:
    at = f" ({clock(gap.window.at)})" if gap.window.at is not None else ""
    return (
        _("{habit} on {platforms}, {window}").format(
            habit=_gap_owner(gap), platforms=", ".join(gap.platforms), window=gap.window.label
        )
        + at
    )


def _plan_items(calendar: CalendarDiff) -> list[tuple[str, ItemChange]]:
    """The plan's changes with what each is (an event, a campaign…), in `_PLAN`'s order."""
    what = {"events": _("event"), "campaigns": _("campaign"), "blackouts": _("blackout"), "ideas": _("idea")}
    return [(what[plural], item) for plural in _PLAN for item in getattr(calendar, plural)]


def _item_details(change: ItemChange) -> str:
    if change.change != "changed":
        return change.title
    return _("; ").join(_field_text(f) for f in change.fields)


def _post_details(change: PostChange) -> str:
    parts: list[str] = []
    if change.change in ("added", "removed"):
        parts.append(" · ".join(([change.habit] if change.habit else []) + [", ".join(change.platforms)]))
    parts.extend(_field_text(f) for f in change.fields)
    parts.extend(_("opens a gap: {gap}").format(gap=_gap_text(g)) for g in change.opens)
    parts.extend(_("closes a gap: {gap}").format(gap=_gap_text(g)) for g in change.closes)
    return _("; ").join(parts)


def _habit_details(change: HabitChange) -> str:
    if change.change != "changed":
        return change.title
    return _("; ").join(_field_text(f) for f in change.fields)


def _gap_slot(gap: GapChange) -> str:
    return gap.window.label + (f" {clock(gap.window.at)}" if gap.window.at is not None else "")


def _gap_need(gap: GapChange) -> str:
    need = _("required") if gap.required else _("optional")
    if gap.missing <= 1:
        return need
    return ngettext("{need}, {n} missing", "{need}, {n} missing", gap.missing).format(
        need=need, n=gap.missing
    )


def _calendar_notes(calendar: CalendarDiff) -> list[str]:
    notes: list[str] = []
    if calendar.status == "added":
        notes.append(
            _("new calendar: {posts}, {habits}").format(
                posts=_posts(calendar.new_posts), habits=_habits(len(calendar.habits))
            )
        )
    elif calendar.status == "removed":
        notes.append(
            _("calendar removed: {posts}, {habits}").format(
                posts=_posts(calendar.old_posts), habits=_habits(len(calendar.habits))
            )
        )
    elif calendar.status == "renamed":
        notes.append(_("renamed from {path}").format(path=calendar.old_path))
    elif calendar.status == "unreadable":
        notes.append(
            _("{paths} could not be read; see the problems").format(paths=", ".join(calendar.unreadable))
        )
    if calendar.status != "unreadable" and calendar.unreadable:
        notes.append(
            _(
                "not compared: {paths} could not be read (see the problems); its posts and the gaps are "
                "left out"
            ).format(paths=", ".join(calendar.unreadable))
        )
    notes.extend(_("calendar {field}").format(field=_field_text(f)) for f in calendar.settings)
    return notes


def _posts(n: int) -> str:
    return ngettext("{n} post", "{n} posts", n).format(n=n)


def _habits(n: int) -> str:
    return ngettext("{n} habit", "{n} habits", n).format(n=n)


def _lists_items(calendar: CalendarDiff) -> bool:
    """Added and removed calendars are summed up, not listed post by post (JSON lists them all)."""
    return calendar.status not in ("added", "removed")


def _gaps_title(calendar: CalendarDiff) -> str:
    return _("Gaps from {first} to {last}").format(
        first=day_label(calendar.today), last=day_label(calendar.until)
    )


def _title(diff: Diff) -> str:
    return _("Calendar changes from {old} to {new}").format(
        old=side_name(diff.base), new=side_name(diff.head)
    )


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
            posts = _table(_("Posts"), (_("change"), _("when"), _("post"), _("details")))
            for change in calendar.posts:
                when, details = _post_when(change, " →\n"), _post_details(change)
                posts.add_row(*_cells(_change_word(change.change), when, change.title, details))
            parts.append(posts)
        if _lists_items(calendar) and calendar.habits:
            parts.append(Text())
            habits = _table(_("Habits"), (_("change"), _("habit"), _("details")), whole=(0, 1))
            for habit in calendar.habits:
                habits.add_row(*_cells(_change_word(habit.change), habit.habit, _habit_details(habit)))
            parts.append(habits)
        if _lists_items(calendar) and (items := _plan_items(calendar)):
            parts.append(Text())
            plan = _table(_("Plan"), (_("change"), _("what"), _("id"), _("details")), whole=(0, 1))
            for what, item in items:
                plan.add_row(*_cells(_change_word(item.change), what, item.id, _item_details(item)))
            parts.append(plan)
        if calendar.gaps:
            parts.append(Text())
            columns = (_("change"), _("slot"), _("habit"), _("platforms"), _("need"))
            gaps = _table(_gaps_title(calendar), columns, whole=(0, 2, 4))
            for gap in calendar.gaps:
                platforms = ", ".join(gap.platforms)
                word = _change_word(gap.change)
                gaps.add_row(*_cells(word, _gap_slot(gap), _gap_owner(gap), platforms, _gap_need(gap)))
            parts.append(gaps)
    parts.append(Text())
    parts.append(Text(_("Summary: {summary}").format(summary=summary_line(diff))))
    return Group(*parts)


def _cells(*values: str) -> list[Text]:
    """Cells for a terminal: a calendar's values without control characters (a cell's own lines stay), as
    `Text`, which Rich never reads as markup (`[link=…]` in a title would make a hyperlink)."""
    from rich.text import Text

    return [Text(printable(value, lines=True)) for value in values]


def _table(title: str, columns: Sequence[str], whole: tuple[int, ...] = (0,)) -> Table:
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
    for n, name in enumerate(columns):
        # The `whole` columns (short words: change, habit, need) stay whole; the rest wraps (Rich narrows
        # wrapping columns first).
        t.add_column(name, overflow="fold", no_wrap=n in whole)
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
    old = _code(diff.base) if diff.base is not None else _("the working tree")
    new = _code(diff.head) if diff.head is not None else _("the working tree")
    summary = _md(summary_line(diff))
    title = _("Calendar changes from {old} to {new}").format(old=old, new=new)
    out = [f"## {title}", "", summary[:1].upper() + summary[1:] + "."]
    for calendar in diff.calendars:
        out += ["", f"### {_md(calendar.name)}", "", _code(calendar.path)]
        notes = _calendar_notes(calendar)
        if notes:
            out.append("")
            out.extend(f"- {_md(note)}" for note in notes)
        if _lists_items(calendar) and calendar.posts:
            head = _row((_("change").capitalize(), _("When"), _("Post"), _("Details")))
            out += ["", "**" + _("Posts") + "**", "", head, "| --- | --- | --- | --- |"]
            out.extend(
                _row((_change_word(c.change), _md(_post_when(c)), _md(c.title), _md(_post_details(c))))
                for c in calendar.posts
            )
        if _lists_items(calendar) and calendar.habits:
            head = _row((_("change").capitalize(), _("Habit"), _("Details")))
            out += ["", "**" + _("Habits") + "**", "", head, "| --- | --- | --- |"]
            out.extend(
                f"| {_change_word(h.change)} | {_code(h.habit, cell=True)} | {_md(_habit_details(h))} |"
                for h in calendar.habits
            )
        if _lists_items(calendar) and (items := _plan_items(calendar)):
            head = _row((_("change").capitalize(), _("What"), _("Id"), _("Details")))
            out += ["", "**" + _("Plan") + "**", "", head, "| --- | --- | --- | --- |"]
            out.extend(
                _row((_change_word(i.change), what, _code(i.id, cell=True), _md(_item_details(i))))
                for what, i in items
            )
        if calendar.gaps:
            out += ["", f"**{_md(_gaps_title(calendar))}**", ""]
            head = _row((_("change").capitalize(), _("Slot"), _("Habit"), _("Platforms"), _("Need")))
            out += [head, "| --- | --- | --- | --- | --- |"]
            out.extend(
                f"| {_change_word(g.change)} | {_md(_gap_slot(g))} | {_code(_gap_owner(g), cell=True)} "
                f"| {_md(', '.join(g.platforms))} | {_gap_need(g)} |"
                for g in calendar.gaps
            )
    if diff.problems:
        out += ["", "### " + _("Problems"), ""]
        out.extend(_md_problem(p) for p in diff.problems)
    return "\n".join(out) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


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
