"""`cmcal upcoming`, `cmcal gaps` and `cmcal month`: what is coming, what is missing, the month at a glance.

Several calendars (a folder of brands) are merged into one view. A calendar with errors is reported on stderr
(`PATH:LINE:COL: SEVERITY [CODE] MESSAGE`, as `cmcal check` writes them) and the view shows what could be read
of it and of the others; the exit code is then 1. Filter values that name nothing in any calendar are usage
errors (exit 2), with the closest known value, so a typo never looks like an empty week.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from cmcal.cli.options import (
    EXIT_PROBLEMS,
    CalendarsOpt,
    CampaignOpt,
    DaysOpt,
    EventOpt,
    HabitOpt,
    OwnerOpt,
    PathsArg,
    PlatformOpt,
    TodayOpt,
    checked_filters,
    console,
    errors_in_calendars,
    exit_code,
    fail,
    no_calendar,
    one_of,
    parse_today,
    paths_or_default,
    speak,
    today_for,
)

if TYPE_CHECKING:
    from cmcal.files.loader import Loaded
    from cmcal.views.filters import Filters

FORMAT_NAMES = ("table", "json", "csv")
MONTH_ARG = re.compile(r"[0-9]{4}-[0-9]{2}")

FormatOpt = Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table, json or csv.")]


def upcoming(
    paths: PathsArg = None,
    days: DaysOpt = 14,
    platform: PlatformOpt = None,
    owner: OwnerOpt = None,
    habit: HabitOpt = None,
    event: EventOpt = None,
    campaign: CampaignOpt = None,
    calendar: CalendarsOpt = None,
    cancelled: Annotated[bool, typer.Option("--cancelled", help="Show cancelled posts too.")] = False,
    format: FormatOpt = "table",
    today: TodayOpt = None,
) -> None:
    """The posts and the gaps of the next days, one row per post and platform, in time order."""
    one_of(format, FORMAT_NAMES, "--format")
    fixed = parse_today(today)
    from cmcal.views.compute import upcoming as build
    from cmcal.views.records import upcoming_csv, upcoming_json

    loaded, failed, filters = _load_filtered(paths, platform, owner, habit, event, campaign, calendar)
    view = build(loaded.calendars, today_for(fixed), days, filters, include_cancelled=cancelled)
    if format == "table":
        from cmcal.views.tables import upcoming_table

        console().print(upcoming_table(view))
    else:
        sys.stdout.write(upcoming_json(view) if format == "json" else upcoming_csv(view))
    raise typer.Exit(exit_code(loaded.problems, failed))


def gaps(
    paths: PathsArg = None,
    days: DaysOpt = 30,
    platform: PlatformOpt = None,
    owner: OwnerOpt = None,
    habit: HabitOpt = None,
    event: EventOpt = None,
    campaign: CampaignOpt = None,
    calendar: CalendarsOpt = None,
    format: FormatOpt = "table",
    today: TodayOpt = None,
) -> None:
    """The habit slots of the next days left open, by habit, with how many of each habit's slots are met."""
    one_of(format, FORMAT_NAMES, "--format")
    fixed = parse_today(today)
    from cmcal.views.compute import gaps as build
    from cmcal.views.records import gaps_csv, gaps_json

    loaded, failed, filters = _load_filtered(paths, platform, owner, habit, event, campaign, calendar)
    view = build(loaded.calendars, today_for(fixed), days, filters)
    if format == "table":
        from cmcal.views.tables import gaps_table

        console().print(gaps_table(view))
    else:
        sys.stdout.write(gaps_json(view) if format == "json" else gaps_csv(view))
    raise typer.Exit(exit_code(loaded.problems, failed))


def month(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="YYYY-MM|PATH",
            help="The month (default: this month), then calendar files or folders (default: ./calendars/). "
            "An argument like 2026-12 is the month; write ./2026-12 for a folder of that name.",
            show_default=False,
        ),
    ] = None,
    platform: PlatformOpt = None,
    owner: OwnerOpt = None,
    habit: HabitOpt = None,
    event: EventOpt = None,
    campaign: CampaignOpt = None,
    calendar: CalendarsOpt = None,
    today: TodayOpt = None,
) -> None:
    """A month as a grid of weeks, Monday to Sunday, with each day's posts per platform and its gaps."""
    fixed = parse_today(today)
    chosen, paths = _month_and_paths(args or [])
    from cmcal.views.compute import month as build
    from cmcal.views.tables import month_grid

    loaded, failed, filters = _load_filtered(paths, platform, owner, habit, event, campaign, calendar)
    day = today_for(fixed)(loaded.calendars[0])
    year, number = chosen if chosen is not None else (day.year, day.month)
    console().print(month_grid(build(loaded.calendars, year, number, day, filters)))
    raise typer.Exit(exit_code(loaded.problems, failed))


def register(app: typer.Typer) -> None:
    app.command()(upcoming)
    app.command()(gaps)
    app.command()(month)


# --- shared steps -------------------------------------------------------------------------------------------


def _month_and_paths(args: list[str]) -> tuple[tuple[int, int] | None, list[str] | None]:
    """The month named among the arguments (the one that looks like YYYY-MM), and the other arguments."""
    months = [a for a in args if MONTH_ARG.fullmatch(a)]
    if len(months) > 1:
        from cmcal.i18n import _

        raise typer.BadParameter(
            _("{months}: give one month (write ./{second} for a folder of that name)").format(
                months=", ".join(months), second=months[1]
            ),
            param_hint="YYYY-MM",
        )
    paths = [a for a in args if not MONTH_ARG.fullmatch(a)] or None
    if not months:
        return None, paths
    year, number = (int(part) for part in months[0].split("-"))
    if year < 1 or not 1 <= number <= 12:
        from cmcal.i18n import _

        message = _("{value!r} is not a month; write it YYYY-MM").format(value=months[0])
        raise typer.BadParameter(message, param_hint="YYYY-MM")
    return (year, number), paths


def _load_filtered(
    paths: list[str] | None,
    platform: list[str] | None,
    owner: list[str] | None,
    habit: list[str] | None,
    event: list[str] | None,
    campaign: list[str] | None,
    calendar: list[str] | None,
) -> tuple[Loaded, bool, Filters]:
    """`_load`, then the filter options checked against what the calendars declare (one way for each view)."""
    loaded, failed = _load(paths)
    filters = checked_filters(
        loaded.calendars,
        platforms=platform,
        owners=owner,
        habits=habit,
        names=calendar,
        events=event,
        campaigns=campaign,
    )
    return loaded, failed, filters


def _load(paths: list[str] | None) -> tuple[Loaded, bool]:
    """Load the calendars and report their errors on stderr; exit when none could be read.

    Returns the calendars and whether there were errors."""
    from cmcal.check.render import text
    from cmcal.files.loader import load

    names = paths_or_default(paths)
    loaded = load(names)
    speak(loaded)
    errors = [p for p in loaded.problems if p.is_error]
    if errors:
        sys.stderr.write(text(errors))
        if loaded.calendars:
            sys.stderr.write(f"cmcal: {errors_in_calendars(len(errors))}\n")
        else:
            from cmcal.i18n import ngettext

            code = exit_code(loaded.problems, True)
            message = ngettext(
                "{n} error in the calendars, and no calendar could be read",
                "{n} errors in the calendars, and no calendar could be read",
                len(errors),
            ).format(n=len(errors))
            raise fail(message, code)
    if not loaded.calendars:
        raise fail(no_calendar(names), EXIT_PROBLEMS)
    return loaded, bool(errors)
