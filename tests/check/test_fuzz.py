"""No input yields a traceback: randomly damaged calendars give exit 0 or 1 and clear problems."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmcal.__main__ import main
from tests.conftest import DATA

ROOT = Path(__file__).parents[2]
SOURCES = [
    (ROOT / "calendars" / "nordlys" / "calendar.yaml").read_bytes(),
    (DATA / "valid" / "spec-example.yaml").read_bytes(),
    (DATA / "invalid" / "habits.yaml").read_bytes(),
]
PIECES = [
    b":",
    b"-",
    b" ",
    b"\n",
    b"\t",
    b"&a",
    b"*a",
    b"<<",
    b"#",
    b'"',
    b"'",
    b"[",
    b"]",
    b"{",
    b"}",
    b"|",
    b"- ",
    b": ",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\x00",
    b"---\n",
    b"\xc3\xa9",
    b"\xf0\x9f\x8e\x84",
    b"2026-02-30",
    b"25:61",
    b"FREQ=",
    b"every: month",
    b"days: [31, -1, 0]",
    b"rrule: FREQ=DAILY;COUNT=0",
]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "swap"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(PIECES))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif action == "replace":
            data[at : at + 1] = draw(st.sampled_from(PIECES))
        elif action == "truncate":
            del data[at:]
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=damaged())
def test_damaged_calendar_never_crashes(data: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cal.yaml"
        path.write_bytes(data)
        capsys.readouterr()
        code = main(["check", str(path), "--today", "2026-11-30", "--format", "json"])
        out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert "Traceback" not in err and "internal error" not in err
    if code == 1:
        assert '"severity": "error"' in out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(data: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cal.yaml"
        path.write_bytes(data)
        capsys.readouterr()
        code = main(["check", str(path), "--today", "2026-11-30"])
        _, err = capsys.readouterr()
    assert code in (0, 1), err
