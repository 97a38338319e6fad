"""The offline voice's text side: the words it is given, and the phonemes it will speak.

hibari-tts normalises text itself on every call unless its G2P is called with
``normalize_text=False``.  editions normalises once, itself (see :mod:`..text.normalise` for the
measurements behind that decision), so the offline engine builds its voice with
:func:`plain_g2p`: the same G2P, its own normaliser switched off — which also makes its
"the zeroth" Roman-numeral bug ("James the zeroth Cameron") impossible.
"""
from __future__ import annotations

import re
from pathlib import Path

__all__ = ["plain_g2p", "spell_initialisms", "phonemize", "phonemizer"]


def plain_g2p(british: bool = False, store: Path | None = None):
    """hibari's G2P with its own text normalisation switched off (a G2P object ``Hibari(g2p=…)`` accepts).

    ``store``: a folder where the G2P's data is kept parsed (:func:`.voicestore.parsed_assets`)."""
    from . import hibari_adapter
    if store is None:
        return hibari_adapter.plain_g2p(british)
    from .voicestore import parsed_assets
    return hibari_adapter.plain_g2p(british, lambda load, assets: parsed_assets(load, assets, store))


def spell_initialisms(text: str) -> str:
    """'U.S.' -> 'US', 'a.m.' -> 'AM', 'F.B.I.' -> 'FBI': the offline voice's lexicon spells undotted capitals
    letter by letter, and a dotted one followed by a capital would end the voice's sentence early."""
    def undot(m: re.Match) -> str:
        letters = m.group(0).replace(".", "").upper()
        return letters + ("." if not m.string[m.end():].strip(" \"”’)") else "")
    return re.sub(r"(?<![\w.])(?:[A-Za-z]\.){2,}(?![\w])", undot, text)


_g2p = None


def phonemize(text: str) -> str:
    """The phonemes the offline voice will speak for ``text`` (already prepared for it), sentence chunks
    joined by a space — exactly what ``Hibari.phonemize`` feeds the model."""
    global _g2p
    if _g2p is None:
        _g2p = plain_g2p()
    return " ".join(phonemizer(_g2p).phonemize(text))


def phonemizer(g2p):
    """hibari's text side alone — its sentence splitting and ``phonemize`` with ``g2p`` — with no model loaded."""
    from .hibari_adapter import phonemizer as text_side
    return text_side(g2p)
