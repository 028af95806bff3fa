"""The benchmark's generator (bench/generate.py) makes calendars that cmcal reads as meant (1,000 posts)."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cmcal.files.loader import load
from tests.helpers import run_cli

N = 1000


def _generator() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


gen = _generator()


@pytest.fixture(scope="module")
def posts() -> list[object]:
    return gen.generate_posts(N)  # type: ignore[no-any-return]


def test_check_loads_every_post_and_finds_no_error(
    tmp_path: Path, posts: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    files = gen.write_calendar(tmp_path / "cal", N, posts)
    root = tmp_path / "cal" / "calendar.yaml"
    assert files[0] == root and len(files) > 2  # a root file and one part per month

    loaded = load([str(root)])
    assert [len(c.posts) for c in loaded.calendars] == [N]
    assert loaded.problems == ()
    calendar = loaded.calendars[0]
    assert sorted(calendar.habits) == sorted(gen.HABIT_IDS)
    assert calendar.habits["live-thursday"].rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    statuses = {p.status for p in calendar.posts}
    assert {"published", "scheduled", "draft"} <= statuses
    assert sum(1 for p in calendar.posts if p.metrics) > N // 4
    assert len({p.id for p in calendar.posts}) == N

    result = run_cli(["check", str(root), "--today", gen.today_for(N).isoformat()], capsys)
    assert result.exit_code == 0, result.stdout
    assert " 0 errors" in result.stderr or "no problems" in result.stderr
    assert f"1 calendar in {len(files)} files" in result.stderr


def test_french_variant_checks_in_french(
    tmp_path: Path, posts: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    files = gen.write_calendar(tmp_path / "fr", N, posts, language="fr-CA")
    root = tmp_path / "fr" / "calendar.yaml"
    loaded = load([str(root)])
    assert loaded.problems == () and loaded.calendars[0].language == "fr-CA"
    result = run_cli(["check", str(root), "--today", gen.today_for(N).isoformat()], capsys)
    assert result.exit_code == 0, result.stdout
    assert result.stderr.startswith(f"1 calendrier dans {len(files)} fichiers : 0 erreur")


def test_metrics_variant_moves_some_counts_to_csv(tmp_path: Path, posts: list[object]) -> None:
    gen.write_calendar(tmp_path / "report", N, posts, csv_metrics=True)
    root = tmp_path / "report" / "calendar.yaml"
    loaded = load([str(root)])
    assert loaded.problems == ()
    calendar = loaded.calendars[0]
    assert len(calendar.posts) == N
    assert calendar.metrics_files
    rows = [
        row for path in calendar.metrics_files for row in csv.DictReader(Path(path).read_text().splitlines())
    ]
    published = {p.id for p in calendar.posts if p.status == "published"}
    inline = {(p.id, pid) for p in calendar.posts for pid in p.metrics}
    assert rows and all(row["id"] in published for row in rows)
    assert not inline & {(row["id"], row["platform"]) for row in rows}  # no count given twice


def test_generation_is_deterministic_and_edits_touch_one_percent(posts: list[object]) -> None:
    assert gen.generate_posts(N) == posts
    edited = gen.edit_posts(posts, N)
    assert edited == gen.edit_posts(posts, N)
    before = {p.id: p for p in posts}  # type: ignore[attr-defined]
    after = {p.id: p for p in edited}
    changed = sum(1 for key, p in after.items() if before.get(key) != p)
    removed = len(before.keys() - after.keys())
    assert 0.008 * N <= changed + removed <= 0.012 * N


def test_the_plain_variant_is_the_same_calendar_without_media(tmp_path: Path, posts: list[object]) -> None:
    gen.write_calendar(tmp_path / "cal", N, posts)
    gen.write_calendar(tmp_path / "plain", N, posts, media=False)
    with_media = load([str(tmp_path / "cal" / "calendar.yaml")]).calendars[0]
    plain = load([str(tmp_path / "plain" / "calendar.yaml")]).calendars[0]
    carrying = sum(1 for p in with_media.posts if p.media)
    assert 0.3 * N <= carrying <= 0.5 * N  # every post that needs media, and a few others
    assert not any(p.media for p in plain.posts)
    assert [p.id for p in plain.posts] == [p.id for p in with_media.posts]
    assert len(list((tmp_path / "cal" / "media").iterdir())) == gen.MEDIA_IMAGES + gen.MEDIA_VIDEOS


def test_the_planning_variant_moves_habit_posts_off_holidays_and_fills_the_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    n = 6000  # 375 days: a year of Québec holidays
    planned = gen.plan_posts(gen.generate_posts(n), n)
    gen.write_calendar(tmp_path / "plan", n, planned, plan=True)
    root = tmp_path / "plan" / "calendar.yaml"
    [calendar] = load([str(root)]).calendars
    assert len(calendar.posts) == n and calendar.holidays == ("CA-QC",)
    assert {h.id: h.on_holiday for h in calendar.habits.values()} == {
        "daily-recipe": "keep",
        "x-tip": "skip",
        "linkedin-tuesday": "after",
        "live-thursday": "before",
    }
    assert len(calendar.events) == len(gen.event_days(n)) > 50
    assert sum(1 for p in calendar.posts if p.event) == 3 * len(calendar.events)  # every promised post
    lives = {p.date for p in calendar.posts if p.habit == "live-thursday"}
    assert date(2010, 6, 24) not in lives and date(2010, 6, 23) in lives  # Saint-Jean-Baptiste, a Thursday
    assert not any(p.habit == "x-tip" and p.date in gen.holiday_days(n) for p in calendar.posts)

    # cmcal agrees: no slot left open, nothing off-schedule, no error.
    result = run_cli(["check", str(root), "--today", gen.today_for(n).isoformat()], capsys)
    assert result.exit_code == 0, result.stdout
    assert "off-schedule" not in result.stdout and "[gap]" not in result.stdout
    everything = ["gaps", str(root), "--today", gen.START.isoformat(), "--days", str(gen.span_days(n))]
    result = run_cli([*everything, "--format", "json"], capsys)
    assert result.exit_code == 0 and json.loads(result.stdout)["items"] == []
