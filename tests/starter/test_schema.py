"""The JSON Schema agrees with `check`: every example validates, every structural error case does not."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cmcal.files.reader import Mapping, Node, Scalar, read_bytes
from cmcal.starter.schema import calendar_schema
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


def validator() -> jsonschema.Draft7Validator:
    schema = calendar_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def instance(path: Path) -> Any:
    doc = read_bytes(path.read_bytes(), str(path))
    assert doc.root is not None
    return as_editor_sees_it(doc.root)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_validates(path: Path) -> None:
    errors = [e.message for e in validator().iter_errors(instance(path))]
    assert errors == []


@pytest.mark.parametrize("name", [*STRUCTURAL, *sorted(REFERENCES)])
def test_every_structural_error_case_does_not(name: str) -> None:
    assert list(validator().iter_errors(instance(DATA / "invalid" / name))) != []


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["schema"], capsys)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == calendar_schema()
    assert json.loads(result.stdout)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_the_committed_schema_file_is_current() -> None:
    committed = json.loads((ROOT / "schema" / "cmcal.schema.json").read_text(encoding="utf-8"))
    assert committed == calendar_schema(), "regenerate it: cmcal schema > schema/cmcal.schema.json"


def test_example_calendars_point_editors_at_it() -> None:
    for path in (ROOT / "calendars").glob("*/calendar.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = first.split("$schema=", 1)[1]
        assert (path.parent / target).resolve() == (ROOT / "schema" / "cmcal.schema.json").resolve()
