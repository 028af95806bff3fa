"""Rules that relate values to each other and to the platforms (SPEC §3), run over built calendars.

`build` has already checked each value alone; here a post meets its calendar (platforms, habits, team), its
platforms' publishing rules, the calendar's time zone, and "today".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, time
from difflib import get_close_matches
from typing import Literal

from cmcal.dates import daylight_problem, local_time_issue
from cmcal.files.loader import Source
from cmcal.model import Calendar, Post
from cmcal.platforms.rules import UNIT_NAMES, PlatformRules, TextLimit, measure, rules_for
from cmcal.platforms.textcount import hashtags
from cmcal.problems import Loc, Problem, Severity, problem, sorted_problems

DEFAULT_HORIZON = 14

# Content types that the platforms see as another type: an infographic is published as a photo.
_AS_TYPE = {"infographic": "photo"}


def check(
    calendars: Iterable[Calendar],
    today_for: Callable[[Calendar], date],
    horizon: int = DEFAULT_HORIZON,
    source: Source | None = None,
) -> list[Problem]:
    """Every problem of every calendar (its metrics files included, read from `source`), sorted by place."""
    from cmcal.files.metrics import metrics_problems
    from cmcal.habits.slots import schedule_problems

    problems: list[Problem] = []
    for calendar in calendars:
        today = today_for(calendar)
        problems.extend(validate(calendar, today))
        problems.extend(schedule_problems(calendar, today, horizon))
        if calendar.metrics_files:
            problems.extend(metrics_problems(calendar, source))
    return sorted_problems(problems)


def validate(calendar: Calendar, today: date) -> list[Problem]:
    from cmcal.check.approval import approval_problems

    out: list[Problem] = []
    _habit_references(calendar, out)
    _post_rules(calendar, today, out)
    out.extend(approval_problems(calendar))
    return out


def _unknown(kind: str, value: str, known: Iterable[str], declared_in: str) -> str:
    known = list(known)
    close = get_close_matches(value, known, n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    listed = ", ".join(known) if known else "none"
    return f'unknown {kind} "{value}"; {hint}declare it in `{declared_in}` (declared: {listed})'


def _habit_references(calendar: Calendar, out: list[Problem]) -> None:
    for habit in calendar.habits.values():
        loc = habit.locs.get("platforms", habit.loc)
        for pid in habit.platforms:
            if pid not in calendar.platforms and loc is not None:
                out.append(
                    problem(
                        loc, "unknown-platform", _unknown("platform", pid, calendar.platforms, "platforms")
                    )
                )
        owner_loc = habit.locs.get("owner")
        if habit.owner and calendar.team is not None and habit.owner not in calendar.team and owner_loc:
            out.append(
                problem(owner_loc, "unknown-owner", _unknown("owner", habit.owner, calendar.team, "team"))
            )


class _PlatformCheck:
    """A calendar's account with the rules that apply to it, overrides included."""

    __slots__ = ("_limits", "hashtag_firm", "hashtag_limit", "max_length", "rules", "types")

    def __init__(self, calendar: Calendar, pid: str) -> None:
        account = calendar.platforms[pid]
        rules: PlatformRules | None = rules_for(account.kind) if account.kind else None
        self.rules = rules
        self.max_length = account.max_length
        self.hashtag_limit = account.max_hashtags
        self.hashtag_firm = True  # a limit the user set is meant
        if self.hashtag_limit is None and rules is not None:
            self.hashtag_limit, self.hashtag_firm = rules.hashtag_limit, rules.hashtag_limit_firm
        self.types = (
            frozenset(account.types) if account.types is not None else (rules.types if rules else None)
        )
        self._limits: dict[str | None, tuple[TextLimit, ...]] = {}

    def limits(self, post_type: str | None) -> tuple[TextLimit, ...]:
        """The text limits for a post of this type; an account's `max_length` replaces the main one."""
        found = self._limits.get(post_type)
        if found is None:
            rules = self.rules
            found = rules.limits_for(post_type) if rules else ()
            if self.max_length is not None:
                unit = rules.unit if rules else "code_points"
                field = rules.text_field if rules else "text"
                found = (TextLimit(self.max_length, unit, field), *(x for x in found if x.unit != unit))
            self._limits[post_type] = found
        return found


def _post_rules(calendar: Calendar, today: date, out: list[Problem]) -> None:
    checks = {pid: _PlatformCheck(calendar, pid) for pid in calendar.platforms}
    zone = calendar.zone
    team = set(calendar.team) if calendar.team is not None else None
    seen_ids: dict[str, Post] = {}
    habit_ids = calendar.habit_ids or tuple(calendar.habits)
    time_issues: dict[tuple[date, time], Literal["nonexistent", "ambiguous"] | None] = {}
    for post in calendar.posts:
        locs = post.locs
        loc = post.loc
        assert loc is not None
        if post.id is not None:
            first = seen_ids.get(post.id)
            if first is None:
                seen_ids[post.id] = post
            else:
                first_loc = first.locs.get("id", first.loc)
                where = f"{first_loc.path}:{first_loc.line}" if first_loc else "another post"
                out.append(
                    problem(
                        locs.get("id", loc),
                        "duplicate-id",
                        f'id "{post.id}" is already used at {where}; ids must be unique',
                    )
                )
        platforms_loc = locs.get("platforms") or locs.get("platform") or loc
        for pid in post.platforms:
            check = checks.get(pid)
            if check is None:
                out.append(
                    problem(
                        platforms_loc,
                        "unknown-platform",
                        _unknown("platform", pid, calendar.platforms, "platforms"),
                    )
                )
                continue
            if post.type is not None and check.types is not None:
                seen_as = _AS_TYPE.get(post.type, post.type)
                if post.type not in check.types and seen_as not in check.types:
                    name = check.rules.name if check.rules else pid
                    out.append(
                        problem(
                            locs.get("type", platforms_loc),
                            "type-not-supported",
                            f"{name} cannot carry a {post.type} post; "
                            f"it takes: {', '.join(sorted(check.types))}",
                        )
                    )
            text = post.text_for(pid)
            if text:
                _text_rules(
                    check,
                    pid,
                    post.type,
                    text,
                    locs.get("text", loc) if pid not in post.texts else platforms_loc,
                    out,
                )
        if post.habit is not None and post.habit not in calendar.habits and post.habit not in habit_ids:
            out.append(
                problem(
                    locs.get("habit", loc),
                    "unknown-habit",
                    _unknown("habit", post.habit, habit_ids, "habits"),
                )
            )
        if post.owner is not None and team is not None and post.owner not in team:
            out.append(
                problem(locs.get("owner", loc), "unknown-owner", _unknown("owner", post.owner, team, "team"))
            )
        if post.time is not None:
            key = (post.date, post.time)
            if key in time_issues:
                issue = time_issues[key]
            else:
                issue = time_issues[key] = local_time_issue(zone, post.date, post.time)
            if issue is not None:
                tloc = locs.get("time") or locs.get("habit") or loc
                out.append(daylight_problem(tloc, issue, post.date, post.time, zone))
        if post.status not in ("published", "cancelled") and post.date < today:
            out.append(
                problem(
                    locs.get("date", loc),
                    "stale",
                    f'"{post.title}" is dated {post.date} (before today, {today}) and still {post.status}; '
                    "mark it published or cancelled, or move it",
                )
            )
        if post.metrics and post.status != "published":
            for pid, m in post.metrics.items():
                out.append(
                    problem(
                        m.loc or loc,
                        "bad-metrics",
                        f"metrics for {pid} on a post that is {post.status}; "
                        "set `status: published` or remove them",
                    )
                )
        for pid, m in post.metrics.items():
            if pid not in post.platforms and m.loc is not None:
                out.append(
                    problem(
                        m.loc,
                        "unknown-platform",
                        f'metrics for "{pid}", a platform this post is not published on',
                    )
                )


def _text_rules(
    check: _PlatformCheck, pid: str, post_type: str | None, text: str, loc: Loc, out: list[Problem]
) -> None:
    rules = check.rules
    name = rules.name if rules else pid
    for limit in check.limits(post_type):
        if len(text) * 4 <= limit.limit:  # no unit counts a code point as more than 4: skip the count
            continue
        length = measure(text, limit.unit)
        if length > limit.limit:
            out.append(
                problem(
                    loc,
                    "text-too-long",
                    f"{limit.field} is {length} {UNIT_NAMES[limit.unit]} for {name} ({pid}), over its limit "
                    f"of {limit.limit}; shorten it by {length - limit.limit}",
                    None if limit.firm else Severity.WARNING,
                )
            )
    tag_limit = check.hashtag_limit
    if tag_limit is not None and "#" in text:
        tags = hashtags(text, rules.id if rules else pid)
        if len(tags) > tag_limit:
            out.append(
                problem(
                    loc,
                    "too-many-hashtags",
                    f"{len(tags)} hashtags for {name} ({pid}), over its limit of {tag_limit}; "
                    f"keep at most {tag_limit}",
                    None if check.hashtag_firm else Severity.WARNING,
                )
            )
