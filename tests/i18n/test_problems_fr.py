"""Problem messages in French (`--lang fr-CA`): codes, places and severities stay, the sentence is French."""

from __future__ import annotations

import pytest

from tests.helpers import run_cli

DATA = "tests/data/invalid"


def _lines(capsys: pytest.CaptureFixture[str], name: str) -> list[str]:
    result = run_cli(["--lang", "fr-CA", "check", f"{DATA}/{name}.yaml", "--today", "2026-12-01"], capsys)
    return result.stdout.splitlines()


def test_stale_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _lines(capsys, "stale")[0] == (
        f"{DATA}/stale.yaml:5:11: warning [stale] la publication « Forgotten draft » est datée du 2026-11-20 "
        "(avant aujourd'hui, le 2026-12-01) et son statut est toujours draft ; passez-la à published ou "
        "cancelled, ou déplacez-la"
    )


def test_unknown_references_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _lines(capsys, "references")
    assert (
        f"{DATA}/references.yaml:7:16: error [unknown-platform] plateforme inconnue « tiktok » ; "
        "déclarez ce nom dans `platforms` (déclarés : instagram, facebook)"
    ) in lines
    assert (
        f"{DATA}/references.yaml:8:12: error [unknown-habit] habitude inconnue « daily-recipe » ; "
        "déclarez ce nom dans `habits` (déclarés : aucun)"
    ) in lines
    assert (
        f"{DATA}/references.yaml:11:12: error [unknown-owner] responsable inconnu « zoe » ; "
        "déclarez ce nom dans `team` (déclarés : alice)"
    ) in lines


def test_daylight_saving_in_french_with_quebec_clock(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _lines(capsys, "daylight-saving")
    assert lines[:2] == [
        f"{DATA}/daylight-saving.yaml:6:11: error [nonexistent-time] 2 h 30 le dim. 14 mars 2027 "
        "n'existe pas "
        "dans le fuseau America/Toronto (on avance l'heure cette nuit-là) ; choisissez une autre heure, "
        "par exemple 3 h 30",
        f"{DATA}/daylight-saving.yaml:11:11: warning [ambiguous-time] 1 h 30 le dim. 1 nov. 2026 arrive deux "
        "fois dans le fuseau America/Toronto (on recule l'heure cette nuit-là : UTC-04:00, puis UTC-05:00) ; "
        "cmcal retient la première ; choisissez une autre heure pour en être sûr",
    ]


def test_text_too_long_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _lines(capsys, "text-too-long")[0] == (
        f"{DATA}/text-too-long.yaml:9:11: error [text-too-long] text compte 285 caractères pondérés (un lien "
        "compte pour 23) pour X (x), au-delà de sa limite de 280 ; raccourcissez-le de 5"
    )


def test_gap_and_off_schedule_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _lines(capsys, "habits")
    assert lines[0] == (
        f"{DATA}/habits.yaml:5:3: error [gap] l'habitude « daily-recipe » n'a aucune publication "
        "sur instagram "
        "pour mar. 1 déc. 2026 (11 h 30) ; ajoutez-en 1 ou sautez cette date"
    )
    assert (
        f"{DATA}/habits.yaml:24:11: warning [off-schedule] la publication « Too late for the habit » du "
        "jeu. 3 déc. 2026 est datée d'après la fin de l'habitude « daily-recipe », le mar. 1 déc. 2026 ; "
        "déplacez-la vers un créneau ou retirez son habitude"
    ) in lines


def test_english_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["--lang", "en", "check", f"{DATA}/habits.yaml", "--today", "2026-12-01"], capsys)
    assert result.stdout.splitlines()[0] == (
        f'{DATA}/habits.yaml:5:3: error [gap] habit "daily-recipe" has no post on instagram for '
        "Tue 2026-12-01 (11:30); add one or skip the date"
    )


def test_the_french_example_calendar_checks_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        ["--lang", "fr-CA", "check", "calendars/cuisine-express", "--today", "2026-12-01"], capsys
    )
    where = "calendars/cuisine-express"
    alt = (
        "n'a pas de texte de remplacement, or Instagram et Facebook le publient ; ajoutez `alt:` pour "
        "que les personnes qui utilisent un lecteur d'écran sachent ce que montre le fichier"
    )
    assert result.stdout.splitlines() == [
        f"{where}/calendar.yaml:29:3: warning [gap] l'habitude « weekly-question » n'a aucune publication "
        "sur facebook pour semaine 2026-W51 (du lun. 14 déc. 2026 au dim. 20 déc. 2026) ; ajoutez-en 1",
        f"{where}/calendar.yaml:56:9: warning [gap] l'événement « marche-de-noel » n'a aucune publication "
        "sur facebook pour lun. 14 déc. 2026, le lendemain de l'événement ; ajoutez-en 1",
        f"{where}/posts/2026-11.yaml:297:9: warning [missing-alt] "
        f"« ../media/2026-11/muffins-aux-bleuets-1118.jpg » {alt}",
        f"{where}/posts/2026-12.yaml:92:9: warning [missing-alt] "
        f"« ../media/2026-12/galette-des-rois-1207-1.jpg » {alt}",
    ]
    assert result.stderr.splitlines()[-1] == "1 calendrier dans 3 fichiers : 0 erreur, 4 avertissements"


def test_the_summary_counts_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["--lang", "fr-CA", "check", "tests/data/valid", "--today", "2026-12-01"], capsys)
    assert result.stderr.splitlines()[-1] == "5 calendriers dans 6 fichiers : aucun problème"
    result = run_cli(["--lang", "fr-CA", "check", f"{DATA}/media.yaml", "--today", "2026-12-01"], capsys)
    assert result.stderr.splitlines()[-1] == "1 calendrier dans 1 fichier : 14 erreurs, 3 avertissements"
