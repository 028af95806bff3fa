"""The French example (calendars/cuisine-express, `language: fr-CA`) as its team sees it: golden texts of
`check`, `upcoming`, `gaps`, `month`, `report` (table and Markdown), `show` and `fill`'s plan, in the
calendar's own language (no `--lang`). The same views in English, with `--lang en`, are the golden texts of
tests/cli.

The goldens are files in tests/i18n/golden/; after a deliberate change of a message or of the example, write
them again with `CMCAL_WRITE_GOLDEN=1 pytest tests/i18n/test_example_fr.py` and read the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_cli

CALENDAR = "calendars/cuisine-express"
TODAY = ["--today", "2026-12-01"]
NOVEMBER = ["--from", "2026-11-01", "--to", "2026-11-30"]
GOLDEN = Path(__file__).parent / "golden"

CASES = {
    "check.txt": (["check", CALENDAR, *TODAY], 0),
    "upcoming.txt": (["upcoming", CALENDAR, *TODAY, "--days", "14"], 0),
    "gaps.txt": (["gaps", CALENDAR, *TODAY], 0),
    "month.txt": (["month", "2026-12", CALENDAR, *TODAY], 0),
    "report.txt": (["report", CALENDAR, *NOVEMBER], 0),
    "report.md": (["report", CALENDAR, *NOVEMBER, "--format", "markdown"], 0),
    "fill.txt": (["fill", CALENDAR, *TODAY, "--days", "30"], 0),
    "show.txt": (["show", "omelette-aux-fines-herbes-1203", "--path", CALENDAR, *TODAY], 0),
}


def _text(stdout: str, stderr: str) -> str:
    """What the terminal shows: stdout (trailing spaces of table cells dropped), then stderr."""
    out = "".join(line.rstrip() + "\n" for line in stdout.splitlines())
    return out + (f"--- stderr ---\n{stderr}" if stderr else "")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_french(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    args, code = CASES[name]
    result = run_cli(args, capsys)
    assert result.exit_code == code, result.stderr
    got = _text(result.stdout, result.stderr)
    path = GOLDEN / name
    if os.environ.get("CMCAL_WRITE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
