"""cmcal: a content calendar for community managers, kept as YAML in git.

The library API (docs/api.md): each function reads or computes what the matching command shows, and
returns the model's values (frozen dataclasses) instead of printing. `import cmcal` stays cheap: every
function imports what it needs when it is called.

    import cmcal
    loaded = cmcal.load(["calendars"])
    problems = cmcal.validate(loaded, today=date(2026, 12, 1))
    gaps = cmcal.gaps(loaded.calendars[0], date(2026, 12, 1), date(2026, 12, 31))

The names differ from the subpackages' (`validate`, not `check`; `export_as`, not `export`; `build_report`,
not `report`; `fill_plan`, not `plan`): importing `cmcal.check` sets the package's attribute `check` to that
module.

Time is explicit: no function reads the clock. `today` is a date, or a function giving each calendar's today
(in its own zone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from cmcal.export import Selection
    from cmcal.files.loader import Loaded
    from cmcal.habits.slots import Slot
    from cmcal.model import Calendar
    from cmcal.plan.fill import Plan
    from cmcal.problems import Problem
    from cmcal.report.compute import Report
    from cmcal.review.diff import Diff

from cmcal.version import __version__

__all__ = [
    "__version__",
    "build_report",
    "diff",
    "diff_revisions",
    "export_as",
    "fill_plan",
    "gaps",
    "load",
    "slots",
    "validate",
]

Today = date | Callable[["Calendar"], date]
"""A date for every calendar, or a function giving each calendar's own today."""


def _today_for(today: Today) -> Callable[[Calendar], date]:
    if isinstance(today, date):
        fixed = today
        return lambda _calendar: fixed
    return today


def load(paths: Sequence[str] = ("calendars",)) -> Loaded:
    """Read the calendars under `paths` (files or folders, as `cmcal check` does), with their parts.

    Returns a `Loaded`: `.calendars` (the model's `Calendar` values) and `.problems` (what reading found:
    syntax, shapes, keys, values). Never raises on a calendar's content; a path that does not exist is a
    `cmcal.errors.UsageError`.
    """
    from cmcal.files.loader import load as _load

    return _load(list(paths))


def validate(loaded: Loaded, today: Today, horizon: int = 14) -> list[Problem]:
    """Every problem `cmcal check` reports for what `load` read: its reading problems and the rules that
    relate values (references, platform rules, daylight saving, habit gaps within `horizon` days of today),
    sorted by place."""
    from cmcal.check.validate import check as _check
    from cmcal.problems import sorted_problems

    found = _check(loaded.calendars, _today_for(today), horizon)
    return sorted_problems([*loaded.problems, *found])


def slots(calendar: Calendar, first: date, last: date) -> list[Slot]:
    """Every slot of the calendar's habits (and events) whose window meets `first`..`last` (both included),
    each with the posts that fill it, in time order."""
    from cmcal.habits.slots import build_slots

    return build_slots(calendar, first, last)


def gaps(calendar: Calendar, first: date, last: date) -> list[Slot]:
    """The slots of `slots` with fewer posts than their `times`."""
    return [slot for slot in slots(calendar, first, last) if slot.is_gap]


def fill_plan(calendars: Sequence[Calendar], today: Today, days: int = 14) -> Plan:
    """The plan `cmcal fill` shows (without writing): which idea of each calendar's backlog goes to which
    open slot of the `days` days from today, and the slots it leaves open."""
    from cmcal.plan.fill import plan

    return plan(calendars, _today_for(today), days)


def diff(base: Loaded, head: Loaded, today: Today, horizon: int = 14) -> Diff:
    """What changed from `base` to `head` (two `load` results, e.g. two folders), by meaning, as `cmcal diff`
    shows it: posts added, removed, moved, edited; habits; gaps opened and closed within `horizon` days."""
    from cmcal.review.diff import compare

    return compare(base, head, _today_for(today), horizon, "base", "head")


def diff_revisions(
    base: str = "HEAD",
    head: str | None = None,
    paths: Sequence[str] = ("calendars",),
    *,
    today: Today,
    horizon: int = 14,
    repo: str = ".",
) -> Diff:
    """`diff` between two git revisions of the repository `repo` (`head` None: its working tree)."""
    from contextlib import ExitStack

    from cmcal.files.loader import DiskSource, Source
    from cmcal.review.diff import compare
    from cmcal.review.git import load_tree, open_repo

    opened = open_repo(repo)
    with ExitStack() as stack:
        base_source: Source = stack.enter_context(opened.source(opened.commit(base)))
        head_source: Source = (
            DiskSource() if head is None else stack.enter_context(opened.source(opened.commit(head)))
        )
        old = load_tree(list(paths), base_source)
        new = load_tree(list(paths), head_source)
    return compare(old, new, _today_for(today), horizon, base, head)


def export_as(
    calendars: Sequence[Calendar],
    format: Literal["ics", "csv", "json"],
    today: Today,
    *,
    selection: Selection | None = None,
    gaps: bool = False,
) -> bytes:
    """The bytes `cmcal export --format FORMAT` writes for these calendars (`selection`: filters and dates;
    `gaps`: unfilled slots too, in ICS and CSV)."""
    from cmcal.export import Selection

    chosen = selection if selection is not None else Selection()
    today_for = _today_for(today)
    if format == "ics":
        from cmcal.export.ics import export_ics

        return export_ics(calendars, chosen, today_for, gaps=gaps).data
    if format == "csv":
        from cmcal.export.csvout import export_csv

        return export_csv(calendars, chosen, today_for, gaps=gaps).data
    from cmcal.export.jsonout import export_json

    return export_json(calendars, chosen, today_for).data


def build_report(calendars: Sequence[Calendar], first: date, last: date) -> Report:
    """Habit adherence, content mix, workload and engagement of each calendar over `first`..`last`, as
    `cmcal report --from FIRST --to LAST` computes them."""
    from cmcal.report.compute import Period
    from cmcal.report.compute import build_report as _build

    period = Period(first, last)
    return _build(calendars, lambda _calendar: period)
