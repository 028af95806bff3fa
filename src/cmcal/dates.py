"""Local dates and times, once: date arithmetic that never overflows, time zones, and
the daylight-saving check of a local time (README, "Daylight saving").

Pure and light (only the standard library): the CLI may import it for its option bounds.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from cmcal.i18n import _
from cmcal.i18n.formats import clock, day_label
from cmcal.problems import Code, Loc, Problem, problem

__all__ = ["day_label", "daylight_problem", "days_after", "days_before", "local_time_issue", "zone_or_none"]


def days_after(day: date, days: int) -> date:
    """`day + days`, or the last date Python knows when that is past it."""
    return day + timedelta(days=days) if (date.max - day).days >= days else date.max


def days_before(day: date, days: int) -> date:
    """`day - days`, or the first date Python knows when that is before it."""
    return day - timedelta(days=days) if (day - date.min).days >= days else date.min


@cache
def zone_names() -> frozenset[str]:
    """Every zone name of the IANA time zone database, as the `tzdata` package lists them, but `Factory`
    (the zone of a machine whose zone was never set): not `localtime`, `posixrules` nor a path, which are
    files of a machine's own zone folder, so that a calendar never depends on the machine that reads it."""
    from importlib.util import find_spec

    spec = find_spec("tzdata")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    try:  # the package's own file, without importlib.resources (a few ms of start-up)
        with open(os.path.join(folders[0], "zones"), encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, IndexError):  # an installation that keeps packages in a zip
        from importlib.resources import files

        text = files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(text.split()) - {"Factory"}


def zone_or_none(name: str) -> ZoneInfo | None:
    """The IANA zone `name`, or None when it is not one (the builder reports that as `bad-timezone`)."""
    if name not in zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError; bad paths raise ValueError
        return None


def local_time_issue(zone: ZoneInfo, day: date, at: time) -> Literal["nonexistent", "ambiguous"] | None:
    """Whether the local time `at` on `day` is skipped ("nonexistent") or repeated ("ambiguous") in `zone`.

    Uses PEP 495 folds: the two readings of a wall time (fold 0 and 1) have different UTC offsets only at a
    transition; the time exists when its fold-0 reading survives a round trip through UTC.
    """
    wall = datetime.combine(day, at.replace(tzinfo=None))
    early = wall.replace(tzinfo=zone, fold=0)
    late = wall.replace(tzinfo=zone, fold=1)
    if early.utcoffset() == late.utcoffset():
        return None
    back = early.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return "ambiguous" if back == wall else "nonexistent"


def daylight_problem(
    loc: Loc, issue: Literal["nonexistent", "ambiguous"], day: date, at: time, zone: ZoneInfo, who: str = ""
) -> Problem:
    """The one wording of `nonexistent-time` and `ambiguous-time`, for a post's `time` and a habit's `at`.

    `who` names a habit (`habit "live"`); a habit's slot can also be skipped, so its message says so.
    """
    if who:
        stamp = _("{habit} at {time} on {day}").format(habit=who, time=clock(at), day=day_label(day))
    else:
        stamp = _("{time} on {day}").format(time=clock(at), day=day_label(day))
    skip = _(", or skip the date") if who else ""
    wall = datetime.combine(day, at)
    if issue == "nonexistent":
        shown = wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
        return problem(
            loc,
            Code.NONEXISTENT_TIME,
            _(
                "{stamp} does not exist in {zone} (the clocks spring forward that night); "
                "pick another time, e.g. {time}{skip}"
            ).format(stamp=stamp, zone=zone.key, time=clock(shown.time()), skip=skip),
        )
    earlier = wall.replace(tzinfo=zone)
    later = earlier.replace(fold=1)
    return problem(
        loc,
        Code.AMBIGUOUS_TIME,
        _(
            "{stamp} happens twice in {zone} (the clocks fall back that night: "
            "UTC{first}, then UTC{second}); cmcal uses the first; pick another time to be sure{skip}"
        ).format(stamp=stamp, zone=zone.key, first=_offset(earlier), second=_offset(later), skip=skip),
    )


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
