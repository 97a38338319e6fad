"""What the embedded fonts can draw: an Article in, nothing (or an InputError) out.

Source Serif and Source Sans cover Latin, Greek and Cyrillic (their italics Latin only); the faces of
:mod:`.scriptfonts` Arabic, Hebrew, Devanagari and Thai.  A letter of the article's own script (the one most of
its letters are in) that no face has would print as an empty box or not at all, so such an article is refused
before anything is rendered, with the script named; any other character no face has is left out of the PDFs with
a warning naming it (:func:`editions.press.compose`).  Emoji and other pictographs, which have no glyph either, are left
out of the PDFs by :func:`.fonts.drawable` (as the narration leaves them out), with a warning, an emoji sequence as
one unit (:mod:`editions.emoji`): the variation selectors, skin tones and keycap marks in one never make an article
refused.  Invisible format characters (zero-width joiners) stay in the text and are simply not drawn.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..emoji import without_emoji
from ..errors import InputError
from ..scripts import article_texts, describe, main_script, script_of

__all__ = ["check_print", "covered"]

_UPRIGHT = ("EdSerif", "EdSerif-Bold", "EdSerif-Semibold", "EdSans", "EdSans-Bold")
_ITALIC = ("EdSerif-Italic",)
_NOT_TEXT = ("So", "Sk", "Cf", "Co", "Cn", "Cs")
"""Categories whose missing glyphs are left out of print (pictographs, format characters), not refused."""


@lru_cache(maxsize=2)
def _cmap(italic: bool) -> frozenset[int]:
    """What the faces that may set a text can draw: the Latin faces' common cover, and every script face (a
    script face has no italic: emphasis in its script is set upright)."""
    from reportlab.pdfbase import pdfmetrics

    from .fonts import register_fonts
    from .scriptfonts import script_cmap, script_faces
    register_fonts()
    sets = [set(pdfmetrics.getFont(f).face.charToGlyph) for f in (_ITALIC if italic else _UPRIGHT)]
    return frozenset(set.intersection(*sets).union(*(script_cmap(f) for f in script_faces())))


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
    """InputError if no face can draw a letter of the article's own script (anything else the faces lack is a
    warning when the PDFs are made, and is left out of them)."""
    own = main_script(article)
    cmap = _cmap(False)
    for place, text in article_texts(article):
        if text.isascii():
            continue
        for ch in without_emoji(text):
            if ord(ch) in cmap or ch.isascii() or ch.isspace() or unicodedata.category(ch) in _NOT_TEXT:
                continue
            sc = script_of(ch)
            if sc != own or not ch.isalpha():
                continue
            raise InputError(
                f"text in {describe(sc)} script ({ch!r}, in the {place}) cannot be drawn by the print fonts",
                path=article.source_path,
                hint="the print fonts cover Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari and Thai; "
                     "for the audio edition alone use --only audio")
    upright, italic = cmap, _cmap(True)
    for place, text in _italic_texts(article):  # a letter the upright faces have and the italic lacks
        for ch in without_emoji(text or ""):
            if ord(ch) in upright and ord(ch) not in italic and not ch.isascii() and not ch.isspace() \
                    and unicodedata.category(ch) not in _NOT_TEXT:
                sc = script_of(ch)
                what = f"{describe(sc)} script" if sc not in ("COMMON", "INHERITED", "UNKNOWN") else \
                    f"the character {unicodedata.name(ch, hex(ord(ch))).title()} (U+{ord(ch):04X})"
                raise InputError(f"text in {what} ({ch!r}, in the {place}) cannot be drawn by the italic print font",
                                 path=article.source_path,
                                 hint="the italic print font covers Latin letters only: set that text upright")
