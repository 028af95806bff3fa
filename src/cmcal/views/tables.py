"""The output formats of `cmcal upcoming`, `cmcal gaps` and `cmcal month`: Rich renderables, JSON and CSV.

Nothing here prints. Tables read well without colour (piped, `NO_COLOR`): a gap says `GAP` in its status
column and `missing:` in its title, and colour only adds to that.

Decisions (README, "Seeing what is coming"):

- The `upcoming` table fits the width it is given: date, time, platform, title, owner and status always; a
  calendar column when the view holds more than one calendar (the first words of their names, whole names
  when there is room); then the habit and the content type, each when the title keeps about 30 characters
  beside it (all nine columns from about 120 columns). Titles wrap; short columns are cut with `…`, never
  to nothing. On a narrow terminal (about 65 columns) the owner column goes first; narrower still, the
  table becomes a list.
- A day's date is written on its first row; days are separated by a blank line.
- JSON: `{"version": 1, "start", "end", "items": [...]}` (and `habits` for `gaps`); every item has every key
  of `ITEM_KEYS`, null where it does not apply. CSV: the same keys as columns, a header row, RFC 4180
  (CRLF line ends, quoted when needed), empty for null, `true`/`false` for `required`.
- The month grid abbreviates platforms (`ig` instagram, `fb` facebook, `x`, `li` linkedin, `yt` youtube…,
  else the shortest unique start of the id) and explains them under the grid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cmcal.i18n import _, ngettext
from cmcal.i18n.formats import clock, day_label, month_title, percent, short_day, weekday_names
from cmcal.printable import printable
from cmcal.views.compute import (
    BlackoutSpan,
    Day,
    GapsView,
    HabitCoverage,
    Holiday,
    Item,
    MonthView,
    UpcomingView,
)
from cmcal.views.records import (
    FORMATS,
    ITEM_KEYS,
    gaps_csv,
    gaps_json,
    items_csv,
    upcoming_csv,
    upcoming_json,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from cmcal.views.post import PostView

__all__ = [
    "FORMATS",
    "ITEM_KEYS",
    "abbreviations",
    "gaps_csv",
    "gaps_json",
    "gaps_table",
    "items_csv",
    "month_grid",
    "upcoming_csv",
    "upcoming_json",
    "upcoming_table",
]

NO_TIME = "—"
"""The time cell of an all-day item."""
TITLE_ROOM = 30
"""The habit and type columns are shown only when the title column keeps about this many characters."""
TITLE_MIN = 10
"""Narrower than this, the title column gives up the owner column; then the table becomes a list."""

_KNOWN_ABBREVIATIONS = {
    "instagram": "ig",
    "facebook": "fb",
    "x": "x",
    "twitter": "tw",
    "linkedin": "li",
    "youtube": "yt",
    "tiktok": "tt",
    "pinterest": "pin",
    "threads": "th",
    "bluesky": "bs",
    "mastodon": "ma",
    "tumblr": "tu",
    "vimeo": "vi",
    "wordpress": "wp",
}

# --- the upcoming table -------------------------------------------------------------------------------------


class _FitWidth:
    """A renderable made for the width it is given (a table drops optional columns when space is short)."""

    def __init__(self, make: Callable[[int], RenderableType]) -> None:
        self.make = make

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.make(options.max_width)


def upcoming_table(view: UpcomingView) -> RenderableType:
    """The posts and gaps of the view as a table, with a line saying which days and how many of each."""
    return _FitWidth(lambda width: _upcoming_at(view, width))


def _upcoming_at(view: UpcomingView, width: int) -> RenderableType:
    span = _days(view.start, view.end)
    lines = _view_rows(view)
    if not lines:
        return Text(_("{span}: no posts and no open habit slots").format(span=span))
    gap_count = view.gaps
    required = sum(1 for i in view.items if i.is_gap and i.required)
    counts = _posts_gaps(view.posts, gap_count)
    if required:
        counts += _(" ({required} in required habits)").format(required=required)
    head = Text(_("{span}: {counts}").format(span=span, counts=counts))
    parts: list[RenderableType] = [head, _items_table(view, lines, width)]
    ideas = _ideas_line(view)
    if ideas:
        parts.append(Text(printable(ideas)))
    return Group(*parts)


@dataclass(frozen=True, slots=True)
class _Line:
    """One row of the upcoming table: an item, or a holiday or blackout shown on its day."""

    date: date
    calendar: str
    cells: dict[str, str]
    style: str | None
    is_gap: bool = False


def _view_rows(view: UpcomingView) -> list[_Line]:
    """The items, with each holiday and blackout (on its first day in the view) before that day's items."""
    marks: list[_Line] = []
    for holiday in view.holidays:
        cells = _mark_cells(holiday.date, holiday.name, _("HOLIDAY"))
        marks.append(_Line(holiday.date, holiday.calendar, cells, "bold magenta"))
    for blackout in view.blackouts:
        day = max(blackout.first, view.start)
        until = _(" (to {day})").format(day=short_day(blackout.last)) if blackout.last > day else ""
        reason = blackout.reason or _("blackout")
        title = _("closed: {reason}{until}").format(reason=reason, until=until)
        marks.append(_Line(day, blackout.calendar, _mark_cells(day, title, _("CLOSED")), "bold magenta"))
    marks.sort(key=lambda line: (line.date, view.calendars.index(line.calendar), line.cells["status"]))
    lines: list[_Line] = []
    for item in view.items:
        while marks and marks[0].date <= item.date:
            lines.append(marks.pop(0))
        style = ("bold red" if item.required else "bold yellow") if item.is_gap else None
        if item.status == "cancelled":
            style = "dim strike"
        if item.is_event:
            style = "bold cyan"
        lines.append(_Line(item.date, item.calendar, _row(item), style, item.is_gap))
    lines.extend(marks)
    return lines


def _mark_cells(day: date, title: str, status: str) -> dict[str, str]:
    cells = {"date": short_day(day), "time": NO_TIME, "platform": "", "habit": "", "type": ""}
    cells.update(title=title, owner="", status=status)
    return {key: printable(value) for key, value in cells.items()}


def _ideas_line(view: UpcomingView) -> str:
    """`Ideas for the open slots: daily-recipe 3 for 5 slots, salon (event) none for 2 slots`."""
    if not view.ideas:
        return ""
    multi = len(view.calendars) > 1
    parts = []
    for count in view.ideas:
        name = count.habit if count.habit is not None else _("{event} (event)").format(event=count.event)
        if multi:
            name = f"{count.calendar} › {name}"
        slots = ngettext("{n} open slot", "{n} open slots", count.open).format(n=count.open)
        if count.ideas:
            parts.append(_("{name} {ideas} for {slots}").format(name=name, ideas=count.ideas, slots=slots))
        else:
            parts.append(_("{name} none for {slots}").format(name=name, slots=slots))
    return _("Ideas in the backlog: {ideas}").format(ideas=", ".join(parts))


def _items_table(view: UpcomingView, lines: list[_Line], width: int) -> RenderableType:
    """The rows as a table with the columns that fit in `width` (see the module's decisions)."""
    rows = [line.cells for line in lines]
    headers = _headers()
    multi = len(view.calendars) > 1

    def natural(key: str, values: Iterable[str]) -> int:
        return min(max(cell_len(headers[key]), *(cell_len(v) for v in values)), _MAX_WIDTH.get(key, width))

    widths = {key: natural(key, (r[key] for r in rows)) for key in headers if key != "calendar"}
    full_names = {name: printable(name) for name in view.calendars}
    names = _short_names(view.calendars)
    widths["calendar"] = natural("calendar", (names[line.calendar] for line in lines))
    columns = ["date", "time", "platform", "title", "owner", "status"]
    if multi:
        columns.insert(2, "calendar")
    title_room = min(widths["title"], TITLE_ROOM)

    def room(cols: Sequence[str]) -> int:
        """The width left for the title beside the columns `cols`."""
        return width - sum(widths[c] for c in cols if c != "title") - 2 * (len(cols) - 1)

    for extra in ("habit", "type"):
        if room([*columns, extra]) >= title_room:
            columns.append(extra)
    full_width = natural("calendar", (full_names[line.calendar] for line in lines))
    if multi and room(columns) - (full_width - widths["calendar"]) >= title_room:
        names, widths["calendar"] = full_names, full_width
    if room(columns) < TITLE_MIN:
        columns.remove("owner")
    if room(columns) < TITLE_MIN:
        return _items_lines(view, lines, names)
    columns = [c for c in headers if c in columns]

    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold"
    )
    for key in columns:
        if key == "title":
            table.add_column(headers[key], overflow="fold", ratio=1, min_width=min(TITLE_MIN, widths[key]))
        else:
            table.add_column(
                headers[key],
                no_wrap=True,
                overflow="ellipsis",
                max_width=widths[key],
                min_width=min(widths[key], _MIN_WIDTH.get(key, 4)),
            )
    previous: date | None = None
    for index, line in enumerate(lines):
        cells = dict(line.cells, calendar=names[line.calendar])
        if line.date == previous:
            cells["date"] = ""
        previous = line.date
        last_of_day = index + 1 == len(lines) or lines[index + 1].date != line.date
        table.add_row(*(Text(cells[c]) for c in columns), style=line.style, end_section=last_of_day)
    return table


def _items_lines(view: UpcomingView, rows: list[_Line], names: dict[str, str]) -> RenderableType:
    """The rows as lines of text, for a terminal too narrow for the table: each day, then its rows."""
    lines: list[RenderableType] = []
    previous: date | None = None
    for line in rows:
        if line.date != previous:
            lines.append(Text(day_label(line.date), style="bold"))
            previous = line.date
        row = line.cells
        platform = row["platform"] or "—"
        where = f"{names[line.calendar]} {platform}" if len(view.calendars) > 1 else platform
        extra = ", ".join(v for v in (row["owner"], row["status"]) if v)
        shown = _("{time} {where}: {title} ({extra})").format(
            time=row["time"], where=where, title=row["title"], extra=extra
        )
        text = Text(shown, style=line.style or "")
        lines.append(Padding(text, (0, 0, 0, 2)))
    return Group(*lines)


def _headers() -> dict[str, str]:
    """The column headings of the upcoming table, in the language in force (keys in column order)."""
    return {
        "date": _("Date"),
        "time": _("Time"),
        "calendar": _("Calendar"),
        "platform": _("Platform"),
        "habit": _("Habit"),
        "type": _("Type"),
        "title": _("Title"),
        "owner": _("Owner"),
        "status": _("Status"),
    }


_MAX_WIDTH = {"calendar": 18, "platform": 12, "habit": 18, "type": 11, "owner": 10, "status": 9}
_MIN_WIDTH = {"date": 9, "time": 5, "calendar": 7, "status": 6}


def _row(item: Item) -> dict[str, str]:
    """The cells of an item's row, as they are printed."""
    cells = {
        "date": short_day(item.date),
        "time": clock(item.time) if item.time is not None else NO_TIME,
        "platform": item.platform or "",
        "habit": item.habit or item.event or "",
        "type": item.type or "",
        "title": _gap_title(item) if item.is_gap else _event_title(item) if item.is_event else item.title,
        "owner": item.owner or "",
        "status": _("GAP") if item.is_gap else _("EVENT") if item.is_event else (item.status or ""),
    }
    return {key: printable(value) for key, value in cells.items()}


def _gap_title(item: Item) -> str:
    missing = item.missing or 0
    times = item.times or 1
    if missing >= times:
        text = _("missing: {title}").format(title=item.title)
    else:
        text = _("missing {missing} of {times}: {title}").format(
            missing=missing, times=times, title=item.title
        )
    window = item.window
    if window is not None and not window.is_day:
        text += _(" (by {day})").format(day=short_day(window.last))
    return text + _moved(item)


def _moved(item: Item) -> str:
    """` (moved from Fri 12-25, Christmas Day)` for a gap a holiday or a blackout moved."""
    if item.moved_from is None:
        return ""
    return _(" (moved from {day}, {reason})").format(day=short_day(item.moved_from), reason=item.reason)


def _moved_long(item: Item) -> str:
    if item.moved_from is None:
        return ""
    return _(" (moved from {day}, {reason})").format(day=day_label(item.moved_from), reason=item.reason)


def _planning_lines(
    holidays: Sequence[Holiday], blackouts: Sequence[BlackoutSpan], events: Sequence[Item], multi: bool
) -> list[str]:
    """`Holidays: Fri 12-25 Christmas Day`, `Closed: …`, `Events: …`, each line only when there is one."""

    def whose(calendar: str) -> str:
        return f" ({calendar})" if multi else ""

    lines = []
    if holidays:
        shown = [f"{short_day(h.date)} {h.name}{whose(h.calendar)}" for h in holidays]
        lines.append(_("Holidays: {days}").format(days=", ".join(shown)))
    if blackouts:
        shown = []
        for b in blackouts:
            span = short_day(b.first) if b.first == b.last else _span(b.first, b.last)
            shown.append(f"{span}{' ' + b.reason if b.reason else ''}{whose(b.calendar)}")
        lines.append(_("Closed: {days}").format(days=", ".join(shown)))
    if events:
        firsts: dict[tuple[str, str], Item] = {}
        lasts: dict[tuple[str, str], Item] = {}
        for item in events:
            key = (item.calendar, item.event or "")
            firsts.setdefault(key, item)
            lasts[key] = item
        shown = []
        for key, first in firsts.items():
            last = lasts[key]
            span = short_day(first.date) if first is last else _span(first.date, last.date)
            title = first.event_title or first.title
            shown.append(f"{span} {title}{whose(first.calendar)}")
        lines.append(_("Events: {days}").format(days=", ".join(shown)))
    return lines


def _event_title(item: Item) -> str:
    return item.title + (f" · {item.location}" if item.location else "")


def _days(start: date, end: date) -> str:
    """`Wed 2026-12-02 to Tue 2026-12-15`, or one day alone."""
    if start == end:
        return day_label(start)
    return _("{first} to {last}").format(first=day_label(start), last=day_label(end))


def _span(first: date, last: date) -> str:
    """`Thu 12-24 to Sat 12-26`: days in a table whose heading gives the year."""
    return _("{first} to {last}").format(first=short_day(first), last=short_day(last))


def _short_names(names: Sequence[str]) -> dict[str, str]:
    """Each calendar's first word when that tells them apart, else its whole name."""
    firsts = [name.split(" ", 1)[0] if name.strip() else name for name in names]
    return {
        name: printable(first if firsts.count(first) == 1 else name)
        for name, first in zip(names, firsts, strict=True)
    }


def _posts_gaps(posts: int, gaps: int) -> str:
    """`3 posts, 1 gap`."""
    return _("{posts}, {gaps}").format(
        posts=ngettext("{n} post", "{n} posts", posts).format(n=posts),
        gaps=ngettext("{n} gap", "{n} gaps", gaps).format(n=gaps),
    )


def _habits(n: int, events: bool) -> str:
    """`3 habits`, or `3 habits and events` when events have slots too."""
    if events:
        return ngettext("{n} habits and events", "{n} habits and events", n).format(n=n)
    return ngettext("{n} habit", "{n} habits", n).format(n=n)


# --- the gaps view ------------------------------------------------------------------------------------------


def gaps_table(view: GapsView) -> RenderableType:
    """Each habit's coverage on one line, followed by its open slots (platforms of one window together)."""
    return _FitWidth(lambda width: _gaps_at(view, width))


def _gaps_at(view: GapsView, width: int) -> RenderableType:
    span = _days(view.start, view.end)
    open_habits = [h for h in view.habits if h.gaps]
    if not view.habits:
        return Text(_("{span}: no habit has a slot").format(span=span))
    events = any(h.habit is None for h in view.habits)
    habits = _habits(len(view.habits), events)
    if open_habits:
        slots = sum(len(h.gaps) for h in open_habits)
        head = ngettext(
            "{span}: {n} open slot in {open} of {habits}",
            "{span}: {n} open slots in {open} of {habits}",
            slots,
        ).format(span=span, n=slots, open=len(open_habits), habits=habits)
    else:
        head = _("{span}: every slot of {habits} is filled").format(span=span, habits=habits)
    parts: list[RenderableType] = [Text(head)]
    multi = len(view.calendars) > 1
    planning = _planning_lines(view.holidays, view.blackouts, view.events, multi)
    parts.extend(Text(printable(line), style="magenta") for line in planning)
    calendar = None
    for habit in view.habits:
        parts.append(Text(""))
        if multi and habit.calendar != calendar:
            calendar = habit.calendar
            parts.append(Text(printable(calendar), style="bold underline"))
        parts.extend(_coverage_lines(habit, width))
        if habit.gaps:
            parts.append(_gap_rows(habit))
    return Group(*parts)


def _coverage_lines(habit: HabitCoverage, width: int) -> list[Text]:
    """`daily-recipe: 26 of 30 slots filled (87%)`, then the habit's title, `required` and owner: beside it
    when the line fits, else on the next line."""
    name = habit.habit if habit.habit is not None else _("event {event}").format(event=habit.event)
    coverage = ngettext(
        "{name}: {filled} of {n} slot filled ({percent})",
        "{name}: {filled} of {n} slots filled ({percent})",
        habit.slots,
    ).format(name=name, filled=habit.filled, n=habit.slots, percent=percent(habit.percent / 100, 0))
    details = [habit.title]
    if habit.required:
        details.append(_("required"))
    if habit.owner:
        details.append(_("owner {owner}").format(owner=habit.owner))
    if habit.gaps and habit.ideas is not None:
        if habit.ideas:
            ideas = ngettext("{n} idea in the backlog", "{n} ideas in the backlog", habit.ideas)
            details.append(ideas.format(n=habit.ideas))
        else:
            details.append(_("no idea in the backlog"))
    about = printable(" · ".join(details))
    line = Text(printable(coverage), style="bold")
    if cell_len(f"{line.plain} · {about}") <= width:
        line.append(f" · {about}")
        return [line]
    return [line, Text(f"  {about}")]


def _gap_rows(habit: HabitCoverage) -> Table:

    merged: dict[tuple[str, str, int, int], list[str]] = {}
    for gap in habit.gaps:
        window = gap.window
        label = (window.label if window is not None else day_label(gap.date)) + _moved_long(gap)
        at = clock(gap.time) if gap.time is not None else NO_TIME
        merged.setdefault((label, at, gap.missing or 0, gap.times or 1), []).append(gap.platform or "")
    partial = any(missing < times for _, _, missing, times in merged)
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), pad_edge=False)
    table.add_column(overflow="fold")
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    if partial:
        table.add_column(no_wrap=True)
    style = "red" if habit.required else "yellow"
    for (label, at, missing, times), platforms in merged.items():
        cells = [f"  {label}", at, ", ".join(platforms)]
        if partial:
            cells.append(_("missing {missing} of {times}").format(missing=missing, times=times))
        table.add_row(*(Text(printable(c)) for c in cells), style=style)
    return table


# --- the month grid -----------------------------------------------------------------------------------------


def abbreviations(platforms: Sequence[str]) -> dict[str, str]:
    """A short name for each platform id: an id of up to 4 characters as it is, the usual one for a known
    platform, else the shortest start of the id (2 characters or more) that no other platform uses."""
    found: dict[str, str] = {}
    for platform in platforms:
        known = _KNOWN_ABBREVIATIONS.get(platform)
        if len(platform) <= 4 and platform not in found.values():
            found[platform] = platform
        elif known is not None and known not in found.values():
            found[platform] = known
    taken = set(found.values())
    for platform in platforms:
        if platform in found:
            continue
        short = next((platform[:n] for n in range(2, len(platform)) if platform[:n] not in taken), platform)
        found[platform] = short
        taken.add(short)
    return {p: found[p] for p in platforms}


def month_grid(view: MonthView) -> RenderableType:
    """The month as rows of weeks, Monday to Sunday; each day with its posts per platform and its gaps."""
    short = abbreviations(view.platforms)
    title = month_title(view.year, view.month)
    table = Table(
        title=title,
        box=box.SQUARE,
        show_lines=True,
        padding=(0, 0, 0, 1),
        expand=True,
        header_style="bold",
        title_style="bold",
    )
    for name in weekday_names():
        table.add_column(name, ratio=1, overflow="fold", min_width=5)
    for week in view.weeks:
        table.add_row(*(_day_cell(day, view.today, short) if day is not None else "" for day in week))
    parts: list[RenderableType] = [table]
    legend = [f"{short[p]} {p}" for p in view.platforms if short[p] != p]
    if view.platforms:
        example = short[view.platforms[0]]
        legend.append(_("{short}2: 2 posts on {platform}").format(short=example, platform=view.platforms[0]))
        legend.append(_("GAP: a slot a habit or an event promised that day, left open"))
    if view.holidays or view.blackouts or view.events:
        legend.append(_("HOL: a holiday · CLOSED: a blackout · EVT: an event"))
    if legend:
        parts.append(Text(printable(" · ".join(legend))))
    multi = len(view.calendars) > 1
    for line in _planning_lines(view.holidays, view.blackouts, view.events, multi):
        parts.append(Text(printable(line), style="magenta"))
    if view.period_gaps:
        parts.append(Text(_("Week and month slots left open:")))
        names = _short_names(view.calendars)
        for gap in view.period_gaps:
            where = f" ({names[gap.calendar]})" if len(view.calendars) > 1 else ""
            window = gap.window
            span = _span(window.first, window.last) if window else short_day(gap.date)
            missing, times = gap.missing or 0, gap.times or 1
            partly = ""
            if missing < times:
                partly = _(" ({missing} of {times} posts missing)").format(missing=missing, times=times)
            line = "  " + _("{habit}{where} on {platform}: {span}{partly}").format(
                habit=gap.habit or gap.event, where=where, platform=gap.platform, span=span, partly=partly
            )
            parts.append(Text(printable(line), style="yellow"))
    parts.append(Text(_("{span}: {counts}").format(span=title, counts=_posts_gaps(view.posts, view.gaps))))
    return Group(*parts)


def _day_cell(day: Day, today: date, short: dict[str, str]) -> RenderableType:

    cell = Text()
    cell.append(str(day.date.day), style="bold")
    if day.date == today:
        cell.append(" " + _("today"), style="bold reverse")
    if day.holidays:
        cell.append("\n" + _("HOL"), style="bold magenta")
    if day.closed:
        cell.append("\n" + _("CLOSED"), style="bold magenta")
    if day.events:
        cell.append("\n" + printable(_("EVT") + " " + " ".join(day.events)), style="bold cyan")
    if day.posts:
        cell.append("\n" + printable(" ".join(_counted(short[p], n) for p, n in day.posts)))
    if day.gaps:
        cell.append("\n")
        cell.append(
            printable(_("GAP") + " " + " ".join(_counted(short[p], n) for p, n in day.gaps)),
            style="bold yellow",
        )
    return cell


def _counted(name: str, n: int) -> str:
    return name if n == 1 else f"{name}{n}"


def post_table(view: PostView) -> RenderableType:
    """`cmcal show`: the post's head line, one row per platform, then its problems (in the language in force;
    the post's own words, its status and the problem codes as written)."""
    from cmcal.platforms.rules import unit_name

    post = view.post
    when = post.date.isoformat() + (f" {clock(post.time)}" if post.time else "")
    head = Text(
        f"{post.title} — {when}, {post.status}"
        + (_(", approved by {who}").format(who=printable(post.approved.by)) if post.approved else "")
    )
    table = Table(box=None, pad_edge=False, show_edge=False)
    columns = (_("platform"), _("text"), _("limit"), _("left"), _("hashtags"), _("links"))
    for n, column in enumerate(columns):
        table.add_column(column, justify="right" if n in (2, 3) else "left")
    for p in view.platforms:
        main = p.counts[0] if p.counts else None
        length = f"{p.length} {unit_name(p.unit)}" if p.has_text else _("no text")
        tags = (
            _("{n} of {limit}").format(n=len(p.hashtags), limit=p.hashtag_limit)
            if p.hashtag_limit is not None
            else str(len(p.hashtags))
        )
        table.add_row(
            p.name if p.name == p.platform else f"{p.name} ({p.platform})",
            length,
            str(main.limit) if main else "—",
            str(main.left) if main else "—",
            tags,
            printable(", ".join(p.links)) or "—",
        )
        for extra in p.counts[1:]:
            table.add_row(
                "",
                f"{extra.length} {unit_name(extra.unit)}",
                str(extra.limit),
                str(extra.left),
                "",
                "",
            )
    parts: list[RenderableType] = [head, table]
    if view.problems:
        parts.append(Text(_("problems:")))
        for found in view.problems:
            parts.append(
                Text(
                    f"  {found.line}:{found.column} {found.severity.value} [{found.code}] "
                    + printable(found.message)
                )
            )
    else:
        parts.append(Text(_("no problems")))
    return Group(*parts)
