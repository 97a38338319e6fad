"""Reading an article file: bytes in, clean text (plus warnings) out.

Refuses what is not an article (missing, a folder, a FIFO or device, empty, binary, too big — measured by
reading, not by ``st_size``) with an :class:`~editions.errors.InputError`; reads UTF-16/32 with a byte order
mark; keeps UTF-8 with a few stray bytes as UTF-8 (each stray byte read as Windows-1252, with a warning);
falls back to cp1252 for a file with no UTF-8 in it; strips a BOM; then runs :mod:`editions.parse.cleanup`.
"""
from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from ..errors import InputError, bad_path_error
from . import cleanup

__all__ = ["read_text", "MAX_BYTES"]

MAX_BYTES = 50 * 1024 * 1024
"""Largest article file read (50 MB); a news article is a few kB, 5 MB still parses in seconds."""


def read_text(path: str | Path) -> tuple[str, list[str]]:
    """The file's text after clean-up, and the warnings raised on the way."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("file not found", path=path, hint="check the path") from None
    except OSError as e:  # a name too long, a loop of symbolic links: bad input, never a traceback
        raise bad_path_error(e, path) or InputError(f"cannot read file ({e.strerror or e})", path=path) from None
    if stat.S_ISDIR(mode):
        raise InputError("is a folder, not an article file", path=path,
                         hint="use 'editions build FOLDER' to render every article in a folder")
    try:
        if not stat.S_ISREG(mode):  # a FIFO would block, /dev/zero would never end
            raise InputError("is not a regular file (a pipe, device or socket)", path=path,
                             hint="save the article to a file first")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # the size is what reading gives, not what st_size claims
        if len(data) > MAX_BYTES:
            raise InputError(f"file is more than an article can be ({MAX_BYTES // (1024 * 1024)} MB at most)",
                             path=path, hint="split it into articles")
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
    for bom, codec in _BOMS:  # UTF-16/32 are text, although every other byte of English in them is zero
        if data.startswith(bom):
            try:
                data = data[len(bom):].decode(codec).encode("utf-8")
            except UnicodeDecodeError as e:
                raise InputError(f"file starts with a {codec.upper()} byte order mark but is not {codec.upper()} "
                                 f"(byte {e.start + len(bom)})", path=path, hint="save it as UTF-8") from None
            break
    if _looks_binary(data):
        raise InputError("file holds binary data, not text", path=path,
                         hint="give a .txt, .md or .json article")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if _HAS_UTF8.search(data):
            # UTF-8 with a few stray bytes: it stays UTF-8 ('José' is not turned into 'JosÃ©'); each stray byte is
            # read as Windows-1252, the likeliest source of one
            text = data.decode("utf-8", errors=_STRAY)
            count = _count_invalid(data)
            warnings.append(f"{count} byte(s) are not valid UTF-8 (the first at byte {e.start}); read them as "
                            "Windows-1252 — check the letters there")
        else:
            text = data.decode("cp1252", errors="replace")
            warnings.append(f"not valid UTF-8 (byte {e.start}); read as Windows-1252 — check accented letters")
    text, removed = cleanup.clean(text)
    if removed:
        warnings.append(f"removed {removed} control or invisible character(s)")
    if not text.strip():
        raise InputError("file has no text (only invisible or control characters)", path=path,
                         hint="write the article's headline and text into it")
    return text, warnings


_BOMS = [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"),
         (b"\xfe\xff", "utf-16-be")]
_HAS_UTF8 = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""A well-formed multi-byte UTF-8 sequence: a file holding one was written as UTF-8."""
_STRAY = "editions-stray-cp1252"


def _stray_as_cp1252(e: UnicodeDecodeError):
    return e.object[e.start:e.end].decode("cp1252", errors="replace"), e.end


codecs.register_error(_STRAY, _stray_as_cp1252)


def _count_invalid(data: bytes) -> int:
    n, pos = 0, 0
    while True:
        try:
            data[pos:].decode("utf-8")
            return n
        except UnicodeDecodeError as e:
            n += e.end - e.start
            pos += e.end


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 20)
