"""ICS and CSV texts, `show`, `diff` and the report's campaigns and footer in French (README, "Languages"):
the words cmcal writes itself follow the calendar's language; ids, statuses, codes, CSV columns and
`X-CMCAL-*` values never change with it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import icalendar
import pytest

from tests.cli.test_diff import TODAY as DIFF_TODAY
from tests.cli.test_diff import cuisine, review_changes  # noqa: F401 - cuisine is a fixture used by name
from tests.helpers import run_cli
from tests.review.test_git import GitRepo, git_repo  # noqa: F401 - git_repo is a fixture used by name

BAKERY = """\
calendar: Boulangerie
timezone: America/Toronto
language: fr-CA
platforms:
  instagram: {}
  facebook: {}
team: [alice]
holidays: [CA-QC]
habits:
  pain:
    title: Pain du jour
    every: day
    at: 09:00
    platforms: [instagram]
    start: 2026-12-01
    end: 2026-12-31
    on_holiday: before
    required: true
events:
  salon:
    title: Salon gourmand
    date: 2026-12-04
    location: Montréal
    owner: alice
    posts:
      - { offset: -1, platforms: [facebook] }
campaigns:
  fetes:
    title: Les fêtes
    start: 2026-12-01
    end: 2026-12-24
posts:
  - id: baguette
    date: 2026-12-01
    time: 09:00
    habit: pain
    platform: instagram
    type: photo
    title: Baguette
    text: "Notre baguette #pain"
    owner: alice
    status: published
    campaign: fetes
    tags: [pain]
    link: https://boulangerie.example/baguette
    media: [{ url: https://cdn.example/baguette.jpg, alt: Une baguette }]
    metrics:
      instagram: { impressions: 1000, reach: 800, likes: 40, comments: 4 }
  - id: croissant
    date: 2026-12-02
    time: 09:03
    habit: pain
    platform: instagram
    type: photo
    title: Croissant
    text: "Le croissant #beurre"
    status: scheduled
    media: [{ url: https://cdn.example/croissant.jpg, alt: Un croissant }]
"""
TODAY = ["--today", "2026-12-01"]


@pytest.fixture
def bakery(tmp_path: Path) -> str:
    (tmp_path / "calendar.yaml").write_text(BAKERY, encoding="utf-8")
    return str(tmp_path)


def _run(capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> tuple[str, str]:
    result = run_cli(list(args), capsys)
    assert result.exit_code == code, result.stderr
    return result.stdout, result.stderr


def _events(data: str) -> list[icalendar.cal.Component]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_ics_texts_are_in_the_calendars_language(bakery: str, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(capsys, "export", bakery, "--format", "ics", "--gaps", *TODAY, "--to", "2026-12-04")
    events = _events(out)
    post = next(e for e in events if e["X-CMCAL-KIND"] == "post" and e["X-CMCAL-ID"] == "baguette")
    assert str(post["SUMMARY"]) == "Baguette (instagram)"
    assert str(post["DESCRIPTION"]).split("\n\n") == [
        "Notre baguette #pain",
        "Plateformes : instagram\nType : photo\nHabitude : Pain du jour (pain)\nResponsable : alice\n"
        "Statut : published\nÉtiquettes : pain\nLien : https://boulangerie.example/baguette\n"
        "Calendrier : Boulangerie",
    ]
    gap = next(e for e in events if e["X-CMCAL-KIND"] == "gap" and e.get("X-CMCAL-HABIT") == "pain")
    assert str(gap["SUMMARY"]) == "Créneau non rempli : Pain du jour (instagram)"
    assert str(gap["DESCRIPTION"]) == (
        "L'habitude « pain » (Pain du jour) attend encore des publications pour jeu. 3 déc. 2026 à 9 h 00 :\n"
        "instagram : 0 sur 1 prévues\n"
        "Ce créneau est obligatoire : cmcal check signale ce créneau non rempli comme une erreur.\n"
        "Calendrier : Boulangerie"
    )
    event_gap = next(e for e in events if e["X-CMCAL-KIND"] == "gap" and e.get("X-CMCAL-EVENT") == "salon")
    assert str(event_gap["DESCRIPTION"]).startswith(
        "L'événement « salon » (Salon gourmand) attend encore des publications pour jeu. 3 déc. 2026 :"
    )
    salon = next(e for e in events if e["X-CMCAL-KIND"] == "event")
    assert str(salon["DESCRIPTION"]) == (
        "Événement : Salon gourmand (salon)\nLieu : Montréal\nResponsable : alice\n"
        "Publications promises : 1\nCalendrier : Boulangerie"
    )
    assert [str(c) for c in post["CATEGORIES"].cats] == ["instagram", "pain"]


def test_lang_en_writes_the_ics_in_english(bakery: str, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(
        capsys, "--lang", "en", "export", bakery, "--format", "ics", "--gaps", *TODAY, "--to", "2026-12-03"
    )
    events = _events(out)
    gap = next(e for e in events if e["X-CMCAL-KIND"] == "gap" and e.get("X-CMCAL-HABIT") == "pain")
    assert str(gap["SUMMARY"]) == "Gap: Pain du jour (instagram)"
    assert str(gap["DESCRIPTION"]).startswith(
        'Habit "pain" (Pain du jour) still needs posts for Thu 2026-12-03 at 09:00:'
    )


def test_csv_gap_window_and_preset_notes_in_french(bakery: str, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(capsys, "export", bakery, "--format", "csv", "--gaps", *TODAY, "--to", "2026-12-03")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "calendar", "kind", "id", "uid", "date", "time", "start", "timezone", "platform", "habit", "type",
        "title", "text", "link", "owner", "status", "tags", "window", "missing",
    ]  # fmt: skip
    gaps = [(r["kind"], r["date"], r["window"]) for r in rows if r["kind"] == "gap"]
    assert gaps == [("gap", "2026-12-03", "jeu. 3 déc. 2026"), ("gap", "2026-12-03", "jeu. 3 déc. 2026")]
    args = ["export", bakery, "--format", "csv", "--csv-preset", "hootsuite", "--platform", "instagram"]
    _, err = _run(capsys, *args, "--today", "2026-12-02", code=1)
    assert err.splitlines()[:2] == [
        "cmcal: note: hootsuite : les dates commencent par le jour, JJ/MM/AAAA HH:MM sur 24 heures : "
        "choisissez DD/MM/YYYY sur l'écran d'import de Hootsuite (mois d'abord, 01/12 se lirait 12 janvier) "
        "; les heures sont celles de America/Toronto : le compte Hootsuite doit utiliser ce fuseau horaire",
        f"cmcal: error: {bakery}/calendar.yaml:49 : « Croissant » est à 9 h 03 ; Hootsuite prend les heures "
        "par pas de 5 minutes (:00, :05 …) : déplacez-la",
    ]


def test_show_in_french(bakery: str, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(capsys, "show", "croissant", "--path", bakery, *TODAY)
    assert [line.rstrip() for line in out.splitlines()] == [
        "Croissant — 2026-12-02 9 h 03, scheduled",
        "plateforme             texte                          limite  reste  mots-clics  liens",
        "Instagram (instagram)  20 caractères (unités UTF-16)    2200   2180  1 sur 5     —",
        "aucun problème",
    ]


def test_report_campaigns_and_footer_in_french(bakery: str, capsys: pytest.CaptureFixture[str]) -> None:
    period = ["--from", "2026-12-01", "--to", "2026-12-31"]
    out, _ = _run(capsys, "report", bakery, *period, "--format", "markdown")
    lines = out.splitlines()
    campaigns = lines[lines.index("## Campagnes") :]
    assert campaigns[4:] == [
        "| Campagne | Dates | Publications | Diffusions | Publiés | Interactions | Taux |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        "| Les fêtes (fetes) | 2026-12-01 au 2026-12-24 | 1 | 1 | 1 | 44 | 5,50\u202f% |",
        "",
        "### Les fêtes : interactions par plateforme",
        "",
        "| Plateforme | Publiés | Interactions | Taux |",
        "| --- | ---: | ---: | ---: |",
        "| instagram | 1 | 44 | 5,50\u202f% |",
        "",
        "### Les fêtes : créneaux des événements",
        "",
        "Les événements dont le premier jour tombe dans la campagne, avec toutes leurs publications "
        "promises : les créneaux promis (une publication promise sur chaque plateforme), remplis, publiés, "
        "et remplis ÷ promis.",
        "",
        "| Événement | Promis | Remplis | Publiés | Respect |",
        "| --- | ---: | ---: | ---: | ---: |",
        "| Salon gourmand (salon) | 1 | 0 | 0 | 0,00\u202f% |",
    ]
    html, _ = _run(capsys, "report", bakery, *period, "--format", "html")
    assert "<footer>Fait avec cmcal " in html and '<html lang="fr-CA">' in html


DIFF_FR = """\
## Changements du calendrier, de `HEAD` à l'arbre de travail

1 publication ajoutée, 1 publication supprimée, 1 publication déplacée, 1 publication modifiée, 1 habitude \
modifiée, 3 créneaux non remplis ouverts.

### Cuisine Express

`calendars/cuisine/calendar.yaml`

**Publications**

| Changement | Quand | Publication | Détails |
| --- | --- | --- | --- |
| modification | mer. 2 déc. 2026 11 h 30 | Pâté chinois | owner : aucun → bob ; status : draft → ready |
| déplacement | mar. 1 déc. 2026 11 h 30 → jeu. 3 déc. 2026 11 h 30 | Tourtière du Lac | ouvre un créneau \
non rempli : daily-recipe sur instagram, facebook, mar. 1 déc. 2026 (11 h 30) |
| ajout | sam. 5 déc. 2026 19 h 00 | Bûche de Noël | instagram |
| suppression | mer. 9 déc. 2026 | Your winter dessert? | weekly-question · facebook ; ouvre un créneau non \
rempli : weekly-question sur facebook, semaine 2026-W50 (du lun. 7 déc. 2026 au dim. 13 déc. 2026) |

**Habitudes**

| Changement | Habitude | Détails |
| --- | --- | --- |
| modification | `daily-recipe` | end : 2026-12-04 → 2026-12-05 |

**Créneaux non remplis du lun. 30 nov. 2026 au dim. 13 déc. 2026**

| Changement | Créneau | Habitude | Plateformes | Besoin |
| --- | --- | --- | --- | --- |
| ouvert | mar. 1 déc. 2026 11 h 30 | `daily-recipe` | instagram, facebook | obligatoire |
| ouvert | sam. 5 déc. 2026 11 h 30 | `daily-recipe` | instagram, facebook | obligatoire |
| ouvert | semaine 2026-W50 (du lun. 7 déc. 2026 au dim. 13 déc. 2026) | `weekly-question` | facebook | \
facultatif |
"""


def test_diff_in_french(cuisine: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    review_changes(cuisine)
    out, _ = _run(capsys, "--lang", "fr-CA", "diff", *DIFF_TODAY, "--format", "markdown")
    assert out == DIFF_FR
    table, _ = _run(capsys, "--lang", "fr-CA", "diff", *DIFF_TODAY)
    lines = [line.rstrip() for line in table.splitlines()]
    assert lines[0] == "Changements du calendrier, de HEAD à l'arbre de travail"
    assert lines[6].split() == ["modification", "mer.", "2", "déc.", "2026", "11", "h", "30", "Pâté",
                                "chinois", "owner", ":", "aucun", "→", "bob", ";", "status", ":"]  # fmt: skip
    assert lines[-2:] == [
        "Résumé : 1 publication ajoutée, 1 publication supprimée, 1 publication déplacée, 1 publication",
        "modifiée, 1 habitude modifiée, 3 créneaux non remplis ouverts",
    ]


def test_usage_errors_of_report_and_export_in_french(bakery: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["report", bakery, "--from", "2000-01-01", "--to", "2026-12-01"], capsys)
    assert (result.exit_code, result.stderr) == (
        2,
        "cmcal: la période a 9832 jours ; un rapport en couvre au plus 3653 (dix ans)\n",
    )
    result = run_cli(["export", bakery, "-f", "ics", "--gaps", "--to", "2040-01-01", *TODAY], capsys)
    assert result.exit_code == 2
    assert result.stderr == (
        "cmcal: les créneaux d'aujourd'hui (2026-12-01) à --to (2040-01-01) couvriraient 4\u202f780 jours ; "
        "au plus 3\u202f653 (dix ans) : resserrez --from/--to\n"
    )
