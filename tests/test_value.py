"""`Value` (cmcal/value.py) behaves as the methods `@dataclass` would have generated: every frozen dataclass
of cmcal built on it is held to a stock dataclass twin with the same fields."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cmcal
from cmcal.value import Value

# Every module, so that every class built on Value is found (importing them is what a run does too).
for _module in pkgutil.walk_packages(cmcal.__path__, "cmcal."):
    if not _module.name.endswith("__main__"):
        importlib.import_module(_module.name)


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        # `slots=True` makes a new class: the first one, left behind, is not the module's. A base that is no
        # dataclass (`model.Content`) shares methods only.
        module = sys.modules[sub.__module__]
        if getattr(module, sub.__qualname__, None) is sub and dataclasses.is_dataclass(sub):
            found.append(sub)
        found.extend(_subclasses(sub))
    return found


CLASSES = sorted(_subclasses(Value), key=lambda c: f"{c.__module__}.{c.__qualname__}")
VALUES = st.sampled_from([0, 1, "a", "b", None, (1, "a"), 2.5])


def test_the_classes_a_check_imports_are_built_on_value() -> None:
    names = {c.__qualname__ for c in CLASSES}
    assert {"Calendar", "Post", "Habit", "Loc", "Problem", "Rule", "Field"} <= names


def _twin(cls: type) -> Any:
    specs = [
        (f.name, f.type, dataclasses.field(compare=f.compare, hash=f.hash, repr=f.repr))
        for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
@given(data=st.data())
def test_eq_hash_and_repr_are_dataclass_s(cls: type, data: st.DataObject) -> None:
    assert dataclasses.is_dataclass(cls)
    assert "__eq__" not in cls.__dict__ and "__repr__" not in cls.__dict__  # shared, not generated
    twin = _twin(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    first = {name: data.draw(VALUES) for name in names}
    # The second differs from the first in at most one field, so that equal pairs are common.
    second = dict(first)
    if names and data.draw(st.booleans()):
        name = data.draw(st.sampled_from(names))
        second[name] = data.draw(VALUES)
    a, b = cls(**first), cls(**second)
    ta, tb = twin(**first), twin(**second)
    assert (a == b) is (ta == tb)
    assert (a != b) is (ta != tb)
    assert repr(a) == repr(ta).replace(twin.__qualname__, cls.__qualname__, 1)
    if a == b:
        assert hash(a) == hash(b)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(a, names[0], 1)
    assert a != ta  # another class is never equal, as with dataclass


def test_unhashable_fields_stay_unhashable() -> None:
    from cmcal.problems import Loc

    assert hash(Loc("a.yaml", 1, 2)) == hash(Loc("a.yaml", 1, 2))
    with pytest.raises(TypeError):
        hash(Loc("a.yaml", 1, [2]))  # type: ignore[arg-type]
