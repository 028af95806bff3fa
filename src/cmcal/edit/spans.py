"""Where every key and value of one file sits, as character offsets: what the editing core edits.

`files.reader` keeps line and column (enough to point at a problem) and is the hot path of every command; an
edit needs more: where a value ends, whether a list is written `[a, b]` or as `- a` lines, how a scalar was
quoted. Only the few files a command writes are read here, from libyaml's event stream as the reader does;
`files.reader` stays the judge of whether a file reads cleanly (README, "Writing the calendar").
"""

from __future__ import annotations

from typing import Any

import yaml


class Span:
    """A node with its offsets in the text: `start` where it begins, `end` just after it."""

    __slots__ = ("column", "end", "flow", "items", "kind", "line", "start", "style", "value")

    def __init__(self, kind: str, start: int, line: int, column: int) -> None:
        self.kind = kind
        """`scalar`, `map` or `seq`."""
        self.start = start
        self.end = start
        self.line = line
        """1-based, as `files.reader` counts."""
        self.column = column
        self.style = ""
        """A scalar's style as libyaml reports it: '' plain, "'", '"', '|' or '>'."""
        self.flow = False
        """A collection written `[…]` or `{…}`."""
        self.value = ""
        self.items: list[Any] = []
        """A mapping's (key, value) pairs, or a list's items, in file order."""

    @property
    def pairs(self) -> list[tuple[Span, Span]]:
        return self.items

    def get(self, key: str) -> tuple[Span, Span] | None:
        for k, v in self.items:
            if k.kind == "scalar" and k.value == key:
                return k, v
        return None

    def __repr__(self) -> str:
        return f"Span({self.kind}, {self.line}:{self.column}, {self.start}..{self.end})"


def spans(text: str) -> Span | None:
    """The root of `text` as spans, or None when it does not parse (the reader says why)."""
    loader_cls = yaml.CBaseLoader if getattr(yaml, "__with_libyaml__", False) else yaml.BaseLoader
    loader = loader_cls(text)
    root: Span | None = None
    stack: list[Span] = []
    pending: list[Span | None] = []
    try:
        while True:
            ev: Any = loader.get_event()
            cls = ev.__class__
            if cls in (yaml.StreamEndEvent, yaml.DocumentEndEvent):
                return root
            if cls in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                done = stack.pop()
                pending.pop()
                done.end = ev.end_mark.index if done.flow else _content_end(done)
                continue
            if cls not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            mark = ev.start_mark
            kind = "scalar" if cls is yaml.ScalarEvent else "map" if cls is yaml.MappingStartEvent else "seq"
            node = Span(kind, mark.index, mark.line + 1, mark.column + 1)
            if kind == "scalar":
                node.value = ev.value
                node.style = ev.style or ""
                node.end = ev.end_mark.index
                if node.style in ("|", ">"):
                    node.end = node.start + len(text[node.start : node.end].rstrip())
            else:
                node.flow = bool(ev.flow_style)
            if stack:
                top = stack[-1]
                if top.kind == "seq":
                    top.items.append(node)
                elif pending[-1] is None:
                    pending[-1] = node
                else:
                    top.items.append((pending[-1], node))
                    pending[-1] = None
            elif root is None:
                root = node
            if kind != "scalar":
                stack.append(node)
                pending.append(None)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _content_end(node: Span) -> int:
    """Just after the last character a block collection's own content uses (not the comments after it)."""
    if not node.items:
        return node.start
    last = node.items[-1]
    if node.kind == "map":
        key, value = last
        return max(int(key.end), int(value.end))
    return int(last.end)
