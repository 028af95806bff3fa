"""The one value every check produces: a problem at a place in a file."""

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
    from cmcal.rules import RULES

    sev = severity if severity is not None else RULES[code].severity
    return Problem(loc.path, loc.line, loc.column, sev, code, message)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
