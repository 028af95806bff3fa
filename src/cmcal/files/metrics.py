"""Metrics exported from the platforms, in CSV files that a calendar lists (`metrics_files:`).

A metrics file is CSV with a header row. Columns, in any order and any letter case: `id` and `platform`
(required), `date` (optional), and any of the counts `impressions, reach, likes, comments, shares, saves,
clicks, followers, views`. The delimiter is `,`, or `;` / a tab when the header uses that and no comma
(spreadsheets in French locales write `;`). Fields may be quoted as RFC 4180 says. A UTF-8 byte-order mark is
allowed. Blank lines are skipped; a row shorter than the header leaves its last counts unknown.

Decisions (README, "Metrics"):

- An empty cell is an unknown count, never a zero.
- Every problem of a metrics file has the code `bad-metrics` (`bad-date` for a date that is not YYYY-MM-DD,
  `bad-encoding` / `too-large` as for calendar files) and points at the row's line and the field's column
  (1-based; a quoted field points at its opening quote).
- `date` is the day the counts were read. When several rows give the same post and platform (weekly exports
  kept side by side), each count comes from the row with the latest `date`; a row without `date` counts as
  older than any dated row. Two rows of the same date giving different numbers for a count are a conflict:
  a problem at the later row, whose number is used (files in `metrics_files` order, rows in file order).
- A count given both inline (`metrics:` in the YAML) and in a CSV file: **the CSV file wins**, because it is
  what the platform exported, usually later than what someone typed; when the two numbers differ, a
  `bad-metrics` problem at the CSV field names the YAML line, so that one of them is removed. Counts given
  only on one side are merged, count by count.
- Rows for an unknown post id, for a platform the post is not published on, or for a post that is not
  `published` are problems, and their numbers are not used.

Everything here is pure apart from reading files through a `Source`; nothing prints.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import get_close_matches

from cmcal.bounds import MAX_BYTES, MAX_COUNT, MAX_COUNT_DIGITS, MAX_UNKNOWN_COLUMNS, Suggester, int_within
from cmcal.files.loader import DiskSource, Source
from cmcal.files.loader import metrics_too_large as too_large
from cmcal.files.source import Refused
from cmcal.i18n import _
from cmcal.i18n.formats import number
from cmcal.model import METRIC_NAMES, Calendar, Metrics
from cmcal.problems import Code, Loc, Problem, problem

KEY_COLUMNS = ("id", "platform", "date")
COLUMNS = KEY_COLUMNS + METRIC_NAMES


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: its fields' text (unquoted fields without spaces around), and where each starts."""

    line: int
    """The line the record starts on (1-based)."""
    values: tuple[str, ...]
    raw: tuple[str, ...] = ()
    """For a record on one line without quotes: the fields as written, to find their columns when needed."""
    places: tuple[tuple[int, int], ...] = ()
    """For a record with quotes: (line, column) of each field."""

    def place(self, index: int) -> tuple[int, int]:
        """(line, column) where field `index` starts (1-based); a quoted field starts at its opening quote."""
        if self.places:
            return self.places[index]
        before = sum(len(part) + 1 for part in self.raw[:index])
        part = self.raw[index]
        return self.line, 1 + before + len(part) - len(part.lstrip(" \t"))

    def all_places(self) -> tuple[tuple[int, int], ...]:
        """`place` of every field, in one pass: a header of 100,000 columns costs 100,000 steps, not 10¹⁰."""
        if self.places:
            return self.places
        out = []
        before = 0
        for part in self.raw:
            out.append((self.line, 1 + before + len(part) - len(part.lstrip(" \t"))))
            before += len(part) + 1
        return tuple(out)


@dataclass(frozen=True, slots=True)
class MetricsRow:
    """One data row of a metrics file, its counts checked (a bad count is left out, with a problem)."""

    path: str
    line: int
    post_id: str
    platform: str
    date: date | None
    counts: Mapping[str, int]
    record: Record | None = None
    columns: Mapping[str, int] = field(default_factory=dict)
    """Column name -> field index (shared by the rows of a file)."""

    def loc(self, name: str) -> Loc:
        """Where the field of column `name` starts; the row's start when the row has no such field."""
        if self.record is None:
            return Loc(self.path, self.line, 1)
        return _field_loc(self.path, self.record, self.columns, name)


def _field_loc(path: str, record: Record, columns: Mapping[str, int], name: str) -> Loc:
    index = columns.get(name)
    line, column = record.place(index if index is not None and index < len(record.values) else 0)
    return Loc(path, line, column)


@dataclass(frozen=True)
class MetricsResult:
    """A calendar whose posts carry the merged metrics, and the problems met reading its metrics files."""

    calendar: Calendar
    problems: tuple[Problem, ...]


def metrics_problems(calendar: Calendar, source: Source | None = None) -> list[Problem]:
    """The problems of a calendar's metrics files (for `cmcal check`). Reads the files through `source`."""
    return list(with_metrics(calendar, source).problems)


def with_metrics(calendar: Calendar, source: Source | None = None) -> MetricsResult:
    """The calendar with the counts of its `metrics_files` merged into its posts' metrics (CSV wins)."""
    if not calendar.metrics_files:
        return MetricsResult(calendar, ())
    from cmcal.files.reader import no_gc

    src = source if source is not None else DiskSource()
    problems: list[Problem] = []
    rows: list[MetricsRow] = []
    with no_gc():  # rows and merged posts make no cycles; collections over a big calendar would cost more
        for path in calendar.metrics_files:
            try:
                data = src.read(path, calendar.root)
            except Refused as refused:  # checked when the calendar was loaded; changed since
                from cmcal.files.loader import refusal_problem

                problems.append(refusal_problem(refused, Loc(path, 1, 1), metrics=True))
                continue
            found_rows, found = parse_metrics_file(data, path)
            rows.extend(found_rows)
            problems.extend(found)
        merged, found = merge_rows(calendar, rows)
    problems.extend(found)
    return MetricsResult(merged, tuple(problems))


def parse_metrics_file(data: bytes, path: str) -> tuple[list[MetricsRow], list[Problem]]:
    """The rows of one metrics file, from its bytes, and the problems of its text, header and values."""
    from cmcal.files.reader import decode

    if len(data) > MAX_BYTES:
        return [], [too_large(path, len(data))]
    text, bad = decode(data, path)
    if text is None:
        return [], [bad] if bad is not None else []
    return parse_metrics_csv(text, path)


def parse_metrics_csv(text: str, path: str) -> tuple[list[MetricsRow], list[Problem]]:
    """The rows of a metrics file's text, and the problems of its header and values."""
    problems: list[Problem] = []
    rows = _csv_rows(text.removeprefix("\ufeff"), path, problems)
    header: Record | None = None
    for record in rows:
        header = record
        break
    if header is None:
        return [], problems
    columns = _columns(header, path, problems)
    if columns is None:
        return [], problems
    out: list[MetricsRow] = []
    width = len(header.values)
    counted = sorted(((name, columns[name]) for name in METRIC_NAMES if name in columns), key=lambda c: c[1])
    for record in rows:
        if len(record.values) > width:
            problems.append(
                problem(
                    Loc(path, *record.place(width)),
                    Code.BAD_METRICS,
                    _(
                        "this row has {n} fields and the header {width}; quote a field that holds the "
                        "delimiter, or remove the extra field"
                    ).format(n=len(record.values), width=width),
                )
            )
            continue
        row = _row(record, columns, counted, path, problems)
        if row is not None:
            out.append(row)
    return out, problems


def _columns(header: Record, path: str, problems: list[Problem]) -> dict[str, int] | None:
    """Column name -> field index; None when `id` or `platform` is missing."""
    columns: dict[str, int] = {}
    places = header.all_places()
    unknown = [i for i, text in enumerate(header.values) if text.strip().lower() not in COLUMNS]
    if len(unknown) > MAX_UNKNOWN_COLUMNS:  # one problem for the rest: a header of 30,000 made 30,000
        index = unknown[MAX_UNKNOWN_COLUMNS]
        problems.append(
            problem(
                Loc(path, *places[index]),
                Code.BAD_METRICS,
                _("{n} more unknown columns from here; known columns: {known}").format(
                    n=number(len(unknown) - MAX_UNKNOWN_COLUMNS), known=", ".join(COLUMNS)
                ),
            )
        )
    shown = frozenset(unknown[:MAX_UNKNOWN_COLUMNS])
    for index, text in enumerate(header.values):
        name = text.strip().lower()
        loc = Loc(path, *places[index])
        if name in columns:
            message = _('column "{name}" appears twice; keep one').format(name=_short(name))
            problems.append(problem(loc, Code.BAD_METRICS, message))
        elif name in COLUMNS:
            columns[name] = index
        elif index in shown:
            close = get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
            hint = _('did you mean "{name}"? ').format(name=close[0]) if close else ""
            problems.append(
                problem(
                    loc,
                    Code.BAD_METRICS,
                    _('unknown column "{name}"; {hint}known columns: {known}').format(
                        name=_short(text.strip()), hint=hint, known=", ".join(COLUMNS)
                    ),
                )
            )
    missing = [name for name in ("id", "platform") if name not in columns]
    if missing:
        problems.append(
            problem(
                Loc(path, *header.place(0)),
                Code.BAD_METRICS,
                _(
                    "the header has no {columns} column; the first row of a metrics file names its columns, "
                    "e.g. `{example}`"
                ).format(
                    columns=_(" and no ").join(repr(m) for m in missing),
                    example=f"id,platform,date,{','.join(METRIC_NAMES[:4])}",
                ),
            )
        )
        return None
    return columns


def _row(
    record: Record,
    columns: Mapping[str, int],
    counted: Sequence[tuple[str, int]],
    path: str,
    problems: list[Problem],
) -> MetricsRow | None:
    values = record.values
    width = len(values)

    def value(name: str) -> str:
        index = columns.get(name)
        return values[index].strip() if index is not None and index < width else ""

    def loc(name: str) -> Loc:
        return _field_loc(path, record, columns, name)

    post_id, platform = value("id"), value("platform")
    ok = True
    if not post_id:
        problems.append(
            problem(loc("id"), Code.BAD_METRICS, _("this row has no post id; write the `id` of a post"))
        )
        ok = False
    if not platform:
        message = _("this row has no platform; write one of the post's platforms")
        problems.append(problem(loc("platform"), Code.BAD_METRICS, message))
        ok = False
    read_on: date | None = None
    raw = value("date")
    if raw:
        try:
            if len(raw) != 10:
                raise ValueError
            read_on = date.fromisoformat(raw)
        except ValueError:
            message = _(
                "date {value!r} is not a date; write it YYYY-MM-DD (the day the counts were read)"
            ).format(value=raw)
            problems.append(problem(loc("date"), Code.BAD_DATE, message))
    counts: dict[str, int] = {}
    for name, index in counted:
        if index >= width:
            break
        raw = values[index].strip()
        if not raw:
            continue
        count = int_within(raw, MAX_COUNT)
        if count is not None:
            counts[name] = count
            continue
        if raw.isdigit() and raw.isascii():
            message = _("{name} has {n} digits; a count has at most {most}").format(
                name=name, n=number(len(raw)), most=MAX_COUNT_DIGITS
            )
        elif raw.startswith("-") and raw[1:].isascii() and raw[1:].isdigit():
            message = _("{name} is {value}; a count cannot be negative").format(name=name, value=_short(raw))
        else:
            message = _("{name} must be a count (a whole number of 0 or more), not {shown!r}").format(
                name=name, shown=_short(raw)
            )
        problems.append(problem(loc(name), Code.BAD_METRICS, message))
    if not ok:
        return None
    return MetricsRow(path, record.line, post_id, platform, read_on, counts, record, columns)


def _short(text: str) -> str:
    """A field as a message quotes it: at most 40 characters."""
    return text if len(text) <= 40 else f"{text[:39]}…"


def merge_rows(calendar: Calendar, rows: Sequence[MetricsRow]) -> tuple[Calendar, list[Problem]]:
    """The calendar with the rows' counts merged into its posts (see the module's decisions), and problems."""
    problems: list[Problem] = []
    by_id: dict[str, int] = {}
    for position, post in enumerate(calendar.posts):
        if post.id is not None and post.id not in by_id:
            by_id[post.id] = position
    # (post index, platform) -> count name -> (date read, value, row)
    chosen: dict[tuple[int, str], dict[str, tuple[date, int, MetricsRow]]] = {}
    first_row: dict[tuple[int, str], MetricsRow] = {}
    suggester: Suggester | None = None  # made at the first unknown id
    for row in rows:
        index = by_id.get(row.post_id)
        if index is None:
            if suggester is None:
                suggester = Suggester(by_id)
            message = _unknown_id(row.post_id, suggester, calendar.name)
            problems.append(problem(row.loc("id"), Code.BAD_METRICS, message))
            continue
        post = calendar.posts[index]
        if row.platform not in post.platforms:
            problems.append(
                problem(
                    row.loc("platform"),
                    Code.BAD_METRICS,
                    _(
                        'post "{id}" is not published on "{platform}" (its platforms: {platforms}); fix the '
                        "platform or the id"
                    ).format(id=row.post_id, platform=row.platform, platforms=", ".join(post.platforms)),
                )
            )
            continue
        if post.status != "published":
            problems.append(
                problem(
                    row.loc("id"),
                    Code.BAD_METRICS,
                    _(
                        'metrics for post "{id}", which is {status}{at}; set `status: published` or remove '
                        "the row"
                    ).format(id=row.post_id, status=post.status, at=_at(post.locs.get("status", post.loc))),
                )
            )
            continue
        key = (index, row.platform)
        first_row.setdefault(key, row)
        counts = chosen.setdefault(key, {})
        when = row.date or date.min
        for name, value in row.counts.items():
            before = counts.get(name)
            if before is not None:
                before_when, before_value, before_row = before
                if when < before_when:
                    continue
                if when == before_when and value != before_value:
                    problems.append(
                        problem(
                            row.loc(name),
                            Code.BAD_METRICS,
                            (
                                _(
                                    '{name} of "{id}" on {platform} is {before} at {where} and {value} here, '
                                    "read on the same date; keep one row, or give each its `date` (the "
                                    "latest is used)"
                                )
                                if row.date
                                else _(
                                    '{name} of "{id}" on {platform} is {before} at {where} and {value} here, '
                                    "read on the same unknown date; keep one row, or give each its `date` "
                                    "(the latest is used)"
                                )
                            ).format(
                                name=name,
                                id=row.post_id,
                                platform=row.platform,
                                before=before_value,
                                where=f"{before_row.path}:{before_row.line}",
                                value=value,
                            ),
                        )
                    )
            counts[name] = (when, value, row)
    if not chosen:
        return calendar, problems
    merged_metrics: dict[int, dict[str, Metrics]] = {}
    for (index, platform), counts in chosen.items():
        post = calendar.posts[index]
        inline = post.metrics.get(platform)
        values: dict[str, int | None] = {}
        typed: int | None
        if inline is not None:
            values = {name: inline.get(name) for name in METRIC_NAMES}
        for name, (__, value, row) in counts.items():
            typed = values.get(name)
            if typed is not None and typed != value:
                problems.append(
                    problem(
                        row.loc(name),
                        Code.BAD_METRICS,
                        _(
                            '{name} of "{id}" on {platform} is {typed} in `metrics:`{at} and {value} here; '
                            "the CSV value is used; remove one of them"
                        ).format(
                            name=name,
                            id=row.post_id,
                            platform=platform,
                            typed=typed,
                            at=_at(inline.loc if inline else None),
                            value=value,
                        ),
                    )
                )
            values[name] = value
        loc = inline.loc if inline is not None and inline.loc is not None else None
        if loc is None:
            loc = first_row[(index, platform)].loc("id")
        merged_metrics.setdefault(index, dict(post.metrics))[platform] = Metrics(**values, loc=loc)
    posts = list(calendar.posts)
    for index, metrics in merged_metrics.items():
        posts[index] = replace(posts[index], metrics=metrics)
    return replace(calendar, posts=tuple(posts)), problems


def _at(loc: Loc | None) -> str:
    return f" ({loc.path}:{loc.line})" if loc is not None else ""


def _unknown_id(post_id: str, ids: Suggester, calendar: str) -> str:
    close = ids.close(post_id, cutoff=0.75)
    hint = _('did you mean "{name}"? ').format(name=close) if close else ""
    return _('no post of "{calendar}" has the id "{id}"; {hint}metrics rows name posts by their `id`').format(
        calendar=calendar, id=_short(post_id), hint=hint
    )


def _delimiter(text: str) -> str:
    start = text.lstrip("\r\n")
    header = start.split("\n", 1)[0]
    if "," not in header:
        if ";" in header:
            return ";"
        if "\t" in header:
            return "\t"
    return ","


def _csv_rows(text: str, path: str, problems: list[Problem]) -> Iterator[Record]:
    """Non-blank CSV records with each field's position. Lines end with LF or CRLF."""
    delim = _delimiter(text)
    lines = text.split("\n")
    count = len(lines)
    i = 0
    while i < count:
        line = lines[i]
        if line.endswith("\r"):
            line = line[:-1]
        if '"' not in line:
            i += 1
            if not line.strip():
                continue
            raw = tuple(line.split(delim))
            # `i` is now the 1-based number of the line just read.
            yield Record(i, tuple([part.strip(" \t") for part in raw]), raw=raw)
        else:
            record, i = _quoted_record(lines, i, delim, path, problems)
            if record is not None:
                yield record


def _quoted_record(
    lines: list[str], i: int, delim: str, path: str, problems: list[Problem]
) -> tuple[Record | None, int]:
    """One record that holds a quote, read from line index `i`; returns it and the next line index."""

    def text_of(index: int) -> str:
        value = lines[index]
        return value[:-1] if value.endswith("\r") else value

    values: list[str] = []
    places: list[tuple[int, int]] = []
    li, line, pos = i, text_of(i), 0
    while True:
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        if pos < len(line) and line[pos] == '"':
            start_line, start_col = li + 1, pos + 1
            pos += 1
            parts: list[str] = []
            while True:
                j = line.find('"', pos)
                if j < 0:
                    parts.append(line[pos:])
                    li += 1
                    if li >= len(lines):
                        problems.append(
                            problem(
                                Loc(path, start_line, start_col),
                                Code.BAD_METRICS,
                                _(
                                    'this quote is never closed; end the field with `"` '
                                    '(write `""` for a quote inside)'
                                ),
                            )
                        )
                        return None, li
                    parts.append("\n")
                    line, pos = text_of(li), 0
                    continue
                parts.append(line[pos:j])
                if line.startswith('"', j + 1):
                    parts.append('"')
                    pos = j + 2
                    continue
                pos = j + 1
                break
            while pos < len(line) and line[pos] in " \t":
                pos += 1
            if pos < len(line) and line[pos] != delim:
                problems.append(
                    problem(
                        Loc(path, li + 1, pos + 1),
                        Code.BAD_METRICS,
                        _(
                            'text after a closing quote; quote the whole field, and write `""` '
                            "for a quote inside"
                        ),
                    )
                )
                end = line.find(delim, pos)
                pos = len(line) if end < 0 else end
            values.append("".join(parts))
            places.append((start_line, start_col))
        else:
            end = line.find(delim, pos)
            end = len(line) if end < 0 else end
            values.append(line[pos:end].rstrip(" \t"))
            places.append((li + 1, pos + 1))
            pos = end
        if pos >= len(line):
            return Record(i + 1, tuple(values), places=tuple(places)), li + 1
        pos += 1  # the delimiter
