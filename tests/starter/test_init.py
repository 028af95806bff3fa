"""`cmcal init` writes a starter calendar that passes `check`, atomically, and never overwrites."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cmcal.files.write import write_atomic
from tests.helpers import run_cli


def test_init_writes_a_calendar_that_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "calendars" / "brand.yaml"
    result = run_cli(["init", str(target), "--today", "2026-11-30"], capsys)
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "start: 2026-12-01" in text  # the next Tuesday
    assert text.startswith("# yaml-language-server: $schema=")
    check = run_cli(["check", str(target), "--today", "2026-11-30", "--strict"], capsys)
    assert check.exit_code == 0, check.stdout


def test_init_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cal.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    result = run_cli(["init", str(target)], capsys)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.yaml"]  # no temporary file left behind


def test_write_atomic_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    write_atomic(str(target), "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_gives_the_mode_of_a_plain_open(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "new.txt"), "x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
    (tmp_path / "new.txt").chmod(0o640)
    write_atomic(str(tmp_path / "new.txt"), "y")
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode


def test_starter_zone_is_the_one_written_in_the_file() -> None:
    from datetime import date

    from cmcal.starter.init import STARTER_ZONE, starter_calendar

    assert f"timezone: {STARTER_ZONE} " in starter_calendar(date(2026, 11, 30))
