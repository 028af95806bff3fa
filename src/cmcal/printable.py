"""Text from a calendar, made safe to print (README, "Security").

A calendar's values can hold control characters (YAML's `"\\e[2J"` is an escape sequence that clears a
terminal) and a file name need not be UTF-8 (Python keeps its bytes as lone surrogates, which no output can
encode). Every renderer passes what it prints through `printable`, and every JSON text through
`no_surrogates`, so that neither reaches a terminal, a log or a file.
"""

from __future__ import annotations

import re

_TERMINAL = {n: "?" for n in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {0x09: " ", 0x0A: " ", 0x0D: " "}
"""C0 controls, DEL and C1 controls (`\\x9b` starts an escape sequence too) become `?`; tabs and line breaks
a space."""
_TERMINAL_LINES = _TERMINAL | {0x0A: "\n"}
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str, lines: bool = False) -> str:
    """`text` on one line for a terminal: a tab or line break becomes a space (`lines`: a line feed stays),
    any other control character `?` (a value must not move the cursor nor change the terminal's colours),
    and each byte of a file name that is not UTF-8 U+FFFD, as `ls` shows a `?`."""
    if _UNSAFE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text.translate(_TERMINAL_LINES if lines else _TERMINAL))


def no_surrogates(text: str) -> str:
    """`text` with each byte of a file name that is not UTF-8 shown as U+FFFD: JSON and CSV keep every other
    character, escaped as their format says."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
