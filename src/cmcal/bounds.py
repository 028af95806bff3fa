"""Every maximum that keeps cmcal's work bounded, whatever a command line or a calendar file asks (README,
"Limits").

A calendar is untrusted input, checked in CI on every pull request: nothing it holds, and no option, may make
cmcal run for minutes, fill the memory or print megabytes. Each bound is declared here once; the code that
enforces it imports it from here, and README's table of limits lists the same figures.

This module imports nothing heavy, so that the command line can use it without slowing `cmcal --help`.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_BYTES = 64 * 1024 * 1024
"""The largest calendar, part or metrics file read (64 MiB); a larger one is `too-large`."""
MAX_NODES = 2_000_000
"""The most YAML nodes in one file (aliases counted expanded); more is `too-large`."""

MAX_DAYS = 3653
"""The longest range of days (ten years, with three leap days at most) that any command computes slots
over: `check --horizon`, `diff --horizon`, `upcoming/gaps --days`, `report --from/--to`, and the slots and
gaps of `export`. Longer is a usage error (exit 2), not minutes of work."""

MAX_RRULE_COUNT_YEARS = 20
"""An RRULE with COUNT must end within this many years of the habit's start (else `bad-rrule`: use UNTIL), so
that finding its last occurrence walks at most 20 years; then it is run from the window asked for, like any
rule."""
MAX_TIMES = 1000
"""The largest `times` of a habit (posts one slot asks for)."""
MAX_PLATFORM_LIMIT = 10_000_000
"""The largest `max_length` and `max_hashtags` of a platform (no platform allows anywhere near as much)."""
MAX_COUNT_DIGITS = 15
"""A metric (inline or in a metrics file) has at most this many digits (999,999,999,999,999): more is
`bad-metrics`. Lengths are checked before any conversion, so no text of any size reaches `int()`."""
MAX_COUNT = 10**MAX_COUNT_DIGITS - 1

MAX_SUGGEST_CANDIDATES = 60
""""Did you mean" compares an unknown name with at most this many known names (those closest in length and
first letter), so a thousand typos in a calendar of 100,000 posts stay instant."""
MAX_UNKNOWN_COLUMNS = 20
"""A metrics file's header gets a problem for each of its first 20 unknown columns, then one for the rest."""
MAX_NAMED = 5
"""A message names at most this many ids, then says how many more there are ("a, b, c, d, e and 1,995
more")."""


def int_within(text: str, largest: int) -> int | None:
    """`text` as a whole number from 0 to `largest`, or None when it is not one (or is larger). `text` is
    checked to be ASCII digits and short enough first: a 5,000-digit number never reaches `int()`."""
    if not (text.isascii() and text.isdigit()):
        return None
    if len(text) > len(str(largest)) and len(text.lstrip("0") or "0") > len(str(largest)):
        return None
    number = int(text)
    return number if number <= largest else None


def named(ids: list[str] | tuple[str, ...], limit: int = MAX_NAMED) -> str:
    """At most `limit` ids, comma-separated, then how many more: `a, b, c and 1,997 more`."""
    if len(ids) <= limit:
        return ", ".join(ids)
    from cmcal.i18n import ngettext
    from cmcal.i18n.formats import number

    more = len(ids) - limit
    return ngettext("{names} and {n} more", "{names} and {n} more", more).format(
        names=", ".join(ids[:limit]), n=number(more)
    )


class Suggester:
    """A "did you mean" over a fixed set of known names, at a cost that does not grow with the set: an
    unknown name is compared with at most `MAX_SUGGEST_CANDIDATES` known names: its neighbours in
    alphabetical order (a typo near the end), its neighbours in the order of the names read backwards (a typo
    near the start), and names of its first letter and about its length. Built once per set of names."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = list(dict.fromkeys(known))
        self._sorted: list[str] = []
        self._backwards: list[str] = []
        self._by_start: dict[tuple[str, int], list[str]] = {}
        if len(self.known) > MAX_SUGGEST_CANDIDATES:
            self._sorted = sorted(self.known)
            self._backwards = sorted(name[::-1] for name in self.known)
            for name in self.known:
                self._by_start.setdefault((name[:1].casefold(), len(name)), []).append(name)

    def pool(self, word: str) -> list[str]:
        """The known names `word` is compared with (all of them when there are few)."""
        if len(self.known) <= MAX_SUGGEST_CANDIDATES:
            return self.known
        from bisect import bisect_left

        share = MAX_SUGGEST_CANDIDATES // 6  # on each side, in each order; the rest for the buckets
        at = bisect_left(self._sorted, word)
        out = self._sorted[max(0, at - share) : at + share]
        backwards = word[::-1]
        at = bisect_left(self._backwards, backwards)
        out.extend(name[::-1] for name in self._backwards[max(0, at - share) : at + share])
        first, size = word[:1].casefold(), len(word)
        for delta in range(_LENGTH_SPREAD + 1):
            for length in {size - delta, size + delta}:
                out.extend(
                    self._by_start.get((first, length), ())[: max(0, MAX_SUGGEST_CANDIDATES - len(out))]
                )
        return list(dict.fromkeys(out))[:MAX_SUGGEST_CANDIDATES]

    def close(self, word: str, cutoff: float = 0.6) -> str | None:
        """The known name closest to `word`, if close enough (difflib's ratio of at least `cutoff`)."""
        from difflib import get_close_matches

        found = get_close_matches(word, self.pool(word), n=1, cutoff=cutoff)
        return found[0] if found else None


_LENGTH_SPREAD = 3
"""Names more than this many characters longer or shorter than the unknown one are seldom what was meant."""
