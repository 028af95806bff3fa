"""`cmcal.textconv.render`: a stable rendering for `git diff`, and raw text for what it cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmcal.review.textconv import render

CALENDAR = """\
# yaml-language-server: $schema=../schema/cmcal.schema.json
calendar: Cuisine Express
timezone: America/Toronto
platforms:
  instagram: {}
  blogue: { kind: wordpress }
habits:
  daily-recipe:
    title: Recipe of the day
    every: day
    at: 11:30
    platforms: [instagram]
    start: 2026-12-01
posts:
  - id: pate
    date: 2026-12-02
    habit: daily-recipe
    platform: instagram
    title: Pâté chinois
    text: |
      Le pâté chinois de grand-maman.
      #recette
  - id: tourtiere
    date: 2026-12-01
    time: 11:30
    title: Tourtière du Lac
    platforms: [instagram, blogue]
    status: no
    metrics:
      instagram: { likes: 310, comments: 22 }
"""

EXPECTED = """\
calendar: Cuisine Express
timezone: America/Toronto
platforms:
  instagram: {}
  blogue: {kind: wordpress}

habit daily-recipe
  title: Recipe of the day
  every: day
  at: 11:30
  platforms: [instagram]
  start: 2026-12-01

post 2026-12-01 11:30 Tourtière du Lac [tourtiere]
  platforms: [instagram, blogue]
  status: no
  metrics:
    instagram: {likes: 310, comments: 22}

post 2026-12-02 Pâté chinois [pate]
  platform: instagram
  habit: daily-recipe
  text:
      Le pâté chinois de grand-maman.
      #recette
"""


def test_a_calendar_renders_sorted_with_headers() -> None:
    assert render(CALENDAR.encode()) == EXPECTED


def test_layout_quoting_order_and_comments_do_not_show() -> None:
    reformatted = """\
calendar: "Cuisine Express"   # a comment
timezone: 'America/Toronto'
habits:
  daily-recipe: {start: 2026-12-01, platforms: [instagram], at: "11:30", every: day, title: Recipe of the day}
platforms: {instagram: {}, blogue: {kind: wordpress}}
posts:
- title: Tourtière du Lac
  metrics:
    instagram:
      likes: 310
      comments: 22
  id: tourtiere
  date: "2026-12-01"
  time: '11:30'
  status: "no"
  platforms:
  - instagram
  - blogue
- {id: pate, date: 2026-12-02, habit: daily-recipe, platform: instagram, title: Pâté chinois,
   text: "Le pâté chinois de grand-maman.\\n#recette\\n"}
"""
    assert render(reformatted.encode()) == EXPECTED
    assert render(b"\xef\xbb\xbf" + CALENDAR.encode()) == EXPECTED


def test_unknown_keys_are_kept_not_dropped() -> None:
    text = CALENDAR.replace("    status: no\n", "    status: no\n    sttaus: draft\n") + "extra: [1, 2]\n"
    out = render(text.encode())
    assert "  sttaus: draft\n" in out
    assert "extra: [1, 2]\n" in out


def test_values_stay_as_written() -> None:
    out = render(
        b"posts:\n  - {date: 2026-12-01, title: '010', tags: [no, on, '', ' padded'], notes: null}\n"
    )
    assert out == 'post 2026-12-01 010\n  tags: [no, on, "", " padded"]\n  notes:\n'


def test_a_part_renders_its_posts() -> None:
    part = b"posts:\n  - {date: 2026-12-02, title: B}\n  - {date: 2026-12-01, title: A}\n  - just text\n"
    assert (
        render(part)
        == "post 2026-12-01 A\n\npost 2026-12-02 B\n\nposts that are not mappings\n  - just text\n"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"calendar: [oops\n",  # YAML syntax
        b"calendar: a\ncalendar: b\n",  # duplicate key
        b"calendar: &a x\nposts: *a\n",  # anchors and aliases
        b"calendar: caf\xe9\n",  # not UTF-8
        b"\xff\xfec\x00a\x00",  # UTF-16
        b"name: ci\non: push\n",  # YAML, but not a calendar (a workflow file)
        b"- a\n- b\n",  # not a mapping
        b"",  # empty
        b"calendar: a\n---\ncalendar: b\n",  # two documents
    ],
)
def test_what_cannot_be_read_is_given_back_byte_for_byte(data: bytes) -> None:
    assert render(data).encode("utf-8", "surrogateescape") == data


def test_the_example_calendars_render(tmp_path: Path) -> None:
    root = Path(__file__).parents[2] / "calendars"
    for path in sorted(root.rglob("*.yaml")):
        data = path.read_bytes()
        out = render(data, str(path))
        assert out != data.decode("utf-8"), path  # rendered, not raw
        assert out.startswith(("calendar: ", "post ")), path


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_never_raises_on_any_bytes(data: bytes) -> None:
    assert isinstance(render(data), str)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abc:-[]{}#'\" \n\t&*!|>%@`,?0123456789", max_size=12),
        max_size=12,
    )
)
def test_never_raises_on_yaml_like_text(parts: list[str]) -> None:
    text = "calendar: x\nposts:\n" + "\n".join(f"  - {p}" for p in parts)
    assert isinstance(render(text.encode()), str)
