"""Options read the same in every command: a short option has one meaning everywhere."""

from __future__ import annotations

from typing import Any

from typer.main import get_command

from cmcal.cli.app import _GROUP_OF, _register, app


def _commands(command: Any) -> list[Any]:
    subs = getattr(command, "commands", None)  # a group (Typer vendors Click: no isinstance on click's)
    if subs is not None:
        return [c for sub in subs.values() for c in _commands(sub)]
    return [command]


def test_one_meaning_per_short_option() -> None:
    _register()
    meanings: dict[str, set[str]] = {}
    for command in _commands(get_command(app)):
        for param in command.params:
            if param.param_type_name != "option":
                continue
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if not o.startswith("--")):
                meanings.setdefault(short, set()).update(longs)
    assert {short: longs for short, longs in meanings.items() if len(longs) > 1} == {}
    assert meanings["-o"] == {"--output"}


def test_each_command_is_built_alone() -> None:
    # A run builds only the command it names (start-up): the table that says where each one is must be whole.
    _register()
    assert set(get_command(app).commands) == set(_GROUP_OF)  # type: ignore[attr-defined]
    for name in _GROUP_OF:
        _register(name)
        assert name in get_command(app).commands  # type: ignore[attr-defined]
    _register()
