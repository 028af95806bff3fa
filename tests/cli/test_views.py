"""`cmcal upcoming`, `gaps` and `month` as users run them: the example calendars at 80 and 120 columns, the
formats read back, filters, several calendars, a broken calendar beside a good one, and usage errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import Result, run_cli
from tests.views.test_compute import KITCHEN, STUDIO

EXAMPLES = str(Path(__file__).resolve().parents[2] / "calendars")

BROKEN = """\
calendar: Broken
timezone: UTC
platforms: [x]
posts:
  - date: 2026-12-02
    title: [oops
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of brands: two calendars, one in a subfolder."""
    (tmp_path / "studio").mkdir()
    (tmp_path / "kitchen.yaml").write_text(KITCHEN, encoding="utf-8")
    (tmp_path / "studio" / "calendar.yaml").write_text(STUDIO, encoding="utf-8")
    return tmp_path


def cli(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, width: int = 80
) -> Result:
    """Run cmcal in a terminal of `width` columns; trailing spaces of the output are dropped."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = run_cli(args, capsys)
    result.stdout = "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())
    return result


QUICK_START_80 = """\
Tue 2026-12-01 to Mon 2026-12-14: 31 posts, 6 gaps
Date       Time   Calendar  Platform   Title                    Owner  Status
────────────────────────────────────────────────────────────────────────────────
Tue 12-01  09:00  Nordlys   linkedin   Case study: wayfinding   chloe  scheduled
                                       for a city museum
           11:30  Cuisine   instagram  Tartiflette              alice  scheduled
           11:30  Cuisine   facebook   Tartiflette              alice  scheduled
           13:00  Nordlys   x          Tip - kerning            bob    scheduled

Wed 12-02  11:30  Cuisine   instagram  Bouillon de poulet       bob    scheduled
           11:30  Cuisine   facebook   Bouillon de poulet       bob    scheduled
           13:00  Nordlys   x          Tip - palettes           bob    ready
           18:00  Cuisine   facebook   Tourtière : avec ou      bob    scheduled
                                       sans ketchup ?

Thu 12-03  11:30  Cuisine   instagram  Omelette aux fines       alice  scheduled
                                       herbes
           11:30  Cuisine   facebook   Omelette aux fines       alice  scheduled
                                       herbes
           13:00  Nordlys   x          Tip - icons              chloe  ready
           18:30  Nordlys   youtube    Live: a colour palette   bob    scheduled
                                       in 30 minutes

Fri 12-04  08:00  Cuisine   blogue     Réussir sa bûche de      alice  scheduled
                                       Noël
           11:30  Cuisine   instagram  Soupe minestrone         bob    scheduled
           11:30  Cuisine   facebook   Soupe minestrone         bob    scheduled
           13:00  Nordlys   x          Tip - buttons            chloe  draft
           17:00  Cuisine   instagram  Marché de Noël : on y    bob    scheduled
                                       sera !
           17:00  Cuisine   facebook   Marché de Noël : on y    bob    scheduled
                                       sera !

Sat 12-05  11:30  Cuisine   instagram  Brioche à la cannelle    alice  scheduled
           11:30  Cuisine   facebook   Brioche à la cannelle    alice  scheduled
           19:00  Cuisine   instagram  Trois bouchées du temps  bob    ready
                                       des fêtes en 60
                                       secondes

Sun 12-06  11:30  Cuisine   instagram  Mousse au chocolat       bob    scheduled
           11:30  Cuisine   facebook   Mousse au chocolat       bob    scheduled

Mon 12-07  11:30  Cuisine   instagram  Galette des rois         alice  ready
           11:30  Cuisine   facebook   Galette des rois         alice  ready
           13:00  Nordlys   x          missing: Design tip of          GAP
                                       the day

Tue 12-08  09:00  Nordlys   linkedin   Case study: a festival   chloe  draft
                                       identity in six weeks
           11:30  Cuisine   instagram  Dinde farcie             bob    ready
           11:30  Cuisine   facebook   Dinde farcie             bob    ready
           13:00  Nordlys   x          Tip - photos             bob    draft

Wed 12-09  11:30  Cuisine   instagram  Canard à l'orange        alice  ready
           11:30  Cuisine   facebook   Canard à l'orange        alice  ready
           13:00  Nordlys   x          missing: Design tip of          GAP
                                       the day

Thu 12-10  —      Cuisine   facebook   Votre dessert d'hiver ?  alice  draft
           11:30  Cuisine   instagram  Pain d'épices            bob    ready
           11:30  Cuisine   facebook   Pain d'épices            bob    ready
           13:00  Nordlys   x          Tip - motion             bob    idea
           18:00  Cuisine   instagram  Demain, au Marché de     bob    draft
                                       Noël

Fri 12-11  —      Cuisine              Marché de Noël de        bob    EVENT
                                       Québec (day 1 of 3) ·
                                       Place de
                                       l'Hôtel-de-Ville
           08:00  Cuisine   blogue     Dix cadeaux gourmands    bob    draft
                                       faits maison
           11:30  Cuisine   instagram  Tourtière du Lac         alice  ready
           11:30  Cuisine   facebook   Tourtière du Lac         alice  ready
           13:00  Nordlys   x          missing: Design tip of          GAP
                                       the day

Sat 12-12  —      Cuisine              Marché de Noël de        bob    EVENT
                                       Québec (day 2 of 3) ·
                                       Place de
                                       l'Hôtel-de-Ville
           11:30  Cuisine   instagram  Soupe aux pois           bob    ready
           11:30  Cuisine   facebook   Soupe aux pois           bob    ready

Sun 12-13  —      Cuisine              Marché de Noël de        bob    EVENT
                                       Québec (day 3 of 3) ·
                                       Place de
                                       l'Hôtel-de-Ville
           11:30  Cuisine   instagram  Pouding chômeur          alice  draft
           11:30  Cuisine   facebook   Pouding chômeur          alice  draft

Mon 12-14  —      Cuisine   blogue     Le Marché de Noël de     alice  draft
                                       Québec, en photos et en
                                       recettes
           —      Cuisine   facebook   missing: Marché de Noël  bob    GAP
                                       de Québec
           —      Cuisine   facebook   missing: Question de la         GAP
                                       semaine (by Sun 12-20)
           11:30  Cuisine   instagram  Tarte au sucre           bob    draft
           11:30  Cuisine   facebook   Tarte au sucre           bob    draft
           13:00  Nordlys   x          missing: Design tip of          GAP
                                       the day
Ideas in the backlog: Cuisine Express › weekly-question 3 for 1 open slot,
Cuisine Express › marche-de-noel (event) 1 for 1 open slot
"""


MONTH_80 = """\
                                 December 2026
┌───────────┬───────────┬──────────┬──────────┬──────────┬──────────┬──────────┐
│ Mon       │ Tue       │ Wed      │ Thu      │ Fri      │ Sat      │ Sun      │
├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│           │ 1 today   │ 2        │ 3        │ 4        │ 5        │ 6        │
│           │ ig fb li x│ ig fb2 x │ ig fb x  │ ig2 fb2  │ ig2 fb   │ ig fb    │
│           │           │          │ yt       │ bl x     │          │          │
├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│ 7         │ 8         │ 9        │ 10       │ 11       │ 12       │ 13       │
│ ig fb     │ ig fb li x│ ig fb    │ ig2 fb2 x│ EVT      │ EVT      │ EVT      │
│ GAP x     │           │ GAP x    │          │ marche-de│ marche-de│ marche-de│
│           │           │          │          │ -noel    │ -noel    │ -noel    │
│           │           │          │          │ ig fb bl │ ig fb    │ ig fb    │
│           │           │          │          │ GAP x    │          │          │
├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│ 14        │ 15        │ 16       │ 17       │ 18       │ 19       │ 20       │
│ ig fb bl  │ ig fb li2 │ ig fb    │ ig fb yt │ ig fb    │ ig fb    │ ig fb    │
│ GAP fb x  │ blog      │ GAP x    │ GAP x    │ GAP bl x │          │          │
│           │ GAP x     │          │          │          │          │          │
├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│ 21        │ 22        │ 23       │ 24       │ 25       │ 26       │ 27       │
│ ig fb     │ ig fb li  │ ig fb    │ ig fb    │ HOL      │ CLOSED   │ CLOSED   │
│ GAP x     │ GAP x     │ GAP x    │ GAP bl   │          │          │          │
├───────────┼───────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│ 28        │ 29        │ 30       │ 31       │          │          │          │
│ ig fb     │ ig fb li  │ ig fb    │ ig fb    │          │          │          │
│ GAP x     │ GAP x     │ GAP x    │ GAP bl yt│          │          │          │
└───────────┴───────────┴──────────┴──────────┴──────────┴──────────┴──────────┘
ig instagram · fb facebook · bl blogue · li linkedin · yt youtube · ig2: 2 posts
on instagram · GAP: a slot a habit or an event promised that day, left open ·
HOL: a holiday · CLOSED: a blackout · EVT: an event
Holidays: Fri 12-25 Christmas Day (Cuisine Express)
Closed: Sat 12-26 to Sun 12-27 Fermeture des fêtes (Cuisine Express)
Events: Fri 12-11 to Sun 12-13 Marché de Noël de Québec (Cuisine Express)
Week and month slots left open:
  weekly-question (Cuisine) on facebook: Mon 12-14 to Sun 12-20
  weekly-question (Cuisine) on facebook: Mon 12-21 to Fri 12-25
  weekly-question (Cuisine) on facebook: Mon 12-28 to Sun 01-03
December 2026: 50 posts, 22 gaps
"""


GAPS_80 = """\
Tue 2026-12-01 to Mon 2026-12-14: 6 open slots in 3 of 7 habits and events
Events: Fri 12-11 to Sun 12-13 Marché de Noël de Québec (Cuisine Express)

Cuisine Express
blog-friday: 2 of 2 slots filled (100%) · Article du vendredi · owner alice

daily-recipe: 28 of 28 slots filled (100%) · Recette du jour · required

weekly-question: 2 of 3 slots filled (67%)
  Question de la semaine · 3 ideas in the backlog
  week 2026-W51 (Mon 2026-12-14 to Sun 2026-12-20)  —  facebook

event marche-de-noel: 4 of 5 slots filled (80%)
  Marché de Noël de Québec · required · owner bob · 1 idea in the backlog
  Mon 2026-12-14  —  facebook

Nordlys Studio
linkedin-tuesday: 2 of 2 slots filled (100%)
  Tuesday case study · required · owner chloe

live-thursday: 1 of 1 slot filled (100%) · Studio live · owner bob

x-weekday: 6 of 10 slots filled (60%) · Design tip of the day
  Mon 2026-12-07  13:00  x
  Wed 2026-12-09  13:00  x
  Fri 2026-12-11  13:00  x
  Mon 2026-12-14  13:00  x
"""


# --- the example calendars ----------------------------------------------------------------------------------


def test_readme_quick_start_at_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["--lang", "en", "upcoming", EXAMPLES, "--today", "2026-12-01"], capsys, monkeypatch)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == QUICK_START_80


def test_readme_quick_start_at_120_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(
        ["--lang", "en", "upcoming", EXAMPLES, "--today", "2026-12-01"], capsys, monkeypatch, width=120
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].split() == [
        "Date",
        "Time",
        "Calendar",
        "Platform",
        "Habit",
        "Type",
        "Title",
        "Owner",
        "Status",
    ]
    assert lines[3] == (
        "Tue 12-01  09:00  Nordlys   linkedin   linkedin-tuesday  carousel  "
        "Case study: wayfinding for a city    chloe  scheduled"
    )
    assert max(len(line) for line in lines) <= 120
    # The same items as at 80 columns, in the same order.
    narrow = [line.split()[-1] for line in QUICK_START_80.splitlines()[3:] if line.split()[-1:] != []]
    wide = [line.split()[-1] for line in lines[3:] if line.split()[-1:] != []]
    assert [w for w in wide if w in ("GAP", "scheduled", "ready", "draft", "idea")] == [
        n for n in narrow if n in ("GAP", "scheduled", "ready", "draft", "idea")
    ]


def test_month_of_the_examples(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli(["--lang", "en", "month", "2026-12", EXAMPLES, "--today", "2026-12-01"], capsys, monkeypatch)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == MONTH_80


@pytest.mark.parametrize(
    "args",
    [
        ["month", EXAMPLES, "2026-12", "--today", "2026-12-01"],
        ["month", EXAMPLES, "--today", "2026-12-01"],
        ["month", "--today", "2026-12-01", "2026-12", EXAMPLES],
    ],
)
def test_month_argument_may_come_anywhere_and_defaults_to_today(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["--lang", "en", *args], capsys, monkeypatch)
    assert (result.exit_code, result.stdout) == (0, MONTH_80)


def test_month_defaults_to_the_calendars_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    (folder / "calendars").mkdir()
    (folder / "calendars" / "kitchen.yaml").write_text(KITCHEN, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = cli(["month", "2027-01", "--today", "2026-12-02"], capsys, monkeypatch)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].strip() == "January 2027"
    assert "January 2027: 0 posts, 67 gaps" in result.stdout


def test_gaps_of_the_examples(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli(
        ["--lang", "en", "gaps", EXAMPLES, "--today", "2026-12-01", "--days", "14"], capsys, monkeypatch
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == GAPS_80


def test_gaps_default_to_30_days(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli(["--lang", "en", "gaps", EXAMPLES, "--today", "2026-12-01"], capsys, monkeypatch)
    assert result.stdout.startswith(
        "Tue 2026-12-01 to Wed 2026-12-30: 20 open slots in 4 of 8 habits and events\n"
    )


def test_no_colour_when_piped(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    for command in ("upcoming", "gaps", "month"):
        result = cli([command, EXAMPLES, "--today", "2026-12-01"], capsys, monkeypatch)
        assert result.exit_code == 0 and "\x1b" not in result.stdout


# --- formats ------------------------------------------------------------------------------------------------


def test_upcoming_json_and_csv_hold_the_same_items(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["upcoming", EXAMPLES, "--today", "2026-12-01"]
    document = json.loads(cli([*args, "--format", "json"], capsys, monkeypatch).stdout)
    assert (document["version"], document["start"], document["end"]) == (1, "2026-12-01", "2026-12-14")
    items = document["items"]
    assert len(items) == 55
    assert [i["kind"] for i in items].count("gap") == 6
    assert [i["kind"] for i in items].count("event") == 3  # the three days of the Christmas market
    assert items[0] == {
        "date": "2026-12-01",
        "time": "09:00",
        "calendar": "Nordlys Studio",
        "platform": "linkedin",
        "kind": "post",
        "habit": "linkedin-tuesday",
        "type": "carousel",
        "title": "Case study: wayfinding for a city museum",
        "owner": "chloe",
        "status": "scheduled",
        "id": "case-museum-wayfinding",
        "missing": None,
        "times": None,
        "required": None,
        "window": None,
        "window_start": None,
        "window_end": None,
        "event": None,
        "campaign": None,
        "moved_from": None,
        "reason": None,
    }
    assert [(i["date"], i["time"]) for i in items] == sorted(
        ((i["date"], i["time"]) for i in items), key=lambda dt: (dt[0], dt[1] is not None, dt[1] or "")
    )
    monkeypatch.setenv("COLUMNS", "80")
    capsys.readouterr()
    result = run_cli([*args, "-f", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    as_text = [
        {k: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for k, v in i.items()}
        for i in items
    ]
    assert rows == as_text


def test_gaps_json_has_the_coverage_of_each_habit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(["gaps", EXAMPLES, "--today", "2026-12-01", "-f", "json"], capsys, monkeypatch)
    document = json.loads(result.stdout)
    assert {i["kind"] for i in document["items"]} == {"gap"}
    assert len(document["items"]) == 20
    coverage = {
        (h["calendar"], h["habit"]): (h["filled"], h["slots"], h["percent"]) for h in document["habits"]
    }
    assert coverage[("Nordlys Studio", "x-weekday")] == (6, 20, 30)
    # 30 days, less Christmas (`on_holiday: skip`) and the two closed days, on two platforms.
    assert coverage[("Cuisine Express", "daily-recipe")] == (54, 54, 100)


def test_cancelled_posts_only_when_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    args = ["upcoming", str(folder / "kitchen.yaml"), "--today", "2026-12-02", "--days", "1", "-f", "csv"]
    assert "Cancelled thing" not in cli(args, capsys, monkeypatch).stdout
    assert ",Cancelled thing,,cancelled," in cli([*args, "--cancelled"], capsys, monkeypatch).stdout


# --- filters ------------------------------------------------------------------------------------------------


def test_filters(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def titles(*options: str) -> list[tuple[str, str, str]]:
        result = cli(
            ["--lang", "en", "upcoming", EXAMPLES, "--today", "2026-12-01", "-f", "json", *options],
            capsys,
            monkeypatch,
        )
        assert result.exit_code == 0, result.stderr
        return [(i["date"], i["platform"], i["title"]) for i in json.loads(result.stdout)["items"]]

    # An event's days are on no platform: like holidays, they stay beside the platform's posts.
    assert titles("--platform", "youtube") == [
        ("2026-12-03", "youtube", "Live: a colour palette in 30 minutes"),
        ("2026-12-11", None, "Marché de Noël de Québec (day 1 of 3)"),
        ("2026-12-12", None, "Marché de Noël de Québec (day 2 of 3)"),
        ("2026-12-13", None, "Marché de Noël de Québec (day 3 of 3)"),
    ]
    assert titles("-p", "blogue", "-p", "youtube", "--days", "4") == [
        ("2026-12-03", "youtube", "Live: a colour palette in 30 minutes"),
        ("2026-12-04", "blogue", "Réussir sa bûche de Noël"),
    ]
    assert titles("--owner", "chloe", "--platform", "x") == [
        ("2026-12-03", "x", "Tip - icons"),
        ("2026-12-04", "x", "Tip - buttons"),
    ]
    assert {t for _, _, t in titles("--habit", "weekly-question")} == {
        "Tourtière : avec ou sans ketchup ?",
        "Votre dessert d'hiver ?",
        "Question de la semaine",  # the gap of week 51
    }
    assert {p for _, p, _ in titles("--calendar", "NORDLYS STUDIO")} == {"linkedin", "x", "youtube"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--platform", "instagramm"],
            "'instagramm' is not a platform of any calendar read; did you mean 'instagram'?",
        ),
        (["--owner", "alicia"], "'alicia' is not an owner in any calendar read; did you mean 'alice'?"),
        (["--habit", "daily"], "'daily' is not a habit of any calendar read; did you mean 'daily-recipe'?"),
        (["-c", "nordlys"], "'nordlys' is not the name of any calendar read; did you mean 'Nordlys Studio'?"),
    ],
)
def test_a_filter_naming_nothing_is_a_usage_error(
    options: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In English: the first calendar read (Cuisine Express) speaks French, which the run would follow.
    for command in ("upcoming", "gaps", "month"):
        result = cli(
            ["--lang", "en", command, EXAMPLES, "--today", "2026-12-01", *options], capsys, monkeypatch
        )
        assert result.exit_code == 2
        assert message in " ".join(result.stderr.split())
        assert result.stdout == ""


# --- several calendars, and broken ones ---------------------------------------------------------------------


def test_a_folder_of_calendars_is_one_view_with_a_calendar_column(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    result = cli(["upcoming", str(folder), "--today", "2026-12-02", "--days", "1"], capsys, monkeypatch)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Wed 2026-12-02: 4 posts, 2 gaps (1 in required habits)\n"
        "Date       Time   Calendar  Platform   Title                    Owner  Status\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "Wed 12-02  —      Test      blog       Holiday hours                   ready\n"
        "           —      Test      facebook   missing 1 of 2:                 GAP\n"
        "                                       Question of the week\n"
        "                                       (by Sun 12-06)\n"
        "           09:00  Nordlys   linkedin   Case study: a museum     chloe  scheduled\n"
        "           11:30  Test      instagram  Soup                     bob    draft\n"
        "           11:30  Test      facebook   missing: Recipe of the   alice  GAP\n"
        "                                       day\n"
        "           13:00  Nordlys   x          Tip - kerning            bob    ready\n"
    )
    one = cli(
        ["upcoming", str(folder), "--today", "2026-12-02", "--days", "1", "-c", "nordlys studio"],
        capsys,
        monkeypatch,
    )
    assert "Calendar" not in one.stdout.splitlines()[1] and "Holiday" not in one.stdout


def test_a_broken_calendar_beside_a_good_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    broken = (folder / "broken.yaml").as_posix()
    for command, options in (
        ("upcoming", ["-f", "json"]),
        ("gaps", ["-f", "csv"]),
        ("month", []),
        ("upcoming", []),
    ):
        result = cli([command, str(folder), "--today", "2026-12-02", *options], capsys, monkeypatch)
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"{broken}:7:1: error [yaml-syntax] did not find expected ',' or ']' "
            "(while parsing a flow sequence)",
            "cmcal: 1 error in the calendars; the view leaves out what could not be read "
            "(run `cmcal check` for every problem)",
        ]
        assert ("December 2026" if command == "month" else "Nordlys") in result.stdout
    document = json.loads(
        cli(["upcoming", str(folder), "--today", "2026-12-02", "-f", "json"], capsys, monkeypatch).stdout
    )
    assert {i["calendar"] for i in document["items"]} == {"Test Kitchen", "Nordlys Studio"}


def test_a_calendar_with_an_error_shows_what_could_be_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "kitchen.yaml").write_text(
        KITCHEN.replace("date: 2026-12-02\n    habit: daily", "date: 2026-12-32\n    habit: daily"),
        encoding="utf-8",
    )
    result = cli(
        ["upcoming", str(tmp_path), "--today", "2026-12-02", "--days", "1", "-f", "csv"], capsys, monkeypatch
    )
    assert result.exit_code == 1
    assert "kitchen.yaml:30:11: error [bad-date] date 2026-12-32 is not a real date" in result.stderr
    assert "Holiday hours" in result.stdout and "Soup" not in result.stdout


def test_only_broken_calendars(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = cli(["upcoming", str(tmp_path)], capsys, monkeypatch)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.endswith("cmcal: 1 error in the calendars, and no calendar could be read\n")


def test_no_calendar_at_all(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    result = cli(["gaps", str(tmp_path)], capsys, monkeypatch)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "no calendar found in" in result.stderr


# --- usage errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["upcoming", EXAMPLES, "--format", "html"], "'html'; use one of: table, json, csv"),
        (["gaps", EXAMPLES, "--days", "0"], "'--days' / '-d': 0 is not in the range 1<=x<=3653"),
        (["upcoming", EXAMPLES, "--today", "2026-02-30"], "'2026-02-30' is not a date; write it YYYY-MM-DD"),
        (["month", "2026-13", EXAMPLES], "'2026-13' is not a month; write it YYYY-MM"),
        (["month", "2026-12", "2027-01"], "2026-12, 2027-01: give one month (write ./2027-01 for a folder"),
        (["upcoming", "no/such/folder"], "no/such/folder: no such file or folder"),
        (["month", "no/such/folder", "2026-12"], "no/such/folder: no such file or folder"),
    ],
)
def test_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(args, capsys, monkeypatch)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def test_the_last_day_there_is(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for args in (
        ["upcoming", EXAMPLES, "--today", "9999-12-30"],
        ["gaps", EXAMPLES, "--today", "9999-12-31"],
        ["month", "9999-12", EXAMPLES],
    ):
        result = cli(args, capsys, monkeypatch)
        assert result.exit_code == 0, result.stderr
