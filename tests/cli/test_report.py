"""`cmcal report` as users run it: exit codes, periods, formats, --output, and what goes to stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.report.test_compute import BAKERY, parse

EXAMPLES = Path(__file__).resolve().parents[2] / "calendars"

CAFE = """\
calendar: Café
timezone: UTC
platforms: [instagram]
posts:
  - { id: latte, date: 2026-11-10, platform: instagram, type: photo, title: Latte art, owner: zoe,
      status: published, metrics: { instagram: { reach: 200, likes: 18, comments: 2 } } }
  - { id: menu, date: 2026-11-20, platform: instagram, type: photo, title: Winter menu, owner: zoe,
      status: published }
"""

# Latte art: 18 likes + 2 comments = 20 engagements for a reach of 200, 10 %. Winter menu has no metrics.
GOLDEN_TABLE = """\
Café: report for 2026-11-01 to 2026-11-30
30 days, dates local to UTC; calendar file cafe.yaml. Compared with the previous period, 2026-10-01
to 2026-10-31.

Summary and change since the previous period
Figure                       This period   Previous period   Change
───────────────────────────────────────────────────────────────────
Posts (not cancelled)                  2                 0       +2
Posts published                        2                 0       +2
Habit adherence                        —                 —        —
Engagements                           20                 —        —
Engagement rate (by reach)        10.00%                 —        —

Changes of percentages are in percentage points (pp). —: no figure to compare.

Habit adherence
This calendar has no habits, so there is no promise to measure adherence against. Declare your
recurring posts under habits: (a daily recipe, a weekly question…) to follow them.

Content mix
2 publications (2 posts; one publication is one post on one platform), by content type, whatever
their status; cancelled posts are left out.

Type    instagram   Total     Share
───────────────────────────────────
photo           2       2   100.00%
───────────────────────────────────
Total           2       2   100.00%

Workload per owner
Owner   Posts   Publications   Published   Ready or scheduled   Idea or draft
─────────────────────────────────────────────────────────────────────────────
zoe         2              2           2                    0               0

Engagement (rate by reach)
Engagements = likes + comments + shares + saves, as the platforms reported them (a count a platform
did not give is left out, never read as zero). Rate = engagements ÷ reach. The rate of a group is
the ratio of sums: its total engagements ÷ its total reach, so bigger posts weigh more; the mean of
the posts' own rates ("mean rate") is shown beside it. "No data": a published post on a platform
without reach or without any of those counts; it is counted apart, never as zero.

Overall: 10.00% (ratio of sums: 20 engagements ÷ 200 reach); mean rate 10.00%; 1 publication with
data, 1 with no data.

By platform
Platform    Published   With data   No data   Engagements   Reach     Rate   Mean rate
──────────────────────────────────────────────────────────────────────────────────────
instagram           2           1         1            20     200   10.00%      10.00%

By content type
Type    Published   With data   No data   Engagements   Reach     Rate   Mean rate
──────────────────────────────────────────────────────────────────────────────────
photo           2           1         1            20     200   10.00%      10.00%

By habit
Habit        Published   With data   No data   Engagements   Reach     Rate   Mean rate
───────────────────────────────────────────────────────────────────────────────────────
(no habit)           2           1         1            20     200   10.00%      10.00%

Top posts
#   Date         Post        Platform    Engagements   Reach     Rate
─────────────────────────────────────────────────────────────────────
1   2026-11-10   Latte art   instagram            20     200   10.00%
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("cafe.yaml").write_text(CAFE, encoding="utf-8")
    Path("bakery.yaml").write_text(BAKERY, encoding="utf-8")
    return tmp_path


def test_table_at_a_fixed_width(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["report", "cafe.yaml", "--today", "2026-12-01"], capsys)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n" == GOLDEN_TABLE


@pytest.mark.parametrize(
    ("args", "period"),
    [
        (["--today", "2026-12-01"], ("2026-11-01", "2026-11-30")),  # the last full month before today
        (["--today", "2026-12-31"], ("2026-11-01", "2026-11-30")),
        (["--today", "2027-01-01"], ("2026-12-01", "2026-12-31")),
        (["--from", "2026-11-16", "--today", "2026-11-20"], ("2026-11-16", "2026-11-20")),  # up to today
        (["--to", "2026-11-20"], ("2026-11-01", "2026-11-20")),  # from the first of that month
        (["--from", "2026-11-02", "--to", "2026-11-08"], ("2026-11-02", "2026-11-08")),
    ],
)
def test_periods(
    here: Path, capsys: pytest.CaptureFixture[str], args: list[str], period: tuple[str, str]
) -> None:
    result = run_cli(["report", "bakery.yaml", "--format", "json", *args], capsys)
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)["calendars"][0]["period"]
    assert (got["from"], got["to"]) == period


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-01"], "'2026-13-01' is not a date; write it YYYY-MM-DD"),
        (["--from", "2026-11-30", "--to", "2026-11-01"], "2026-11-01 is before --from 2026-11-30"),
        (["--format", "pdf"], "'pdf'; use one of: table, markdown, json, html"),
        (["--rate", "likes"], "'likes'; use one of: reach, impressions, followers"),
        (
            ["--from", "2026-12-15", "--today", "2026-12-01"],
            "--from 2026-12-15 is after today (2026-12-01); give --to too",
        ),
        (["--from", "2000-01-01", "--to", "2026-01-01"], "a report covers at most 3653 (ten years)"),
        (["nowhere.yaml"], "nowhere.yaml: no such file or folder"),  # with bakery.yaml, which exists
    ],
)
def test_usage_errors_exit_2(
    here: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    result = run_cli(["report", "bakery.yaml", *args], capsys)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_rate_option_names_the_denominator(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        ["report", "bakery.yaml", "--today", "2026-12-01", "--rate", "impressions", "-f", "markdown"], capsys
    )
    assert result.exit_code == 0
    assert "## Engagement (rate by impressions)" in result.stdout
    # No post of the bakery reports impressions: every publication has no data, and says so.
    assert "none of the 4 publications of published posts has metrics with impressions" in result.stdout


def test_output_writes_the_file_atomically(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        ["report", "bakery.yaml", "--today", "2026-12-01", "-f", "html", "-o", "out.html"], capsys
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "wrote out.html\n")
    page = Path("out.html").read_text(encoding="utf-8")
    assert "Test Bakery: report for 2026-11-01 to 2026-11-30" in " ".join(parse(page).text)
    assert [p.name for p in here.iterdir() if p.name.startswith(".cmcal-")] == []  # no temporary file left

    result = run_cli(["report", "cafe.yaml", "--today", "2026-12-01", "-o", "out.txt"], capsys)
    assert result.exit_code == 0
    assert (
        Path("out.txt").read_text(encoding="utf-8").splitlines()[0]
        == "Café: report for 2026-11-01 to 2026-11-30"
    )

    result = run_cli(["report", "cafe.yaml", "--today", "2026-12-01", "-o", "missing/out.txt"], capsys)
    assert result.exit_code == 3
    assert result.stderr.startswith("cmcal: missing/out.txt: cannot write: ")


def test_metrics_problems_are_reported_and_fail(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("bakery.yaml").write_text(
        BAKERY.replace("report:", 'metrics_files: ["metrics.csv"]\nreport:'), encoding="utf-8"
    )
    Path("metrics.csv").write_text(
        "id,platform,reach,likes\np3,instagram,500,-2\np9,instagram,1,1\n", encoding="utf-8"
    )
    result = run_cli(["report", "bakery.yaml", "--today", "2026-12-01", "-f", "json"], capsys)
    assert result.exit_code == 1
    assert result.stderr == (
        "metrics.csv:2:18: error [bad-metrics] likes is -2; a count cannot be negative\n"
        'metrics.csv:3:1: error [bad-metrics] no post of "Test Bakery" has the id "p9"; '
        "metrics rows name posts by their `id`\n"
        "cmcal: 2 errors in the calendars; the report leaves out what could not be read "
        "(run `cmcal check` for every problem)\n"
    )
    # The report is still made, with what could be read: Brioche (p3) now has a reach and no engagement count.
    overall = json.loads(result.stdout)["calendars"][0]["engagement"]["overall"]
    assert (overall["with_data"], overall["no_data"]) == (3, 1)


def test_no_calendar(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("empty").mkdir()
    result = run_cli(["report", "empty"], capsys)
    assert result.exit_code == 1
    assert result.stderr.startswith("cmcal: no calendar found in empty; ")


def test_the_documented_example_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    result = run_cli(
        [
            "--lang",
            "en",
            "report",
            str(EXAMPLES),
            "--today",
            "2026-12-01",
            "--format",
            "html",
            "-o",
            str(out),
        ],
        capsys,
    )
    assert result.exit_code == 0, result.stderr
    page = parse(out.read_text(encoding="utf-8"))
    text = " ".join(page.text)
    assert "Cuisine Express: report for 2026-11-01 to 2026-11-30" in text
    assert "Nordlys Studio: report for 2026-11-01 to 2026-11-30" in text
    assert len(page.charts) >= 4


def test_json_to_stdout(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        ["report", "bakery.yaml", "cafe.yaml", "--from", "2026-11-01", "--to", "2026-11-30", "-f", "json"],
        capsys,
    )
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert [c["calendar"] for c in data["calendars"]] == ["Test Bakery", "Café"]
