"""Writing files so that a reader never sees half of one: a temporary file beside the target, then a rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .procs import stop_pool  # noqa: F401  (kept importable from here)

__all__ = ["atomic_write", "atomic_write_all", "TMP_MARK", "stop_pool"]

TMP_MARK = ".tmp-"
"""Part of every temporary file's name (``.NAME.tmp-…``), so leftovers of a killed run can be found."""


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once or not at all. OSError (full disk, permissions) is the caller's."""
    atomic_write_all([(path, data)])


def atomic_write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write several files, each all at once or not at all, and as nearly together as a file system allows:
    every one is written in full to a temporary file first, then they are renamed into place one after the
    other (in the order given: put a file that describes the others last). OSError is the caller's."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{TMP_MARK}{os.getpid()}-")
            staged.append((tmp, path))
            os.fchmod(fd, 0o666 & ~_umask())  # as open() would make it: mkstemp's 0600 would hide it from readers
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        while staged:
            tmp, path = staged[0]
            os.replace(tmp, path)
            staged.pop(0)
    except BaseException:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
