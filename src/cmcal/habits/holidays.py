"""Public holidays of a calendar's `holidays:` sets, from the `holidays` package (README, "Holidays").

The package is imported only here and only when a calendar names a set (it costs ~90 ms). A set is an
ISO 3166 country code (`FR`) or a country and one of its subdivisions (`CA-QC`), as the package knows them.

Decisions:

- Names come in the calendar's language when it speaks one other than English and the set has it
  (`language: fr-CA` and CA-QC give « Fête nationale du Québec »): the set's `fr_CA` if it has one, else its
  `fr`, else another `fr_…`. Otherwise (no `language:`, English, or a set without that language) they come
  in the language the package gives each set by default (`en_CA` for CA, `fr` for FR). Either way the
  language is asked for explicitly: left alone, the package follows the machine's locale, and CI and a
  laptop would disagree.
- Two sets with a holiday on the same day give one day, named `A / B` (each name once).
- Only years 1900 to 2200 have holidays: a date outside them (a typo like 9026) simply has none.
- A set the package cannot compute (a bug or a missing year in it) counts as having no holidays that
  year rather than stopping the check.
"""

from __future__ import annotations

import functools
from datetime import date
from difflib import get_close_matches

from cmcal.i18n import _
from cmcal.imports import import_without_metadata

__all__ = ["holiday_names", "holidays_between", "set_problem"]

_FIRST_YEAR, _LAST_YEAR = 1900, 2200


@functools.cache
def _supported() -> dict[str, tuple[str, ...]]:
    import_without_metadata("holidays")  # it reads its own version with it (cmcal.imports)
    import holidays

    return {country: tuple(subdivs) for country, subdivs in holidays.list_supported_countries().items()}


@functools.cache
def _known_codes() -> tuple[str, ...]:
    codes: list[str] = []
    for country, subdivs in sorted(_supported().items()):
        codes.append(country)
        codes.extend(f"{country}-{sub}" for sub in subdivs)
    return tuple(codes)


def _split(code: str) -> tuple[str, str | None]:
    country, __, subdiv = code.partition("-")
    return country, subdiv or None


def set_problem(code: str) -> str | None:
    """None when `holidays` knows the set `code`, else a message that suggests the closest known one."""
    country, subdiv = _split(code)
    subdivs = _supported().get(country)
    if subdivs is not None and (subdiv is None or subdiv in subdivs):
        return None
    if subdivs is not None:
        known = ", ".join(f"{country}-{s}" for s in subdivs[:20]) + ("…" if len(subdivs) > 20 else "")
        close = get_close_matches(code.upper(), [f"{country}-{s}" for s in subdivs], n=1)
        hint = _('did you mean "{name}"? ').format(name=close[0]) if close else ""
        return _('holiday set "{code}" is not known: {hint}{country} has the subdivisions {known}').format(
            code=code, hint=hint, country=country, known=known
        )
    close = get_close_matches(code.upper(), _known_codes(), n=1, cutoff=0.5)
    hint = _('did you mean "{name}"? ').format(name=close[0]) if close else ""
    return _(
        'holiday set "{code}" is not known; {hint}write an ISO 3166 country code (FR) or a country and '
        "subdivision (CA-QC)"
    ).format(code=code, hint=hint)


def _pick(default: str | None, supported: tuple[str, ...], tag: str | None) -> str | None:
    """The package's language for a calendar speaking `tag` (`fr-CA`; None: the set's default)."""
    if tag is None or tag.split("-")[0] == "en":
        return default
    code, __, region = tag.partition("-")
    wanted = [f"{code}_{region}", code] if region else [code]
    for name in wanted:
        if name in supported:
            return name
    return next((name for name in sorted(supported) if name.startswith(f"{code}_")), default)


@functools.cache
def _year(code: str, year: int, tag: str | None) -> dict[date, str]:
    import_without_metadata("holidays")  # it reads its own version with it (cmcal.imports)
    import holidays

    country, subdiv = _split(code)
    try:
        plain = holidays.country_holidays(country, subdiv=subdiv)
        language = _pick(plain.default_language, tuple(plain.supported_languages), tag)
        found = holidays.country_holidays(country, subdiv=subdiv, years=year, language=language)
        return {day: str(name) for day, name in found.items()}
    except Exception:  # a set the package fails on has no holidays that year (see above)
        return {}


@functools.cache
def holiday_names(sets: tuple[str, ...], year: int, tag: str | None = None) -> dict[date, str]:
    """The holidays of `year` in any of `sets`, by date, named for a calendar speaking `tag` (see above)."""
    if not sets or not _FIRST_YEAR <= year <= _LAST_YEAR:
        return {}
    names: dict[date, list[str]] = {}
    for code in sets:
        for day, name in _year(code, year, tag).items():
            for part in name.split("; "):  # the package joins two holidays of one day with "; "
                listed = names.setdefault(day, [])
                if part not in listed:
                    listed.append(part)
    return {day: " / ".join(parts) for day, parts in sorted(names.items())}


def holidays_between(
    sets: tuple[str, ...], first: date, last: date, tag: str | None = None
) -> list[tuple[date, str]]:
    """The holidays from `first` to `last` (both included), in date order, named as `holiday_names` says."""
    if not sets or first > last:
        return []
    out: list[tuple[date, str]] = []
    for year in range(max(first.year, _FIRST_YEAR), min(last.year, _LAST_YEAR) + 1):
        names = holiday_names(sets, year, tag)
        out.extend((day, name) for day, name in names.items() if first <= day <= last)
    return out
