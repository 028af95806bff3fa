"""The JSON Schema agrees with `check`: every example validates, every structural error case does not."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cmcal import fields
from cmcal.files.build import build_calendar, is_part
from cmcal.files.reader import Mapping, Node, Scalar, read_bytes
from cmcal.starter.schema import calendar_schema, part_schema
from tests.conftest import DATA
from tests.helpers import run_cli

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "calendars").rglob("*.yaml")) + sorted((DATA / "valid").glob("*.yaml"))
EXAMPLES += sorted((DATA / "parts").glob("*.yaml"))
# Structural errors: shapes, keys, enumerations — what an editor can see without running cmcal.
STRUCTURAL = [
    "bad-structure.yaml",
    "unknown-key.yaml",
    "missing-key.yaml",
    "root-list.yaml",
    "bad-date.yaml",
    "bad-time.yaml",
    "bad-rrule.yaml",
    "bad-metrics.yaml",
]
REFERENCES = {"references.yaml"}  # unknown-type and bad-status are structural too; the others are not


def as_editor_sees_it(node: Node) -> Any:
    """The YAML 1.2 core-schema value an editor's language server validates (ints, bools, null)."""
    if isinstance(node, Mapping):
        return {key: as_editor_sees_it(value) for key, (_, value) in node.items.items()}
    if isinstance(node, Scalar):
        if not node.plain:
            return node.value
        if node.is_null:
            return None
        if node.value in ("true", "false"):
            return node.value == "true"
        if re.fullmatch(r"[-+]?[0-9]+", node.value):
            return int(node.value)
        if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", node.value):
            return float(node.value)
        return node.value
    return [as_editor_sees_it(item) for item in node.items]


def validator(part: bool = False) -> jsonschema.Draft7Validator:
    schema = part_schema() if part else calendar_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors_of(data: bytes, path: str = "c.yaml") -> list[str]:
    """The schema's messages for a file, with the calendar or the part schema as its `$schema` line says."""
    doc = read_bytes(data, path)
    assert doc.root is not None
    return [e.message for e in validator(is_part(doc)).iter_errors(as_editor_sees_it(doc.root))]


def check_codes(text: str) -> list[str]:
    calendar, problems = build_calendar(read_bytes(text.encode(), "c.yaml"))
    assert calendar is not None
    return [p.code for p in problems]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_validates(path: Path) -> None:
    assert errors_of(path.read_bytes(), str(path)) == []


@pytest.mark.parametrize("name", [*STRUCTURAL, *sorted(REFERENCES)])
def test_every_structural_error_case_does_not(name: str) -> None:
    assert errors_of((DATA / "invalid" / name).read_bytes()) != []


HEAD = "calendar: C\ntimezone: America/Toronto\nplatforms: [instagram]\n"
WEEKLY = "habits:\n  q:\n    every: week\n    platforms: [instagram]\n    start: 2026-12-01\n"


@pytest.mark.parametrize(
    "extra",
    [
        "    days: [tuesday]\n",
        "    days: [Tue]\n",
        "    days: [TUE, Thursday]\n",
        "    days: tue\n",
        '    times: "2"\n',
        "    times: 2\n",
        '    required: "true"\n',
    ],
)
def test_the_schema_accepts_what_check_accepts(extra: str) -> None:
    text = HEAD + WEEKLY + extra
    assert check_codes(text) == []
    assert errors_of(text.encode()) == []


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("    days: [mer]\n", "bad-structure"),
        ("    times: 0\n", "bad-structure"),
        ('    times: "two"\n', "bad-structure"),
        ("    titel: Q\n", "unknown-key"),
    ],
)
def test_the_schema_refuses_what_check_refuses(extra: str, code: str) -> None:
    text = HEAD + WEEKLY + extra
    assert check_codes(text) == [code]
    assert errors_of(text.encode()) != []


EVERY_KEY = """\
calendar: Every key
timezone: America/Toronto
language: en-CA
platforms:
  instagram: {}
  blogue: {kind: wordpress, handle: "@blogue", max_length: 5000, max_hashtags: 10, types: [article, photo]}
team: [alice]
habits:
  recipe:
    title: Recipe
    every: month
    days: [1, -1]
    at: 11:30
    platforms: [instagram]
    type: photo
    start: 2026-12-01
    end: 2027-06-30
    skip: [2026-12-31]
    times: 1
    required: true
    owner: alice
    notes: Sweet and savoury.
  live:
    rrule: FREQ=WEEKLY;BYDAY=TH
    platforms: [instagram]
    start: 2026-12-03
include: ["posts/*.yaml"]
metrics_files: ["metrics/*.csv"]
report: {engagement: [likes, comments], max_type_share: 0.5}
require_approval: false
media_base_url: https://cdn.example.org/calendar/
posts:
  - id: one
    date: 2026-12-01
    time: 11:30
    platforms: {instagram: {text: Court., media: [{url: "https://cdn.example.org/one.jpg", alt: Une}]}}
    media: [media/one.jpg, {file: media/two.jpg, alt: Deux}]
    habit: recipe
    type: photo
    title: One
    text: Long.
    link: https://example.org
    owner: alice
    status: published
    tags: [fetes]
    metrics: {instagram: {impressions: 1, reach: 1, likes: 1, comments: 1, shares: 1, saves: 1, clicks: 1,
              followers: 1, views: 5_400}}
    notes: Photo by Louise.
    approved: {by: alice, on: 2026-11-30, digest: "sha256:0123456789abcdef"}
    from_idea: sondage
  - {date: 2026-12-02, platform: blogue, title: Two}
events:
  salon:
    date: 2027-03-12
    posts:
      - {offset: -7, platforms: [instagram], at: 18:00, type: photo, times: 2, required: false}
    notes: Stand 42.
campaigns:
  noel: {start: 2026-12-01, end: 2026-12-23, notes: Budget.}
ideas:
  - title: Sondage
    platforms: {instagram: {text: Court.}}
    media: [media/sondage.jpg]
    type: photo
    link: https://example.org
    owner: alice
    tags: [hiver]
    notes: De Louise.
"""


def _keys_used(node: Node, table: fields.Table, out: set[tuple[str, str]]) -> None:
    """(table, key) for every key written in `node`, following the tables' nesting."""
    if not isinstance(node, Mapping):
        return
    for key, (_, value) in node.items.items():
        out.add((table.name, key))
        f = table[key]
        if f.table is None:
            continue
        sub = fields.TABLES[f.table]
        if f.kind is fields.Kind.SETTINGS:
            _keys_used(value, sub, out)
        elif isinstance(value, Mapping):  # ids or a mapping of ids to settings
            for _, (_, item) in value.items.items():
                _keys_used(item, sub, out)
        elif not isinstance(value, Scalar):
            for item in value.items:
                _keys_used(item, sub, out)


def test_every_key_the_builder_accepts_is_in_the_schema_and_back() -> None:
    # The builder accepts exactly the tables (tests/test_fields.py). Each key of them is written in EVERY_KEY
    # or in a valid example, which check builds without a problem (tests/check/test_fixtures.py) and the
    # schema validates (test_every_example_validates)...
    doc = read_bytes(EVERY_KEY.encode(), "c.yaml")
    assert doc.root is not None
    _, problems = build_calendar(doc)
    assert [p.code for p in problems] == []
    assert errors_of(EVERY_KEY.encode()) == []
    used: set[tuple[str, str]] = set()
    _keys_used(doc.root, fields.ROOT, used)
    for path in EXAMPLES:
        example = read_bytes(path.read_bytes(), str(path))
        assert example.root is not None
        _keys_used(example.root, fields.PART if is_part(example) else fields.ROOT, used)
    every = {(t.name, f.name) for t in fields.TABLES.values() if t is not fields.PART for f in t.fields}
    assert every - used == set(), "write these keys in EVERY_KEY or a valid example"
    # and the schema describes exactly the tables' keys, at every level.
    assert _schema_keys(calendar_schema()) == every
    assert _schema_keys(part_schema()) == {("part", "posts")} | {
        ("post", f.name) for f in fields.POST.fields
    } | {
        ("post-platform", "text"),
        ("post-platform", "media"),
        *(("metrics", f.name) for f in fields.METRICS.fields),
        *(("media", f.name) for f in fields.MEDIA.fields),
        *(("approval", f.name) for f in fields.APPROVAL.fields),
    }


def _schema_keys(schema: Any) -> set[tuple[str, str]]:
    """(table, key) for every property of every closed object of the schema, each object matched to the one
    table with exactly its keys (an object whose keys match no table fails)."""
    found: set[tuple[str, str]] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("additionalProperties") is False and "properties" in node:
                names = set(node["properties"])
                if "calendar" in names or names != {"posts"}:
                    (table,) = [
                        t for t in fields.TABLES.values() if set(t.names) == names and t is not fields.PART
                    ]
                else:
                    table = fields.PART
                found |= {(table.name, key) for key in names}
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["schema"], capsys)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == calendar_schema()
    assert json.loads(result.stdout)["$schema"] == "http://json-schema.org/draft-07/schema#"
    result = run_cli(["schema", "--part"], capsys)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == part_schema()


@pytest.mark.parametrize(
    ("name", "make"), [("cmcal.schema.json", calendar_schema), ("cmcal-part.schema.json", part_schema)]
)
def test_the_committed_schema_files_are_current(name: str, make: Any) -> None:
    committed = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    assert committed == make(), "regenerate: cmcal schema [--part] > schema/cmcal[-part].schema.json"


def test_example_calendars_and_parts_point_editors_at_theirs() -> None:
    for path in (ROOT / "calendars").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        target = first.split("$schema=", 1)[1]
        doc = read_bytes(text.encode(), str(path))
        name = "cmcal-part.schema.json" if is_part(doc) else "cmcal.schema.json"
        assert (path.parent / target).resolve() == (ROOT / "schema" / name).resolve(), path
