"""Nothing English is left in a French run (README, "Languages"): every view, report format, problem, `show`,
ICS and CSV text and `fill` plan of the example calendars, rendered with `--lang fr-CA`, holds no word of the
English messages.

The English words are those of 4 letters or more of every message id of the catalog (placeholders and
`code` spans left out) and of the same outputs rendered in English (so a string that was never wrapped in
`_()` counts too), less the words that are French as well (those of the French translations), the words of
the calendars themselves (titles, texts, ids, paths, metric names) and the identifiers cmcal never translates
(keys, values of keys, problem codes, platform ids and names, CSV columns). A word left is a message cmcal
forgot to translate: the test names it, with the line it is on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from cmcal.export.csvout import BUFFER_COLUMNS
from cmcal.i18n import catalog
from tests.helpers import run_cli

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "calendars"
INVALID = ROOT / "tests" / "data" / "invalid"
TODAY = ["--today", "2026-12-01"]
NOVEMBER = ["--from", "2026-11-01", "--to", "2026-11-30"]
_WORD = re.compile(r"[^\W\d_]{4,}")
_TOKEN = re.compile(r"[a-z0-9_-]*")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|`[^`]*`")


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


# --- what is rendered -------------------------------------------------------------------------------------


SHOWN = ("tartiflette-1201", "muffins-aux-bleuets-1118", "galette-des-rois-1207")
"""Posts worth a `show`: a plain one, and the two with a problem."""


def runs() -> Iterator[tuple[str, list[str], str]]:
    """(name, arguments, kind of output) of every rendering the test reads; kind says how to read it."""
    cal = str(EXAMPLES)
    yield "check", ["check", cal, *TODAY], "text"
    for view in ("upcoming", "gaps"):
        yield view, [view, cal, *TODAY], "text"
        yield f"{view} csv", [view, cal, *TODAY, "--format", "csv"], "csv"
        yield f"{view} json", [view, cal, *TODAY, "--format", "json"], "json"
    yield "month", ["month", "2026-12", cal, *TODAY], "text"
    for fmt, kind in (("table", "text"), ("markdown", "text"), ("html", "html"), ("json", "json")):
        yield f"report {fmt}", ["report", cal, *NOVEMBER, "--format", fmt], kind
        yield (
            f"report dec {fmt}",
            ["report", cal, "--from", "2026-12-01", "--to", "2026-12-31", "-f", fmt],
            kind,
        )
    yield "export ics", ["export", cal, *TODAY, "--format", "ics", "--gaps"], "ics"
    yield "export csv", ["export", cal, *TODAY, "--format", "csv", "--gaps"], "csv"
    cuisine = str(EXAMPLES / "cuisine-express")
    for preset in ("buffer", "hootsuite"):  # their notes and refusals on stderr
        args = ["export", cuisine, *TODAY, "-f", "csv", "--csv-preset", preset, "--platform", "instagram"]
        yield f"export {preset}", [*args, "--force"], "rows"
    yield "fill", ["fill", cal, *TODAY, "--days", "30"], "text"
    yield "fill json", ["fill", cal, *TODAY, "--days", "30", "--format", "json"], "json"
    for post in SHOWN:
        yield f"show {post}", ["show", post, "--path", cal, *TODAY], "text"
    for path in sorted(INVALID.glob("*.yaml")):
        yield f"check {path.name}", ["check", str(path), "--today", "2026-11-30"], "text"


class _Text(HTMLParser):
    """The text a reader of the page sees, and its attributes' words (aria-label, title); not its CSS."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")
        self.parts.extend(v for k, v in attrs if k in ("aria-label", "title", "alt") and v)

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _json_values(value: object) -> Iterator[str]:
    """The strings of a JSON document, not its keys (keys never change with the language)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_values(item)
    elif isinstance(value, str) and not _TOKEN.fullmatch(value):  # `adherence`, `daily-recipe`: names
        yield value


def readable(kind: str, out: str) -> list[str]:
    """The lines of an output a person reads: for ICS, the texts of its events; for CSV, its cells less
    the header; for JSON, its string values; for HTML, its text."""
    if kind == "ics":
        lines = []
        for event in icalendar.Calendar.from_ical(out).walk("VEVENT"):
            for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
                if name in event:
                    lines.extend(str(event[name]).splitlines())
        return lines
    if kind == "csv":  # the cells, less the UIDs (hex digits make words: `cdde`)
        return [" ".join(v for k, v in row.items() if k != "uid") for row in csv.DictReader(io.StringIO(out))]
    if kind == "rows":  # a preset's file: the tool's own header (Buffer's) never changes
        return [" ".join(row) for row in csv.reader(io.StringIO(out)) if row != list(BUFFER_COLUMNS)]
    if kind == "json":
        return list(_json_values(json.loads(out)))
    if kind == "html":
        parser = _Text()
        parser.feed(out)
        return [line for part in parser.parts for line in part.splitlines()]
    return out.splitlines()


def render(capsys: pytest.CaptureFixture[str], lang: str) -> dict[str, list[str]]:
    """Every run's readable lines (stdout and stderr) in `lang`."""
    out: dict[str, list[str]] = {}
    for name, args, kind in runs():
        result = run_cli(["--lang", lang, *args], capsys)
        assert result.exit_code in (0, 1), (name, result.stderr)
        out[name] = readable(kind, result.stdout) + result.stderr.splitlines()
    return out


# --- what may stay ------------------------------------------------------------------------------------------


_COMMENT = re.compile(r"(^|\s)#.*$", re.M)


def _data_words() -> set[str]:
    """Every word of the calendars read (their text, keys, and the examples' comments) and of their paths;
    the fixtures' comments are English prose about the fixture, which no output quotes: left out."""
    found = words(str(ROOT))  # the outputs name files by absolute path: the checkout's folders are no message
    for folder in (EXAMPLES, INVALID):
        for path in folder.rglob("*"):
            found |= words(str(path.relative_to(ROOT)))
            if path.is_file() and path.suffix in (".yaml", ".csv"):
                text = path.read_text(encoding="utf-8", errors="replace")
                found |= words(_COMMENT.sub(" ", text) if folder == INVALID else text)
    return found


def _identifiers() -> set[str]:
    """What cmcal never translates: keys and their values, codes, platforms, CSV columns."""
    from cmcal import fields
    from cmcal.export.csvout import BUFFER_COLUMNS, COLUMNS
    from cmcal.platforms.media_rules import _ALL
    from cmcal.platforms.rules import BUILTIN
    from cmcal.problems import Code, Severity

    names: list[str] = [c.value for c in Code] + [s.value for s in Severity]
    for table in fields.TABLES.values():
        names.append(table.name)
        for field in table.fields:
            names.extend((field.name, *field.values))
    for rules in BUILTIN.values():  # names and the platforms' own words for their text ("caption")
        names.extend((rules.id, rules.name, rules.text_field, *(x.field for x in rules.extra_limits)))
    names.extend(surface.name for surface in _ALL)  # "Instagram Reels"
    names.extend((*COLUMNS, *BUFFER_COLUMNS))
    return set().union(*(words(n.replace("_", " ")) for n in names))


def _french_words() -> set[str]:
    """The words of the French translations, and of the `code` they quote (`git lfs pull`)."""
    found: set[str] = set()
    for message in catalog.read("fr"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found |= words(re.sub(r"\{[^{}]*\}", " ", text or ""))
    return found


def _message_words() -> set[str]:
    found: set[str] = set()
    for message in catalog.extracted():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in ids:
            found |= words(_PLACEHOLDER.sub(" ", text))
    return found


def english_words(english: Iterable[str]) -> set[str]:
    """The words of the English messages and outputs that no French text, calendar or identifier has."""
    candidates = _message_words() | words("\n".join(english))
    # The checkout's own path is in the outputs too (`/work/wt/perf/calendars/…`): its words are no message's.
    kept = _french_words() | _data_words() | _identifiers() | words(str(ROOT.resolve()))
    # A cell cut to its width (`instag…`) leaves the start of a kept word.
    return {w for w in candidates - kept if not any(k.startswith(w) for k in kept)}


def leftovers(french: dict[str, list[str]], english: set[str]) -> list[str]:
    """`run: word in «line»` for each English word of a French output."""
    found = []
    for name, lines in french.items():
        for line in lines:
            for word in sorted(words(line) & english):
                found.append(f"{name}: {word!r} in «{line.strip()[:160]}»")
    return found


_BOTH: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})


def _rendered(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    if not _BOTH[0]:  # rendered once for the module's tests (capsys is per test, so not a module fixture)
        _BOTH[0].update(render(capsys, "fr-CA"))
        _BOTH[1].update(render(capsys, "en"))
    return _BOTH


def test_no_english_word_in_a_french_run(capsys: pytest.CaptureFixture[str]) -> None:
    french, english = _rendered(capsys)
    vocabulary = english_words(line for lines in english.values() for line in lines)
    found = leftovers(french, vocabulary)
    assert not found, "English left in the French outputs:\n" + "\n".join(found[:40])


def test_the_english_run_is_full_of_them(capsys: pytest.CaptureFixture[str]) -> None:
    # The same check finds the English words in the English outputs: it is not empty by construction.
    _, english = _rendered(capsys)
    vocabulary = english_words(line for lines in english.values() for line in lines)
    found = leftovers(english, vocabulary)
    assert len(found) > 500
    assert any("'links'" in f for f in found if f.startswith("show "))
    assert any("'adherence'" in f for f in found if f.startswith("report markdown"))
