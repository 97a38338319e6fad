"""Text made safe to print on a terminal (what :mod:`editions.cli`, the only module that prints, prints)."""
from __future__ import annotations

import re

__all__ = ["shown", "table"]

_NOT_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f{_NOT_C0}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_NOT_C0}]")


def shown(text: object, multiline: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters (an escape sequence would clear the screen or
    set the window title), bidirectional controls (a word shown as its mirror) and undecodable bytes of a file
    name are written as ``\\u001b``; newlines are kept only where the output is ``multiline`` by design."""
    return (_UNSAFE_BUT_NEWLINE if multiline else _UNSAFE).sub(lambda m: f"\\u{ord(m.group(0)):04x}", str(text))


def table(results) -> list[str]:
    """A batch's summary table (article, status, audio length, pages, voice, seconds), one line per article,
    every cell made safe before it is measured so the columns line up."""
    from pathlib import Path
    rows = [("article", "status", "audio", "pages", "voice", "seconds")]
    for r in results:
        m = r.manifest or {}
        audio = m.get("audio", {})
        dur = audio.get("duration_ms")
        rows.append((Path(r.source).name, r.status, f"{dur // 60000}:{dur // 1000 % 60:02d}" if dur else "-",
                     str(m.get("print", {}).get("pages", "-")), audio.get("voice", "-") or "-", f"{r.seconds:.1f}"))
    rows = [tuple(shown(c) for c in row) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
