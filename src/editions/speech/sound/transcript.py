"""WebVTT transcript: one cue per sentence, timed from the real clip boundaries.

:func:`narration` turns the script and its timeline into the plain
:class:`~editions.narration.Narration` that the VTT (and the EPUB's media
overlays) are written from.  Section headings (and the intro) carry a
``chapter-N`` cue identifier, so a player or a reader can jump to them; the text
is what was written, not the normalised speech.

The article's language is on the signature line, ``WEBVTT Language: ar``: WebVTT has no language header (a
``<track srclang>`` or the container says it), and the ``Kind:``/``Language:`` lines some exporters put under the
signature are not valid WebVTT, but free text after ``WEBVTT`` and a space is.
"""
from __future__ import annotations

import dataclasses

from ...narration import Narration, TimedCue
from ..text import Script, Timeline

__all__ = ["to_vtt", "vtt_time", "vtt_signature", "narration"]


def narration(script: Script, tl: Timeline) -> Narration:
    """The timed cues in milliseconds: the one source of truth for every time written after the MP3."""
    cues: list[TimedCue] = []
    for c, (s, e) in zip(script.cues, tl.cue_spans):
        if c.continues and cues:  # a piece of an over-long sentence split for the voice: still one sentence here
            prev = cues[-1]
            cues[-1] = dataclasses.replace(prev, end_ms=tl.ms(e), text=f"{prev.text} {c.text}" if c.text else prev.text)
            continue
        cues.append(TimedCue(c.text, c.kind, tl.ms(s), tl.ms(e), c.chapter, c.section, c.paragraph))
    chapters = tuple((ch.title, tl.ms(s), tl.ms(e)) for ch, (s, e) in zip(script.chapters, tl.chapter_spans))
    return Narration(tuple(cues), chapters, tl.ms(tl.total))


def vtt_time(ms: int) -> str:
    h, rest = divmod(int(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _clean(text: str) -> str:
    # "-->" and blank lines would end a cue early; < & are escaped per the WebVTT spec
    text = " ".join(text.split()).replace("-->", "→")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt_signature(lang: str) -> str:
    """The first line: ``WEBVTT``, and the language when there is one (a tag holds no space, '-->' or newline)."""
    tag = "".join((lang or "").split()).replace("-->", "")
    return f"WEBVTT Language: {tag}" if tag else "WEBVTT"


def to_vtt(narr: Narration, headline: str, lang: str = "") -> str:
    lines = [vtt_signature(lang), "", f"NOTE {_clean(headline)}", ""]
    chapter_first: dict[int, int] = {}
    for i, cue in enumerate(narr.cues):
        chapter_first.setdefault(cue.chapter, i)
    first_cue = {i: n for n, i in chapter_first.items()}
    for i, cue in enumerate(narr.cues):
        lines.append(f"chapter-{first_cue[i]}" if i in first_cue else f"cue-{i}")
        lines.append(f"{vtt_time(cue.start_ms)} --> {vtt_time(cue.end_ms)}")
        lines.append(_clean(cue.text))
        lines.append("")
    return "\n".join(lines)
