"""Importing a dependency that loads `importlib.metadata` only to read its own version (start-up).

pymediainfo and holidays both do, at import: `importlib.metadata` costs ~15 ms to import, then its `version`
searches every installed distribution (BENCHMARKS.md, "Round 2"). `import_without_metadata` gives them, for
the length of their import only, a stand-in whose `version` answers for that one package, read from its own
`.dist-info/METADATA` beside it: the same `__version__`, without the search. Guarded: the stand-in holds
nothing else, so a release that asks it for more (another package's version, another function) fails its
import, which is then undone and done again the ordinary way; so is any dependency not installed as a
`.dist-info` beside its package, or imported once something else has loaded the real module.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_METADATA = "importlib.metadata"


def import_without_metadata(name: str) -> None:
    """Import the top-level package `name` (then `import name` binds it), avoiding `importlib.metadata`."""
    if name in sys.modules:
        return
    version = None if _METADATA in sys.modules else _installed_version(name)
    if version is not None:
        stand_in = _stand_in(name, version)
        sys.modules[_METADATA] = stand_in
        try:
            importlib.import_module(name)
            return
        except Exception:
            for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
                del sys.modules[module]
        finally:
            if sys.modules.get(_METADATA) is stand_in:
                del sys.modules[_METADATA]
            if getattr(importlib, "metadata", None) is stand_in:
                del importlib.metadata
    importlib.import_module(name)


def _installed_version(name: str) -> str | None:
    """The `Version` of the one `NAME-*.dist-info` beside the package `name`, else None."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None or spec.submodule_search_locations is None:
        return None
    folder = Path(spec.origin).parent.parent
    found = list(folder.glob(f"{name}-*.dist-info"))
    if len(found) != 1:
        return None
    fields: dict[str, str] = {}
    try:
        with open(found[0] / "METADATA", encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    break  # the headers end at the first empty line
                key, sep, value = line.partition(":")
                if sep and key in ("Name", "Version"):
                    fields.setdefault(key, value.strip())
    except (OSError, UnicodeDecodeError):
        return None
    if fields.get("Name", "").lower().replace("-", "_") != name.lower():
        return None
    return fields.get("Version") or None


class _NotAnswered(Exception):
    """The stand-in was asked for what it does not hold: the import is done again the ordinary way."""


def _stand_in(name: str, known: str) -> ModuleType:
    """A module with `version` (for `name` only) and `PackageNotFoundError`, as `importlib.metadata` has."""

    class PackageNotFoundError(ModuleNotFoundError):
        """As `importlib.metadata.PackageNotFoundError` (a dependency may name it in an `except`)."""

    def version(distribution_name: str) -> str:
        if distribution_name != name:
            raise _NotAnswered(distribution_name)
        return known

    module = ModuleType(_METADATA)
    module.PackageNotFoundError = PackageNotFoundError  # type: ignore[attr-defined]
    module.version = version  # type: ignore[attr-defined]
    return module
