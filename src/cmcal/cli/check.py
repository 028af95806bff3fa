"""`cmcal check`: validate calendars for people, pre-commit and CI."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from cmcal.bounds import MAX_DAYS
from cmcal.cli.options import (
    EXIT_OK,
    PathsArg,
    TodayOpt,
    exit_code,
    one_of,
    parse_today,
    paths_or_default,
    speak,
    today_for,
)


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
        int,
        typer.Option(
            "--horizon", min=1, max=MAX_DAYS, help="Report habit gaps from today over this many days."
        ),
    ] = 14,
    today: TodayOpt = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            help="Check only the calendars changed since REV (from its merge base with HEAD, working tree "
            "included), with everything they include.",
            metavar="REV",
        ),
    ] = None,
) -> None:
    """Validate calendars: every problem in every file, as PATH:LINE:COL: SEVERITY [CODE] MESSAGE."""
    from cmcal.check.render import FORMATS, RENDERERS, github_capped, markdown, summary, text
    from cmcal.check.validate import check as run_check
    from cmcal.files.loader import load

    chosen = format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    one_of(chosen, FORMATS, "--format")
    fixed = parse_today(today)
    names = paths_or_default(paths)
    if changed_since is not None:
        from cmcal.review.git import changed_calendar_paths

        names = changed_calendar_paths(".", changed_since, names)
        if not names:  # not paths_or_default: nothing changed means nothing to check, not "all of it"
            from cmcal.i18n import _

            sys.stderr.write(_("no calendar changed since {rev}").format(rev=changed_since) + "\n")
            raise typer.Exit(EXIT_OK)
    loaded = load(names)
    speak(loaded)
    problems = sorted(
        list(loaded.problems) + run_check(loaded.calendars, today_for(fixed), horizon),
        key=lambda p: p.sort_key(),
    )
    sys.stdout.write(RENDERERS[chosen](problems))
    if chosen == "github" and github_capped(problems):
        # GitHub shows only the first annotations of each severity in a step: the log keeps them all.
        sys.stderr.write(text(problems))
    totals = summary(problems, len(loaded.calendars), len(loaded.files))
    if chosen != "json":
        sys.stderr.write(totals + "\n")
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        _append(step_summary, markdown(problems, totals))
    failed = any(p.is_error for p in problems) or (strict and bool(problems))
    raise typer.Exit(exit_code(problems, failed))


def _append(path: str, content: str) -> None:
    """Add to GitHub's step-summary file (appending is its protocol; other steps write there too)."""
    from cmcal.files.write import OutputRefused, append_text
    from cmcal.i18n import _

    try:
        append_text(path, content)
    except OutputRefused as refused:
        sys.stderr.write("cmcal: " + _("cannot write the step summary {why}").format(why=refused) + "\n")
    except OSError as exc:
        why = f"{path}: {exc.strerror or exc}"
        sys.stderr.write("cmcal: " + _("cannot write the step summary {why}").format(why=why) + "\n")


def register(app: typer.Typer) -> None:
    app.command()(check)
