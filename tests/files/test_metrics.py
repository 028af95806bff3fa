"""Metrics CSV files: read with exact positions, merged into posts (`cmcal.files.metrics`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmcal.files.loader import load
from cmcal.files.metrics import metrics_problems, parse_metrics_csv, parse_metrics_file, with_metrics
from cmcal.model import Calendar
from cmcal.problems import Problem

HEADER = "id,platform,date,impressions,reach,likes,comments,shares,saves,clicks,followers\n"

CALENDAR = """\
calendar: Metrics Test
timezone: Europe/Paris
platforms: [instagram, facebook]
metrics_files: [ "metrics/*.csv" ]
posts:
  - id: tarte
    date: 2026-11-02
    platforms: [instagram, facebook]
    title: Tarte
    status: published
    metrics:
      instagram: { reach: 1000, likes: 50 }
  - id: brouillon
    date: 2026-11-03
    platform: instagram
    title: Brouillon
    status: draft
  - id: soupe
    date: 2026-11-04
    platform: facebook
    title: Soupe
    status: published
"""


def found(problems: list[Problem]) -> list[str]:
    return sorted(f"{p.path}:{p.line}:{p.column} {p.code}" for p in problems)


def make(tmp_path: Path, **csv_files: str) -> Calendar:
    (tmp_path / "calendar.yaml").write_text(CALENDAR, encoding="utf-8")
    folder = tmp_path / "metrics"
    folder.mkdir()
    for name, text in csv_files.items():
        (folder / f"{name}.csv").write_bytes(text.encode("utf-8"))
    loaded = load([str(tmp_path / "calendar.yaml")])
    assert loaded.problems == ()
    (calendar,) = loaded.calendars
    return calendar


def test_rows_and_counts() -> None:
    rows, problems = parse_metrics_csv(
        HEADER + "tarte,instagram,2026-11-05,1200,900,61,4,2,,7,12800\n", "m.csv"
    )
    assert problems == []
    (row,) = rows
    assert (row.post_id, row.platform, str(row.date), row.line) == ("tarte", "instagram", "2026-11-05", 2)
    # An empty cell is an unknown count, not a zero: `saves` is absent.
    assert dict(row.counts) == {
        "impressions": 1200,
        "reach": 900,
        "likes": 61,
        "comments": 4,
        "shares": 2,
        "clicks": 7,
        "followers": 12800,
    }


def test_bad_values_point_at_their_field() -> None:
    text = HEADER + "tarte,instagram,2026-11-05,1200,-3,six,4.5,,,,\n"
    rows, problems = parse_metrics_csv(text, "m.csv")
    # Columns: "tarte,instagram,2026-11-05,1200," is 32 characters, so reach starts at column 33.
    assert [(p.line, p.column, p.code) for p in problems] == [
        (2, 33, "bad-metrics"),
        (2, 36, "bad-metrics"),
        (2, 40, "bad-metrics"),
    ]
    assert problems[0].message == "reach is -3; a count cannot be negative"
    assert problems[1].message == "likes must be a count (a whole number of 0 or more), not 'six'"
    assert problems[2].message == "comments must be a count (a whole number of 0 or more), not '4.5'"
    (row,) = rows  # the good counts of the row are kept
    assert dict(row.counts) == {"impressions": 1200}


def test_bad_date_is_bad_date() -> None:
    _, problems = parse_metrics_csv(HEADER + "tarte,instagram,05/11/2026,1,1,1,,,,,\n", "m.csv")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 17, "bad-date")]


def test_header_problems() -> None:
    rows, problems = parse_metrics_csv("id,platform,likez,likes,likes\ntarte,instagram,1,2,3\n", "m.csv")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (
            1,
            13,
            'unknown column "likez"; did you mean "likes"? known columns: id, platform, date, impressions, '
            "reach, likes, comments, shares, saves, clicks, followers, views",
        ),
        (1, 25, 'column "likes" appears twice; keep one'),
    ]
    assert dict(rows[0].counts) == {"likes": 2}


def test_header_without_id_is_refused() -> None:
    rows, problems = parse_metrics_csv("post,platform,likes\ntarte,instagram,3\n", "m.csv")
    assert rows == []
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "bad-metrics"), (1, 1, "bad-metrics")]
    assert "the header has no 'id' column" in problems[1].message


def test_quoted_fields_semicolons_crlf_bom_and_blank_lines() -> None:
    text = (
        '\ufeffid;platform;likes;comments\r\n\r\n"tarte";instagram;"1 2";3\r\n  "soupe" ; facebook ; 7 ;\r\n'
    )
    rows, problems = parse_metrics_csv(text, "m.csv")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, 19, "likes must be a count (a whole number of 0 or more), not '1 2'")  # at its opening quote
    ]
    assert [(r.post_id, r.platform, r.line, dict(r.counts)) for r in rows] == [
        ("tarte", "instagram", 3, {"comments": 3}),
        ("soupe", "facebook", 4, {"likes": 7}),
    ]
    assert rows[1].loc("platform").column == 13


def test_a_quoted_field_may_hold_a_newline_and_the_delimiter() -> None:
    text = 'platform,id,likes\ninstagram,"ta,\nrte",5\nfacebook,soupe,x\n'
    rows, problems = parse_metrics_csv(text, "m.csv")
    assert rows[0].post_id == "ta,\nrte" and rows[0].loc("id").line == 2 and rows[0].loc("id").column == 11
    assert rows[0].loc("likes").line == 3  # the field after the newline is on the next line
    assert [(p.line, p.column) for p in problems] == [(4, 16)]


def test_unclosed_quote_and_extra_fields() -> None:
    _, problems = parse_metrics_csv('id,platform,likes\ntarte,instagram,1,2\nsoupe,"facebook,3\n', "m.csv")
    assert [(p.line, p.column) for p in problems] == [(2, 19), (3, 7)]
    assert problems[0].message.startswith("this row has 4 fields and the header 3")
    assert problems[1].message.startswith("this quote is never closed")


def test_text_after_a_closing_quote() -> None:
    _, problems = parse_metrics_csv('id,platform,likes\n"tarte"x,instagram,1\n', "m.csv")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 8, "bad-metrics")]


def test_encoding_and_size_problems() -> None:
    _, problems = parse_metrics_file(b"id,platform\nt\xe9,instagram\n", "m.csv")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 2, "bad-encoding")]
    rows, problems = parse_metrics_file(b"", "m.csv")
    assert (rows, problems) == ([], [])


def test_csv_completes_inline_metrics_and_wins_on_conflict(tmp_path: Path) -> None:
    calendar = make(
        tmp_path,
        a=HEADER
        # Likes agree with the YAML; impressions and comments are new.
        + "tarte,instagram,2026-11-10,1500,,50,6,,,,\n"
        + "tarte,facebook,2026-11-10,,300,12,,,,,\n"
        + "soupe,facebook,,800,640,30,,,,,\n",
        b=HEADER + "tarte,instagram,2026-11-10,,1100,,,,,,\n",  # reach: 1000 in the YAML, 1100 here
    )
    result = with_metrics(calendar)
    path = str(tmp_path / "metrics" / "b.csv")
    assert found(list(result.problems)) == [f"{path}:2:29 bad-metrics"]
    assert result.problems[0].message == (
        f'reach of "tarte" on instagram is 1000 in `metrics:` ({tmp_path / "calendar.yaml"}:12) and 1100 '
        "here; the CSV value is used; remove one of them"
    )
    tarte, _, soupe = result.calendar.posts
    insta = tarte.metrics["instagram"]
    assert (insta.impressions, insta.reach, insta.likes) == (1500, 1100, 50)
    assert (insta.comments, insta.saves) == (6, None)
    assert tarte.metrics["facebook"].reach == 300
    assert (soupe.metrics["facebook"].reach, soupe.metrics["facebook"].likes) == (640, 30)
    # The calendar given is not changed: the model is frozen, a new calendar is returned.
    assert calendar.posts[0].metrics["instagram"].reach == 1000


def test_the_latest_date_wins_and_same_date_conflicts(tmp_path: Path) -> None:
    calendar = make(
        tmp_path,
        a=HEADER
        + "soupe,facebook,2026-11-20,,700,40,,,,,\n"
        + "soupe,facebook,2026-11-06,,500,20,3,,,,\n"  # older: only its comments survive
        + "soupe,facebook,2026-11-20,,700,41,,,,,\n",  # same date as row 2, other likes: conflict
    )
    result = with_metrics(calendar)
    path = str(tmp_path / "metrics" / "a.csv")
    # "soupe,facebook,2026-11-20,,700," is 31 characters: likes start at column 32.
    assert found(list(result.problems)) == [f"{path}:4:32 bad-metrics"]
    message = result.problems[0].message
    assert (
        message
        == f'likes of "soupe" on facebook is 40 at {path}:2 and 41 here, read on the same date; '
        + ("keep one row, or give each its `date` (the latest is used)")
    )
    m = result.calendar.posts[2].metrics["facebook"]
    assert (m.reach, m.likes, m.comments) == (700, 41, 3)


def test_rows_that_name_nothing_usable(tmp_path: Path) -> None:
    calendar = make(
        tmp_path,
        a=HEADER
        + "tartte,instagram,,,10,1,,,,,\n"
        + "soupe,instagram,,,10,1,,,,,\n"
        + "brouillon,instagram,,,10,1,,,,,\n"
        + ",instagram,,,10,1,,,,,\n",
    )
    problems = metrics_problems(calendar)
    path = str(tmp_path / "metrics" / "a.csv")
    assert found(problems) == [
        f"{path}:2:1 bad-metrics",
        f"{path}:3:7 bad-metrics",
        f"{path}:4:1 bad-metrics",
        f"{path}:5:1 bad-metrics",
    ]
    messages = [p.message for p in sorted(problems, key=lambda p: p.line)]
    assert messages[0] == (
        'no post of "Metrics Test" has the id "tartte"; did you mean "tarte"? '
        "metrics rows name posts by their `id`"
    )
    assert messages[1] == (
        'post "soupe" is not published on "instagram" (its platforms: facebook); fix the platform or the id'
    )
    assert messages[2].startswith('metrics for post "brouillon", which is draft (')
    assert messages[3] == "this row has no post id; write the `id` of a post"
    # Their numbers are not used.
    assert with_metrics(calendar).calendar.posts == calendar.posts


def test_a_calendar_without_metrics_files_is_unchanged(tmp_path: Path) -> None:
    without = CALENDAR.replace('metrics_files: [ "metrics/*.csv" ]\n', "")
    (tmp_path / "c.yaml").write_text(without, encoding="utf-8")
    (calendar,) = load([str(tmp_path / "c.yaml")]).calendars
    result = with_metrics(calendar)
    assert result.calendar is calendar and result.problems == ()


def test_the_example_calendar_metrics_are_clean_and_complete_the_yaml() -> None:
    (calendar,) = load([str(Path(__file__).resolve().parents[2] / "calendars" / "cuisine-express")]).calendars
    assert calendar.metrics_files
    result = with_metrics(calendar)
    assert result.problems == ()
    merged = {p.id: p for p in result.calendar.posts}
    # The YAML has only likes and comments for this post on Facebook; the CSV export brings the rest.
    facebook = merged["tourtiere-du-lac-1101"].metrics["facebook"]
    assert (facebook.likes, facebook.comments, facebook.reach, facebook.shares) == (42, 13, 1108, 40)


@pytest.mark.parametrize("count", ["1e3", "٣", "+5", "0x10"])
def test_only_plain_digits_are_counts(count: str) -> None:
    _, problems = parse_metrics_csv(f"id,platform,likes\ntarte,instagram,{count}\n", "m.csv")
    assert [p.code for p in problems] == ["bad-metrics"]
