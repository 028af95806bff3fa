"""Values a careless user or an attacker can put in a calendar or on the command line: each gives a problem at
its place or a usage error, never an internal error, and never unbounded work (README, "Limits")."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.helpers import Result, run_cli

HUGE = "9" * 5000  # over Python's 4,300-digit limit of int(): it must never get there


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lines(result: Result) -> list[str]:
    """`LINE:COL CODE` of each problem in `check`'s text output."""
    out = []
    for line in result.stdout.splitlines():
        parts = line.split(":", 3)
        if len(parts) == 4 and parts[1].isdigit():
            out.append(f"{parts[1]}:{parts[2]} {parts[3].split('[')[1].split(']')[0]}")
    return out


def no_internal_error(result: Result) -> None:
    assert "internal error" not in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --- integers beyond every bound ----------------------------------------------------------------------------


def test_huge_integers_are_problems_at_their_place(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        here / "a.yaml",
        f"""calendar: Big
timezone: UTC
platforms:
  x:
    max_length: {HUGE}
    max_hashtags: 10000001
habits:
  h:
    every: week
    start: 2026-01-01
    platforms: [x]
    times: {HUGE}
posts:
  - id: p1
    date: 2026-11-01
    title: t
    platform: x
    status: published
    metrics:
      x: {{likes: {HUGE}, comments: 1_000}}
""",
    )
    result = run_cli(["check", "a.yaml", "--today", "2026-11-30"], capsys)
    no_internal_error(result)
    assert result.exit_code == 1
    assert [line for line in lines(result) if not line.endswith("gap")] == [
        "5:17 bad-structure",
        "6:19 bad-structure",
        "12:12 bad-structure",
        "20:18 bad-metrics",
    ]
    assert "`max_length` must be at most 10,000,000, not a number of 5,000 digits" in result.stdout
    assert "`max_hashtags` must be at most 10,000,000, not 10000001" in result.stdout
    assert 'habit "h" › times must be at most 1,000, not a number of 5,000 digits' in result.stdout
    assert "likes has 5,000 digits; a count has at most 15" in result.stdout
    assert HUGE not in result.stdout


def test_huge_integer_in_a_metrics_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        here / "a.yaml",
        "calendar: M\ntimezone: UTC\nplatforms: [x]\nmetrics_files: [m.csv]\nposts:\n"
        "  - {id: p1, date: 2026-11-01, title: t, platform: x, status: published}\n",
    )
    write(here / "m.csv", f"id,platform,likes,views\np1,x,{HUGE},999999999999999\n")
    result = run_cli(["check", "a.yaml", "--today", "2026-11-30"], capsys)
    no_internal_error(result)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "m.csv:2:6: error [bad-metrics] likes has 5,000 digits; a count has at most 15\n"
    )
    assert lines(result) == ["2:6 bad-metrics"]
    report = run_cli(["report", "a.yaml", "--today", "2026-12-05", "-f", "json"], capsys)
    no_internal_error(report)
    assert report.exit_code == 1


# --- dates at the ends of the calendar ----------------------------------------------------------------------

EDGES = """calendar: Edges
timezone: {zone}
platforms: [x]
habits:
  daily:
    every: day
    start: 0001-01-01
    at: "23:45"
    platforms: [x]
  weekly:
    every: week
    start: 0001-01-01
    platforms: [x]
  monthly:
    every: month
    days: [-1]
    start: 0001-01-01
    platforms: [x]
posts:
  - {{date: 0001-01-01, time: "00:10", title: first, platform: x, habit: daily}}
  - {{date: 9999-12-31, time: "23:50", title: last, platform: x, habit: daily}}
  - {{date: 9999-12-31, title: all day, platform: x}}
"""

COMMANDS = [
    ["check"],
    ["check", "-f", "json"],
    ["upcoming"],
    ["upcoming", "-f", "json"],
    ["gaps", "-f", "csv"],
    ["month"],
    ["report"],
    ["report", "-f", "html"],
    ["export", "-f", "ics", "--gaps"],
    ["export", "-f", "csv", "--gaps"],
    ["export", "-f", "json"],
    ["diff", "--today"],
]


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Toronto"])
@pytest.mark.parametrize("today", ["0001-01-01", "0001-02-03", "9999-12-31"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_at_the_ends_of_time(
    here: Path, capsys: pytest.CaptureFixture[str], zone: str, today: str, command: list[str]
) -> None:
    write(here / "calendars" / "a.yaml", EDGES.format(zone=zone))
    args = [*command, today] if command[-1] == "--today" else [*command, "--today", today]
    if command[0] == "diff":
        args = ["diff", "--today", today, "--", "calendars"]
    result = run_cli(args, capsys)
    no_internal_error(result)
    if command[0] == "report" and today == "0001-01-01":
        assert result.exit_code == 2
        assert "there is no full month before 0001-01-01; give the period with --from and --to" in (
            result.stderr
        )
    elif command[0] == "diff":
        assert result.exit_code in (2, 3)  # not a git repository: a clear error, not a crash
    else:
        assert result.exit_code in (0, 1), result.stderr


def test_timed_post_late_on_9999_12_31(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        here / "a.yaml",
        "calendar: Late\ntimezone: America/Toronto\nplatforms: [x]\nposts:\n"
        '  - {date: 9999-12-31, time: "23:50", title: last, platform: x}\n',
    )
    result = run_cli(["export", "a.yaml", "-f", "ics"], capsys)
    no_internal_error(result)
    assert result.exit_code == 0
    assert "DTSTART;TZID=America/Toronto:99991231T235000\r\n" in result.stdout
    assert "DURATION:PT30M\r\n" in result.stdout  # its end, after 9999-12-31, has no date


def test_report_periods_at_year_one(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(here / "a.yaml", EDGES.format(zone="UTC"))
    result = run_cli(["report", "a.yaml", "--from", "0001-01-01", "--to", "0001-01-31"], capsys)
    no_internal_error(result)
    assert result.exit_code == 0
    assert "There is no previous" in result.stdout


# --- names and paths ----------------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8 need a byte file system")
def test_file_name_that_is_not_utf8(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = here / "calendars"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"caf\xe9.yaml")
    with open(name, "wb") as handle:
        handle.write(b"calendar: A\ntimezone: UTC\nplatforms: [x]\nposts:\n  - {date: 2026-12-01, title: t, ")
        handle.write(b"platform: x, habit: nope}\n")
    exported = run_cli(["export", "-f", "json", "--today", "2026-11-30"], capsys)
    no_internal_error(exported)
    assert exported.exit_code == 0
    assert json.loads(exported.stdout)["calendars"][0]["path"] == "calendars/caf\ufffd.yaml"
    checked = run_cli(["check", "-f", "json", "--today", "2026-11-30"], capsys)
    no_internal_error(checked)
    assert checked.exit_code == 1
    assert json.loads(checked.stdout)["problems"][0]["path"] == "calendars/caf\ufffd.yaml"
    text = run_cli(["check", "--today", "2026-11-30"], capsys)
    assert text.stdout.startswith("calendars/caf\ufffd.yaml:5:54: error [unknown-habit]")


# --- the command line ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--today", "20261201xx"], "'20261201xx' is not a date; write it YYYY-MM-DD"),
        (["check", "--today", "20261201"], "'20261201' is not a date; write it YYYY-MM-DD"),
        (["upcoming", "--today", "2026-W49-2"], "'2026-W49-2' is not a date; write it YYYY-MM-DD"),
        (["report", "--from", "２０２６-12-01"], "is not a date; write it YYYY-MM-DD"),
        (["check", "--horizon", "3654"], "3654 is not in the range 1<=x<=3653"),
        (["check", "--horizon", "3000000"], "3000000 is not in the range 1<=x<=3653"),
        (["check", "--horizon", HUGE], "is not a valid int range"),
        (["diff", "--horizon", "3654"], "3654 is not in the range 1<=x<=3653"),
        (["upcoming", "--days", "3654"], "3654 is not in the range 1<=x<=3653"),
        (["gaps", "--days", "3654"], "3654 is not in the range 1<=x<=3653"),
        (
            ["report", "--from", "0001-01-01", "--to", "9999-12-31"],
            "the period has 3652059 days; a report covers at most 3653 (ten years)",
        ),
        (
            ["export", "-f", "json", "--from", "0001-01-01", "--to", "9999-12-31"],
            "slots and gaps from --from (0001-01-01) to --to (9999-12-31) would cover 3,652,059 days; "
            "at most 3,653 (ten years): narrow --from/--to",
        ),
        (
            ["export", "-f", "ics", "--gaps", "--to", "9999-12-31", "--today", "2026-12-01"],
            "slots and gaps from today (2026-12-01) to --to (9999-12-31) would cover",
        ),
    ],
)
def test_bounds_of_the_command_line(
    here: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    write(here / "calendars" / "a.yaml", EDGES.format(zone="UTC"))
    result = run_cli(args, capsys)
    no_internal_error(result)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_posts_export_over_every_year_is_fine(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Posts alone cost what the file holds: only slots and gaps need a bounded range.
    write(here / "calendars" / "a.yaml", EDGES.format(zone="UTC"))
    result = run_cli(["export", "-f", "csv", "--from", "0001-01-01", "--to", "9999-12-31"], capsys)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 4


# --- what a file can make large -----------------------------------------------------------------------------


def test_unknown_habits_name_a_few_of_two_thousand(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    habits = "".join(
        f"  h{i:04d}:\n    every: week\n    start: 2026-01-01\n    platforms: [x]\n" for i in range(2000)
    )
    posts = "".join(f"  - {{date: 2026-11-01, title: t, platform: x, habit: zz{i}}}\n" for i in range(50))
    write(
        here / "a.yaml", "calendar: M\ntimezone: UTC\nplatforms: [x]\nhabits:\n" + habits + "posts:\n" + posts
    )
    result = run_cli(["check", "a.yaml", "--today", "2026-11-30", "--horizon", "1"], capsys)
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "[unknown-habit]" in x)
    assert line.endswith(
        'unknown habit "zz0"; declare it in `habits` '
        "(declared: h0000, h0001, h0002, h0003, h0004 and 1,995 more)"
    )
    assert len(result.stdout) < 600_000  # each of 2,000 messages listed every habit: 33 MB


def test_did_you_mean_among_twenty_thousand_ids(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cmcal.bounds import MAX_SUGGEST_CANDIDATES, Suggester

    ids = [f"post-{i:05d}" for i in range(20_000)]
    known = Suggester(ids)
    assert len(known.pool("post-12345x")) <= MAX_SUGGEST_CANDIDATES
    assert known.close("post-12345x") == "post-12345"  # a typo at the end
    assert known.close("psot-12345") == "post-12345"  # at the start
    assert known.close("zzz") is None
    posts = "".join(
        f"  - {{id: {i}, date: 2026-11-01, title: t, platform: x, status: published}}\n" for i in ids
    )
    write(
        here / "a.yaml",
        "calendar: M\ntimezone: UTC\nplatforms: [x]\nmetrics_files: [m.csv]\nposts:\n" + posts,
    )
    write(here / "m.csv", "id,platform,likes\n" + "".join(f"post-{i * 97:05d}x,x,1\n" for i in range(200)))
    result = run_cli(["check", "a.yaml", "--today", "2026-11-30"], capsys)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[5] == (
        'm.csv:7:1: error [bad-metrics] no post of "M" has the id "post-00485x"; did you mean "post-00485"? '
        "metrics rows name posts by their `id`"
    )


def test_a_wide_metrics_header(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 30,000 columns: the positions of the fields took the square of their number (a 269 KB header: ~50 s).
    write(here / "a.yaml", "calendar: M\ntimezone: UTC\nplatforms: [x]\nmetrics_files: [m.csv]\nposts: []\n")
    write(here / "m.csv", "likës," + ",".join(f"c{i:05d}" for i in range(30_000)) + ",id,platform\n")
    result = run_cli(["check", "a.yaml", "--today", "2026-11-30"], capsys)
    assert result.exit_code == 1
    assert lines(result) == ["1:1 bad-metrics"] + [f"1:{7 + 7 * i} bad-metrics" for i in range(20)]
    assert "m.csv:1:140: error [bad-metrics] 29,981 more unknown columns from here;" in result.stdout
    assert 'unknown column "likës"; did you mean "likes"?' in result.stdout


# --- strict where the contract is ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zone",
    ["localtime", "../../etc/localtime", "/etc/localtime", "posixrules", "Factory", "posix/UTC", "utc"],
)
def test_a_time_zone_is_an_iana_name(here: Path, capsys: pytest.CaptureFixture[str], zone: str) -> None:
    write(here / "a.yaml", f"calendar: Z\ntimezone: {zone}\nplatforms: [x]\n")
    result = run_cli(["check", "a.yaml", "--today", "2026-11-30"], capsys)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"a.yaml:2:11: error [bad-timezone] {zone!r} is not an IANA time zone;")


@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT+5", "US/Eastern", "America/Argentina/Buenos_Aires"])
def test_iana_names_and_links_are_zones(here: Path, capsys: pytest.CaptureFixture[str], zone: str) -> None:
    write(here / "a.yaml", f"calendar: Z\ntimezone: {zone}\nplatforms: [x]\n")
    assert run_cli(["check", "a.yaml", "--today", "2026-11-30"], capsys).exit_code == 0


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom(here: Path, capsys: pytest.CaptureFixture[str], encoding: str) -> None:
    (here / "a.yaml").write_bytes("calendar: A\ntimezone: UTC\nplatforms: [x]\n".encode(encoding))
    result = run_cli(["check", "a.yaml"], capsys)
    assert result.exit_code == 1
    name = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")
    assert result.stdout == (
        f"a.yaml:1:1: error [bad-encoding] the file is {name} (without a byte-order mark); save it as UTF-8\n"
    )


# --- what reaches a terminal --------------------------------------------------------------------------------

ESCAPES = r"""calendar: "Cal\e[31mRED"
timezone: UTC
platforms: [x]
habits:
  h:
    every: day
    start: 2026-12-01
    platforms: [x]
    title: "Hab\e]0;pwned\a"
posts:
  - date: 2026-12-01
    title: "T\e[2Jt\x9b31m [link=http://e.vil]X[/link]"
    platform: x
    habit: h
    owner: "o\e[5m"
    status: published
    id: p1
    metrics: {x: {reach: 10, likes: 1}}
  - {date: 2026-12-01, title: U, platform: x, habit: "zz\e[2J"}
"""


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "-f", "github"],
        ["upcoming"],
        ["gaps"],
        ["month", "2026-12"],
        ["report", "--from", "2026-12-01", "--to", "2026-12-31"],
        ["report", "-f", "markdown", "--from", "2026-12-01", "--to", "2026-12-31"],
    ],
    ids=" ".join,
)
def test_no_escape_sequence_from_a_value_reaches_the_terminal(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    write(here / "a.yaml", ESCAPES)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")  # colours on: Rich's sequences are fine, the calendar's are not
    result = run_cli([*command, "a.yaml", "--today", "2026-12-01"], capsys)
    no_internal_error(result)
    out = result.stdout + result.stderr
    for sequence in ("\x1b[31mRED", "\x1b]0;", "\x1b[2J", "\x9b", "\x1b[5m", "\x07", "\x1b]8;"):
        assert sequence not in out
    assert "?[" in out or "?\\[" in out or "?]" in out or command[0] == "month"  # shown as `?`
