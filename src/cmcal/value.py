"""`Value`: equality, hashing and `repr` written once for every frozen dataclass a run imports.

Python 3.11 compiles each method `@dataclass` generates with its own `exec` (~0.15 ms each, six for a frozen
class): the 26 dataclasses `cmcal check` imported cost ~26 ms of its start-up (BENCHMARKS.md, "Start-up at
1,000 posts").
A class declared `@dataclass(frozen=True, slots=True, eq=False, repr=False)` over `Value` gets its
`__init__` and its frozenness from dataclass as before, and shares these three, which behave as
dataclass's would: objects are equal when they are of the same class and their fields with `compare=True`
are equal, they hash by those fields (a field of `hash=False` left out), and `repr` shows every field with
`repr=True` as `Name(field=value, …)`. tests/test_value.py holds them to a stock dataclass twin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

__all__ = ["Value"]


_COMPARED: dict[type, tuple[str, ...]] = {}
_HASHED: dict[type, tuple[str, ...]] = {}
_SHOWN: dict[type, tuple[str, ...]] = {}


def _names(cache: dict[type, tuple[str, ...]], cls: type, which: Callable[[Any], bool]) -> tuple[str, ...]:
    names = cache.get(cls)
    if names is None:
        names = cache[cls] = tuple(f.name for f in fields(cls) if which(f))
    return names


def _compared(cls: type) -> tuple[str, ...]:
    return _names(_COMPARED, cls, lambda f: f.compare)


def _hashed(cls: type) -> tuple[str, ...]:
    return _names(_HASHED, cls, lambda f: f.compare if f.hash is None else f.hash)


def _shown(cls: type) -> tuple[str, ...]:
    return _names(_SHOWN, cls, lambda f: f.repr)


class Value:
    """The base of cmcal's frozen dataclasses (see the module's docstring)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        for name in _compared(self.__class__):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine is not theirs and not mine == theirs:
                return False
        return True

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in _hashed(self.__class__)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _shown(self.__class__))
        return f"{self.__class__.__qualname__}({shown})"
