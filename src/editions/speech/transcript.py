"""WebVTT transcript: one cue per sentence, timed from the real clip boundaries.

Section headings (and the intro) carry a ``chapter-N`` cue identifier, so a
player or a reader can jump to them; the text is what was written, not the
normalised speech.
"""
from __future__ import annotations

from .script import Script, Timeline

__all__ = ["to_vtt", "vtt_time"]


def vtt_time(ms: int) -> str:
    h, rest = divmod(int(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _clean(text: str) -> str:
    # "-->" and blank lines would end a cue early; < & are escaped per the WebVTT spec
    text = " ".join(text.split()).replace("-->", "→")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(script: Script, tl: Timeline, headline: str) -> str:
    lines = ["WEBVTT", "", f"NOTE {_clean(headline)}", ""]
    chapter_first = {ch.first_cue: n for n, ch in enumerate(script.chapters)}
    for i, (cue, (start, end)) in enumerate(zip(script.cues, tl.cue_spans)):
        if i in chapter_first:
            n = chapter_first[i]
            lines.append(f"chapter-{n}")
        else:
            lines.append(f"cue-{i}")
        lines.append(f"{vtt_time(tl.ms(start))} --> {vtt_time(tl.ms(end))}")
        lines.append(_clean(cue.text))
        lines.append("")
    return "\n".join(lines)
