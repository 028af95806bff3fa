"""Performance reports: habit adherence, content mix, workload, engagement, and the change since before.

Pure computation over built calendars (their metrics already merged, see `cmcal.files.metrics`): no clock, no
output. Every figure is a frozen dataclass, so the renderers (`cmcal.report.render`) only format.

Decisions (README, "Reports"):

- The period is `first`..`last`, both included, local dates of each calendar. The default is the last full
  calendar month before today. The previous period has the same length and ends the day before `first`;
  when the period is whole calendar months it is the same number of whole months before (November is
  compared with October, not with October 2 to 31).
- A post is in the period when its `date` is; cancelled posts are left out everywhere. A *publication* is one
  post on one platform: a post on Instagram and Facebook is two publications.
- Habit adherence counts the slots (`schedule.build_slots`) whose window *ends* in the period, so a week that
  straddles two months is counted once, in the month where it closes. A slot is *filled* when it has
  `times` posts that are not cancelled, *published* when `times` of them are published; adherence is
  published slots ÷ slots.
- Engagements of a publication add the counts named by the calendar's `report: {engagement: […]}` (default
  likes + comments + shares + saves) that the platform gave; an unknown count is left out, never read as
  zero. The rate divides by reach (default), impressions or followers. A published publication without any
  of the engagement counts, or without the denominator (or with a denominator of 0), has *no data*: it is
  counted as such and left out of the sums, never counted as zero.
- A group's rate is the **ratio of sums** (its engagements ÷ its denominators, over the publications with
  data), so large posts weigh more; the **mean of post rates** is given beside it. The two differ whenever
  posts differ in size.
- Event slots (an event's promised posts) are adherence rows beside the habits, named `event ID`.
- Campaigns: each campaign whose dates meet the period is judged as a whole, over all its dates (not only
  those in the period): its posts (not cancelled) and publications, the published ones, and their
  engagement overall and per platform, computed as above; and the events inside it (those whose first day
  is in the campaign's dates) with all their promised posts, wherever their days fall: the slots promised,
  filled and published, and the adherence filled ÷ promised.
- Top and bottom posts: the publications with data, by rate (ties: earlier date first, then file order); at
  most `TOP` each, never the same publication in both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from cmcal.model import CONTENT_TYPES, Calendar, Post
from cmcal.model.planning import Event

REPORT_VERSION = 1
RATE_BASES = ("reach", "impressions", "followers")
RateBasis = Literal["reach", "impressions", "followers"]
TOP = 5
"""How many top and bottom publications a report lists."""


@dataclass(frozen=True, slots=True)
class Period:
    """Local dates `first` to `last`, both included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    @property
    def is_months(self) -> bool:
        """Whether the period is whole calendar months."""
        return self.first.day == 1 and (self.last == date.max or (self.last + timedelta(days=1)).day == 1)


def default_period(today: date) -> Period:
    """The last full calendar month before `today`; a usage error in January of year 1, which has none."""
    if (today.year, today.month) == (1, 1):
        from cmcal.errors import UsageError
        from cmcal.i18n import _

        raise UsageError(
            _("there is no full month before {today}; give the period with --from and --to").format(
                today=today
            )
        )
    last = today.replace(day=1) - timedelta(days=1)
    return Period(last.replace(day=1), last)


def periods(
    first: date | None, last: date | None, today: Callable[[Calendar], date]
) -> Callable[[Calendar], Period]:
    """The period each calendar's report covers, from `--from` and `--to` (README, "`cmcal report`"): both
    given, those days; only `--to`, its month up to it; only `--from`, up to today; neither, the last full
    month before today. Over ten years, or `--from` after today alone, is a usage error."""
    from cmcal.bounds import MAX_DAYS
    from cmcal.errors import UsageError
    from cmcal.i18n import _

    def get(calendar: Calendar) -> Period:
        if first is None and last is None:
            return default_period(today(calendar))
        if first is None:
            assert last is not None
            period = Period(last.replace(day=1), last)
        elif last is None:
            day = today(calendar)
            if first > day:
                raise UsageError(
                    _("--from {first} is after today ({day}); give --to too").format(first=first, day=day)
                )
            period = Period(first, day)
        else:
            period = Period(first, last)
        if period.days > MAX_DAYS:
            raise UsageError(
                _("the period has {days} days; a report covers at most {most} (ten years)").format(
                    days=period.days, most=MAX_DAYS
                )
            )
        return period

    return get


def previous_period(period: Period) -> Period | None:
    """The period of the same length just before (whole months for whole months); None before year 1."""
    try:
        if period.is_months:
            months = (period.last.year - period.first.year) * 12 + period.last.month - period.first.month + 1
            index = period.first.year * 12 + period.first.month - 1 - months
            if index < 12:
                return None
            return Period(date(index // 12, index % 12 + 1, 1), period.first - timedelta(days=1))
        last = period.first - timedelta(days=1)
        return Period(last - timedelta(days=period.days - 1), last)
    except OverflowError:
        return None


# --- the figures --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AdherenceRow:
    """Slots of one habit on one platform whose window ends in the period."""

    habit: str
    title: str
    platform: str
    required: bool
    slots: int
    filled: int
    """Slots with `times` posts that are not cancelled."""
    published: int
    """Slots with `times` published posts."""
    event: bool = False
    """Whether `habit` is an event's id (the slots of its promised posts)."""

    @property
    def adherence(self) -> float | None:
        """Published slots ÷ slots; None without slots."""
        return self.published / self.slots if self.slots else None


@dataclass(frozen=True, slots=True)
class Adherence:
    rows: tuple[AdherenceRow, ...]
    """One row per habit and platform with at least one slot, in the calendar's order."""
    habits: int
    """How many habits the calendar declares (0: the section says so)."""
    slots: int
    filled: int
    published: int

    @property
    def adherence(self) -> float | None:
        return self.published / self.slots if self.slots else None


@dataclass(frozen=True, slots=True)
class MixRow:
    type: str | None
    """The content type; None for posts without one."""
    counts: tuple[int, ...]
    """Publications of this type on each of `ContentMix.platforms`."""
    total: int
    share: float
    """`total` ÷ all publications of the period."""


@dataclass(frozen=True, slots=True)
class MixWarning:
    type: str | None
    share: float
    limit: float


@dataclass(frozen=True, slots=True)
class ContentMix:
    platforms: tuple[str, ...]
    """The platforms with publications in the period, in the calendar's order."""
    rows: tuple[MixRow, ...]
    """By number of publications, most first (ties in the order of content types)."""
    platform_totals: tuple[int, ...]
    total: int
    max_type_share: float | None
    """The calendar's limit (`report: {max_type_share}`), or None."""
    warnings: tuple[MixWarning, ...]
    """The types over the limit."""


@dataclass(frozen=True, slots=True)
class WorkloadRow:
    owner: str | None
    """The post's `owner`; None for posts without one."""
    posts: int
    publications: int
    published: int
    """Posts published."""
    planned: int
    """Posts ready or scheduled."""
    in_progress: int
    """Posts that are ideas or drafts."""


@dataclass(frozen=True, slots=True)
class EngagementGroup:
    """Engagement of the published publications of one platform, type or habit (or of them all)."""

    key: str | None
    publications: int
    """Published publications in the group."""
    with_data: int
    no_data: int
    engagements: int
    """Sum over the publications with data."""
    denominator: int
    """Sum of the rate's denominator (reach, impressions or followers) over the publications with data."""
    rate: float | None
    """Ratio of sums: `engagements` ÷ `denominator`; None without data."""
    mean_rate: float | None
    """Mean of the publications' own rates; None without data."""


@dataclass(frozen=True, slots=True)
class PostRate:
    """One published publication with data."""

    post: Post
    platform: str
    engagements: int
    denominator: int

    @property
    def rate(self) -> float:
        return self.engagements / self.denominator


@dataclass(frozen=True, slots=True)
class Engagement:
    basis: RateBasis
    counts: tuple[str, ...]
    """The counts added up as engagements."""
    overall: EngagementGroup
    by_platform: tuple[EngagementGroup, ...]
    by_type: tuple[EngagementGroup, ...]
    by_habit: tuple[EngagementGroup, ...]
    top: tuple[PostRate, ...]
    """Best rate first."""
    bottom: tuple[PostRate, ...]
    """Worst rate first."""


@dataclass(frozen=True, slots=True)
class Summary:
    """The headline figures of one period, compared between periods."""

    posts: int
    published: int
    publications: int
    slots: int
    published_slots: int
    engagements: int
    denominator: int
    with_data: int

    @property
    def adherence(self) -> float | None:
        return self.published_slots / self.slots if self.slots else None

    @property
    def rate(self) -> float | None:
        return self.engagements / self.denominator if self.with_data and self.denominator else None


@dataclass(frozen=True, slots=True)
class Change:
    """One headline figure now and in the previous period. `kind` "share" deltas are percentage points."""

    name: str
    kind: Literal["count", "share"]
    current: float | None
    previous: float | None

    @property
    def delta(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True, slots=True)
class EventSlots:
    """The promised posts of one event: slots (one per promised post and platform), filled and published."""

    event: str
    title: str
    slots: int
    filled: int
    """Slots with `times` posts that are not cancelled."""
    published: int
    """Slots with `times` published posts."""

    @property
    def adherence(self) -> float | None:
        """Filled slots ÷ promised slots; None when the event promises none."""
        return self.filled / self.slots if self.slots else None


@dataclass(frozen=True, slots=True)
class CampaignReport:
    """One campaign over its own dates."""

    id: str
    title: str
    start: date | None
    end: date | None
    posts: int
    publications: int
    published: int
    """Published publications."""
    engagement: EngagementGroup
    by_platform: tuple[EngagementGroup, ...]
    events: tuple[EventSlots, ...] = ()
    """The events whose first day is in the campaign, by date then id, each with all its promised posts."""

    @property
    def event_slots(self) -> EventSlots:
        """The events' promised posts together (`event` empty)."""
        return EventSlots(
            "",
            "",
            sum(e.slots for e in self.events),
            sum(e.filled for e in self.events),
            sum(e.published for e in self.events),
        )


@dataclass(frozen=True, slots=True)
class CalendarReport:
    calendar: str
    path: str
    timezone: str
    period: Period
    previous_period: Period | None
    summary: Summary
    previous: Summary | None
    changes: tuple[Change, ...]
    adherence: Adherence
    mix: ContentMix
    workload: tuple[WorkloadRow, ...]
    engagement: Engagement
    campaigns: tuple[CampaignReport, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    basis: RateBasis
    calendars: tuple[CalendarReport, ...]


# --- computing ----------------------------------------------------------------------------------------------


def build_report(
    calendars: Iterable[Calendar],
    period_for: Callable[[Calendar], Period],
    basis: RateBasis = "reach",
) -> Report:
    """The report of each calendar over its period (`period_for` gives it, from `--from`/`--to` or today)."""
    from cmcal.files.reader import no_gc

    if basis not in RATE_BASES:
        raise ValueError(f"unknown rate basis {basis!r}")
    with no_gc():  # the figures make no cycles; collections over a big calendar would cost more than the sums
        return Report(basis, tuple(calendar_report(c, period_for(c), basis) for c in calendars))


def calendar_report(calendar: Calendar, period: Period, basis: RateBasis = "reach") -> CalendarReport:
    posts = _posts_in(calendar, period)
    adherence = habit_adherence(calendar, period)
    engagement = engagement_of(calendar, posts, basis)
    summary = _summary(posts, adherence, engagement.overall)
    before = previous_period(period)
    previous = None
    if before is not None:
        before_posts = _posts_in(calendar, before)
        previous = _summary(
            before_posts,
            habit_adherence(calendar, before),
            engagement_of(calendar, before_posts, basis).overall,
        )
    return CalendarReport(
        calendar=calendar.name,
        path=calendar.path,
        timezone=calendar.timezone,
        period=period,
        previous_period=before,
        summary=summary,
        previous=previous,
        changes=_changes(summary, previous),
        adherence=adherence,
        mix=content_mix(calendar, posts),
        workload=workload(posts),
        engagement=engagement,
        campaigns=campaign_reports(calendar, period, basis),
    )


def campaign_reports(
    calendar: Calendar, period: Period, basis: RateBasis = "reach"
) -> tuple[CampaignReport, ...]:
    """Each campaign that meets the period, over its own dates, in the calendar's order."""
    out = []
    for key, campaign in calendar.campaigns.items():
        if campaign.start is None or campaign.end is None:
            continue
        if campaign.end < period.first or campaign.start > period.last:
            continue
        posts = [
            p
            for p in calendar.posts
            if p.campaign == key and p.status != "cancelled" and campaign.start <= p.date <= campaign.end
        ]
        engagement = engagement_of(calendar, posts, basis)
        inside = sorted(
            (e for e in calendar.events.values() if campaign.start <= e.date <= campaign.end),
            key=lambda e: (e.date, e.id),
        )
        publications = sum(len(dict.fromkeys(p.platforms)) for p in posts)
        published = sum(len(dict.fromkeys(p.platforms)) for p in posts if p.status == "published")
        out.append(
            CampaignReport(
                key,
                campaign.title,
                campaign.start,
                campaign.end,
                len(posts),
                publications,
                published,
                engagement.overall,
                engagement.by_platform,
                event_slots(calendar, inside),
            )
        )
    return tuple(out)


def event_slots(calendar: Calendar, events: Sequence[Event]) -> tuple[EventSlots, ...]:
    """Each event's promised posts: slots, filled and published, over every day they fall on."""
    from cmcal.dates import days_after, days_before
    from cmcal.habits.slots import build_slots

    def shifted(day: date, offset: int) -> date:
        return days_after(day, offset) if offset >= 0 else days_before(day, -offset)

    promising = [e for e in events if e.posts]
    counts: dict[str, list[int]] = {e.id: [0, 0, 0] for e in events}
    if promising:
        first = min(shifted(e.date, min(x.offset for x in e.posts)) for e in promising)
        last = max(shifted(e.date, max(x.offset for x in e.posts)) for e in promising)
        for slot in build_slots(calendar, first, last):
            row = counts.get(slot.event) if slot.event is not None else None
            if row is None:
                continue
            row[0] += 1
            if not slot.is_gap:
                row[1] += 1
                if sum(1 for p in slot.filled_by if p.status == "published") >= slot.times:
                    row[2] += 1
    return tuple(EventSlots(e.id, e.title, *counts[e.id]) for e in events)


def _posts_in(calendar: Calendar, period: Period) -> list[Post]:
    first, last = period.first, period.last
    return [p for p in calendar.posts if first <= p.date <= last and p.status != "cancelled"]


def habit_adherence(calendar: Calendar, period: Period) -> Adherence:
    from cmcal.habits.slots import build_slots

    counts: dict[tuple[str, str], list[int]] = {}
    for slot in build_slots(calendar, period.first, period.last):
        if slot.window.last not in period:
            continue  # counted in the period where its window ends
        key = slot.habit if slot.habit is not None else f"event {slot.event}"
        row = counts.setdefault((key, slot.platform), [0, 0, 0])
        row[0] += 1
        if not slot.is_gap:
            row[1] += 1
            if sum(1 for p in slot.filled_by if p.status == "published") >= slot.times:
                row[2] += 1
    rows = []
    for hid, habit in calendar.habits.items():
        for platform in dict.fromkeys(habit.platforms):
            found = counts.get((hid, platform))
            if found is not None:
                slots, filled, published = found
                rows.append(
                    AdherenceRow(hid, habit.title, platform, habit.required, slots, filled, published)
                )
    for eid, event in calendar.events.items():
        required = {p: False for x in event.posts for p in x.platforms}
        for x in event.posts:
            for p in x.platforms:
                required[p] = required[p] or x.required
        for platform, needed in required.items():
            found = counts.get((f"event {eid}", platform))
            if found is not None:
                slots, filled, published = found
                rows.append(AdherenceRow(eid, event.title, platform, needed, slots, filled, published, True))
    return Adherence(
        rows=tuple(rows),
        habits=len(calendar.habits) + sum(1 for e in calendar.events.values() if e.posts),
        slots=sum(r.slots for r in rows),
        filled=sum(r.filled for r in rows),
        published=sum(r.published for r in rows),
    )


def _type_order(value: str | None) -> int:
    return CONTENT_TYPES.index(value) if value in CONTENT_TYPES else len(CONTENT_TYPES)


def _platform_order(calendar: Calendar, found: Iterable[str]) -> tuple[str, ...]:
    declared = [p for p in calendar.platforms if p in found]
    return (*declared, *sorted(set(found) - set(declared)))


def content_mix(calendar: Calendar, posts: Sequence[Post]) -> ContentMix:
    cells: dict[tuple[str | None, str], int] = {}
    for post in posts:
        for platform in dict.fromkeys(post.platforms):
            cells[(post.type, platform)] = cells.get((post.type, platform), 0) + 1
    platforms = _platform_order(calendar, {platform for _, platform in cells})
    total = sum(cells.values())
    types = {kind for kind, _ in cells}
    rows = []
    for kind in types:
        counts = tuple(cells.get((kind, p), 0) for p in platforms)
        rows.append(MixRow(kind, counts, sum(counts), sum(counts) / total))
    rows.sort(key=lambda r: (-r.total, _type_order(r.type), r.type or ""))
    limit = calendar.max_type_share
    warnings = tuple(
        MixWarning(r.type, r.share, limit) for r in rows if limit is not None and r.share > limit
    )
    return ContentMix(
        platforms=platforms,
        rows=tuple(rows),
        platform_totals=tuple(sum(r.counts[i] for r in rows) for i in range(len(platforms))),
        total=total,
        max_type_share=limit,
        warnings=warnings,
    )


def workload(posts: Sequence[Post]) -> tuple[WorkloadRow, ...]:
    by_owner: dict[str | None, list[int]] = {}
    for post in posts:
        row = by_owner.setdefault(post.owner, [0, 0, 0, 0, 0])
        row[0] += 1
        row[1] += len(dict.fromkeys(post.platforms))
        if post.status == "published":
            row[2] += 1
        elif post.status in ("ready", "scheduled"):
            row[3] += 1
        else:
            row[4] += 1
    rows = [WorkloadRow(owner, *counts) for owner, counts in by_owner.items()]
    rows.sort(key=lambda r: (-r.posts, r.owner is None, r.owner or ""))
    return tuple(rows)


def publication_data(post: Post, platform: str, counts: Sequence[str], basis: str) -> tuple[int, int] | None:
    """(engagements, denominator) of one publication, or None when it has no data (see the decisions)."""
    metrics = post.metrics.get(platform)
    if metrics is None:
        return None
    denominator = metrics.get(basis)
    if not denominator:
        return None
    known = [value for name in counts if (value := metrics.get(name)) is not None]
    if not known:
        return None
    return sum(known), denominator


def engagement_of(calendar: Calendar, posts: Sequence[Post], basis: RateBasis) -> Engagement:
    counts = calendar.engagement
    groups: dict[str, dict[str | None, _Acc]] = {"platform": {}, "type": {}, "habit": {}}
    by_platform_acc, by_type_acc, by_habit_acc = groups["platform"], groups["type"], groups["habit"]
    overall = _Acc()
    rated: list[PostRate] = []
    for post in posts:
        if post.status != "published":
            continue
        kind_acc = by_type_acc.get(post.type) or by_type_acc.setdefault(post.type, _Acc())
        habit_acc = by_habit_acc.get(post.habit) or by_habit_acc.setdefault(post.habit, _Acc())
        for platform in dict.fromkeys(post.platforms):
            data = publication_data(post, platform, counts, basis)
            platform_acc = by_platform_acc.get(platform) or by_platform_acc.setdefault(platform, _Acc())
            for acc in (overall, platform_acc, kind_acc, habit_acc):
                acc.add(data)
            if data is not None:
                rated.append(PostRate(post, platform, *data))
    platforms = _platform_order(calendar, {p for p in groups["platform"] if p is not None})
    by_platform = tuple(groups["platform"][p].group(p) for p in platforms)
    by_type = tuple(
        acc.group(kind)
        for kind, acc in sorted(groups["type"].items(), key=lambda kv: (_type_order(kv[0]), kv[0] or ""))
    )
    habit_ids = list(calendar.habits)
    by_habit = tuple(
        acc.group(hid)
        for hid, acc in sorted(
            groups["habit"].items(),
            key=lambda kv: (
                kv[0] is None,
                habit_ids.index(kv[0]) if kv[0] in habit_ids else len(habit_ids),
                kv[0] or "",
            ),
        )
    )
    rated.sort(key=lambda r: (-r.rate, r.post.date, r.post.index, r.platform))
    top = tuple(rated[: min(TOP, (len(rated) + 1) // 2)])
    bottom = tuple(reversed(rated[len(top) :][-TOP:]))
    return Engagement(basis, counts, overall.group(None), by_platform, by_type, by_habit, top, bottom)


class _Acc:
    """Running sums of one engagement group."""

    __slots__ = ("denominator", "engagements", "no_data", "rates", "with_data")

    def __init__(self) -> None:
        self.with_data = self.no_data = self.engagements = self.denominator = 0
        self.rates = 0.0

    def add(self, data: tuple[int, int] | None) -> None:
        if data is None:
            self.no_data += 1
            return
        self.with_data += 1
        self.engagements += data[0]
        self.denominator += data[1]
        self.rates += data[0] / data[1]

    def group(self, key: str | None) -> EngagementGroup:
        n = self.with_data
        return EngagementGroup(
            key=key,
            publications=n + self.no_data,
            with_data=n,
            no_data=self.no_data,
            engagements=self.engagements,
            denominator=self.denominator,
            rate=self.engagements / self.denominator if n else None,
            mean_rate=self.rates / n if n else None,
        )


def _summary(posts: Sequence[Post], adherence: Adherence, overall: EngagementGroup) -> Summary:
    return Summary(
        posts=len(posts),
        published=sum(1 for p in posts if p.status == "published"),
        publications=sum(len(dict.fromkeys(p.platforms)) for p in posts),
        slots=adherence.slots,
        published_slots=adherence.published,
        engagements=overall.engagements,
        denominator=overall.denominator,
        with_data=overall.with_data,
    )


def _changes(now: Summary, before: Summary | None) -> tuple[Change, ...]:
    def pick(getter: Callable[[Summary], float | None]) -> tuple[float | None, float | None]:
        return getter(now), getter(before) if before is not None else None

    return (
        Change("posts", "count", *pick(lambda s: s.posts)),
        Change("published", "count", *pick(lambda s: s.published)),
        Change("adherence", "share", *pick(lambda s: s.adherence)),
        Change("engagements", "count", *pick(lambda s: s.engagements if s.with_data else None)),
        Change("rate", "share", *pick(lambda s: s.rate)),
    )
