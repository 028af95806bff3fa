"""Data-driven acceptance: every fixture's problems are exactly its `# expect: LINE:COL CODE` lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmcal.check.validate import check
from cmcal.files.loader import load
from tests.conftest import DATA, FIXTURE_TODAY
from tests.helpers import expectations

VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def found(path: Path) -> list[str]:
    loaded = load([str(path)])
    problems = list(loaded.problems) + check(loaded.calendars, lambda _c: FIXTURE_TODAY, 14)
    return sorted(f"{p.line}:{p.column} {p.code}" for p in problems)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_has_no_problem(path: Path) -> None:
    assert found(path) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_has_exactly_its_problems(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} declares no `# expect:` line"
    assert found(path) == expected


def test_every_code_has_a_fixture() -> None:
    from cmcal.problems import RULES

    covered = {line.split()[1] for path in INVALID for line in expectations(path)}
    # A FIFO, a link loop or a file without permission cannot be kept in git: tests/files/test_source.py and
    # tests/cli/test_hostile_files.py make them in a temporary repository.
    assert set(RULES) - covered == {"unreadable-file"}
