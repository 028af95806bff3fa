"""The HTML report in a real browser: headless Chromium lays out the example report at a phone's width
(390 px) and a desktop's (1280 px), and nothing may run past the page's width: tables scroll inside their own
box, and charts scale with their viewBox.

The page is shown in an iframe of exactly that width (a headless window is at least 500 px wide), and a script
of the test (the report has none) measures it and writes the figures into the DOM that `--dump-dom` prints.
Chromium comes from the system's packages (`.ci/run` installs it): the test is skipped only when it is
missing outside CI (`CI=true` makes a missing browser a failure).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli

EXAMPLES = Path(__file__).parents[2] / "calendars"

MEASURE = """\
<!DOCTYPE html>
<html><body style="margin:0">
<iframe id="page" src="report.html" style="width:WIDTHpx;height:900px;border:0"></iframe>
<script>
window.addEventListener("load", () => {
  const doc = document.getElementById("page").contentDocument;
  const width = doc.documentElement.clientWidth;
  const boxed = (e) => e.closest(".scroll, figure") !== null && !e.matches(".scroll, figure");
  const out = [...doc.body.querySelectorAll("*")]
    .filter((e) => !boxed(e) && e.getBoundingClientRect().right > width + 0.5)
    .map((e) => e.tagName.toLowerCase() + (typeof e.className === "string" ? "." + e.className : ""));
  const boxes = [...doc.querySelectorAll(".scroll")].map((e) => ({
    right: e.getBoundingClientRect().right, scroll: e.scrollWidth, client: e.clientWidth,
  }));
  const tables = [...doc.querySelectorAll("table")].filter((t) => !t.parentElement.matches(".scroll")).length;
  const charts = [...doc.querySelectorAll("svg.chart")].map((s) => {
    const r = s.getBoundingClientRect();
    const box = s.viewBox.baseVal;
    const figure = s.closest("figure").getBoundingClientRect();
    return { width: r.width, height: r.height, ratio: box.height / box.width, figure: figure.right };
  });
  document.body.setAttribute("data-measured", JSON.stringify({
    inner: doc.defaultView.innerWidth, width, page: doc.documentElement.scrollWidth,
    out, boxes, tables, charts,
  }));
});
</script>
</body></html>
"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    out = folder / "report.html"
    from cmcal.__main__ import main  # run_cli needs capsys, which a module-scoped fixture cannot have

    assert main(["report", str(EXAMPLES), "--today", "2026-12-01", "--format", "html", "-o", str(out)]) == 0
    return folder


def measure(folder: Path, width: int) -> dict[str, Any]:
    exe = chromium()
    harness = folder / f"measure-{width}.html"
    harness.write_text(MEASURE.replace("WIDTH", str(width)), encoding="utf-8")
    profile = folder / f"profile-{width}"
    done = subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
            "--disable-gpu",
            "--hide-scrollbars",
            "--allow-file-access-from-files",  # the harness reads the iframe's document
            f"--user-data-dir={profile}",
            "--window-size=1400,1000",
            "--dump-dom",
            harness.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'data-measured="([^"]*)"', done.stdout)
    assert found, (done.returncode, done.stderr[-2000:])
    result: dict[str, Any] = json.loads(html.unescape(found[1]))
    return result


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_runs_past_the_page_width(report: Path, width: int) -> None:
    got = measure(report, width)
    assert got["inner"] == width
    assert got["page"] <= got["width"], got  # the page never scrolls sideways
    assert got["out"] == []  # no element outside a scrolling box runs past the edge
    assert got["tables"] == 0  # every table is in a box of its own
    assert got["boxes"] and all(box["right"] <= got["width"] + 0.5 for box in got["boxes"])
    assert got["charts"] and all(chart["figure"] <= got["width"] + 0.5 for chart in got["charts"])
    for chart in got["charts"]:  # scaled, never stretched: the viewBox keeps its proportions
        assert chart["height"] == pytest.approx(chart["width"] * chart["ratio"], abs=1)


def test_on_a_phone_wide_tables_scroll_inside_their_box_and_charts_shrink(report: Path) -> None:
    got = measure(report, 390)
    assert any(box["scroll"] > box["client"] for box in got["boxes"])  # they would have overflowed
    assert all(480 <= chart["width"] < 640 for chart in got["charts"])  # smaller, yet legible (30rem)


def test_on_a_desktop_every_table_fits_and_charts_are_full_size(report: Path) -> None:
    got = measure(report, 1280)
    assert all(box["scroll"] <= box["client"] for box in got["boxes"])
    assert all(chart["width"] == pytest.approx(640) for chart in got["charts"])


def test_the_report_wraps_tables_for_screen_readers_and_keyboards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    args = ["--lang", "en", "report", str(EXAMPLES), "--today", "2026-12-01", "-f", "html", "-o", str(out)]
    result = run_cli(args, capsys)
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<table>") == page.count('<div class="scroll" role="region" tabindex="0" aria-label="')
    assert '<div class="scroll" role="region" tabindex="0" aria-label="Habit adherence"><table>' in page
    assert "<script" not in page  # the measuring script is the test's, never the report's
