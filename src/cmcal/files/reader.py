"""Reading YAML so that a person's intent survives (README, "How cmcal reads YAML").

We read libyaml's event stream into our own small node tree instead of letting PyYAML construct Python values:
every scalar stays text (so `11:30`, `no`, `010` and `2026-12-01` are never turned into numbers, booleans or
dates behind the user's back), every key and value keeps its 1-based position, duplicate keys are found with
both lines, and anchors and aliases are refused before anything is expanded. It is also the fast path: the
event stream is cheaper than PyYAML's composer, which runs its implicit resolvers on every plain scalar.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import yaml

from cmcal.bounds import MAX_BYTES, MAX_NODES
from cmcal.i18n import _
from cmcal.problems import Code, Loc, Problem, problem
from cmcal.value import Value

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class Scalar:
    """A scalar: always text. `plain` is false for quoted and block scalars."""

    __slots__ = ("column", "line", "plain", "value")

    def __init__(self, value: str, line: int, column: int, plain: bool) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.plain = plain

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULLS

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}, {self.line}:{self.column})"


class Mapping:
    """A mapping: key text → (key scalar, value node), in file order."""

    __slots__ = ("column", "items", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: dict[str, tuple[Scalar, Node]] = {}
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Mapping({list(self.items)}, {self.line}:{self.column})"


class Sequence:
    __slots__ = ("column", "items", "line")

    def __init__(self, line: int, column: int) -> None:
        self.items: list[Node] = []
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Sequence({len(self.items)}, {self.line}:{self.column})"


Node = Scalar | Mapping | Sequence


def loc_of(path: str, node: Node) -> Loc:
    return Loc(path, node.line, node.column)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Document(Value):
    """What the reader makes of one file: the root node (None when unreadable) and the problems found."""

    path: str
    root: Node | None
    problems: tuple[Problem, ...]
    text: str | None = None

    def outline(self) -> Document:
        """The document with an empty root of the same kind (or None) and no text: what is left to know
        once the model is built, without the node tree's millions of objects."""
        root = self.root
        stub: Node | None
        if root is None:
            stub = None
        elif isinstance(root, Mapping):
            stub = Mapping(root.line, root.column)
        elif isinstance(root, Sequence):
            stub = Sequence(root.line, root.column)
        else:
            stub = Scalar(root.value[:80], root.line, root.column, root.plain)
        return Document(self.path, stub, self.problems)


def _default_loader() -> type[Any]:
    return yaml.CBaseLoader if getattr(yaml, "__with_libyaml__", False) else yaml.BaseLoader


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic collector: a node tree is acyclic, and collections would cost up to 3x the parse."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def too_large(path: str) -> Problem:
    """The `too-large` problem of a calendar or part file over the size bound."""
    return problem(
        Loc(path, 1, 1),
        Code.TOO_LARGE,
        _("the file is over the {size} MiB bound; split its posts over files listed in `include:`").format(
            size=MAX_BYTES // 1048576
        ),
    )


def _unmarked(head: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the NULs of its first ASCII character fall
    (YAML 1.2, §5.2): a NUL is never in a UTF-8 calendar, as YAML forbids it."""
    if len(head) >= 4 and head[:3] == b"\0\0\0":
        return "UTF-32BE"
    if len(head) >= 4 and head[1:4] == b"\0\0\0":
        return "UTF-32LE"
    if len(head) >= 2 and head[0] == 0 and head[1] != 0:
        return "UTF-16BE"
    if len(head) >= 2 and head[1] == 0 and head[0] != 0:
        return "UTF-16LE"
    return None


def decode(data: bytes, path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 (with or without BOM) to text, or a `bad-encoding` problem at the first bad byte."""
    if len(data) > MAX_BYTES:
        return None, too_large(path)
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if data.startswith(bom):
            message = _("the file is {encoding}; save it as UTF-8").format(encoding=name)
            return None, problem(Loc(path, 1, 1), Code.BAD_ENCODING, message)
    unmarked = _unmarked(data[:4])
    if unmarked is not None:
        message = _("the file is {encoding} (without a byte-order mark); save it as UTF-8").format(
            encoding=unmarked
        )
        return None, problem(Loc(path, 1, 1), Code.BAD_ENCODING, message)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return None, problem(
            Loc(path, line, column),
            Code.BAD_ENCODING,
            _("byte 0x{byte:02x} is not UTF-8; save the file as UTF-8").format(byte=data[exc.start]),
        )


def read_bytes(data: bytes, path: str, loader: type[Any] | None = None) -> Document:
    text, bad = decode(data, path)
    if bad is not None or text is None:
        return Document(path, None, (bad,) if bad else ())
    return read_text(text, path, loader)


def read_text(text: str, path: str, loader: type[Any] | None = None) -> Document:
    """Read one YAML document into nodes, collecting every reader problem."""
    with no_gc():
        builder = _Builder(path)
        root, problems = builder.run(text, loader or _default_loader())
        if _ODD_BREAKS.search(text) is not None:
            root, problems = _as_editors_count(text, root, problems, [key for key, __ in builder.duplicates])
        for key, first in builder.duplicates:
            problems.append(
                problem(
                    loc_of(path, key),
                    Code.DUPLICATE_KEY,
                    _('duplicate key "{key}" (first at line {line}); keep only one').format(
                        key=key.value, line=first.line
                    ),
                )
            )
    return Document(path, root, tuple(problems), text)


_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
"""NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks for libyaml (YAML 1.1), not for YAML 1.2 nor for
editors, which show the text after them on the same line."""
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")


class _Lines:
    """Where lines start in a text, as libyaml counts them (`yaml_breaks`) or as an editor does."""

    def __init__(self, text: str, yaml_breaks: bool) -> None:
        pattern = _YAML_BREAK if yaml_breaks else _EDITOR_BREAK
        self.starts = [0, *(m.end() for m in pattern.finditer(text))]

    def place(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at `offset`."""
        from bisect import bisect_right

        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def offset(self, line: int, column: int) -> int | None:
        if not 1 <= line <= len(self.starts):
            return None
        return self.starts[line - 1] + column - 1


def _as_editors_count(
    text: str, root: Node | None, problems: list[Problem], loose: list[Scalar]
) -> tuple[Node | None, list[Problem]]:
    """Every position moved from libyaml's lines to an editor's (see `_ODD_BREAKS`); rare, so done after."""
    yaml_lines, editor_lines = _Lines(text, yaml_breaks=True), _Lines(text, yaml_breaks=False)

    def moved(line: int, column: int) -> tuple[int, int]:
        offset = yaml_lines.offset(line, column)
        return (line, column) if offset is None else editor_lines.place(offset)

    stack: list[Node] = [*loose, root] if root is not None else list(loose)
    while stack:
        node = stack.pop()
        node.line, node.column = moved(node.line, node.column)
        if isinstance(node, Mapping):
            for key, value in node.items.values():
                stack.append(key)
                stack.append(value)
        elif isinstance(node, Sequence):
            stack.extend(node.items)
    out = []
    for p in problems:
        line, column = moved(p.line, p.column)
        out.append(Problem(p.path, line, column, p.severity, p.code, p.message))
    return root, out


class _Stop(Exception):
    """Reading cannot go on (a bound was crossed, a second document began)."""


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.duplicates: list[tuple[Scalar, Scalar]] = []  # (the repeated key, the first one)
        self.refusals: list[Problem] = []  # anchors and aliases; dropped when the file is too large anyway
        self.too_large = False

    def _problem(self, mark: Any, code: Code, message: str) -> None:
        self.problems.append(problem(Loc(self.path, mark.line + 1, mark.column + 1), code, message))

    def run(self, text: str, loader_cls: type[Any]) -> tuple[Node | None, list[Problem]]:
        root: Node | None = None
        loader = None
        try:
            loader = loader_cls(text)  # the pure-Python reader checks characters here already
            root = self._events(loader)
        except _Stop:
            pass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            what = _syntax(exc.problem) if exc.problem else _("not valid YAML")
            if exc.context and exc.problem:
                what = _("{problem} ({context})").format(problem=what, context=_syntax(exc.context))
            if mark is None:
                self.problems.append(problem(Loc(self.path, 1, 1), Code.YAML_SYNTAX, what))
            else:
                self._problem(mark, Code.YAML_SYNTAX, what)
            root = None
        except yaml.reader.ReaderError as exc:  # a character YAML forbids; it carries an offset, not a mark
            # libyaml's offset counts UTF-8 bytes (`3:99` in a two-line file): find the character itself, the
            # first of its kind since YAML forbids it everywhere, and count as editors do.
            offset = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
            if offset < 0:
                offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
            line, column = _Lines(text, yaml_breaks=False).place(offset)
            self.problems.append(
                problem(
                    Loc(self.path, line, column),
                    Code.YAML_SYNTAX,
                    _("character U+{code:04X} is not allowed in YAML ({reason}); remove it").format(
                        code=exc.character, reason=_syntax(exc.reason)
                    ),
                )
            )
            root = None
        finally:
            if loader is not None:
                loader.dispose()
        if not self.too_large:
            self.problems.extend(self.refusals)
        return root, self.problems

    def _events(self, loader: Any) -> Node | None:
        get_event = loader.get_event
        scalar_ev, map_start, map_end = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
        seq_start, seq_end, alias_ev = yaml.SequenceStartEvent, yaml.SequenceEndEvent, yaml.AliasEvent
        doc_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        root: Node | None = None
        # The open collections, the innermost in `top` (its items in `in_seq` or `in_map`): for each, the
        # key waiting for its value (None: the next node is a key) and, when it has an anchor, the anchor's
        # name and the node count before it began.
        stack: list[tuple[Mapping | Sequence | None, Node | None, tuple[str, int] | None]] = []
        top: Mapping | Sequence | None = None
        in_seq: list[Node] | None = None
        in_map: dict[str, tuple[Scalar, Node]] | None = None
        key: Node | None = None
        anchored: tuple[str, int] | None = None
        anchors: dict[str, int] = {}  # anchor name → expanded node count, to bound aliases
        nodes = 0  # every node so far, aliases counted expanded
        documents = 0
        path = self.path
        problems = self.problems
        duplicates = self.duplicates

        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is scalar_ev:
                mark = ev.start_mark
                scalar = Scalar(ev.value, mark.line + 1, mark.column + 1, not ev.style)  # C: '', Python: None
                if ev.anchor is not None:
                    anchors[ev.anchor] = 1
                    self._refuse_anchor(ev)
                nodes += 1
                if nodes > MAX_NODES:
                    self._too_many(mark)
                # The root, an item, a key, or the value of the key before it.
                if in_seq is not None:
                    in_seq.append(scalar)
                elif in_map is None:
                    if root is None:
                        root = scalar
                elif key is None:
                    key = scalar
                    if scalar.value == "<<" and scalar.plain:
                        problems.append(
                            problem(
                                loc_of(path, scalar),
                                Code.BAD_STRUCTURE,
                                _("merge keys (<<) are not supported; write the keys out in full"),
                            )
                        )
                else:
                    if key.__class__ is Scalar:
                        name = key.value
                        first = in_map.get(name)
                        if first is None:
                            in_map[name] = (key, scalar)
                        else:
                            duplicates.append((key, first[0]))
                    key = None
            elif cls is map_start or cls is seq_start:
                mark = ev.start_mark
                coll: Mapping | Sequence = (
                    Mapping(mark.line + 1, mark.column + 1)
                    if cls is map_start
                    else Sequence(mark.line + 1, mark.column + 1)
                )
                if ev.anchor is not None:
                    self._refuse_anchor(ev)
                key = self._place(coll, root, in_seq, in_map, key)
                if root is None:
                    root = coll
                stack.append((top, key, anchored))
                top, key = coll, None
                in_seq, in_map = (coll.items, None) if isinstance(coll, Sequence) else (None, coll.items)
                anchored = (ev.anchor, nodes) if ev.anchor is not None else None
                nodes += 1
                if nodes > MAX_NODES:
                    self._too_many(mark)
            elif cls is map_end or cls is seq_end:
                if anchored is not None:
                    anchors[anchored[0]] = nodes - anchored[1]
                top, key, anchored = stack.pop()
                if isinstance(top, Sequence):
                    in_seq, in_map = top.items, None
                else:
                    in_seq, in_map = None, top.items if top is not None else None
            elif cls is alias_ev:
                mark = ev.start_mark
                nodes += anchors.get(ev.anchor, 1)
                if nodes > MAX_NODES:
                    self._too_many(mark)
                self.refusals.append(
                    problem(
                        Loc(path, mark.line + 1, mark.column + 1),
                        Code.BAD_STRUCTURE,
                        _("aliases (*{anchor}) are not supported; write the value out in full").format(
                            anchor=ev.anchor
                        ),
                    )
                )
                # A stand-in scalar for the refused alias, so that the rest of the file is still checked.
                stand_in = Scalar("", mark.line + 1, mark.column + 1, True)
                key = self._place(stand_in, root, in_seq, in_map, key, alias=True)
                if root is None:
                    root = stand_in
            elif cls is doc_start:
                documents += 1
                if documents > 1:
                    self._problem(
                        ev.start_mark,
                        Code.BAD_STRUCTURE,
                        _("a calendar file holds one YAML document; move this one to a file of its own"),
                    )
                    raise _Stop
            elif cls is stream_end:
                return root
            # else: stream start, document end

    def _place(
        self,
        node: Node,
        root: Node | None,
        in_seq: list[Node] | None,
        in_map: dict[str, tuple[Scalar, Node]] | None,
        key: Node | None,
        alias: bool = False,
    ) -> Node | None:
        """Put a collection (or an alias's stand-in) where it belongs; the key then waiting for a value."""
        if in_seq is not None:
            in_seq.append(node)
        elif in_map is not None:
            if key is None:
                if not alias:
                    self.problems.append(
                        problem(loc_of(self.path, node), Code.BAD_STRUCTURE, _("a key must be plain text"))
                    )
                return node
            if isinstance(key, Scalar):
                first = in_map.get(key.value)
                if first is None:
                    in_map[key.value] = (key, node)
                else:
                    self.duplicates.append((key, first[0]))  # a problem once positions are final
        return None

    def _refuse_anchor(self, ev: Any) -> None:
        mark = ev.start_mark
        self.refusals.append(
            problem(
                Loc(self.path, mark.line + 1, mark.column + 1),
                Code.BAD_STRUCTURE,
                _("anchors (&{anchor}) are not supported; write each value out in full").format(
                    anchor=ev.anchor
                ),
            )
        )

    def _too_many(self, mark: Any) -> None:
        from cmcal.i18n.formats import number

        self.too_large = True
        self._problem(
            mark,
            Code.TOO_LARGE,
            _(
                "the file has over {most} YAML nodes (aliases counted expanded); split its posts over files "
                "listed in `include:`"
            ).format(most=number(MAX_NODES)),
        )
        raise _Stop


def _syntax(text: str) -> str:
    """libyaml's own words (`did not find expected key`) in the language in force, when its catalog has them;
    other words stay as libyaml wrote them."""
    from cmcal.i18n import current

    if current().is_source:
        return text
    return _syntax_words().get(text, text)


def _syntax_words() -> dict[str, str]:
    return {
        "block sequence entries are not allowed in this context": _(
            "block sequence entries are not allowed in this context"
        ),
        "control characters are not allowed": _("control characters are not allowed"),
        "could not find expected ':'": _("could not find expected ':'"),
        "did not find expected ',' or ']'": _("did not find expected ',' or ']'"),
        "did not find expected ',' or '}'": _("did not find expected ',' or '{brace}'").format(brace="}"),
        "did not find expected '-' indicator": _("did not find expected '-' indicator"),
        "did not find expected <document start>": _("did not find expected <document start>"),
        "did not find expected alphabetic or numeric character": _(
            "did not find expected alphabetic or numeric character"
        ),
        "did not find expected comment or line break": _("did not find expected comment or line break"),
        "did not find expected hexdecimal number": _("did not find expected hexdecimal number"),
        "did not find expected key": _("did not find expected key"),
        "did not find expected node content": _("did not find expected node content"),
        "did not find expected whitespace or line break": _("did not find expected whitespace or line break"),
        "found a tab character that violates indentation": _(
            "found a tab character that violates indentation"
        ),
        "found a tab character where an indentation space is expected": _(
            "found a tab character where an indentation space is expected"
        ),
        "found an indentation indicator equal to 0": _("found an indentation indicator equal to 0"),
        "found character that cannot start any token": _("found character that cannot start any token"),
        "found invalid Unicode character escape code": _("found invalid Unicode character escape code"),
        "found undefined tag handle": _("found undefined tag handle"),
        "found unexpected ':'": _("found unexpected ':'"),
        "found unexpected document indicator": _("found unexpected document indicator"),
        "found unexpected end of stream": _("found unexpected end of stream"),
        "found unknown escape character": _("found unknown escape character"),
        "mapping keys are not allowed in this context": _("mapping keys are not allowed in this context"),
        "mapping values are not allowed in this context": _("mapping values are not allowed in this context"),
        "while parsing a block collection": _("while parsing a block collection"),
        "while parsing a block mapping": _("while parsing a block mapping"),
        "while parsing a block node": _("while parsing a block node"),
        "while parsing a flow mapping": _("while parsing a flow mapping"),
        "while parsing a flow node": _("while parsing a flow node"),
        "while parsing a flow sequence": _("while parsing a flow sequence"),
        "while parsing a node": _("while parsing a node"),
        "while parsing a quoted scalar": _("while parsing a quoted scalar"),
        "while parsing a tag": _("while parsing a tag"),
        "while scanning a block scalar": _("while scanning a block scalar"),
        "while scanning a directive": _("while scanning a directive"),
        "while scanning a plain scalar": _("while scanning a plain scalar"),
        "while scanning a quoted scalar": _("while scanning a quoted scalar"),
        "while scanning a simple key": _("while scanning a simple key"),
        "while scanning a tag": _("while scanning a tag"),
        "while scanning an alias": _("while scanning an alias"),
        "while scanning an anchor": _("while scanning an anchor"),
        "while scanning for the next token": _("while scanning for the next token"),
    }
