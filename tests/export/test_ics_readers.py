"""`export --format ics` as the tools users feed it to read it: icalendar, vobject, ics-py and khal.

Every reader must land every event on the instant the calendar means, including a post in the repeated hour
of a fall-back night (khal, ical.js and libical read a local time there as its second occurrence, RFC 5545 as
its first), and must read the calendar's name whole (vobject cut an unescaped "Smith, Jones & Co" at the
comma). khal runs as a real `khal import` and `khal list`; it is in the test extra, and skipped only when
it is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from cmcal.export import Selection, local_start, select_posts
from cmcal.export.ics import export_ics
from cmcal.files.loader import load
from cmcal.model import Calendar, PlatformAccount, Post
from cmcal.problems import Loc

ROOT = Path(__file__).parents[2]
TODAY = date(2026, 11, 30)
HALF_HOUR = timedelta(minutes=30)

When = tuple[datetime, datetime] | tuple[date, date]
"""An event's start and end: UTC instants, or the first day and the day after the last of an all-day event."""


def today(_: Calendar) -> date:
    return TODAY


# --- what the calendar means --------------------------------------------------------------------------------


def meant(calendars: tuple[Calendar, ...]) -> dict[str, When]:
    """Each post's UID and when it happens, from the model (not from any reader)."""
    out: dict[str, When] = {}
    for item in select_posts(calendars, Selection()):
        if item.start is None:
            out[item.uid] = (item.post.date, item.post.date + timedelta(days=1))
        else:
            start = item.start.astimezone(UTC)
            out[item.uid] = (start, start + HALF_HOUR)
    return out


def hard_calendar() -> Calendar:
    """Times that a reader can get wrong, under a name that must be escaped."""

    def post(day: str, at: str | None, title: str) -> Post:
        when = time.fromisoformat(at) if at else None
        return Post(None, date.fromisoformat(day), title, ("instagram",), time=when, status="scheduled")

    posts = [
        post("2026-11-01", "00:45", "Ends in the repeated hour"),
        post("2026-11-01", "01:10", "Starts and ends in the repeated hour"),
        post("2026-11-01", "01:30", "Starts in the repeated hour, ends after it"),
        post("2026-11-01", "02:00", "After the change"),
        post("2026-03-08", "02:30", "In the skipped hour"),
        post("2026-12-24", None, "All day"),
    ]
    numbered = tuple(replace(p, index=n, loc=Loc("cal.yaml", 10 + n, 5)) for n, p in enumerate(posts))
    platforms = {"instagram": PlatformAccount("instagram", "instagram")}
    return Calendar(NAME, "America/Toronto", platforms, {}, numbered, "cal.yaml")


NAME = 'Smith, Jones & Co; "the\\kitchen"'


@pytest.fixture(scope="module")
def examples() -> tuple[bytes, dict[str, When]]:
    loaded = load([str(ROOT / "calendars")])
    assert not [p for p in loaded.problems if p.is_error]
    data = export_ics(loaded.calendars, Selection(), today, gaps=True).data
    return data, meant(loaded.calendars)


@pytest.fixture(scope="module")
def hard() -> tuple[bytes, dict[str, When]]:
    calendars = (hard_calendar(),)
    return export_ics(calendars, Selection(), today).data, meant(calendars)


def test_the_hard_times_are_the_instants_the_calendar_means(hard: tuple[bytes, dict[str, When]]) -> None:
    data, expected = hard
    utc = {datetime(2026, 11, 1, 5, 10, tzinfo=UTC), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)}  # EDT, first
    assert {when[0] for when in expected.values()} >= utc | {
        datetime(2026, 11, 1, 4, 45, tzinfo=UTC),
        datetime(2026, 11, 1, 7, 0, tzinfo=UTC),  # 02:00 EST
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),  # 02:30 does not exist: 03:30 EDT
    }
    text = data.decode()
    # A start or an end in the repeated hour: the start is written in UTC, the end as a duration.
    assert "DTSTART:20261101T051000Z\r\nDURATION:PT30M\r\n" in text
    assert "DTSTART:20261101T053000Z\r\nDURATION:PT30M\r\n" in text
    assert "DTSTART:20261101T044500Z\r\nDURATION:PT30M\r\n" in text  # ical.js added 30 min to 00:45 local
    assert (
        "DTSTART;TZID=America/Toronto:20261101T020000\r\nDTEND;TZID=America/Toronto:20261101T023000" in text
    )
    assert 'X-WR-CALNAME:Smith\\, Jones & Co\\; "the\\\\kitchen"\r\n' in text
    assert icalendar.Calendar.from_ical(data).to_ical() == data


# --- the readers --------------------------------------------------------------------------------------------


def read_icalendar(data: bytes) -> tuple[str, dict[str, When]]:
    cal = icalendar.Calendar.from_ical(data)
    out: dict[str, When] = {}
    for event in cal.walk("VEVENT"):
        out[str(event["UID"])] = _normal(event.start, event.end)
    # icalendar keeps an X- property as written: undo the TEXT escapes (RFC 5545 §3.3.11) here.
    name = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(cal["X-WR-CALNAME"]))
    return name, out


def read_vobject(data: bytes) -> tuple[str, dict[str, When]]:
    import vobject

    cal = vobject.readOne(data.decode("utf-8"))
    out: dict[str, When] = {}
    for event in cal.vevent_list:
        start = event.dtstart.value
        end = event.dtend.value if hasattr(event, "dtend") else start + event.duration.value
        out[event.uid.value] = _normal(start, end)
    return str(cal.contents["x-wr-calname"][0].value), out


def read_ics_py(data: bytes) -> tuple[str, dict[str, When]]:
    import ics

    out: dict[str, When] = {}
    for event in ics.Calendar(data.decode("utf-8")).events:
        if event.all_day:
            out[str(event.uid)] = (event.begin.date(), event.end.date())
        else:
            out[str(event.uid)] = _normal(event.begin.datetime, event.end.datetime)
    return "", out  # ics-py keeps no calendar name


def _normal(start: date, end: date) -> When:
    if isinstance(start, datetime) and isinstance(end, datetime):
        assert start.tzinfo is not None and end.tzinfo is not None
        return start.astimezone(UTC), end.astimezone(UTC)
    assert not isinstance(start, datetime) and not isinstance(end, datetime)
    return start, end


READERS = {"icalendar": read_icalendar, "vobject": read_vobject, "ics-py": read_ics_py}


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_lands_the_examples_where_the_calendar_means(
    reader: str, examples: tuple[bytes, dict[str, When]]
) -> None:
    data, expected = examples
    _, got = READERS[reader](data)
    _, reference = read_icalendar(data)
    assert {uid: got[uid] for uid in expected} == expected  # every post, from the model
    assert got == reference  # and the gap events, as icalendar reads them
    assert len(got) == data.count(b"BEGIN:VEVENT") > len(expected)


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_lands_the_fall_back_hour_and_reads_the_name_whole(
    reader: str, hard: tuple[bytes, dict[str, When]]
) -> None:
    data, expected = hard
    name, got = READERS[reader](data)
    assert got == expected
    if reader != "ics-py":
        assert name == NAME


def test_a_name_with_a_line_break_is_one_escaped_line() -> None:
    cal = replace(hard_calendar(), name="Smith, Jones\r\n& Co\x07")
    data = export_ics([cal], Selection(), today).data
    assert b"X-WR-CALNAME:Smith\\, Jones\\n& Co\r\n" in data
    assert read_vobject(data)[0] == read_icalendar(data)[0] == "Smith, Jones\n& Co"


# --- khal: a real import ------------------------------------------------------------------------------------


def khal_list(data: bytes, tmp_path: Path) -> dict[str, When]:
    """`khal import` the file into an empty calendar, then `khal list` every event, in UTC."""
    exe = shutil.which("khal", path=str(Path(sys.executable).parent)) or shutil.which("khal")
    if exe is None:
        pytest.skip("khal is not installed")
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[test]]\npath = {tmp_path / 'cal'}\n"
        "[locale]\nlocal_timezone = UTC\ndefault_timezone = UTC\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%dT%H:%M\nlongdatetimeformat = %Y-%m-%dT%H:%M\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n",
        encoding="utf-8",
    )
    ics_file = tmp_path / "export.ics"
    ics_file.write_bytes(data)
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TZ": "UTC", "LANG": "C.UTF-8"}
    run = [exe, "-c", str(config)]
    imported = subprocess.run(
        [*run, "import", "--batch", str(ics_file)], capture_output=True, text=True, env=env, timeout=120
    )
    assert imported.returncode == 0 and "error" not in (imported.stdout + imported.stderr).lower(), imported
    listed = subprocess.run(
        [
            *run,
            "list",
            "--once",
            "--day-format",
            "",
            "--format",
            "{start}|{end}|{uid}",
            "2000-01-01",
            "2099-12-31",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    out: dict[str, When] = {}
    for line in listed.stdout.splitlines():
        start, end, uid = line.split("|")
        if "T" in start:
            out[uid] = (
                datetime.fromisoformat(start).replace(tzinfo=UTC),
                datetime.fromisoformat(end).replace(tzinfo=UTC),
            )
        else:  # khal shows the last day of an all-day event
            out[uid] = (date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=1))
    return out


def test_khal_imports_the_examples_and_lands_every_event(
    examples: tuple[bytes, dict[str, When]], tmp_path: Path
) -> None:
    data, expected = examples
    got = khal_list(data, tmp_path)
    assert {uid: got[uid] for uid in expected} == expected
    assert got == read_icalendar(data)[1]


def test_khal_imports_the_fall_back_hour_where_the_calendar_means(
    hard: tuple[bytes, dict[str, When]], tmp_path: Path
) -> None:
    data, expected = hard
    assert khal_list(data, tmp_path) == expected


def test_local_start_of_the_repeated_hour_is_its_first_occurrence() -> None:
    zone = hard_calendar().zone
    start = local_start(zone, date(2026, 11, 1), time(1, 30))
    assert start.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
