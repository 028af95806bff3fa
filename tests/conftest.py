from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
FIXTURE_TODAY = date(2026, 11, 30)
"""The `--today` every data-driven fixture is checked with."""


@pytest.fixture(autouse=True)
def _no_ci_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests must not pick the GitHub format because they happen to run under GitHub Actions.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    os.environ.pop("FORCE_COLOR", None)


@pytest.fixture(autouse=True)
def _english_after_each_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A CLI run in-process keeps its language (`--lang`, a calendar's `language:`) for the rest of the
    # process, as a real run does; the next test starts in English, whatever ran before it.
    from cmcal.i18n import activate, set_override

    monkeypatch.delenv("CMCAL_LANG", raising=False)
    yield
    set_override(None)
    activate(None)


GENERATED_MEDIA = DATA / "media" / "generated"
"""Media the data-driven fixtures use that cannot be committed: a large file, a link out of the repository."""


@pytest.fixture(autouse=True, scope="session")
def _generated_media(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.media import image

    GENERATED_MEDIA.mkdir(exist_ok=True)
    # Over Bluesky's 2,000,000 bytes: a small picture padded with zeros (Pillow reads only its header).
    image(GENERATED_MEDIA / "large.jpg", 400, 400, pad_to=2_100_000)
    outside = tmp_path_factory.mktemp("outside") / "secret.jpg"
    image(outside, 400, 400)
    link = GENERATED_MEDIA / "outside.jpg"
    if link.is_symlink() or link.exists():
        link.unlink()
    try:
        link.symlink_to(outside)
    except OSError:  # no symlinks here (Windows without the privilege): a plain file, refused as outside too
        link.write_bytes(b"")
