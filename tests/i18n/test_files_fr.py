"""The file reader's and builder's messages in French: syntax errors, unknown keys, values, usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

DATA = "tests/data/invalid"


def _check(capsys: pytest.CaptureFixture[str], *paths: str, lang: str | None = "fr-CA") -> list[str]:
    args = ["--lang", lang] if lang else []
    result = run_cli([*args, "check", *paths, "--today", "2026-12-01"], capsys)
    return result.stdout.splitlines()


def test_yaml_syntax_error_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, f"{DATA}/yaml-syntax.yaml") == [
        f"{DATA}/yaml-syntax.yaml:4:6: error [yaml-syntax] la « , » ou le « ] » attendu est introuvable "
        "(en lisant une liste entre crochets)"
    ]


def test_unknown_key_with_its_suggestion_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, f"{DATA}/unknown-key.yaml") == [
        f"{DATA}/unknown-key.yaml:4:1: error [unknown-key] clé inconnue « habbits » dans le calendrier ; "
        "vouliez-vous dire « habits » ?",
        f"{DATA}/unknown-key.yaml:8:5: error [unknown-key] clé inconnue « titel » dans une publication ; "
        "vouliez-vous dire « title » ?",
    ]


def test_bad_dates_and_duplicate_keys_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, f"{DATA}/bad-date.yaml")[:2] == [
        f"{DATA}/bad-date.yaml:5:11: error [bad-date] date 2026-02-30 n'est pas une date réelle "
        "(vérifiez le mois et le jour)",
        f"{DATA}/bad-date.yaml:8:11: error [bad-date] date '12/01/2026' n'est pas une date ; écrivez-la "
        "AAAA-MM-JJ, par exemple 2026-12-01",
    ]
    assert _check(capsys, f"{DATA}/duplicate-key.yaml") == [
        f"{DATA}/duplicate-key.yaml:8:5: error [duplicate-key] clé « title » en double (la première à la "
        "ligne 7) ; n'en gardez qu'une"
    ]


def test_a_bad_metric_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        f"{DATA}/bad-metrics.yaml:11:38: error [bad-metrics] reach doit être un compteur (un nombre entier, "
        "0 ou plus), pas 'lots'"
    ) in _check(capsys, f"{DATA}/bad-metrics.yaml")


def test_a_missing_path_is_a_french_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["--lang", "fr-CA", "check", "no-such-calendar"], capsys)
    assert (result.exit_code, result.stderr) == (
        2,
        "cmcal: no-such-calendar : aucun fichier ni dossier de ce nom\n",
    )


def _french_calendar(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "calendar.yaml").write_text(
        "calendar: Essai\nlanguage: fr-CA\ntimezone: America/Toronto\nplatforms: [instagram]\n"
        'include: ["posts/*.yaml"]\nposts: []\n',
        encoding="utf-8",
    )
    (tmp_path / "posts" / "december.yaml").write_text(
        "posts:\n  - date: 2026-12-01\n    title: A\n    title: B\n    platform: instagram\n",
        encoding="utf-8",
    )
    return tmp_path


def test_without_lang_a_part_speaks_its_calendars_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _french_calendar(tmp_path)
    part = folder / "posts" / "december.yaml"
    wanted = [
        f"{part}:4:5: error [duplicate-key] clé « title » en double (la première à la ligne 3) ; "
        "n'en gardez qu'une"
    ]
    # Read before its calendar (named first) or through it, a part's problems are in its calendar's language.
    assert _check(capsys, str(part), str(folder / "calendar.yaml"), lang=None) == wanted
    assert _check(capsys, str(folder), lang=None) == wanted
    assert _check(capsys, str(folder), lang="en") == [
        f'{part}:4:5: error [duplicate-key] duplicate key "title" (first at line 3); keep only one'
    ]


def test_without_lang_a_french_file_that_does_not_parse_is_told_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "calendar.yaml"
    broken.write_text(
        "calendar: Essai\nlanguage: fr-CA\ntimezone: America/Toronto\nplatforms: [instagram\n",
        encoding="utf-8",
    )
    assert _check(capsys, str(broken), lang=None) == [
        f"{broken}:5:1: error [yaml-syntax] la « , » ou le « ] » attendu est introuvable "
        "(en lisant une liste entre crochets)"
    ]
