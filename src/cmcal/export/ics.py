"""`cmcal export --format ics`: the schedule as an iCalendar file (RFC 5545) for Google Calendar and Outlook.

Decisions (README, "Exporting"):

- One VEVENT per post, named `TITLE (PLATFORM, …)`, with the text, link, owner, status and habit in its
  description, the link as URL, each media URL as ATTACH (README, "Media": a file's URL needs
  `media_base_url`), the platforms and tags as CATEGORIES, and `X-CMCAL-*` properties for scripts
  (TEXT values, RFC 5545 §3.8.8.2; `X-CMCAL-PLATFORMS` separates platform ids with spaces).
  A timed post starts at its local time (`DTSTART;TZID=zone`) and lasts `TIMED_MINUTES`; a post without a
  time is an all-day event. Events are TRANSPARENT (a post does not make the team busy). STATUS is CONFIRMED
  for scheduled and published posts, CANCELLED for cancelled ones, TENTATIVE otherwise.
- With gaps, one all-day (or timed, for a one-day window with a time) event per unfilled slot window of a
  habit, naming the platforms that still miss a post.
- VTIMEZONE: built from the zone's own transitions over the years the events cover, as one STANDARD and one
  DAYLIGHT observance with a yearly `RRULE` … `BYDAY=nSU` while the rules stay the same. That is the shape
  Outlook understands: it ignores RDATE lists (iCalcreator/iCalcreator#86) and wants BYDAY in the rule
  (skarim/vobject#151). Years where the rules change get observances of their own (RRULE with UNTIL, or a
  single onset), which stays correct for every RFC 5545 reader. Google reads the IANA name in TZID.
- Deterministic: posts in `select_posts` order, then gaps in slot order; properties in icalendar's canonical
  order; DTSTAMP fixed (`DEFAULT_STAMP`, or the caller's, e.g. SOURCE_DATE_EPOCH); UIDs from `cmcal.export`.
- The calendar frame and VTIMEZONEs are written by the `icalendar` library. Events are written here, property
  by property, in the same bytes `icalendar` writes (a test parses the export with `icalendar` and writes it
  back: the bytes are equal), because `icalendar` spends about 0.4 ms per event, most of it folding lines
  character by character: 40 s for 100,000 posts, against 3 s here. The one difference is deliberate: a
  literal `\\N` in a text is escaped as RFC 5545 says (`\\\\N`), where `icalendar` 7 turns it into a line
  break.
- A wall time that occurs twice (the repeated hour of a fall-back night) is read two ways: RFC 5545 §3.3.5
  and icalendar take the first, khal, ical.js, libical and ics-py the second (and ical.js adds a DURATION to
  the wall time). So a timed event that starts or ends in that hour has its DTSTART in UTC (the first
  occurrence, as the calendar means) and a `DURATION` instead of DTEND; an end past 9999-12-31 is a
  `DURATION` too.
- The texts cmcal writes itself (the description's `Platforms:`, `Owner:`…, a gap's summary and
  description) are in each calendar's language (README, "Languages"); the calendar's own words, ids,
  statuses and `X-CMCAL-*` values never change with it.
- Text is cleaned for the format: line breaks become `\\n`, other control characters are dropped. Every TEXT
  value is escaped (RFC 5545 §3.3.11), the calendar's name (`NAME`, `X-WR-CALNAME`) included.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from cmcal.export import (
    TIMED_MINUTES,
    Exported,
    Item,
    Selection,
    event_uid,
    gap_uid,
    local_start,
    select_events,
    select_posts,
    select_slots,
    slot_uid_key,
    usable_calendars,
)
from cmcal.export.media import post_media_urls
from cmcal.habits.slots import Slot, moved_note
from cmcal.i18n import Language, _, chosen, using
from cmcal.i18n.formats import clock
from cmcal.model import Calendar
from cmcal.model.planning import Event

if TYPE_CHECKING:
    import icalendar

__all__ = ["DEFAULT_STAMP", "export_ics", "fold", "vtimezone"]

DEFAULT_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
"""DTSTAMP of every event unless the caller gives one: a constant, so that the same calendar exports the same
bytes (RFC 5545 wants the time the object was created; a subscribed calendar does not use it)."""

_STATUS = {"scheduled": "CONFIRMED", "published": "CONFIRMED", "cancelled": "CANCELLED"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_END = "END:VCALENDAR\r\n"


def export_ics(
    calendars: Sequence[Calendar],
    selection: Selection,
    today_for: Callable[[Calendar], date],
    *,
    gaps: bool = False,
    stamp: datetime = DEFAULT_STAMP,
) -> Exported:
    """One VCALENDAR with the selected posts (and, with `gaps`, the unfilled slots) of every calendar."""
    from cmcal.version import __version__

    usable = usable_calendars(calendars)
    items = select_posts(usable, selection)
    dtstamp = f"DTSTAMP:{_stamp(stamp.astimezone(UTC))}Z"
    # Each event is encoded at once: joined as text, one emoji would make the whole file 4 bytes a character.
    events = [
        _post_event(item, dtstamp, _labels(chosen(item.calendar.language))).encode("utf-8") for item in items
    ]
    gap_count = 0
    years: dict[str, set[int]] = {c.timezone: set() for c in usable}
    for item in items:
        years[item.calendar.timezone].add(item.post.date.year)
    for calendar in usable:  # each event itself, all day, beside the posts that promote it
        with using(calendar.language):
            for event in select_events(calendar, selection):
                events.append(_event_entry(calendar, event, dtstamp).encode("utf-8"))
                years[calendar.timezone].update((event.date.year, event.last.year))
    if gaps:
        for calendar in usable:
            with using(calendar.language):  # the slots' labels too are in the calendar's language
                _, _, slots = select_slots(calendar, selection, today_for)
                for group in _gap_groups(slot for slot in slots if slot.is_gap):
                    events.append(_gap_event(calendar, group, dtstamp).encode("utf-8"))
                    gap_count += 1
                    years[calendar.timezone].update((group[0].window.first.year, group[0].window.last.year))
    for calendar in usable:  # a zone without events still gets its VTIMEZONE, over the calendar's own dates
        if not years[calendar.timezone]:
            years[calendar.timezone].update(p.date.year for p in calendar.posts)
    data = b"".join((_frame(usable, years, __version__).encode("utf-8"), *events, _END.encode("ascii")))
    return Exported(data, posts=len(items), gaps=gap_count)


# --- the calendar -------------------------------------------------------------------------------------------


def _frame(calendars: Sequence[Calendar], years: dict[str, set[int]], version: str) -> str:
    """BEGIN:VCALENDAR, its properties and its VTIMEZONEs, written by `icalendar`; without END:VCALENDAR."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", f"-//cmcal//cmcal {version}//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # A TEXT value, escaped: unescaped, vobject (Radicale) cuts "Smith, Jones & Co" to "Smith".
    name = icalendar.vText(_clean(" + ".join(dict.fromkeys(c.name for c in calendars)) or "cmcal"))
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    zones = sorted(years)
    if len(zones) == 1:
        cal.add("x-wr-timezone", zones[0])
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for key in zones:
        if key != "UTC" and years[key]:
            cal.add_component(vtimezone(key, sorted(years[key])))
    text: str = cal.to_ical().decode("utf-8")
    return text.removesuffix(_END)


# --- events -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Labels:
    """The words of a post's description in one language, looked up once per language, not per post."""

    platforms: str
    type: str
    habit: str
    habit_titled: str
    owner: str
    status: str
    tags: str
    link: str
    calendar: str


@lru_cache(maxsize=8)
def _labels(language: Language) -> _Labels:
    with using(language):
        return _Labels(
            platforms=_("Platforms: {platforms}"),
            type=_("Type: {type}"),
            habit=_("Habit: {habit}"),
            habit_titled=_("Habit: {title} ({habit})"),
            owner=_("Owner: {owner}"),
            status=_("Status: {status}"),
            tags=_("Tags: {tags}"),
            link=_("Link: {link}"),
            calendar=_("Calendar: {calendar}"),
        )


def _post_event(item: Item, dtstamp: str, labels: _Labels) -> str:
    post, calendar = item.post, item.calendar
    lines = ["BEGIN:VEVENT", _prop("SUMMARY", f"{post.title} ({', '.join(item.platforms)})")]
    lines.extend(_when(calendar, post.date, post.date, item.start))
    lines.append(dtstamp)
    lines.append(f"UID:{item.uid}")
    for url in _attachments(item):  # where icalendar writes ATTACH back: the file round-trips byte for byte
        lines.append(fold("ATTACH:" + url))
    lines.append(_categories((*item.platforms, *post.tags)))
    lines.append(_prop("DESCRIPTION", _description(item, labels)))
    lines.append(f"STATUS:{_STATUS.get(post.status, 'TENTATIVE')}")
    lines.append("TRANSP:TRANSPARENT")
    if post.link:
        lines.append(fold("URL:" + _CONTROL.sub("", post.link.replace("\n", "").replace("\r", ""))))
    lines.append(_same("X-CMCAL-CALENDAR", calendar.name))
    if post.habit:
        lines.append(_same("X-CMCAL-HABIT", post.habit))
    if post.id:
        lines.append(_prop("X-CMCAL-ID", post.id))
    lines.append("X-CMCAL-KIND:post")
    if post.owner:
        lines.append(_same("X-CMCAL-OWNER", post.owner))
    lines.append(_same("X-CMCAL-PLATFORMS", " ".join(item.platforms)))
    lines.append(_same("X-CMCAL-STATUS", post.status))
    if post.type:
        lines.append(_same("X-CMCAL-TYPE", post.type))
    lines.append("END:VEVENT\r\n")
    return "\r\n".join(lines)


def _attachments(item: Item) -> list[str]:
    """The URLs of the post's media on the exported platforms, each once, in order (RFC 5545 §3.8.1.1 ATTACH,
    a URI): a file without `media_base_url` has none."""
    if not item.post.media and not item.post.platform_media:
        return []
    seen: list[str] = []
    for platform in item.platforms:
        for url in post_media_urls(item.calendar, item.post, platform)[0]:
            clean = _CONTROL.sub("", url.replace("\n", "").replace("\r", ""))
            if clean not in seen:
                seen.append(clean)
    return seen


@lru_cache(maxsize=4096)
def _categories(values: tuple[str, ...]) -> str:
    return fold("CATEGORIES:" + ",".join(_text(c) for c in dict.fromkeys(values)))


def _description(item: Item, labels: _Labels) -> str:
    post, calendar = item.post, item.calendar
    parts = []
    text = _clean(post.text or "").rstrip()
    if text:
        parts.append(text)
    for platform in item.platforms:
        own = post.texts.get(platform)
        if own is not None and own != post.text:
            parts.append(f"— {platform} —\n{_clean(own).rstrip()}")
    facts = [labels.platforms.format(platforms=", ".join(item.platforms))]
    if post.type:
        facts.append(labels.type.format(type=post.type))
    if post.habit:
        habit = calendar.habits.get(post.habit)
        facts.append(
            labels.habit_titled.format(title=habit.title, habit=post.habit)
            if habit
            else labels.habit.format(habit=post.habit)
        )
    facts.append(labels.owner.format(owner=post.owner or "-"))
    facts.append(labels.status.format(status=post.status))
    if post.tags:
        facts.append(labels.tags.format(tags=", ".join(post.tags)))
    if post.link:
        facts.append(labels.link.format(link=post.link))
    facts.append(labels.calendar.format(calendar=calendar.name))
    parts.append("\n".join(facts))
    return "\n\n".join(parts)


def _gap_groups(slots: Iterable[Slot]) -> list[list[Slot]]:
    """Gap slots grouped by (habit, window): one event names every platform still missing a post."""
    groups: dict[tuple[str | None, str | None, date, date], list[Slot]] = {}
    for slot in slots:
        key = (slot.habit, slot.event, slot.window.first, slot.window.last)
        groups.setdefault(key, []).append(slot)
    return sorted(groups.values(), key=lambda g: g[0].sort_key())


def _gap_event(calendar: Calendar, group: list[Slot], dtstamp: str) -> str:
    first = group[0]
    window = first.window
    title = first.title(calendar)
    platforms = [slot.platform for slot in group]
    start = local_start(calendar.zone, window.first, window.at) if window.is_day and window.at else None
    at = _(" at {time}").format(time=clock(window.at)) if window.at else ""
    if first.habit is not None:
        need = _('Habit "{habit}" ({title}) still needs posts for {window}{at}{moved}:')
    else:
        need = _('Event "{event}" ({title}) still needs posts for {window}{at}{moved}:')
    lines_of_text = [
        need.format(
            habit=first.habit,
            event=first.event,
            title=title,
            window=window.label,
            at=at,
            moved=moved_note(window),
        )
    ]
    planned = _("{platform}: {filled} of {times} planned")
    lines_of_text.extend(
        planned.format(platform=slot.platform, filled=len(slot.filled_by), times=slot.times) for slot in group
    )
    if first.required:
        lines_of_text.append(_("The slot is required: cmcal check reports this gap as an error."))
    lines_of_text.append(_("Calendar: {calendar}").format(calendar=calendar.name))
    summary = _("Gap: {title} ({platforms})").format(title=title, platforms=", ".join(platforms))
    lines = ["BEGIN:VEVENT", _prop("SUMMARY", summary)]
    lines.extend(_when(calendar, window.first, window.last, start))
    lines.append(dtstamp)
    lines.append(f"UID:{gap_uid(calendar, slot_uid_key(first), window.first)}")
    lines.append(_categories(("gap", *platforms)))
    lines.append(_prop("DESCRIPTION", "\n".join(lines_of_text)))
    lines.append("STATUS:TENTATIVE")
    lines.append("TRANSP:TRANSPARENT")
    lines.append(_same("X-CMCAL-CALENDAR", calendar.name))
    if first.habit is not None:
        lines.append(_same("X-CMCAL-HABIT", first.habit))
    if first.event is not None:
        lines.append(_same("X-CMCAL-EVENT", first.event))
    lines.append("X-CMCAL-KIND:gap")
    owner = first.owner(calendar)
    if owner:
        lines.append(_same("X-CMCAL-OWNER", owner))
    lines.append(_same("X-CMCAL-PLATFORMS", " ".join(platforms)))
    lines.append("END:VEVENT\r\n")
    return "\r\n".join(lines)


def _event_entry(calendar: Calendar, event: Event, dtstamp: str) -> str:
    """An event of `events:` as an all-day VEVENT over its days."""
    facts = [_("Event: {title} ({event})").format(title=event.title, event=event.id)]
    if event.location:
        facts.append(_("Location: {location}").format(location=event.location))
    if event.owner:
        facts.append(_("Owner: {owner}").format(owner=event.owner))
    facts.append(_("Promised posts: {n}").format(n=len(event.posts)))
    facts.append(_("Calendar: {calendar}").format(calendar=calendar.name))
    lines = ["BEGIN:VEVENT", _prop("SUMMARY", event.title)]
    lines.extend(_when(calendar, event.date, event.last, None))
    lines.append(dtstamp)
    lines.append(f"UID:{event_uid(calendar, event.id)}")
    lines.append(_categories(("event",)))
    lines.append(_prop("DESCRIPTION", "\n".join(facts)))
    if event.location:  # after DESCRIPTION: the order icalendar writes back, so a round trip is byte-equal
        lines.append(_prop("LOCATION", event.location))
    lines.append("TRANSP:TRANSPARENT")
    lines.append(_same("X-CMCAL-CALENDAR", calendar.name))
    lines.append(_same("X-CMCAL-EVENT", event.id))
    lines.append("X-CMCAL-KIND:event")
    if event.owner:
        lines.append(_same("X-CMCAL-OWNER", event.owner))
    lines.append("END:VEVENT\r\n")
    return "\r\n".join(lines)


def _when(calendar: Calendar, first: date, last: date, start: datetime | None) -> list[str]:
    """DTSTART and DTEND (or DURATION): a timed event of `TIMED_MINUTES`, or all-day events from `first` to
    `last`. See the module's decisions for the times a reader could take two ways."""
    if start is None:
        after = last + timedelta(days=1) if last < date.max else last
        return [f"DTSTART;VALUE=DATE:{_day(first)}", f"DTEND;VALUE=DATE:{_day(after)}"]
    try:
        end_at: datetime | None = (start.astimezone(UTC) + _LENGTH).astimezone(start.tzinfo)
    except OverflowError:  # the end would be after 9999-12-31: only a duration can say it
        end_at = None
    if calendar.timezone == "UTC":
        begin = f"DTSTART:{_stamp(start)}Z"
        return [begin, f"DTEND:{_stamp(end_at)}Z" if end_at is not None else _DURATION]
    if _twice(start) or (end_at is not None and _twice(end_at)):
        # A wall time that occurs twice (the clocks fell back): RFC 5545 says a local time names the first,
        # but khal, ical.js, libical and ics-py take the second, and ical.js adds a duration to the wall
        # time. A start in UTC and a duration name the same instants in every reader.
        return [f"DTSTART:{_stamp(start.astimezone(UTC))}Z", _DURATION]
    tzid = calendar.timezone
    begin = f"DTSTART;TZID={tzid}:{_stamp(start)}"
    if end_at is None:
        return [begin, _DURATION]
    return [begin, f"DTEND;TZID={tzid}:{_stamp(end_at)}"]


_LENGTH = timedelta(minutes=TIMED_MINUTES)
_DURATION = f"DURATION:PT{TIMED_MINUTES}M"


def _day(day: date) -> str:
    """A DATE value (RFC 5545 §3.3.4), always with four digits of year: strftime drops the zeros of 0001."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _stamp(moment: datetime) -> str:
    """A DATE-TIME value as written (§3.3.5), without its `Z`: `YYYYMMDDTHHMMSS`."""
    return f"{_day(moment)}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"


def _twice(moment: datetime) -> bool:
    """Whether the wall time of `moment` occurs twice in its zone (clocks falling back)."""
    return moment.replace(fold=1 - moment.fold).utcoffset() != moment.utcoffset()


def _prop(name: str, value: str) -> str:
    return fold(f"{name}:{_text(value)}")


@lru_cache(maxsize=4096)
def _same(name: str, value: str) -> str:
    """`_prop` for values that repeat from event to event (calendar, owner, status…)."""
    return _prop(name, value)


def _clean(value: str) -> str:
    """Line breaks as `\\n`, without the control characters that TEXT cannot carry."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): line breaks as `\\n`; backslash, semicolon and comma escaped."""
    value = _clean(value)
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line (RFC 5545 §3.1) exactly as `icalendar` does: at most 74 octets before each break,
    never inside a UTF-8 sequence, and never right after a `\\` or `^` (an escape stays on one line)."""
    if len(line) <= 74 and line.isascii():
        return line
    data = line.encode("utf-8")
    if len(data) <= 74:
        return line
    pieces = []
    i, n = 0, len(data)
    while n - i > 74:
        j = i + 74
        while data[j] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            j -= 1
        if j - i > 1 and data[j - 1] in b"\\^":
            j -= 1
        pieces.append(data[i:j].decode("utf-8"))
        i = j
    pieces.append(data[i:].decode("utf-8"))
    return "\r\n ".join(pieces)


# --- VTIMEZONE ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _State:
    offset: timedelta
    dst: bool
    name: str


@dataclass(frozen=True, slots=True)
class _Change:
    """A change of offset, daylight-saving flag or abbreviation, at a UTC instant."""

    at: datetime
    before: _State
    after: _State

    @property
    def wall(self) -> datetime:
        """The onset in the local time being left, as an observance's DTSTART is written."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    @property
    def rule(self) -> tuple[object, ...]:
        """What a yearly rule must repeat: kind, offsets, name, month, nth weekday and wall time."""
        wall = self.wall
        return (self.after, self.before.offset, wall.month, _byday(self), wall.time())


def vtimezone(key: str, years: Sequence[int]) -> icalendar.Timezone:
    """An `icalendar.Timezone` for the IANA zone `key`, exact for every instant of the given years."""
    import icalendar

    zone = ZoneInfo(key)
    tz = icalendar.Timezone()
    tz.add("tzid", key)
    tz.add("x-lic-location", key)
    spans = _spans(years)
    changes: list[_Change] = []
    for lo, hi in spans:
        begin = datetime(lo, 1, 1, tzinfo=UTC)
        found = _changes(zone, begin, datetime(hi + 1, 1, 1, tzinfo=UTC))
        if not found or found[0].at >= datetime(lo + 1, 1, 1, tzinfo=UTC):
            # No onset in the year before the first event: say what holds from the start of the scan.
            state = _state(zone, begin)
            tz.add_component(
                _observance(state, state.offset, (begin + state.offset).replace(tzinfo=None), None)
            )
        changes.extend(found)
    last_year = spans[-1][1]
    for run in _runs(changes):
        head, tail = run[0], run[-1]
        rule = None
        if len(run) > 1:
            rule = {"FREQ": "YEARLY", "BYMONTH": head.wall.month, "BYDAY": _byday(head)}
            if tail.wall.year < last_year:  # the rule is not seen to hold up to the end of the scan
                rule["UNTIL"] = tail.at
        tz.add_component(_observance(head.after, head.before.offset, head.wall, rule))
    return tz


def _observance(
    state: _State, offset_from: timedelta, start: datetime, rule: dict[str, object] | None
) -> icalendar.TimezoneStandard | icalendar.TimezoneDaylight:
    import icalendar

    part: icalendar.TimezoneStandard | icalendar.TimezoneDaylight
    part = icalendar.TimezoneDaylight() if state.dst else icalendar.TimezoneStandard()
    part.add("dtstart", start)
    if rule is not None:
        part.add("rrule", rule)
    part.add("tzname", state.name)
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", state.offset)
    return part


def _byday(change: _Change) -> str:
    wall = change.wall
    nth = -1 if wall.day + 7 > monthrange(wall.year, wall.month)[1] else (wall.day - 1) // 7 + 1
    return f"{nth}{_WEEKDAYS[wall.weekday()]}"


def _runs(changes: list[_Change]) -> list[list[_Change]]:
    """Changes of the same kind that repeat one yearly rule in consecutive years, in order of their first."""
    runs: list[list[_Change]] = []
    open_runs: dict[bool, list[_Change]] = {}
    for change in changes:
        run = open_runs.get(change.after.dst)
        if run is not None and run[-1].rule == change.rule and change.wall.year == run[-1].wall.year + 1:
            run.append(change)
            continue
        run = [change]
        open_runs[change.after.dst] = run
        runs.append(run)
    return runs


_MERGE_YEARS = 50


def _spans(years: Iterable[int]) -> list[tuple[int, int]]:
    """The years to scan: each year of an event, the one before (its first onsets) and the one after. Spans
    less than `_MERGE_YEARS` apart are scanned as one, so that their rules can be one RRULE."""
    spans: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        lo, hi = max(year - 1, 2), min(year + 1, 9998)
        if spans and lo <= spans[-1][1] + _MERGE_YEARS:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
        elif lo <= hi:
            spans.append((lo, hi))
    return spans


_STEP = timedelta(hours=12)


def _state(zone: ZoneInfo, instant: datetime) -> _State:
    local = instant.astimezone(zone)
    return _State(local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or "")


def _changes(zone: ZoneInfo, lo: datetime, hi: datetime) -> list[_Change]:
    """Every change of state between two UTC instants, found every 12 hours and bisected to the second."""
    out = []
    at, state = lo, _state(zone, lo)
    while at < hi:
        step = min(at + _STEP, hi)
        after = _state(zone, step)
        if after == state:
            at = step
            continue
        a, b = at, step
        while b - a > timedelta(seconds=1):
            middle = a + timedelta(seconds=int((b - a).total_seconds()) // 2)
            if _state(zone, middle) == state:
                a = middle
            else:
                b = middle
        new = _state(zone, b)
        out.append(_Change(b, state, new))
        at, state = b, new
    return out
