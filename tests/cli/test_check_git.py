"""`cmcal check --changed-since REV` in real temporary repositories."""

from __future__ import annotations

import pytest

from tests.helpers import run_cli
from tests.review.test_git import GitRepo, calendar, git_repo, post, two_calendars

__all__ = ["git_repo", "two_calendars"]  # fixtures used by name below

TODAY = ["--today", "2026-11-30"]


def test_only_changed_calendars_are_checked(
    two_calendars: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    # Break both calendars, but commit a change only to the cuisine part: nordlys is not checked.
    two_calendars.write("calendars/nordlys.yaml", calendar(name="Nordlys") + "  - date: 2026-02-30\n")
    two_calendars.git("commit", "-qam", "broken nordlys, on main's side too")
    two_calendars.git("branch", "-f", "main")
    two_calendars.write("calendars/cuisine/posts/dec.yaml", "posts:\n" + post("a", "2026-12-32", "Tourtière"))
    result = run_cli(["check", "--changed-since", "main", *TODAY, "--format", "json"], capsys)
    assert result.exit_code == 1
    assert '"path": "calendars/cuisine/posts/dec.yaml"' in result.stdout
    assert "nordlys" not in result.stdout


def test_nothing_changed_checks_nothing(two_calendars: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", "--changed-since", "main", *TODAY], capsys)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no calendar changed since main\n"


def test_a_mistyped_revision_is_a_usage_error(
    two_calendars: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(["check", "--changed-since", "mian", *TODAY], capsys)
    assert result.exit_code == 2
    assert 'did you mean "main"?' in result.stderr
    assert "Traceback" not in result.stderr
