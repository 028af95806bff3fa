"""`cmcal schema` and `cmcal init`."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from cmcal.cli.options import EXIT_RUNTIME, EXIT_USAGE, TodayOpt, cannot_write, fail, parse_today


def schema(
    part: Annotated[
        bool, typer.Option("--part", help="The schema of part files (listed in a calendar's include:).")
    ] = False,
) -> None:
    """Print the JSON Schema of calendar files (or of part files), for editors (yaml-language-server)."""
    import json

    from cmcal.starter.schema import calendar_schema, part_schema

    chosen = part_schema() if part else calendar_schema()
    sys.stdout.write(json.dumps(chosen, indent=2, ensure_ascii=False) + "\n")


def init(
    path: Annotated[str, typer.Argument(help="Where to write the calendar.")] = "calendars/calendar.yaml",
    today: TodayOpt = None,
) -> None:
    """Write a commented starter calendar (never overwrites a file)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from cmcal.files.write import write_atomic
    from cmcal.i18n import _
    from cmcal.starter.init import STARTER_ZONE, starter_calendar

    fixed = parse_today(today) or datetime.now(ZoneInfo(STARTER_ZONE)).date()  # the calendar's zone, not ours
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    try:
        write_atomic(path, starter_calendar(fixed), overwrite=False)
    except FileExistsError:
        message = _("{path} already exists; choose another path (cmcal init never overwrites)").format(
            path=path
        )
        raise fail(message, EXIT_USAGE) from None
    except OSError as exc:
        raise fail(cannot_write(path, exc), EXIT_RUNTIME) from None
    sys.stderr.write(
        _("wrote {path}; check it with: {command}").format(path=path, command=f"cmcal check {path}") + "\n"
    )


def register(app: typer.Typer) -> None:
    app.command()(schema)
    app.command()(init)
