"""Which of the issue's files need writing: those whose bytes are not already in the output folder.

Takes the issue's files [(path, bytes)]; gives those whose target is not a regular file holding exactly those
bytes.  After one article's edit most of the issue is as it was (the other articles' DAISY audio and content
documents, their chapters files, the cover): writing them again would cost what writing them the first time
did, and more (each old file is kept as a backup until every rename is done, then unlinked, and freeing a large
file's blocks is not free), for the same bytes.  A file of another size is never read; one of the same size is
compared a block at a time.  Skipping a file that already holds its new bytes keeps the write all or nothing:
whatever happens to the others, it holds the bytes it would have held.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["holds", "to_write"]

BLOCK = 1 << 20


def holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link, not a folder) whose bytes are exactly ``data``."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        view = memoryview(data)
        with open(path, "rb") as f:
            for at in range(0, len(data), BLOCK):
                if f.read(BLOCK) != view[at:at + BLOCK]:
                    return False
            return f.read(1) == b""
    except OSError:
        return False


def to_write(files: list[tuple[Path, bytes]]) -> list[tuple[Path, bytes]]:
    """``files`` without those whose target already holds their bytes, in the order given."""
    return [(p, d) for p, d in files if not holds(Path(p), d)]
