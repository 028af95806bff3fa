"""The output formats of `cmcal report`: a Rich table view, Markdown, JSON, and one self-contained HTML page.

The three human formats are made from one list of blocks (headings, paragraphs, warnings, tables, charts), so
they say the same thing in the same words; JSON is made from the report's figures directly. Nothing prints.
The HTML page has inline CSS and inline SVG charts and loads nothing (no script, no font, no image). It reads
on a phone as on a desktop (README, "cmcal report"): each table scrolls sideways inside a box of its own, and
charts scale with their `viewBox` to the width of the page, down to a size where their text stays legible,
below which they too scroll inside their box; the page itself is never wider than the screen.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from cmcal.i18n import _, current, ngettext
from cmcal.i18n.formats import long_day, number, percent
from cmcal.printable import no_surrogates, printable
from cmcal.report.compute import (
    REPORT_VERSION,
    AdherenceRow,
    CalendarReport,
    CampaignReport,
    Change,
    ContentMix,
    Engagement,
    EngagementGroup,
    Period,
    PostRate,
    Report,
    Summary,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

FORMATS = ("table", "markdown", "json", "html")
NONE = "—"
"""Shown where a figure cannot be computed (no slot, no data)."""

# --- blocks -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    text: str


@dataclass(frozen=True, slots=True)
class Alert:
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: int
    """How many trailing columns hold numbers (right-aligned)."""
    footer: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    """The number the bar's length shows (a count, or a percentage for `unit="%"`)."""
    text: str
    """The value as printed beside the bar."""


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    unit: Literal["%", "count"]
    full: float | None = None
    """The value a full-length bar stands for (100 for adherence); None: the largest value of the chart."""


@dataclass(frozen=True, slots=True)
class Highlights:
    """The headline figures, shown as cards at the top of the HTML page (the other formats have the table)."""

    items: tuple[tuple[str, str, str], ...]
    """(label, value, change since the previous period)."""


Block = Heading | Para | Alert | Table | Chart | Highlights


def pct(value: float | None) -> str:
    """`7.94%` / « 7,94 % », rounded to two decimals (`cmcal.i18n.formats`: the same in every language)."""
    return NONE if value is None else percent(value, 2)


def num(value: int | float | None) -> str:
    if value is None:
        return NONE
    return number(value, 0 if isinstance(value, int) or value == int(value) else 2)


def _signed(value: float, digits: int) -> str:
    shown = format(value, f"+.{digits}f")
    return shown[0] + number(float(shown[1:]), digits)


def signed(change: Change) -> str:
    delta = change.delta
    if delta is None:
        return NONE
    if change.kind == "share":
        return _("{delta} pp").format(delta=_signed(delta * 100, 2))
    return _signed(delta, 0)


def _date(day: date) -> str:
    """A date in the report's prose: ISO in English, else as the language writes it (« 1er décembre »)."""
    return day.isoformat() if current().is_source else long_day(day)


def period_text(period: Period) -> str:
    return _("{first} to {last}").format(first=_date(period.first), last=_date(period.last))


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=number(n))


def _posts(n: int) -> str:
    return ngettext("{n} post", "{n} posts", n).format(n=number(n))


def _publications(n: int) -> str:
    return ngettext("{n} publication", "{n} publications", n).format(n=number(n))


def _change_label(name: str) -> str:
    labels = {
        "posts": _("Posts (not cancelled)"),
        "published": _("Posts published"),
        "adherence": _("Habit adherence"),
        "engagements": _("Engagements"),
        "rate": _("Engagement rate"),
    }
    return labels.get(name, name)


def blocks(report: Report) -> list[Block]:
    """The report as a sequence of blocks, shared by the table, Markdown and HTML formats."""
    out: list[Block] = []
    if not report.calendars:
        out.append(Heading(1, _("cmcal report")))
        out.append(
            Para(_("No calendar found: a calendar is a YAML file whose top level has `calendar: NAME`."))
        )
    for calendar in report.calendars:
        out.extend(calendar_blocks(calendar))
    return out


def calendar_blocks(cr: CalendarReport) -> list[Block]:
    out: list[Block] = [
        Heading(
            1,
            _("{calendar}: report for {period}").format(calendar=cr.calendar, period=period_text(cr.period)),
        ),
        Para(
            _("{days}, dates local to {zone}; calendar file {path}. ").format(
                days=_days(cr.period.days), zone=cr.timezone, path=cr.path
            )
            + (
                _("Compared with the previous period, {period}.").format(
                    period=period_text(cr.previous_period)
                )
                if cr.previous_period is not None
                else _("There is no previous period to compare with.")
            )
        ),
    ]
    out.extend(_summary_blocks(cr))
    out.extend(_adherence_blocks(cr))
    out.extend(_mix_blocks(cr.mix, cr.summary))
    out.extend(_workload_blocks(cr))
    out.extend(_engagement_blocks(cr.engagement))
    out.extend(_campaign_blocks(cr))
    return out


def _campaign_blocks(cr: CalendarReport) -> list[Block]:
    """Each campaign that meets the period, judged over its own dates."""
    if not cr.campaigns:
        return []
    out: list[Block] = [Heading(2, _("Campaigns"))]
    out.append(
        Para(
            _(
                "Each campaign whose dates meet the period, over all its dates: its posts that are not "
                "cancelled, their publications (a post on each platform), the published ones, and their "
                "engagement (ratio of sums)."
            )
        )
    )
    rows = tuple(
        (
            f"{c.title} ({c.id})",
            _("{start} to {end}").format(start=c.start, end=c.end),
            num(c.posts),
            num(c.publications),
            num(c.published),
            num(c.engagement.engagements),
            pct(c.engagement.rate),
        )
        for c in cr.campaigns
    )
    out.append(
        Table(
            (
                _("Campaign"),
                _("Dates"),
                _("Posts"),
                _("Publications"),
                _("Published"),
                _("Engagements"),
                _("Rate"),
            ),
            rows,
            numeric=5,
        )
    )
    for c in cr.campaigns:
        if c.by_platform:
            platform_rows = tuple(
                (g.key or "", num(g.publications), num(g.engagements), pct(g.rate)) for g in c.by_platform
            )
            out.append(Heading(3, _("{campaign}: engagement by platform").format(campaign=c.title)))
            headers = (_("Platform"), _("Published"), _("Engagements"), _("Rate"))
            out.append(Table(headers, platform_rows, numeric=3))
        if c.events:
            out.extend(_campaign_event_blocks(c))
    return out


def _campaign_event_blocks(c: CampaignReport) -> list[Block]:
    """The promised posts of the events inside a campaign: promised, filled, published, filled ÷ promised."""
    total = c.event_slots
    rows = tuple(
        (f"{e.title} ({e.event})", num(e.slots), num(e.filled), num(e.published), pct(e.adherence))
        for e in c.events
    )
    footer = (
        _("All events"),
        num(total.slots),
        num(total.filled),
        num(total.published),
        pct(total.adherence),
    )
    headers = (_("Event"), _("Promised"), _("Filled"), _("Published"), _("Adherence"))
    return [
        Heading(3, _("{campaign}: event slots").format(campaign=c.title)),
        Para(
            _(
                "The events whose first day is in the campaign, with all their promised posts: the slots "
                "promised (a promised post on each platform), filled, published, and filled ÷ promised."
            )
        ),
        Table(headers, rows, numeric=4, footer=footer if len(c.events) > 1 else None),
    ]


def _summary_blocks(cr: CalendarReport) -> list[Block]:
    basis = cr.engagement.basis
    rows = []
    for change in cr.changes:
        label = _change_label(change.name)
        if change.name == "rate":
            label += _(" (by {basis})").format(basis=basis)
        shown = pct if change.kind == "share" else num
        rows.append((label, shown(change.current), shown(change.previous), signed(change)))
    out: list[Block] = [
        Highlights(
            tuple(
                (
                    rows[i][0],
                    rows[i][1],
                    _("{change} since the previous period").format(change=rows[i][3])
                    if c.delta is not None
                    else "",
                )
                for i, c in enumerate(cr.changes)
                if c.name in ("published", "adherence", "engagements", "rate")
            )
        ),
        Heading(2, _("Summary and change since the previous period")),
        Table((_("Figure"), _("This period"), _("Previous period"), _("Change")), tuple(rows), numeric=3),
    ]
    if cr.previous_period is not None:
        out.append(
            Para(
                _(
                    "Changes of percentages are in percentage points (pp). {none}: no figure to compare."
                ).format(none=NONE)
            )
        )
    return out


def _habit_label(row: AdherenceRow) -> str:
    name = _("event {event}").format(event=row.habit) if row.event else row.habit
    return f"{row.title} ({name})" + (_(", required") if row.required else "")


def _adherence_blocks(cr: CalendarReport) -> list[Block]:
    adherence = cr.adherence
    out: list[Block] = [Heading(2, _("Habit adherence"))]
    if adherence.habits == 0:
        out.append(
            Para(
                _(
                    "This calendar has no habits, so there is no promise to measure adherence against. "
                    "Declare your recurring posts under `habits:` (a daily recipe, a weekly question…) to "
                    "follow them."
                )
            )
        )
        return out
    if not adherence.rows:
        out.append(
            Para(
                ngettext(
                    "No slot of the calendar's {n} habit ends in this period "
                    "(they start later or have ended).",
                    "No slot of the calendar's {n} habits ends in this period "
                    "(they start later or have ended).",
                    adherence.habits,
                ).format(n=number(adherence.habits))
            )
        )
        return out
    out.append(
        Para(
            _(
                "A slot is one habit on one platform for one day, week or month; it counts in the period "
                "where it ends. Filled: it has enough posts that are not cancelled. Published: enough of "
                "them are published. Adherence = published slots ÷ slots."
            )
        )
    )
    rows = tuple(
        (_habit_label(r), r.platform, num(r.slots), num(r.filled), num(r.published), pct(r.adherence))
        for r in adherence.rows
    )
    footer = (_("Total"), "", num(adherence.slots), num(adherence.filled), num(adherence.published))
    out.append(
        Table(
            (_("Habit"), _("Platform"), _("Slots"), _("Filled"), _("Published"), _("Adherence")),
            rows,
            numeric=4,
            footer=(*footer, pct(adherence.adherence)),
        )
    )
    out.append(
        Chart(
            _("Adherence by habit and platform (published slots ÷ slots)"),
            tuple(
                Bar(f"{r.title} · {r.platform}", round((r.adherence or 0) * 100, 2), pct(r.adherence))
                for r in adherence.rows
            ),
            "%",
            full=100.0,
        )
    )
    return out


def _type_label(kind: str | None) -> str:
    return kind if kind is not None else _("(no type)")


def _mix_blocks(mix: ContentMix, summary: Summary) -> list[Block]:
    out: list[Block] = [Heading(2, _("Content mix"))]
    if mix.total == 0:
        out.append(Para(_("No post in this period.")))
        return out
    out.append(
        Para(
            _(
                "{publications} ({posts}; one publication is one post on one platform), by content type, "
                "whatever their status; cancelled posts are left out."
            ).format(publications=_publications(mix.total), posts=_posts(summary.posts))
        )
    )
    rows = tuple(
        (_type_label(r.type), *(num(c) for c in r.counts), num(r.total), pct(r.share)) for r in mix.rows
    )
    footer = (_("Total"), *(num(t) for t in mix.platform_totals), num(mix.total), pct(1.0))
    out.append(
        Table(
            (_("Type"), *mix.platforms, _("Total"), _("Share")),
            rows,
            numeric=len(mix.platforms) + 2,
            footer=footer,
        )
    )
    for warning in mix.warnings:
        out.append(
            Alert(
                _(
                    "{type} is {share} of the publications, over this calendar's limit of {limit} "
                    "(`report: {{max_type_share: {value}}}`); vary the formats."
                ).format(
                    type=_type_label(warning.type),
                    share=pct(warning.share),
                    limit=pct(warning.limit),
                    value=f"{warning.limit:g}",
                )
            )
        )
    out.append(
        Chart(
            _("Publications by content type"),
            tuple(Bar(_type_label(r.type), r.total, num(r.total)) for r in mix.rows),
            "count",
        )
    )
    return out


def _workload_blocks(cr: CalendarReport) -> list[Block]:
    out: list[Block] = [Heading(2, _("Workload per owner"))]
    if not cr.workload:
        out.append(Para(_("No post in this period.")))
        return out
    rows = tuple(
        (
            r.owner if r.owner is not None else _("(no owner)"),
            num(r.posts),
            num(r.publications),
            num(r.published),
            num(r.planned),
            num(r.in_progress),
        )
        for r in cr.workload
    )
    out.append(
        Table(
            (
                _("Owner"),
                _("Posts"),
                _("Publications"),
                _("Published"),
                _("Ready or scheduled"),
                _("Idea or draft"),
            ),
            rows,
            numeric=5,
        )
    )
    return out


def _engagement_blocks(engagement: Engagement) -> list[Block]:
    basis = engagement.basis
    overall = engagement.overall
    out: list[Block] = [Heading(2, _("Engagement (rate by {basis})").format(basis=basis))]
    counts = " + ".join(engagement.counts)
    out.append(
        Para(
            _(
                "Engagements = {counts}, as the platforms reported them (a count a platform did not give is "
                "left out, never read as zero). Rate = engagements ÷ {basis}. The rate of a group is the "
                "ratio of sums: its total engagements ÷ its total {basis}, so bigger posts weigh more; the "
                'mean of the posts\' own rates ("mean rate") is shown beside it. "No data": a published post '
                "on a platform without {basis} or without any of those counts; it is counted apart, never "
                "as zero."
            ).format(counts=counts, basis=basis)
        )
    )
    if overall.publications == 0:
        out.append(Para(_("No published post in this period, so no engagement to measure.")))
        return out
    if overall.with_data == 0:
        out.append(
            Para(
                _(
                    "No data: none of the {publications} of published posts has metrics with {basis} and any "
                    "of {counts}. Add `metrics:` to the posts, or list the platforms' CSV exports in "
                    "`metrics_files:`."
                ).format(
                    publications=_publications(overall.publications),
                    basis=basis,
                    counts=", ".join(engagement.counts),
                )
            )
        )
        return out
    out.append(
        Para(
            _(
                "Overall: {rate} (ratio of sums: {engagements} engagements ÷ {denominator} {basis}); mean "
                "rate {mean}; {publications} with data, {no_data} with no data."
            ).format(
                rate=pct(overall.rate),
                engagements=num(overall.engagements),
                denominator=num(overall.denominator),
                basis=basis,
                mean=pct(overall.mean_rate),
                publications=_publications(overall.with_data),
                no_data=num(overall.no_data),
            )
        )
    )
    for title, name, groups, label in (
        (_("By platform"), _("Platform"), engagement.by_platform, lambda k: k or ""),
        (_("By content type"), _("Type"), engagement.by_type, _type_label),
        (_("By habit"), _("Habit"), engagement.by_habit, lambda k: k if k is not None else _("(no habit)")),
    ):
        out.append(Heading(3, title))
        out.append(_group_table(name, groups, basis, label))
    out.append(
        Chart(
            _("Engagement rate by platform (ratio of sums, by {basis})").format(basis=basis),
            tuple(
                Bar(g.key or "", round(g.rate * 100, 2), pct(g.rate))
                for g in engagement.by_platform
                if g.rate is not None
            ),
            "%",
        )
    )
    out.append(Heading(3, _("Top posts")))
    out.append(_post_table(engagement.top, basis))
    if engagement.bottom:
        out.append(Heading(3, _("Bottom posts")))
        out.append(_post_table(engagement.bottom, basis))
    return out


def _group_table(
    name: str, groups: Sequence[EngagementGroup], basis: str, label: Callable[[str | None], str]
) -> Table:
    rows = tuple(
        (
            label(g.key),
            num(g.publications),
            num(g.with_data),
            num(g.no_data),
            num(g.engagements) if g.with_data else NONE,
            num(g.denominator) if g.with_data else NONE,
            pct(g.rate),
            pct(g.mean_rate),
        )
        for g in groups
    )
    columns = (
        name,
        _("Published"),
        _("With data"),
        _("No data"),
        _("Engagements"),
        basis.capitalize(),
        _("Rate"),
        _("Mean rate"),
    )
    return Table(columns, rows, numeric=7)


def _post_table(posts: Sequence[PostRate], basis: str) -> Table:
    rows = tuple(
        (
            str(i),
            p.post.date.isoformat(),
            p.post.title,
            p.platform,
            num(p.engagements),
            num(p.denominator),
            pct(p.rate),
        )
        for i, p in enumerate(posts, 1)
    )
    return Table(
        ("#", _("Date"), _("Post"), _("Platform"), _("Engagements"), basis.capitalize(), _("Rate")),
        rows,
        numeric=3,
    )


# --- Markdown -----------------------------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\|*_`<>[]"})


def _md(text: str) -> str:
    return printable(text).translate(_MD_SPECIAL)


def _md_text(text: str) -> str:
    """Prose: `code` spans are kept, the rest escaped."""
    parts = text.split("`")
    return "".join(f"`{part}`" if i % 2 else _md(part) for i, part in enumerate(parts))


def markdown(report: Report) -> str:
    lines: list[str] = []
    for block in blocks(report):
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + _md(block.text), ""]
        elif isinstance(block, Para):
            lines += [_md_text(block.text), ""]
        elif isinstance(block, Alert):
            lines += ["> **" + _("Warning:") + f"** {_md_text(block.text)}", ""]
        elif isinstance(block, Table):
            lines += [*_md_table(block), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_table(table: Table) -> list[str]:
    first_numeric = len(table.columns) - table.numeric
    rule = ["---:" if i >= first_numeric else "---" for i in range(len(table.columns))]
    out = ["| " + " | ".join(_md(c) for c in table.columns) + " |", "| " + " | ".join(rule) + " |"]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in table.rows]
    if table.footer is not None:
        out.append("| " + " | ".join(f"**{_md(c)}**" if c else "" for c in table.footer) + " |")
    return out


# --- Rich ---------------------------------------------------------------------------------------------------


def table(report: Report) -> RenderableType:
    """A Rich renderable for the terminal (charts are left to the HTML format)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    items: list[RenderableType] = []
    previous: Block | None = None
    for block in blocks(report):
        if isinstance(block, Para | Alert | Table) and isinstance(previous, Para | Alert | Table):
            items.append(Text(""))
        previous = block
        if isinstance(block, Heading):
            style = {1: "bold reverse", 2: "bold underline", 3: "bold"}.get(block.level, "bold")
            if items:
                items.append(Text(""))
            items.append(Text(printable(block.text), style=style))
        elif isinstance(block, Para):
            items.append(Text(printable(block.text.replace("`", ""))))
        elif isinstance(block, Alert):
            items.append(
                Text(_("Warning:") + " " + printable(block.text.replace("`", "")), style="bold yellow")
            )
        elif isinstance(block, Table):
            first_numeric = len(block.columns) - block.numeric
            rich = RichTable(
                box=box.HORIZONTALS, show_footer=block.footer is not None, show_edge=False, pad_edge=False
            )
            for i, name in enumerate(block.columns):
                right = i >= first_numeric
                rich.add_column(
                    Text(printable(name)),
                    justify="right" if right else "left",
                    footer=Text(printable(block.footer[i])) if block.footer is not None else "",
                    no_wrap=right,
                    overflow="fold",
                )
            for row in block.rows:
                rich.add_row(*(Text(printable(cell)) for cell in row))  # Text: never read as Rich markup
            items.append(rich)
    return Group(*items)


# --- JSON ---------------------------------------------------------------------------------------------------


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _period(period: Period | None) -> dict[str, object] | None:
    if period is None:
        return None
    return {"from": period.first.isoformat(), "to": period.last.isoformat(), "days": period.days}


def _summary_json(summary: Summary | None) -> dict[str, object] | None:
    if summary is None:
        return None
    return {
        "posts": summary.posts,
        "published": summary.published,
        "publications": summary.publications,
        "slots": summary.slots,
        "published_slots": summary.published_slots,
        "adherence": _r(summary.adherence),
        "engagements": summary.engagements,
        "denominator": summary.denominator,
        "with_data": summary.with_data,
        "rate": _r(summary.rate),
    }


def _group_json(group: EngagementGroup) -> dict[str, object]:
    return {
        "key": group.key,
        "publications": group.publications,
        "with_data": group.with_data,
        "no_data": group.no_data,
        "engagements": group.engagements,
        "denominator": group.denominator,
        "rate": _r(group.rate),
        "mean_rate": _r(group.mean_rate),
    }


def _post_json(rate: PostRate) -> dict[str, object]:
    post = rate.post
    return {
        "id": post.id,
        "key": post.key,
        "date": post.date.isoformat(),
        "title": post.title,
        "platform": rate.platform,
        "type": post.type,
        "habit": post.habit,
        "owner": post.owner,
        "engagements": rate.engagements,
        "denominator": rate.denominator,
        "rate": _r(rate.rate),
    }


def _calendar_json(cr: CalendarReport) -> dict[str, object]:
    adherence, mix, engagement = cr.adherence, cr.mix, cr.engagement
    return {
        "calendar": cr.calendar,
        "path": cr.path,
        "timezone": cr.timezone,
        "period": _period(cr.period),
        "previous_period": _period(cr.previous_period),
        "summary": _summary_json(cr.summary),
        "previous": _summary_json(cr.previous),
        "changes": [
            {
                "name": c.name,
                "kind": c.kind,
                "current": _r(c.current),
                "previous": _r(c.previous),
                "delta": _r(c.delta),
            }
            for c in cr.changes
        ],
        "adherence": {
            "habits": adherence.habits,
            "slots": adherence.slots,
            "filled": adherence.filled,
            "published": adherence.published,
            "adherence": _r(adherence.adherence),
            "rows": [
                {
                    "habit": None if r.event else r.habit,
                    "event": r.habit if r.event else None,
                    "title": r.title,
                    "platform": r.platform,
                    "required": r.required,
                    "slots": r.slots,
                    "filled": r.filled,
                    "published": r.published,
                    "adherence": _r(r.adherence),
                }
                for r in adherence.rows
            ],
        },
        "content_mix": {
            "platforms": list(mix.platforms),
            "total": mix.total,
            "max_type_share": mix.max_type_share,
            "rows": [
                {
                    "type": r.type,
                    "counts": dict(zip(mix.platforms, r.counts, strict=True)),
                    "total": r.total,
                    "share": _r(r.share),
                }
                for r in mix.rows
            ],
            "warnings": [{"type": w.type, "share": _r(w.share), "limit": w.limit} for w in mix.warnings],
        },
        "workload": [
            {
                "owner": r.owner,
                "posts": r.posts,
                "publications": r.publications,
                "published": r.published,
                "planned": r.planned,
                "in_progress": r.in_progress,
            }
            for r in cr.workload
        ],
        "engagement": {
            "basis": engagement.basis,
            "counts": list(engagement.counts),
            "overall": _group_json(engagement.overall),
            "by_platform": [_group_json(g) for g in engagement.by_platform],
            "by_type": [_group_json(g) for g in engagement.by_type],
            "by_habit": [_group_json(g) for g in engagement.by_habit],
            "top": [_post_json(p) for p in engagement.top],
            "bottom": [_post_json(p) for p in engagement.bottom],
        },
        "campaigns": [
            {
                "campaign": c.id,
                "title": c.title,
                "start": c.start.isoformat() if c.start else None,
                "end": c.end.isoformat() if c.end else None,
                "posts": c.posts,
                "publications": c.publications,
                "published": c.published,
                "engagement": _group_json(c.engagement),
                "by_platform": [_group_json(g) for g in c.by_platform],
                "event_slots": {
                    "slots": c.event_slots.slots,
                    "filled": c.event_slots.filled,
                    "published": c.event_slots.published,
                    "adherence": c.event_slots.adherence,
                    "events": [
                        {
                            "event": e.event,
                            "title": e.title,
                            "slots": e.slots,
                            "filled": e.filled,
                            "published": e.published,
                            "adherence": e.adherence,
                        }
                        for e in c.events
                    ],
                },
            }
            for c in cr.campaigns
        ],
    }


def as_json(report: Report) -> str:
    data = {
        "version": REPORT_VERSION,
        "basis": report.basis,
        "calendars": [_calendar_json(c) for c in report.calendars],
    }
    return no_surrogates(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


# --- HTML ---------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --bar: #2f6fb0;
        --warn: #b45309; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; background: #fff;
       overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 2.5rem 0 .25rem; padding-bottom: .4rem; border-bottom: 3px solid var(--bar); }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; color: var(--muted); }
p { margin: .4rem 0 .8rem; }
p.note { color: var(--muted); font-size: .9rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
       background: #f0f4f8; padding: 0 .2em; border-radius: 3px; }
.warning { border-left: 4px solid var(--warn); background: #fff7ed; padding: .5rem .8rem; margin: .6rem 0; }
.scroll { overflow-x: auto; margin: .4rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #f0f4f8; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
figure { margin: .5rem 0 1.5rem; overflow-x: auto; }
svg.chart { display: block; width: 100%; max-width: 640px; min-width: 30rem; height: auto; }
figcaption { font-size: .9rem; color: var(--muted); margin-bottom: .3rem; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
           fill: var(--ink); }
svg .bar { fill: var(--bar); }
svg .track { fill: #eef2f6; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0 .5rem; }
.card { flex: 1 1 10rem; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.card .label { color: var(--muted); font-size: .85rem; }
.card .value { font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .change { color: var(--muted); font-size: .8rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 40rem) { body { padding: 1rem .75rem 3rem; font-size: 14px; } h1 { font-size: 1.35rem; } }
@media print { body { padding: 0; } h1 { break-before: page; } h1:first-of-type { break-before: auto; }
               .scroll, figure { overflow: visible; } }
"""

CHART_WIDTH = 640
"""Width of an SVG chart, in user units."""
CHART_LABEL = 220
"""Width kept for the bar labels; bars take the rest less `CHART_VALUE`."""
CHART_VALUE = 70
CHART_ROW = 24


def bar_length(value: float, full: float) -> float:
    """A bar's drawn length: proportional to the value, `full` drawing the whole bar area."""
    area = CHART_WIDTH - CHART_LABEL - CHART_VALUE
    if full <= 0:
        return 0.0
    return round(area * min(max(value, 0.0), full) / full, 2)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_text(text: str) -> str:
    parts = text.split("`")
    return "".join(f"<code>{_e(part)}</code>" if i % 2 else _e(part) for i, part in enumerate(parts))


def _svg(chart: Chart) -> str:
    full = chart.full if chart.full is not None else max((b.value for b in chart.bars), default=0.0)
    height = CHART_ROW * len(chart.bars) + 8
    x0 = CHART_LABEL
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}" data-unit="{_e(chart.unit)}" '
        f'data-full="{full:g}" aria-label="{_e(chart.title)}">'
    ]
    area = CHART_WIDTH - CHART_LABEL - CHART_VALUE
    shown = _("{label}: {value}")
    for i, bar in enumerate(chart.bars):
        y = 4 + i * CHART_ROW
        length = bar_length(bar.value, full)
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f'<g class="row"><title>{_e(shown.format(label=bar.label, value=bar.text))}</title>'
            f'<text x="{x0 - 8}" y="{y + 15}" text-anchor="end">{_e(label)}</text>'
            f'<rect class="track" x="{x0}" y="{y + 3}" width="{area}" height="16" rx="2"/>'
            f'<rect class="bar" x="{x0}" y="{y + 3}" width="{length}" height="16" rx="2" '
            f'data-label="{_e(bar.label)}" data-value="{bar.value:g}"/>'
            f'<text x="{x0 + length + 6}" y="{y + 15}">{_e(bar.text)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _cards(block: Highlights) -> str:
    cards = "".join(
        f'<div class="card"><div class="label">{_e(label)}</div><div class="value">{_e(value)}</div>'
        + (f'<div class="change">{_e(change)}</div>' if change else "")
        + "</div>"
        for label, value, change in block.items
    )
    return f'<div class="cards">{cards}</div>'


def _html_table(block: Table) -> str:
    first_numeric = len(block.columns) - block.numeric

    def cls(i: int) -> str:
        return ' class="num"' if i >= first_numeric else ""

    head = "".join(f'<th scope="col"{cls(i)}>{_e(c)}</th>' for i, c in enumerate(block.columns))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{_e(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in block.rows
    )
    foot = ""
    if block.footer is not None:
        foot = (
            "<tfoot><tr>"
            + "".join(f"<td{cls(i)}>{_e(c)}</td>" for i, c in enumerate(block.footer))
            + "</tr></tfoot>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"


def _scrolling(table: str, label: str) -> str:
    """A table in a box of its own that scrolls sideways when the screen is narrower than the table (a phone),
    so that the page itself never does; focusable, so that a keyboard can scroll it too."""
    return f'<div class="scroll" role="region" tabindex="0" aria-label="{_e(label)}">{table}</div>'


def made_with(version: str) -> str:
    """The HTML report's footer line: `Made with cmcal 1.2.0.`, in the language in force."""
    return _("Made with cmcal {version}.").format(version=version)


def as_html(report: Report, generated: str = "") -> str:
    """One self-contained page. `generated` is a line for the footer (e.g. the command that made it)."""
    titles = [c.calendar for c in report.calendars]
    periods = sorted({period_text(c.period) for c in report.calendars})
    title = _("Report: {calendars}").format(calendars=", ".join(titles) if titles else _("no calendar")) + (
        f" ({periods[0]})" if len(periods) == 1 else ""
    )
    body: list[str] = []
    heading = title
    for block in blocks(report):
        if isinstance(block, Heading):
            heading = block.text
            body.append(f"<h{block.level}>{_e(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            body.append(f"<p>{_html_text(block.text)}</p>")
        elif isinstance(block, Alert):
            body.append(
                f'<p class="warning" role="note"><strong>{_e(_("Warning:"))}</strong> '
                f"{_html_text(block.text)}</p>"
            )
        elif isinstance(block, Table):
            body.append(_scrolling(_html_table(block), heading))
        elif isinstance(block, Highlights):
            if block.items:
                body.append(_cards(block))
        elif block.bars:
            body.append(f"<figure><figcaption>{_e(block.title)}</figcaption>{_svg(block)}</figure>")
    footer = _e(generated) if generated else _e(_("Made by cmcal."))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(current().tag)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )


RENDERERS: dict[str, Callable[[Report], str]] = {"markdown": markdown, "json": as_json, "html": as_html}
"""The formats that are text; `table` is a Rich renderable (see `table`)."""
