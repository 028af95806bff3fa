"""Habit recurrence: the slot windows of a habit over a bounded range of local dates (docs/format.md).

Everything here is pure: no clock, no output, no I/O. Dates are local to the calendar's zone; a window is a
range of whole local days, so daylight-saving changes never move a slot to another day. `local_time_issue`
tells a caller when a habit's `at` does not exist, or exists twice, on a given day.

Decisions (README, "Habits, slots and gaps"):

- `every: day` makes one window a day; `every: weekday` one a day from Monday to Friday.
- `every: week` without `days` makes one window per ISO week (Monday to Sunday, so 2026-12-28 .. 2027-01-03
  is week 2026-W53); with `days` (0 = Monday .. 6 = Sunday) one one-day window on each of those days.
- `every: month` without `days` makes one window per calendar month; with `days` one one-day window on each
  of those days of the month. A day past the month's end is clamped to its last day (a monthly post on the
  31st lands on the 30th in November and on the 28th or 29th in February); `-1` is the last day (and `-n`
  the n-th day from the end). Two days that land on the same date make one window.
- `rrule` (an RFC 5545 RRULE body) makes one one-day window per occurrence; it wins over `every` when a
  (malformed) habit has both. Its DTSTART is the habit's `start` at its `at` (midnight without `at`), naive
  local time. Slots are days, so BYHOUR, BYMINUTE, BYSECOND and sub-daily FREQs are refused; an UNTIL
  written as a date includes that whole day; an UNTIL in UTC (`…Z`) is refused (times are local). Names are
  read case-insensitively and an `RRULE:` prefix is allowed; RFC 5545's rules are enforced (value ranges,
  BYWEEKNO/BYYEARDAY only with YEARLY, no BYMONTHDAY with WEEKLY, numbered BYDAY only with MONTHLY/YEARLY,
  not both COUNT and UNTIL). A rule that never occurs in the 10 years after `start` is an error too.
- `start` and `end` cut the windows: no window starts before `start` or ends after `end`. A week or month
  window that contains `start` (or `end`) is kept, shortened to begin at `start` (end at `end`): a weekly
  habit starting on a Sunday has a one-day first window.
- `skip` removes every window whose days are all skipped: a skipped day removes a one-day window, while a
  week or month window stays (any other day of it still fills it) unless every one of its days is skipped.
- Every window of a habit carries the habit's `at` (None: any time of the day).
"""

from __future__ import annotations

import functools
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from cmcal.bounds import MAX_RRULE_COUNT_YEARS
from cmcal.dates import day_label, local_time_issue
from cmcal.i18n import _, current, ngettext
from cmcal.i18n.formats import month_name
from cmcal.model import Every, Habit
from cmcal.value import Value

if TYPE_CHECKING:
    from dateutil.rrule import rrule

__all__ = ["Window", "day_label", "local_time_issue", "parse_rrule", "slot_windows"]

RRULE_HORIZON_YEARS = 10
RRULE_COUNT_YEARS = MAX_RRULE_COUNT_YEARS
"""An RRULE whose first occurrence is further than this after the habit's start is an error (`bad-rrule`)."""

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Window(Value):
    """The days one slot of a habit may be filled on: `first` to `last`, both included, local dates."""

    first: date
    last: date
    at: time | None
    """The habit's slot time, or None for any time of the day."""
    label: str
    """How people read the window: `Tue 2026-12-01`, `week 2026-W53 (Mon 2026-12-28 to Sun 2027-01-03)`,
    `December 2026`."""
    moved_from: date | None = None
    """The slot's own date when a holiday or a blackout moved it here (`on_holiday: before|after`)."""
    reason: str | None = None
    """Why it moved: the holiday's name or the blackout's reason."""
    closed: frozenset[date] = frozenset()
    """Blacked-out days inside a week or month window: a post on one of them does not fill it."""

    @property
    def is_day(self) -> bool:
        return self.first == self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last and day not in self.closed

    def intersects(self, start: date, end: date) -> bool:
        return self.first <= end and start <= self.last


def slot_windows(habit: Habit, start: date, end: date) -> list[Window]:
    """Every slot window of `habit` that intersects `start`..`end` (both included), sorted by date.

    An RRULE that `parse_rrule` refuses yields no window (the reader reports it as `bad-rrule`).
    """
    lo = max(start, habit.start)
    hi = end if habit.end is None else min(end, habit.end)
    if lo > hi:
        return []
    if habit.rrule is not None:
        days: list[date] = _rrule_days(habit, lo, hi)
        return [_day_window(habit, d) for d in days if d not in habit.skip]
    if habit.every == Every.DAY:
        return [_day_window(habit, d) for d in _days(lo, hi) if d not in habit.skip]
    if habit.every == Every.WEEKDAY:
        return [_day_window(habit, d) for d in _days(lo, hi) if d.weekday() < 5 and d not in habit.skip]
    if habit.every == Every.WEEK:
        if habit.days:
            weekdays = {d for d in habit.days if 0 <= d <= 6}
            return [
                _day_window(habit, d)
                for d in _days(lo, hi)
                if d.weekday() in weekdays and d not in habit.skip
            ]
        return _period_windows(habit, lo, hi, _weeks(lo, hi), "week")
    if habit.every == Every.MONTH:
        if habit.days:
            return [_day_window(habit, d) for d in _month_days(habit.days, lo, hi) if d not in habit.skip]
        return _period_windows(habit, lo, hi, _months(lo, hi), "month")
    return []


def parse_rrule(body: str, start: date, at: time | None = None) -> str | None:
    """Check an RRULE body for a habit starting on `start` (at `at`): None when fine, else what is wrong.

    The message says what to change; the caller prefixes the place (`habit "x" › rrule:`). A rule that never
    occurs — COUNT or UNTIL ending before `start`, days that do not exist (BYMONTH=2;BYMONTHDAY=30), no
    occurrence in the 10 years after `start` — is an error too.
    """
    compiled = _compile(body, start, at, current().tag)
    return compiled if isinstance(compiled, str) else None


# --- windows ------------------------------------------------------------------------------------------------


def _days(lo: date, hi: date) -> list[date]:
    return [lo + timedelta(days=n) for n in range((hi - lo).days + 1)]


def _day_window(habit: Habit, day: date) -> Window:
    return Window(day, day, habit.at, day_label(day))


def _weeks(lo: date, hi: date) -> list[tuple[date, date]]:
    monday = lo - timedelta(days=lo.weekday())
    weeks = []
    while monday <= hi:
        sunday = monday + timedelta(days=6) if monday <= date.max - timedelta(days=6) else date.max
        weeks.append((monday, sunday))
        if sunday == date.max:
            break
        monday = sunday + _ONE_DAY
    return weeks


def _months(lo: date, hi: date) -> list[tuple[date, date]]:
    months = []
    year, month = lo.year, lo.month
    while (year, month) <= (hi.year, hi.month):
        months.append((date(year, month, 1), date(year, month, monthrange(year, month)[1])))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _period_windows(
    habit: Habit, lo: date, hi: date, periods: list[tuple[date, date]], kind: Literal["week", "month"]
) -> list[Window]:
    """Week or month windows, cut to the habit's start and end, without those whose days are all skipped."""
    windows = []
    for whole_first, whole_last in periods:
        first = max(whole_first, habit.start)
        last = whole_last if habit.end is None else min(whole_last, habit.end)
        if first > last or first > hi or last < lo:
            continue
        if len(habit.skip) >= (last - first).days + 1 and all(d in habit.skip for d in _days(first, last)):
            continue
        span = _("{first} to {last}").format(first=day_label(first), last=day_label(last))
        if kind == "week":
            iso_year, iso_week, _weekday = first.isocalendar()
            label = _("week {week} ({span})").format(week=f"{iso_year}-W{iso_week:02d}", span=span)
        else:
            month = f"{month_name(first.month)} {first.year}"
            label = month if (first, last) == (whole_first, whole_last) else f"{month} ({span})"
        windows.append(Window(first, last, habit.at, label))
    return windows


def _month_days(days: tuple[int, ...], lo: date, hi: date) -> list[date]:
    """The dates of `days` (1..31, or -1 the last day, -n the n-th from the end) in each month of lo..hi."""
    found: list[date] = []
    for first, last in _months(lo, hi):
        wanted = set()
        for n in days:
            if 1 <= n <= 31:
                wanted.add(min(n, last.day))
            elif -31 <= n <= -1:
                wanted.add(max(1, last.day + 1 + n))
        found.extend(d for d in (first.replace(day=n) for n in sorted(wanted)) if lo <= d <= hi)
    return found


# --- RRULE --------------------------------------------------------------------------------------------------

_RULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY_RE = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_INT_RE = re.compile(r"[+-]?\d{1,4}")
_FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_INT_LISTS = {
    # name: (largest absolute value, negatives allowed)
    "BYMONTHDAY": (31, True),
    "BYYEARDAY": (366, True),
    "BYWEEKNO": (53, True),
    "BYMONTH": (12, False),
    "BYSETPOS": (366, True),
}
_FREQ_ONLY = {
    # RFC 5545 §3.3.10: rule parts that are not allowed with some frequencies
    "BYWEEKNO": ("YEARLY",),
    "BYYEARDAY": ("YEARLY",),
    "BYMONTHDAY": ("DAILY", "MONTHLY", "YEARLY"),
}
_KNOWN_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST", *_INT_LISTS)
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY")


def _example() -> str:
    return _("such as {rule}").format(rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")


def _rrule_days(habit: Habit, lo: date, hi: date) -> list[date]:
    assert habit.rrule is not None
    compiled = _compile(habit.rrule, habit.start, habit.at, current().tag)
    if isinstance(compiled, str):
        return []
    parts = _read_parts(habit.rrule)
    assert not isinstance(parts, str)  # it compiled
    rule = _jumped(compiled, parts, habit.start, habit.at, lo)
    after = datetime.combine(lo, time.min)
    before = datetime.combine(hi, time.max)
    return sorted({occurrence.date() for occurrence in rule.between(after, before, inc=True)})


def _jumped(rule: rrule, parts: dict[str, str], start: date, at: time | None, lo: date) -> rrule:
    """The same rule started at a period shortly before `lo`, so that finding the occurrences of a window
    costs the window, not every period since the habit's start (a daily rule from 0001-01-01 would walk
    740,000 days). The new start keeps the rule's phase (whole INTERVALs of its FREQ) and one period of
    margin, and the defaults dateutil takes from the start (the day of the month, the month) are given
    explicitly. A rule with COUNT has been made a rule with UNTIL (`_counted`)."""
    freq = parts["FREQ"]
    interval = int(parts.get("INTERVAL", "1"))
    day: int | None = None  # the defaults to keep
    month: int | None = None
    if freq == "DAILY":
        periods = (lo - start).days // interval - 1
        if periods < 1:
            return rule
        first = start + timedelta(days=periods * interval)
    elif freq == "WEEKLY":
        periods = ((lo - start).days // 7) // interval - 1
        if periods < 1:
            return rule
        first = start + timedelta(weeks=periods * interval)  # the same weekday: the default BYDAY stays
    else:
        step = 1 if freq == "MONTHLY" else 12
        months = (lo.year - start.year) * 12 + lo.month - start.month
        periods = months // (interval * step) - 1
        if periods < 1:
            return rule
        index = start.year * 12 + start.month - 1 + periods * interval * step
        first = date(index // 12, index % 12 + 1, 1)
        if not any(name in parts for name in ("BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY")):
            day = start.day
            if freq == "YEARLY" and "BYMONTH" not in parts:
                month = start.month
    dtstart = datetime.combine(first, at.replace(tzinfo=None) if at is not None else time.min)
    if day is None:
        return rule.replace(dtstart=dtstart)
    if month is None:
        return rule.replace(dtstart=dtstart, bymonthday=day)
    return rule.replace(dtstart=dtstart, bymonthday=day, bymonth=month)


@functools.lru_cache(maxsize=1024)
def _compile(body: str, start: date, at: time | None, language: str) -> rrule | str:
    """The dateutil rule of a habit, or the message saying why there is none (see `parse_rrule`), in
    `language` (the language in force: part of the cache's key, so that each calendar's message is in its
    own)."""
    parts = _read_parts(body)
    if isinstance(parts, str):
        return parts
    dtstart = datetime.combine(start, at.replace(tzinfo=None) if at is not None else time.min)
    until = parts.get("UNTIL")
    if until is not None and datetime.strptime(until, "%Y%m%dT%H%M%S") < dtstart:
        return _(
            "UNTIL={until} ends before the habit's start ({start}), so it never occurs; move UNTIL or the "
            "habit's start"
        ).format(until=_until_text(until), start=_start_text(start, at, until))
    never = _never_reason(parts, start)
    if never is not None:
        return never

    from dateutil.rrule import rrule as Rule
    from dateutil.rrule import rrulestr

    normalized = ";".join(f"{name}={value}" for name, value in parts.items())
    try:
        rule = rrulestr(normalized, dtstart=dtstart)
        first = next(iter(rule), None)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        return _("does not parse ({error}); write an RFC 5545 rule {example}").format(
            error=exc, example=_example()
        )
    if not isinstance(rule, Rule):
        return _("must be a single rule {example}").format(example=_example())
    if first is None or first > _years_later(dtstart, RRULE_HORIZON_YEARS):
        return _(
            "has no occurrence in the {years} years after the habit's start ({start}); check its COUNT, "
            "INTERVAL and BY… parts"
        ).format(years=RRULE_HORIZON_YEARS, start=start.isoformat())
    if "COUNT" in parts:
        return _counted(rule, parts, dtstart)
    return rule


def _counted(rule: rrule, parts: dict[str, str], dtstart: datetime) -> rrule | str:
    """A COUNT rule as the same rule with an UNTIL at its last occurrence, so that it can jump to a window
    like any other (`_jumped`); its occurrences must end within `RRULE_COUNT_YEARS` of its start, the most
    walked to find that last one (README, "Limits")."""
    from dateutil.rrule import rrule as Rule
    from dateutil.rrule import rrulestr

    count = int(parts["COUNT"])
    seen = rule.between(dtstart, _years_later(dtstart, RRULE_COUNT_YEARS), inc=True)
    if len(seen) < count:
        return _(
            "COUNT={count} runs past the {years} years after the habit's start ({start}); end it with "
            "UNTIL, or give a smaller COUNT"
        ).format(count=count, years=RRULE_COUNT_YEARS, start=dtstart.date().isoformat())
    ends = {name: value for name, value in parts.items() if name != "COUNT"}
    last = seen[-1]
    ends["UNTIL"] = f"{last.year:04d}{last:%m%dT%H%M%S}"  # %Y writes year 1 as "1"
    until = rrulestr(";".join(f"{name}={value}" for name, value in ends.items()), dtstart=dtstart)
    assert isinstance(until, Rule)
    return until


def _start_text(start: date, at: time | None, until: str) -> str:
    """The habit's start, with its `at` when the UNTIL falls on the start's day (before `at`)."""
    if at is not None and until[:8] == f"{start:%Y%m%d}":
        return _("{day} at {time}").format(day=start.isoformat(), time=f"{at:%H:%M}")
    return start.isoformat()


def _until_text(until: str) -> str:
    """An UNTIL as the user wrote it, once normalized: a date when it ends a whole day."""
    return until[:8] if until.endswith("T235959") else until


def _years_later(moment: datetime, years: int) -> datetime:
    if moment.year + years > date.max.year:
        return datetime.max
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def _read_parts(body: str) -> dict[str, str] | str:
    """The rule's parts, upper-cased and checked against RFC 5545 and cmcal's whole-day slots."""
    text = body.strip()
    if text[:6].upper() == "RRULE:":
        text = text[6:]
    if not text:
        return _("is empty; write a rule {example}").format(example=_example())
    if "\n" in text or "\r" in text:
        return _("must be one line, a single rule {example}").format(example=_example())
    parts: dict[str, str] = {}
    for item in text.split(";"):
        if not item.strip():
            continue
        name, sep, value = (s.strip().upper() for s in item.partition("="))
        if not sep or not name or not value:
            return _('"{part}" is not NAME=VALUE; write a rule {example}').format(
                part=item.strip(), example=_example()
            )
        if name in parts:
            return _("{name} is given twice; keep one").format(name=name)
        problem = _part_problem(name, value)
        if problem is not None:
            return problem
        parts[name] = value
    freq = parts.get("FREQ")
    if freq is None:
        return _("needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY), {example}").format(example=_example())
    if "COUNT" in parts and "UNTIL" in parts:
        return _("has both COUNT and UNTIL; keep one (RFC 5545 allows only one)")
    for name, freqs in _FREQ_ONLY.items():
        if name in parts and freq not in freqs:
            allowed = "FREQ=" + "/".join(freqs)
            return _("{name} cannot be used with FREQ={freq} (RFC 5545), only with {allowed}").format(
                name=name, freq=freq, allowed=allowed
            )
    if "BYSETPOS" in parts and not any(n.startswith("BY") and n != "BYSETPOS" for n in parts):
        return _("BYSETPOS needs another BY… part to pick from (such as {rule})").format(
            rule="BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
        )
    days = parts.get("BYDAY", "").split(",") if "BYDAY" in parts else []
    if any(d[:-2] for d in days):
        if freq not in ("MONTHLY", "YEARLY"):
            return _("BYDAY={value}: a numbered day (such as 1MO) needs FREQ=MONTHLY or FREQ=YEARLY").format(
                value=parts["BYDAY"]
            )
        if freq == "MONTHLY" and any(abs(int(d[:-2])) > 5 for d in days if d[:-2]):
            return _("BYDAY={value}: a month has at most 5 of each weekday (use 1 to 5, or -1 to -5)").format(
                value=parts["BYDAY"]
            )
        if "BYWEEKNO" in parts:
            return _("BYDAY={value}: a numbered day cannot be used with BYWEEKNO (RFC 5545)").format(
                value=parts["BYDAY"]
            )
    if "UNTIL" in parts and len(parts["UNTIL"]) == 8:
        parts["UNTIL"] += "T235959"  # a date ends the rule after that whole day
    return parts


def _part_problem(name: str, value: str) -> str | None:
    """What is wrong with one NAME=VALUE part, or None."""
    if name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        return _(
            "{name} is not supported: cmcal slots are whole days; drop it and set the habit's `at`"
        ).format(name=name)
    if name == "DTSTART":
        return _("DTSTART comes from the habit's `start` and `at`; drop it from the rule")
    if name not in _KNOWN_PARTS:
        import difflib

        close = difflib.get_close_matches(name, _KNOWN_PARTS, n=1)
        if close:
            hint = _("did you mean {name}?").format(name=close[0])
        else:
            hint = _("expected one of {names}").format(names=", ".join(_KNOWN_PARTS))
        return _("unknown rule part {name}; {hint}").format(name=name, hint=hint)
    if name == "FREQ":
        if value in ("HOURLY", "MINUTELY", "SECONDLY"):
            return _(
                "FREQ={value} is finer than a day: cmcal slots are whole days; use FREQ=DAILY and `at`"
            ).format(value=value)
        if value not in _FREQS:
            return _("FREQ={value} is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY").format(
                value=value
            )
    elif name in ("INTERVAL", "COUNT"):
        if not value.isdigit() or int(value) < 1 or len(value) > 6:
            return _("{name}={value} must be a whole number from 1 to 999999").format(name=name, value=value)
    elif name == "UNTIL":
        return _until_problem(value)
    elif name == "WKST":
        if value not in _RULE_DAYS:
            return _("WKST={value} is not a day; use MO, TU, WE, TH, FR, SA or SU").format(value=value)
    elif name == "BYDAY":
        for item in value.split(","):
            match = _BYDAY_RE.fullmatch(item)
            if match is None:
                return _(
                    'BYDAY={value}: "{item}" is not a day; use MO…SU, optionally numbered (1MO, -1FR)'
                ).format(value=value, item=item)
            if match.group(1) is not None and not 1 <= abs(int(match.group(1))) <= 53:
                return _("BYDAY={value}: {item} is out of range (1 to 53, or -1 to -53)").format(
                    value=value, item=item
                )
    else:
        largest, negatives = _INT_LISTS[name]
        for item in value.split(","):
            if not _INT_RE.fullmatch(item) or int(item) == 0 or abs(int(item)) > largest:
                allowed = (_("1 to {most}, or -1 to -{most}") if negatives else _("1 to {most}")).format(
                    most=largest
                )
                return _("{name}={value}: {item} is out of range ({allowed})").format(
                    name=name, value=value, item=item, allowed=allowed
                )
            if int(item) < 0 and not negatives:
                return _("{name}={value}: {item} is out of range ({allowed})").format(
                    name=name, value=value, item=item, allowed=_("1 to {most}").format(most=largest)
                )
    return None


def _until_problem(value: str) -> str | None:
    if value.endswith("Z"):
        return _(
            "UNTIL={value} is in UTC; cmcal's dates are local to the calendar's zone: write a local date "
            "such as UNTIL={date}"
        ).format(value=value, date=value[:8])
    for pattern in ("%Y%m%d", "%Y%m%dT%H%M%S"):
        if len(value) == len(datetime(2000, 1, 1).strftime(pattern)):
            try:
                datetime.strptime(value, pattern)
            except ValueError:
                break
            return None
    return _(
        "UNTIL={value} is not a date; write YYYYMMDD (such as UNTIL=20271231) or YYYYMMDDTHHMMSS"
    ).format(value=value)


def _ints(value: str | None) -> list[int]:
    return [int(item) for item in value.split(",")] if value else []


def _never_reason(parts: dict[str, str], start: date) -> str | None:
    """Why a (well-formed) rule can never occur, found without running it; None when it may occur.

    dateutil looks for a first occurrence up to the year 9999 before it gives up, which takes seconds for a
    daily rule: the common impossible rules are caught here first.
    """
    freq = parts["FREQ"]
    weekdays = sorted(
        {_RULE_DAYS.index(d[-2:]) for d in parts["BYDAY"].split(",")} if "BYDAY" in parts else ()
    )
    positions = _ints(parts.get("BYSETPOS"))
    if positions and freq in ("DAILY", "WEEKLY"):
        # a daily period holds one day; a weekly one the BYDAY days (else the start's weekday)
        candidates = 1 if freq == "DAILY" else len(weekdays) or 1
        if min(abs(p) for p in positions) > candidates:
            if freq == "DAILY":
                message = ngettext(
                    "BYSETPOS={value} never matches: each day has {n} candidate day",
                    "BYSETPOS={value} never matches: each day has {n} candidate days",
                    candidates,
                )
            else:
                message = ngettext(
                    "BYSETPOS={value} never matches: each week has {n} candidate day",
                    "BYSETPOS={value} never matches: each week has {n} candidate days",
                    candidates,
                )
            return message.format(value=parts["BYSETPOS"], n=candidates)
    interval = int(parts.get("INTERVAL", "1"))
    if freq == "DAILY" and interval % 7 == 0 and weekdays and start.weekday() not in weekdays:
        from cmcal.i18n.formats import weekday

        return _(
            "{rule} from the habit's start ({day}) only lands on a {weekday}, never on BYDAY={byday}; change "
            "BYDAY or INTERVAL"
        ).format(
            rule=f"FREQ=DAILY;INTERVAL={interval}",
            day=day_label(start),
            weekday=weekday(start),
            byday=parts["BYDAY"],
        )
    if not _days_exist(parts, start, weekdays):
        filters = ";".join(f"{n}={v}" for n, v in parts.items() if n in _DAY_FILTERS)
        if not any(n in parts for n in _DAY_FILTERS[1:]):  # the day of the month is the habit's start's
            filters = _("{filters} on day {day} (the habit's start day)").format(
                filters=filters or f"BYMONTH={start.month}", day=start.day
            )
        return _("no date matches {filters}, so it never occurs; ask for days that exist").format(
            filters=filters
        )
    return None


def _days_exist(parts: dict[str, str], start: date, weekdays: list[int]) -> bool:
    """Whether any date at all passes the rule's day filters (BYMONTH, BYMONTHDAY, BYDAY, BYWEEKNO…).

    The filters repeat every 400 years (the Gregorian cycle), so a yearly rule with the same filters, run
    over the last 800 years dateutil knows, finds a date in milliseconds when there is one.
    """
    freq = parts["FREQ"]
    months = _ints(parts.get("BYMONTH"))
    month_days = _ints(parts.get("BYMONTHDAY"))
    year_days = _ints(parts.get("BYYEARDAY"))
    weeks = _ints(parts.get("BYWEEKNO"))
    if not (month_days or year_days or weeks or weekdays):
        # dateutil's defaults, from the start date: a weekday, which every month has; a day of the month
        if freq in ("DAILY", "WEEKLY"):
            return True
        month_days = [start.day]
        if freq == "YEARLY" and not months:
            months = [start.month]
    from dateutil.rrule import YEARLY
    from dateutil.rrule import rrule as Rule

    proxy = Rule(
        YEARLY,
        dtstart=datetime(9200, 1, 1),
        wkst=_RULE_DAYS.index(parts.get("WKST", "MO")),
        bymonth=months or None,
        bymonthday=month_days or None,
        byyearday=year_days or None,
        byweekno=weeks or None,
        byweekday=weekdays or None,
    )
    return next(iter(proxy), None) is not None
