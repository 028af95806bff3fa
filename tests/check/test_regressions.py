"""Bugs the copies of one concept caused, and problems that must not cascade (each as users see it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

HEAD = "calendar: C\ntimezone: America/Toronto\nplatforms: [instagram]\n"


def check(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli(["check", str(path), "--today", "2026-12-31", "--horizon", "1"], capsys)
    prefix = f"{path}:"
    return [line.removeprefix(prefix) for line in result.stdout.splitlines()]


def test_an_rrule_whose_occurrences_all_fall_after_until_once_at_applies_is_bad_rrule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEAD + (
        "habits:\n  live:\n    rrule: FREQ=DAILY;UNTIL=20270101T080000\n    at: 09:00\n"
        "    platforms: [instagram]\n    start: 2027-01-01\n"
    )
    assert check(tmp_path, text, capsys) == [
        '6:12: error [bad-rrule] habit "live" › rrule: UNTIL=20270101T080000 ends before the habit\'s start '
        "(2027-01-01 at 09:00), so it never occurs; move UNTIL or the habit's start"
    ]
    # At 08:00 it occurs once: fine.
    assert check(tmp_path, text.replace("at: 09:00", "at: 08:00"), capsys) == []


def test_a_habit_with_an_error_in_one_field_is_still_declared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEAD + (
        "habits:\n  recette:\n    every: daily\n    platforms: [instagram]\n    start: 2027-01-01\n"
        "posts:\n  - {date: 2027-01-01, platform: instagram, habit: recete, title: A}\n"
        "  - {date: 2027-01-02, platform: instagram, habit: recette, title: B}\n"
    )
    assert check(tmp_path, text, capsys) == [
        '6:12: error [bad-structure] habit "recette" › every "daily" is not known; did you mean "day"? '
        "use one of: day, weekday, week, month",
        '10:52: error [unknown-habit] unknown habit "recete"; did you mean "recette"? '
        "declare it in `habits` (declared: recette)",
    ]


def test_a_platform_with_an_error_in_one_field_is_still_declared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "calendar: C\ntimezone: America/Toronto\nplatforms:\n  blogue: {max_length: long}\n"
        "posts:\n  - {date: 2027-01-01, platform: blogue, title: A}\n"
        "  - {date: 2027-01-02, platform: bloge, title: B}\n"
    )
    assert check(tmp_path, text, capsys) == [
        "4:24: error [bad-structure] `max_length` must be a whole number of at least 0, not 'long'",
        '7:34: error [unknown-platform] unknown platform "bloge"; did you mean "blogue"? '
        "declare it in `platforms` (declared: blogue)",
    ]


def test_one_daylight_saving_wording_for_a_post_and_a_habit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEAD + (
        "habits:\n  nuit:\n    every: day\n    at: 02:30\n    platforms: [instagram]\n    start: 2027-03-14\n"
        "    end: 2027-03-14\n"
        "posts:\n  - {date: 2027-03-14, time: 02:30, platform: instagram, habit: nuit, title: A}\n"
    )
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli(["check", str(path), "--today", "2027-03-13", "--horizon", "7"], capsys)
    lines = [line.removeprefix(f"{path}:") for line in result.stdout.splitlines()]
    assert lines == [
        '7:9: error [nonexistent-time] habit "nuit" at 02:30 on Sun 2027-03-14 does not exist in '
        "America/Toronto (the clocks spring forward that night); pick another time, e.g. 03:30, "
        "or skip the date",
        "12:30: error [nonexistent-time] 02:30 on Sun 2027-03-14 does not exist in America/Toronto "
        "(the clocks spring forward that night); pick another time, e.g. 03:30",
    ]
