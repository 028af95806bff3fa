"""The one way to write: only a regular file (or a new one), atomically; never a device, FIFO or link out."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cmcal.files.write import OutputRefused, append_text, writable_target, write_atomic


def reason(path: Path | str) -> str:
    with pytest.raises(OutputRefused) as caught:
        writable_target(str(path))
    assert caught.value.exit_code == 2
    return caught.value.reason


def test_a_new_file_and_a_regular_file_are_writable(tmp_path: Path) -> None:
    assert writable_target(str(tmp_path / "new.ics")) == str(tmp_path / "new.ics")
    (tmp_path / "old.ics").write_text("x", encoding="utf-8")
    assert writable_target(str(tmp_path / "old.ics")) == str(tmp_path / "old.ics")


def test_what_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    os.symlink("/etc/hostname", tmp_path / "out")
    os.symlink("nowhere", tmp_path / "gone")
    assert reason("/dev/null") == "it is a device, not a regular file; cmcal writes only regular files"
    assert (
        reason(tmp_path / "fifo")
        == "it is a FIFO (named pipe), not a regular file; cmcal writes only regular files"
    )
    assert reason(tmp_path) == "it is a folder; give the name of a file inside it"
    assert reason(tmp_path / "out").startswith("it is a symbolic link out of its folder")
    assert reason(tmp_path / "gone") == "it is a symbolic link to nothing; remove it or write to another path"
    with pytest.raises(OutputRefused):
        write_atomic("/dev/null", "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_link_inside_its_folder_writes_its_target(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("old", encoding="utf-8")
    os.symlink("real.txt", tmp_path / "link.txt")
    write_atomic(str(tmp_path / "link.txt"), "new")
    assert os.path.islink(tmp_path / "link.txt")
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_append_adds_to_a_regular_file_and_refuses_a_fifo(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    append_text(str(summary), "one\n")
    append_text(str(summary), "two\n")
    assert summary.read_text(encoding="utf-8") == "one\ntwo\n"
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OutputRefused):
        append_text(str(tmp_path / "fifo"), "x")  # refused before it is opened: never blocks
