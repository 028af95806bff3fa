"""Writing a value as YAML that reads back as exactly that value, in cmcal and in any other YAML tool.

cmcal reads every scalar as text (README, "Reading YAML"), but editors, linters and other tools resolve plain
scalars the YAML 1.1 way: `no` is false, `11:30` is the number 690, `2026-12-01` a date. So a value is written
plain only where both readings agree, or where the key expects that kind of value (`date: 2026-12-01`,
`time: 11:30`); else it is quoted, in the quote style the file already uses. Every candidate is read back
before it is chosen, so a value that cannot be written a given way is never written that way.
"""

from __future__ import annotations

import re

import yaml

from cmcal.files.reader import Mapping, Scalar, read_text

_RAW_KEYS = frozenset(("date", "time", "on"))
"""Keys whose values are dates or times: written plain, as people write them."""

_YAML12_EXTRA = re.compile(
    r"[-+]?(0o[0-7]+|0x[0-9a-fA-F]+|\.(inf|Inf|INF)|\.(nan|NaN|NAN)|(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"
)
_PRINTABLE = re.compile("[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _resolves_to_text(value: str) -> bool:
    """Whether a YAML 1.1 (and 1.2 core) reader would take this plain scalar as a string."""
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == "tag:yaml.org,2002:str" and not _YAML12_EXTRA.fullmatch(value)


def _plain_ok(value: str, key: str | None, flow: bool) -> bool:
    if not value or value != value.strip() or _BREAKS.search(value):
        return False
    if not _PRINTABLE.fullmatch(value) or "\t" in value:
        return False
    if value[0] in _INDICATORS or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(ch in value for ch in ",[]{}"):
        return False
    return key in _RAW_KEYS or _resolves_to_text(value)


def double_quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif (
            ch == "\t" or (0x20 <= code <= 0x7E) or (0xA0 <= code <= 0xFFFD and not 0xD800 <= code <= 0xDFFF)
        ):
            if code in (0x2028, 0x2029, 0xFEFF):
                out.append(f"\\u{code:04x}")
            else:
                out.append(ch)
        elif code > 0xFFFF:
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    out.append('"')
    return "".join(out)


def single_quoted(value: str) -> str | None:
    if _BREAKS.search(value) or not _PRINTABLE.fullmatch(value) or "\t" in value:
        return None
    return "'" + value.replace("'", "''") + "'"


def block_literal(value: str, indent: str) -> str | None:
    """`|` with its chomping indicator and the lines at `indent`, or None when a literal cannot carry it."""
    if (
        "\n" not in value.rstrip("\n")
        or _BREAKS.search(value.replace("\n", ""))
        or not _PRINTABLE.fullmatch(value)
    ):
        return None
    if value[0] in " \t" or value.endswith((" ", "\t")):
        return None
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = [indent + line if line else "" for line in body.split("\n")]
    if any(line.strip(" ") == "" and line for line in lines):  # a line of spaces would change meaning
        return None
    # The line end after the value is the file's own (the caller's); only kept extra blank lines are written.
    return "|" + chomp + "\n" + "\n".join(lines) + "\n" * max(0, trailing - 1)


def scalar(
    value: str, *, key: str | None = None, quote: str = '"', flow: bool = False, indent: str = "  "
) -> str:
    """`value` as a YAML scalar for `key`, plain when safe, else a literal block (multi-line text in block
    context) or quoted in the `quote` style ('"' or "'"). The result is checked by reading it back."""
    candidates: list[str | None] = []
    if _plain_ok(value, key, flow):
        candidates.append(value)
    if not flow and "\n" in value:
        candidates.append(block_literal(value, indent))
    if quote == "'":
        candidates.append(single_quoted(value))
    candidates.append(double_quoted(value))
    for candidate in candidates:
        if candidate is not None and reads_as(candidate, value, flow):
            return candidate
    raise ValueError(f"cannot write {value!r} as YAML")  # double quotes carry every Unicode text


def reads_as(rendered: str, value: str, flow: bool) -> bool:
    """Whether `rendered`, as the value of a key, reads back as the text `value`."""
    read = read_text(f"{{k: {rendered}}}\n" if flow else f"k: {rendered}\n", "<value>")
    root = read.root
    if read.problems or not isinstance(root, Mapping):
        return False
    entry = root.items.get("k")
    node = entry[1] if entry is not None else None
    return isinstance(node, Scalar) and not node.is_null and node.value == value
