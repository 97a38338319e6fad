"""What the embedded fonts can draw: an Article in, nothing (or an InputError, or warnings) out.

Source Serif and Source Sans cover Latin, Greek and Cyrillic (their italics Latin only).  A letter, mark, digit
or punctuation they have no glyph for would print as an empty box, so an article holding one is refused before
anything is rendered, with the script named.  Emoji and other pictographs, which have no glyph either, are left
out of the PDFs by :func:`.fonts.drawable` (as the narration leaves them out), with a warning, an emoji sequence as
one unit (:mod:`editions.emoji`): the variation selectors, skin tones and keycap marks in one never make an article
refused.  Invisible format characters (zero-width joiners) stay in the text and are simply not drawn.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..emoji import without_emoji
from ..errors import InputError
from ..scripts import article_texts, describe, script_of

__all__ = ["check_print", "covered"]

_UPRIGHT = ("EdSerif", "EdSerif-Bold", "EdSerif-Semibold", "EdSans", "EdSans-Bold")
_ITALIC = ("EdSerif-Italic",)
_NOT_TEXT = ("So", "Sk", "Cf", "Co", "Cn", "Cs")
"""Categories whose missing glyphs are left out of print (pictographs, format characters), not refused."""


@lru_cache(maxsize=2)
def _cmap(italic: bool) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    from .fonts import register_fonts
    register_fonts()
    sets = [set(pdfmetrics.getFont(f).face.charToGlyph) for f in (_ITALIC if italic else _UPRIGHT)]
    return frozenset(set.intersection(*sets))


def covered(ch: str, italic: bool = False) -> bool:
    return ch in " \n" or ord(ch) in _cmap(italic)


def _italic_texts(article):
    yield "deck", article.deck
    yield "credit line", article.credit_line
    for i, s in enumerate(article.sections):
        for p in s.paragraphs:
            for sp in p.spans:
                if sp.style == "em":
                    yield f"section {i + 1}", p.text[sp.start:sp.end]


def check_print(article) -> None:
    """InputError if the fonts cannot draw some of the article's letters, marks, digits or punctuation."""
    for italic, texts in ((False, article_texts(article)), (True, _italic_texts(article))):
        cmap = _cmap(italic)
        for place, text in texts:
            if text.isascii():
                continue
            for ch in without_emoji(text):  # left out of the PDFs whole (selectors, keycap marks with them)
                if ord(ch) in cmap or ch.isascii() or ch.isspace():
                    continue
                if unicodedata.category(ch) in _NOT_TEXT:
                    continue
                sc = script_of(ch)
                what = f"{describe(sc)} script" if sc not in ("COMMON", "INHERITED", "UNKNOWN") else \
                    f"the character {unicodedata.name(ch, hex(ord(ch))).title()} (U+{ord(ch):04X})"
                face = "the italic print font" if italic else "the print fonts"
                raise InputError(
                    f"text in {what} ({ch!r}, in the {place}) cannot be drawn by {face}",
                    path=article.source_path,
                    hint="the print fonts cover Latin, Greek and Cyrillic letters, their italics Latin only; "
                         "for the audio edition alone use --only audio with --engine gtts where there is a network")
