"""`cmcal init`: a commented starter calendar, and the atomic file writing every command that writes uses."""

from __future__ import annotations

import os
import stat
import tempfile
from datetime import date, timedelta
from importlib.resources import files

STARTER_ZONE = "America/Toronto"
"""The zone the starter calendar is written in (its `timezone:` line)."""


def starter_calendar(today: date) -> str:
    """The starter calendar: its weekly habit starts the Tuesday after `today`, its two posts fill the
    habit's slots within `check`'s default horizon, so a new calendar starts clean."""
    first = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    template = files("cmcal.starter").joinpath("starter.yaml").read_text(encoding="utf-8")
    second = first + timedelta(days=7)
    return (
        template.replace("{start}", first.isoformat())
        .replace("{first}", first.isoformat())
        .replace("{second}", second.isoformat())
    )


def _mode_for(path: str) -> int:
    """The mode a replaced file keeps, or the one a plain open() would give a new file (after the umask).

    mkstemp makes its file private (0600), which a calendar or an export meant to be shared must not become.
    """
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str, content: str | bytes, *, overwrite: bool = True) -> None:
    """Write through a temporary file in the same folder and rename it, so a reader never sees half a file.

    With `overwrite=False`, refuse (FileExistsError) when `path` exists, even if it appears meanwhile.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cmcal-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails with FileExistsError instead of replacing
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
