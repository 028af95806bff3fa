"""Text from a calendar, made safe to print (README, "Security").

A calendar's values can hold control characters (YAML's `"\\e[2J"` is an escape sequence that clears a
terminal) and a file name need not be UTF-8 (Python keeps its bytes as lone surrogates, which no output can
encode). Every renderer passes what it prints through `printable`, and every JSON text through
`no_surrogates`, so that neither reaches a terminal, a log or a file.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and line feed, DEL, and C1 controls (`\\x9b` starts an escape sequence too)."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without control characters (tab and line feed are kept), and with each byte of a file name
    that is not UTF-8 shown as U+FFFD, as `ls` shows a `?`."""
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def no_surrogates(text: str) -> str:
    """`text` with each byte of a file name that is not UTF-8 shown as U+FFFD: JSON and CSV keep every other
    character, escaped as their format says."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
