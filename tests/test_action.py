"""The GitHub Action (`action.yml`) and the documented workflow (`docs/github-actions.yml`).

Both are parsed with PyYAML and their shape asserted; then the action's scripts are run as GitHub runs them
(`bash --noprofile --norc -eo pipefail`), with the real `cmcal` of this environment, in a temporary git
repository holding a pull request: the annotations, the job summary, the diff and the exit code are the
ones a user gets. Only the install step (pip from the action's checkout) and the `uses:` steps are not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cmcal import __version__
from tests.helpers import run_cli
from tests.review.test_git import GitRepo, git_repo

__all__ = ["git_repo"]  # a fixture, used by name below

ROOT = Path(__file__).parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def scripts() -> list[dict[str, Any]]:
    return [step for step in STEPS if "run" in step]


# --- shape --------------------------------------------------------------------------------------------------


def test_the_action_is_composite_and_installs_cmcal_from_its_own_checkout() -> None:
    assert ACTION["runs"]["using"] == "composite"
    (install,) = [step for step in STEPS if step.get("id") == "install"]
    assert re.search(r'-m pip install [^\n]*"\$GITHUB_ACTION_PATH"', install["run"])
    for step in scripts():
        assert step["shell"] == "bash"
        # Inputs reach a script through env only: an expression pasted into a script can run as a command.
        assert "${{" not in step["run"], step["name"]
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert "pip install cmcal" not in text


def test_every_expression_names_a_real_input_or_step() -> None:
    ids = {step["id"] for step in STEPS if "id" in step}
    expressions = [str(step["if"]) for step in STEPS if "if" in step]  # an `if:` is an expression as it is
    texts = [str(v) for step in STEPS for key in ("env", "with") for v in (step.get(key) or {}).values()]
    texts += [str(output["value"]) for output in ACTION["outputs"].values()]
    expressions += [e for text in texts for e in EXPRESSION.findall(text)]
    assert expressions
    for expression in expressions:
        for name in re.findall(r"inputs\.([a-z-]+)", expression):
            assert name in ACTION["inputs"], name
        for step_id in re.findall(r"steps\.([a-z-]+)\.", expression):
            assert step_id in ids, step_id


def test_the_documented_workflow_uses_the_action_and_installs_nothing() -> None:
    assert set(WORKFLOW[True]) == {"pull_request", "push"}  # PyYAML reads the key `on` as True
    (job,) = WORKFLOW["jobs"].values()
    checkout, cmcal = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    assert re.fullmatch(r"[\w.-]+/cmcal@v" + re.escape(__version__), cmcal["uses"])
    assert set(cmcal["with"]) <= set(ACTION["inputs"])
    assert WORKFLOW["permissions"] == {"contents": "read", "pull-requests": "write"}
    text = (ROOT / "docs" / "github-actions.yml").read_text(encoding="utf-8")
    assert "pip install" not in text and not any("run" in step for step in job["steps"])


def test_every_option_in_the_scripts_is_a_real_cmcal_option(capsys: pytest.CaptureFixture[str]) -> None:
    seen = set()
    for step in scripts():
        commands = re.findall(r"^\s*cmcal ([a-z]+)", step["run"], re.M)
        if not commands:
            continue
        (command,) = set(commands)
        helped = run_cli([command, "--help"], capsys)
        assert helped.exit_code == 0
        for line in step["run"].splitlines():
            if re.match(r"\s*(cmcal |args\+?=\()", line) or "args+=(" in line:
                for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", line):
                    assert re.search(rf"(?<![\w-]){option}\b", helped.stdout), (command, option)
                    seen.add((command, option))
    assert seen >= {("check", "--format"), ("check", "--changed-since"), ("diff", "--format")}


# --- the scripts, run -------------------------------------------------------------------------------------


CALENDAR = """\
calendar: Cuisine Express
timezone: America/Toronto
platforms: [instagram, facebook]
posts:
  - id: tourtiere
    date: 2026-12-01
    time: "11:30"
    platforms: [instagram, facebook]
    title: Tourtière
"""


def run_action(repo: GitRepo, tmp_path: Path, event: str, **inputs: str) -> dict[str, Any]:
    """Run the action's scripts in `repo` as GitHub would for `event`; the results of each step by id."""
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values.update({name.replace("_", "-"): value for name, value in inputs.items()})
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    summary = runner / "summary.md"
    summary.write_text("", encoding="utf-8")
    base_env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": os.environ["HOME"],
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": event,
        "GITHUB_BASE_REF": "main" if event == "pull_request" else "",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_ACTION_PATH": str(ROOT),
        "RUNNER_TEMP": str(runner),
        "NO_COLOR": "1",
        **{k: v for k, v in os.environ.items() if k.startswith("GIT_")},
    }
    outputs: dict[str, dict[str, str]] = {}
    results: dict[str, Any] = {"summary": summary}

    def resolve(value: str) -> str:
        def one(match: re.Match[str]) -> str:
            expression = match[1]
            if expression.startswith("inputs."):
                return values[expression.removeprefix("inputs.")]
            found = re.fullmatch(r"steps\.([a-z-]+)\.outputs\.([a-z-]+)", expression)
            assert found, f"the test cannot evaluate {expression!r}"
            return outputs.get(found[1], {}).get(found[2], "")

        return EXPRESSION.sub(one, value)

    for n, step in enumerate(STEPS):
        if "run" not in step or step.get("id") == "install":
            continue
        output = runner / f"output-{n}"
        output.write_text("", encoding="utf-8")
        env = {**base_env, "GITHUB_OUTPUT": str(output)}
        env.update({key: resolve(str(value)) for key, value in (step.get("env") or {}).items()})
        script = runner / f"step-{n}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=repo.path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        key = step.get("id", f"step-{n}")
        outputs[key] = dict(
            line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line
        )
        results[key] = done
        results[f"{key}.outputs"] = outputs[key]
        if done.returncode != 0:  # later steps are skipped, as GitHub does
            results["failed"] = (key, done.returncode)
            break
    return results


@pytest.fixture
def pull_request(git_repo: GitRepo) -> GitRepo:
    """main holds a calendar; the checked-out branch moves a post and adds one with a bad date."""
    git_repo.write("calendars/cuisine.yaml", CALENDAR)
    git_repo.write("calendars/nordlys.yaml", CALENDAR.replace("Cuisine Express", "Nordlys"))
    git_repo.commit("calendars")
    git_repo.git("update-ref", "refs/remotes/origin/main", "HEAD")
    git_repo.git("checkout", "-q", "-b", "feature")
    changed = CALENDAR.replace("2026-12-01", "2026-12-02") + (
        "  - date: 2026-12-32\n    platform: instagram\n    title: Nouvelle\n"
    )
    git_repo.write("calendars/cuisine.yaml", changed)
    git_repo.commit("move the tourtière, add a post")
    return git_repo


def test_on_a_pull_request_the_changed_calendars_are_annotated_and_the_diff_summarised(
    pull_request: GitRepo, tmp_path: Path
) -> None:
    results = run_action(pull_request, tmp_path, "pull_request", paths="calendars/", today="2026-11-30")
    check = results["check"]
    assert results["check.outputs"] == {"status": "1"}
    assert check.stdout.startswith("::error file=calendars/cuisine.yaml,line=10,col=11,title=bad-date::")
    assert "nordlys" not in check.stdout  # only what the pull request changed
    summary = results["summary"].read_text(encoding="utf-8")
    assert "bad-date" in summary  # the check's table
    diff_file = Path(results["diff.outputs"]["file"])
    diff = diff_file.read_text(encoding="utf-8")
    assert "Tourtière" in diff and diff in summary  # the diff, also in the summary
    assert results["failed"] == ("step-5", 1)  # the last step fails the job with the check's code


def test_on_a_push_every_calendar_is_checked_and_there_is_no_diff(
    pull_request: GitRepo, tmp_path: Path
) -> None:
    pull_request.write("calendars/cuisine.yaml", CALENDAR)
    pull_request.commit("fixed")
    results = run_action(pull_request, tmp_path, "push", today="2026-11-30")
    assert results["check.outputs"] == {"status": "0"} and results["check"].stdout == ""
    assert "2 calendars" in results["check"].stderr
    assert results["diff.outputs"] == {"file": ""}
    assert "failed" not in results


def test_a_bad_input_is_a_usage_error_that_fails_the_job(pull_request: GitRepo, tmp_path: Path) -> None:
    results = run_action(pull_request, tmp_path, "push", horizon="0", diff="false")
    assert results["check.outputs"] == {"status": "2"}
    assert "--horizon" in results["check"].stderr
    assert results["failed"] == ("step-5", 2)
