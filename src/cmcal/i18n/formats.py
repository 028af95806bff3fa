"""Dates, times and numbers as the language in force writes them (README, "Languages").

English is written by plain Python, exactly as cmcal always wrote it; another language by Babel's CLDR data
(imported on first need): « mar. 1 déc. », « 1er décembre », « 14 h 30 » in Québec and « 14:30 » in France,
« 7,94 % », « 12 800 » with a narrow no-break space between thousands in every French locale.

Rounding is done once, in Python, before any language writes the number: a figure is rounded to its shown
digits by `format(value, ".2f")` (the float's exact value, ties to even), and Babel only writes the digits it
is given, so a report shows the same figures in English and in French.
"""

from __future__ import annotations

from datetime import date, time
from functools import cache
from typing import TYPE_CHECKING

from cmcal.i18n import current

if TYPE_CHECKING:
    from babel import Locale

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


@cache
def _locale(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def _babel() -> Locale | None:
    language = current()
    return None if language.is_source else _locale(language.locale)


def weekday(day: date) -> str:
    """`Tue` / « mar. »: a weekday's short name."""
    loc = _babel()
    if loc is None:
        return WEEKDAYS_EN[day.weekday()]
    return str(loc.days["format"]["abbreviated"][day.weekday()])


def weekday_names() -> tuple[str, ...]:
    """The seven short weekday names, Monday first (ISO weeks, in every language)."""
    return tuple(weekday(date(2024, 1, 1 + i)) for i in range(7))  # 2024-01-01 is a Monday


def month_name(month: int) -> str:
    """`December` / « décembre »."""
    loc = _babel()
    if loc is None:
        return MONTHS_EN[month - 1]
    return str(loc.months["stand-alone"]["wide"][month])


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
    return f"{_day_number(day)} {loc.months['format']['wide'][day.month]!s} {day.year:04d}"


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
    from decimal import Decimal

    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(Decimal(shown), format=pattern, locale=_babel(), decimal_quantization=False)
    return text.replace("\u00a0", _NARROW_NBSP)


def _day_number(day: date) -> str:
    # French writes the first of the month as an ordinal, « 1er », and every other day as a number.
    return "1er" if day.day == 1 and current().code == "fr" else str(day.day)


def _month_short(loc: Locale, month: int) -> str:
    return str(loc.months["format"]["abbreviated"][month])
