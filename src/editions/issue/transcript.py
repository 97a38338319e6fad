"""One WebVTT for the whole issue: each piece's cues shifted to where the piece starts in the issue's MP3.

Takes VTT texts as the audio edition wrote them and each one's start in ms; gives one VTT.  Cue texts are kept
as written (already escaped); cue identifiers get the piece's prefix (``a2-chapter-0``) so they stay unique.
"""
from __future__ import annotations

import re

from ..errors import RenderError

__all__ = ["cues", "join_vtt"]

_TIME = re.compile(r"(\d+):(\d\d):(\d\d)\.(\d{3})")


def _ms(text: str) -> int:
    m = _TIME.fullmatch(text.strip())
    if not m:
        raise RenderError(f"a VTT time cannot be read: {text.strip()[:40]!r}")
    h, mi, s, ms = map(int, m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


def _time(ms: int) -> str:
    h, rest = divmod(int(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def cues(vtt: str) -> list[tuple[str, int, int, list[str]]]:
    """(identifier, start ms, end ms, text lines) of every cue of a VTT."""
    out = []
    for block in re.split(r"\n[ \t]*\n", vtt.replace("\r\n", "\n").strip("\n")):
        lines = block.split("\n")
        at = next((k for k, line in enumerate(lines) if "-->" in line), None)
        if at is None or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        start, _, rest = lines[at].partition("-->")
        out.append((lines[0] if at == 1 else "", _ms(start), _ms(rest.split()[0]), lines[at + 1:]))
    return out


def join_vtt(parts: list[tuple[str, str, int]], title: str, lang: str) -> str:
    """``parts`` are (prefix, VTT text, offset ms)."""
    tag = "".join((lang or "").split()).replace("-->", "")
    clean = " ".join(title.split()).replace("-->", "→").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = [f"WEBVTT Language: {tag}" if tag else "WEBVTT", "", f"NOTE {clean}", ""]
    for prefix, vtt, offset in parts:
        for k, (ident, start, end, text) in enumerate(cues(vtt)):
            lines.append(f"{prefix}-{ident or f'cue-{k}'}")
            lines.append(f"{_time(start + offset)} --> {_time(end + offset)}")
            lines += text
            lines.append("")
    return "\n".join(lines)
