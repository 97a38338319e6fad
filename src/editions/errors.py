"""The package's error types: one root, a few children.

Every failure the package expects raises an :class:`EditionsError`.  The CLI
turns one into a single line ``editions: error: FILE: what is wrong (what to do)``
and an exit code; nothing else in the package prints errors or exits.
"""
from __future__ import annotations

import errno

__all__ = ["EditionsError", "InputError", "ConfigError", "RenderError", "EngineUnavailable", "LockedError", "ClusterError",
           "bad_path_error"]


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


_BAD_PATHS = {
    errno.ENAMETOOLONG: ("a name in the path is longer than the file system allows (255 bytes)", "use a shorter name"),
    errno.ELOOP: ("the path runs through a loop of symbolic links", "point the link at a real file or folder"),
}


def bad_path_error(e: BaseException, path: object | None = None) -> InputError | None:
    """The InputError for an OSError that says a path given as input can never be a file — a name longer than
    the file system allows, a loop of symbolic links — naming ``path`` (else the error's own file name); None
    for any other error.  Such a path comes from the command line, a settings file or an article, never from
    the machine, so it is bad input (exit 2) wherever it is met."""
    if not isinstance(e, OSError) or e.errno not in _BAD_PATHS:
        return None
    what, todo = _BAD_PATHS[e.errno]
    return InputError(what, path=path if path is not None else e.filename, hint=todo)
