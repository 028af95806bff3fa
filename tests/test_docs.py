"""README stays true: every code, command and the set-up commands that CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from cmcal.problems import RULES, Code, codes_markdown, markdown_table

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_codes_table_is_the_registry() -> None:
    section = README.split("<!-- codes:start -->\n", 1)[1].split("<!-- codes:end -->", 1)[0]
    assert section == markdown_table(), "regenerate it with `python -m cmcal.problems`"


def test_docs_codes_is_the_registry() -> None:
    text = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert text == codes_markdown(), "regenerate it with `python -m cmcal.problems --docs > docs/codes.md`"


def test_every_code_is_declared_once_with_its_documentation() -> None:
    assert list(RULES) == [code.value for code in Code]
    assert all(rule.summary and rule.doc for rule in RULES.values())


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_every_command_is_documented() -> None:
    from typer.main import get_command

    from cmcal.cli.app import _register, app

    _register()
    names = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert names, "no command registered"
    for name in names:
        assert f"`cmcal {name}" in README, f"cmcal {name} is not in README's command table"


def test_the_project_cites_its_own_docs() -> None:
    """Comments and docs cite README and docs/, never a contract outside the repository."""
    cited = []
    for folder in ("src", "tests", "bench", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".md", ".yaml") and path.name != "test_docs.py":
                text = path.read_bytes().decode("utf-8", "replace")
                cited += [
                    f"{path}: {m}" for m in re.findall(r"SPEC §\d|SPEC\.md|PLATFORMS(?:-MEDIA)?\.md", text)
                ]
    cited += [f"README.md: {m}" for m in re.findall(r"SPEC §\d|SPEC\.md|PLATFORMS(?:-MEDIA)?\.md", README)]
    assert cited == []


def test_the_docs_exist() -> None:
    for name in ("architecture.md", "format.md", "codes.md", "api.md", "platforms.md"):
        assert (ROOT / "docs" / name).is_file(), name
