"""The failures that are not the calendar's fault, each with the exit code the CLI maps it to."""

from __future__ import annotations


class CmcalError(Exception):
    """A failure that is not the calendar's fault; `exit_code` is what the CLI exits with."""

    exit_code = 3


class UsageError(CmcalError):
    """The command line names something that does not exist (exit 2)."""

    exit_code = 2
