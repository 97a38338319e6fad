"""Writing files so that a reader never sees half of one: a temporary file beside the target, then a rename.

Several files (an article's editions and its manifest) are written all or nothing: every target is checked
before anything is written (a folder where a file should go), every file is written in full to a temporary
file, and only then are they renamed into place; should a rename still fail midway, the files already
replaced are put back from backups kept until every rename has succeeded.
"""
from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from .procs import stop_pool  # noqa: F401  (kept importable from here)

__all__ = ["atomic_write", "atomic_write_all", "write_temp", "TMP_MARK", "WriteError", "is_leftover", "stop_pool"]

TMP_MARK = ".tmp-"
"""Part of every temporary file's name (``.NAME.tmp-PID…``), so leftovers of a killed run can be found."""

_LEFTOVER = re.compile(r"\..+\.tmp-\d+(-[A-Za-z0-9_]+)?")
"""The exact shape of the names this module and the renderers give temporary files and backups (a photo
called ``.x.tmp-1.jpg`` is not one)."""


def is_leftover(name: str) -> bool:
    """Whether a file name is one of our temporary files or backups (which a killed run may leave behind)."""
    return _LEFTOVER.fullmatch(name) is not None


class WriteError(OSError):
    """One of several files could not be written.  ``filename`` is that file's final name (never a temporary
    file's); ``restored`` says whether every other target is as it was before the write began."""

    def __init__(self, cause: OSError, target: Path, restored: bool = True):
        super().__init__(cause.errno, cause.strerror or str(cause), str(target))
        self.restored = restored


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once or not at all. OSError (full disk, permissions) is the caller's."""
    atomic_write_all([(path, data)])


def atomic_write_all(files: list[tuple[Path, bytes]], staged: dict[Path, str] | None = None) -> None:
    """Write several files all or nothing: afterwards either every target holds its new bytes or every target
    is as it was (a WriteError names the target that failed, and its cause).

    Every target is checked first (a folder in the way fails before anything is written), then each is
    written in full to a temporary file, then they are renamed into place in the order given (put a file that
    describes the others last).  A target that already exists is first linked (or copied) to a backup; if a
    rename fails, or the run is interrupted between renames, the targets already replaced are put back from
    their backups.  The backups are removed once every rename has succeeded.

    ``staged``: targets whose temporary files :func:`write_temp` has already written (a large file, written by a
    thread while the caller made the others); renamed into place before ``files``, or removed if the write fails.
    ``files``' data may be bytes or a list of byte strings written one after another."""
    files = [(Path(p), d) for p, d in files]
    pending: dict[Path, str] = {Path(p): tmp for p, tmp in (staged or {}).items()}  # target -> its temporary
    for path in [*pending, *(p for p, _ in files)]:                                  # file, not yet renamed
        try:
            _check_target(path)
        except BaseException:
            for tmp in pending.values():
                _unlink(tmp)
            raise
    backups: dict[Path, str | None] = {}  # target -> a second name for its old file (None: there was none)
    done: list[Path] = []  # targets already renamed into place
    try:
        for path, data in files:
            pending[path] = write_temp(path, data)
        if len(pending) > 1:
            for path in pending:
                try:
                    backups[path] = _backup(path)
                except OSError as e:
                    raise WriteError(e, path) from e
        for path in list(pending):
            try:
                os.replace(pending[path], path)
            except OSError as e:
                raise WriteError(e, path, restored=_restore(done, backups)) from e
            del pending[path]
            done.append(path)
        done.clear()  # every one in place: nothing to put back
    finally:
        for tmp in pending.values():
            _unlink(tmp)
        _restore(done, backups)  # interrupted between two renames (Ctrl-C): put the replaced ones back
        for backup in backups.values():
            if backup:
                _unlink(backup)


def write_temp(path: Path, data) -> str:
    """``data`` (bytes, or a list of them written one after another) in full in a new temporary file beside
    ``path``; its name (the caller renames it into place, or unlinks it).  WriteError names ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{TMP_MARK}{os.getpid()}-")
    except OSError as e:
        raise WriteError(e, path) from e
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would make it: mkstemp's 0600 would hide it from readers
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, (bytes, bytearray, memoryview)):
                f.write(data)
            else:
                for chunk in data:
                    f.write(chunk)
    except BaseException as e:
        _unlink(tmp)
        if isinstance(e, OSError):
            raise WriteError(e, path) from e
        raise
    return tmp


def _check_target(path: Path) -> None:
    """A WriteError now, before anything is written, when ``path`` cannot be replaced by a rename."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise WriteError(e, path) from e
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(OSError(errno.EISDIR, os.strerror(errno.EISDIR)), path)


def _backup(path: Path) -> str | None:
    """A second name for ``path``'s current file (a hard link, else a copy), or None when there is none."""
    if not os.path.lexists(path):
        return None
    name = str(path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}-bak"))
    _unlink(name)
    try:
        os.link(path, name, follow_symlinks=False)
    except OSError:
        if os.path.islink(path):
            os.symlink(os.readlink(path), name)
        else:
            shutil.copy2(path, name)
    return name


def _restore(done: list[Path], backups: dict[Path, str | None]) -> bool:
    """Put back the targets already replaced (newest first); whether all of them could be."""
    ok = True
    for path in reversed(done):
        if path not in backups:  # a single file: its old bytes were never kept
            ok = False
            continue
        backup = backups.pop(path)
        try:
            if backup:
                os.replace(backup, path)
            else:
                os.unlink(path)
        except OSError:
            ok = False
    done.clear()
    return ok


def _unlink(name) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
