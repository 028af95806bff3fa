"""`cmcal add`, `set`, `fill`, `approve` and `show`: writing the calendar from the terminal (README,
"Writing the calendar"). Every write goes through `cmcal.edit`: proved, then written atomically, or
refused (exit 1)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from cmcal.cli.options import (
    EXIT_OK,
    CalendarsOpt,
    DaysOpt,
    EventOpt,
    HabitOpt,
    PathsArg,
    PlatformOpt,
    TodayOpt,
    one_of,
    parse_date_option,
    parse_today,
    today_for,
    wrote,
)

if TYPE_CHECKING:
    from cmcal.edit.core import Proved
    from cmcal.edit.posts import Found
    from cmcal.files.loader import Loaded
    from cmcal.model import Calendar
    from cmcal.plan.fill import Plan

DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a unified diff; write nothing.")
]
PathOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--path",
        metavar="PATH",
        help="Where to look for the post (default: ./calendars/); repeat for several.",
    ),
]
CalendarOpt = Annotated[
    str | None, typer.Option("--calendar", "-c", metavar="NAME", help="The calendar, when several are read.")
]
PostArg = Annotated[str, typer.Argument(metavar="POST", help="The post's id, or PATH:LINE of its first key.")]


def _load(paths: list[str] | None) -> Loaded:
    from cmcal.cli.options import paths_or_default, speak
    from cmcal.files.loader import load

    loaded = load(paths_or_default(paths))
    speak(loaded)  # the run's own lines (refusals, `wrote`) in the first calendar's language
    return loaded


def _notes(proved: Proved) -> None:
    """The approvals the change makes stale, and the warnings it adds, on stderr."""
    from cmcal.check.render import text
    from cmcal.i18n import _

    for p in proved.announced:
        note = _("{where}: this change makes an approval stale: {message}").format(
            where=f"{p.path}:{p.line}", message=p.message
        )
        sys.stderr.write(f"cmcal: note: {note}\n")
    if proved.warnings:
        sys.stderr.write(text(list(proved.warnings)))


def _finish(proved: Proved, dry_run: bool, wrote: str) -> None:
    from cmcal.edit.core import commit

    _notes(proved)
    if dry_run:
        sys.stdout.write(proved.diff())
        return
    commit(proved)
    sys.stdout.write(wrote + "\n")


def _gap_notes(proved: Proved, where: tuple[str, int], calendar: str) -> None:
    from cmcal.edit.posts import gap_changes

    for line in gap_changes(proved.before, proved.loaded, calendar, where):
        sys.stderr.write(line + "\n")


def set_(
    post: PostArg,
    assignments: Annotated[
        list[str],
        typer.Argument(metavar="FIELD=VALUE...", help="Fields to change; an empty VALUE removes the field."),
    ],
    path: PathOpt = None,
    calendar: CalendarOpt = None,
    today: TodayOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Change fields of a post: status, owner, date, time, title, text, link, type, habit, event, campaign,
    platforms (comma-separated)."""
    from cmcal.edit.posts import find_post, parse_assignments, set_fields

    pairs = parse_assignments(assignments)
    fixed = parse_today(today)
    loaded = _load(path)
    found = find_post(loaded, post, calendar)
    proved = set_fields(loaded, found, pairs, today_for(fixed))
    assert found.post.loc is not None
    if any(name in ("date", "time") for name, _ in pairs):
        _gap_notes(proved, (found.post.loc.path, found.post.loc.line), found.calendar.path)
    _finish(proved, dry_run, wrote(f"{found.post.loc.path}:{found.post.loc.line}"))
    raise typer.Exit(EXIT_OK)


def add(
    path: Annotated[
        str | None,
        typer.Argument(metavar="PATH", help="The calendar file or folder (default: ./calendars/)."),
    ] = None,
    date: Annotated[str, typer.Option("--date", metavar="DATE", help="YYYY-MM-DD.")] = "",
    title: Annotated[str, typer.Option("--title", metavar="TITLE")] = "",
    platform: Annotated[
        list[str] | None, typer.Option("--platform", "-p", metavar="PLATFORM", help="Repeat for several.")
    ] = None,
    time: Annotated[str | None, typer.Option("--time", metavar="HH:MM")] = None,
    habit: Annotated[str | None, typer.Option("--habit", metavar="HABIT")] = None,
    event: Annotated[str | None, typer.Option("--event", metavar="EVENT")] = None,
    campaign: Annotated[str | None, typer.Option("--campaign", metavar="CAMPAIGN")] = None,
    type: Annotated[str | None, typer.Option("--type", metavar="TYPE")] = None,
    text: Annotated[str | None, typer.Option("--text", metavar="TEXT")] = None,
    text_file: Annotated[
        str | None, typer.Option("--text-file", metavar="FILE", help="The text from a file; - for stdin.")
    ] = None,
    link: Annotated[str | None, typer.Option("--link", metavar="URL")] = None,
    owner: Annotated[str | None, typer.Option("--owner", metavar="OWNER")] = None,
    status: Annotated[str | None, typer.Option("--status", metavar="STATUS")] = None,
    media: Annotated[
        list[str] | None, typer.Option("--media", metavar="FILE", help="Repeat for several.")
    ] = None,
    id: Annotated[str | None, typer.Option("--id", metavar="ID")] = None,
    calendar: CalendarOpt = None,
    today: TodayOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Add a post, in the file that holds that month's posts, in date order; prints `wrote PATH:LINE`."""
    from cmcal.edit.posts import add_post
    from cmcal.errors import UsageError
    from cmcal.i18n import _

    if not date or not title or not platform:
        missing = [o for o, v in (("--date", date), ("--title", title), ("--platform", platform)) if not v]
        raise UsageError(_("a new post needs {options}").format(options=", ".join(missing)))
    day = parse_date_option(date, "--date")
    assert day is not None
    if text is not None and text_file is not None:
        raise UsageError(_("give --text or --text-file, not both"))
    if text_file is not None:
        text = _read_text_file(text_file)
    fixed = parse_today(today)
    loaded = _load([path] if path else None)
    chosen = _one_calendar(loaded, calendar)
    fields: dict[str, object] = {}
    for key, value in (
        ("id", id),
        ("date", day.isoformat()),
        ("time", time),
        (
            "platform" if len(platform) == 1 else "platforms",
            platform[0] if len(platform) == 1 else list(platform),
        ),
        ("habit", habit),
        ("event", event),
        ("campaign", campaign),
        ("type", type),
        ("title", title),
        ("text", text),
        ("link", link),
        ("owner", owner),
        ("status", status),
        ("media", list(media) if media else None),
    ):
        if value is not None:
            fields[key] = value
    proved, where, line = add_post(loaded, chosen, fields, today_for(fixed))  # type: ignore[arg-type]
    _finish(proved, dry_run, wrote(f"{where}:{line}"))
    raise typer.Exit(EXIT_OK)


def _read_text_file(name: str) -> str:
    from cmcal.errors import CmcalError
    from cmcal.i18n import _

    if name == "-":
        return sys.stdin.read()
    try:
        with open(name, encoding="utf-8") as handle:
            return handle.read(1_000_000)
    except (OSError, UnicodeDecodeError) as exc:
        raise CmcalError(_("--text-file {name}: cannot read it: {why}").format(name=name, why=exc)) from exc


def _one_calendar(loaded: Loaded, name: str | None) -> Calendar:
    from cmcal.errors import UsageError
    from cmcal.i18n import _

    calendars = [c for c in loaded.calendars if name is None or c.name.casefold() == name.casefold()]
    if not calendars:
        known = ", ".join(c.name for c in loaded.calendars) or _("none")
        raise UsageError(_("no calendar to add to (read: {known})").format(known=known))
    if len(calendars) > 1:
        names = ", ".join(c.name for c in calendars)
        raise UsageError(
            _("several calendars were read ({names}); pick one with --calendar").format(names=names)
        )
    return calendars[0]


def approve(
    post: PostArg,
    by: Annotated[str, typer.Option("--by", metavar="NAME", help="Who approves (a member of `team`).")],
    path: PathOpt = None,
    calendar: CalendarOpt = None,
    today: TodayOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Record `approved: {by, on, digest}` on a post; editing it afterwards makes `check` report it stale."""
    from cmcal.edit.posts import approve as run

    fixed = parse_today(today)
    loaded = _load(path)
    found = find(loaded, post, calendar)
    on = today_for(fixed)(found.calendar)
    proved = run(loaded, found, by, on, today_for(fixed))
    assert found.post.loc is not None
    _finish(proved, dry_run, wrote(f"{found.post.loc.path}:{found.post.loc.line}"))
    raise typer.Exit(EXIT_OK)


def find(loaded: Loaded, post: str, calendar: str | None) -> Found:
    from cmcal.edit.posts import find_post

    return find_post(loaded, post, calendar)


def show(
    post: PostArg,
    path: PathOpt = None,
    calendar: CalendarOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = "table",
    today: TodayOpt = None,
) -> None:
    """One post as each platform will take it: text counted against the limit, hashtags, links, problems."""
    from cmcal.i18n import activate
    from cmcal.views.post import post_json, post_view

    one_of(format, ("table", "json"), "--format")
    fixed = parse_today(today)
    loaded = _load(path)
    found = find(loaded, post, calendar)
    activate(found.calendar.language)  # the post's calendar speaks, unless --lang says otherwise
    view = post_view(loaded, found, today_for(fixed))
    if format == "json":
        sys.stdout.write(post_json(view))
    else:
        from cmcal.cli.options import console
        from cmcal.views.tables import post_table

        console().print(post_table(view))
    raise typer.Exit(EXIT_OK)


def fill(
    paths: PathsArg = None,
    days: DaysOpt = 14,
    habit: HabitOpt = None,
    event: EventOpt = None,
    platform: PlatformOpt = None,
    calendar: CalendarsOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = "table",
    write: Annotated[
        bool, typer.Option("--write", help="Write the plan: each used idea becomes a dated draft post.")
    ] = False,
    today: TodayOpt = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Match ideas to the open slots of the next days, earliest first; --write makes them draft posts."""
    from cmcal.check.render import text as problem_lines
    from cmcal.cli.options import checked_filters, exit_code, fail, no_calendar, paths_or_default, speak
    from cmcal.files.loader import load
    from cmcal.plan.fill import plan as make_plan

    one_of(format, ("table", "json"), "--format")
    fixed = parse_today(today)
    names = paths_or_default(paths)
    loaded = load(names)
    speak(loaded)
    errors = [p for p in loaded.problems if p.is_error]
    if errors:
        sys.stderr.write(problem_lines(errors))
    if not loaded.calendars:
        raise fail(no_calendar(names), exit_code(loaded.problems, True))
    filters = checked_filters(
        loaded.calendars, habits=habit, events=event, platforms=platform, names=calendar
    )
    the_plan = make_plan(loaded.calendars, today_for(fixed), days, filters)
    if write or dry_run:
        from cmcal.edit.core import Refused, commit
        from cmcal.edit.fill import fill as apply

        if errors:
            from cmcal.i18n import ngettext

            raise Refused(
                ngettext(
                    "the calendars have {n} error; fix them first (`cmcal check` lists them); nothing was "
                    "written",
                    "the calendars have {n} errors; fix them first (`cmcal check` lists them); nothing was "
                    "written",
                    len(errors),
                ).format(n=len(errors))
            )
        if not the_plan.assignments:
            _show_plan(the_plan, format)
            from cmcal.i18n import _

            sys.stderr.write("cmcal: " + _("no idea fits an open slot; nothing to write") + "\n")
            raise typer.Exit(EXIT_OK)
        proved, written = apply(loaded, the_plan, today_for(fixed))
        _notes(proved)
        if dry_run:
            sys.stdout.write(proved.diff())
            raise typer.Exit(EXIT_OK)
        commit(proved)
        _show_plan(the_plan, format)
        out = sys.stdout if format == "table" else sys.stderr
        for w in written:
            out.write(wrote(f"{w.path}:{w.line}") + "\n")
        raise typer.Exit(EXIT_OK)
    _show_plan(the_plan, format)
    raise typer.Exit(exit_code(loaded.problems, bool(errors)))


def _show_plan(the_plan: Plan, format: str) -> None:
    if format == "json":
        from cmcal.plan.records import plan_json

        sys.stdout.write(plan_json(the_plan))
        return
    from cmcal.cli.options import console
    from cmcal.plan.table import plan_table

    console().print(plan_table(the_plan))


def register(app: typer.Typer) -> None:
    app.command()(add)
    app.command()(fill)
    app.command(name="set")(set_)
    app.command()(approve)
    app.command()(show)
