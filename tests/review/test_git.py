"""The git wrapper and `GitSource`, in real temporary repositories (pinned author and dates, no global
config).

`git_repo` and `GitRepo` are imported by tests/test_cli_diff.py too.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cmcal.errors import UsageError
from cmcal.files.loader import DiskSource, load
from cmcal.review.git import (
    GitError,
    NotARepository,
    UnknownRevision,
    changed_calendar_paths,
    load_tree,
    open_repo,
)

PINNED = {
    "GIT_AUTHOR_NAME": "Alice Tremblay",
    "GIT_AUTHOR_EMAIL": "alice@example.org",
    "GIT_AUTHOR_DATE": "2026-11-01T12:00:00+00:00",
    "GIT_COMMITTER_NAME": "Alice Tremblay",
    "GIT_COMMITTER_EMAIL": "alice@example.org",
    "GIT_COMMITTER_DATE": "2026-11-01T12:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def calendar(posts: str = "", name: str = "Cuisine Express", include: str = "", habits: str = "") -> str:
    """A valid calendar; `posts` and `habits` are YAML blocks indented by two spaces."""
    text = (
        f"calendar: {name}\n"
        "timezone: America/Toronto\n"
        "platforms: [instagram, facebook]\n"
        "habits:\n"
        "  daily-recipe:\n"
        "    title: Recipe of the day\n"
        "    every: day\n"
        "    at: 11:30\n"
        "    platforms: [instagram, facebook]\n"
        "    start: 2026-12-01\n"
        "    end: 2026-12-04\n"
        "    required: true\n"
        f"{habits}"
    )
    if include:
        text += f"include: [{include}]\n"
    return text + "posts:\n" + (posts or "  []\n")


def post(pid: str, day: str, title: str, extra: str = "") -> str:
    return (
        f"  - id: {pid}\n"
        f"    date: {day}\n"
        "    habit: daily-recipe\n"
        "    platforms: [instagram, facebook]\n"
        f"    title: {title}\n"
        f"{extra}"
    )


class GitRepo:
    """A git repository in a temporary folder, with helpers that write files and commit them."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.path, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return target

    def remove(self, rel: str) -> None:
        (self.path / rel).unlink()

    def commit(self, message: str = "change") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for key, value in PINNED.items():
        monkeypatch.setenv(key, value)
    for key in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_CONFIG_GLOBAL",
        "GIT_CONFIG",
        "GIT_CEILING_DIRECTORIES",
    ):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find a repository above tmp_path
    root = tmp_path / "repo"
    root.mkdir()
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    monkeypatch.chdir(root)
    return repo


# --- the wrapper --------------------------------------------------------------------------------------------


def test_not_a_repository_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NotARepository) as caught:
        open_repo(".")
    assert caught.value.exit_code == 3
    assert str(caught.value) == f"{tmp_path} is not in a git repository; run cmcal diff inside a clone"


def test_git_missing_is_one_clear_line(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(GitError) as caught:
        open_repo(".")
    assert caught.value.exit_code == 3
    assert str(caught.value) == "git is not installed (or not on PATH); install git to compare revisions"


def test_unknown_revision_is_a_usage_error_with_a_suggestion(git_repo: GitRepo) -> None:
    git_repo.write("calendars/a.yaml", calendar())
    git_repo.commit()
    repo = open_repo(".")
    with pytest.raises(UnknownRevision) as caught:
        repo.commit("mian")
    assert caught.value.exit_code == 2
    assert str(caught.value) == (
        'unknown revision "mian": no branch, tag or commit of that name in this repository; '
        'did you mean "main"?'
    )


@pytest.mark.parametrize("rev", ["--output=/tmp/cmcal-pwned", "-h", "", "HEAD\n--all"])
def test_a_revision_is_never_read_as_an_option(git_repo: GitRepo, rev: str, tmp_path: Path) -> None:
    git_repo.commit()
    repo = open_repo(".")
    with pytest.raises(UnknownRevision):
        repo.commit(rev)
    assert not Path("/tmp/cmcal-pwned").exists()


def test_a_revision_resolves_to_its_commit(git_repo: GitRepo) -> None:
    first = git_repo.commit("one")
    second = git_repo.commit("two")
    repo = open_repo(".")
    assert repo.commit("HEAD") == second
    assert repo.commit("HEAD~1") == first
    assert repo.commit(first[:10]) == first
    assert repo.merge_base(first, second, "a", "b") == first


def test_head_without_commits_says_so(git_repo: GitRepo) -> None:
    repo = open_repo(".")
    with pytest.raises(GitError) as caught:
        repo.commit("HEAD", typed=False)
    assert caught.value.exit_code == 3
    assert str(caught.value) == "HEAD: the repository has no commit yet; commit the calendars once, then diff"


def test_unrelated_histories_have_no_merge_base(git_repo: GitRepo) -> None:
    first = git_repo.commit("one")
    git_repo.git("checkout", "-q", "--orphan", "other")
    other = git_repo.commit("other")
    repo = open_repo(".")
    with pytest.raises(GitError, match="main and other have no common ancestor"):
        repo.merge_base(first, other, "main", "other")


# --- GitSource ----------------------------------------------------------------------------------------------


def test_git_source_reads_a_revision_not_the_working_tree(git_repo: GitRepo) -> None:
    git_repo.write("calendars/a.yaml", "old\n")
    git_repo.write("calendars/.hidden/x.yaml", "hidden\n")
    git_repo.write("calendars/sub/b.yaml", "b\n")
    commit = git_repo.commit()
    git_repo.write("calendars/a.yaml", "new\n")
    git_repo.write("calendars/c.yaml", "untracked\n")
    repo = open_repo(".")
    with repo.source(commit) as source:
        assert source.read("calendars/a.yaml") == b"old\n"
        assert source.files_under("calendars") == ["calendars/a.yaml", "calendars/sub/b.yaml"]
        assert source.is_dir("calendars") and source.is_dir("calendars/sub") and source.is_dir(".")
        assert not source.is_dir("calendars/a.yaml")
        assert source.exists("calendars/a.yaml") and not source.exists("calendars/c.yaml")
        assert not source.exists("../outside.yaml")


def test_git_source_paths_are_relative_to_the_current_folder(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_repo.write("team/calendars/a.yaml", "a\n")
    git_repo.write("shared/parts.yaml", "p\n")
    commit = git_repo.commit()
    monkeypatch.chdir(git_repo.path / "team")
    repo = open_repo(".")
    assert repo.prefix == "team/"
    with repo.source(commit) as source:
        assert source.files_under("calendars") == ["calendars/a.yaml"]
        assert source.read("../shared/parts.yaml") == b"p\n"


def test_git_source_follows_symbolic_links_inside_the_tree(git_repo: GitRepo) -> None:
    git_repo.write("shared/posts.yaml", "posts: []\n")
    (git_repo.path / "calendars").mkdir()
    os.symlink("../shared/posts.yaml", git_repo.path / "calendars" / "posts.yaml")
    commit = git_repo.commit()
    with open_repo(".").source(commit) as source:
        assert source.read("calendars/posts.yaml") == b"posts: []\n"


def test_git_source_reads_every_blob_through_one_process(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(12):
        git_repo.write(f"calendars/c{i:02}.yaml", calendar(name=f"Calendar {i}"))
    commit = git_repo.commit()
    repo = open_repo(".")
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting_popen(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        started.append(list(args))
        return real_popen(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    with repo.source(commit) as source:
        loaded = load_tree(["calendars"], source)
    assert len(loaded.calendars) == 12
    assert [args[:2] for args in started] == [
        ["git", "ls-tree"],
        ["git", "cat-file"],
    ]  # 2 processes, 12 files


def test_a_revision_loads_like_the_same_files_on_disk(git_repo: GitRepo) -> None:
    git_repo.write(
        "calendars/cuisine/calendar.yaml",
        calendar(post("a", "2026-12-01", "Tourtière"), include='"posts/*.yaml"'),
    )
    git_repo.write("calendars/cuisine/posts/dec.yaml", "posts:\n" + post("b", "2026-12-02", "Pâté chinois"))
    git_repo.write("calendars/broken.yaml", "calendar: [oops\n")
    commit = git_repo.commit()
    on_disk = load(["calendars"], DiskSource())
    with open_repo(".").source(commit) as source:
        in_git = load_tree(["calendars"], source)
    assert in_git.files == on_disk.files
    assert in_git.problems == on_disk.problems
    assert [[p.title for p in c.posts] for c in in_git.calendars] == [["Tourtière", "Pâté chinois"]]


def test_load_tree_leaves_out_a_path_missing_on_that_side(git_repo: GitRepo) -> None:
    commit = git_repo.commit()
    with open_repo(".").source(commit) as source:
        loaded = load_tree(["calendars", "other.yaml"], source)
    assert loaded.calendars == () and loaded.problems == ()


# --- changed_calendar_paths ---------------------------------------------------------------------------------


@pytest.fixture
def two_calendars(git_repo: GitRepo) -> GitRepo:
    git_repo.write("calendars/cuisine/calendar.yaml", calendar(include='"posts/*.yaml"'))
    git_repo.write("calendars/cuisine/posts/dec.yaml", "posts:\n" + post("a", "2026-12-01", "Tourtière"))
    git_repo.write("calendars/cuisine/posts/jan.yaml", "posts:\n" + post("b", "2027-01-02", "Galette"))
    git_repo.write("calendars/nordlys.yaml", calendar(name="Nordlys"))
    git_repo.commit("base")
    git_repo.git("checkout", "-q", "-b", "feature")
    return git_repo


def test_nothing_changed(two_calendars: GitRepo) -> None:
    assert changed_calendar_paths(".", "main", ["calendars"]) == []


def test_a_changed_part_marks_its_calendar(two_calendars: GitRepo) -> None:
    two_calendars.write("calendars/cuisine/posts/dec.yaml", "posts:\n" + post("a", "2026-12-03", "Tourtière"))
    two_calendars.commit()
    assert changed_calendar_paths(".", "main", ["calendars"]) == ["calendars/cuisine/calendar.yaml"]


def test_a_deleted_part_marks_its_calendar(two_calendars: GitRepo) -> None:
    two_calendars.remove("calendars/cuisine/posts/jan.yaml")  # uncommitted: the working tree counts
    assert changed_calendar_paths(".", "main", ["calendars"]) == ["calendars/cuisine/calendar.yaml"]


def test_a_changed_root_and_an_untracked_calendar(two_calendars: GitRepo) -> None:
    two_calendars.write("calendars/nordlys.yaml", calendar(name="Nordlys Studio"))
    two_calendars.write("calendars/new.yaml", calendar(name="New"))
    assert changed_calendar_paths(".", "main", ["calendars"]) == [
        "calendars/new.yaml",
        "calendars/nordlys.yaml",
    ]


def test_since_is_the_merge_base(two_calendars: GitRepo) -> None:
    # main moves on after the branch point: its own changes are not the branch's.
    two_calendars.git("checkout", "-q", "main")
    two_calendars.write("calendars/nordlys.yaml", calendar(name="Nordlys on main"))
    two_calendars.commit("main moves on")
    two_calendars.git("checkout", "-q", "feature")
    two_calendars.write("calendars/cuisine/calendar.yaml", calendar(name="Cuisine", include='"posts/*.yaml"'))
    two_calendars.commit()
    assert changed_calendar_paths(".", "main", ["calendars"]) == ["calendars/cuisine/calendar.yaml"]


def test_changed_since_an_unknown_revision(two_calendars: GitRepo) -> None:
    with pytest.raises(UnknownRevision):
        changed_calendar_paths(".", "origin/mian", ["calendars"])
    with pytest.raises(UsageError):
        changed_calendar_paths(".", "main", ["nowhere"])


# --- a revision is read with the disk's rules ---------------------------------------------------------------


def test_a_blob_over_the_bound_is_too_large_and_the_next_blob_still_reads(
    git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cmcal.review.git as git

    git_repo.write("calendars/big.yaml", calendar(name="Big") + "#" * 500 + "\n")
    git_repo.write("calendars/small.yaml", calendar(name="Small"))
    commit = git_repo.commit()
    monkeypatch.setattr(git, "MAX_BYTES", 400)
    with open_repo(".").source(commit) as source:
        loaded = load_tree(["calendars"], source)
    assert [c.name for c in loaded.calendars] == ["Small"]
    assert [(p.path, p.line, p.column, p.code) for p in loaded.problems] == [
        ("calendars/big.yaml", 1, 1, "too-large")
    ]


def test_a_link_out_of_the_tree_is_outside_the_repository(git_repo: GitRepo) -> None:
    git_repo.write("calendars/good.yaml", calendar())
    os.symlink("/etc/passwd", git_repo.path / "calendars" / "evil.yaml")
    os.symlink("../../outside.yaml", git_repo.path / "calendars" / "up.yaml")
    commit = git_repo.commit()
    with open_repo(".").source(commit) as source:
        loaded = load_tree(["calendars"], source)
    assert [c.name for c in loaded.calendars] == ["Cuisine Express"]
    assert [(p.path, p.line, p.column, p.code, p.message) for p in loaded.problems] == [
        (
            path,
            1,
            1,
            "outside-repository",
            "cannot read this file: it is a symbolic link that leads outside the repository",
        )
        for path in ("calendars/evil.yaml", "calendars/up.yaml")
    ]
