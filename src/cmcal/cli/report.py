"""`cmcal report`: habit adherence, content mix, workload and engagement over a period."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, cast

import typer

from cmcal.cli.options import (
    EXIT_RUNTIME,
    EXIT_USAGE,
    CampaignOpt,
    EventOpt,
    PathsArg,
    TodayOpt,
    cannot_write,
    check_output,
    checked_filters,
    console,
    errors_in_calendars,
    exit_code,
    fail,
    no_calendar,
    one_of,
    parse_date_option,
    parse_today,
    paths_or_default,
    speak,
    today_for,
    wrote,
)

if TYPE_CHECKING:
    from cmcal.model import Calendar
    from cmcal.report.compute import RateBasis, Report
    from cmcal.views.filters import Filters

FORMAT_NAMES = ("table", "markdown", "json", "html")
RATE_NAMES = ("reach", "impressions", "followers")
SHOWN_PROBLEMS = 20
"""At most this many calendar errors are listed on stderr before the report (`cmcal check` lists them all)."""
TABLE_WIDTH = 100
"""Width of the table format when it is written to a file with `--output`."""


def report(
    paths: PathsArg = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="DATE",
            help="First day, YYYY-MM-DD (default: the first day of the last full month before today).",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="DATE",
            help="Last day, included (default: today with --from alone, else the last full month's end).",
        ),
    ] = None,
    rate: Annotated[
        str,
        typer.Option("--rate", metavar="BASIS", help="Engagement rate by reach, impressions or followers."),
    ] = "reach",
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="table, markdown, json or html.")
    ] = "table",
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically) instead of stdout."
        ),
    ] = None,
    event: EventOpt = None,
    campaign: CampaignOpt = None,
    today: TodayOpt = None,
) -> None:
    """Report habit adherence, content mix, workload and engagement over a period, with the change since the
    period before."""
    one_of(format, FORMAT_NAMES, "--format")
    check_output(output)
    one_of(rate, RATE_NAMES, "--rate")
    first = parse_date_option(from_, "--from")
    last = parse_date_option(to, "--to")
    if first is not None and last is not None and first > last:
        from cmcal.i18n import _

        raise typer.BadParameter(
            _("{to} is before --from {start}").format(to=last, start=first), param_hint="--to"
        )
    from cmcal.report.compute import periods

    period_for = periods(first, last, today_for(parse_today(today)))

    from cmcal.check.render import text as problems_text
    from cmcal.files.loader import load
    from cmcal.files.metrics import with_metrics
    from cmcal.problems import Problem, sorted_problems
    from cmcal.report.compute import build_report
    from cmcal.report.render import RENDERERS, as_html, made_with, table

    names = paths_or_default(paths)
    loaded = load(names)
    speak(loaded)
    problems: list[Problem] = [p for p in loaded.problems if p.is_error]  # unreadable files are errors
    calendars = []
    for calendar in loaded.calendars:
        merged = with_metrics(calendar)
        calendars.append(merged.calendar)
        problems.extend(p for p in merged.problems if p.is_error)
    if problems:
        shown = sorted_problems(problems)[:SHOWN_PROBLEMS]
        sys.stderr.write(problems_text(shown))
        sys.stderr.write(f"cmcal: {errors_in_calendars(len(problems), len(shown), 'report')}\n")
    if not calendars:
        raise fail(
            no_calendar(names),
            exit_code(problems, True),
        )
    if event or campaign:
        calendars = _only(calendars, checked_filters(calendars, events=event, campaigns=campaign))
    result = build_report(calendars, period_for, cast("RateBasis", rate))  # checked against RATE_NAMES above
    code = exit_code(problems, bool(problems))
    if output is None and format == "table":
        console().print(table(result))
        raise typer.Exit(code)
    if format == "table":
        content = _table_text(result)
    elif format == "html":
        from cmcal.version import __version__

        content = as_html(result, generated=made_with(__version__))
    else:
        content = RENDERERS[format](result)
    if output is None:
        sys.stdout.write(content)
        raise typer.Exit(code)
    from cmcal.files.write import OutputRefused, write_atomic

    try:
        write_atomic(output, content)
    except OutputRefused as refused:
        raise fail(f"--output {refused}", EXIT_USAGE) from None
    except OSError as exc:
        raise fail(cannot_write(output, exc), EXIT_RUNTIME) from None
    sys.stderr.write(wrote(output) + "\n")
    raise typer.Exit(code)


def _table_text(result: Report) -> str:
    from io import StringIO

    from rich.console import Console

    from cmcal.report.render import table

    buffer = StringIO()
    Console(file=buffer, width=TABLE_WIDTH, color_system=None, highlight=False, soft_wrap=False).print(
        table(result)
    )
    return buffer.getvalue()


def register(app: typer.Typer) -> None:
    app.command()(report)


def _only(calendars: list[Calendar], filters: Filters) -> list[Calendar]:
    """The calendars cut to the posts of the chosen events or campaigns: no habit is reported then, only the
    events named (with their promised slots) and the campaigns (README, "Planning")."""
    from dataclasses import replace

    out = []
    for calendar in calendars:
        posts = tuple(p for p in calendar.posts if filters.keeps_post(p))
        events = {k: e for k, e in calendar.events.items() if k in filters.events}
        campaigns = {
            k: c for k, c in calendar.campaigns.items() if not filters.campaigns or k in filters.campaigns
        }
        out.append(replace(calendar, posts=posts, habits={}, events=events, campaigns=campaigns))
    return out
