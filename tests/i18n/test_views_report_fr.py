"""Views and report in French (`--lang fr-CA`): Québec dates, times and numbers, French words."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.helpers import run_cli

CALENDAR = "calendars/cuisine-express"
TODAY = ["--today", "2026-12-01"]
NOVEMBER = ["--from", "2026-11-01", "--to", "2026-11-30"]


def _fr(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    result = run_cli(["--lang", "fr-CA", *args], capsys)
    assert result.exit_code == 0, result.stderr
    return [line.rstrip() for line in result.stdout.splitlines()]


def test_upcoming_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _fr(capsys, "upcoming", CALENDAR, *TODAY, "--days", "7")
    assert lines[0] == "mar. 1 déc. 2026 au lun. 7 déc. 2026 : 11 publications, 0 créneau non rempli"
    assert lines[1].split() == ["Date", "Heure", "Plateforme", "Type", "Titre", "Responsab…", "Statut"]
    assert (
        lines[3]
        == "mar. 1 déc.  11 h 30  instagram   photo     Tartiflette" + " " * 24 + "alice       scheduled"
    )
    assert (
        "ven. 4 déc.  8 h 00   blogue      article   Réussir sa bûche de Noël           alice       scheduled"
        in lines
    )


def test_gaps_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _fr(capsys, "gaps", CALENDAR, *TODAY, "--days", "14")
    assert lines[0] == (
        "mar. 1 déc. 2026 au lun. 14 déc. 2026 : 2 créneaux ouverts dans 2 sur 4 habitudes et événements"
    )
    assert (
        "blog-friday : 2 sur 2 créneaux remplis (100\u202f%) · Article du vendredi · responsable alice"
    ) in lines
    assert "daily-recipe : 28 sur 28 créneaux remplis (100\u202f%) · Recette du jour · obligatoire" in lines
    assert (
        "weekly-question : 2 sur 3 créneaux remplis (67\u202f%) · Question de la semaine · 3 idées en réserve"
    ) in lines
    assert "événement marche-de-noel : 4 sur 5 créneaux remplis (80\u202f%)" in lines


def test_month_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _fr(capsys, "month", "2026-12", CALENDAR, *TODAY)
    assert lines[0].strip() == "décembre 2026"
    assert lines[2].replace("│", " ").split() == ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
    assert "1 auj." in lines[4]
    assert "Créneaux de semaine et de mois restés vides :" in lines
    assert "  weekly-question sur facebook : lun. 14 déc. au dim. 20 déc." in lines
    assert lines[-1] == "décembre 2026 : 36 publications, 7 créneaux non remplis"


def test_report_markdown_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _fr(capsys, "report", CALENDAR, *NOVEMBER, "--format", "markdown")
    assert lines[0] == "# Cuisine Express : rapport du 1er novembre 2026 au 30 novembre 2026"
    assert lines[2].startswith("30 jours, dates à l'heure locale de America/Toronto ; fichier du calendrier ")
    assert lines[2].endswith(
        "Comparaison avec la période précédente, du 1er octobre 2026 au 31 octobre 2026."
    )
    assert "## Résumé et évolution depuis la période précédente" in lines
    assert "| Publications (non annulées) | 32 | 0 | +32 |" in lines
    assert "| Respect des habitudes | 100,00\u202f% | — | — |" in lines
    assert "| Interactions | 14\u202f906 | — | — |" in lines
    assert "| Taux d'interaction (par reach) | 7,94\u202f% | — | — |" in lines
    assert "| photo | 22 | 22 | 0 | 44 | 70,97\u202f% |" in lines


def test_report_table_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _fr(capsys, "report", CALENDAR, *NOVEMBER)
    assert lines[0] == "Cuisine Express : rapport du 1er novembre 2026 au 30 novembre 2026"
    assert "Résumé et évolution depuis la période précédente" in lines
    assert "Interactions                            14\u202f906                    —           —" in lines


class _Root(HTMLParser):
    """The attributes of the page's root element, `<html>`."""

    def __init__(self) -> None:
        super().__init__()
        self.root: dict[str, str | None] | None = None
        self.first_tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.first_tag is None:
            self.first_tag = tag
            self.root = dict(attrs)


def _root(page: str) -> tuple[str | None, dict[str, str | None] | None]:
    parser = _Root()
    parser.feed(page)
    parser.close()
    return parser.first_tag, parser.root


@pytest.mark.parametrize(("lang", "tag"), [("fr-CA", "fr-CA"), ("fr-FR", "fr-FR"), ("en", "en")])
def test_html_report_root_says_its_language(capsys: pytest.CaptureFixture[str], lang: str, tag: str) -> None:
    result = run_cli(["--lang", lang, "report", CALENDAR, *NOVEMBER, "--format", "html"], capsys)
    assert result.exit_code == 0, result.stderr
    first, attrs = _root(result.stdout)
    assert first == "html"
    assert attrs == {"lang": tag}


def test_french_html_report_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    page = "\n".join(_fr(capsys, "report", CALENDAR, *NOVEMBER, "--format", "html"))
    assert "<title>Rapport : Cuisine Express (1er novembre 2026 au 30 novembre 2026)</title>" in page
    assert "<h2>Respect des habitudes</h2>" in page
    assert "<title>Recette du jour · instagram : 100,00\u202f%</title>" in page
    assert '<p class="warning" role="note">' not in page or "<strong>Attention :</strong>" in page
