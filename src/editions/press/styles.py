"""Paragraph styles for the two-column edition and the large-print edition.

Hyphenation goes through ReportLab's own support with a pyphen hyphenator for the
article's language (at least 2 letters before and 3 after a break); headlines,
headings, pull quotes and captions are never hyphenated.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyphen
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from .fonts import SANS, SERIF, register_fonts

__all__ = ["PrintStyles", "print_styles", "large_print_styles", "hyphenator", "INK", "RULE"]

INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#8a8a8a")
MUTED = colors.HexColor("#4d4d4d")


def hyphenator(lang: str):
    """A pyphen ``iterate`` for the language (falling back to en_US), with 2 letters before and 3 after."""
    code = lang.replace("-", "_")
    for cand in (code, code.split("_")[0], "en_US"):
        if cand in pyphen.LANGUAGES or pyphen.language_fallback(cand):
            dic = pyphen.Pyphen(lang=pyphen.language_fallback(cand) or cand, left=2, right=3)

            def iterate(word, _dic=dic):  # a plain function: ReportLab deep-copies styles when it splits a
                return _dic.iterate(word)  # paragraph, and would copy a bound method's whole dictionary
            return iterate
    return None


@dataclass(frozen=True)
class PrintStyles:
    headline: ParagraphStyle
    deck: ParagraphStyle
    byline: ParagraphStyle
    caption: ParagraphStyle
    credit: ParagraphStyle
    body: ParagraphStyle
    first: ParagraphStyle
    heading: ParagraphStyle
    pull: ParagraphStyle
    pull_attr: ParagraphStyle
    credit_line: ParagraphStyle
    running: ParagraphStyle
    folio_size: float


def right_to_left(styles: PrintStyles) -> PrintStyles:
    """The same styles set right to left: lines drawn in visual order (:class:`~.markup.MarkupParagraph`),
    ragged text aligned right, no hyphenation (pyphen has no right-to-left language)."""
    out = {}
    for name, st in styles.__dict__.items():
        if isinstance(st, ParagraphStyle):
            st = ParagraphStyle(st.name + "-rtl", parent=st, hyphenationLang="", embeddedHyphenation=0,
                                alignment=TA_RIGHT if st.alignment == TA_LEFT else st.alignment)
            st.rtl = True
        out[name] = st
    return PrintStyles(**out)


def print_styles(lang: str) -> PrintStyles:
    register_fonts()
    hy = hyphenator(lang)
    # word spaces may shrink to 80% (a common minimum in newspaper setting): with 9.5 pt type this cuts the lines
    # whose spaces stretch past 1.5x from 58% to about 21% on the seed (make bench reports it)
    body = ParagraphStyle("body", fontName=SERIF, fontSize=9.5, leading=12, alignment=TA_JUSTIFY, textColor=INK,
                          firstLineIndent=10, spaceBefore=0, spaceAfter=0, hyphenationLang=hy, spaceShrinkage=0.2,
                          hyphenationMinWordLength=6, embeddedHyphenation=1, uriWasteReduce=0.3,
                          allowWidows=0, allowOrphans=0, splitLongWords=1)
    plain = dict(hyphenationLang="", embeddedHyphenation=0, uriWasteReduce=0, splitLongWords=1)
    return PrintStyles(
        headline=ParagraphStyle("headline", fontName=SERIF + "-Bold", fontSize=30, leading=33, textColor=INK,
                                spaceAfter=8, **plain),
        deck=ParagraphStyle("deck", fontName=SERIF + "-Italic", fontSize=14, leading=18, textColor=MUTED,
                            spaceAfter=8, **plain),
        byline=ParagraphStyle("byline", fontName=SANS, fontSize=9, leading=12, textColor=MUTED, spaceAfter=10,
                              **plain),
        caption=ParagraphStyle("caption", fontName=SANS, fontSize=8.5, leading=11, textColor=INK, spaceBefore=4,
                               **plain),
        credit=ParagraphStyle("credit", fontName=SANS, fontSize=7, leading=9, textColor=MUTED, spaceAfter=12,
                              **plain),
        body=body,
        first=ParagraphStyle("first", parent=body, firstLineIndent=0),
        heading=ParagraphStyle("heading", fontName=SANS + "-Bold", fontSize=11, leading=13, textColor=INK,
                               spaceBefore=9, spaceAfter=3, **plain),
        pull=ParagraphStyle("pull", fontName=SERIF + "-Semibold", fontSize=16.5, leading=20, textColor=INK,
                            alignment=TA_LEFT, **plain),
        pull_attr=ParagraphStyle("pull_attr", fontName=SANS, fontSize=8.5, leading=11, textColor=MUTED,
                                 spaceBefore=3, **plain),
        credit_line=ParagraphStyle("credit_line", parent=body, fontName=SERIF + "-Italic", firstLineIndent=0,
                                   spaceBefore=8, alignment=TA_LEFT, **plain),
        running=ParagraphStyle("running", fontName=SANS, fontSize=8, leading=10, textColor=MUTED, **plain),
        folio_size=8,
    )


def large_print_styles() -> PrintStyles:
    """UKAAF/APH/RNIB: sans, 18 pt body on 1.4x leading, headings 22/20 pt, left aligned, no hyphenation,
    no italics."""
    register_fonts()
    plain = dict(hyphenationLang="", embeddedHyphenation=0, uriWasteReduce=0, splitLongWords=1,
                 alignment=TA_LEFT, textColor=colors.black)
    body = ParagraphStyle("lp-body", fontName=SANS, fontSize=18, leading=26, spaceAfter=14, allowWidows=0,
                          allowOrphans=0, **plain)
    return PrintStyles(
        headline=ParagraphStyle("lp-headline", fontName=SANS + "-Bold", fontSize=22, leading=31, spaceAfter=14,
                                **plain),
        deck=ParagraphStyle("lp-deck", fontName=SANS, fontSize=20, leading=28, spaceAfter=14, **plain),
        byline=ParagraphStyle("lp-byline", fontName=SANS, fontSize=18, leading=26, spaceAfter=14, **plain),
        caption=ParagraphStyle("lp-caption", fontName=SANS, fontSize=18, leading=26, spaceBefore=6, **plain),
        credit=ParagraphStyle("lp-credit", fontName=SANS, fontSize=18, leading=26, spaceAfter=18, **plain),
        body=body,
        first=body,
        heading=ParagraphStyle("lp-heading", fontName=SANS + "-Bold", fontSize=20, leading=28, spaceBefore=18,
                               spaceAfter=8, keepWithNext=1, **plain),
        pull=body, pull_attr=body,
        credit_line=ParagraphStyle("lp-credit-line", parent=body, fontName=SANS + "-Bold"),
        running=ParagraphStyle("lp-running", fontName=SANS, fontSize=18, leading=22, **plain),
        folio_size=18,
    )
