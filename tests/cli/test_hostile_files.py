"""A hostile corpus, made in a temporary repository: what a pull request (or a careless user) can put in a
calendar's folder. Nothing hangs, nothing outside the repository is read or quoted, one unreadable file never
hides the others, and `--output` never replaces what is not a regular file (README, "Security")."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.review.test_git import GitRepo, git_repo  # noqa: F401 - git_repo is a fixture used by name

TODAY = ["--today", "2026-11-30"]
SECRET = "TOKEN=s3cr3t-value"
STALE_LINE = (
    'calendars/stale.yaml:6:11: warning [stale] "Hello" is dated 2026-11-01 (before today, 2026-11-30) and '
    "still ready; mark it published or cancelled, or move it"
)

GOOD = """\
calendar: Good
timezone: UTC
platforms: [facebook]
posts:
  - id: hello
    date: 2026-12-01
    time: "10:00"
    platforms: [facebook]
    title: Hello
    status: ready
"""


def with_entries(include: str = "", metrics: str = "") -> str:
    """A calendar (line 4 holds `include:`, line 5 `metrics_files:`) whose entries start at column 11/16."""
    return (
        "calendar: Hostile\n"
        "timezone: UTC\n"
        "platforms: [facebook]\n"
        f"include: [{include}]\n"
        f"metrics_files: [{metrics}]\n"
        "posts: []\n"
    )


@pytest.fixture(autouse=True)
def _never_hang() -> Iterator[None]:
    """Opening a FIFO waits for a writer: should that ever regress, fail instead of hanging the suite."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("cmcal blocked on a file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (a `.git` folder is all cmcal looks for) with one good calendar; a secret beside it."""
    (tmp_path / "secret.yaml").write_text(f"calendar: {SECRET}\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text(f"{SECRET},platform\n", encoding="utf-8")
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "calendars").mkdir()
    (root / "calendars" / "good.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CMCAL_TEST_SECRET", SECRET)
    return root


def write(path: str, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line]


def never_leaks(*outputs: str) -> None:
    for out in outputs:
        assert SECRET not in out
        assert "s3cr3t" not in out


# --- a FIFO never blocks ------------------------------------------------------------------------------------


def test_a_fifo_in_a_folder_scan(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo("calendars/pipe.yaml")
    result = run_cli(["check", "calendars", *TODAY], capsys)
    assert result.exit_code == 3
    assert lines(result.stdout) == [
        "calendars/pipe.yaml:1:1: error [unreadable-file] cannot read this file: "
        "it is a FIFO (named pipe), not a regular file; it is not read"
    ]
    assert result.stderr == "1 calendar in 1 file: 1 error, 0 warnings\n"  # good.yaml was read and checked


def test_a_fifo_named_on_the_command_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo("calendars/pipe.yaml")
    result = run_cli(["check", "calendars/pipe.yaml", *TODAY, "--format", "json"], capsys)
    assert result.exit_code == 3
    [found] = json.loads(result.stdout)["problems"]
    assert (found["path"], found["line"], found["column"], found["code"]) == (
        "calendars/pipe.yaml",
        1,
        1,
        "unreadable-file",
    )


def test_a_fifo_through_include_and_metrics_globs(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkdir("parts")
    os.mkfifo("parts/posts.yaml")
    os.mkdir("metrics")
    os.mkfifo("metrics/m.csv")
    write("calendars/hostile.yaml", with_entries('"../parts/*.yaml"', '"../metrics/*.csv"'))
    result = run_cli(["check", "calendars/hostile.yaml", *TODAY], capsys)
    assert result.exit_code == 3
    assert lines(result.stdout) == [
        'calendars/hostile.yaml:4:11: error [unreadable-file] include: "../parts/*.yaml": cannot read '
        "parts/posts.yaml: it is a FIFO (named pipe), not a regular file; it is not read",
        'calendars/hostile.yaml:5:17: error [unreadable-file] metrics_files: "../metrics/*.csv": cannot read '
        "metrics/m.csv: it is a FIFO (named pipe), not a regular file; it is not read",
    ]


def test_a_named_fifo_include(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo("calendars/pipe.txt")
    write("calendars/hostile.yaml", with_entries("pipe.txt"))
    result = run_cli(["check", "calendars/hostile.yaml", *TODAY], capsys)
    assert result.exit_code == 3
    assert lines(result.stdout)[0].startswith(
        'calendars/hostile.yaml:4:11: error [unreadable-file] include: "pipe.txt": cannot read '
        "calendars/pipe.txt: it is a FIFO"
    )


def test_devices_are_never_read(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["check", "/dev/zero", *TODAY], capsys)
    assert result.exit_code == 3
    assert lines(result.stdout) == [
        "/dev/zero:1:1: error [unreadable-file] cannot read this file: "
        "it is a device, not a regular file; it is not read"
    ]
    write("calendars/hostile.yaml", with_entries("/dev/zero", "/dev/stdin"))
    result = run_cli(["check", "calendars/hostile.yaml", *TODAY], capsys)
    assert result.exit_code == 1
    assert [
        line.split(" [")[0] + " " + line.split("[")[1].split("]")[0] for line in lines(result.stdout)
    ] == [
        "calendars/hostile.yaml:4:11: error outside-repository",
        "calendars/hostile.yaml:5:17: error outside-repository",
    ]


# --- nothing outside the repository -------------------------------------------------------------------------


def test_includes_outside_the_repository_name_the_pattern_not_the_content(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("calendars/hostile.yaml", with_entries('"../../secret.yaml", "/etc/passwd"', '"../../*.csv"'))
    result = run_cli(["check", "calendars/hostile.yaml", *TODAY], capsys)
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        'calendars/hostile.yaml:4:11: error [outside-repository] include: "../../secret.yaml" leads outside '
        "the calendar's repository; only files inside it are read",
        'calendars/hostile.yaml:4:32: error [outside-repository] include: "/etc/passwd" is an absolute path; '
        "write it relative to this calendar's folder, inside its repository",
        'calendars/hostile.yaml:5:17: error [outside-repository] metrics_files: "../../*.csv" leads outside '
        "the calendar's repository; only files inside it are read",
    ]
    never_leaks(result.stdout, result.stderr)


def test_proc_self_environ_in_metrics_files_never_prints_the_environment(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("calendars/hostile.yaml", with_entries(metrics="/proc/self/environ"))
    for fmt in ("text", "github", "json"):
        result = run_cli(["check", "calendars/hostile.yaml", *TODAY, "--format", fmt], capsys)
        assert result.exit_code == 1
        assert "outside-repository" in result.stdout
        never_leaks(result.stdout, result.stderr)
    result = run_cli(["report", "calendars/hostile.yaml", *TODAY, "--format", "json"], capsys)
    never_leaks(result.stdout, result.stderr)
    assert "calendars/hostile.yaml:5:17: error [outside-repository]" in result.stderr


def test_symbolic_links_out_of_the_repository(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink(repo.parent / "secret.yaml", "calendars/evil.yaml")  # in the folder scan
    os.symlink(repo.parent / "secret.yaml", "linked.yaml")  # through an include
    os.symlink(repo.parent / "secret.csv", "linked.csv")  # through a metrics glob
    os.symlink(repo.parent, "up")  # a linked folder: never walked
    write("calendars/hostile.yaml", with_entries('"../linked.yaml", "../up/*.yaml"', '"../*.csv"'))
    result = run_cli(["check", "calendars", *TODAY], capsys)
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "calendars/evil.yaml:1:1: error [outside-repository] cannot read this file: "
        "it is a symbolic link that leads outside the repository; it is not read",
        'calendars/hostile.yaml:4:11: error [outside-repository] include: "../linked.yaml": cannot read '
        "linked.yaml: it is a symbolic link that leads outside the repository; it is not read",
        'calendars/hostile.yaml:4:29: error [outside-repository] include: "../up/*.yaml" leads outside '
        "the calendar's repository; only files inside it are read",
        'calendars/hostile.yaml:5:17: error [outside-repository] metrics_files: "../*.csv": cannot read '
        "linked.csv: it is a symbolic link that leads outside the repository; it is not read",
    ]
    assert result.stderr == "2 calendars in 2 files: 4 errors, 0 warnings\n"
    never_leaks(result.stdout, result.stderr)


def test_a_double_star_include_stays_inside(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("brand/deep/a/b/part.yaml", "posts: []\n")
    write("brand/hostile.yaml", with_entries('"**/*.yaml", "../../**/*.yaml"'))
    result = run_cli(["check", "brand/hostile.yaml", *TODAY], capsys)
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        'brand/hostile.yaml:4:24: error [outside-repository] include: "../../**/*.yaml" leads outside '
        "the calendar's repository; only files inside it are read",
    ]
    assert result.stderr == "1 calendar in 2 files: 1 error, 0 warnings\n"  # hostile.yaml and part.yaml


def test_outside_git_the_folder_named_is_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "secret.yaml").write_text(f"calendar: {SECRET}\n", encoding="utf-8")
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "cal.yaml").write_text(with_entries('"../secret.yaml"'), encoding="utf-8")
    monkeypatch.chdir(folder)
    if os.path.lexists(tmp_path / ".git") or any(
        (parent / ".git").exists() for parent in tmp_path.parents
    ):  # pragma: no cover - a temporary folder inside a repository
        pytest.skip("the temporary folder is inside a git work tree")
    result = run_cli(["check", ".", *TODAY], capsys)
    assert result.exit_code == 1
    assert [line.split(" error ")[0] for line in lines(result.stdout)] == ["./cal.yaml:4:11:"]
    assert "[outside-repository]" in result.stdout
    never_leaks(result.stdout, result.stderr)


# --- one unreadable file never hides the others -------------------------------------------------------------


def test_dangling_links_and_loops_are_reported_each_and_the_rest_is_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink("nowhere.yaml", "calendars/gone.yaml")
    os.symlink("loop-b.yaml", "calendars/loop-a.yaml")
    os.symlink("loop-a.yaml", "calendars/loop-b.yaml")
    write("calendars/stale.yaml", GOOD.replace("2026-12-01", "2026-11-01").replace("Good", "Stale"))
    result = run_cli(["check", "calendars", *TODAY], capsys)
    assert result.exit_code == 3
    assert lines(result.stdout) == [
        "calendars/gone.yaml:1:1: error [unreadable-file] cannot read this file: "
        "it is a symbolic link to nothing (dangling); it is not read",
        "calendars/loop-a.yaml:1:1: error [unreadable-file] cannot read this file: "
        "it is a loop of symbolic links; it is not read",
        "calendars/loop-b.yaml:1:1: error [unreadable-file] cannot read this file: "
        "it is a loop of symbolic links; it is not read",
        STALE_LINE,
    ]
    assert result.stderr == "2 calendars in 2 files: 3 errors, 1 warning\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied_is_reported_and_the_rest_is_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = write("calendars/locked.yaml", GOOD)
    locked.chmod(0)
    result = run_cli(["check", "calendars", *TODAY], capsys)
    assert result.exit_code == 3
    assert lines(result.stdout) == [
        "calendars/locked.yaml:1:1: error [unreadable-file] cannot read this file: permission denied"
    ]
    assert result.stderr == "1 calendar in 1 file: 1 error, 0 warnings\n"


def test_every_command_shows_the_other_calendars(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo("calendars/pipe.yaml")
    unreadable = "calendars/pipe.yaml:1:1: error [unreadable-file]"
    upcoming = run_cli(["upcoming", "calendars", *TODAY, "--format", "json"], capsys)
    assert upcoming.exit_code == 3
    assert [row["id"] for row in json.loads(upcoming.stdout)["items"]] == ["hello"]
    assert unreadable in upcoming.stderr
    table = run_cli(["upcoming", "calendars", *TODAY], capsys)
    assert (table.exit_code, "Hello" in table.stdout) == (3, True)
    exported = run_cli(["export", "calendars", *TODAY, "--format", "json"], capsys)
    assert exported.exit_code == 3
    [shown] = json.loads(exported.stdout)["calendars"]
    assert [p["id"] for p in shown["posts"]] == ["hello"]
    assert unreadable in exported.stderr
    report = run_cli(["report", "calendars", *TODAY, "--format", "json"], capsys)
    assert report.exit_code == 3
    assert unreadable in report.stderr
    assert [c["calendar"] for c in json.loads(report.stdout)["calendars"]] == ["Good"]
    for command in (["gaps"], ["month", "2026-12"]):
        result = run_cli([*command, "calendars", *TODAY], capsys)
        assert result.exit_code == 3, command
        assert unreadable in result.stderr


def test_diff_and_changed_since_read_the_rest(
    git_repo: GitRepo,  # noqa: F811 - the imported fixture, by name
    capsys: pytest.CaptureFixture[str],
) -> None:
    git_repo.write("calendars/good.yaml", GOOD)
    git_repo.commit("good")
    git_repo.write("calendars/good.yaml", GOOD.replace("Hello", "Bonjour"))
    os.mkfifo("calendars/pipe.yaml")  # untracked: the working tree side only
    unreadable = (
        "calendars/pipe.yaml:1:1: error [unreadable-file] cannot read this file: "
        "it is a FIFO (named pipe), not a regular file; it is not read"
    )
    diff = run_cli(["diff", *TODAY, "--format", "json"], capsys)
    assert diff.exit_code == 3
    assert "Bonjour" in diff.stdout
    changed = run_cli(["check", "--changed-since", "main", *TODAY], capsys)
    assert changed.exit_code == 3
    assert lines(changed.stdout) == [unreadable]
    assert changed.stderr == "1 calendar in 1 file: 1 error, 0 warnings\n"


def test_a_file_reached_by_two_paths_is_read_once(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("calendars/stale.yaml", GOOD.replace("2026-12-01", "2026-11-01"))
    os.symlink("stale.yaml", "calendars/alias.yaml")
    result = run_cli(["check", "calendars", "calendars/stale.yaml", *TODAY], capsys)
    assert result.exit_code == 0
    # once, not three times, under the first path met (a folder scan is in name order)
    assert lines(result.stdout) == [STALE_LINE.replace("stale.yaml", "alias.yaml")]
    assert result.stderr == "2 calendars in 2 files: 0 errors, 1 warning\n"


def test_a_huge_file_is_refused_before_it_is_read(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import cmcal.files.loader as loader

    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    write("calendars/big.yaml", GOOD + "#" * 200 + "\n")
    result = run_cli(["check", "calendars/big.yaml", *TODAY], capsys)
    assert result.exit_code == 1
    assert lines(result.stdout)[0].startswith("calendars/big.yaml:1:1: error [too-large]")


# --- --output -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["export", "--format", "ics"], ["report", "--format", "json"]])
def test_output_refuses_what_is_not_a_regular_file(
    repo: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    os.mkfifo("fifo")
    os.mkdir("folder")
    os.symlink(repo.parent / "secret.yaml", "out-link")
    before = os.stat("/dev/null")
    for target, reason in [
        ("/dev/null", "it is a device, not a regular file; cmcal writes only regular files"),
        ("fifo", "it is a FIFO (named pipe), not a regular file; cmcal writes only regular files"),
        ("folder", "it is a folder; give the name of a file inside it"),
        (
            "out-link",
            "it is a symbolic link out of its folder; cmcal does not follow it (write to another path)",
        ),
    ]:
        result = run_cli([*command, "calendars", *TODAY, "--output", target], capsys)
        assert result.exit_code == 2, target
        assert result.stderr == f"cmcal: --output {target}: {reason}\n"
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert stat.S_ISFIFO(os.stat("fifo").st_mode)
    assert os.path.islink("out-link")
    assert (repo.parent / "secret.yaml").read_text(encoding="utf-8") == f"calendar: {SECRET}\n"
    assert sorted(os.listdir(".")) == [".git", "calendars", "fifo", "folder", "out-link"]  # no temporary left


def test_output_through_a_link_inside_its_folder_writes_the_target(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("out/real.ics", "old\n")
    os.symlink("real.ics", "out/link.ics")
    result = run_cli(["export", "calendars", *TODAY, "--format", "ics", "-o", "out/link.ics"], capsys)
    assert result.exit_code == 0, result.stderr
    assert os.path.islink("out/link.ics")
    assert Path("out/real.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_init_refuses_a_device(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(["init", "/dev/null"], capsys)
    assert result.exit_code == 2
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_step_summary_refuses_a_fifo_without_blocking(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    os.mkfifo("summary")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "summary"))
    result = run_cli(["check", "calendars", *TODAY], capsys)
    assert result.exit_code == 0
    assert "cmcal: cannot write the step summary" in result.stderr
    assert "FIFO" in result.stderr


# --- an audit hook sees every file cmcal opens --------------------------------------------------------------

_AUDIT = textwrap.dedent(
    """
    import json, os, sys
    seen = []
    def hook(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            seen.append(("open", os.fsdecode(args[0])))
        elif event in ("os.listdir", "os.scandir") and args and args[0] is not None:
            seen.append(("list", os.fsdecode(args[0]) if not isinstance(args[0], int) else "."))
    sys.addaudithook(hook)
    from cmcal.__main__ import main
    code = main(sys.argv[1:])
    sys.stdout.flush()
    record = {"code": code, "seen": list(seen)}  # before the log itself is opened
    with open(os.environ["AUDIT_LOG"], "w") as out:
        json.dump(record, out)
    """
)


def _allowed_roots() -> list[str]:
    import sysconfig

    import cmcal

    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.dirname(cmcal.__file__))}
    roots.update(sysconfig.get_paths().values())
    roots.add("/usr/share/zoneinfo")  # the system's tz database, which zoneinfo may read
    try:
        import tzdata

        roots.add(os.path.dirname(tzdata.__file__))
    except ImportError:  # pragma: no cover - tzdata is optional
        pass
    return sorted(os.path.realpath(r) for r in roots if r)


def _audited(args: list[str], cwd: Path, log: Path) -> tuple[int, list[tuple[str, str]]]:
    env = dict(os.environ, AUDIT_LOG=str(log), NO_COLOR="1", COLUMNS="100")
    env.pop("GITHUB_STEP_SUMMARY", None)
    subprocess.run(
        [sys.executable, "-c", _AUDIT, *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
    record = json.loads(log.read_text(encoding="utf-8"))
    return record["code"], [(kind, path) for kind, path in record["seen"]]


def test_an_audit_hook_sees_nothing_opened_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    import shutil

    examples = Path(__file__).parents[2] / "calendars"
    shutil.copytree(examples, repo / "examples")
    os.mkfifo(repo / "calendars" / "pipe.yaml")
    os.symlink(repo.parent / "secret.yaml", repo / "calendars" / "evil.yaml")
    os.symlink("nowhere", repo / "calendars" / "gone.yaml")
    os.symlink(repo.parent, repo / "calendars" / "up")
    os.mkdir(repo / "metrics")
    os.mkfifo(repo / "metrics" / "m.csv")
    hostile = with_entries(
        '"../../secret.yaml", "/etc/passwd", "/dev/zero", "**/*.yaml", "up/*.yaml", "../../**/*.yaml"',
        '"/proc/self/environ", "../metrics/*.csv", "../../*.csv"',
    )
    (repo / "calendars" / "hostile.yaml").write_text(hostile, encoding="utf-8")
    allowed = _allowed_roots()
    inside = os.path.realpath(repo)
    runs = [
        ["check", "examples", "calendars", *TODAY],
        ["report", "examples", "calendars", *TODAY, "--format", "json"],
        ["export", "examples", "calendars", *TODAY, "--format", "ics", "-o", "out.ics"],
        ["upcoming", "examples", "calendars", *TODAY, "--format", "csv"],
        ["textconv", "calendars/hostile.yaml"],
    ]
    for number, args in enumerate(runs):
        code, seen = _audited(args, repo, tmp_path / f"audit-{number}.json")
        assert code in (0, 1, 3), args
        outside = []
        for kind, path in seen:
            real = os.path.realpath(os.path.join(repo, path))
            if real == inside or real.startswith(inside + os.sep):
                continue
            if any(real == root or real.startswith(root + os.sep) for root in allowed):
                continue
            outside.append((kind, path))
        assert outside == [], args
        opened = {os.path.realpath(os.path.join(repo, p)) for kind, p in seen if kind == "open"}
        assert os.path.realpath(repo / "examples" / "cuisine-express" / "calendar.yaml") in opened or (
            args[0] == "textconv"
        )
