"""`cmcal init`: a commented starter calendar (written through `cmcal.files.write`)."""

from __future__ import annotations

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
