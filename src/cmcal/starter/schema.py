"""The JSON Schema (draft-07) of calendar files, for editors (`# yaml-language-server: $schema=…`).

Built from the same key lists and value sets as `build`, so the editor and `cmcal check` agree on shape.
It describes structure; rules that relate values (an owner in the team, text lengths) stay `check`'s job.
"""

from __future__ import annotations

from typing import Any

from cmcal import fields
from cmcal.model import (
    CONTENT_TYPES,
    ENGAGEMENT_COUNTS,
    METRIC_NAMES,
    ON_HOLIDAY,
    STATUSES,
    WEEKDAYS,
    Every,
)

ROOT_KEYS = fields.ROOT.names
PLATFORM_KEYS = fields.PLATFORM.names
HABIT_KEYS = fields.HABIT.names
POST_KEYS = fields.POST.names
REPORT_KEYS = fields.REPORT.names
BLACKOUT_KEYS = fields.BLACKOUT.names
EVENT_KEYS = fields.EVENT.names
EVENT_POST_KEYS = fields.EVENT_POST.names
CAMPAIGN_KEYS = fields.CAMPAIGN.names
IDEA_KEYS = fields.IDEA.names
APPROVAL_KEYS = fields.APPROVAL.names

SCHEMA_ID = "urn:cmcal:schema:calendar:1"

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "A date, YYYY-MM-DD."}
_TIME = {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$", "description": "A local time, HH:MM."}
# Editors read YAML 1.2, where `010` is a number and `true` a boolean; cmcal reads both as text, so the
# schema accepts them wherever text is expected rather than flag what `check` accepts.
_ID = {"type": ["string", "integer"], "pattern": r"^[^\s_.-][^\s]*$"}
_TEXT = {"type": ["string", "number", "boolean"], "minLength": 1}


def _int(field: fields.Field) -> dict[str, Any]:
    """An integer with the bounds of its field (README, "Limits")."""
    out: dict[str, Any] = {"type": "integer"}
    if field.minimum is not None:
        out["minimum"] = field.minimum
    if field.maximum is not None:
        out["maximum"] = field.maximum
    return out


def _object(
    properties: dict[str, Any], keys: tuple[str, ...], required: tuple[str, ...] = ()
) -> dict[str, Any]:
    assert set(properties) == set(keys), set(properties) ^ set(keys)  # the schema covers exactly build's keys
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = list(required)
    return out


def _id_list() -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "array", "items": _ID, "minItems": 1},
            {"type": "object", "propertyNames": _ID, "minProperties": 1},
        ]
    }


def _post_platforms() -> dict[str, Any]:
    return {
        "oneOf": [
            {"type": "array", "items": _ID, "minItems": 1},
            {
                "type": "object",
                "propertyNames": _ID,
                "minProperties": 1,
                "additionalProperties": {
                    "oneOf": [
                        {"type": "null"},
                        {
                            "type": "object",
                            "properties": {"text": {"type": "string"}},
                            "additionalProperties": False,
                        },
                    ]
                },
            },
        ]
    }


def _posts() -> dict[str, Any]:
    metrics = _object({name: _int(fields.METRICS[name]) for name in METRIC_NAMES}, METRIC_NAMES)
    post = _object(
        {
            "id": {**_ID, "description": "Unique in the calendar; kept stable across edits."},
            "date": _DATE,
            "time": _TIME,
            "platforms": _post_platforms(),
            "platform": _ID,
            "habit": _ID,
            "event": {**_ID, "description": "An event under `events:` whose promised posts this fills."},
            "campaign": {**_ID, "description": "A campaign under `campaigns:`."},
            "type": {"enum": list(CONTENT_TYPES)},
            "title": _TEXT,
            "text": {"type": "string"},
            "link": {"type": "string"},
            "owner": _TEXT,
            "status": {"enum": list(STATUSES)},
            "tags": {"type": "array", "items": _TEXT},
            "metrics": {"type": "object", "additionalProperties": metrics},
            "notes": {"type": "string"},
            "approved": {
                **_object(
                    {"by": _TEXT, "on": _DATE, "digest": {"type": "string"}},
                    APPROVAL_KEYS,
                    APPROVAL_KEYS,
                ),
                "description": "Written by `cmcal approve`: who approved, when, and a digest of the content.",
            },
            "from_idea": {**_ID, "description": "The idea this post was made from (`cmcal fill --write`)."},
        },
        POST_KEYS,
        ("date", "title"),
    )
    post["oneOf"] = [{"required": ["platform"]}, {"required": ["platforms"]}]
    return {"type": "array", "items": post}


def _habit() -> dict[str, Any]:
    habit = _object(
        {
            "title": _TEXT,
            "every": {"enum": [e.value for e in Every]},
            "days": {
                "type": "array",
                "items": {
                    "oneOf": [
                        {"enum": list(WEEKDAYS)},
                        {"type": "integer", "minimum": -1, "maximum": 31, "not": {"const": 0}},
                    ]
                },
            },
            "rrule": {"type": "string", "description": "An RFC 5545 RRULE body, e.g. FREQ=WEEKLY;BYDAY=TH."},
            "at": _TIME,
            "platforms": _id_list(),
            "type": {"enum": list(CONTENT_TYPES)},
            "start": _DATE,
            "end": _DATE,
            "skip": {"type": "array", "items": _DATE},
            "times": _int(fields.HABIT["times"]),
            "required": {"type": "boolean"},
            "owner": _TEXT,
            "notes": {"type": "string"},
            "on_holiday": {
                "enum": list(ON_HOLIDAY),
                "description": "A day slot on a holiday: kept, skipped, or moved to the day before/after.",
            },
        },
        HABIT_KEYS,
        ("start", "platforms"),
    )
    habit["oneOf"] = [{"required": ["every"]}, {"required": ["rrule"]}]
    return habit


def _ideas() -> dict[str, Any]:
    idea = _object(
        {
            "id": {**_ID, "description": "Unique among the calendar's posts and ideas."},
            "title": _TEXT,
            "habit": {**_ID, "description": "The only habit whose slots it may fill."},
            "platforms": _post_platforms(),
            "platform": _ID,
            "type": {"enum": list(CONTENT_TYPES)},
            "text": {"type": "string"},
            "link": {"type": "string"},
            "owner": _TEXT,
            "tags": {"type": "array", "items": _TEXT},
            "event": _ID,
            "campaign": _ID,
            "notes": {"type": "string"},
            "evergreen": {"type": "boolean", "description": "Reusable: it stays in `ideas` when used."},
            "cooldown": {**_int(fields.IDEA["cooldown"]), "description": "Days between two uses (30)."},
        },
        IDEA_KEYS,
        ("title",),
    )
    return {"type": "array", "items": idea}


def _events() -> dict[str, Any]:
    promised = _object(
        {
            "offset": {**_int(fields.EVENT_POST["offset"]), "description": "Days from the event's date."},
            "platforms": _id_list(),
            "at": _TIME,
            "type": {"enum": list(CONTENT_TYPES)},
            "times": _int(fields.EVENT_POST["times"]),
            "required": {"type": "boolean"},
        },
        EVENT_POST_KEYS,
        ("offset", "platforms"),
    )
    event = _object(
        {
            "title": _TEXT,
            "date": {**_DATE, "description": "The first day."},
            "end": {**_DATE, "description": "The last day, for an event of several days."},
            "location": _TEXT,
            "owner": _TEXT,
            "posts": {"type": "array", "items": promised},
            "notes": {"type": "string"},
        },
        EVENT_KEYS,
        ("date",),
    )
    return {"type": "object", "propertyNames": _ID, "additionalProperties": event}


def calendar_schema() -> dict[str, Any]:
    platform = _object(
        {
            "kind": {"type": "string"},
            "handle": _TEXT,
            "max_length": _int(fields.PLATFORM["max_length"]),
            "max_hashtags": _int(fields.PLATFORM["max_hashtags"]),
            "types": {"type": "array", "items": {"enum": list(CONTENT_TYPES)}},
        },
        PLATFORM_KEYS,
    )
    root = _object(
        {
            "calendar": {**_TEXT, "description": "The calendar's display name."},
            "timezone": {"type": "string", "description": "IANA zone, e.g. America/Toronto."},
            "platforms": {
                "oneOf": [
                    {"type": "array", "items": _ID, "minItems": 1},
                    {
                        "type": "object",
                        "propertyNames": _ID,
                        "minProperties": 1,
                        "additionalProperties": {"oneOf": [{"type": "null"}, platform]},
                    },
                ]
            },
            "team": {"type": "array", "items": _TEXT},
            "habits": {"type": "object", "propertyNames": _ID, "additionalProperties": _habit()},
            "posts": _posts(),
            "include": {"type": "array", "items": _TEXT},
            "metrics_files": {"type": "array", "items": _TEXT},
            "require_approval": {
                "type": "boolean",
                "description": "A scheduled post needs an approval (`cmcal approve`).",
            },
            "report": _object(
                {
                    "engagement": {"type": "array", "items": {"enum": list(ENGAGEMENT_COUNTS)}},
                    "max_type_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                },
                REPORT_KEYS,
            ),
            "holidays": {
                "type": "array",
                "items": {"type": "string", "minLength": 2},
                "description": "Public-holiday sets: ISO 3166 country or subdivision codes (FR, CA-QC).",
            },
            "blackouts": {
                "type": "array",
                "items": _object({"from": _DATE, "to": _DATE, "reason": _TEXT}, BLACKOUT_KEYS, ("from",)),
            },
            "events": _events(),
            "campaigns": {
                "type": "object",
                "propertyNames": _ID,
                "additionalProperties": _object(
                    {"title": _TEXT, "start": _DATE, "end": _DATE, "notes": {"type": "string"}},
                    CAMPAIGN_KEYS,
                    ("start", "end"),
                ),
            },
            "ideas": _ideas(),
        },
        ROOT_KEYS,
        ("calendar", "timezone", "platforms"),
    )
    part = {
        "type": "object",
        "properties": {"posts": _posts()},
        "required": ["posts"],
        "additionalProperties": False,
        "description": "A file listed in a calendar's `include:`; it holds only posts.",
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "cmcal calendar",
        "description": "A content calendar file for cmcal (or a part of one listed in `include:`).",
        "oneOf": [root, part],
    }
