"""The output formats of `cmcal check`, chosen by name in one place (README, "`cmcal check`")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cmcal.i18n import _, ngettext
from cmcal.printable import no_surrogates, printable
from cmcal.problems import Problem

FORMATS = ("text", "json", "github")


def text(problems: Sequence[Problem]) -> str:
    """`PATH:LINE:COL: SEVERITY [CODE] MESSAGE`, one line a problem."""
    return "".join(
        f"{printable(p.path)}:{p.line}:{p.column}: {p.severity.value} [{p.code}] {_one_line(p.message)}\n"
        for p in problems
    )


def as_json(problems: Sequence[Problem]) -> str:
    document = {"version": 1, "problems": [p.to_json() for p in problems]}
    import json  # here: `--format text`, the default, never needs it

    return no_surrogates(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _escape_data(value: str) -> str:
    # GitHub workflow commands: https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem]) -> str:
    """`::error file=…,line=…,col=…,title=CODE::MESSAGE`: workflow commands GitHub shows as annotations."""
    return "".join(
        f"::{p.severity.value} file={_escape_property(printable(p.path))},line={p.line},col={p.column},"
        f"title={_escape_property(p.code)}::{_escape_data(printable(p.message))}\n"
        for p in problems
    )


GITHUB_ANNOTATION_CAP = 10
"""Annotations GitHub shows per step and severity; the rest are dropped from the pull request view."""


def github_capped(problems: Sequence[Problem]) -> bool:
    errors = sum(1 for p in problems if p.is_error)
    return max(errors, len(problems) - errors) > GITHUB_ANNOTATION_CAP


MARKDOWN_ROWS = 200
"""Rows of the step summary's table; GitHub caps a summary at 1 MiB."""


def markdown(problems: Sequence[Problem], totals: str) -> str:
    """A step summary: the totals, then a table of the problems (the first `MARKDOWN_ROWS`)."""
    lines = ["### cmcal check", "", totals, ""]
    if problems:
        lines += ["| place | severity | code | message |", "| --- | --- | --- | --- |"]
        for p in problems[:MARKDOWN_ROWS]:
            place = f"`{printable(p.path)}:{p.line}:{p.column}`"
            message = _one_line(p.message).replace("|", "\\|")
            lines.append(f"| {place} | {p.severity.value} | `{p.code}` | {message} |")
        if len(problems) > MARKDOWN_ROWS:
            lines += ["", f"… and {len(problems) - MARKDOWN_ROWS} more: see the step's log."]
    return "\n".join(lines) + "\n\n"


def _one_line(message: str) -> str:
    return printable(message.replace("\r", " ").replace("\n", " "))


RENDERERS: dict[str, Callable[[Sequence[Problem]], str]] = {"text": text, "json": as_json, "github": github}


def summary(problems: Sequence[Problem], calendars: int, files: int) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    what = _("{calendars} in {files}").format(
        calendars=ngettext("{n} calendar", "{n} calendars", calendars).format(n=calendars),
        files=ngettext("{n} file", "{n} files", files).format(n=files),
    )
    if not problems:
        return _("{what}: no problems").format(what=what)
    return _("{what}: {errors}, {warnings}").format(
        what=what,
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    )
