"""The package's error types: one root, a few children.

Every failure the package expects raises an :class:`EditionsError`.  The CLI
turns one into a single line ``editions: error: FILE: what is wrong (what to do)``
and an exit code; nothing else in the package prints errors or exits.
"""
from __future__ import annotations

__all__ = ["EditionsError", "InputError", "ConfigError", "RenderError", "EngineUnavailable", "LockedError", "ClusterError"]


class EditionsError(Exception):
    """Root of every error the package raises on purpose.

    ``path`` names the file the problem is about (or None), ``hint`` says what to do.
    """

    exit_code = 1

    def __init__(self, message: str, *, path: object | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.hint = hint

    def one_line(self) -> str:
        """The message as the CLI prints it, always a single line."""
        text = self.message
        if self.path:
            text = f"{self.path}: {text}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return " ".join(text.split())


class InputError(EditionsError):
    """The article file (or a file it names) cannot be read as an article. Exit code 2."""

    exit_code = 2


class ConfigError(InputError):
    """A configuration file or command-line value is unknown or invalid. Exit code 2."""


class RenderError(EditionsError):
    """An edition could not be rendered or written. Exit code 1."""


class EngineUnavailable(RenderError):
    """A voice engine cannot be used here (missing package, no network)."""


class LockedError(RenderError):
    """Another build holds the output folder's lock."""


class ClusterError(RenderError):
    """The Dask cluster cannot be used: the extra is not installed, the scheduler is unreachable, no workers, or
    a worker runs another editions version."""
