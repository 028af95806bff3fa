"""Shared test helpers: run the CLI as users do, and read fixtures' expectations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cmcal.__main__ import main

_EXPECT = re.compile(rb"^# expect: (\d+):(\d+) ([a-z-]+)\s*$", re.M)


def expectations(path: Path) -> list[str]:
    """The `# expect: LINE:COL CODE` lines at the end of a fixture, as sorted `LINE:COL CODE` strings."""
    return sorted(f"{int(m[1])}:{int(m[2])} {m[3].decode()}" for m in _EXPECT.finditer(path.read_bytes()))


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(args: Sequence[str], capsys: object) -> Result:
    """Run `cmcal ARGS` in-process through the real entry point (exit-code mapping included)."""
    import pytest

    assert isinstance(capsys, pytest.CaptureFixture)
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return Result(code, out, err)
