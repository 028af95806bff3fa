"""The Typer application, its shared options, and the one handler that maps failures to exit codes.

Each command lives in a module of its own under `cmcal.cli`; those modules import only Typer and
`cli.options` at the top and the core inside their functions, so `cmcal --help` stays fast. Only this module
imports the commands, so there is no cycle.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import Annotated

import typer

from cmcal.cli.options import EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, choose_language
from cmcal.i18n import ENV
from cmcal.version import __version__

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
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The language of this run (en, fr, fr-CA, fr-FR…), whatever the calendars say; "
            f"default: ${ENV}, else the first calendar's `language:`, else English.",
            metavar="LANG",
        ),
    ] = None,
) -> None:
    """A content calendar kept as YAML in git."""
    choose_language(lang)


@cache
def _register() -> None:
    """Add every command to the app, once per process."""
    from cmcal.cli import authoring, check, diff, export, report, starter, views

    for module in (check, starter, report, export, diff, views, authoring):
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
    from cmcal.errors import CmcalError

    if isinstance(exc, typer.Abort):
        sys.stderr.write("cmcal: aborted\n")
        return EXIT_RUNTIME
    if isinstance(exc, typer.TyperException):
        # Click's exceptions (usage errors, bad parameters) derive from Typer's public TyperException, so
        # no private module (`typer._click`) is needed; `show` prints the usage line and the error.
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            sys.stderr.write(f"cmcal: {exc.format_message()}\n")
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
