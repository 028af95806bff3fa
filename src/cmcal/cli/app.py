"""The Typer application, its shared options, and the one handler that maps failures to exit codes.

Each command lives in a module of its own under `cmcal.cli`; those modules import only Typer and
`cli.options` at the top and the core inside their functions, so `cmcal --help` stays fast. Only this module
imports the commands, so there is no cycle.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Annotated

import typer

from cmcal.cli.options import EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, choose_language
from cmcal.i18n import ENV
from cmcal.version import __version__

if TYPE_CHECKING:
    from typer.models import CommandInfo

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


_GROUPS = ("check", "starter", "report", "export", "diff", "views", "authoring")
"""The command modules, in the order `cmcal --help` lists their commands."""

_GROUP_OF = {
    "check": "check",
    "schema": "starter",
    "init": "starter",
    "report": "report",
    "export": "export",
    "diff": "diff",
    "textconv": "diff",
    "upcoming": "views",
    "gaps": "views",
    "month": "views",
    "add": "authoring",
    "fill": "authoring",
    "set": "authoring",
    "approve": "authoring",
    "show": "authoring",
}
"""Which module declares each command: a run builds only the command it names (building every command's
options is about 20 ms of start-up). A name missing here still works (then all are built), and
tests/cli/test_options.py fails until it is added."""


@cache
def _commands_of(group: str) -> tuple[CommandInfo, ...]:
    """The commands one module declares, imported and declared once per process."""
    from importlib import import_module

    module = import_module(f"cmcal.cli.{group}")  # only that one: each costs its Typer declarations
    scratch = typer.Typer()
    module.register(scratch)
    return tuple(scratch.registered_commands)


def _register(command: str | None = None) -> None:
    """Give the app the commands of the module that declares `command`, else every command."""
    group = _GROUP_OF.get(command) if command is not None else None
    groups = (group,) if group is not None else _GROUPS
    app.registered_commands = [info for name in groups for info in _commands_of(name)]


def _command_named(args: list[str]) -> str | None:
    """The command `args` names after the root options (`--lang fr check …` → `check`), or None when they
    name none or ask for the root's help or version: then every command is built."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--lang":
            index += 2
            continue
        if arg.startswith("--lang="):
            index += 1
            continue
        if arg.startswith("-"):
            return None
        return arg
    return None


def run(args: list[str]) -> int:
    """Run the CLI; every failure becomes a message on stderr and an exit code, never a traceback."""
    from typer.main import get_command

    _register(_command_named(args))
    command = get_command(app)
    try:
        result = command.main(args=args, prog_name="cmcal", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except KeyboardInterrupt:
        from cmcal.i18n import _

        sys.stderr.write("cmcal: " + _("interrupted") + "\n")
        return 130
    except Exception as exc:
        return _handle(exc)
    return int(result) if isinstance(result, int) else EXIT_OK


def _spoken_usage(exc: Exception) -> bool:
    """Click's frame of a usage error (`Usage:`, `Try …`, `Error: Invalid value for …`) in the run's language,
    when it is not English; False (nothing written) in English, where Click writes it as always. The words
    of Click's own checks (`0 is not in the range…`) stay Click's."""
    from cmcal.i18n import _, current

    ctx = getattr(exc, "ctx", None)
    if current().is_source or ctx is None:
        return False
    lines = [_("Usage: {usage}").format(usage=ctx.get_usage().removeprefix("Usage: "))]
    if ctx.command.get_help_option(ctx) is not None:
        lines.append(
            _("Try '{command}' for help.").format(command=f"{ctx.command_path} {ctx.help_option_names[0]}")
        )
    message = str(exc.format_message())  # type: ignore[attr-defined]
    inner = str(getattr(exc, "message", ""))
    head = "Invalid value for "
    if inner and message.startswith(head) and message.endswith(f": {inner}"):
        option = message[len(head) : -len(inner) - 2]
        message = _("Invalid value for {option}: {message}").format(option=option, message=inner)
    sys.stderr.write("\n".join(lines) + "\n\n" + _("Error: {message}").format(message=message) + "\n")
    return True


def _handle(exc: Exception) -> int:
    from cmcal.errors import CmcalError
    from cmcal.i18n import _

    if isinstance(exc, typer.Abort):
        sys.stderr.write("cmcal: " + _("aborted") + "\n")
        return EXIT_RUNTIME
    if isinstance(exc, typer.TyperException):
        # Click's exceptions (usage errors, bad parameters) derive from Typer's public TyperException, so
        # no private module (`typer._click`) is needed; `show` prints the usage line and the error.
        show = getattr(exc, "show", None)
        if callable(show) and _spoken_usage(exc):
            pass
        elif callable(show):
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
        "cmcal: "
        + _("internal error: {error}").format(error=f"{type(exc).__name__}: {exc}")
        + "\n"
        + _(
            "This is a bug in cmcal, not in your calendar; run again with CMCAL_DEBUG=1 for details, and "
            "report it."
        )
        + "\n"
    )
    return EXIT_RUNTIME
