"""X's counting against twitter-text's own conformance cases (tests/data/conformance/ names the sources)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cmcal.platforms import textcount as tc

DATA = Path(__file__).parent.parent / "data" / "conformance"


def _cases(name: str) -> list[Any]:
    cases = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert isinstance(cases, list) and cases
    return [pytest.param(case, id=case["description"]) for case in cases]


def _text(case: dict[str, Any]) -> str:
    """The case's text; long ones are written `text` + `repeat.times` × `repeat.unit` + `tail`."""
    repeat = case.get("repeat", {"unit": "", "times": 0})
    return str(case["text"] + repeat["unit"] * repeat["times"] + case.get("tail", ""))


@pytest.mark.parametrize("case", _cases("twitter-text-validate.yaml"))
def test_weighted_length(case: dict[str, Any]) -> None:
    assert tc.x_weighted(_text(case)) == case["weight"]


@pytest.mark.parametrize("case", _cases("twitter-text-extract.yaml"))
def test_links(case: dict[str, Any]) -> None:
    assert tc.urls(case["text"]) == case["expected"]


def test_the_cases_are_the_files() -> None:
    # 22 weighted lengths and 101 link lists, as counted when they were copied.
    assert len(_cases("twitter-text-validate.yaml")) == 22
    assert len(_cases("twitter-text-extract.yaml")) == 101
