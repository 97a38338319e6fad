"""The output folder's lock: one build writes into a folder at a time.

``.lock`` in the output folder is an ``flock`` held by the main process only (its workers close their copy, see
procs.py), holding its pid.  It is opened like the outputs are written: never through a symbolic link
(``O_NOFOLLOW``), and never a file that is something else — a link, a second name of another file, a pipe, or a
file holding anything but a pid is refused with one line, so taking the lock can never truncate a file that is
not ours.  Taking it also clears the temporary files a killed run left behind.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import time
from pathlib import Path

from ..errors import InputError, LockedError
from ..files import is_leftover
from .outdir import prepare_output, why
from ..procs import hold_lock_fd, release_lock_fd

__all__ = ["output_lock", "clean_leftovers", "LOCK_NAME"]

LOCK_NAME = ".lock"
_PID = re.compile(rb"\s*\d*\s*")
_HINT = "delete it and run again, editions makes its own; or choose another folder with --out"


@contextlib.contextmanager
def output_lock(out: Path, wait: float = 0.0):
    """An exclusive lock on ``out`` for the length of a build; LockedError if another build holds it."""
    prepare_output(out)  # a file, or a folder we cannot write: one line now, not after rendering everything
    path = out / LOCK_NAME
    fd = _open(path)
    hold_lock_fd(fd)  # workers close their inherited copy: only this process holds the lock, and dies with it
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    try:
                        other = os.pread(fd, 64, 0).decode(errors="replace").strip()
                    except OSError:
                        other = ""
                    raise LockedError(f"another build is writing to this folder{f' (pid {other})' if other else ''}",
                                      path=out, hint="wait for it to finish, then run again") from None
                time.sleep(0.2)
        if not _PID.fullmatch(os.pread(fd, 4096, 0)):  # checked under the lock: a build may be writing its pid
            raise InputError("is not a lock file: it holds other data", path=path, hint=_HINT)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        clean_leftovers(out)
        yield
    finally:
        release_lock_fd(fd)
        os.close(fd)


def _open(path: Path) -> int:
    """The lock file's descriptor: made if missing, never followed through a link, never another kind of file."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as e:
        if e.errno == errno.ELOOP or os.path.islink(path):
            raise InputError("is a symbolic link, not a lock file", path=path, hint=_HINT) from None
        raise InputError(f"cannot create the lock file ({why(e)})", path=path,
                         hint="choose another folder with --out, or make this one writable") from None
    st = os.fstat(fd)
    problem = ("is not a regular file" if not stat.S_ISREG(st.st_mode)
               else "is another name of a file (a hard link), not a lock file" if st.st_nlink > 1 else "")
    if problem:
        os.close(fd)
        raise InputError(problem, path=path, hint=_HINT)
    return fd


def clean_leftovers(out: Path) -> None:
    """Temporary files a killed build left behind (we hold the lock, so nobody is writing them)."""
    try:
        names = os.listdir(out)
    except OSError:
        return
    for name in names:
        if is_leftover(name):
            with contextlib.suppress(OSError):
                os.unlink(out / name)
