"""The one value every check produces: a problem at a place in a file, and the registry of every code.

README's table of codes is made from the registry (`python -m cmcal.problems`); a test keeps README in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Loc:
    """A place in a file: 1-based line and column."""

    path: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding, with the exact place it points at and a message that says what to do."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int]:
        # By place only: a stable sort keeps the order the rules found them in (a habit's gaps by date).
        return (self.path, self.line, self.column)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def problem(loc: Loc, code: str, message: str, severity: Severity | None = None) -> Problem:
    """Make a problem with the severity its rule declares (or an explicit one, for `gap`)."""
    sev = severity if severity is not None else RULES[code].severity
    return Problem(loc.path, loc.line, loc.column, sev, code, message)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    """When the problem is reported, in one sentence for the user."""


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("yaml-syntax", _E, "The file is not valid YAML."),
        Rule("duplicate-key", _E, "A mapping repeats a key; the message names both lines."),
        Rule("bad-encoding", _E, "The file is not UTF-8 (a UTF-8 byte-order mark is allowed)."),
        Rule(
            "too-large", _E, "The file is over the size bound (64 MiB) or the node bound (2,000,000 nodes)."
        ),
        Rule(
            "bad-structure",
            _E,
            "Wrong shape: a list where a mapping belongs, a non-text title, an anchor or alias, "
            "several documents, a value outside its allowed set…",
        ),
        Rule(
            "unknown-key", _E, "A key the format does not know; the message suggests the closest known key."
        ),
        Rule("missing-key", _E, "A required key is absent."),
        Rule("bad-date", _E, "Not a real `YYYY-MM-DD` date."),
        Rule("bad-time", _E, "Not a real `HH:MM` time (00:00 to 23:59)."),
        Rule("bad-timezone", _E, "Not an IANA time zone such as `America/Toronto`."),
        Rule(
            "bad-rrule",
            _E,
            "An RRULE that does not parse or never occurs, "
            "or a habit with both or neither of `every` and `rrule`.",
        ),
        Rule("unknown-platform", _E, "A platform id that the calendar's `platforms` does not declare."),
        Rule("unknown-habit", _E, "A habit id that the calendar's `habits` does not declare."),
        Rule("unknown-owner", _E, "An owner not listed in the calendar's `team`."),
        Rule("unknown-type", _E, "A content type cmcal does not know."),
        Rule("bad-status", _E, "A status other than idea, draft, ready, scheduled, published, cancelled."),
        Rule("duplicate-id", _E, "Two posts of one calendar share an `id`."),
        Rule(
            "text-too-long", _E, "The text is over a platform's limit, counted in that platform's own unit."
        ),
        Rule("too-many-hashtags", _E, "Over a platform's hashtag limit (Instagram: 5)."),
        Rule(
            "type-not-supported",
            _E,
            "A content type the platform cannot carry (a YouTube post that is not a video).",
        ),
        Rule("nonexistent-time", _E, "A local time skipped by a daylight-saving change."),
        Rule("ambiguous-time", _W, "A local time that occurs twice at a daylight-saving change."),
        Rule("off-schedule", _W, "A habit's post outside every slot of that habit."),
        Rule("overbooked", _W, "More posts in a habit slot than its `times`."),
        Rule("stale", _W, "Not published, not cancelled, and dated before today."),
        Rule(
            "gap",
            _W,
            "A habit slot with fewer posts than `times` between today and today + horizon "
            "(an error for a `required` habit).",
        ),
        Rule(
            "approval-stale",
            _W,
            "An approved post changed since its approval (an error when it is scheduled or published).",
        ),
        Rule(
            "not-approved",
            _E,
            "A scheduled post without an approval in a calendar with `require_approval: true`.",
        ),
        Rule("bad-metrics", _E, "A metric that is negative or not a whole number, or on an unknown post."),
    )
}


def markdown_table() -> str:
    """README's table of codes (`python -m cmcal.problems`)."""
    rows = [f"| `{r.code}` | {r.severity.value} | {r.summary} |" for r in RULES.values()]
    return "\n".join(["| code | severity | when |", "| --- | --- | --- |", *rows]) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
