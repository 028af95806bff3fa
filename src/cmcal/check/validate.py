"""Rules that relate values to each other and to the platforms (docs/codes.md), run over built calendars.

`build` has already checked each value alone; here a post meets its calendar (platforms, habits, team), its
platforms' publishing rules, the calendar's time zone, and "today".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, time
from typing import TYPE_CHECKING, Literal

from cmcal.bounds import Suggester, named
from cmcal.dates import daylight_problem, local_time_issue
from cmcal.files.loader import Source
from cmcal.habits.closures import Closures
from cmcal.i18n import _
from cmcal.model import Calendar, Content, Post
from cmcal.platforms.rules import AccountRules, measure, unit_name
from cmcal.platforms.textcount import hashtags
from cmcal.problems import Code, Loc, Problem, Severity, problem, sorted_problems

if TYPE_CHECKING:
    from cmcal.platforms.media import MediaFiles

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
    from cmcal.check.media import has_media, media_problems
    from cmcal.habits.slots import schedule_problems
    from cmcal.i18n import using

    problems: list[Problem] = []
    files: MediaFiles | None = None  # made at the first calendar with media: files are probed once a run
    for calendar in calendars:
        today = today_for(calendar)
        if files is None and has_media(calendar):
            from cmcal.platforms.media import MediaFiles

            files = MediaFiles()
        with using(calendar.language):  # a calendar's problems are written in its language
            problems.extend(validate(calendar, today))
            problems.extend(schedule_problems(calendar, today, horizon))
            if calendar.metrics_files:
                from cmcal.files.metrics import metrics_problems

                problems.extend(metrics_problems(calendar, source))
            problems.extend(media_problems(calendar, files))
    return sorted_problems(problems)


def validate(calendar: Calendar, today: date) -> list[Problem]:
    from cmcal.check.approval import approval_problems

    out: list[Problem] = []
    _habit_references(calendar, out)
    _post_rules(calendar, today, out)
    _planning_rules(calendar, out)
    _idea_rules(calendar, out)
    out.extend(approval_problems(calendar))
    return out


_DECLARED_IN = {
    "platform": "platforms",
    "owner": "team",
    "habit": "habits",
    "event": "events",
    "campaign": "campaigns",
}


class _Declared:
    """What a calendar declares (platforms, team, habits), for the messages of unknown references: each set
    becomes a `Suggester` at its first unknown name, so that a thousand typos among 20,000 names stay instant,
    and a message names at most a few of them (README, "Limits")."""

    def __init__(self, calendar: Calendar) -> None:
        self._calendar = calendar
        self._made: dict[str, Suggester] = {}

    def message(self, kind: str, value: str) -> str:
        known = self._made.get(kind)
        if known is None:
            calendar = self._calendar
            names: Iterable[str] = {
                "platform": calendar.platforms,
                "owner": calendar.team or (),
                "habit": calendar.habit_ids or tuple(calendar.habits),
                "event": calendar.events,
                "campaign": calendar.campaigns,
            }[kind]
            known = self._made[kind] = Suggester(names)
        close = known.close(value)
        hint = _('did you mean "{name}"? ').format(name=close) if close else ""
        listed = named(known.known) if known.known else _("none")
        return _("{unknown}; {hint}declare it in `{field}` (declared: {listed})").format(
            unknown=_unknown(kind, value), hint=hint, field=_DECLARED_IN[kind], listed=listed
        )


def _unknown(kind: str, value: str) -> str:
    if kind == "platform":
        return _('unknown platform "{value}"').format(value=value)
    if kind == "owner":
        return _('unknown owner "{value}"').format(value=value)
    if kind == "habit":
        return _('unknown habit "{value}"').format(value=value)
    if kind == "event":
        return _('unknown event "{value}"').format(value=value)
    return _('unknown campaign "{value}"').format(value=value)


def _where(loc: Loc | None) -> str:
    return f"{loc.path}:{loc.line}" if loc else _("another post")


def _habit_references(calendar: Calendar, out: list[Problem]) -> None:
    declared = _Declared(calendar)
    for habit in calendar.habits.values():
        loc = habit.locs.get("platforms", habit.loc)
        for pid in habit.platforms:
            if pid not in calendar.platforms and loc is not None:
                out.append(problem(loc, Code.UNKNOWN_PLATFORM, declared.message("platform", pid)))
        owner_loc = habit.locs.get("owner")
        if habit.owner and calendar.team is not None and habit.owner not in calendar.team and owner_loc:
            out.append(problem(owner_loc, Code.UNKNOWN_OWNER, declared.message("owner", habit.owner)))


def _planning_rules(calendar: Calendar, out: list[Problem]) -> None:
    """Events and campaigns a post names, blackouts it falls in; an event's owner and platforms."""
    team = calendar.team
    declared = _Declared(calendar)
    for event in calendar.events.values():
        owner_loc = event.locs.get("owner")
        if event.owner and team is not None and event.owner not in team and owner_loc:
            out.append(problem(owner_loc, Code.UNKNOWN_OWNER, declared.message("owner", event.owner)))
        for slot in event.posts:
            loc = slot.locs.get("platforms", slot.loc)
            for pid in slot.platforms:
                if pid not in calendar.platforms and loc is not None:
                    message = declared.message("platform", pid)
                    out.append(problem(loc, Code.UNKNOWN_PLATFORM, message))
    closed = Closures(calendar.blackouts)
    events, campaigns = calendar.events, calendar.campaigns
    if not (
        events or campaigns or closed.has_blackouts or any(p.event or p.campaign for p in calendar.posts)
    ):
        return
    for post in calendar.posts:
        loc = post.loc
        assert loc is not None
        if post.event is not None and post.event not in events:
            message = declared.message("event", post.event)
            out.append(problem(post.locs.get("event", loc), Code.UNKNOWN_EVENT, message))
        if post.campaign is not None:
            campaign = campaigns.get(post.campaign)
            if campaign is None:
                message = declared.message("campaign", post.campaign)
                out.append(problem(post.locs.get("campaign", loc), Code.UNKNOWN_CAMPAIGN, message))
            elif post.date not in campaign and campaign.start is not None and campaign.end is not None:
                out.append(
                    problem(
                        post.locs.get("date", loc),
                        Code.OUTSIDE_CAMPAIGN,
                        _(
                            '"{title}" is dated {day}, outside campaign "{campaign}" ({start} to {end}); '
                            "move it into the campaign or drop `campaign`"
                        ).format(
                            title=post.title,
                            day=post.date,
                            campaign=campaign.id,
                            start=campaign.start,
                            end=campaign.end,
                        ),
                    )
                )
        if post.status != "cancelled":
            blackout = closed.blackout_on(post.date)
            if blackout is not None:
                why = f" ({blackout.reason})" if blackout.reason else ""
                span = (
                    str(blackout.first)
                    if blackout.first == blackout.last
                    else _("{first} to {last}").format(first=blackout.first, last=blackout.last)
                )
                out.append(
                    problem(
                        post.locs.get("date", loc),
                        Code.IN_BLACKOUT,
                        _(
                            '"{title}" is dated {day}, inside the blackout of {span}{why}; '
                            "move it out or cancel it"
                        ).format(title=post.title, day=post.date, span=span, why=why),
                    )
                )


def _idea_rules(calendar: Calendar, out: list[Problem]) -> None:
    """Ideas are checked like posts, except for the date (README, "Ideas")."""
    if not calendar.ideas:
        return
    checks = {pid: AccountRules(calendar.platforms[pid]) for pid in calendar.platforms}
    team = calendar.team
    declared = _Declared(calendar)
    ids: dict[str, Loc | None] = {}
    for post in calendar.posts:
        if post.id is not None:
            ids.setdefault(post.id, post.locs.get("id", post.loc))
    for idea in calendar.ideas:
        loc = idea.loc
        assert loc is not None
        locs = idea.locs
        if idea.id is not None:
            first = ids.get(idea.id)
            if idea.id in ids:
                message = _(
                    'id "{id}" is already used at {where}; ids must be unique among posts and ideas'
                ).format(id=idea.id, where=_where(first))
                out.append(problem(locs.get("id", loc), Code.DUPLICATE_ID, message))
            else:
                ids[idea.id] = locs.get("id", loc)
        _content_rules(calendar, checks, idea, out, declared)
        if idea.habit is not None and idea.habit not in calendar.habits:
            message = declared.message("habit", idea.habit)
            out.append(problem(locs.get("habit", loc), Code.UNKNOWN_HABIT, message))
        if idea.event is not None and idea.event not in calendar.events:
            message = declared.message("event", idea.event)
            out.append(problem(locs.get("event", loc), Code.UNKNOWN_EVENT, message))
        if idea.campaign is not None and idea.campaign not in calendar.campaigns:
            message = declared.message("campaign", idea.campaign)
            out.append(problem(locs.get("campaign", loc), Code.UNKNOWN_CAMPAIGN, message))
        if idea.owner is not None and team is not None and idea.owner not in team:
            out.append(
                problem(locs.get("owner", loc), Code.UNKNOWN_OWNER, declared.message("owner", idea.owner))
            )


def _post_rules(calendar: Calendar, today: date, out: list[Problem]) -> None:
    checks = {pid: AccountRules(calendar.platforms[pid]) for pid in calendar.platforms}
    zone = calendar.zone
    team = set(calendar.team) if calendar.team is not None else None
    seen_ids: dict[str, Post] = {}
    habit_ids = calendar.habit_ids or tuple(calendar.habits)
    declared = _Declared(calendar)
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
                out.append(
                    problem(
                        locs.get("id", loc),
                        Code.DUPLICATE_ID,
                        _('id "{id}" is already used at {where}; ids must be unique').format(
                            id=post.id, where=_where(first_loc)
                        ),
                    )
                )
        _content_rules(calendar, checks, post, out, declared)
        if post.habit is not None and post.habit not in calendar.habits and post.habit not in habit_ids:
            out.append(
                problem(
                    locs.get("habit", loc),
                    Code.UNKNOWN_HABIT,
                    declared.message("habit", post.habit),
                )
            )
        if post.owner is not None and team is not None and post.owner not in team:
            out.append(
                problem(locs.get("owner", loc), Code.UNKNOWN_OWNER, declared.message("owner", post.owner))
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
                    Code.STALE,
                    _(
                        '"{title}" is dated {day} (before today, {today}) and still {status}; '
                        "mark it published or cancelled, or move it"
                    ).format(title=post.title, day=post.date, today=today, status=post.status),
                )
            )
        if post.metrics and post.status != "published":
            for pid, m in post.metrics.items():
                out.append(
                    problem(
                        m.loc or loc,
                        Code.BAD_METRICS,
                        _(
                            "metrics for {platform} on a post that is {status}; "
                            "set `status: published` or remove them"
                        ).format(platform=pid, status=post.status),
                    )
                )
        for pid, m in post.metrics.items():
            if pid not in post.platforms and m.loc is not None:
                out.append(
                    problem(
                        m.loc,
                        Code.UNKNOWN_PLATFORM,
                        _('metrics for "{platform}", a platform this post is not published on').format(
                            platform=pid
                        ),
                    )
                )


def _platforms_loc(item: Content) -> Loc:
    """Where a post's or an idea's platforms are written: the place of its platform problems."""
    loc = item.platforms_loc
    assert loc is not None
    return loc


def _content_rules(
    calendar: Calendar,
    checks: dict[str, AccountRules],
    post: Content,
    out: list[Problem],
    declared: _Declared,
) -> None:
    """Platforms, type, text and hashtags of a post or an idea against each of its platforms."""
    # Places are looked up only for a problem found: most posts have none.
    for pid in post.platforms:
        check = checks.get(pid)
        if check is None:
            out.append(
                problem(_platforms_loc(post), Code.UNKNOWN_PLATFORM, declared.message("platform", pid))
            )
            continue
        if post.type is not None and check.types is not None:
            seen_as = _AS_TYPE.get(post.type, post.type)
            if post.type not in check.types and seen_as not in check.types:
                name = check.rules.name if check.rules else pid
                out.append(
                    problem(
                        post.locs.get("type") or _platforms_loc(post),
                        Code.TYPE_NOT_SUPPORTED,
                        _("{name} cannot carry a {type} post; it takes: {types}").format(
                            name=name, type=post.type, types=", ".join(sorted(check.types))
                        ),
                    )
                )
        text = post.text_for(pid)
        if text:
            found = _text_rules(check, pid, post.type, text)
            if found:
                if pid in post.texts:
                    where = _platforms_loc(post)
                else:
                    where = post.locs.get("text") or post.loc or _platforms_loc(post)
                out.extend(problem(where, code, message, severity) for code, message, severity in found)


def _text_rules(
    check: AccountRules, pid: str, post_type: str | None, text: str
) -> list[tuple[Code, str, Severity | None]]:
    """The text's problems for one platform, as (code, message, severity): the caller places them."""
    found: list[tuple[Code, str, Severity | None]] = []
    rules = check.rules
    name = rules.name if rules else pid
    for limit in check.limits(post_type):
        if len(text) * 4 <= limit.limit:  # no unit counts a code point as more than 4: skip the count
            continue
        length = measure(text, limit.unit)
        if length > limit.limit:
            found.append(
                (
                    Code.TEXT_TOO_LONG,
                    _(
                        "{field} is {length} {unit} for {name} ({platform}), over its limit of {limit}; "
                        "shorten it by {over}"
                    ).format(
                        field=limit.field,
                        length=length,
                        unit=unit_name(limit.unit),
                        name=name,
                        platform=pid,
                        limit=limit.limit,
                        over=length - limit.limit,
                    ),
                    None if limit.firm else Severity.WARNING,
                )
            )
    tag_limit = check.hashtag_limit
    if tag_limit is not None and "#" in text:
        tags = hashtags(text, rules.id if rules else pid)
        if len(tags) > tag_limit:
            found.append(
                (
                    Code.TOO_MANY_HASHTAGS,
                    _(
                        "{n} hashtags for {name} ({platform}), over its limit of {limit}; "
                        "keep at most {limit}"
                    ).format(n=len(tags), name=name, platform=pid, limit=tag_limit),
                    None if check.hashtag_firm else Severity.WARNING,
                )
            )
    return found
