"""`cmcal check`: validate calendars for people, pre-commit and CI."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from cmcal.cli.app import EXIT_OK, EXIT_PROBLEMS, PathsArg, TodayOpt, parse_today, paths_or_default, today_for


def check(
    paths: PathsArg = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json or github (default: github under GitHub Actions, else text).",
            metavar="FORMAT",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
    horizon: Annotated[
        int, typer.Option("--horizon", min=1, help="Report habit gaps from today over this many days.")
    ] = 14,
    today: TodayOpt = None,
) -> None:
    """Validate calendars: every problem in every file, as PATH:LINE:COL: SEVERITY [CODE] MESSAGE."""
    from cmcal.loader import load
    from cmcal.render.problems import FORMATS, RENDERERS, summary
    from cmcal.validate import check as run_check

    chosen = format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if chosen not in FORMATS:
        raise typer.BadParameter(f"{chosen!r}; use one of: {', '.join(FORMATS)}", param_hint="--format")
    fixed = parse_today(today)
    loaded = load(paths_or_default(paths))
    problems = sorted(
        list(loaded.problems) + run_check(loaded.calendars, today_for(fixed), horizon),
        key=lambda p: p.sort_key(),
    )
    sys.stdout.write(RENDERERS[chosen](problems))
    if chosen != "json":
        sys.stderr.write(summary(problems, len(loaded.calendars), len(loaded.files)) + "\n")
    failed = any(p.is_error for p in problems) or (strict and bool(problems))
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command()(check)
