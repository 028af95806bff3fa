"""Keeping the catalogs in step with the code, for developers (README, "Adding a language").

    python -m cmcal.i18n.catalog update    # every message into the .po of its package, translations kept
    python -m cmcal.i18n.catalog compile   # each language's .mo from its .po files, and its cldr.json
                                           # (the CLDR names and signs i18n.formats writes); both shipped

A message is a string literal passed to `_()` or the first two arguments of `ngettext()` (`cmcal.i18n`).
The sources of a language are one .po file per package, `i18n/po/LANG/PACKAGE.po` (`check.po` holds the
messages of `cmcal/check/`, `cmcal.po` those of the modules at the package's root), so that the French of a
package sits beside no other's; `compile` joins them into `i18n/locale/LANG/LC_MESSAGES/cmcal.mo`, the one
catalog gettext reads. Babel's message tools do the work; nothing here runs when cmcal checks a calendar.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

PACKAGE = Path(__file__).resolve().parents[1]
LOCALE = Path(__file__).resolve().parent / "locale"
SOURCES = Path(__file__).resolve().parent / "po"
_HEADER = """\
# French messages of cmcal, for the package named by this file (Québec and France share them; dates and
# numbers follow each locale). Made and kept by `python -m cmcal.i18n.catalog update`.
msgid ""
msgstr ""
"Language: {code}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {plurals}\\n"
"""
_PLURALS = {"fr": "nplurals=2; plural=(n > 1);"}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def mo_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / "cmcal.mo"


def languages() -> list[str]:
    return sorted(p.name for p in SOURCES.iterdir() if p.is_dir())


def package_of(filename: str) -> str:
    """`check` for `check/validate.py`, `cmcal` for a module at the package's root."""
    head, sep, _ = filename.partition("/")
    return head if sep else "cmcal"


def extracted() -> Catalog:
    """Every message of the source, with the places it is used."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    template = Catalog(project="cmcal")
    found: Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]] = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message, None, [(f"src/cmcal/{filename}", lineno)], auto_comments=comments, context=context
        )
    return template


def _read_po(path: Path, code: str) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=code)


def read(code: str) -> Catalog:
    """Every message of a language, its package files joined."""
    from babel.messages.catalog import Catalog

    # Fixed dates in the header, so that the same .po files always compile to the same bytes.
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    joined = _with_plurals(Catalog(locale=code, project="cmcal", creation_date=stamp, revision_date=stamp))
    for path in sorted((SOURCES / code).glob("*.po")):
        for message in _read_po(path, code):
            if message.id:
                joined[message.id] = message
    return joined


def _with_plurals(catalog: Catalog) -> Catalog:
    """The catalog with the plural rule the .po headers declare (French: two forms, 0 and 1 singular), not
    Babel's CLDR rule (three forms for French), so that every plural message has exactly the forms written."""
    code = str(catalog.locale)
    if code in _PLURALS:
        catalog.mime_headers = [("Plural-Forms", _PLURALS[code])]
    return catalog


def compiled(code: str) -> bytes:
    """The .mo file a language's .po files compile to (fuzzy messages left out)."""
    import io

    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, read(code), use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    """Each package's .po holds exactly the messages the package uses, with the translations it had (a
    message that moved to another package takes its translation along)."""
    from babel.messages.catalog import Catalog

    template = extracted()
    for code in languages():
        known = read(code)
        by_package: dict[str, Catalog] = {}
        for message in template:
            if not message.id:
                continue
            package = package_of(message.locations[0][0].removeprefix("src/cmcal/"))
            catalog = by_package.setdefault(package, _with_plurals(Catalog(locale=code, project="cmcal")))
            old = known.get(message.id)
            string = old.string if old else None
            if isinstance(string, tuple):  # exactly the forms of the language's rule
                string = (string + ("",) * catalog.num_plurals)[: catalog.num_plurals]
            catalog.add(message.id, string, message.locations, flags=message.flags)
        for path in (SOURCES / code).glob("*.po"):
            if path.stem not in by_package:
                path.unlink()
        for package, catalog in by_package.items():
            body = io_po(catalog)
            header = _HEADER.format(code=code, plurals=_PLURALS.get(code, "nplurals=2; plural=(n != 1);"))
            (SOURCES / code / f"{package}.po").write_text(header + body, encoding="utf-8")


def io_po(catalog: Catalog) -> str:
    import io

    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=110,
        omit_header=True,
        sort_output=False,
        ignore_obsolete=True,
        include_lineno=False,
    )
    return "\n" + out.getvalue().decode("utf-8")


def cldr_path(code: str) -> Path:
    return LOCALE / code / "cldr.json"


def cldr(code: str) -> str:
    """What `i18n.formats` writes of every CLDR locale of language `code`, from Babel, as JSON text."""
    import json

    from babel import Locale, localedata

    out: dict[str, dict[str, object]] = {}
    names = sorted(n for n in localedata.locale_identifiers() if n == code or n.startswith(f"{code}_"))
    for name in names:
        loc = Locale.parse(name)
        symbols = loc.number_symbols["latn"]
        out[name] = {
            "weekdays": [str(loc.days["format"]["abbreviated"][i]) for i in range(7)],
            "months": [str(loc.months["format"]["wide"][m]) for m in range(1, 13)],
            "months_short": [str(loc.months["format"]["abbreviated"][m]) for m in range(1, 13)],
            "months_alone": [str(loc.months["stand-alone"]["wide"][m]) for m in range(1, 13)],
            "decimal": str(symbols["decimal"]),
            "group": str(symbols["group"]),
            "minus": str(symbols["minusSign"]),
        }
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def compile_all() -> None:
    for code in languages():
        mo_path(code).write_bytes(compiled(code))
        cldr_path(code).write_text(cldr(code), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv == ["update"]:
        update()
    elif argv == ["compile"]:
        compile_all()
    else:
        sys.stderr.write("usage: python -m cmcal.i18n.catalog update|compile\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
