"""Which of the issue's files need writing: those whose bytes are not already in the output folder.

Takes the issue's files [(path, data)] (data: bytes, or a list of byte strings one after another, as the issue's
MP3 is joined) and what the last ``issue.json`` recorded of them; gives those whose target is not a regular file
holding exactly those bytes, and stages the largest (their temporary files written by threads beside the
assembly, see :class:`Stager`).  After one article's edit most of the issue is as it was (the other articles'
DAISY audio and content documents, their chapters files, the cover): writing them again would cost what writing
them the first time did, and more (each old file is kept as a backup until every rename is done, then unlinked,
and freeing a large file's blocks is not free), for the same bytes.

A file is known to hold its bytes, as git's index knows a file unchanged, when the last ``issue.json`` recorded
for it the SHA-256 and size the new bytes have and the file is that size and no newer than that ``issue.json``
(the files of one write are all renamed into place before it); otherwise a file of another size is never read,
and one of the same size is compared a block at a time.  Skipping a file that already holds its new bytes keeps
the write all or nothing: whatever happens to the others, it holds the bytes it would have held.
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..files import write_temp
from ..procs import Behind

__all__ = ["Record", "Stager", "digest", "holds", "size_of", "to_write"]

BLOCK = 1 << 20


def _chunks(data) -> list:
    return [data] if isinstance(data, (bytes, bytearray, memoryview)) else list(data)


def size_of(data) -> int:
    return sum(len(c) for c in _chunks(data))


def digest(data) -> str:
    """The SHA-256 of ``data`` (bytes or a list of them) as hex."""
    h = hashlib.sha256()
    for c in _chunks(data):
        h.update(c)
    return h.hexdigest()


@dataclass(frozen=True)
class Record:
    """What the last ``issue.json`` said of the output folder's files."""
    files: dict
    """Each file's path (as written) -> (bytes, sha256) recorded for it."""
    since_ns: int = -1
    """That ``issue.json``'s time (ns); -1: there is none, so nothing is known."""

    @classmethod
    def read(cls, out: Path, manifest: str) -> "Record":
        import json
        try:
            path = Path(out) / manifest
            since = os.stat(path).st_mtime_ns
            old = json.loads(path.read_text(encoding="utf-8"))
            files = {}
            for entry in old["outputs"].values():
                if "files" in entry:  # a folder (the DAISY book): each of its files
                    for name, f in entry["files"].items():
                        files[str(Path(out) / entry["path"] / name)] = (int(f["bytes"]), str(f["sha256"]))
                else:
                    files[str(Path(out) / entry["path"])] = (int(entry["bytes"]), str(entry["sha256"]))
            return cls(files, since)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls({})

    def known(self, path: Path, size: int, sha256: str) -> bool:
        """Whether ``path`` is recorded with this size and hash and is that size and no newer than the record."""
        return self.files.get(str(path)) == (size, sha256) and self.intact(path, size)

    def intact(self, path: Path, size: int | None = None) -> bool:
        """Whether ``path`` is a regular file of ``size`` bytes (any, if None) no newer than the record."""
        try:
            st = os.lstat(path)
        except OSError:
            return False
        return stat.S_ISREG(st.st_mode) and size in (None, st.st_size) and st.st_mtime_ns <= self.since_ns


def holds(path: Path, data, record: Record | None = None, sha256: str | None = None) -> bool:
    """Whether ``path`` is a regular file (not a link, not a folder) whose bytes are exactly ``data``: known so
    from ``record`` when ``sha256`` (data's) is given and recorded for it, else read and compared."""
    size = size_of(data)
    if record is not None and sha256 is not None and record.known(path, size, sha256):
        return True
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != size:
            return False
        with open(path, "rb") as f:
            for chunk in _chunks(data):
                view = memoryview(chunk)
                for at in range(0, len(view), BLOCK):
                    part = view[at:at + BLOCK]
                    if f.read(len(part)) != part:
                        return False
            return f.read(1) == b""
    except OSError:
        return False


def to_write(files: list[tuple[Path, bytes]], record: Record | None = None,
             digests: dict[Path, str] | None = None) -> list[tuple[Path, bytes]]:
    """``files`` without those whose target already holds their bytes, in the order given (``digests``: their
    SHA-256 where known, so that ``record`` can vouch for them)."""
    digests = digests or {}
    return [(p, d) for p, d in files if not holds(Path(p), d, record, digests.get(Path(p)))]


class Stager:
    """The issue's largest files (its MP3 and EPUB, about 60 MB each for two hours) hashed, compared and written
    to their temporary files by threads while the assembly makes the rest; :meth:`done` gives, per target, the
    temporary file to rename into place (None: it already holds its bytes), the size and the SHA-256."""

    def __init__(self, record: Record):
        self.record = record
        self._work: dict[Path, Behind] = {}
        self._results: dict[Path, tuple[str | None, int, str]] = {}

    @staticmethod
    def _stage(path: Path, data, record: Record) -> tuple[str | None, int, str]:
        sha = digest(data)
        return (None if holds(path, data, record, sha) else write_temp(path, data)), size_of(data), sha

    def add(self, path: Path, data) -> None:
        self._work[Path(path)] = Behind(lambda: self._stage(Path(path), data, self.record), nice=0)

    def done(self) -> dict[Path, tuple[str | None, int, str]]:
        """Each staged target's (temporary file or None, size, SHA-256); the first failure is raised (after
        every thread has ended and every temporary file written is removed)."""
        results, error = {}, None
        for path, work in self._work.items():
            try:
                results[path] = work.result()
            except BaseException as e:  # noqa: BLE001 -- raised once every thread has ended
                error = error or e
        self._work.clear()
        self._results.update(results)
        if error is not None:
            self.cancel()
            raise error
        return results

    def cancel(self) -> None:
        """Wait for every thread and remove every temporary file they wrote (the assembly failed; one already
        renamed into place is gone from its temporary name, and left)."""
        try:
            self.done()
        except BaseException:  # noqa: BLE001 -- the assembly's own error is the one reported
            pass
        self.discard(self._results)
        self._results.clear()

    @staticmethod
    def discard(results: dict) -> None:
        for tmp, _, _ in results.values():
            if tmp:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
