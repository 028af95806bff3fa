"""The one way to open a file: inside the repository, regular files only, never blocking, bounded."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmcal.files.source import Refused, header, read_inside, repository_of, resolve_inside, stat_inside


@pytest.fixture(autouse=True)
def _never_hang() -> Iterator[None]:
    """A FIFO opened for reading waits for a writer: should that regress, fail instead of hanging."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("a read blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "calendars").mkdir()
    (root / "calendars" / "cal.yaml").write_text("calendar: X\n", encoding="utf-8")
    return root


def refusal(path: Path | str, root: Path, limit: int = 1000) -> tuple[str, str]:
    with pytest.raises(Refused) as caught:
        read_inside(str(path), str(root), limit)
    return caught.value.kind, caught.value.reason


def test_a_regular_file_inside_is_read(repo: Path) -> None:
    assert read_inside(str(repo / "calendars" / "cal.yaml"), str(repo)) == b"calendar: X\n"
    assert header(str(repo / "calendars" / "cal.yaml"), str(repo), 4) == b"cale"
    assert stat_inside(str(repo / "calendars" / "cal.yaml"), str(repo)).st_size == 12


def test_a_link_inside_the_repository_is_followed(repo: Path) -> None:
    (repo / "link.yaml").symlink_to(repo / "calendars" / "cal.yaml")
    assert read_inside(str(repo / "link.yaml"), str(repo)) == b"calendar: X\n"
    assert resolve_inside(str(repo / "link.yaml"), str(repo)) == str(repo / "calendars" / "cal.yaml")


def test_a_link_out_of_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("TOKEN=hunter2\n", encoding="utf-8")
    (repo / "out.yaml").symlink_to(tmp_path / "secret")
    kind, reason = refusal(repo / "out.yaml", repo)
    assert (kind, reason) == (
        "outside",
        "it is a symbolic link that leads outside the repository; it is not read",
    )
    assert "hunter2" not in reason


def test_a_path_outside_is_refused(repo: Path) -> None:
    assert refusal("/etc/passwd", repo)[0] == "outside"
    assert refusal(repo / ".." / ".." / "etc" / "passwd", repo)[0] in ("outside", "missing")


def test_a_device_is_refused_and_dev_zero_never_read(tmp_path: Path) -> None:
    assert refusal("/dev/zero", Path("/dev")) == (
        "not-regular",
        "it is a device, not a regular file; it is not read",
    )


def test_a_fifo_is_refused_without_waiting(repo: Path) -> None:
    fifo = repo / "calendars" / "pipe.yaml"
    os.mkfifo(fifo)
    assert refusal(fifo, repo) == (
        "not-regular",
        "it is a FIFO (named pipe), not a regular file; it is not read",
    )
    with pytest.raises(Refused):
        header(str(fifo), str(repo), 10)
    with pytest.raises(Refused):
        stat_inside(str(fifo), str(repo))


def test_a_socket_and_a_folder_are_refused(repo: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(repo / "sock.yaml"))
        assert refusal(repo / "sock.yaml", repo)[1] == "it is a socket, not a regular file; it is not read"
    assert refusal(repo / "calendars", repo)[1] == "it is a folder, not a regular file; it is not read"


def test_dangling_links_loops_and_missing_files(repo: Path) -> None:
    (repo / "gone.yaml").symlink_to(repo / "nowhere.yaml")
    (repo / "a.yaml").symlink_to(repo / "b.yaml")
    (repo / "b.yaml").symlink_to(repo / "a.yaml")
    assert refusal(repo / "gone.yaml", repo) == (
        "unreadable",
        "it is a symbolic link to nothing (dangling); it is not read",
    )
    assert refusal(repo / "a.yaml", repo) == ("unreadable", "it is a loop of symbolic links; it is not read")
    assert refusal(repo / "missing.yaml", repo) == ("missing", "no such file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied(repo: Path) -> None:
    path = repo / "calendars" / "cal.yaml"
    path.chmod(0)
    try:
        assert refusal(path, repo) == ("unreadable", "permission denied")
    finally:
        path.chmod(0o644)


def test_the_size_bound_is_checked_before_reading(repo: Path) -> None:
    path = repo / "big.yaml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(Refused) as caught:
        read_inside(str(path), str(repo), 1000)
    assert (caught.value.kind, caught.value.size) == ("too-large", 1001)
    assert caught.value.reason == "the file is over the 1,000 bytes bound"
    assert read_inside(str(path), str(repo), 1001) == b"x" * 1001
    assert header(str(path), str(repo), 3) == b"xxx"  # a header is not bounded by the file's size


def test_the_repository_is_found_without_git(repo: Path, tmp_path: Path) -> None:
    assert repository_of(str(repo / "calendars" / "cal.yaml")) == str(repo)
    assert repository_of(str(repo / "calendars")) == str(repo)
    linked = tmp_path / "worktree"
    (linked / "sub").mkdir(parents=True)
    (linked / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")  # a linked work tree
    assert repository_of(str(linked / "sub")) == str(linked)
    assert repository_of(str(tmp_path / "nowhere")) in (None, repository_of(str(tmp_path)))


def test_open_regular_reads_as_ending_at_its_limit_and_refuses_a_fifo(repo: Path) -> None:
    from cmcal.files.source import open_regular

    path = repo / "image.bin"
    path.write_bytes(b"0123456789")
    with open_regular(str(path), 4) as handle:
        assert handle.read() == b"0123"
    os.mkfifo(repo / "pipe.bin")
    with pytest.raises(Refused) as caught:
        open_regular(str(repo / "pipe.bin"), 4, "media/pipe.bin")
    assert (caught.value.path, caught.value.kind) == ("media/pipe.bin", "not-regular")
