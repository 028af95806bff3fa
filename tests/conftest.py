from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FIXTURE_TODAY = date(2026, 11, 30)
"""The `--today` every data-driven fixture is checked with."""


@pytest.fixture(autouse=True)
def _no_ci_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests must not pick the GitHub format because they happen to run under GitHub Actions.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    os.environ.pop("FORCE_COLOR", None)
