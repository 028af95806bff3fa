"""A stable plain-text rendering of one calendar file, for `git diff` (`cmcal textconv`).

README, "`cmcal diff` and a readable `git diff`", says how to set it up.

Git runs a textconv command on both sides of a changed file and diffs the outputs, so the rendering is made
for line diffs:

- Only what a person wrote counts: quoting, flow or block style, indentation, key order and comments do not
  show. Every key and value is kept, unknown keys included (they are rendered, never dropped), so nothing the
  file says can hide from a reviewer; values stay the text that was written (`11:30`, `no`, `010`).
- Posts are sorted by (date, time, id, title, file order) and each starts with a header line at column 0,
  `post 2026-12-01 11:30 Tourtière du Lac [tourtiere-2026]`, with its other fields indented below; habits
  likewise start with `habit ID`. Git's default hunk header is the last line starting with a letter, so every
  hunk of `git diff` names the post or habit it is in.
- Keys come in the format's order (the tables of `cmcal.fields`, docs/format.md), then unknown keys in
  file order.
- A file that is not a calendar or a part (no `calendar:` nor a lone `posts:`), or that cmcal cannot read
  (YAML syntax, encoding, size, anchors, duplicate keys), is given back as its raw text, byte for byte.

`render` never raises: git aborts the whole `git diff` when a textconv command fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from cmcal.fields import HABIT, POST, ROOT
from cmcal.files.reader import Mapping, Node, Scalar, Sequence, read_bytes

__all__ = ["render"]

_INLINE_WIDTH = 100
_POST_HEADER_KEYS = ("date", "time", "title", "id")


def render(data: bytes, path: str = "calendar.yaml") -> str:
    """The rendering of a calendar (or part) file's bytes; the raw text when it is not one cmcal can read."""
    try:
        rendered = _render(data, path)
    except Exception:  # never fail: git aborts the whole diff when a textconv command fails
        rendered = None
    return rendered if rendered is not None else raw(data)


def raw(data: bytes) -> str:
    """The bytes as text; bytes that are not UTF-8 survive as surrogates (write with `surrogateescape`)."""
    return data.decode("utf-8", "surrogateescape")


def _render(data: bytes, path: str) -> str | None:
    doc = read_bytes(data, path)
    root = doc.root
    if doc.problems or not isinstance(root, Mapping):
        return None
    items = root.items
    if "calendar" not in items and "posts" not in items:
        return None
    lines: list[str] = []
    for key in _ordered(items, ROOT.names):
        if key in ("habits", "posts"):
            continue
        lines.extend(_field(key, items[key][1], 0))
    if "habits" in items:
        lines.extend(_habits(items["habits"][1]))
    if "posts" in items:
        lines.extend(_posts(items["posts"][1]))
    while lines and lines[0] == "":
        lines.pop(0)
    return "".join(line + "\n" for line in lines)


def _ordered(items: dict[str, tuple[Scalar, Node]], known: Iterable[str]) -> list[str]:
    known = tuple(known)
    return [k for k in known if k in items] + [k for k in items if k not in known]


def _habits(node: Node) -> list[str]:
    if not isinstance(node, Mapping):
        return ["", *_field("habits", node, 0)]
    lines: list[str] = []
    for hid, (_, value) in node.items.items():
        lines.append("")
        if not isinstance(value, Mapping):
            lines.extend(_field(f"habit {_text(hid)}", value, 0))
            continue
        lines.append(f"habit {_text(hid)}")
        for key in _ordered(value.items, HABIT.names):
            lines.extend(_field(key, value.items[key][1], 1))
    return lines


def _posts(node: Node) -> list[str]:
    if not isinstance(node, Sequence):
        return ["", *_field("posts", node, 0)]
    posts = [(i, item) for i, item in enumerate(node.items) if isinstance(item, Mapping)]
    others = [item for item in node.items if not isinstance(item, Mapping)]
    posts.sort(key=lambda entry: _post_order(entry[1], entry[0]))
    lines: list[str] = []
    for _, post in posts:
        lines.append("")
        lines.append(_post_header(post))
        for key in _ordered(post.items, POST.names):
            if key not in _POST_HEADER_KEYS or not _one_line(post.items[key][1]):
                lines.extend(_field(key, post.items[key][1], 1))
    if others:
        lines.append("")
        lines.append("posts that are not mappings")
        for item in others:
            lines.extend(_item(item, 1))
    return lines


def _post_order(post: Mapping, index: int) -> tuple[str, str, str, str, int]:
    def get(key: str) -> str:
        entry = post.items.get(key)
        value = entry[1] if entry is not None else None
        return value.value if isinstance(value, Scalar) and not value.is_null else ""

    return (get("date"), get("time"), get("id"), get("title"), index)


def _post_header(post: Mapping) -> str:
    parts = ["post"]
    for key in ("date", "time", "title"):
        entry = post.items.get(key)
        if entry is not None and _one_line(entry[1]):
            parts.append(_inline(entry[1]) or '""')
        elif key == "date":
            parts.append("(no date)")
    entry = post.items.get("id")
    if entry is not None and _one_line(entry[1]):
        parts.append(f"[{_inline(entry[1])}]")
    return " ".join(parts)


def _one_line(node: Node) -> bool:
    return isinstance(node, Scalar) and not node.is_null and "\n" not in _shown(node)


def _shown(node: Scalar) -> str:
    """The scalar's text without the final line breaks a block scalar (`|`) keeps: layout, not content."""
    return node.value.rstrip("\n")


# --- generic nodes ------------------------------------------------------------------------------------------


def _text(value: str) -> str:
    """A scalar as shown: as written, or JSON-quoted when blank, padded or holding control characters."""
    if value == "" or value != value.strip() or any(ch < " " for ch in value):
        return json.dumps(value, ensure_ascii=False)
    return value


def _scalar(node: Scalar, in_collection: bool) -> str:
    if node.is_null:
        return "null" if in_collection else ""
    return _text(_shown(node))


def _inline(node: Node, in_collection: bool = False) -> str | None:
    """The node on one line (`text`, `[a, b]`, `{k: v}`), or None when it needs a block."""
    if isinstance(node, Scalar):
        if "\n" in _shown(node):
            return None
        return _scalar(node, in_collection)
    if isinstance(node, Sequence):
        parts = []
        for item in node.items:
            inner = _inline(item, True)
            if inner is None or isinstance(item, Mapping | Sequence):
                return None
            parts.append(inner)
        text = "[" + ", ".join(parts) + "]"
    else:
        pairs = []
        for key, (_, value) in node.items.items():
            inner = _inline(value, True)
            if inner is None or isinstance(value, Mapping | Sequence):
                return None
            pairs.append(f"{_text(key)}: {inner}")
        text = "{" + ", ".join(pairs) + "}"
    return text if len(text) <= _INLINE_WIDTH else None


def _field(key: str, node: Node, depth: int) -> list[str]:
    pad = "  " * depth
    inline = _inline(node)
    if inline is not None:
        return [f"{pad}{key}: {inline}" if inline else f"{pad}{key}:"]
    lines = [f"{pad}{key}:"]
    if isinstance(node, Scalar):
        lines.extend(f"{pad}    {line}" if line else "" for line in _shown(node).split("\n"))
    elif isinstance(node, Mapping):
        for sub, (_, value) in node.items.items():
            lines.extend(_field(_text(sub), value, depth + 1))
    else:
        for item in node.items:
            lines.extend(_item(item, depth + 1))
    return lines


def _item(node: Node, depth: int) -> list[str]:
    pad = "  " * depth
    inline = _inline(node, True)
    if inline is not None:
        return [f"{pad}- {inline}"]
    if isinstance(node, Scalar):
        return [f"{pad}-", *(f"{pad}    {line}" if line else "" for line in _shown(node).split("\n"))]
    lines = [f"{pad}-"]
    if isinstance(node, Mapping):
        for key, (_, value) in node.items.items():
            lines.extend(_field(_text(key), value, depth + 1))
    else:
        for item in node.items:
            lines.extend(_item(item, depth + 1))
    return lines
