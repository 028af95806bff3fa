"""The French catalog: complete, in step with the code, and compiled into the shipped .mo."""

from __future__ import annotations

import re
import string

import pytest

from cmcal.i18n import catalog

_FIELD = string.Formatter()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in _FIELD.parse(text) if name is not None}


@pytest.fixture(scope="module")
def source() -> dict[str, object]:
    return {m.id: m for m in catalog.extracted() if m.id}


@pytest.mark.parametrize("code", catalog.languages())
def test_every_message_has_a_translation(code: str, source: dict[str, object]) -> None:
    translated = catalog.read(code)
    missing = []
    for msgid in source:
        message = translated.get(msgid)
        strings = message.string if message is not None else None
        values = strings if isinstance(strings, tuple) else (strings,)
        if message is None or not all(values) or message.fuzzy:
            missing.append(msgid)
    assert not missing, f"untranslated in {code} (run `python -m cmcal.i18n.catalog update`): {missing[:10]}"


@pytest.mark.parametrize("code", catalog.languages())
def test_translations_keep_every_placeholder(code: str) -> None:
    for message in catalog.read(code):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_fields(i) for i in ids))
        for text in strings:
            assert _fields(text) == wanted, (message.id, text)


@pytest.mark.parametrize("code", catalog.languages())
def test_no_message_is_left_over(code: str, source: dict[str, object]) -> None:
    stale = [m.id for m in catalog.read(code) if m.id and m.id not in source]
    assert not stale, f"messages no longer in the code (run the update): {stale[:10]}"


@pytest.mark.parametrize("code", catalog.languages())
def test_the_shipped_cldr_data_is_babels(code: str) -> None:
    assert catalog.cldr_path(code).read_text(encoding="utf-8") == catalog.cldr(code), (
        "run `python -m cmcal.i18n.catalog compile`"
    )


@pytest.mark.parametrize("code", catalog.languages())
def test_the_shipped_mo_is_compiled_from_the_po_files(code: str) -> None:
    assert catalog.mo_path(code).read_bytes() == catalog.compiled(code), (
        "run `python -m cmcal.i18n.catalog compile`"
    )


def test_french_typography_spaces_before_double_punctuation() -> None:
    # French sets a space before : ; ? ! (and inside « »); a translation written the English way reads wrong.
    bad = re.compile(r"[^\s{}(\[][;!?]|[^\s{}(\[`'\"]:\s")
    for message in catalog.read("fr"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text:
                assert not bad.search(re.sub(r"`[^`]*`|\{[^}]*\}|https?://\S+|\d+:\d+", "", text)), text
