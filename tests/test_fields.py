"""The one table of keys (`cmcal.fields`): the builder, the model and the docs agree with it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from cmcal import fields
from cmcal.files.build import build_calendar
from cmcal.files.reader import read_bytes
from cmcal.model import Habit, Post

ROOT = Path(__file__).parent.parent


def test_docs_format_has_the_generated_tables() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("<!-- fields:start -->\n", 1)[1].split("<!-- fields:end -->", 1)[0]
    assert section == fields.markdown(), "regenerate the tables with `python -m cmcal.fields`"


@pytest.mark.parametrize(("table", "model"), [(fields.HABIT, Habit), (fields.POST, Post)])
def test_every_field_is_in_the_model(table: fields.Table, model: type) -> None:
    attributes = {f.name for f in dataclasses.fields(model)}
    assert set(table.names) - {"platform"} <= attributes  # `platform` is read into `platforms`


def test_every_example_is_a_key_of_its_table() -> None:
    for table in fields.TABLES.values():
        for f in table.fields:
            assert re.match(rf"{re.escape(f.name)}:", f.example), (table.name, f.name)
            assert f.doc.endswith("."), (table.name, f.name)


def _unknown_key_message(text: str) -> str:
    doc = read_bytes(text.encode(), "c.yaml")
    _, problems = build_calendar(doc)
    (p,) = [p for p in problems if p.code == "unknown-key"]
    return p.message


@pytest.mark.parametrize(
    ("table", "text"),
    [
        (fields.ROOT, "calendar: C\ntimezone: UTC\nplatforms: [x]\nzzz: 1\n"),
        (fields.HABIT, "calendar: C\ntimezone: UTC\nplatforms: [x]\nhabits:\n  h: {zzz: 1}\n"),
        (fields.POST, "calendar: C\ntimezone: UTC\nplatforms: [x]\nposts:\n  - zzz: 1\n"),
        (fields.PLATFORM, "calendar: C\ntimezone: UTC\nplatforms: {x: {zzz: 1}}\n"),
        (fields.REPORT, "calendar: C\ntimezone: UTC\nplatforms: [x]\nreport: {zzz: 1}\n"),
    ],
)
def test_the_builder_knows_exactly_the_table(table: fields.Table, text: str) -> None:
    message = _unknown_key_message(text)
    assert message.endswith("known keys: " + ", ".join(table.names))
