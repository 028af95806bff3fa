"""The JSON Schemas (draft-07) of calendar files and of part files, for editors (`# yaml-language-server:
$schema=…`).

Derived from the one table of keys (`cmcal.fields`, docs/format.md), so the editor and `cmcal check` agree on
shape: every key the builder accepts is described, and every form it accepts is valid — `days: [Tue]` or
`[tuesday]`, `times: "2"`, `platforms: instagram`. It describes structure; rules that relate values (an owner
in the team, text lengths, `days` for a week or a month) stay `check`'s job.

Editors read YAML 1.2, where `010` is a number and `true` a boolean, while cmcal reads every value as text
(README, "How cmcal reads YAML"): the schemas accept both readings wherever text is expected.
"""

from __future__ import annotations

from typing import Any

from cmcal.fields import DAY_NAMES, PART, ROOT, TABLES, Field, Kind, Table
from cmcal.i18n import LANGUAGE_PATTERN

CALENDAR_ID = "urn:cmcal:schema:calendar:1"
PART_ID = "urn:cmcal:schema:part:1"
SCHEMA_ID = CALENDAR_ID

_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"], "minLength": 1}
_ID: dict[str, Any] = {"type": ["string", "integer"], "pattern": r"^[^\s_.-][^\s]*$"}
_DATE: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TIME: dict[str, Any] = {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"}
_NULL: dict[str, Any] = {"type": "null"}


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" for c in word)


_DAY: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": "^(" + "|".join(_any_case(d) for d in DAY_NAMES) + ")$"},
        {"type": "integer", "minimum": -1, "maximum": 31, "not": {"const": 0}},
        {"type": "string", "pattern": r"^(-1|0?[1-9]|[12][0-9]|3[01])$"},
    ]
}


def _int(f: Field, digits: str) -> dict[str, Any]:
    """A whole number within the field's bounds (README, "Limits"), unquoted or quoted."""
    number: dict[str, Any] = {"type": "integer", "minimum": f.minimum or 0}
    if f.maximum is not None:
        number["maximum"] = f.maximum
    return {"anyOf": [number, {"type": "string", "pattern": digits}]}


def _list(item: dict[str, Any], min_items: int = 0) -> dict[str, Any]:
    """A list, or a single value read as a list of one; empty (null) when nothing is required."""
    array: dict[str, Any] = {"type": "array", "items": item}
    if min_items:
        array["minItems"] = min_items
    return {"anyOf": [array, item] if min_items else [array, item, _NULL]}


def _scalar(kind: Kind, f: Field) -> dict[str, Any]:
    if kind is Kind.TEXT and f.required:
        return dict(_TEXT)
    if kind is Kind.TEXT:  # an optional text may be empty
        return {"type": ["string", "number", "boolean", "null"]}
    if kind is Kind.ID:
        return dict(_ID)
    if kind is Kind.DATE:
        return dict(_DATE)
    if kind is Kind.TIME:
        return dict(_TIME)
    if kind in (Kind.TIMEZONE, Kind.RRULE):
        return {"type": "string", "minLength": 1}
    if kind is Kind.LANGUAGE:
        return {"type": "string", "pattern": LANGUAGE_PATTERN}
    if kind is Kind.INT:
        minimum = f.minimum or 0
        digits = r"^-?[0-9]+$" if minimum < 0 else r"^[0-9]+$" if minimum == 0 else r"^0*[1-9][0-9]*$"
        return _int(f, digits)
    if kind is Kind.COUNT:  # `5_400` is text in YAML 1.2; an empty count is unknown
        return {"anyOf": [*_int(f, r"^[0-9_]+$")["anyOf"], _NULL]}
    if kind is Kind.SHARE:
        return {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                {"type": "string", "pattern": r"^0*(1(\.0*)?|0?\.[0-9]+)$"},
            ]
        }
    if kind is Kind.BOOL:
        return {"anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}]}
    if kind is Kind.ENUM:
        return {"enum": list(f.values)}
    raise AssertionError(kind)


def _value(f: Field) -> dict[str, Any]:
    kind = f.kind
    if kind is Kind.MEDIA:
        path = {"type": "string", "minLength": 1}  # a path, or an https:// URL (`check` tells them apart)
        return {"type": ["array", "null"], "items": {"anyOf": [path, _table(TABLES["media"])]}}
    if kind is Kind.LIST and f.table:
        return {"type": ["array", "null"], "items": _table(TABLES[f.table])}
    if kind is Kind.LIST:
        return _list(_scalar(f.items or Kind.TEXT, f))
    if kind is Kind.DAYS:
        return _list(_DAY)
    if kind is Kind.IDS:
        # One schema whose keywords each apply to one type, not a choice: editors name the wrong key.
        ids: dict[str, Any] = {
            "type": ["array", "string", "integer", "object"],
            "items": _ID,
            "minItems": 1,
            "pattern": _ID["pattern"],
            "propertyNames": _ID,
            "minProperties": 1,
        }
        if f.table:
            ids["additionalProperties"] = _settings(TABLES[f.table])
        return ids
    if kind is Kind.MAPPING:
        assert f.table is not None
        return {
            "type": ["object", "null"],
            "propertyNames": _ID,
            "additionalProperties": _settings(TABLES[f.table]),
        }
    if kind is Kind.SETTINGS:
        assert f.table is not None
        return _settings(TABLES[f.table])
    return _scalar(kind, f)


def _settings(table: Table) -> dict[str, Any]:
    """A table's mapping, or an empty value (read as an empty mapping) when the table requires no key.

    One object whose type admits null, rather than a choice between them: editors then name the wrong key
    (`Property kynd is not allowed`) instead of saying `Expected "null"`."""
    out = _table(table)
    if not table.required and not table.one_of:
        out["type"] = ["object", "null"]
    return out


def _table(table: Table) -> dict[str, Any]:
    properties = {}
    for f in table.fields:
        properties[f.name] = {**_value(f), "description": f.doc}
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if table.required:
        out["required"] = list(table.required)
    if table.one_of:
        out["oneOf"] = [{"required": [key]} for key in table.one_of]
    return out


def calendar_schema() -> dict[str, Any]:
    """The schema of a calendar file (`schema/cmcal.schema.json`, `cmcal schema`)."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": CALENDAR_ID,
        "title": "cmcal calendar",
        "description": "A content calendar file for cmcal (docs/format.md).",
        **_table(ROOT),
    }


def part_schema() -> dict[str, Any]:
    """The schema of a part file listed in a calendar's `include:` (`schema/cmcal-part.schema.json`,
    `cmcal schema --part`)."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": PART_ID,
        "title": "cmcal part",
        "description": "A file listed in a cmcal calendar's `include:`: only posts (docs/format.md).",
        **_table(PART),
    }
