"""The `--platform`, `--owner`, `--habit`, `--event`, `--campaign`, `--calendar` and `--status` filters of
views, exports and reports.

`--event E` keeps the posts that name E and the slots of E's promised posts. `--campaign C` keeps the posts
of C; a slot belongs to no campaign, so it keeps no slot (README, "Planning").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cmcal.habits.slots import Slot
from cmcal.model import Calendar, Post


@dataclass(frozen=True)
class Filters:
    """Which posts and slots are kept. An empty set lets everything through; the sets combine with AND."""

    platforms: frozenset[str] = frozenset()
    owners: frozenset[str] = frozenset()
    habits: frozenset[str] = frozenset()
    calendars: frozenset[str] = frozenset()
    """Calendar display names, case-folded."""
    statuses: frozenset[str] = frozenset()
    """Post statuses kept; slots have no status and ignore it."""
    events: frozenset[str] = frozenset()
    """Event ids: the posts naming one, and its promised posts' slots."""
    campaigns: frozenset[str] = frozenset()
    """Campaign ids: the posts naming one (and no slot)."""

    def keeps_event(self, event: str) -> bool:
        """Whether an event's own day shows: no event filter, or it names the event; no campaign filter."""
        return not self.campaigns and not self.habits and (not self.events or event in self.events)

    def keeps_calendar(self, calendar: Calendar) -> bool:
        return not self.calendars or calendar.name.casefold() in self.calendars

    def keeps_post(self, post: Post) -> bool:
        """Owner, habit and status; platforms are filtered one by one (`keeps_platform`, `platforms_of`)."""
        if self.owners and post.owner not in self.owners:
            return False
        if self.habits and post.habit not in self.habits:
            return False
        if self.events and post.event not in self.events:
            return False
        if self.campaigns and post.campaign not in self.campaigns:
            return False
        return not (self.statuses and post.status not in self.statuses)

    def keeps_platform(self, platform: str) -> bool:
        return not self.platforms or platform in self.platforms

    def platforms_of(self, platforms: Iterable[str]) -> tuple[str, ...]:
        """The platforms kept, in the post's order, each once."""
        return tuple(p for p in dict.fromkeys(platforms) if self.keeps_platform(p))

    def keeps_slot(self, calendar: Calendar, slot: Slot) -> bool:
        """A slot passes on its platform, its habit, and its habit's (or event's) owner."""
        if not self.keeps_platform(slot.platform):
            return False
        if self.habits and slot.habit not in self.habits:
            return False
        if self.events and slot.event not in self.events:
            return False
        if self.campaigns:
            return False
        return not (self.owners and slot.owner(calendar) not in self.owners)


NO_FILTERS = Filters()


def known_values(calendars: Sequence[Calendar]) -> dict[str, dict[str, str]]:
    """What each filter can name in these calendars, as {compared: shown}: a value outside is a typo."""
    owners = {o for c in calendars for o in c.team or ()}
    owners.update(p.owner for c in calendars for p in c.posts if p.owner)
    owners.update(h.owner for c in calendars for h in c.habits.values() if h.owner)
    owners.update(e.owner for c in calendars for e in c.events.values() if e.owner)
    return {
        "platforms": {p: p for c in calendars for p in c.platforms},
        "owners": {o: o for o in owners},
        "habits": {h: h for c in calendars for h in c.habits},
        "events": {e: e for c in calendars for e in c.events},
        "campaigns": {k: k for c in calendars for k in c.campaigns},
        "calendars": {c.name.casefold(): c.name for c in calendars},
    }


@dataclass(frozen=True, slots=True)
class UnknownFilter:
    """A filter value no calendar read names: the option, and a message with the closest known value."""

    option: str
    message: str


def filters_for(
    calendars: Sequence[Calendar],
    *,
    platforms: Sequence[str] | None = None,
    owners: Sequence[str] | None = None,
    habits: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    events: Sequence[str] | None = None,
    campaigns: Sequence[str] | None = None,
) -> Filters | UnknownFilter:
    """The filters, each value checked against what the calendars name (`known_values`): a typo is an
    `UnknownFilter` that suggests the closest value, not an empty view."""
    from cmcal.i18n import _

    known = known_values(calendars)
    wanted = {
        "platforms": (platforms, "--platform", _("{value!r} is not a platform of any calendar read; {hint}")),
        "owners": (owners, "--owner", _("{value!r} is not an owner in any calendar read; {hint}")),
        "habits": (habits, "--habit", _("{value!r} is not a habit of any calendar read; {hint}")),
        "events": (events, "--event", _("{value!r} is not an event of any calendar read; {hint}")),
        "campaigns": (campaigns, "--campaign", _("{value!r} is not a campaign of any calendar read; {hint}")),
        "calendars": (
            [n.casefold() for n in names or ()],
            "--calendar",
            _("{value!r} is not the name of any calendar read; {hint}"),
        ),
    }
    for key, (values, option, what) in wanted.items():
        message = _unknown(values, known[key], what)
        if message is not None:
            return UnknownFilter(option, message)
    return Filters(
        platforms=frozenset(platforms or ()),
        owners=frozenset(owners or ()),
        habits=frozenset(habits or ()),
        calendars=frozenset(n.casefold() for n in names or ()),
        statuses=frozenset(statuses or ()),
        events=frozenset(events or ()),
        campaigns=frozenset(campaigns or ()),
    )


def _unknown(values: Sequence[str] | None, known: dict[str, str], what: str) -> str | None:
    """The message for the first value that is not a key of `known` (which maps what is compared to what is
    shown), else None; `what` is the message, with `{value}` and `{hint}` to fill."""
    from cmcal.bounds import Suggester, named
    from cmcal.i18n import _

    for value in values or ():
        if value in known:
            continue
        starting = [k for k in sorted(known) if k.startswith(value)]
        close = starting[0] if len(starting) == 1 else Suggester(sorted(known)).close(value)
        shown = sorted(known.values())
        if close:
            hint = _("did you mean {name!r}?").format(name=known[close])
        else:
            hint = _("known: {names}").format(names=named(shown) or _("none"))
        return what.format(value=value, hint=hint)
    return None
