"""`cmcal export`: the schedule as iCalendar, CSV (generic or a scheduler's bulk upload) or JSON (README).

Decisions (README, "Exporting"):

- Data goes to stdout, or with `--output FILE` to that file, written whole or not at all (missing folders are
  created). Notes and problems go to stderr.
- Problems met while loading (`PATH:LINE:COL: SEVERITY [CODE] MESSAGE`) are printed on stderr; the calendars
  that loaded are exported anyway, and the exit code is 1 when any problem is an error, so CI notices. A
  calendar whose time zone is not valid is left out (its times would be wrong), with a note.
  Export does not run `check`'s rules (text length, gaps…): that is `cmcal check`'s job.
- Range: `--from` / `--to` (both included) bound the posts; without them every post goes out, except that
  presets start today. Slots and gaps (JSON, and `--gaps`) cover `--from` (else today) to `--to` (else 90
  days). "Today" is `--today`, else today in each calendar's zone.
- A filter value that no loaded calendar knows (`--platform instagrm`) is a usage error (exit 2), so a typo
  never exports an empty file that looks fine.
- A preset's rows that the scheduler would refuse (`Exported.refused`) are printed on stderr before anything
  is written, and nothing is (exit 1), unless `--force`: then the file is written, the lines stay as notes,
  and the exit code is that of the loading alone.
- DTSTAMP in ICS is fixed, or SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC
from typing import TYPE_CHECKING, Annotated

import typer

from cmcal.cli.options import (
    EXIT_PROBLEMS,
    EXIT_RUNTIME,
    EXIT_USAGE,
    CampaignOpt,
    EventOpt,
    PathsArg,
    TodayOpt,
    cannot_write,
    check_output,
    checked_filters,
    exit_code,
    fail,
    one_of,
    parse_date_option,
    parse_today,
    paths_or_default,
    speak,
    today_for,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime

    from cmcal.export import Exported, Selection
    from cmcal.model import Calendar
    from cmcal.problems import Problem

FORMATS = ("ics", "csv", "json")
PRESETS = ("hootsuite", "buffer")
STATUSES = ("idea", "draft", "ready", "scheduled", "published", "cancelled")  # cmcal.model.STATUSES

ListOpt = list[str] | None


def export(
    paths: PathsArg = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="ics, csv or json.", metavar="FORMAT", show_default=False)
    ] = "",
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write to this file (atomically) instead of stdout.", metavar="FILE"
        ),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="First day of posts, YYYY-MM-DD (included).", metavar="DATE")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Last day of posts, YYYY-MM-DD (included).", metavar="DATE")
    ] = None,
    platform: Annotated[
        ListOpt, typer.Option("--platform", "-p", help="Only this platform (repeatable).", metavar="P")
    ] = None,
    owner: Annotated[
        ListOpt,
        typer.Option(
            "--owner",
            help="Only this owner's posts, and gaps of the habits they own (repeatable).",
            metavar="O",
        ),
    ] = None,
    habit: Annotated[
        ListOpt, typer.Option("--habit", help="Only this habit (repeatable).", metavar="H")
    ] = None,
    event: EventOpt = None,
    campaign: CampaignOpt = None,
    status: Annotated[
        ListOpt,
        typer.Option(
            "--status",
            help="Only posts with this status (repeatable; presets default to ready and scheduled).",
            metavar="S",
        ),
    ] = None,
    gaps: Annotated[
        bool,
        typer.Option("--gaps", help="ics and csv: add the unfilled habit slots (--from/today, 90 days)."),
    ] = False,
    csv_preset: Annotated[
        str | None,
        typer.Option(
            "--csv-preset", help="csv: the bulk-upload layout of hootsuite or buffer.", metavar="NAME"
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="csv presets: write the file even with rows the scheduler would refuse."
        ),
    ] = False,
    today: TodayOpt = None,
) -> None:
    """Export the schedule for calendars (ICS), spreadsheets and schedulers (CSV), or scripts (JSON)."""
    from cmcal.i18n import _, ngettext

    chosen = _check_options(format, csv_preset, gaps, status)
    if force and csv_preset is None:
        raise typer.BadParameter(_("goes with --csv-preset"), param_hint="--force")
    fixed = parse_today(today)
    start = parse_date_option(from_, "--from")
    end = parse_date_option(to, "--to")
    if start is not None and end is not None and end < start:
        raise typer.BadParameter(
            _("{to} is before --from {start}").format(to=to, start=from_), param_hint="--to"
        )
    stamp = _stamp()
    check_output(output)

    from cmcal.check.render import text as problem_lines
    from cmcal.export import Selection
    from cmcal.files.loader import load

    loaded = load(paths_or_default(paths))
    speak(loaded)
    sys.stderr.write(problem_lines(loaded.problems))
    calendars = _trusted(loaded.calendars, loaded.problems)
    filters = checked_filters(
        calendars,
        platforms=platform,
        owners=owner,
        habits=habit,
        statuses=status,
        events=event,
        campaigns=campaign,
    )
    selection = Selection(**vars(filters), start=start, end=end)
    exported = _build(chosen, csv_preset, calendars, selection, today_for(fixed), gaps, stamp)
    for note in exported.notes:
        sys.stderr.write(f"cmcal: note: {note}\n")
    if exported.refused and not force:  # said before anything is written, and nothing is
        for line in exported.refused:
            sys.stderr.write(f"cmcal: error: {line}\n")
        message = _(
            "nothing written: {preset} would refuse the rows above; fix them, or give --force to write the "
            "file anyway"
        ).format(preset=csv_preset)
        sys.stderr.write(f"cmcal: {message}\n")
        raise typer.Exit(EXIT_PROBLEMS)
    for line in exported.refused:
        sys.stderr.write(f"cmcal: note: {line}\n")
    _emit(exported.data, output)
    if output:
        what = ngettext("{n} post", "{n} posts", exported.posts).format(n=exported.posts)
        if exported.gaps:
            what += ", " + ngettext("{n} gap", "{n} gaps", exported.gaps).format(n=exported.gaps)
        sys.stderr.write(_("wrote {path} ({what})").format(path=output, what=what) + "\n")
    raise typer.Exit(exit_code(loaded.problems, any(p.is_error for p in loaded.problems)))


def _build(
    chosen: str,
    preset: str | None,
    calendars: tuple[Calendar, ...],
    selection: Selection,
    when: Callable[[Calendar], date],
    gaps: bool,
    stamp: datetime | None,
) -> Exported:
    if chosen == "ics":
        from cmcal.export.ics import DEFAULT_STAMP, export_ics

        return export_ics(calendars, selection, when, gaps=gaps, stamp=stamp or DEFAULT_STAMP)
    if chosen == "json":
        from cmcal.export.jsonout import export_json

        return export_json(calendars, selection, when)
    from cmcal.export.csvout import export_csv, export_preset

    if preset:
        return export_preset(calendars, selection, when, preset)
    return export_csv(calendars, selection, when, gaps=gaps)


def _check_options(format: str, preset: str | None, gaps: bool, status: list[str] | None) -> str:
    from cmcal.i18n import _

    if not format:
        raise typer.BadParameter(
            _("choose one of: {choices}").format(choices=", ".join(FORMATS)), param_hint="--format"
        )
    if format.lower() not in FORMATS:
        one_of(format, FORMATS, "--format")  # names the value as typed
    chosen = format.lower()
    if preset is not None:
        one_of(preset, PRESETS, "--csv-preset")
        if chosen != "csv":
            raise typer.BadParameter(_("goes with --format csv"), param_hint="--csv-preset")
        if gaps:
            raise typer.BadParameter(
                _("a scheduler's upload has no place for gaps; drop --gaps"), param_hint="--gaps"
            )
    for value in status or ():
        one_of(value, STATUSES, "--status")
    return chosen


def _trusted(calendars: tuple[Calendar, ...], problems: tuple[Problem, ...]) -> tuple[Calendar, ...]:
    """The calendars whose times mean something: one with a `bad-timezone` error is left out (with a note)."""
    from cmcal.problems import Code

    bad = {p.path for p in problems if p.code == Code.BAD_TIMEZONE}
    for calendar in calendars:
        if calendar.path in bad:
            from cmcal.i18n import _

            message = _("{path}: left out of the export: its time zone is not valid").format(
                path=calendar.path
            )
            sys.stderr.write(f"cmcal: note: {message}\n")
    return tuple(c for c in calendars if c.path not in bad)


def _stamp() -> datetime | None:
    """DTSTAMP from SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/), if set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    from datetime import datetime

    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (ValueError, OverflowError, OSError):
        from cmcal.i18n import _

        message = _("SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970").format(value=raw)
        raise fail(message, EXIT_USAGE) from None


def _emit(data: bytes, output: str | None) -> None:
    if output is None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:  # bytes as they are: CRLF stays CRLF on every system
            buffer.write(data)
            buffer.flush()
        else:
            sys.stdout.write(data.decode("utf-8"))
        return
    from cmcal.files.write import OutputRefused, write_atomic

    try:
        folder = os.path.dirname(output)
        if folder:
            os.makedirs(folder, exist_ok=True)
        write_atomic(output, data)
    except OutputRefused as refused:
        raise fail(f"--output {refused}", EXIT_USAGE) from None
    except OSError as exc:
        raise fail(cannot_write(output, exc), EXIT_RUNTIME) from None


def register(app: typer.Typer) -> None:
    app.command()(export)
