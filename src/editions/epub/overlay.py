"""The media overlay: Narration + the content document's element ids in, a SMIL 3.0 document out.

One ``<par>`` per narrated cue, in narration order, pairing ``<text
src="content.xhtml#id">`` with ``<audio src="…mp3" clipBegin clipEnd>``; the clip
times are the narration's own (the same numbers the WebVTT transcript prints).
The intro cues (headline, deck, byline, photo) and the credit line are direct
children of the body; each section's cues sit in a ``<seq>`` that points at the
section, so a reading system can skip or escape a whole section.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..narration import Narration
from .rules import NS, clock, serialise

__all__ = ["build_overlay", "overlay_duration_ms"]


def overlay_duration_ms(narr: Narration) -> int:
    """What the overlay plays: the sum of its clips (media:duration of the overlay and of the publication)."""
    return sum(max(0, c.end_ms - c.start_ms) for c in narr.cues)


def build_overlay(narr: Narration, targets: list[str], content_href: str, audio_href: str) -> bytes:
    smil = ET.Element("smil", {"xmlns": NS["smil"], "xmlns:epub": NS["epub"], "version": "3.0"})
    body = ET.SubElement(smil, "body")
    seqs: dict[int, ET.Element] = {}
    for i, (cue, target) in enumerate(zip(narr.cues, targets)):
        parent = body
        if cue.section is not None and cue.kind != "credit":
            parent = seqs.get(cue.section)
            if parent is None:
                parent = seqs[cue.section] = ET.SubElement(body, "seq", {
                    "id": f"seq{cue.section}", "epub:textref": f"{content_href}#sec{cue.section}"})
        par = ET.SubElement(parent, "par", {"id": f"par{i}"})
        ET.SubElement(par, "text", {"src": f"{content_href}#{target}"})
        ET.SubElement(par, "audio", {"src": audio_href, "clipBegin": clock(cue.start_ms),
                                     "clipEnd": clock(max(cue.end_ms, cue.start_ms))})
    return serialise(smil)
