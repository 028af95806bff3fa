"""The text edits every writing command is made of: set, add or remove a key; insert or remove a list item.

Each operation edits the text at the spans the file already has and updates the intended tree beside it, so
that `core.prove` can compare what the file reads as with what was meant. Style follows the file: a new key
takes the indentation of its mapping's keys, a new post the layout of its neighbour (a block of `key: value`
lines or one `{…}` line, with the blank line between posts when the file has one), a flow mapping or list
stays one; values are quoted only where YAML needs it, in the file's own quote style (`edit.render`).
"""

from __future__ import annotations

from typing import Any

from cmcal.edit.core import FileEdit, Refused, Tree
from cmcal.edit.render import scalar
from cmcal.edit.spans import Span
from cmcal.i18n import _

Value = str | list[Any] | dict[str, Any]
"""A value to write: text, or a list or mapping of values (nested ones are written in flow style)."""


class _Text:
    def __init__(self, fe: FileEdit) -> None:
        self.fe = fe
        self.text = fe.original.text

    def line_start(self, at: int) -> int:
        return self.text.rfind("\n", 0, at) + 1

    def line_end(self, at: int) -> int:
        """Where the line holding `at` ends, before its "\\r\\n" or "\\n"."""
        end = self.text.find("\n", at)
        if end < 0:
            return len(self.text)
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end

    def after_line(self, at: int) -> int:
        end = self.text.find("\n", at)
        return len(self.text) if end < 0 else end + 1

    def ends_with_newline(self) -> bool:
        return self.text.endswith("\n")


def render(fe: FileEdit, value: Value, key: str | None, flow: bool, indent: str) -> str:
    if isinstance(value, (list, dict)):
        return _flow(fe, value, key)
    return scalar(value, key=key, quote=fe.original.quote, flow=flow, indent=indent)


def _flow(fe: FileEdit, value: Value | None, key: str | None) -> str:
    """`value` in flow style: `[a, b]`, `{k: v}`, nested as deep as it goes; None is `null`."""
    quote = fe.original.quote
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(fe, v, key) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_flow(fe, v, k)}" for k, v in value.items())  # keys are ids
        return "{" + inner + "}"
    return scalar(value, key=key, quote=quote, flow=True)


def _width(m: Span) -> int:
    return 2


def _rebuild(tm: dict[str, Any], pairs: list[tuple[str, Any]]) -> None:
    tm.clear()
    tm.update(pairs)


def set_key(
    fe: FileEdit, m: Span, tm: dict[str, Any], key: str, value: Value | None, order: tuple[str, ...]
) -> None:
    """Set `key` of the mapping `m` (whose intended tree is `tm`) to `value`, or remove it (None)."""
    index = next((i for i, (k, __) in enumerate(m.pairs) if k.value == key), None)
    if value is None:
        if index is not None:
            _remove_entry(fe, m, index)
            tm.pop(key, None)
        return
    if index is not None:
        _replace_value(fe, m, index, key, value)
        tm[key] = value
        return
    at = _add_entry(fe, m, key, value, order)
    # In the tree, after the same key, and after the keys already added there (they are inserted earlier at
    # the same place in the text).
    original = {k.value for k, __ in m.pairs}
    keys = list(tm)
    index = (
        keys.index(m.pairs[at - 1][0].value) + 1 if at > 0 and m.pairs[at - 1][0].value in keys else len(keys)
    )
    while index < len(keys) and keys[index] not in original:
        index += 1
    items = list(tm.items())
    items.insert(index, (key, value))
    _rebuild(tm, items)


def rename_key(fe: FileEdit, m: Span, tm: dict[str, Any], old: str, new: str, value: Value) -> None:
    """Replace the entry `old: …` by `new: value` in its place (`platform: x` → `platforms: [x, y]`)."""
    index = next(i for i, (k, __) in enumerate(m.pairs) if k.value == old)
    k, _ = m.pairs[index]
    fe.replace(k.start, k.end, new)
    _replace_value(fe, m, index, new, value)
    _rebuild(tm, [(new, value) if key == old else (key, v) for key, v in tm.items()])


def _replace_value(fe: FileEdit, m: Span, index: int, key: str, value: Value) -> None:
    t = _Text(fe)
    k, v = m.pairs[index]
    indent = " " * (k.column - 1 + _width(m))
    if v.kind == "seq" and not v.flow and isinstance(value, list):
        dash = " " * (v.column - 1)
        lines = "\n".join(f"{dash}- {scalar(item, quote=fe.original.quote)}" for item in value)
        fe.replace(t.line_start(v.start), v.end, lines)
        return
    rendered = render(fe, value, key, m.flow, indent)
    if v.kind != "scalar" and not v.flow:  # a block collection becomes a value on the key's line
        fe.replace(k.end, v.end, ": " + rendered)
        return
    if v.kind == "scalar" and v.start == v.end and not v.style:  # `key:` with no value
        fe.replace(v.start, v.end, (" " if t.text[v.start - 1 : v.start] == ":" else "") + rendered)
        return
    if "\n" in rendered:
        end = t.line_end(v.end)
        rest = t.text[v.end : end]
        if rest.strip():  # a comment after the value stays on the key's line, not inside the text
            first, __, tail = rendered.partition("\n")
            fe.replace(v.start, end, first + rest + "\n" + tail)
            return
    fe.replace(v.start, v.end, rendered)


def _remove_entry(fe: FileEdit, m: Span, index: int) -> None:
    t = _Text(fe)
    pairs = m.pairs
    k, v = pairs[index]
    if m.flow:
        if index + 1 < len(pairs):
            fe.replace(k.start, pairs[index + 1][0].start, "")
        elif index > 0:
            fe.replace(pairs[index - 1][1].end, v.end, "")
        else:
            fe.replace(k.start, v.end, "")
        return
    start = t.line_start(k.start)
    if not t.text[start : k.start].strip():
        fe.replace(start, t.after_line(v.end), "")
    elif index + 1 < len(pairs):  # the first key after `- `: the next key moves up beside the dash
        fe.replace(k.start, pairs[index + 1][0].start, "")
    else:
        raise Refused(_("`{key}` is the only key of its mapping; nothing was written").format(key=k.value))


def _add_entry(fe: FileEdit, m: Span, key: str, value: Value, order: tuple[str, ...]) -> int:
    """Add `key: value` after the key that comes before it in `order` (else last); its index in `m`."""
    t = _Text(fe)
    pairs = m.pairs
    rank = order.index(key) if key in order else len(order)
    pos = len(pairs) - 1
    earlier = [i for i, (k, __) in enumerate(pairs) if k.value in order and order.index(k.value) < rank]
    if earlier:
        pos = max(earlier)
    if m.flow:
        rendered = render(fe, value, key, True, "")
        if pairs:
            fe.replace(pairs[pos][1].end, pairs[pos][1].end, f", {key}: {rendered}")
        else:
            fe.replace(m.start + 1, m.start + 1, f"{key}: {rendered}")
        return pos + 1
    indent = " " * (m.column - 1)
    rendered = render(fe, value, key, False, indent + " " * _width(m))
    k, v = pairs[pos]
    at = t.after_line(max(k.end, v.end))
    line = f"{indent}{key}: {rendered}\n"
    if at == len(t.text) and not t.ends_with_newline():
        line = "\n" + line[:-1]
    fe.replace(at, at, line)
    return pos + 1


def post_lines(
    fe: FileEdit, fields: dict[str, Value], dash_col: int, key_off: int, flow: bool, braces: str = ""
) -> str:
    """A new list item holding `fields`, as a block of lines or one `- {…}` line (`braces`: the space
    inside its braces, as the neighbour writes it)."""
    pad = " " * dash_col
    if flow:
        inner = ", ".join(f"{k}: {render(fe, v, k, True, '')}" for k, v in fields.items())
        return f"{pad}- {{{braces}{inner}{braces}}}\n"
    key_pad = " " * (dash_col + key_off)
    lines = []
    for i, (k, v) in enumerate(fields.items()):
        lead = pad + "-" + " " * (key_off - 1) if i == 0 else key_pad
        lines.append(f"{lead}{k}: {render(fe, v, k, False, key_pad + '  ')}\n")
    return "".join(lines)


def insert_item(
    fe: FileEdit, seq: Span, tree_list: list[Tree], index: int, fields: dict[str, Value], shift: int
) -> None:
    """Insert a mapping item before the original item `index` of the list `seq` (its intended tree
    `tree_list`, where `shift` items were already inserted before that place)."""
    t = _Text(fe)
    items: list[Span] = seq.items
    tree_list.insert(index + shift, dict(fields))
    if seq.flow:
        inner = ", ".join(f"{k}: {render(fe, v, k, True, '')}" for k, v in fields.items())
        if index > 0:
            at = items[index - 1].end
            fe.replace(at, at, f", {{{inner}}}")
        elif items:
            fe.replace(items[0].start, items[0].start, f"{{{inner}}}, ")
        else:
            fe.replace(seq.start + 1, seq.start + 1, f"{{{inner}}}")
        return
    neighbour = items[index - 1] if index > 0 else items[0]
    dash_col = seq.column - 1
    flow = neighbour.kind != "map" or neighbour.flow
    key_off = neighbour.column - seq.column if neighbour.kind == "map" and not neighbour.flow else 2
    if key_off < 2 or neighbour.line != items_dash_line(t, neighbour):
        key_off = 2
    braces = (
        " "
        if flow and neighbour.kind == "map" and t.text[neighbour.start + 1 : neighbour.start + 2] == " "
        else ""
    )
    block = post_lines(fe, fields, dash_col, key_off, flow, braces)
    spaced = len(items) > 1 and _blank_between(t, items[0], items[1])
    if index > 0:
        at = t.after_line(items[index - 1].end)
        if at == len(t.text) and not t.ends_with_newline():
            block = "\n" + block[:-1]
        fe.replace(at, at, ("\n" + block) if spaced else block)
    else:
        at = t.line_start(_dash(t, items[0]))
        fe.replace(at, at, (block + "\n") if spaced else block)


def items_dash_line(t: _Text, item: Span) -> int:
    return t.text.count("\n", 0, _dash(t, item)) + 1


def _dash(t: _Text, item: Span) -> int:
    """Where the `-` of a block list item is."""
    at = item.start - 1
    while at >= 0 and t.text[at] in " \t\r\n":
        at -= 1
    return at


def _blank_between(t: _Text, a: Span, b: Span) -> bool:
    between = t.text[t.after_line(a.end) : t.line_start(_dash(t, b))]
    return any(not line.strip() for line in between.split("\n")[:-1]) if between else False


def remove_items(
    fe: FileEdit, parent: Span, key: str, tree_parent: dict[str, Any], indices: set[int]
) -> None:
    """Remove the items `indices` (positions in the file) of the list under `key` of `parent`, whose intended
    tree `tree_parent[key]` still holds every original item. A list left empty becomes `[]`."""
    t = _Text(fe)
    entry = parent.get(key)
    assert entry is not None and entry[1].kind == "seq"
    k, seq = entry
    items: list[Span] = seq.items
    tree_parent[key] = [x for i, x in enumerate(tree_parent[key]) if i not in indices]
    gone = sorted(i for i in indices if 0 <= i < len(items))
    if not gone:
        return
    if seq.flow:
        runs: list[list[int]] = []
        for i in gone:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            first, last = run[0], run[-1]
            if last + 1 < len(items):
                fe.replace(items[first].start, items[last + 1].start, "")
            elif first > 0:
                fe.replace(items[first - 1].end, items[last].end, "")
            else:
                fe.replace(items[first].start, items[last].end, "")
        return
    if len(gone) == len(items):  # the list becomes `[]`, not an empty value
        fe.replace(k.end, seq.end, ": []")
        return
    for i in gone:
        start, end = t.line_start(_dash(t, items[i])), t.after_line(items[i].end)
        if i + 1 < len(items):
            following = t.line_start(_dash(t, items[i + 1]))
            if not t.text[end:following].strip():  # the blank lines after it go with it
                end = following
        elif i - 1 not in indices:
            before = t.after_line(items[i - 1].end)
            if not t.text[before:start].strip():  # the last item: the blank lines before it go
                start = before
        fe.replace(start, end, "")


def add_list(fe: FileEdit, root: Span, tree: dict[str, Any], key: str, items: list[dict[str, Value]]) -> None:
    """Give the top-level mapping a list `key:` holding `items` (a calendar without posts yet)."""
    t = _Text(fe)
    entry = root.get(key)
    width = 2
    lines = "".join(post_lines(fe, fields, root.column - 1 + width, 2, False) for fields in items)
    if entry is not None:
        v = entry[1]
        if not (v.kind == "scalar" and v.start == v.end):
            raise Refused(_("`{key}` is not a list; nothing was written").format(key=key))
        fe.replace(v.start, v.end, "\n" + lines.rstrip("\n"))
        tree[key] = [dict(fields) for fields in items]
        return
    last_k, last_v = root.pairs[-1]
    at = t.after_line(max(last_k.end, last_v.end))
    block = f"{key}:\n" + lines
    if at == len(t.text) and not t.ends_with_newline():
        block = "\n" + block[:-1]
    fe.replace(at, at, block)
    tree[key] = [dict(fields) for fields in items]
