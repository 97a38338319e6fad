"""The narration's timeline as plain data: what the audio edition says, and exactly when.

Made by :func:`editions.speech.sound.transcript.narration` from the script and the clip
lengths of the MP3 actually written, handed by the build step to every consumer
that follows the audio: the WebVTT transcript is written from it, and the EPUB's
media overlays (:mod:`editions.epub`) take their clip times from it, so the two
can never disagree.  Depends on nothing but the standard library, so a renderer
can read it without importing :mod:`editions.speech`.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TimedCue", "Narration"]


@dataclass(frozen=True)
class TimedCue:
    """One narrated clip: its written text, where it comes from in the article, and its time in the MP3."""

    text: str
    """As written in the article (a sentence is a verbatim substring of its paragraph's text)."""
    kind: str
    """headline, deck, byline, photo, dateline, heading, sentence or credit."""
    start_ms: int
    """Where the clip's speech starts in the MP3 (milliseconds, the VTT cue's start)."""
    end_ms: int
    """Where its speech ends (the structural pause after it is not included)."""
    chapter: int
    """Index into :attr:`Narration.chapters`."""
    section: int | None = None
    """Index of the article section (None for the intro: headline, deck, byline, photo)."""
    paragraph: int | None = None
    """Index of the paragraph within its section (None for headings and intro cues)."""


@dataclass(frozen=True)
class Narration:
    """Every cue of one audio edition in order, its chapters and its length."""

    cues: tuple[TimedCue, ...]
    chapters: tuple[tuple[str, int, int], ...]
    """(title, start_ms, end_ms) of each chapter, as in the MP3's ID3 CHAP frames."""
    duration_ms: int
    """Length of the whole narration, pauses included."""
