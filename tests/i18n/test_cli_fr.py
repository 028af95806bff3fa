"""The run's own messages in French: usage errors (Click's frame included), refusals and results of the
commands that write, and summaries. Codes, options and exit codes stay as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

CALENDAR = """\
calendar: Boulangerie
language: fr-CA
timezone: America/Toronto
platforms: [instagram]
posts:
  - id: croissants
    date: 2026-12-02
    title: Croissants
    platform: instagram
    status: draft
"""


def _calendar(tmp_path: Path) -> Path:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR, encoding="utf-8")
    return path


def test_a_bad_option_value_is_a_french_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["--lang", "fr-CA", "check", "--today", "12/01/2026"], capsys)
    assert result.exit_code == 2
    assert result.stderr == (
        "Utilisation : cmcal check [OPTIONS] [PATH...]\n"
        "Essayez « cmcal check -h » pour l'aide.\n"
        "\n"
        "Erreur : Valeur non valide pour --today : '12/01/2026' n'est pas une date ; écrivez-la AAAA-MM-JJ\n"
    )


def test_a_bad_choice_in_french_and_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["--lang", "fr", "check", "--format", "yaml"], capsys)
    assert result.stderr.splitlines()[-1] == (
        "Erreur : Valeur non valide pour --format : 'yaml' ; utilisez l'une de ces valeurs : text, json, "
        "github"
    )
    result = run_cli(["check", "--format", "yaml"], capsys)
    assert (
        result.stderr.splitlines()[-1]
        == "Error: Invalid value for --format: 'yaml'; use one of: text, json, github"
    )


def test_set_says_what_it_wrote_in_the_calendars_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _calendar(tmp_path)
    result = run_cli(
        ["set", "croissants", "title=Croissants chauds", "--path", str(path), "--today", "2026-12-01"], capsys
    )
    assert (result.exit_code, result.stdout) == (0, f"{path}:6 écrit\n")
    result = run_cli(["--lang", "en", "set", "croissants", "title=Croissants", "--path", str(path)], capsys)
    assert (result.exit_code, result.stdout) == (0, f"wrote {path}:6\n")


def test_a_refused_edit_says_why_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _calendar(tmp_path)
    result = run_cli(
        ["set", "croissants", "platforms=tiktok", "--path", str(path), "--today", "2026-12-01"], capsys
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "cmcal: le changement ajouterait 1 erreur ; rien n'a été écrit :\n"
        f"  {path}:9:15: error [unknown-platform] plateforme inconnue « tiktok » ; déclarez ce nom dans "
        "`platforms` (déclarés : instagram)\n"
    )
    assert path.read_text(encoding="utf-8") == CALENDAR
    result = run_cli(["set", "brioche", "status=ready", "--path", str(path)], capsys)
    assert (result.exit_code, result.stderr) == (
        2,
        "cmcal: brioche : aucune publication n'a cet identifiant, et ce n'est pas le CHEMIN:LIGNE d'une "
        "publication\n",
    )


def test_export_summary_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _calendar(tmp_path)
    out = tmp_path / "out.csv"
    result = run_cli(
        ["export", str(path), "--format", "csv", "--output", str(out), "--today", "2026-12-01"], capsys
    )
    assert (result.exit_code, result.stderr) == (0, f"{out} écrit (1 publication)\n")


def test_a_view_without_calendars_says_so_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.yaml").write_text("- une liste\n", encoding="utf-8")
    result = run_cli(["--lang", "fr-CA", "upcoming", str(tmp_path), "--today", "2026-12-01"], capsys)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "cmcal: 1 erreur dans les calendriers, et aucun calendrier n'a pu être lu"
    )


def test_a_filter_typo_suggests_the_known_value_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _calendar(tmp_path)
    result = run_cli(["upcoming", str(path), "--platform", "instagrm", "--today", "2026-12-01"], capsys)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Erreur : Valeur non valide pour --platform : 'instagrm' n'est une plateforme d'aucun calendrier "
        "lu ; vouliez-vous dire 'instagram' ?"
    )
