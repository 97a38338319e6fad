"""Reading an article file: bytes in, clean text (plus warnings) out.

Refuses what is not an article (missing, a folder, empty, binary) with an
:class:`~editions.errors.InputError`; falls back from UTF-8 to cp1252 with a
warning; strips a BOM; then runs :mod:`editions.parse.cleanup`.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from . import cleanup

__all__ = ["read_text", "MAX_BYTES"]

MAX_BYTES = 50 * 1024 * 1024
"""Largest article file read (50 MB); a news article is a few kB, 5 MB still parses in seconds."""


def read_text(path: str | Path) -> tuple[str, list[str]]:
    """The file's text after clean-up, and the warnings raised on the way."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", path=path, hint="check the path")
    if path.is_dir():
        raise InputError("is a folder, not an article file", path=path,
                         hint="use 'editions build FOLDER' to render every article in a folder")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size // (1024 * 1024)} MB, more than an article can be "
                             f"({MAX_BYTES // (1024 * 1024)} MB at most)", path=path, hint="split it into articles")
        data = path.read_bytes()
    except PermissionError:
        raise InputError("permission denied", path=path, hint="make the file readable") from None
    except OSError as e:
        raise InputError(f"cannot read file ({e.strerror or e})", path=path) from None
    return decode(data, path)


def decode(data: bytes, path: str | Path = "<input>") -> tuple[str, list[str]]:
    """Bytes to clean text: BOM stripped, UTF-8 else cp1252 (warned), binary refused."""
    warnings: list[str] = []
    if not data.strip():
        raise InputError("file is empty", path=path, hint="write the article's headline and text into it")
    if _looks_binary(data):
        raise InputError("file holds binary data, not text", path=path,
                         hint="give a .txt, .md or .json article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"not valid UTF-8 (byte {e.start}); read as Windows-1252 — check accented letters")
    text, removed = cleanup.clean(text)
    if removed:
        warnings.append(f"removed {removed} control or invisible character(s)")
    if not text.strip():
        raise InputError("file has no text (only invisible or control characters)", path=path,
                         hint="write the article's headline and text into it")
    return text, warnings


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 20)
