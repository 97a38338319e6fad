"""Written text -> the words every voice is given for it: the text half of ``editions say``.

:func:`spoken` is the path each cue of a narration takes before a voice sees it (the lexicon's respellings,
then the normaliser); the chosen engine's own final touch (``Engine.prepare``) is the voices' half, applied by
:func:`editions.speech.say.voice_words`.
"""
from __future__ import annotations

from .lexicon import Lexicon
from .script import _speak

__all__ = ["spoken"]


def spoken(text: str, lexicon: Lexicon, lang: str = "en") -> str:
    """Written ``text`` -> the words a voice is given for it (no full stop added at the end, unlike a cue)."""
    return _speak(text, lexicon, end=False, lang=lang)
