"""Dates, times and numbers as each language writes them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cmcal.i18n import ENGLISH, parse, using
from cmcal.i18n import formats as f

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("tag", "short", "label", "long", "clock", "share", "count"),
    [
        ("en", "Tue 12-01", "Tue 2026-12-01", "December 1, 2026", "14:30", "7.94%", "12,800"),
        (
            "fr-CA",
            "mar. 1 déc.",
            "mar. 1 déc. 2026",
            "1er décembre 2026",
            "14 h 30",
            "7,94\u202f%",
            "12\u202f800",
        ),
        (
            "fr-FR",
            "mar. 1 déc.",
            "mar. 1 déc. 2026",
            "1er décembre 2026",
            "14:30",
            "7,94\u202f%",
            "12\u202f800",
        ),
    ],
)
def test_each_language_writes_its_own_way(
    tag: str, short: str, label: str, long: str, clock: str, share: str, count: str
) -> None:
    with using(tag):
        day = date(2026, 12, 1)
        assert (f.short_day(day), f.day_label(day), f.long_day(day)) == (short, label, long)
        assert f.clock(time(14, 30)) == clock
        assert (f.percent(0.0794), f.number(12800)) == (share, count)


def test_rounding_is_the_same_in_both_languages() -> None:
    # 0.125 is exact in binary: ties go to even in both languages; 2.675 is just below, so both show 2.67.
    for value, en, fr in [(0.00125, "0.12%", "0,12\u202f%"), (0.02675, "2.67%", "2,67\u202f%")]:
        assert f.percent(value) == en
        with using("fr"):
            assert f.percent(value) == fr


def test_weeks_start_on_monday_in_every_language() -> None:
    with using("fr-CA"):
        assert f.weekday_names()[0] == "lun."
    assert f.weekday_names()[0] == "Mon"


@pytest.mark.parametrize(
    ("text", "tag"), [("fr-CA", "fr-CA"), ("fr_ca", "fr-CA"), ("FR", "fr"), ("en-CA", "en-CA"), ("de", None)]
)
def test_tags(text: str, tag: str | None) -> None:
    language = parse(text)
    assert (language.tag if language else None) == tag


def test_a_bare_language_has_a_babel_locale() -> None:
    assert (parse("fr").locale, parse("fr-CA").locale, ENGLISH.locale) == ("fr_FR", "fr_CA", "en_US")  # type: ignore[union-attr]


def test_an_english_run_loads_no_catalog_and_imports_no_babel() -> None:
    # Click imports the `gettext` module for its own messages whatever cmcal does; what cmcal must not do for
    # English is open a catalog (`_catalog`) or import Babel.
    code = (
        "import sys\n"
        "from cmcal.__main__ import main\n"
        "from cmcal import i18n\n"
        "for args in (['check', 'calendars/nordlys', '--today', '2026-12-01'],\n"
        "             ['upcoming', 'calendars/nordlys', '--today', '2026-12-01']):\n"
        "    main(args)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'babel']\n"
        "loaded += ['a catalog'] * i18n._catalog.cache_info().currsize\n"
        "sys.exit(f'imported: {loaded}' if loaded else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_french_run_imports_no_babel_either() -> None:
    # Its dates and numbers come from the CLDR snapshot compiled from Babel (`i18n/locale/fr/cldr.json`).
    code = (
        "import sys\n"
        "from cmcal.__main__ import main\n"
        "for args in (['check', 'calendars/cuisine-express', '--today', '2026-12-01'],\n"
        "             ['report', 'calendars/cuisine-express', '--today', '2026-12-01']):\n"
        "    main(args)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'babel']\n"
        "sys.exit(f'imported: {loaded}' if loaded else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1 calendrier dans 3 fichiers" in done.stderr


LOCALES = sorted(f._snapshot("fr"))


@pytest.mark.parametrize("name", LOCALES)
def test_names_are_babels(name: str) -> None:
    from babel import Locale

    loc = Locale.parse(name)
    tag = name.replace("_", "-")
    with using(tag):
        for offset in range(7):
            day = date(2026, 11, 30) + timedelta(days=offset)  # a Monday, then the rest of its week
            assert f.weekday(day) == loc.days["format"]["abbreviated"][day.weekday()]
        for month in range(1, 13):
            day = date(2026, month, 15)
            assert f.month_name(month) == loc.months["stand-alone"]["wide"][month]
            assert f.long_day(day) == f"15 {loc.months['format']['wide'][month]} 2026"
            assert f.short_day(day).endswith(f" 15 {loc.months['format']['abbreviated'][month]}")


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(LOCALES),
    value=st.one_of(st.integers(-(10**12), 10**12), st.floats(-1e9, 1e9, allow_nan=False)),
    digits=st.integers(0, 3),
)
def test_numbers_are_written_as_babel_writes_them(name: str, value: float, digits: int) -> None:
    from decimal import Decimal

    from babel.numbers import format_decimal

    # Babel 2.19 writes fr_CH's millions with no group at all ("1000000", but "12'800"); cmcal groups them.
    assume(not (name == "fr_CH" and abs(value) >= 999_999.5))
    with using(name.replace("_", "-")):
        shown = format(value, f".{digits}f")
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        babel = format_decimal(Decimal(shown), format=pattern, locale=name, decimal_quantization=False)
        assert f.number(value, digits) == babel.replace("\u00a0", "\u202f")


def test_a_region_cldr_has_no_french_for_is_written_as_french() -> None:
    with using("fr-US"):
        assert (f.day_label(date(2026, 12, 1)), f.number(12800)) == ("mar. 1 déc. 2026", "12\u202f800")
