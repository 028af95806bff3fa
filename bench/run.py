"""Time whole `cmcal` processes against a floor measured in the same run, on generated calendars.

    python bench/run.py [--sizes 1000,10000,100000] [--runs 5] [--quick] [--commands check,version,...]
                        [--markdown FILE] [--json FILE] [--profile] [--strict] [--python PY] [--src DIR]

Each figure is a whole process (fork, interpreter start, imports, work, exit), timed by wall clock
(`time.perf_counter`) with its CPU time (user + system) and peak RSS from `os.wait4`. Runs of a command and of
its floor alternate, after one untimed warm-up of each (which also writes the bytecode caches), so load
changes on the machine hit both. The floors:

- `compose`: `python -c` composing the same YAML files with libyaml (`yaml.compose(f,
  Loader=yaml.CSafeLoader)`) with the cyclic GC off: what reading the files costs at best in Python.
- `import yaml`: `python -c "import yaml"`, for the commands that read nothing (`--version`, `--help`).

cmcal runs as `PYTHON -m cmcal` with the same interpreter as the floors: this one when it can import cmcal
and yaml, else the repository's `.venv/bin/python`, or `--python`. A command that does not exist yet
(`cmcal COMMAND --help` fails) is skipped with a note. Calendars come from `bench/generate.py` (generated
when missing or stale, under `bench/out/`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = (
    "import gc, sys, yaml\n"
    "gc.disable()\n"
    "for p in sys.argv[1:]:\n"
    "    with open(p, 'rb') as f:\n"
    "        yaml.compose(f, Loader=yaml.CSafeLoader)\n"
)
IMPORT_YAML = "import yaml"
REPORT_DAYS = 3653
"""The longest period `cmcal report` accepts (ten years)."""
COMMANDS = ("version", "help", "check", "upcoming", "export", "report", "diff", "edit")
LABELS = {
    "version": "cmcal --version",
    "help": "cmcal --help",
    "check": "cmcal check FILE --today D",
    "check-plain": "cmcal check FILE --today D, no media",
    "check-lang": "cmcal --lang fr-CA check FILE --today D",
    "check-plan": "cmcal check FILE --today D, holidays and an event a week",
    "check-fr": "cmcal check FILE --today D, language: fr-CA",
    "upcoming": "cmcal upcoming FILE --format json",
    "export": "cmcal export FILE --format ics",
    "report": "cmcal report FILE --format json",
    "diff": "cmcal diff BASE HEAD",
    "edit": "cmcal set ID owner=bob (a write)",
}
PLAN_TARGET_POSTS = 100_000
"""The planned calendar's 2.0x holds from this size up (issue 11 asked it of the 100,000-post calendar)."""
CLI_NAMES = {"edit": "set"}
"""The cmcal command a case runs, when its name is not one."""


@dataclass(frozen=True)
class Target:
    kind: str  # "ratio": median ≤ value × floor; "ms": median ≤ floor + value ms
    value: float

    def __str__(self) -> str:
        return f"≤ {self.value:g}x" if self.kind == "ratio" else f"≤ +{self.value:g} ms"


@dataclass(frozen=True)
class Case:
    command: str
    label: str
    size: int | None
    args: tuple[str, ...]
    floor: str
    floor_args: tuple[str, ...]
    target: Target | None
    cwd: Path = ROOT
    ok_codes: tuple[int, ...] = (0, 1)


@dataclass
class Stats:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.wall)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_mib)


@dataclass
class Result:
    command: str
    label: str
    size: int | None
    target: str | None
    floor: str
    status: str  # "measured", "skipped", "failed"
    note: str = ""
    cmcal: dict[str, float] = field(default_factory=dict)
    floor_stats: dict[str, float] = field(default_factory=dict)
    ratio_median: float | None = None
    ratio_min: float | None = None
    ratio_cpu: float | None = None
    diff_ms: float | None = None
    passed: bool | None = None


class CommandFailed(Exception):
    pass


def child_env(src: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if src is not None:  # another checkout's package wins over the installed one
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src.resolve()), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have bytecode caches; the warm-up run writes them
    env.pop("CMCAL_DEBUG", None)
    env.pop("GITHUB_ACTIONS", None)  # `check` would switch to the github format
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    return env


LAUNCHER = """\
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    err = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(job["cwd"])
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0)
            os.dup2(null, 1)
            os.dup2(err, 2)
            os.execve(job["argv"][0], job["argv"], job["env"])
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(err)
    out = [wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, os.waitstatus_to_exitcode(status)]
    sys.stdout.write(json.dumps(out) + "\\n")
    sys.stdout.flush()
"""
"""Starts every measured process. A child's peak RSS counts the memory of the process it was forked from
(Linux carries the pre-exec high-water mark over), so the processes are forked from this small helper
(about 9 MiB) rather than from `run.py`, which holds generated calendars."""


class Launcher:
    def __init__(self, python: str) -> None:
        self.proc = subprocess.Popen(
            [python, "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(
        self, argv: Sequence[str], cwd: Path, env: dict[str, str]
    ) -> tuple[float, float, float, int, str]:
        """Wall seconds, CPU seconds, peak RSS (MiB), exit code and stderr of one process (stdout dropped)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with tempfile.NamedTemporaryFile(prefix="cmcal-bench-", suffix=".err") as err:
            job = {"argv": list(argv), "cwd": str(cwd), "env": env, "stderr": err.name}
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
            wall, cpu, maxrss, code = json.loads(self.proc.stdout.readline())
            stderr = Path(err.name).read_text(encoding="utf-8", errors="replace")
        rss = maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return wall, cpu, rss, code, stderr

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


_launcher: Launcher | None = None


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS (MiB), exit code and stderr of one process; stdout is discarded."""
    global _launcher
    if _launcher is None:
        _launcher = Launcher(argv[0])
    return _launcher.run(argv, cwd, env)


def measure(case: Case, python: str, runs: int, env: dict[str, str]) -> tuple[Stats, Stats]:
    cmcal_argv = [python, "-m", "cmcal", *case.args]
    floor_argv = [python, *case.floor_args]
    ours, floor = Stats(), Stats()
    for i in range(runs + 1):  # run 0 is the warm-up
        for argv, stats, ok in ((floor_argv, floor, (0,)), (cmcal_argv, ours, case.ok_codes)):
            wall, cpu, rss, code, stderr = run_once(argv, case.cwd, env)
            if code not in ok:
                shown = " ".join(argv[:8]) + (" …" if len(argv) > 8 else "")
                raise CommandFailed(f"`{shown}` exited {code}: {stderr.strip()[-600:]}")
            if i:
                stats.wall.append(wall)
                stats.cpu.append(cpu)
                stats.rss_mib.append(rss)
    return ours, floor


def summarise(case: Case, ours: Stats, floor: Stats) -> Result:
    result = Result(
        case.command,
        case.label,
        case.size,
        str(case.target) if case.target else None,
        case.floor,
        "measured",
        cmcal=_figures(ours),
        floor_stats=_figures(floor),
        ratio_median=ours.median / floor.median,
        ratio_min=ours.min / floor.min,
        ratio_cpu=ours.cpu_median / floor.cpu_median if floor.cpu_median else None,
        diff_ms=(ours.median - floor.median) * 1000,
    )
    if case.target is not None:
        if case.target.kind == "ratio":
            result.passed = result.ratio_median is not None and result.ratio_median <= case.target.value
        else:
            result.passed = result.diff_ms is not None and result.diff_ms <= case.target.value
    return result


def _figures(stats: Stats) -> dict[str, float]:
    return {
        "min_s": stats.min,
        "median_s": stats.median,
        "cpu_median_s": stats.cpu_median,
        "peak_rss_mib": stats.peak_mib,
    }


def available(python: str, command: str, env: dict[str, str]) -> tuple[bool, str]:
    """Whether `cmcal COMMAND --help` succeeds, and its help text (to see which options it takes)."""
    proc = subprocess.run(
        [python, "-m", "cmcal", command, "--help"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    return proc.returncode == 0, proc.stdout


def compose_args(*folders: Path) -> tuple[str, ...]:
    files = [str(p) for folder in folders for p in generate.yaml_files(folder)]
    return ("-c", COMPOSE, *files)


def probe(commands: Sequence[str], python: str, env: dict[str, str]) -> tuple[dict[str, str], list[Result]]:
    """The help text of each calendar command that exists, and a skipped `Result` for each that does not."""
    helps: dict[str, str] = {}
    skipped: list[Result] = []
    for command in ("check", "upcoming", "export", "report", "diff", "edit"):
        if command not in commands:
            continue
        ok, text = available(python, CLI_NAMES.get(command, command), env)
        if ok:
            helps[command] = text
        else:
            note = f"not available yet (`cmcal {CLI_NAMES.get(command, command)} --help` fails)"
            skipped.append(Result(command, LABELS[command], None, None, "", "skipped", note=note))
    return helps, skipped


def cases(sizes: Sequence[int], commands: Sequence[str], helps: dict[str, str]) -> list[Case]:
    """What to measure, in order."""
    out: list[Case] = []
    out_dir = generate.OUT
    import_floor = ("-c", IMPORT_YAML)
    if "version" in commands:
        out.append(
            Case(
                "version",
                LABELS["version"],
                None,
                ("--version",),
                "import yaml",
                import_floor,
                Target("ms", 150),
            )
        )
    if "help" in commands:
        out.append(
            Case("help", LABELS["help"], None, ("--help",), "import yaml", import_floor, Target("ms", 150))
        )
    for n in sizes:
        today = generate.today_for(n).isoformat()
        cal = out_dir / f"cal-{n}"
        root = str(cal / "calendar.yaml")
        floor = compose_args(cal)
        if "check" in helps:
            out.append(
                Case(
                    "check",
                    LABELS["check"],
                    n,
                    ("check", root, "--today", today),
                    "compose",
                    floor,
                    Target("ratio", 2.0),
                    ok_codes=(0,),
                )
            )
        if "check" in helps:
            # The same check in French: the catalog and the CLDR snapshot loaded, every message in fr-CA.
            out.append(
                Case(
                    "check",
                    LABELS["check-lang"],
                    n,
                    ("--lang", "fr-CA", "check", root, "--today", today),
                    "compose",
                    floor,
                    Target("ratio", 2.2),
                    ok_codes=(0,),
                )
            )
        if "check" in helps:
            # The same posts as `cal-N`, varied: no media; holidays and an event a week; `language: fr-CA`.
            plan_target = Target("ratio", 2.0) if n >= PLAN_TARGET_POSTS else None
            variants = (
                # without media, Instagram and YouTube posts are `no-media` errors
                ("plain", "check-plain", Target("ratio", 2.0), (0, 1)),
                # The promise is at 100,000 posts (BENCHMARKS.md, "Planning"): below, the row mostly
                # times the `holidays` package's import (~110 ms: it imports its ~250 country modules).
                ("plan", "check-plan", plan_target, (0,)),
                ("fr", "check-fr", Target("ratio", 2.2), (0,)),
            )
            for prefix, label, target, ok_codes in variants:
                variant = out_dir / f"{prefix}-{n}"
                out.append(
                    Case(
                        "check",
                        LABELS[label],
                        n,
                        ("check", str(variant / "calendar.yaml"), "--today", today),
                        "compose",
                        compose_args(variant),
                        target,
                        ok_codes=ok_codes,
                    )
                )
        if "upcoming" in helps:
            out.append(
                Case(
                    "upcoming",
                    LABELS["upcoming"],
                    n,
                    ("upcoming", root, "--today", today, "--format", "json"),
                    "compose",
                    floor,
                    Target("ratio", 2.0),
                )
            )
        if "export" in helps:
            extra = ("--today", today) if "--today" in helps["export"] else ()
            out.append(
                Case(
                    "export",
                    LABELS["export"],
                    n,
                    ("export", root, "--format", "ics", *extra),
                    "compose",
                    floor,
                    None,
                )
            )
        if "report" in helps:
            variant = out_dir / f"report-{n}"
            # The whole history, up to the ten years a report may cover.
            start = max(generate.START, generate.today_for(n) - timedelta(days=REPORT_DAYS - 1)).isoformat()
            report_args = ("report", str(variant / "calendar.yaml"), "--format", "json", "--from", start)
            report_args += ("--to", today, "--today", today)
            out.append(
                Case(
                    "report",
                    LABELS["report"],
                    n,
                    report_args,
                    "compose",
                    compose_args(variant),
                    None,
                )
            )
        if "diff" in helps:
            folder = out_dir / f"diff-{n}"
            extra = ("--today", today) if "--today" in helps["diff"] else ()
            out.append(
                Case(
                    "diff",
                    LABELS["diff"],
                    n,
                    ("diff", "base", "head", *extra),
                    "compose both",
                    compose_args(folder / "base", folder / "head"),
                    Target("ratio", 2.5),
                    cwd=folder / "repo",
                )
            )
        if "edit" in helps:
            copy, post = edit_copy(out_dir, n)
            out.append(
                Case(
                    "edit",
                    LABELS["edit"],
                    n,
                    ("set", post, "owner=bob", "--path", str(copy / "calendar.yaml"), "--today", today),
                    "check",
                    ("-m", "cmcal", "check", str(copy / "calendar.yaml"), "--today", today),
                    Target("ms", 1000),
                    ok_codes=(0,),
                )
            )
    return out


def edit_copy(out_dir: Path, n: int) -> tuple[Path, str]:
    """A fresh copy of `cal-N` that the edit row writes to (every run a real write, the same one: the first
    sets the owner, the others write it again), and the id of the post it edits: the first post a week after
    `--today`, planned and without metrics. Its floor is `cmcal check` of the same copy, in the same run."""
    import re
    import shutil

    copy = out_dir / f"edit-{n}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(out_dir / f"cal-{n}", copy)
    day = generate.today_for(n) + timedelta(days=7)
    part = copy / "posts" / f"{day:%Y-%m}.yaml"
    found = re.search(r"^  - id: (\S+)\n    date: (\S+)", part.read_text(encoding="utf-8"), re.M)
    ids = re.findall(r"^  - id: (\S+)\n    date: (\S+)", part.read_text(encoding="utf-8"), re.M)
    later = [post for post, when in ids if when >= day.isoformat()]
    if not later and found is None:
        raise CommandFailed(f"no post to edit in {part}")
    return copy, later[0] if later else found[1]


def resolve_python(given: str | None, env: dict[str, str]) -> str:
    candidates = [given] if given else [sys.executable, str(ROOT / ".venv" / "bin" / "python")]
    probe = "import cmcal, yaml; assert yaml.__with_libyaml__, 'PyYAML without libyaml'"
    for python in candidates:
        if python and Path(python).exists():
            proc = subprocess.run([python, "-c", probe], capture_output=True, text=True, env=env)
            if proc.returncode == 0:
                return python
    sys.exit(
        "bench/run.py: no Python here imports both cmcal and PyYAML with libyaml; "
        "install the project (`pip install -e .`) or pass --python"
    )


def machine(python: str, env: dict[str, str]) -> dict[str, str]:
    probe = (
        "import platform, cmcal, yaml, yaml._yaml as y; print(platform.python_version(), yaml.__version__, "
        "y.get_version_string(), cmcal.__file__, sep='\\n')"
    )
    run = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True, env=env)
    out = run.stdout.splitlines()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": _cpu_name(),
        "os": f"{platform.system()} {platform.release()}",
        "python": out[0],
        "pyyaml": out[1],
        "libyaml": out[2],
        "cmcal": str(Path(out[3]).parent),
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def show_row(r: Result) -> str:
    size = f"{r.size:,}" if r.size else "-"
    if r.status != "measured":
        return f"{r.label:<36} {size:>8}  {r.status}: {r.note}"
    c, f = r.cmcal, r.floor_stats
    verdict = "" if r.passed is None else ("PASS" if r.passed else "FAIL")
    return (
        f"{r.label:<36} {size:>8}  {c['min_s']:7.3f} {c['median_s']:7.3f}  "
        f"{f['min_s']:7.3f} {f['median_s']:7.3f}  "
        f"{r.ratio_median:5.2f}x {r.ratio_min:5.2f}x {r.ratio_cpu or 0:5.2f}x {r.diff_ms:+8.0f}  "
        f"{c['peak_rss_mib']:6.0f} {f['peak_rss_mib']:6.0f}  {r.target or '':>10} {verdict}"
    )


HEADER = (
    f"{'command':<36} {'posts':>8}  {'cmcal s':>15}  {'floor s':>15}  {'ratio':>6} {'(min)':>6} {'(cpu)':>6} "
    f"{'Δ ms':>8}  {'RSS MiB':>13}  {'target':>10}\n"
    f"{'':<36} {'':>8}  {'min':>7} {'median':>7}  {'min':>7} {'median':>7}  {'median':>6} {'':>6} {'':>6} "
    f"{'median':>8}  {'cmcal':>6} {'floor':>6}"
)


def markdown(results: Sequence[Result], info: dict[str, str], runs: int) -> str:
    lines = [
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['os']}, Python {info['python']}, "
        f"PyYAML {info['pyyaml']}, libyaml {info['libyaml']}; "
        f"load average before the run {info['load_before']}; {runs} timed runs each; "
        f"cmcal from {info['cmcal']}.",
        "",
        "| command | posts | cmcal median (min) | floor | floor median (min) | ratio (median) | Δ median "
        "| CPU ratio | peak RSS cmcal / floor | target | result |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in results:
        size = f"{r.size:,}" if r.size else "–"
        if r.status != "measured":
            lines.append(f"| `{r.label}` | {size} | {r.note} | | | | | | | | |")
            continue
        c, f = r.cmcal, r.floor_stats
        verdict = "–" if r.passed is None else ("pass" if r.passed else "**fail**")
        lines.append(
            f"| `{r.label}` | {size} | {_secs(c['median_s'])} ({_secs(c['min_s'])}) | {r.floor} "
            f"| {_secs(f['median_s'])} ({_secs(f['min_s'])}) | {r.ratio_median:.2f}x | {r.diff_ms:+.0f} ms "
            f"| {r.ratio_cpu or 0:.2f}x | {c['peak_rss_mib']:.0f} / {f['peak_rss_mib']:.0f} MiB "
            f"| {r.target or '–'} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def _secs(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


GC_OFF = (
    "import gc, runpy, sys\n"
    "gc.disable()\n"
    "sys.argv = ['cmcal', *sys.argv[1:]]\n"
    "runpy.run_module('cmcal', run_name='__main__', alter_sys=True)\n"
)


def profile(python: str, n: int, env: dict[str, str], top: int = 25) -> str:
    """One `cmcal check` on `n` posts under cProfile (top functions by own and by cumulative time), then one
    run each of `check`, `check` with the cyclic GC off for the whole process, and the floor, without the
    profiler: how much of the time the garbage collector takes."""
    import pstats
    from io import StringIO

    generate.ensure(generate.OUT, n, report=False, diff=False)
    out = generate.OUT / f"check-{n}.prof"
    cal = generate.OUT / f"cal-{n}"
    args = ["check", str(cal / "calendar.yaml"), "--today", generate.today_for(n).isoformat()]
    argv = [python, "-m", "cProfile", "-o", str(out), "-m", "cmcal", *args]
    subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    text = StringIO()
    stats = pstats.Stats(str(out), stream=text)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    lines = [f"profile written to {out} (view: python -m pstats {out})", text.getvalue()]
    for name, cmd in (
        ("check", [python, "-m", "cmcal", *args]),
        ("check, GC off", [python, "-c", GC_OFF, *args]),
        ("floor (compose)", [python, *compose_args(cal)]),
    ):
        wall, cpu, rss, code, _ = run_once(cmd, ROOT, env)
        failed = f" (exit {code})" if code not in (0, 1) else ""
        lines.append(
            f"{name:<16} {n:,} posts: wall {wall:7.2f} s, CPU {cpu:7.2f} s, peak RSS {rss:6.0f} MiB{failed}"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time cmcal against a floor measured in the same run (see bench/README.md)."
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="post counts, comma-separated (1k, 10k ok)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 posts, 3 runs")
    parser.add_argument(
        "--commands",
        default=",".join(COMMANDS),
        help=f"which, comma-separated (default: {','.join(COMMANDS)})",
    )
    parser.add_argument(
        "--python", help="the interpreter for cmcal and the floors (default: see bench/README.md)"
    )
    parser.add_argument(
        "--src", type=Path, help="run the cmcal package under this folder (another checkout's src/)"
    )
    parser.add_argument("--markdown", type=Path, help="also write the results as a Markdown table to FILE")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to FILE")
    parser.add_argument("--profile", action="store_true", help="then profile one `check` of the largest size")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    try:
        sizes = generate.parse_sizes(args.sizes)
    except ValueError:
        parser.error(f"--sizes: {args.sizes!r} is not a list of positive numbers")
    runs = args.runs
    if args.quick:
        sizes, runs = [s for s in sizes if s <= 10_000] or [1000], min(runs, 3)
    if runs < 1:
        parser.error("--runs must be at least 1")
    commands = [c.strip() for c in args.commands.split(",") if c.strip()]
    unknown = sorted(set(commands) - set(COMMANDS))
    if unknown:
        parser.error(f"--commands: unknown {', '.join(unknown)} (known: {', '.join(COMMANDS)})")

    env = child_env(args.src)
    python = resolve_python(args.python, env)
    info = machine(python, env)
    print(
        f"cmcal ({info['cmcal']}) and floors run with {python} (Python {info['python']}, "
        f"PyYAML {info['pyyaml']}, libyaml {info['libyaml']}); {info['nproc']} CPUs, "
        f"load {info['load_before']}; {runs} runs",
        file=sys.stderr,
    )
    if os.getloadavg()[0] > (os.cpu_count() or 1) / 2:
        print(
            "warning: the machine is busy; wall-clock figures will be noisy (see the CPU ratio)",
            file=sys.stderr,
        )
    helps, skipped = probe(commands, python, env)
    if helps:
        for n in sizes:
            started = time.perf_counter()
            generate.ensure(generate.OUT, n, report="report" in helps, diff="diff" in helps)
            print(f"calendars of {n:,} posts ready ({time.perf_counter() - started:.1f} s)", file=sys.stderr)

    results: list[Result] = []
    print(HEADER)
    failed = False
    for case in cases(sizes, commands, helps):
        try:
            result = summarise(case, *measure(case, python, runs, env))
        except CommandFailed as exc:
            result = Result(case.command, case.label, case.size, None, case.floor, "failed", note=str(exc))
            failed = True
        results.append(result)
        print(show_row(result), flush=True)
    for result in skipped:
        results.append(result)
        print(show_row(result), flush=True)

    if args.markdown:
        args.markdown.write_text(markdown(results, info, runs), encoding="utf-8")
    if args.json:
        payload = {"machine": info, "runs": runs, "python": python, "results": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if args.profile:
        print(profile(python, max(sizes), env))
    if _launcher is not None:
        _launcher.close()
    missed = any(r.passed is False for r in results)
    return 1 if failed or (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
