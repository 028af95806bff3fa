"""Media, approval, RRULE and holiday-set messages in French (`--lang fr-CA`); the codes stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

DATA = "tests/data/invalid"


def _check(capsys: pytest.CaptureFixture[str], path: str) -> list[str]:
    result = run_cli(["--lang", "fr-CA", "check", path, "--today", "2026-12-01"], capsys)
    return result.stdout.splitlines()


def test_media_problems_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _check(capsys, f"{DATA}/media.yaml")
    where = f"{DATA}/media.yaml"
    for line in (
        f"{where}:9:9: error [missing-media] aucun fichier « ../media/missing.jpg » à côté de media.yaml ; "
        "vérifiez le chemin",
        f"{where}:23:9: error [media-not-supported] « ../media/photo.png » est au format PNG ; Instagram "
        "n'accepte les images qu'en JPEG : convertissez-le",
        f"{where}:33:9: error [media-count] 5 images pour X, au-delà de sa limite de 4 ; il accepte au plus "
        "4 images, ou 1 GIF, ou 1 vidéo",
        f"{where}:38:9: error [media-too-large] « ../media/generated/large.jpg » fait 2,1 Mo, au-delà de la "
        "limite de 2 Mo sur Bluesky pour une image ; compressez-le",
        f"{where}:43:9: error [bad-dimensions] « ../media/tall.jpg » fait 400×800 px, un rapport "
        "largeur/hauteur de 0,50 ; sur Instagram, il doit être de 0,80 à 1,91 (largeur / hauteur) : "
        "recadrez-le",
        f"{where}:48:13: error [bad-duration] « ../media/short.mp4 » dure 1 s ; sur Instagram Reels, une "
        "vidéo dure de 3 s à 15 min",
        f"{where}:57:9: warning [bad-dimensions] « ../media/tall.jpg » fait 400×800 px, un rapport "
        "largeur/hauteur de 0,50 ; sur Pinterest, il doit être au moins 0,67 (largeur / hauteur) (une "
        "recommandation) : recadrez-le",
        f"{where}:13:9: error [bad-media] « ../media/not-an-image.jpg » n'est pas une image ni une vidéo "
        "lisible : c'est un fichier texte ; remplacez-le par un fichier JPEG, PNG, GIF ou MP4",
    ):
        assert line in lines


def test_the_same_media_problem_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", f"{DATA}/media.yaml", "--today", "2026-12-01"], capsys)
    assert (
        f'{DATA}/media.yaml:38:9: error [media-too-large] "../media/generated/large.jpg" is 2.1 MB, over '
        "Bluesky's limit of 2 MB for an image; compress it"
    ) in result.stdout.splitlines()


def test_a_bad_rrule_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, f"{DATA}/bad-rrule.yaml")[0] == (
        f"{DATA}/bad-rrule.yaml:6:12: error [bad-rrule] l'habitude « garbled » › rrule : FREQ=SOMETIMES "
        "n'est pas une fréquence ; utilisez DAILY, WEEKLY, MONTHLY ou YEARLY"
    )


def test_an_rrule_message_is_in_each_calendars_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same rule in a French and an English calendar: each message in its calendar's language, although
    # the compiled rule (and its message) is cached.
    for name, language in (("fr.yaml", "fr-CA"), ("en.yaml", "en")):
        (tmp_path / name).write_text(
            f"calendar: {name}\nlanguage: {language}\ntimezone: UTC\nplatforms: [instagram]\n"
            "habits:\n  tip:\n    start: 2026-12-01\n    platforms: [instagram]\n"
            "    rrule: FREQ=WEEKLY;BYHOUR=9\n",
            encoding="utf-8",
        )
    result = run_cli(["check", str(tmp_path), "--today", "2026-12-01"], capsys)
    assert result.stdout.splitlines() == [
        f'{tmp_path}/en.yaml:9:12: error [bad-rrule] habit "tip" › rrule: BYHOUR is not supported: cmcal '
        "slots are whole days; drop it and set the habit's `at`",
        f"{tmp_path}/fr.yaml:9:12: error [bad-rrule] l'habitude « tip » › rrule : BYHOUR n'est pas pris en "
        "charge : les créneaux de cmcal sont des journées entières ; retirez-le et donnez le `at` de "
        "l'habitude",
    ]


def test_approvals_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _check(capsys, f"{DATA}/approvals.yaml")
    assert (
        f"{DATA}/approvals.yaml:24:13: error [not-approved] la publication « Scheduled without approval » "
        "est planifiée sans approbation, alors que ce calendrier en exige une ; lancez "
        "`cmcal approve POST --by NAME`"
    ) in lines
    assert (
        f"{DATA}/approvals.yaml:16:15: error [approval-stale] la publication « Edited after approval » a "
        "changé depuis son approbation par alice le 2026-11-28 ; faites-la approuver de nouveau avec "
        "`cmcal approve`"
    ) in lines


def test_an_unknown_holiday_set_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(capsys, f"{DATA}/planning.yaml")[1] == (
        f"{DATA}/planning.yaml:5:24: error [bad-holidays] l'ensemble de jours fériés « ZZ » est inconnu ; "
        "vouliez-vous dire « ZW » ? écrivez un code de pays ISO 3166 (FR) ou un pays et une subdivision "
        "(CA-QC)"
    )
