"""The language cmcal speaks: English, or French as Québec or France writes it (README, "Languages").

English is the source language: its messages are the text in the code, and its dates and numbers are written
by plain Python, so an English run imports neither `gettext` nor Babel. Another language is a gettext catalog
shipped in `i18n/locale/` and Babel's CLDR data for dates and numbers, both loaded on first need.

The language in force is a context variable: a calendar's messages are made inside `using(its language)`,
and the CLI renders a run inside `using(the run's language)`. `--lang`/`CMCAL_LANG` override both for a run
(`set_override`). Codes, JSON keys, options and exit codes never change with the language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from cmcal.value import Value

if TYPE_CHECKING:
    from gettext import GNUTranslations

SOURCE = "en"
CATALOGS = ("en", "fr")
"""Languages cmcal speaks: English (the source) and the languages with a catalog in `i18n/locale/`."""
ENV = "CMCAL_LANG"

LANGUAGE_PATTERN = r"^(?i:en|fr)([-_][A-Za-z]{2})?$"
"""A language tag cmcal speaks, for the JSON Schema; `parse` reads the same tags."""
_TAG = re.compile(r"([A-Za-z]{2})(?:[-_]([A-Za-z]{2}))?")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Language(Value):
    """A language tag as a calendar writes it (`fr-CA`), with what the catalogs and Babel need."""

    tag: str
    """Canonical BCP 47 form: `fr`, `fr-CA`, `en-CA`."""

    @property
    def code(self) -> str:
        """The language without its region, the catalog's name: `fr`."""
        return self.tag.split("-")[0]

    @property
    def is_source(self) -> bool:
        return self.code == SOURCE

    @property
    def locale(self) -> str:
        """Babel's locale name; a bare `fr` is written as France writes it (`fr_FR`), `en` as `en_US`."""
        code, _, region = self.tag.partition("-")
        return f"{code}_{region or {'fr': 'FR', 'en': 'US'}.get(code, code.upper())}"


ENGLISH = Language(SOURCE)


def parse(text: str) -> Language | None:
    """The language a tag names (`fr-CA`, `fr_ca`, `FR`), or None when cmcal does not speak it."""
    match = _TAG.fullmatch(text.strip())
    if match is None or match[1].lower() not in CATALOGS:
        return None
    code, region = match[1].lower(), (match[2] or "").upper()
    return Language(f"{code}-{region}" if region else code)


_current: ContextVar[Language] = ContextVar("cmcal_language", default=ENGLISH)
_override: list[Language | None] = [None]


def set_override(language: Language | None) -> None:
    """`--lang` or `CMCAL_LANG`: the language of everything in this run, whatever the calendars say."""
    _override[0] = language


def override() -> Language | None:
    return _override[0]


def current() -> Language:
    return _current.get()


def chosen(language: Language | str | None) -> Language:
    """The language a calendar saying `language` speaks in this run: the run's override, else its own."""
    return _override[0] or (parse(language) if isinstance(language, str) else language) or ENGLISH


@contextmanager
def using(language: Language | str | None) -> Iterator[Language]:
    """Speak `language` (a calendar's `language:`) inside the block, unless the run overrides it."""
    token = _current.set(chosen(language))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def activate(language: Language | str | None) -> Language:
    """Speak `language` for the rest of this run (the CLI, once it knows the run's language)."""
    language = chosen(language)
    _current.set(language)
    return language


def _(message: str) -> str:
    """`message` in the language in force (the English text is the message id)."""
    language = _current.get()
    if language.is_source:
        return message
    return _catalog(language.code).gettext(message)


def N_(message: str) -> str:
    """Marks `message` for the catalog and returns it as it is: for the English text of a table built at
    import time (`platforms.media_rules`), translated with `_()` where a message uses it."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for `n`, as the language in force chooses (French: 0 and 1 singular)."""
    language = _current.get()
    if language.is_source:
        return singular if n == 1 else plural
    return _catalog(language.code).ngettext(singular, plural, n)


@cache
def _catalog(code: str) -> GNUTranslations:
    import gettext
    from pathlib import Path

    # Beside this module, as the package installs it (importlib.resources would cost ~3 ms to import).
    path = Path(__file__).parent / "locale" / code / "LC_MESSAGES" / "cmcal.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)
