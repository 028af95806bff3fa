"""The options and checks every command shares, declared once; nothing here imports a command."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cmcal.bounds import MAX_DAYS

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.console import Console

    from cmcal.files.loader import Loaded
    from cmcal.model import Calendar
    from cmcal.problems import Problem
    from cmcal.views.filters import Filters

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_RUNTIME = 0, 1, 2, 3
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Calendar files or folders (default: ./calendars/).", show_default=False, metavar="PATH..."
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        help="Today's date, YYYY-MM-DD (default: today in each calendar's time zone).",
        metavar="DATE",
    ),
]


def parse_today(value: str | None) -> date | None:
    return parse_date_option(value, "--today")


def parse_date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    # Exactly YYYY-MM-DD in ASCII digits: `date.fromisoformat` also takes `20261201` and other ISO forms.
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        from cmcal.i18n import _

        message = _("{value!r} is not a date; write it YYYY-MM-DD").format(value=value)
        raise typer.BadParameter(message, param_hint=option) from None


def today_for(fixed: date | None) -> Any:
    """Today in each calendar's own zone, unless `--today` fixed it. The only place that reads the clock."""

    def get(calendar: Calendar) -> date:
        if fixed is not None:
            return fixed
        from datetime import datetime

        return datetime.now(calendar.zone).date()

    return get


def paths_or_default(paths: list[str] | None) -> list[str]:
    from cmcal.files.loader import DEFAULT_FOLDER

    return list(paths) if paths else [DEFAULT_FOLDER]


def one_of(value: str, allowed: Sequence[str], option: str) -> None:
    """A usage error (exit 2) naming the choices, unless `value` is one of them."""
    if value not in allowed:
        from cmcal.i18n import _

        message = _("{value!r}; use one of: {allowed}").format(value=value, allowed=", ".join(allowed))
        raise typer.BadParameter(message, param_hint=option)


def checked_filters(
    calendars: Sequence[Calendar],
    *,
    platforms: list[str] | None = None,
    owners: list[str] | None = None,
    habits: list[str] | None = None,
    names: list[str] | None = None,
    statuses: list[str] | None = None,
    events: list[str] | None = None,
    campaigns: list[str] | None = None,
) -> Filters:
    """The filter options as `Filters`, each value checked against what the calendars name: a typo is a usage
    error (exit 2) with the closest known value (`views.filters.filters_for`), not an empty view or export."""
    from cmcal.views.filters import UnknownFilter, filters_for

    found = filters_for(
        calendars,
        platforms=platforms,
        owners=owners,
        habits=habits,
        names=names,
        statuses=statuses,
        events=events,
        campaigns=campaigns,
    )
    if isinstance(found, UnknownFilter):
        raise typer.BadParameter(found.message, param_hint=found.option)
    return found


EventOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--event", metavar="EVENT", help="Only posts naming this event, and its promised slots (repeat)."
    ),
]
CampaignOpt = Annotated[
    list[str] | None,
    typer.Option("--campaign", metavar="CAMPAIGN", help="Only posts of this campaign (repeat)."),
]
# The filters and the range of the views, `fill`, export and report: declared once (README, "Commands").
PlatformOpt = Annotated[
    list[str] | None,
    typer.Option("--platform", "-p", metavar="PLATFORM", help="Only this platform (repeat for several)."),
]
OwnerOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--owner",  # no short option: `-o` is `--output` in every command that writes a file
        metavar="OWNER",
        help="Only posts of this owner, and gaps of habits they own (repeat).",
    ),
]
HabitOpt = Annotated[
    list[str] | None, typer.Option("--habit", metavar="HABIT", help="Only this habit (repeat for several).")
]
CalendarsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--calendar", "-c", metavar="NAME", help="Only the calendar with this name, in any case (repeat)."
    ),
]
DaysOpt = Annotated[
    int,
    typer.Option("--days", "-d", min=1, max=MAX_DAYS, metavar="N", help="How many days, today included."),
]


def console(stderr: bool = False) -> Console:
    """A Console per invocation, so NO_COLOR, COLUMNS and tests' swapped streams all apply."""
    from rich.console import Console

    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def exit_code(problems: Iterable[Problem], failed: bool) -> int:
    """3 when a file could not be read (whatever else happened: README, "Exit codes"), else 1 when `failed`,
    else 0."""
    from cmcal.files.loader import could_not_read

    if could_not_read(problems):
        return EXIT_RUNTIME
    return EXIT_PROBLEMS if failed else EXIT_OK


def check_output(path: str | None) -> None:
    """A usage error (exit 2) unless `--output PATH` is somewhere cmcal writes: checked before any work."""
    if path is None:
        return
    from cmcal.files.write import OutputRefused, writable_target

    try:
        writable_target(path)
    except OutputRefused as refused:
        raise fail(f"--output {refused}", EXIT_USAGE) from None


def no_calendar(names: Sequence[str]) -> str:
    """The message of a run that found no calendar in the paths it was given."""
    from cmcal.i18n import _

    return _(
        "no calendar found in {paths}; a calendar is a YAML file with `calendar: NAME` at its top"
    ).format(paths=", ".join(names))


def errors_in_calendars(count: int, shown: int | None = None, what: str = "view") -> str:
    """`3 errors in the calendars; the view leaves out what could not be read (…)`, for views and reports
    (`shown`: how many of them were printed above)."""
    from cmcal.i18n import _, ngettext

    errors = ngettext("{n} error", "{n} errors", count).format(n=count)
    more = ""
    if shown is not None and count > shown:
        more = _(", {n} not shown above").format(n=count - shown)
    if what == "report":
        message = _(
            "{errors} in the calendars{more}; the report leaves out what could not be read (run "
            "`cmcal check` for every problem)"
        )
    else:
        message = _(
            "{errors} in the calendars{more}; the view leaves out what could not be read (run "
            "`cmcal check` for every problem)"
        )
    return message.format(errors=errors, more=more)


def wrote(path: str) -> str:
    """`wrote PATH` (or `PATH:LINE`): what a command that writes says it did."""
    from cmcal.i18n import _

    return _("wrote {path}").format(path=path)


def cannot_write(path: str, exc: OSError) -> str:
    from cmcal.i18n import _

    return _("{path}: cannot write: {why}").format(path=path, why=exc.strerror or exc)


def fail(message: str, code: int) -> typer.Exit:
    sys.stderr.write(f"cmcal: {message}\n")
    return typer.Exit(code)


def choose_language(option: str | None) -> None:
    """`--lang`, else `CMCAL_LANG`: the run's language, over every calendar's (README, "Languages")."""
    from cmcal.i18n import ENV, activate, parse, set_override

    value = option if option is not None else os.environ.get(ENV) or None
    if value is None:
        set_override(None)
        activate(None)
        return
    language = parse(value)
    if language is None:
        where = "--lang" if option is not None else ENV
        from cmcal.i18n import _

        message = _("{value!r}; use en or fr, with a region if you like (fr-CA)").format(value=value)
        raise typer.BadParameter(message, param_hint=where)
    set_override(language)
    activate(language)  # usage errors found before any calendar is read are in this language too


def speak(loaded: Loaded) -> None:
    """Speak the run's language from here on: the override, else the first calendar's, else English."""
    from cmcal.i18n import activate

    activate(next((c.language for c in loaded.calendars if c.language), None))
