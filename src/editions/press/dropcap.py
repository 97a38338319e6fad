"""The drop cap: the opening paragraph's first letter, ``lines`` lines tall, beside its first lines.

- The cap is the paragraph's first *grapheme*: a letter with the combining marks that follow it (``E`` + U+0301
  is one É; the rest of the paragraph never starts with an orphan mark).  It is drawn composed (NFC) where the
  bold face has the composed letter, else as the letter with each mark centred over it.  A paragraph that opens
  with anything but a letter (a quotation mark, a digit) has no cap.
- It is sized from the glyph's real ink (the font's glyph bounding boxes, read from ReportLab's TrueType face),
  not from the cap height alone: a capital's top is on the first line's cap line and its baseline on the last
  spanned line's; a tail or a mark below (Q, J, Ç, Ą, Ệ, g) must end above the tallest letters of the next line,
  and a mark above (É) inside the paragraph's top, so the letter is made smaller (and raised) until its ink fits
  that band.  Ink left of the pen (J) is moved right to the column's edge; the text beside it starts after the
  ink's right edge.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from .capglyph import MIN_SIZE, DropCap, cap_glyphs, first_grapheme
from .flowables import BodyPara
from .fonts import drawable
from .markup import MarkupParagraph, paragraph_markup, typographic
from .rtlcap import RtlDropCap, rtl_cap

__all__ = ["DropCapPara", "drop_capped"]

GAP = 3
"""Points between the cap's box and the text beside it."""


def drop_capped(para, styles, rec, ref) -> Flowable:
    """The opening paragraph with a three-line drop cap (fewer when the paragraph is shorter; none for a
    paragraph of one line, one that does not open with a letter, a letter the bold face cannot draw, or one
    whose marks would make the cap smaller than :data:`MIN_SIZE`)."""
    st = styles.first
    if getattr(st, "rtl", False):
        return _rtl_capped(para, st, rec, ref)
    cluster = first_grapheme(typographic(para.text))
    bold = st.fontName + "-Bold"
    if (not cluster or cap_glyphs(cluster, bold) is None
            or DropCap(cluster, bold, 3, st.leading, st.fontSize, st.fontName).size < MIN_SIZE * st.fontSize):
        return BodyPara(paragraph_markup(para), st, recorder=rec, ref=ref)
    block = DropCapPara(paragraph_markup(para, skip=len(cluster)), st, letter=cluster, cap_lines=3,
                        recorder=rec, ref=ref, kind="body", full_markup=paragraph_markup(para))
    block.actual_text = drawable(typographic(para.text))  # the words as read in the tagged PDF (the cap is apart)
    return block


def _rtl_capped(para, st, rec, ref) -> Flowable:
    """A right-to-left paragraph's cap (:mod:`.rtlcap`): on the right, shaped in its script's face."""
    text = drawable(typographic(para.text))
    found = rtl_cap(text, st.fontName + "-Bold")
    if found is None:
        return BodyPara(paragraph_markup(para), st, recorder=rec, ref=ref)
    cluster, face, joins = found
    rest = ("\u200d" if joins else "") + paragraph_markup(para, skip=len(cluster))  # the rest joined to the cap
    block = DropCapPara(rest, st, letter=cluster, cap_lines=3, recorder=rec, ref=ref, kind="body",
                        full_markup=paragraph_markup(para), cap_face=face, joins=joins)
    block.actual_text = text
    return block


class DropCapPara(BodyPara):
    """The opening paragraph with its drop cap beside its first ``cap_lines`` lines, broken as one paragraph
    (the shorter lines are part of the same Knuth–Plass optimisation).  If the paragraph has fewer lines than
    the cap, the cap shrinks to the lines there are (never a blank band beside it)."""

    def __init__(self, text, style, *args, letter: str = "", cap_lines: int = 3, full_markup: str = "",
                 cap_face: str = "", joins: bool = False, **kw):
        super().__init__(text, style, *args, **kw)
        self._letter, self._cap_lines, self.cap, self._full = letter, cap_lines, None, full_markup
        self._cap_face, self._joins = cap_face, joins  # a right-to-left cap: its face; set on the right
        if letter:
            self._make_cap(cap_lines)

    def _make_cap(self, lines):
        st = self.style
        self._cap_lines = lines
        if lines <= 1:
            self.cap = None
        elif self._cap_face:
            self.cap = RtlDropCap(self._letter, self._cap_face, lines, st.leading, st.fontSize, st.fontName,
                                  self._joins)
        else:
            self.cap = DropCap(self._letter, st.fontName + "-Bold", lines, st.leading, st.fontSize, st.fontName)

    def line_widths(self, widths):
        if self.cap is None:
            return widths
        gap = self.cap.width + GAP
        return [widths[0] - gap] * self._cap_lines + [widths[-1]]

    def wrap(self, aW, aH):
        w, h = super().wrap(aW, aH)
        while self.cap is not None and len(self.blPara.lines) < self._cap_lines:
            self._make_cap(len(self.blPara.lines))  # shrink the cap to the lines there are
            if self.cap is None and self._full:  # one line: no cap, the letter goes back into the text
                self.frags = MarkupParagraph(self._full, self.style).frags
                self.__dict__.pop("_kp_source", None)
                if self._key is not None:  # broken (and cached) as the text it now is, letter and all
                    self._key = (self._full, *self._key[1:])
            self.__dict__.pop("blPara", None)
            w, h = super().wrap(aW, aH)
        if self.cap is not None:  # (right to left: the lines beside the cap end short of it, from the left edge)
            self._offsets = [0 if self._cap_face else self.cap.width + GAP] * self._cap_lines + [0]
        else:
            self.__dict__.pop("_offsets", None)
        return w, h

    def split(self, aW, aH):
        if self.cap is not None and aH < self._cap_lines * self.style.leading:
            return []  # the cap and its lines go together
        parts = super().split(aW, aH)
        if len(parts) == 2:
            first = parts[0]
            first._letter, first._cap_lines, first.cap = self._letter, self._cap_lines, self.cap
            first._cap_face, first._joins = self._cap_face, self._joins
            if getattr(self, "actual_text", None):
                first.actual_text = self.actual_text
            first._offsets = getattr(self, "_offsets", [0])
        return parts

    def drawOn(self, canvas, x, y, _sW=0):
        if self.cap is not None:
            cx = x + self.width - self.cap.width if self._cap_face else x  # right to left: at the right
            self.cap.drawOn(canvas, cx, y + self.height - self.cap.height)
            if self._rec is not None:
                self._rec.add(canvas, cx, y + self.height - self.cap.height, self.cap.width, self.cap.height,
                              "dropcap", self._ref, self._cap_lines)
        super().drawOn(canvas, x, y, _sW)
