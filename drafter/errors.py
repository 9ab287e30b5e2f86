"""Errors that end a command with one clear line and exit status 2."""

from __future__ import annotations


class DrafterError(Exception):
    """Base of drafter's own errors; the CLI prints ``str(error)`` on one line."""

    exit_status = 2


class InputError(DrafterError):
    """The input file cannot be read as a DOCX (corrupt, encrypted, hostile, too big)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OutputError(DrafterError):
    """An output cannot be written (would overwrite the input, exists without --force)."""


class ConfigError(DrafterError):
    """A configuration or rule file is invalid; the message names file and line."""
