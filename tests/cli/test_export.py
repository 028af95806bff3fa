"""`cmcal export` as users run it: formats, files, problems on stderr, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import icalendar
import pytest

from tests.helpers import run_cli

GOOD = """\
calendar: Cuisine Express
timezone: America/Toronto
platforms:
  instagram: {}
  facebook: {}
team: [alice, bob]
habits:
  daily-recipe:
    title: Recette du jour
    every: day
    at: 11:30
    platforms: [instagram, facebook]
    start: 2026-12-01
posts:
  - id: buche
    date: 2026-12-01
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Bûche de Noël
    text: "Bûche, «maison»; \\"vraie\\" recette\\nligne 2"
    link: https://example.org/buche
    owner: alice
    status: scheduled
  - id: tarte
    date: 2026-12-02
    time: 18:00
    platform: facebook
    title: Tarte au sucre
    text: La tarte de grand-maman
    owner: bob
    status: ready
  - id: idee
    date: 2026-12-10
    platform: instagram
    title: Une idée
    status: idea
"""

BROKEN = """\
calendar: Nordlys
timezone: Europe/Paris
platforms:
  x: {}
posts:
  - date: 2026-12-01
    platform: x
    title: Fine
    time: 09:00
  - date: 2026-13-01
    platform: x
    title: Bad date
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "cuisine.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tmp_path


def summaries(data: bytes) -> list[str]:
    return [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]


def test_ics_to_stdout_from_the_default_folder(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["export", "--format", "ics"], capsys)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("BEGIN:VCALENDAR\r\n") and result.stdout.endswith("END:VCALENDAR\r\n")
    assert summaries(result.stdout.encode()) == [
        "Bûche de Noël (instagram, facebook)",
        "Tarte au sucre (facebook)",
        "Une idée (instagram)",
    ]


def test_output_file_is_written_whole_and_readable(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        ["export", "-f", "ics", "--gaps", "--today", "2026-12-01", "-o", "public/cal.ics"], capsys
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "wrote public/cal.ics (3 posts, 89 gaps)\n"
    data = (workdir / "public" / "cal.ics").read_bytes()
    assert data.count(b"BEGIN:VEVENT") == 3 + 89
    mode = stat.S_IMODE(os.stat(workdir / "public" / "cal.ics").st_mode)
    assert mode & 0o044 == 0o044 or os.name == "nt"  # others can read it: a web server serves it
    assert [p.name for p in (workdir / "public").iterdir()] == ["cal.ics"]  # no temporary file left
    again = run_cli(
        ["export", "-f", "ics", "--gaps", "--today", "2026-12-01", "-o", "public/cal.ics"], capsys
    )
    assert again.exit_code == 0 and (workdir / "public" / "cal.ics").read_bytes() == data


def test_source_date_epoch_sets_dtstamp(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    result = run_cli(["export", "-f", "ics"], capsys)
    assert "DTSTAMP:20251201T000000Z\r\n" in result.stdout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli(["export", "-f", "ics"], capsys)
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH='yesterday' is not a number" in result.stderr


def test_csv_generic_and_filters(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["export", "-f", "csv", "--owner", "alice", "--platform", "instagram"], capsys)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [(r["id"], r["platform"], r["start"]) for r in rows] == [
        ("buche", "instagram", "2026-12-01T11:30:00-05:00")
    ]
    assert rows[0]["text"] == 'Bûche, «maison»; "vraie" recette\nligne 2'
    result = run_cli(["export", "-f", "csv", "--from", "2026-12-02", "--to", "2026-12-02"], capsys)
    assert [r["id"] for r in csv.DictReader(io.StringIO(result.stdout, newline=""))] == ["tarte"]


BUFFER_NOTE = (
    "cmcal: note: buffer: Posting Time is YYYY-MM-DD HH:mm on a 24-hour clock; times are in America/Toronto: "
    "the Buffer account must use that time zone\n"
)
HOOTSUITE_NOTE = (
    "cmcal: note: hootsuite: dates are day-first, DD/MM/YYYY HH:MM on a 24-hour clock: choose DD/MM/YYYY on "
    "Hootsuite's upload screen (month-first reads 01/12 as 12 January); times are in America/Toronto: the "
    "Hootsuite account must use that time zone\n"
)
"""The first note of each preset: the date format to choose on the upload screen, and the time zone."""


def test_csv_presets(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "export",
        "-f",
        "csv",
        "--csv-preset",
        "buffer",
        "--platform",
        "facebook",
        "--today",
        "2026-11-30",
    ]
    result = run_cli(args, capsys)
    assert (result.exit_code, result.stderr) == (0, BUFFER_NOTE)
    assert result.stdout == (
        "Text,Image URL,Tags,Posting Time\r\n"
        '"Bûche, «maison»; ""vraie"" recette\nligne 2\n\nhttps://example.org/buche",,,2026-12-01 11:30\r\n'
        "La tarte de grand-maman,,,2026-12-02 18:00\r\n"
    )
    args = [
        "export",
        "-f",
        "csv",
        "--csv-preset",
        "hootsuite",
        "--platform",
        "facebook",
        "--today",
        "2026-12-02",
    ]
    result = run_cli(args, capsys)
    assert (result.exit_code, result.stderr) == (0, HOOTSUITE_NOTE)
    assert result.stdout == "02/12/2026 18:00,La tarte de grand-maman,\r\n"
    result = run_cli(["export", "-f", "csv", "--csv-preset", "hootsuite", "--today", "2026-11-30"], capsys)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "cmcal: a hootsuite upload goes to one channel: pick one with --platform "
        "(this selection has facebook, instagram)\n"
    )


def test_preset_notes_go_to_stderr(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "-f", "csv", "--csv-preset", "buffer", "--platform", "instagram", "--status", "idea"]
    result = run_cli([*args, "--today", "2026-11-30"], capsys)
    assert result.exit_code == 0 and result.stdout == "Text,Image URL,Tags,Posting Time\r\n"
    assert result.stderr == BUFFER_NOTE + (
        'cmcal: note: calendars/cuisine.yaml:32: left out "Une idée": it has no time, and buffer needs one\n'
        "cmcal: note: no post to upload: the buffer file has no rows\n"
    )


def test_json(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["export", "-f", "json", "--today", "2026-12-01", "--to", "2026-12-03"], capsys)
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    (cal,) = out["calendars"]
    assert out["version"] == 1 and [p["id"] for p in cal["posts"]] == ["buche", "tarte"]
    assert (cal["slots_from"], cal["slots_to"]) == ("2026-12-01", "2026-12-03")
    assert [(g["platform"], g["first"]) for g in cal["gaps"]] == [
        ("facebook", "2026-12-02"), ("instagram", "2026-12-02"),
        ("facebook", "2026-12-03"), ("instagram", "2026-12-03"),
    ]  # fmt: skip


def test_problems_are_reported_and_the_rest_is_exported(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "calendars" / "nordlys.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli(["export", "-f", "ics"], capsys)
    assert result.exit_code == 1
    assert result.stderr.startswith("calendars/nordlys.yaml:10:11: error [bad-date] ")
    assert len(result.stderr.splitlines()) == 1
    assert summaries(result.stdout.encode()) == [
        "Fine (x)",  # 09:00 in Paris is before 11:30 in Toronto
        "Bûche de Noël (instagram, facebook)",
        "Tarte au sucre (facebook)",
        "Une idée (instagram)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Invalid value for --format: choose one of: ics, csv, json"),
        (["-f", "xml"], "Invalid value for --format: 'xml'; use one of: ics, csv, json"),
        (["-f", "ics", "--csv-preset", "buffer"], "Invalid value for --csv-preset: goes with --format csv"),
        (
            ["-f", "csv", "--csv-preset", "later"],
            "Invalid value for --csv-preset: 'later'; use one of: hootsuite, buffer",
        ),
        (["-f", "csv", "--csv-preset", "buffer", "--gaps"], "Invalid value for --gaps: a scheduler's upload"),
        (["-f", "csv", "--force"], "Invalid value for --force: goes with --csv-preset"),
        (
            ["-f", "ics", "--from", "2026-12-02", "--to", "2026-12-01"],
            "Invalid value for --to: 2026-12-01 is before",
        ),
        (["-f", "ics", "--from", "2026-02-30"], "Invalid value for --from: '2026-02-30' is not a date"),
        (["-f", "ics", "--status", "done"], "Invalid value for --status: 'done'; use one of: idea, draft"),
        (
            ["-f", "ics", "--platform", "instagrm"],
            "Invalid value for --platform: 'instagrm' is not a platform of any calendar read; "
            "did you mean 'instagram'?",
        ),
        (
            ["-f", "ics", "--habit", "daily-recip"],
            "Invalid value for --habit: 'daily-recip' is not a habit of any calendar read; "
            "did you mean 'daily-recipe'?",
        ),
        (
            ["-f", "ics", "--owner", "zoe"],
            "Invalid value for --owner: 'zoe' is not an owner in any calendar read; known: alice, bob",
        ),
        (["-f", "ics", "nowhere.yaml"], "cmcal: nowhere.yaml: no such file or folder"),
    ],
)
def test_usage_errors_exit_2_without_traceback(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    result = run_cli(["export", *args], capsys)
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_unwritable_output_is_a_runtime_failure(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "taken").write_text("a file, not a folder")
    result = run_cli(["export", "-f", "ics", "-o", "taken/cal.ics"], capsys)
    assert result.exit_code == 3 and result.stderr.startswith("cmcal: taken/cal.ics: cannot write: ")


def test_the_repository_examples_export_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).parents[2] / "calendars"
    for fmt in ("ics", "csv", "json"):
        result = run_cli(["export", str(root), "-f", fmt, "--today", "2026-11-30"], capsys)
        assert (result.exit_code, result.stderr) == (0, ""), fmt


def test_a_calendar_with_a_bad_time_zone_is_left_out(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "calendars" / "nordlys.yaml").write_text(BROKEN.replace("Europe/Paris", "Mars/Olympus"))
    result = run_cli(["export", "-f", "json", "--from", "2026-12-01", "--to", "2026-12-01"], capsys)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("calendars/nordlys.yaml:2:11: error [bad-timezone] ")
    assert result.stderr.splitlines()[-1] == (
        "cmcal: note: calendars/nordlys.yaml: left out of the export: its time zone is not valid"
    )
    assert [c["name"] for c in json.loads(result.stdout)["calendars"]] == ["Cuisine Express"]


LATE = """\
calendar: "Smith, Jones\\n& Co"
timezone: America/Toronto
platforms:
  instagram: {}
posts:
  - date: 9999-12-31
    time: "23:45"
    platform: instagram
    title: The last post
    text: Bye
    status: ready
"""


@pytest.mark.parametrize("fmt", ["ics", "csv", "json"])
def test_a_post_late_on_the_last_day_and_a_name_with_a_line_break_export(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Both were internal errors: 23:45 in Toronto on 9999-12-31 is in year 10000 in UTC, and icalendar
    # refuses a line break in the calendar's name.
    path = tmp_path / "late.yaml"
    path.write_text(LATE, encoding="utf-8")
    result = run_cli(["export", str(path), "-f", fmt, "--today", "2026-11-30"], capsys)
    assert (result.exit_code, result.stderr) == (0, "")
    if fmt == "ics":
        (event,) = icalendar.Calendar.from_ical(result.stdout.encode()).walk("VEVENT")
        assert "DTSTART;TZID=America/Toronto:99991231T234500\r\nDURATION:PT30M\r\n" in result.stdout
        assert event.duration.total_seconds() == 1800
        assert "X-WR-CALNAME:Smith\\, Jones\\n& Co\r\n" in result.stdout
    elif fmt == "csv":
        (row,) = csv.DictReader(io.StringIO(result.stdout, newline=""))
        assert row["start"] == "9999-12-31T23:45:00-05:00"
    else:
        assert json.loads(result.stdout)["calendars"][0]["posts"][0]["start"] == "9999-12-31T23:45:00-05:00"


REFUSED = """\
calendar: Cuisine Express
timezone: America/Toronto
platforms:
  facebook: {}
posts:
  - date: 2026-11-28
    time: "18:00"
    platform: facebook
    title: Already past
    text: Trop tard
    status: scheduled
  - date: 2026-12-01
    time: "11:32"
    platform: facebook
    title: Off the grid
    text: Onze heures trente-deux
    status: ready
  - date: 2026-12-02
    time: "11:35"
    platform: facebook
    title: Fine
    text: Parfait
    status: ready
"""


def test_rows_the_scheduler_would_refuse_are_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(REFUSED, encoding="utf-8")
    out = tmp_path / "upload.csv"
    args = ["export", str(path), "-f", "csv", "--csv-preset", "hootsuite", "--today", "2026-11-30"]
    args += ["--from", "2026-11-01", "-o", str(out)]
    result = run_cli(args, capsys)
    past = (
        f'{path}:6: "Already past" is on 2026-11-28, before today (2026-11-30): Hootsuite schedules only '
        "what is ahead; leave it out with --from"
    )
    grid = f'{path}:12: "Off the grid" is at 11:32; Hootsuite takes times on a 5-minute grid (:00, :05 …): '
    grid += "move it"
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == HOOTSUITE_NOTE + (
        f"cmcal: error: {past}\n"
        f"cmcal: error: {grid}\n"
        "cmcal: nothing written: hootsuite would refuse the rows above; fix them, or give --force to write "
        "the file anyway\n"
    )
    assert not out.exists()
    without_file = run_cli(args[:-2], capsys)  # to stdout: nothing either
    assert (without_file.exit_code, without_file.stdout, without_file.stderr) == (1, "", result.stderr)

    forced = run_cli([*args, "--force"], capsys)
    assert forced.exit_code == 0
    assert forced.stderr == HOOTSUITE_NOTE + (
        f"cmcal: note: {past}\ncmcal: note: {grid}\nwrote {out} (3 posts)\n"
    )
    assert list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline=""))) == [
        ["28/11/2026 18:00", "Trop tard", ""],
        ["01/12/2026 11:32", "Onze heures trente-deux", ""],
        ["02/12/2026 11:35", "Parfait", ""],
    ]
    # From today on (the default), only the row off the grid is left to refuse.
    default = run_cli([*args[:-4], "-o", str(out)], capsys)
    assert (
        default.exit_code == 1 and f"cmcal: error: {grid}\n" in default.stderr and past not in default.stderr
    )


def test_buffer_refuses_more_than_100_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = "".join(
        f"  - {{date: 2026-12-{d:02d}, time: '{h:02d}:00', platform: facebook, title: P, text: T, "
        "status: ready}\n"
        for d in range(1, 27)
        for h in range(8, 12)
    )
    path = tmp_path / "cal.yaml"
    path.write_text(REFUSED.split("posts:")[0] + "posts:\n" + posts, encoding="utf-8")
    args = ["export", str(path), "-f", "csv", "--csv-preset", "buffer", "--today", "2026-11-30"]
    result = run_cli(args, capsys)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[1:] == [
        "cmcal: error: 104 posts: Buffer takes at most 100 per upload; split the export with --from and --to",
        "cmcal: nothing written: buffer would refuse the rows above; fix them, or give --force to write "
        "the file anyway",
    ]
    forced = run_cli([*args, "--force"], capsys)
    assert forced.exit_code == 0 and forced.stdout.count("\r\n") == 1 + 104


EARLY = """\
calendar: Early
timezone: Europe/Paris
platforms:
  x: {}
posts:
  - {date: 0001-01-01, time: "09:00", title: First, platform: x, text: Un, status: ready}
  - {date: 0999-06-01, title: All day, platform: x, text: Deux, status: ready}
"""


def test_years_before_1000_keep_four_digits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # strftime writes the year 1 as "1": DTSTART:10101T090000 is not a date any reader takes.
    path = tmp_path / "early.yaml"
    path.write_text(EARLY, encoding="utf-8")
    result = run_cli(["export", str(path), "-f", "ics", "--today", "2026-11-30"], capsys)
    assert result.exit_code == 0
    assert "DTSTART;TZID=Europe/Paris:00010101T090000\r\n" in result.stdout
    assert "DTSTART;VALUE=DATE:09990601\r\nDTEND;VALUE=DATE:09990602\r\n" in result.stdout
    starts = [e.start for e in icalendar.Calendar.from_ical(result.stdout.encode()).walk("VEVENT")]
    assert [(s.year, s.month, s.day) for s in starts] == [(1, 1, 1), (999, 6, 1)]
    args = ["export", str(path), "-f", "csv", "-p", "x", "--from", "0001-01-01", "--today", "0001-01-01"]
    hootsuite = run_cli([*args, "--csv-preset", "hootsuite"], capsys)
    assert (hootsuite.exit_code, hootsuite.stdout) == (0, "01/01/0001 09:00,Un,\r\n")
    buffer = run_cli([*args, "--csv-preset", "buffer"], capsys)
    assert buffer.stdout.splitlines()[1] == "Un,,,0001-01-01 09:00"


NO_MEDIA = """\
calendar: Cuisine Express
timezone: America/Toronto
platforms:
  instagram: {}
posts:
  - date: 2026-12-01
    time: "11:30"
    platform: instagram
    title: Sans photo
    text: Une tourtière
    status: ready
  - date: 2026-12-02
    time: "11:30"
    platform: instagram
    title: Avec photo
    text: Une bûche
    media: [https://cdn.example.org/buche.jpg]
    status: ready
"""


@pytest.mark.parametrize("preset", ["hootsuite", "buffer"])
def test_a_post_without_media_where_the_platform_needs_them_is_refused(
    preset: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text(NO_MEDIA, encoding="utf-8")
    args = ["export", str(path), "-f", "csv", "--csv-preset", preset, "--today", "2026-11-30"]
    result = run_cli(args, capsys)
    refused = f'{path}:6: "Sans photo" has no media: Instagram cannot publish without an image or a video; '
    refused += "add `media:`"
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[1:] == [
        f"cmcal: error: {refused}",
        f"cmcal: nothing written: {preset} would refuse the rows above; fix them, or give --force to write "
        "the file anyway",
    ]
    forced = run_cli([*args, "--force"], capsys)
    assert forced.exit_code == 0 and f"cmcal: note: {refused}\n" in forced.stderr
    assert "Une tourtière" in forced.stdout and "Une bûche" in forced.stdout
