"""The Typer application, its shared options, and the one handler that maps failures to exit codes.

Each command lives in a module of its own under `cmcal.cli`; those modules import only Typer at the top and
the core inside their functions, so `cmcal --help` stays fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cmcal import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from cmcal.filters import Filters
    from cmcal.model import Calendar

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_RUNTIME = 0, 1, 2, 3

app = typer.Typer(
    name="cmcal",
    help="A content calendar kept as YAML in git: check it, see what is coming, review, export, report.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cmcal {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """A content calendar kept as YAML in git."""


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
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write it YYYY-MM-DD", param_hint=option) from None


def today_for(fixed: date | None) -> Any:
    """Today in each calendar's own zone, unless `--today` fixed it. The only place that reads the clock."""

    def get(calendar: Calendar) -> date:
        if fixed is not None:
            return fixed
        from datetime import datetime

        return datetime.now(calendar.zone).date()

    return get


def paths_or_default(paths: list[str] | None) -> list[str]:
    from cmcal.loader import DEFAULT_FOLDER

    return list(paths) if paths else [DEFAULT_FOLDER]


def one_of(value: str, allowed: Sequence[str], option: str) -> None:
    """A usage error (exit 2) naming the choices, unless `value` is one of them."""
    if value not in allowed:
        raise typer.BadParameter(f"{value!r}; use one of: {', '.join(allowed)}", param_hint=option)


def checked_filters(
    calendars: Sequence[Calendar],
    *,
    platforms: list[str] | None = None,
    owners: list[str] | None = None,
    habits: list[str] | None = None,
    names: list[str] | None = None,
    statuses: list[str] | None = None,
) -> Filters:
    """The filter options as `Filters`, each value checked against what the calendars name: a typo must be a
    usage error, not an empty view or export."""
    from cmcal.filters import Filters, known_values

    known = known_values(calendars)
    wanted = {
        "platforms": (platforms, "--platform", "a platform of"),
        "owners": (owners, "--owner", "an owner in"),
        "habits": (habits, "--habit", "a habit of"),
        "calendars": ([n.casefold() for n in names or ()], "--calendar", "the name of"),
    }
    for key, (values, option, what) in wanted.items():
        _known(values, known[key], option, what)
    return Filters(
        platforms=frozenset(platforms or ()),
        owners=frozenset(owners or ()),
        habits=frozenset(habits or ()),
        calendars=frozenset(n.casefold() for n in names or ()),
        statuses=frozenset(statuses or ()),
    )


def _known(values: list[str] | None, known: dict[str, str], option: str, what: str) -> None:
    """Each value must be a key of `known` (which maps what is compared to what is shown); `what` says how it
    would belong to a calendar ("a platform of")."""
    import difflib

    for value in values or ():
        if value in known:
            continue
        starting = [k for k in sorted(known) if k.startswith(value)]
        close = starting if len(starting) == 1 else difflib.get_close_matches(value, sorted(known), n=1)
        shown = sorted(known.values())
        hint = f"did you mean {known[close[0]]!r}?" if close else f"known: {', '.join(shown) or 'none'}"
        raise typer.BadParameter(f"{value!r} is not {what} any calendar read; {hint}", param_hint=option)


def console(stderr: bool = False) -> Console:
    """A Console per invocation, so NO_COLOR, COLUMNS and tests' swapped streams all apply."""
    from rich.console import Console

    return Console(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def fail(message: str, code: int) -> typer.Exit:
    sys.stderr.write(f"cmcal: {message}\n")
    return typer.Exit(code)


@cache
def _register() -> None:
    """Add every command to the app, once per process."""
    from cmcal.cli import check, diff, export, report, scaffold, views

    for module in (check, scaffold, report, export, diff, views):
        module.register(app)


def run(args: list[str]) -> int:
    """Run the CLI; every failure becomes a message on stderr and an exit code, never a traceback."""
    from typer.main import get_command

    _register()
    command = get_command(app)
    try:
        result = command.main(args=args, prog_name="cmcal", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("cmcal: interrupted\n")
        return 130
    except Exception as exc:
        return _handle(exc)
    return int(result) if isinstance(result, int) else EXIT_OK


def _handle(exc: Exception) -> int:
    from typer._click import exceptions as click_exc

    from cmcal.loader import CmcalError

    if isinstance(exc, typer.Abort):
        sys.stderr.write("cmcal: aborted\n")
        return EXIT_RUNTIME
    if isinstance(exc, click_exc.ClickException):
        exc.show()
        return EXIT_USAGE if exc.exit_code == 2 else int(exc.exit_code)
    if isinstance(exc, CmcalError):
        sys.stderr.write(f"cmcal: {exc}\n")
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):
        return EXIT_OK
    if os.environ.get("CMCAL_DEBUG"):
        raise exc
    sys.stderr.write(
        f"cmcal: internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in cmcal, not in your calendar; run again with CMCAL_DEBUG=1 for details, "
        "and report it.\n"
    )
    return EXIT_RUNTIME
