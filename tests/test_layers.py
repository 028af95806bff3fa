"""The layering of docs/architecture.md, kept by reading every import of every module (deferred ones too).

- no import cycle, counting imports inside functions: a cycle hidden in a function is still a cycle;
- only `cmcal.cli` imports Typer (or Click);
- Rich only in the renderers of tables and HTML, and the CLI; never on a `--format json|csv` path;
- no private module of a dependency (`typer._click`).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "cmcal"

RICH_ALLOWED = {
    "cmcal.views.tables",
    "cmcal.report.render",
    "cmcal.review.render",
    "cmcal.plan.table",
}
"""Modules outside `cmcal.cli` that may import Rich: the table and HTML renderers (never JSON or CSV)."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[tuple[str, list[str], int]]:
    """(module, names, line) for every import, at any depth, except under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (i for child in node.orelse for i in _imports(ast.Module([child], [])))
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", [a.name for a in node.names], node.lineno
        yield from _imports(node)


def _targets(module: str, names: list[str]) -> list[str]:
    """The cmcal modules an import loads directly: `from cmcal import fields` loads `cmcal.fields`."""
    subs = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
    return subs or ([module] if module in MODULES else [])


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges = graph.setdefault(name, set())
        for module, names, _ in _imports(tree):
            if module.startswith("cmcal"):
                edges.update(t for t in _targets(module, names) if t != name)
    return graph


def _all_imports() -> Iterator[tuple[str, str, int]]:
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module, _names, line in _imports(tree):
            yield name, module, line


def test_imports_are_absolute() -> None:
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}:{node.lineno}: use an absolute import"


def test_no_import_cycle() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_only_the_cli_imports_typer() -> None:
    wrong = [
        f"{name}:{line} imports {module}"
        for name, module, line in _all_imports()
        if module.split(".")[0] in ("typer", "click") and not name.startswith("cmcal.cli")
    ]
    assert wrong == []


def test_rich_only_in_table_and_html_renderers() -> None:
    wrong = [
        f"{name}:{line} imports {module}"
        for name, module, line in _all_imports()
        if module.split(".")[0] == "rich" and not name.startswith("cmcal.cli") and name not in RICH_ALLOWED
    ]
    assert wrong == []


def test_no_private_module_of_a_dependency() -> None:
    wrong = [
        f"{name}:{line} imports {module}"
        for name, module, line in _all_imports()
        if not module.startswith("cmcal")
        and any(part.startswith("_") and not part.startswith("__") for part in module.split("."))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "args",
    [
        ["upcoming", "calendars", "--today", "2026-12-01", "--format", "json"],
        ["upcoming", "calendars", "--today", "2026-12-01", "--format", "csv"],
        ["gaps", "calendars", "--today", "2026-12-01", "--format", "csv"],
        ["check", "calendars", "--today", "2026-12-01", "--format", "json"],
        ["export", "calendars", "--today", "2026-12-01", "--format", "json"],
        ["export", "calendars", "--today", "2026-12-01", "--format", "csv"],
        ["report", "calendars", "--today", "2026-12-01", "--format", "json"],
        ["diff", "--format", "json", "HEAD", "HEAD"],
    ],
    ids=lambda a: " ".join(a[:1] + a[-1:]),
)
def test_json_and_csv_never_import_rich(args: list[str]) -> None:
    code = (
        "import sys\nfrom cmcal.__main__ import main\nrc = main(sys.argv[1:])\n"
        "rich = any(m == 'rich' or m.startswith('rich.') for m in sys.modules)\n"
        "sys.stderr.write('RICH' if rich else 'OK')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=SRC.parent,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "100"},
        timeout=120,
        check=False,
    )
    assert done.stderr.endswith("OK"), done.stderr[-2000:]


def test_import_cmcal_is_cheap() -> None:
    heavy = ("cmcal", "yaml", "rich", "typer")
    code = f"import sys, cmcal\nprint(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "['cmcal', 'cmcal.version']"


LAZY_CALENDAR = """\
calendar: Sans média
timezone: Europe/Paris
platforms: [instagram, x, facebook]
posts:
  - date: 2026-12-01
    platforms: [x, facebook]
    title: Ragoût d’hiver
    text: "Le ragoût « maison » de l’hiver… #fêtes #recette 😀"
    status: scheduled
  - date: 2026-12-02
    platform: instagram
    title: Sans image
    status: published
  - date: 2026-12-03
    platform: facebook
    title: Une image en ligne
    media: [https://example.org/tourte.jpg]
"""


def test_check_without_local_media_imports_no_media_reader(tmp_path: Path) -> None:
    """Media readers load only for a calendar with local media files, media rules only for a post with
    media, planning's model only for a calendar that plans, and `regex` only for text the standard `re`
    cannot count (start-up, BENCHMARKS.md)."""
    path = tmp_path / "calendar.yaml"
    path.write_text(LAZY_CALENDAR, encoding="utf-8")
    code = (
        "import sys\nfrom cmcal.__main__ import main\nrc = main(sys.argv[1:])\n"
        "heavy = ('PIL', 'pymediainfo', 'regex', 'cmcal.platforms.media_rules', 'importlib.metadata',\n"
        "         'cmcal.model.planning')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), rc)\n"
    )
    args = ["check", str(path), "--today", "2026-11-20", "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.splitlines()[-1] == "['cmcal.platforms.media_rules'] 1", done.stderr[-2000:]
    path.write_text(LAZY_CALENDAR.split("  - date: 2026-12-03")[0], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.splitlines()[-1] == "[] 1", done.stderr[-2000:]
    path.write_text(path.read_text(encoding="utf-8") + "ideas:\n  - title: Tourte\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.stdout.splitlines()[-1] == "['cmcal.model.planning'] 1", done.stderr[-2000:]
