"""Every problem of every invalid fixture, checked in French, is written without an English sentence: the
words of the English messages are gone once quoted values, code, paths and option values are set aside."""

from __future__ import annotations

import re

import pytest

from tests.helpers import run_cli

# Words of cmcal's English messages that French never writes (`on`, `or`, `keep` are French words or values).
_ENGLISH = re.compile(
    r"\b(is|are|the|must|has|have|did|you|mean|with|without|and|write|add|remove|use|found|expected|while|"
    r"allowed|cannot|should|does|its|it|this|that|which|when|after|before|than)\b"
)
_QUOTED = re.compile(r"«[^»]*»|`[^`]*`|'[^']*'|\"[^\"]*\"|\S*[/.:=]\S*")
_VALUES = re.compile(r"valeurs : [^;]*")  # the allowed values of a key, as the format names them


def test_every_invalid_fixture_is_told_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["--lang", "fr-CA", "check", "tests/data/invalid", "--today", "2026-12-01"], capsys)
    lines = result.stdout.splitlines()
    assert len(lines) > 100
    english = []
    for line in lines:
        message = line.split("] ", 1)[1]
        if _ENGLISH.search(_QUOTED.sub("", _VALUES.sub("", message))):
            english.append(message)
    assert not english, english[:5]
