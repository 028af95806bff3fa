"""Reports: figures worked out by hand, golden Markdown, HTML read back with a real parser, JSON read back."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cmcal.files.loader import load
from cmcal.model import Calendar
from cmcal.report.compute import (
    Period,
    Report,
    build_report,
    calendar_report,
    default_period,
    previous_period,
)
from cmcal.report.render import as_html, as_json, bar_length, markdown

# A week of "daily bread" on Instagram, and one post in October to compare with.
BAKERY = """\
calendar: Test Bakery
timezone: Europe/Paris
platforms: [instagram, facebook]
team: [ana, ben]
report: { max_type_share: 0.5 }
habits:
  daily:
    title: Daily bread
    every: day
    platforms: [instagram]
    type: photo
    start: 2026-11-02
    end: 2026-11-08
posts:
  - id: p0
    date: 2026-10-15
    platform: facebook
    type: text
    title: Opening hours
    owner: ben
    status: published
    metrics:
      facebook: { reach: 500, likes: 25, comments: 5 }
  - id: p1
    date: 2026-11-02
    habit: daily
    platform: instagram
    title: Baguette
    owner: ana
    status: published
    metrics:
      instagram: { reach: 1000, likes: 80, comments: 10, shares: 5, saves: 5 }
  - id: p2
    date: 2026-11-03
    habit: daily
    platform: instagram
    title: Croissant
    owner: ben
    status: published
    metrics:
      instagram: { reach: 100, likes: 20, comments: 6, shares: 3, saves: 1 }
  - id: p3
    date: 2026-11-04
    habit: daily
    platform: instagram
    title: Brioche
    owner: ana
    status: published
  - id: p4
    date: 2026-11-05
    habit: daily
    platforms: [instagram, facebook]
    title: Pain aux raisins
    owner: ben
    status: scheduled
  - id: p5
    date: 2026-11-06
    habit: daily
    platform: instagram
    type: video
    title: Tour of the bakehouse
    owner: ana
    status: cancelled
  - id: p6
    date: 2026-11-07
    habit: daily
    platform: instagram
    type: video
    title: Sourdough starter
    owner: ana
    status: published
    metrics:
      instagram: { reach: 400, likes: 10 }
"""

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


def calendar_of(tmp_path: Path, text: str, name: str = "bakery.yaml") -> Calendar:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load([str(path)])
    assert [p for p in loaded.problems if p.is_error] == []
    (calendar,) = loaded.calendars
    return calendar


def report_of(calendar: Calendar, period: Period = NOVEMBER, basis: str = "reach") -> Report:
    return build_report([calendar], lambda _c: period, basis)  # type: ignore[arg-type]


# --- figures worked out by hand -----------------------------------------------------------------------------


def test_engagement_worked_example(tmp_path: Path) -> None:
    cr = calendar_report(calendar_of(tmp_path, BAKERY), NOVEMBER)
    engagement = cr.engagement
    # Published publications in November: Baguette, Croissant, Brioche, Sourdough starter (Pain aux raisins is
    # only scheduled, the bakehouse tour cancelled). Brioche has no metrics: "no data", not zero.
    baguette = 80 + 10 + 5 + 5  # 100 engagements for a reach of 1000: 10 %
    croissant = 20 + 6 + 3 + 1  # 30 for a reach of 100: 30 %
    sourdough = 10  # likes only (comments, shares, saves unknown, left out): 10 for a reach of 400: 2.5 %
    overall = engagement.overall
    assert (overall.publications, overall.with_data, overall.no_data) == (4, 3, 1)
    assert overall.engagements == baguette + croissant + sourdough == 140
    assert overall.denominator == 1000 + 100 + 400 == 1500
    ratio_of_sums = 140 / 1500  # 9.33 %
    mean_of_rates = (100 / 1000 + 30 / 100 + 10 / 400) / 3  # 14.17 %
    assert overall.rate == pytest.approx(ratio_of_sums)
    assert overall.mean_rate == pytest.approx(mean_of_rates)
    assert round(ratio_of_sums * 100, 2) == 9.33 and round(mean_of_rates * 100, 2) == 14.17  # they differ

    by_type = {g.key: g for g in engagement.by_type}
    assert list(by_type) == ["photo", "video"]  # in the order of content types
    photo = by_type["photo"]  # Baguette and Croissant with data, Brioche without
    assert (photo.with_data, photo.no_data, photo.engagements, photo.denominator) == (2, 1, 130, 1100)
    assert photo.rate == pytest.approx(130 / 1100)  # 11.82 %
    assert photo.mean_rate == pytest.approx((0.10 + 0.30) / 2)  # 20 %
    assert [g.key for g in engagement.by_platform] == ["instagram"]
    assert [g.key for g in engagement.by_habit] == ["daily"]

    # Top and bottom never show the same publication: three with data make a top 2 and a bottom 1.
    assert [(r.post.id, r.rate) for r in engagement.top] == [("p2", 0.30), ("p1", 0.10)]
    assert [(r.post.id, r.rate) for r in engagement.bottom] == [("p6", 0.025)]


def test_adherence_content_mix_and_workload_worked_example(tmp_path: Path) -> None:
    cr = calendar_report(calendar_of(tmp_path, BAKERY), NOVEMBER)
    # Daily slots from Mon 2 to Sun 8 November: 7. Filled on the 2nd, 3rd, 4th, 5th and 7th (the 6th's post
    # is cancelled, the 8th has none): 5. Published: the 2nd, 3rd, 4th and 7th: 4.
    (row,) = cr.adherence.rows
    assert (row.habit, row.platform, row.slots, row.filled, row.published) == ("daily", "instagram", 7, 5, 4)
    assert row.adherence == pytest.approx(4 / 7)

    # Publications: Baguette, Croissant, Brioche, Pain aux raisins x2 (Instagram and Facebook) are photos (the
    # habit's type), Sourdough starter a video: 5 + 1. 5/6 is over the calendar's limit of 0.5.
    mix = cr.mix
    assert mix.platforms == ("instagram", "facebook")
    assert [(r.type, r.counts, r.total) for r in mix.rows] == [("photo", (4, 1), 5), ("video", (1, 0), 1)]
    assert mix.total == 6 and mix.platform_totals == (5, 1)
    (warning,) = mix.warnings
    assert (warning.type, warning.share, warning.limit) == ("photo", pytest.approx(5 / 6), 0.5)

    # ana: Baguette, Brioche, Sourdough starter (the cancelled tour is left out).
    # ben: Croissant, Pain aux raisins.
    assert [
        (w.owner, w.posts, w.publications, w.published, w.planned, w.in_progress) for w in cr.workload
    ] == [
        ("ana", 3, 3, 3, 0, 0),
        ("ben", 2, 3, 1, 1, 0),
    ]


def test_change_against_the_previous_month(tmp_path: Path) -> None:
    cr = calendar_report(calendar_of(tmp_path, BAKERY), NOVEMBER)
    assert cr.previous_period == Period(date(2026, 10, 1), date(2026, 10, 31))  # the whole month before
    changes = {c.name: c for c in cr.changes}
    assert (changes["posts"].current, changes["posts"].previous, changes["posts"].delta) == (5, 1, 4)
    assert changes["published"].delta == 4 - 1
    assert changes["engagements"].delta == 140 - (25 + 5)
    assert changes["rate"].delta == pytest.approx(140 / 1500 - 30 / 500)  # +3.33 percentage points
    assert changes["adherence"].previous is None  # no slot in October: no figure, not 0 %
    assert changes["adherence"].delta is None


@pytest.mark.parametrize(
    ("basis", "expected"),
    [("reach", 60 / 800), ("impressions", 60 / 1000), ("followers", 60 / 5000)],
)
def test_rate_bases(tmp_path: Path, basis: str, expected: float) -> None:
    text = """\
calendar: Bases
timezone: UTC
platforms: [instagram]
posts:
  - date: 2026-11-10
    platform: instagram
    title: One
    status: published
    metrics:
      instagram: { impressions: 1000, reach: 800, followers: 5000, likes: 50, saves: 10, clicks: 99 }
"""
    engagement = report_of(calendar_of(tmp_path, text), basis=basis).calendars[0].engagement
    assert engagement.basis == basis
    assert engagement.overall.rate == pytest.approx(
        expected
    )  # likes + saves = 60; clicks are not engagements


def test_engagement_counts_are_configurable_and_missing_denominators_are_no_data(tmp_path: Path) -> None:
    text = """\
calendar: Clicks
timezone: UTC
platforms: [linkedin]
report: { engagement: [likes, clicks] }
posts:
  - { date: 2026-11-10, platform: linkedin, title: A, status: published,
      metrics: { linkedin: { reach: 200, likes: 10, comments: 500, clicks: 30 } } }
  - { date: 2026-11-11, platform: linkedin, title: B, status: published,
      metrics: { linkedin: { reach: 0, likes: 10 } } }
  - { date: 2026-11-12, platform: linkedin, title: C, status: published,
      metrics: { linkedin: { likes: 10 } } }
  - { date: 2026-11-13, platform: linkedin, title: D, status: published,
      metrics: { linkedin: { reach: 100, comments: 4 } } }
"""
    engagement = report_of(calendar_of(tmp_path, text)).calendars[0].engagement
    assert engagement.counts == ("likes", "clicks")
    # A: 10 + 30 = 40 for 200. B: reach 0, C: no reach, D: none of likes and clicks: three "no data".
    overall = engagement.overall
    assert (overall.with_data, overall.no_data, overall.engagements, overall.denominator) == (1, 3, 40, 200)


def test_periods() -> None:
    assert default_period(date(2026, 12, 1)) == NOVEMBER
    assert default_period(date(2026, 12, 31)) == NOVEMBER
    assert default_period(date(2027, 1, 15)) == Period(date(2026, 12, 1), date(2026, 12, 31))
    assert default_period(date(2028, 3, 1)) == Period(date(2028, 2, 1), date(2028, 2, 29))
    # Whole months: the same number of whole months before.
    assert previous_period(Period(date(2026, 3, 1), date(2026, 3, 31))) == Period(
        date(2026, 2, 1), date(2026, 2, 28)
    )
    assert previous_period(Period(date(2027, 1, 1), date(2027, 3, 31))) == Period(
        date(2026, 10, 1), date(2026, 12, 31)
    )
    # Any other period: the same number of days just before.
    assert previous_period(Period(date(2026, 11, 16), date(2026, 11, 30))) == Period(
        date(2026, 11, 1), date(2026, 11, 15)
    )
    assert previous_period(Period(date(2026, 11, 2), date(2026, 11, 8))) == Period(
        date(2026, 10, 26), date(2026, 11, 1)
    )
    assert previous_period(Period(date(1, 1, 1), date(1, 1, 31))) is None
    assert previous_period(Period(date(1, 1, 2), date(1, 1, 5))) is None


def test_a_week_counts_in_the_period_where_it_ends(tmp_path: Path) -> None:
    text = """\
calendar: Weekly
timezone: UTC
platforms: [facebook]
habits:
  question:
    title: Question
    every: week
    platforms: [facebook]
    start: 2026-10-01
"""
    cr = calendar_report(calendar_of(tmp_path, text), NOVEMBER)
    # ISO weeks ending on Sundays 1, 8, 15, 22 and 29 November; the week of 30 November ends in December.
    assert cr.adherence.slots == 5
    assert cr.adherence.published == 0 and cr.adherence.adherence == 0.0


# --- Markdown -----------------------------------------------------------------------------------------------

GOLDEN_MARKDOWN = """\
# Test Bakery: report for 2026-11-01 to 2026-11-30

30 days, dates local to Europe/Paris; calendar file bakery.yaml. Compared with the previous period, \
2026-10-01 to 2026-10-31.

## Summary and change since the previous period

| Figure | This period | Previous period | Change |
| --- | ---: | ---: | ---: |
| Posts (not cancelled) | 5 | 1 | +4 |
| Posts published | 4 | 1 | +3 |
| Habit adherence | 57.14% | — | — |
| Engagements | 140 | 30 | +110 |
| Engagement rate (by reach) | 9.33% | 6.00% | +3.33 pp |

Changes of percentages are in percentage points (pp). —: no figure to compare.

## Habit adherence

A slot is one habit on one platform for one day, week or month; it counts in the period where it ends. \
Filled: it has enough posts that are not cancelled. Published: enough of them are published. \
Adherence = published slots ÷ slots.

| Habit | Platform | Slots | Filled | Published | Adherence |
| --- | --- | ---: | ---: | ---: | ---: |
| Daily bread (daily) | instagram | 7 | 5 | 4 | 57.14% |
| **Total** |  | **7** | **5** | **4** | **57.14%** |

## Content mix

6 publications (5 posts; one publication is one post on one platform), by content type, whatever their \
status; cancelled posts are left out.

| Type | instagram | facebook | Total | Share |
| --- | ---: | ---: | ---: | ---: |
| photo | 4 | 1 | 5 | 83.33% |
| video | 1 | 0 | 1 | 16.67% |
| **Total** | **5** | **1** | **6** | **100.00%** |

> **Warning:** photo is 83.33% of the publications, over this calendar's limit of 50.00% \
(`report: {max_type_share: 0.5}`); vary the formats.

## Workload per owner

| Owner | Posts | Publications | Published | Ready or scheduled | Idea or draft |
| --- | ---: | ---: | ---: | ---: | ---: |
| ana | 3 | 3 | 3 | 0 | 0 |
| ben | 2 | 3 | 1 | 1 | 0 |

## Engagement (rate by reach)

Engagements = likes + comments + shares + saves, as the platforms reported them (a count a platform did \
not give is left out, never read as zero). Rate = engagements ÷ reach. The rate of a group is the ratio of \
sums: its total engagements ÷ its total reach, so bigger posts weigh more; the mean of the posts' own rates \
("mean rate") is shown beside it. "No data": a published post on a platform without reach or without any of \
those counts; it is counted apart, never as zero.

Overall: 9.33% (ratio of sums: 140 engagements ÷ 1,500 reach); mean rate 14.17%; 3 publications with data, \
1 with no data.

### By platform

| Platform | Published | With data | No data | Engagements | Reach | Rate | Mean rate |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| instagram | 4 | 3 | 1 | 140 | 1,500 | 9.33% | 14.17% |

### By content type

| Type | Published | With data | No data | Engagements | Reach | Rate | Mean rate |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| photo | 3 | 2 | 1 | 130 | 1,100 | 11.82% | 20.00% |
| video | 1 | 1 | 0 | 10 | 400 | 2.50% | 2.50% |

### By habit

| Habit | Published | With data | No data | Engagements | Reach | Rate | Mean rate |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| daily | 4 | 3 | 1 | 140 | 1,500 | 9.33% | 14.17% |

### Top posts

| # | Date | Post | Platform | Engagements | Reach | Rate |
| --- | --- | --- | --- | ---: | ---: | ---: |
| 1 | 2026-11-03 | Croissant | instagram | 30 | 100 | 30.00% |
| 2 | 2026-11-02 | Baguette | instagram | 100 | 1,000 | 10.00% |

### Bottom posts

| # | Date | Post | Platform | Engagements | Reach | Rate |
| --- | --- | --- | --- | ---: | ---: | ---: |
| 1 | 2026-11-07 | Sourdough starter | instagram | 10 | 400 | 2.50% |
"""


def test_golden_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bakery.yaml").write_text(BAKERY, encoding="utf-8")
    (calendar,) = load(["bakery.yaml"]).calendars
    assert markdown(report_of(calendar)) == GOLDEN_MARKDOWN


def test_markdown_escapes_what_would_break_a_table(tmp_path: Path) -> None:
    text = """\
calendar: Pipes
timezone: UTC
platforms: [x]
posts:
  - { date: 2026-11-10, platform: x, title: "A | B *bold*", status: published,
      metrics: { x: { reach: 10, likes: 1 } } }
"""
    out = markdown(report_of(calendar_of(tmp_path, text)))
    assert "| 1 | 2026-11-10 | A \\| B \\*bold\\* | x | 1 | 10 | 10.00% |" in out


def test_empty_period_no_metrics_and_no_habits_say_so(tmp_path: Path) -> None:
    calendar = calendar_of(tmp_path, BAKERY)
    empty = markdown(report_of(calendar, Period(date(2027, 5, 1), date(2027, 5, 31))))
    assert "No slot of the calendar's 1 habit ends in this period (they start later or have ended)." in empty
    assert empty.count("No post in this period.") == 2  # content mix and workload
    assert "No published post in this period, so no engagement to measure." in empty
    assert "| Posts (not cancelled) | 0 | 0 | +0 |" in empty

    no_metrics = BAKERY.replace("    metrics:\n", "    notes: |\n")
    out = markdown(report_of(calendar_of(tmp_path, no_metrics, "no-metrics.yaml")))
    assert (
        "No data: none of the 4 publications of published posts has metrics with reach and any of likes, "
        "comments, shares, saves. Add `metrics:` to the posts, or list the platforms' CSV exports in "
        "`metrics_files:`."
    ) in out
    assert "| Engagements | — | — | — |" in out

    no_habits = """\
calendar: Free
timezone: UTC
platforms: [x]
posts:
  - { date: 2026-11-10, platform: x, title: A, status: published }
"""
    out = markdown(report_of(calendar_of(tmp_path, no_habits, "free.yaml")))
    assert "This calendar has no habits, so there is no promise to measure adherence against." in out
    assert "| Habit adherence | — | — | — |" in out


# --- HTML ---------------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would load and draw: tags, their attributes, the charts' bars, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.charts: list[dict[str, object]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "svg":
            self.charts.append(
                {"label": attributes["aria-label"], "full": attributes["data-full"], "bars": []}
            )
        if tag == "rect" and attributes.get("class") == "bar":
            bars = self.charts[-1]["bars"]
            assert isinstance(bars, list)
            bars.append((attributes["data-label"], float(attributes["data-value"] or 0), attributes["width"]))
        if tag not in ("rect", "meta"):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("rect", "meta"):
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.open == []  # every element closed, in order
    return parser


def test_html_is_one_self_contained_page(tmp_path: Path) -> None:
    page = as_html(report_of(calendar_of(tmp_path, BAKERY)))
    assert page.startswith("<!DOCTYPE html>\n")
    parsed = parse(page)
    names = [tag for tag, _ in parsed.tags]
    assert names.count("style") == 1
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(names)
    for tag, attributes in parsed.tags:
        assert "src" not in attributes and "href" not in attributes, tag
        assert not any(k.startswith("on") for k in attributes), tag
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    text = " ".join(parsed.text)
    assert "Test Bakery: report for 2026-11-01 to 2026-11-30" in text
    assert "photo is 83.33% of the publications" in text


def test_html_charts_show_the_report_numbers(tmp_path: Path) -> None:
    parsed = parse(as_html(report_of(calendar_of(tmp_path, BAKERY))))
    area = 640 - 220 - 70  # chart width less labels and values
    assert parsed.charts == [
        {
            "label": "Adherence by habit and platform (published slots ÷ slots)",
            "full": "100",  # adherence bars are out of 100 %
            "bars": [("Daily bread · instagram", 57.14, str(round(area * 57.14 / 100, 2)))],
        },
        {
            "label": "Publications by content type",
            "full": "5",  # counts are out of the largest
            "bars": [("photo", 5.0, str(float(area))), ("video", 1.0, str(area / 5))],
        },
        {
            "label": "Engagement rate by platform (ratio of sums, by reach)",
            "full": "9.33",
            "bars": [("instagram", 9.33, str(float(area)))],
        },
    ]
    assert bar_length(57.14, 100) == 199.99


def test_html_escapes_text(tmp_path: Path) -> None:
    text = """\
calendar: "<script>alert(1)</script>"
timezone: UTC
platforms: [x]
posts:
  - { date: 2026-11-10, platform: x, title: "<b>&</b>", status: published,
      metrics: { x: { reach: 10, likes: 1 } } }
"""
    page = as_html(report_of(calendar_of(tmp_path, text)))
    parsed = parse(page)
    assert "script" not in [tag for tag, _ in parsed.tags] and "b" not in [tag for tag, _ in parsed.tags]
    assert "<b>&</b>" in "".join(parsed.text)


# --- JSON ---------------------------------------------------------------------------------------------------


def test_json_has_a_version_and_stable_keys(tmp_path: Path) -> None:
    data = json.loads(as_json(report_of(calendar_of(tmp_path, BAKERY))))
    assert list(data) == ["version", "basis", "calendars"]
    assert data["version"] == 1 and data["basis"] == "reach"
    (cr,) = data["calendars"]
    assert list(cr) == [
        "calendar",
        "path",
        "timezone",
        "period",
        "previous_period",
        "summary",
        "previous",
        "changes",
        "adherence",
        "content_mix",
        "workload",
        "engagement",
        "campaigns",
    ]
    assert cr["period"] == {"from": "2026-11-01", "to": "2026-11-30", "days": 30}
    assert cr["summary"] == {
        "posts": 5,
        "published": 4,
        "publications": 6,
        "slots": 7,
        "published_slots": 4,
        "adherence": round(4 / 7, 6),
        "engagements": 140,
        "denominator": 1500,
        "with_data": 3,
        "rate": round(140 / 1500, 6),
    }
    assert cr["content_mix"]["rows"][0] == {
        "type": "photo",
        "counts": {"instagram": 4, "facebook": 1},
        "total": 5,
        "share": round(5 / 6, 6),
    }
    overall = cr["engagement"]["overall"]
    assert overall == {
        "key": None,
        "publications": 4,
        "with_data": 3,
        "no_data": 1,
        "engagements": 140,
        "denominator": 1500,
        "rate": round(140 / 1500, 6),
        "mean_rate": round((0.1 + 0.3 + 0.025) / 3, 6),
    }
    assert list(cr["engagement"]["top"][0]) == [
        "id",
        "key",
        "date",
        "title",
        "platform",
        "type",
        "habit",
        "owner",
        "engagements",
        "denominator",
        "rate",
    ]
    assert [c["name"] for c in cr["changes"]] == ["posts", "published", "adherence", "engagements", "rate"]
