"""Dates, times and numbers as the language in force writes them (README, "Languages").

English is written by plain Python, exactly as cmcal always wrote it; another language with the CLDR data
Babel gives its locales: « mar. 1 déc. », « 1er décembre », « 14 h 30 » in Québec and « 14:30 » in France,
« 7,94 % », « 12 800 » with a narrow no-break space between thousands in every French locale.

The few CLDR names and symbols cmcal writes (weekdays, months, the decimal, group and minus signs) are taken
from Babel when the catalogs are compiled (`python -m cmcal.i18n.catalog compile`) into
`i18n/locale/LANG/cldr.json`, one entry per locale of the language, and read from there on first need: a
French run loads a small JSON file instead of importing Babel and unpickling its locale data (~50 ms).
tests/i18n/test_catalog.py keeps the file equal to what Babel gives.

Rounding is done once, in Python, before any language writes the number: a figure is rounded to its shown
digits by `format(value, ".2f")` (the float's exact value, ties to even), and Babel only writes the digits it
is given, so a report shows the same figures in English and in French.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from functools import cache

from cmcal.i18n import current
from cmcal.value import Value

WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NARROW_NBSP = "\u202f"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Cldr(Value):
    """What cmcal writes of one CLDR locale (see the module's docstring)."""

    weekdays: tuple[str, ...]
    """Abbreviated, Monday first (« lun. »)."""
    months: tuple[str, ...]
    """Wide, as in a date (« décembre »), January first."""
    months_short: tuple[str, ...]
    """Abbreviated, as in a date (« déc. »)."""
    months_alone: tuple[str, ...]
    """Wide, standing alone (a month's title)."""
    decimal: str
    group: str
    minus: str


@cache
def _snapshot(code: str) -> dict[str, Cldr]:
    import json
    from pathlib import Path

    path = Path(__file__).parent / "locale" / code / "cldr.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: Cldr(
            tuple(e["weekdays"]),
            tuple(e["months"]),
            tuple(e["months_short"]),
            tuple(e["months_alone"]),
            e["decimal"],
            e["group"],
            e["minus"],
        )
        for name, e in data.items()
    }


def locale_data(code: str, name: str) -> Cldr:
    """The CLDR data of locale `name` (`fr_CA`) of language `code`; a region CLDR does not know has the
    language's own (`fr`), as Babel falls back."""
    known = _snapshot(code)
    return known.get(name) or known[code]


def _babel() -> Cldr | None:
    language = current()
    return None if language.is_source else locale_data(language.code, language.locale)


def weekday(day: date) -> str:
    """`Tue` / « mar. »: a weekday's short name."""
    loc = _babel()
    if loc is None:
        return WEEKDAYS_EN[day.weekday()]
    return loc.weekdays[day.weekday()]


def weekday_names() -> tuple[str, ...]:
    """The seven short weekday names, Monday first (ISO weeks, in every language)."""
    return tuple(weekday(date(2024, 1, 1 + i)) for i in range(7))  # 2024-01-01 is a Monday


def month_name(month: int) -> str:
    """`December` / « décembre »."""
    loc = _babel()
    if loc is None:
        return MONTHS_EN[month - 1]
    return loc.months_alone[month - 1]


def month_title(year: int, month: int) -> str:
    """`December 2026` / « décembre 2026 »."""
    return f"{month_name(month)} {year:04d}"


def day_label(day: date) -> str:
    """`Tue 2026-12-01` / « mar. 1 déc. 2026 »: a date as messages show it."""
    loc = _babel()
    if loc is None:
        return f"{WEEKDAYS_EN[day.weekday()]} {day.isoformat()}"
    return f"{weekday(day)} {day.day} {_month_short(loc, day.month)} {day.year:04d}"


def short_day(day: date) -> str:
    """`Tue 12-01` / « mar. 1 déc. »: a day in a table whose heading gives the year."""
    loc = _babel()
    if loc is None:
        return f"{WEEKDAYS_EN[day.weekday()]} {day.month:02d}-{day.day:02d}"
    return f"{weekday(day)} {day.day} {_month_short(loc, day.month)}"


def long_day(day: date) -> str:
    """`December 1, 2026` / « 1er décembre 2026 »."""
    loc = _babel()
    if loc is None:
        return f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year:04d}"
    return f"{_day_number(day)} {loc.months[day.month - 1]} {day.year:04d}"


def clock(at: time) -> str:
    """`14:30` / « 14 h 30 » (Québec) / « 14:30 » (France)."""
    language = current()
    if language.is_source or not language.tag.endswith("-CA"):
        return f"{at.hour:02d}:{at.minute:02d}"
    return f"{at.hour} h {at.minute:02d}"


def number(value: int | float, digits: int = 0) -> str:
    """`12,800` / « 12 800 »; `digits` decimals, rounded as the module says."""
    shown = format(value, f",.{digits}f")
    if current().is_source:
        return shown
    return _decimal(shown.replace(",", ""), digits)


def percent(share: float, digits: int = 2) -> str:
    """`7.94%` / « 7,94 % » for a share of 0.0794."""
    shown = format(share * 100, f".{digits}f")
    if current().is_source:
        return f"{shown}%"
    return f"{_decimal(shown, digits)}{_NARROW_NBSP}%"


def _decimal(shown: str, digits: int) -> str:
    """`shown` (`-1234.50`, already rounded) with the locale's signs and thousands grouped by three, as
    Babel's `#,##0.00` writes it; a no-break space between thousands becomes a narrow one."""
    loc = _babel()
    assert loc is not None
    sign, digits_text = ("-", shown[1:]) if shown.startswith("-") else ("", shown)
    whole, _, fraction = digits_text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, last = whole[:-3], whole[-3:]
        groups.insert(0, last)
    groups.insert(0, whole)
    group = loc.group.replace("\u00a0", _NARROW_NBSP)
    text = group.join(groups) + (loc.decimal + fraction if fraction else "")
    return (loc.minus if sign else "") + text


def _day_number(day: date) -> str:
    # French writes the first of the month as an ordinal, « 1er », and every other day as a number.
    return "1er" if day.day == 1 and current().code == "fr" else str(day.day)


def _month_short(loc: Cldr, month: int) -> str:
    return loc.months_short[month - 1]
