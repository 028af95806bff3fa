"""`cmcal diff` and `cmcal textconv` as users and CI run them, in real temporary git repositories."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.review.test_git import GitRepo, git_repo  # noqa: F401 - git_repo is a fixture used by name

TODAY = ["--today", "2026-11-30"]

ROOT = """\
# Cuisine Express
calendar: Cuisine Express
timezone: America/Toronto
platforms: [instagram, facebook]
habits:
  daily-recipe:
    title: Recipe of the day
    every: day
    at: 11:30
    platforms: [instagram, facebook]
    start: 2026-12-01
    end: 2026-12-04
    required: true
  weekly-question:
    title: Question of the week
    every: week
    platforms: [facebook]
    start: 2026-11-30
    end: 2026-12-13
include: ["posts/*.yaml"]
posts:
  - id: question-49
    date: 2026-12-02
    habit: weekly-question
    platform: facebook
    title: Ketchup or not?
  - id: question-50
    date: 2026-12-09
    habit: weekly-question
    platform: facebook
    title: Your winter dessert?
"""

DECEMBER = """\
posts:
  - id: tourtiere
    date: 2026-12-01
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Tourtière du Lac
    status: scheduled
  - id: pate
    date: 2026-12-02
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Pâté chinois
  - id: soupe
    date: 2026-12-03
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Soupe aux pois
  - id: galette
    date: 2026-12-04
    habit: daily-recipe
    platforms: [instagram, facebook]
    title: Galette des rois
"""

PLAN = ("events", "campaigns", "blackouts", "ideas")
CUISINE = "calendars/cuisine/calendar.yaml"
PART = "calendars/cuisine/posts/2026-12.yaml"


@pytest.fixture
def cuisine(git_repo: GitRepo) -> GitRepo:  # noqa: F811 - the imported fixture, by name
    git_repo.write(CUISINE, ROOT)
    git_repo.write(PART, DECEMBER)
    git_repo.commit("cuisine")
    return git_repo


def review_changes(repo: GitRepo) -> None:
    """The example of the issue: a move that opens a gap, a removed weekly question, an edit, a new post, a
    habit that grows by one day."""
    repo.write(
        PART,
        DECEMBER.replace("    date: 2026-12-01\n", "    date: 2026-12-03\n").replace(
            "    title: Pâté chinois\n", "    title: Pâté chinois\n    status: ready\n    owner: bob\n"
        )
        + "  - id: buche\n    date: 2026-12-05\n    time: 19:00\n    platform: instagram\n"
        "    title: Bûche de Noël\n",
    )
    root = ROOT.replace("    end: 2026-12-04\n", "    end: 2026-12-05\n")
    root = root[: root.index("  - id: question-50")]
    repo.write(CUISINE, root)


GOLDEN_TABLE = """\
Calendar changes from HEAD to the working tree

Cuisine Express  calendars/cuisine/calendar.yaml
Posts
change    when                     post                   details
────────────────────────────────────────────────────────────────────────────────────────────────────
edited    Wed 2026-12-02 11:30     Pâté chinois           owner: none → bob; status: draft → ready
moved     Tue 2026-12-01 11:30 →   Tourtière du Lac       opens a gap: daily-recipe on instagram,
          Thu 2026-12-03 11:30                            facebook, Tue 2026-12-01 (11:30)
added     Sat 2026-12-05 19:00     Bûche de Noël          instagram
removed   Wed 2026-12-09           Your winter dessert?   weekly-question · facebook; opens a gap:
                                                          weekly-question on facebook, week 2026-W50
                                                          (Mon 2026-12-07 to Sun 2026-12-13)

Habits
change    habit          details
─────────────────────────────────────────────────────
changed   daily-recipe   end: 2026-12-04 → 2026-12-05

Gaps from Mon 2026-11-30 to Sun 2026-12-13
change   slot                                       habit             platforms             need
────────────────────────────────────────────────────────────────────────────────────────────────────
opened   Tue 2026-12-01 11:30                       daily-recipe      instagram, facebook   required
opened   Sat 2026-12-05 11:30                       daily-recipe      instagram, facebook   required
opened   week 2026-W50 (Mon 2026-12-07 to Sun       weekly-question   facebook              optional
         2026-12-13)

Summary: 1 post added, 1 post removed, 1 post moved, 1 post edited, 1 habit changed, 3 gaps opened
"""

GOLDEN_MARKDOWN = """\
## Calendar changes from `HEAD` to the working tree

1 post added, 1 post removed, 1 post moved, 1 post edited, 1 habit changed, 3 gaps opened.

### Cuisine Express

`calendars/cuisine/calendar.yaml`

**Posts**

| Change | When | Post | Details |
| --- | --- | --- | --- |
| edited | Wed 2026-12-02 11:30 | Pâté chinois | owner: none → bob; status: draft → ready |
| moved | Tue 2026-12-01 11:30 → Thu 2026-12-03 11:30 | Tourtière du Lac | opens a gap: daily-recipe on \
instagram, facebook, Tue 2026-12-01 (11:30) |
| added | Sat 2026-12-05 19:00 | Bûche de Noël | instagram |
| removed | Wed 2026-12-09 | Your winter dessert? | weekly-question · facebook; opens a gap: weekly-question \
on facebook, week 2026-W50 (Mon 2026-12-07 to Sun 2026-12-13) |

**Habits**

| Change | Habit | Details |
| --- | --- | --- |
| changed | `daily-recipe` | end: 2026-12-04 → 2026-12-05 |

**Gaps from Mon 2026-11-30 to Sun 2026-12-13**

| Change | Slot | Habit | Platforms | Need |
| --- | --- | --- | --- | --- |
| opened | Tue 2026-12-01 11:30 | `daily-recipe` | instagram, facebook | required |
| opened | Sat 2026-12-05 11:30 | `daily-recipe` | instagram, facebook | required |
| opened | week 2026-W50 (Mon 2026-12-07 to Sun 2026-12-13) | `weekly-question` | facebook | optional |
"""


def _rstrip_lines(text: str) -> str:
    """Rich pads cells to the column width; trailing spaces are not part of what the golden text says."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def diff_json(args: list[str], capsys: pytest.CaptureFixture[str], code: int = 0) -> dict[str, object]:
    result = run_cli(["diff", *TODAY, "--format", "json", *args], capsys)
    assert result.exit_code == code, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def changes(data: dict[str, object]) -> list[tuple[str, str | None, str]]:
    """(change, id, title) of every post change, calendars in order."""
    return [(p["change"], p["id"], p["title"]) for c in data["calendars"] for p in c["posts"]]


# --- golden outputs -----------------------------------------------------------------------------------------


def test_golden_table(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    review_changes(cuisine)
    result = run_cli(["diff", *TODAY], capsys)
    assert result.exit_code == 0, result.stderr
    assert _rstrip_lines(result.stdout) == GOLDEN_TABLE
    assert result.stderr == ""


def test_golden_markdown(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    review_changes(cuisine)
    result = run_cli(["diff", *TODAY, "--format", "markdown"], capsys)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == GOLDEN_MARKDOWN


def test_json_shape(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    review_changes(cuisine)
    data = diff_json([], capsys)
    assert list(data) == ["version", "base", "head", "horizon", "summary", "calendars", "problems"]
    assert (data["version"], data["base"], data["head"], data["horizon"]) == (1, "HEAD", None, 14)
    (calendar,) = data["calendars"]
    assert calendar["status"] == "modified" and calendar["today"] == "2026-11-30"
    moved = next(p for p in calendar["posts"] if p["change"] == "moved")
    assert moved == {
        "change": "moved",
        "id": "tourtiere",
        "title": "Tourtière du Lac",
        "habit": "daily-recipe",
        "platforms": ["instagram", "facebook"],
        "old": {"date": "2026-12-01", "time": "11:30", "path": PART, "line": 2},
        "new": {"date": "2026-12-03", "time": "11:30", "path": PART, "line": 2},
        "fields": [],
        "opens": [
            {
                "change": "opened",
                "habit": "daily-recipe",
                "event": None,
                "title": "Recipe of the day",
                "first": "2026-12-01",
                "last": "2026-12-01",
                "at": "11:30",
                "label": "Tue 2026-12-01",
                "platforms": ["instagram", "facebook"],
                "missing": 1,
                "required": True,
            }
        ],
        "closes": [],
    }
    edited = next(p for p in calendar["posts"] if p["change"] == "edited")
    assert edited["fields"] == [
        {"field": "owner", "old": None, "new": "bob"},
        {"field": "status", "old": "draft", "new": "ready"},
    ]
    assert data["summary"] == {
        "calendars_added": 0,
        "calendars_removed": 0,
        "calendars_renamed": 0,
        "posts_added": 1,
        "posts_removed": 1,
        "posts_moved": 1,
        "posts_edited": 1,
        "habits_added": 0,
        "habits_removed": 0,
        "habits_changed": 1,
        "gaps_opened": 3,
        "gaps_closed": 0,
        **{f"{what}_{verb}": 0 for what in PLAN for verb in ("added", "removed", "changed")},
    }
    assert [calendar[what] for what in PLAN] == [[], [], [], []]


def test_no_changes(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["diff", *TODAY], capsys)
    assert result.exit_code == 0
    assert _rstrip_lines(result.stdout) == (
        "Calendar changes from HEAD to the working tree\n\nSummary: no changes\n"
    )
    result = run_cli(["diff", *TODAY, "-f", "markdown"], capsys)
    assert result.stdout == "## Calendar changes from `HEAD` to the working tree\n\nNo changes.\n"


# --- each kind of change, between revisions -----------------------------------------------------------------


def test_each_post_change_between_two_revisions(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    base = cuisine.git("rev-parse", "HEAD").strip()
    review_changes(cuisine)
    cuisine.commit("review")
    cuisine.write(PART, DECEMBER)  # the working tree goes back: it must not matter for two revisions
    data = diff_json([base[:12], "main"], capsys)
    assert (data["base"], data["head"]) == (base[:12], "main")
    assert changes(data) == [
        ("edited", "pate", "Pâté chinois"),
        ("moved", "tourtiere", "Tourtière du Lac"),
        ("added", "buche", "Bûche de Noël"),
        ("removed", "question-50", "Your winter dessert?"),
    ]


def test_habits_added_removed_changed_and_gaps_closed(
    cuisine: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    cuisine.write(
        CUISINE,
        ROOT.replace("    end: 2026-12-13\n", "    end: 2026-12-13\n    skip: [2026-12-01]\n").replace(
            "  daily-recipe:",
            "  live:\n    title: Live\n    rrule: FREQ=WEEKLY;BYDAY=TH\n    platforms: [instagram]\n"
            "    start: 2027-01-07\n  daily-recipe:",
        ),
    )
    cuisine.write(PART, DECEMBER.replace("    date: 2026-12-04\n", "    date: 2026-12-05\n"))
    cuisine.commit()
    cuisine.write(CUISINE, ROOT)  # live removed, skip gone
    cuisine.write(PART, DECEMBER)  # the 4th filled again: its gap closes
    data = diff_json([], capsys)
    (calendar,) = data["calendars"]
    assert [(h["change"], h["habit"]) for h in calendar["habits"]] == [
        ("removed", "live"),
        ("changed", "weekly-question"),
    ]
    assert calendar["habits"][1]["fields"] == [{"field": "skip", "old": ["2026-12-01"], "new": None}]
    assert [(g["change"], g["habit"], g["first"]) for g in calendar["gaps"]] == [
        ("closed", "daily-recipe", "2026-12-04")
    ]
    assert [(p["change"], p["id"], [g["first"] for g in p["closes"]]) for p in calendar["posts"]] == [
        ("moved", "galette", ["2026-12-04"])
    ]


PLANNED = ROOT.replace(
    "include:",
    """holidays: [CA-QC]
blackouts:
  - { from: 2026-12-24, to: 2026-12-26, reason: Fermeture des fêtes }
  - { from: 2027-01-02 }
events:
  salon:
    title: Salon Gourmand
    date: 2026-12-05
    location: Centre des congrès
    posts:
      - { offset: -3, platforms: [instagram] }
      - { offset: 1, platforms: [facebook], at: "18:00" }
  marche:
    title: Marché de Noël
    date: 2026-12-19
campaigns:
  noel: { title: Noël gourmand, start: 2026-12-01, end: 2026-12-24 }
  hiver: { title: Hiver, start: 2027-01-01, end: 2027-02-28 }
ideas:
  - { id: cretons, title: Cretons maison, habit: daily-recipe }
  - { title: Photo du stand, event: salon, platform: instagram }
  - { title: Sondage, platform: facebook }
include:""",
)


def test_plan_changes_by_meaning(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    cuisine.write(CUISINE, PLANNED)
    cuisine.commit("plan")
    cuisine.write(
        CUISINE,
        PLANNED.replace("holidays: [CA-QC]", "holidays: [CA-QC, FR]")
        # the closure moves by a day (same reason: the same closure); the one-day blackout goes
        .replace("from: 2026-12-24, to: 2026-12-26", "from: 2026-12-25, to: 2026-12-27")
        .replace("  - { from: 2027-01-02 }\n", "")
        # the fair moves, changes place and owner, and promises its reminder two days after instead
        .replace(
            "    date: 2026-12-05\n    location: Centre des congrès\n",
            "    date: 2026-12-06\n    end: 2026-12-07\n    location: Place Laurier\n    owner: bob\n",
        )
        .replace('{ offset: 1, platforms: [facebook], at: "18:00" }', "{ offset: 2, platforms: [facebook] }")
        .replace("  marche:\n    title: Marché de Noël\n    date: 2026-12-19\n", "")
        .replace("end: 2026-12-24 }", "end: 2026-12-31 }")
        .replace("  hiver: { title: Hiver, start: 2027-01-01, end: 2027-02-28 }\n", "")
        .replace("title: Cretons maison, habit: daily-recipe", "title: Cretons maison, evergreen: true")
        .replace("  - { title: Sondage, platform: facebook }\n", "  - { title: Quiz, platform: facebook }\n"),
    )
    data = diff_json([], capsys)
    (calendar,) = data["calendars"]
    assert calendar["settings"] == [{"field": "holidays", "old": ["CA-QC"], "new": ["CA-QC", "FR"]}]
    salon_posts_old = [
        {"offset": -3, "platforms": ["instagram"], "at": None, "type": None, "times": 1, "required": False},
        {"offset": 1, "platforms": ["facebook"], "at": "18:00", "type": None, "times": 1, "required": False},
    ]
    salon_posts_new = [salon_posts_old[0], {**salon_posts_old[1], "offset": 2, "at": None}]
    assert calendar["events"] == [
        {"change": "removed", "id": "marche", "title": "Marché de Noël", "fields": []},
        {
            "change": "changed",
            "id": "salon",
            "title": "Salon Gourmand",
            "fields": [
                {"field": "date", "old": "2026-12-05", "new": "2026-12-06"},
                {"field": "end", "old": None, "new": "2026-12-07"},
                {"field": "location", "old": "Centre des congrès", "new": "Place Laurier"},
                {"field": "owner", "old": None, "new": "bob"},
                {"field": "posts", "old": salon_posts_old, "new": salon_posts_new},
            ],
        },
    ]
    assert calendar["campaigns"] == [
        {"change": "removed", "id": "hiver", "title": "Hiver", "fields": []},
        {
            "change": "changed",
            "id": "noel",
            "title": "Noël gourmand",
            "fields": [{"field": "end", "old": "2026-12-24", "new": "2026-12-31"}],
        },
    ]
    assert calendar["blackouts"] == [
        {
            "change": "changed",
            "id": "2026-12-25..2026-12-27",
            "title": "Fermeture des fêtes",
            "fields": [
                {"field": "from", "old": "2026-12-24", "new": "2026-12-25"},
                {"field": "to", "old": "2026-12-26", "new": "2026-12-27"},
            ],
        },
        {"change": "removed", "id": "2027-01-02", "title": "blackout", "fields": []},
    ]
    assert [(i["change"], i["id"], i["fields"]) for i in calendar["ideas"]] == [
        (
            "changed",
            "cretons",
            [
                {"field": "habit", "old": "daily-recipe", "new": None},
                {"field": "platforms", "old": ["instagram", "facebook"], "new": None},
                {"field": "evergreen", "old": False, "new": True},
            ],
        ),
        ("removed", "Sondage", []),
        ("added", "Quiz", []),
    ]
    summary = data["summary"]
    assert [summary[f"{what}_{verb}"] for what in PLAN for verb in ("added", "removed", "changed")] == [
        0, 1, 1,  # events
        0, 1, 1,  # campaigns
        0, 1, 1,  # blackouts
        1, 1, 1,  # ideas
    ]  # fmt: skip
    # The fair's promised posts are slots: their gaps open and close like a habit's (first the reminder
    # of Sun 12-06, then the teaser moves from Wed 12-02 to Thu 12-03).
    assert [(g["change"], g["habit"], g["event"], g["first"], g["platforms"]) for g in calendar["gaps"]] == [
        ("closed", None, "salon", "2026-12-02", ["instagram"]),
        ("opened", None, "salon", "2026-12-03", ["instagram"]),
        ("closed", None, "salon", "2026-12-06", ["facebook"]),
        ("opened", None, "salon", "2026-12-08", ["facebook"]),
    ]

    table = _rstrip_lines(run_cli(["diff", *TODAY], capsys).stdout)
    assert "  calendar holidays: CA-QC → CA-QC, FR\n" in table
    words = " ".join(w for w in table.split() if w.strip("─"))
    assert (
        "Plan change what id details removed event marche Marché de Noël changed event salon date:" in words
    )
    assert (
        "posts: -3 instagram, +1 facebook 18:00 → -3 instagram, +2 facebook removed campaign hiver" in words
    )
    assert "opened Thu 2026-12-03 event salon instagram optional" in words
    markdown = run_cli(["diff", *TODAY, "-f", "markdown"], capsys).stdout
    assert "**Plan**\n\n| Change | What | Id | Details |\n| --- | --- | --- | --- |\n" in markdown
    assert "| removed | blackout | `2027-01-02` | blackout |\n" in markdown
    assert "| changed | campaign | `noel` | end: 2026-12-24 → 2026-12-31 |\n" in markdown
    assert "1 event removed, 1 event changed" in markdown


def test_a_renamed_calendar_is_renamed_not_removed_and_added(
    cuisine: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    cuisine.git("mv", "calendars/cuisine", "calendars/cuisine-express")
    data = diff_json([], capsys)
    (calendar,) = data["calendars"]
    assert (calendar["status"], calendar["old_path"], calendar["new_path"]) == (
        "renamed",
        CUISINE,
        "calendars/cuisine-express/calendar.yaml",
    )
    assert calendar["posts"] == [] and calendar["gaps"] == []
    result = run_cli(["diff", *TODAY], capsys)
    assert "  renamed from calendars/cuisine/calendar.yaml\n" in _rstrip_lines(result.stdout)


def test_calendars_added_and_deleted(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    first = cuisine.commit("same")
    cuisine.write(
        "calendars/nordlys.yaml", ROOT.replace("Cuisine Express", "Nordlys").replace("include:", "x-include:")
    )
    cuisine.write("calendars/nordlys.yaml", ROOT.replace("Cuisine Express", "Nordlys").split("include:")[0])
    second = cuisine.commit("nordlys")
    data = diff_json([first, second], capsys)
    assert [(c["calendar"], c["status"], c["new_posts"]) for c in data["calendars"]] == [
        ("Nordlys", "added", 0)
    ]
    cuisine.git("rm", "-q", "-r", "calendars/cuisine")
    third = cuisine.commit("cuisine goes")
    data = diff_json([second, third], capsys)
    assert [(c["calendar"], c["status"], c["old_posts"]) for c in data["calendars"]] == [
        ("Cuisine Express", "removed", 6)
    ]
    result = run_cli(["diff", *TODAY, second, third], capsys)
    assert "  calendar removed: 6 posts, 2 habits\n" in _rstrip_lines(result.stdout)
    assert "Summary: 1 calendar removed, 6 posts removed, 2 habits removed" in result.stdout


def test_the_first_calendar_of_a_repository(git_repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    git_repo.write("README.md", "hello\n")
    git_repo.commit("no calendars yet")
    git_repo.write(CUISINE, ROOT)
    git_repo.write(PART, DECEMBER)
    data = diff_json([], capsys)
    assert [c["status"] for c in data["calendars"]] == ["added"]


def test_merge_base_with_three_dots(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    cuisine.git("checkout", "-q", "-b", "feature")
    cuisine.write(PART, DECEMBER.replace("Pâté chinois", "Pâté chinois maison"))
    cuisine.commit("feature edit")
    cuisine.git("checkout", "-q", "main")
    cuisine.write(CUISINE, ROOT.replace("Your winter dessert?", "Hot chocolate?"))
    cuisine.commit("main moves on")
    # main...feature: only what the feature branch did since it left main.
    data = diff_json(["main...feature"], capsys)
    assert changes(data) == [("edited", "pate", "Pâté chinois maison")]
    assert data["head"] == "feature" and isinstance(data["base"], str)
    # main feature: main's own change shows, reversed.
    data = diff_json(["main", "feature"], capsys)
    assert sorted(changes(data)) == [
        ("edited", "pate", "Pâté chinois maison"),
        ("edited", "question-50", "Your winter dessert?"),
    ]


def test_paths_after_dashes_limit_the_diff(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    cuisine.write("other/nordlys.yaml", ROOT.replace("Cuisine Express", "Nordlys").split("include:")[0])
    cuisine.write(PART, DECEMBER.replace("Galette des rois", "Galette"))
    assert changes(diff_json(["--", "other"], capsys)) == []
    assert [c["status"] for c in diff_json(["--", "other"], capsys)["calendars"]] == ["added"]
    assert changes(diff_json(["HEAD", "--", "calendars/cuisine"], capsys)) == [
        ("edited", "galette", "Galette")
    ]


# --- include parts and broken sides -------------------------------------------------------------------------


def test_a_broken_working_tree_reports_problems_and_diffs_the_rest(
    cuisine: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    cuisine.write(PART, DECEMBER.replace("    title: Soupe aux pois\n", "    title: [Soupe\n"))
    cuisine.write(CUISINE, ROOT.replace("Your winter dessert?", "Hot chocolate?"))
    result = run_cli(["diff", *TODAY], capsys)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{PART}:18:7: error [yaml-syntax] ")
    assert result.stderr.count("\n") == 1
    out = " ".join(result.stdout.split())
    assert (
        f"not compared: {PART} could not be read (see the problems); its posts and the gaps are left out"
        in out
    )
    assert "edited Wed 2026-12-09 Hot chocolate? title: Your winter dessert? → Hot chocolate?" in out
    assert "removed" not in out  # the broken part's posts are hidden, not removed


def test_a_broken_revision_names_the_revision(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    cuisine.write(
        CUISINE, ROOT.replace("timezone: America/Toronto\n", "timezone: America/Toronto\n  oops: [\n")
    )
    cuisine.commit("broken")
    cuisine.write(CUISINE, ROOT)  # fixed in the working tree
    data = diff_json([], capsys, code=1)
    problems = data["problems"]
    assert isinstance(problems, list) and len(problems) == 1
    assert problems[0]["path"] == f"HEAD:{CUISINE}" and problems[0]["code"] == "yaml-syntax"
    assert problems[0]["line"] >= 3
    assert [(c["status"], c["unreadable"]) for c in data["calendars"]] == [
        ("unreadable", [f"HEAD:{CUISINE}"])
    ]
    result = run_cli(["diff", *TODAY, "-f", "markdown"], capsys)
    assert result.exit_code == 1
    assert "### Problems\n\n- `HEAD:calendars/cuisine/calendar.yaml:" in result.stdout
    assert result.stderr.startswith("HEAD:calendars/cuisine/calendar.yaml:")


def test_parts_moved_between_files(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    # Posts moved from the part into a new part: nothing changed for the reviewer.
    cuisine.remove(PART)
    cuisine.write("calendars/cuisine/posts/2026-12-a.yaml", DECEMBER)
    cuisine.write("calendars/cuisine/posts/notes.yaml", "posts: []\n")
    assert diff_json([], capsys)["calendars"] == []


# --- failures: one line, the right exit code ----------------------------------------------------------------


def test_not_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = run_cli(["diff"], capsys)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"cmcal: {tmp_path} is not in a git repository; run cmcal diff inside a clone\n"


def test_git_missing(
    cuisine: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    result = run_cli(["diff"], capsys)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == "cmcal: git is not installed (or not on PATH); install git to compare revisions\n"


def test_mistyped_revision(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["diff", "mian"], capsys)
    assert result.exit_code == 2
    assert result.stderr == (
        'cmcal: unknown revision "mian": no branch, tag or commit of that name in this repository; '
        'did you mean "main"?\n'
    )


def test_an_option_looking_revision_is_refused(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["diff", "--", "x"], capsys)  # a path, not a revision: fine
    assert result.exit_code == 2 and "x: no such file or folder in HEAD nor the working tree" in result.stderr
    result = run_cli(["diff", "HEAD", "--output=/tmp/x"], capsys)
    assert result.exit_code == 2  # an unknown option to cmcal
    result = run_cli(["diff", "HEAD...-x"], capsys)
    assert result.exit_code == 2 and 'cmcal: "-x" is not a revision' in result.stderr


def test_head_without_commits(git_repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    result = run_cli(["diff"], capsys)
    assert result.exit_code == 3
    assert (
        result.stderr
        == "cmcal: HEAD: the repository has no commit yet; commit the calendars once, then diff\n"
    )


def test_too_many_revisions_and_bad_format(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["diff", "a", "b", "calendars"], capsys)
    assert result.exit_code == 2 and "put paths after --: cmcal diff a b -- calendars" in result.stderr
    result = run_cli(["diff", "--format", "html"], capsys)
    assert result.exit_code == 2 and "use one of: table, json, markdown" in result.stderr


def test_help_shows_the_paths_after_dashes(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["diff", "--help"], capsys)
    assert result.exit_code == 0
    assert "Usage: cmcal diff [OPTIONS] [BASE [HEAD]] [-- PATH...]" in result.stdout


# --- textconv -----------------------------------------------------------------------------------------------


def test_textconv_renders_a_calendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "dec.yaml"
    path.write_text(DECEMBER, encoding="utf-8")
    result = run_cli(["textconv", str(path)], capsys)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "post 2026-12-01 Tourtière du Lac [tourtiere]\n"
        "  platforms: [instagram, facebook]\n"
        "  habit: daily-recipe\n"
        "  status: scheduled\n"
        "\n"
        "post 2026-12-02 Pâté chinois [pate]\n"
    )


@pytest.mark.parametrize(
    "content",
    [
        b"posts: [\n",
        b"\xff\xfe\x00c\x00a\x00l",
        b"calendar: a\ncalendar: b\n",
        b"",
        b"\x00\x01\x02",
        b"- a\n",
    ],
)
def test_textconv_never_fails_and_gives_broken_files_back_as_they_are(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], content: bytes
) -> None:
    from cmcal.__main__ import main

    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    capsysbinary.readouterr()
    assert main(["textconv", str(path)]) == 0
    out, err = capsysbinary.readouterr()
    assert (out, err) == (content, b"")


def test_textconv_of_a_missing_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["textconv", str(tmp_path / "gone.yaml")], capsys)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "gone.yaml: cannot read the file" in result.stderr


def test_git_diff_through_textconv(cuisine: GitRepo) -> None:
    """The README set-up, end to end: `git diff` names the post of each hunk."""
    cuisine.write(".gitattributes", "*.yaml diff=cmcal\n")
    command = f"{shlex.quote(sys.executable)} -m cmcal textconv"
    cuisine.git("config", "diff.cmcal.textconv", command)
    cuisine.write(
        PART, DECEMBER.replace("    title: Soupe aux pois\n", "    title: Soupe aux pois\n    owner: bob\n")
    )
    out = cuisine.git("diff", "--", PART)
    hunk = out[out.index("\n@@ ") :]
    assert " post 2026-12-03 Soupe aux pois [soupe]\n   platforms: [instagram, facebook]\n" in hunk
    assert "   habit: daily-recipe\n+  owner: bob\n" in hunk
    # A field far below its post's header: git's hunk header names the post.
    cuisine.write(
        PART, DECEMBER.replace("Galette des rois\n", "Galette des rois\n" + "    tags: [a]\n    notes: n\n")
    )
    cuisine.commit()
    cuisine.write(
        PART, DECEMBER.replace("Galette des rois\n", "Galette des rois\n" + "    tags: [a]\n    notes: m\n")
    )
    out = cuisine.git("diff", "--", PART)
    assert "@@ post 2026-12-04 Galette des rois [galette]\n" in out
    cuisine.write(PART, "posts: [\n")  # broken: the raw text, and git diff still succeeds
    done = subprocess.run(
        ["git", "diff", "--", PART], cwd=cuisine.path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "+posts: [\n" in done.stdout
