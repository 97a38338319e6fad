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

import string
import struct
import unicodedata
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from .flowables import BodyPara
from .fonts import drawable
from .markup import MarkupParagraph, paragraph_markup, typographic
from .styles import INK

__all__ = ["DropCap", "DropCapPara", "drop_capped", "first_grapheme", "CLEARANCE"]

CLEARANCE = 0.5
"""Points kept clear between the cap's lowest ink and the top of the tallest letter of the line below it."""
TALL = string.ascii_letters + "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ"
"""The letters whose tallest (Å) stands for the line below the cap: its ascenders and accented capitals."""
GAP = 3
"""Points between the cap's box and the text beside it."""
MIN_SIZE = 2.5
"""A cap that would come out smaller than this many times the body size (a letter under a tower of marks) is
not set: the letter stays in the text."""
MARK_GAP = 0.04
"""Em between a capital and a combining mark stacked on it (when there is no composed letter)."""


def first_grapheme(text: str) -> str:
    """The letter ``text`` opens with and the combining marks (Mn, Me) after it; "" if it opens with no letter."""
    if not text or not text[0].isalpha():
        return ""
    end = 1
    while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
        end += 1
    return text[:end]


def drop_capped(para, styles, rec, ref) -> Flowable:
    """The opening paragraph with a three-line drop cap (fewer when the paragraph is shorter; none for a
    paragraph of one line, one that does not open with a letter, a letter the bold face cannot draw, or one
    whose marks would make the cap smaller than :data:`MIN_SIZE`)."""
    st = styles.first
    if getattr(st, "rtl", False):
        return _rtl_capped(para, st, rec, ref)
    cluster = first_grapheme(typographic(para.text))
    bold = st.fontName + "-Bold"
    if (not cluster or _glyphs(cluster, bold) is None
            or DropCap(cluster, bold, 3, st.leading, st.fontSize, st.fontName).size < MIN_SIZE * st.fontSize):
        return BodyPara(paragraph_markup(para), st, recorder=rec, ref=ref)
    block = DropCapPara(paragraph_markup(para, skip=len(cluster)), st, letter=cluster, cap_lines=3,
                        recorder=rec, ref=ref, kind="body", full_markup=paragraph_markup(para))
    block.actual_text = drawable(typographic(para.text))  # the words as read in the tagged PDF (the cap is apart)
    return block


def _rtl_capped(para, st, rec, ref) -> Flowable:
    """A right-to-left paragraph's cap (:mod:`.rtlcap`): on the right, shaped in its script's face."""
    from .rtlcap import rtl_cap
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


def _glyphs(cluster: str, font: str) -> list[tuple[str, float, float]] | None:
    """What to draw for a grapheme: [(character, x, y offsets in em)], the base first; None if the face lacks
    one.  A mark with no composed letter is centred over the base and stacked clear of its ink (a mark drawn
    for a lowercase letter would sit inside a capital: ReportLab has no mark positioning)."""
    face = getFont(font).face
    composed = unicodedata.normalize("NFC", cluster)
    text = next((t for t in (composed, cluster) if all(ord(c) in face.charToGlyph for c in t)), None)
    if text is None:
        return None
    out = [(text[0], 0.0, 0.0)]
    _, low, _, high = glyph_box(font, text[0])
    centre = face.charWidths.get(ord(text[0]), face.defaultWidth) / 2000  # marks are drawn centred on x = 0
    for mark in text[1:]:
        _, y0, _, y1 = glyph_box(font, mark)
        if y0 >= 0:  # above the base: on top of what is there
            dy = max(0.0, high + MARK_GAP - y0)
            high = max(high, y1 + dy)
        else:  # below it
            dy = min(0.0, low - MARK_GAP - y1)
            low = min(low, y0 + dy)
        out.append((mark, centre, dy))
    return out


@lru_cache(maxsize=16)
def tallest(font: str) -> float:
    """The top of the tallest of :data:`TALL` in ``font``, in em."""
    return max(glyph_box(font, c)[3] for c in TALL)


@lru_cache(maxsize=512)
def glyph_box(font: str, ch: str) -> tuple[float, float, float, float]:
    """The ink of one character, in em from its pen position: (x min, y min, x max, y max).  Read from the glyph
    table's header; a face without one (never the embedded ones) gives its advance and ascent/descent."""
    face = getFont(font).face
    advance = face.charWidths.get(ord(ch), face.defaultWidth) / 1000
    fallback = (0.0, face.descent / 1000, advance, face.ascent / 1000)
    try:
        gid = face.charToGlyph[ord(ch)]
        start, end = face.glyphPos[gid], face.glyphPos[gid + 1]
        if start == end:  # no outline (a space)
            return (0.0, 0.0, 0.0, 0.0)
        glyf = face.get_table_pos("glyf")[0]
        _, x0, y0, x1, y1 = struct.unpack(">hhhhh", face._ttf_data[glyf + start:glyf + start + 10])
    except (AttributeError, KeyError, IndexError, struct.error):
        return fallback
    units = face.unitsPerEm
    return (x0 / units, y0 / units, x1 / units, y1 / units)


def ink_box(glyphs: list[tuple[str, float, float]], font: str) -> tuple[float, float, float, float]:
    """The ink of a drawn grapheme, in em from the base's pen position."""
    boxes = [(x0 + dx, y0 + dy, x1 + dx, y1 + dy) for ch, dx, dy in glyphs for x0, y0, x1, y1 in [glyph_box(font, ch)]
             if (x0, y0, x1, y1) != (0.0, 0.0, 0.0, 0.0)]
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def cap_size(ink: tuple[float, float, float, float], cap: float, lines: int, leading: float, body_size: float,
             body_top: float) -> tuple[float, float]:
    """(font size, baseline measured down from the paragraph's top) for a cap with ``ink`` (em) and cap height
    ``cap`` (em) beside ``lines`` lines: the largest size at which the cap line is not above the first line's
    and the baseline not below the last spanned line's, with all its ink between the paragraph's top and
    :data:`CLEARANCE` above the next line's tallest letters (``body_top`` over its baseline, pt); the lowest
    baseline at that size."""
    top_cap = body_size - cap * body_size  # the first line's cap line (the body's cap height as the bold's)
    last = body_size + (lines - 1) * leading  # the last spanned line's baseline (as ReportLab sets a paragraph)
    floor = last + leading - body_top - CLEARANCE  # the next line's tallest letters, less the clearance
    below, above = min(ink[1], 0.0), max(ink[3], cap)
    size = min((last - top_cap) / cap,  # the capital from cap line to baseline: the size every plain letter gets
               (floor - top_cap) / (cap - below),  # a tail or a mark below fits over the next line
               last / above,  # a mark above fits under the paragraph's top
               floor / (above - below))  # both
    return size, min(last, floor + size * below)


class DropCap(Flowable):
    """A grapheme ``lines`` lines tall, sized by :func:`cap_size`; its box is exactly ``lines`` leadings tall
    (so that many lines fit beside it and the text below follows on) and as wide as its ink."""

    def __init__(self, letter: str, font: str, lines: int, leading: float, body_size: float, body_font: str = ""):
        super().__init__()
        self.letter, self.font = letter, font
        self.glyphs = _glyphs(letter, font) or [(letter, 0.0, 0.0)]
        ink = ink_box(self.glyphs, font)
        top = tallest(body_font or font) * body_size
        self.size, baseline = cap_size(ink, getFont(font).face.capHeight / 1000, lines, leading, body_size, top)
        self.height = lines * leading
        self.baseline = self.height - baseline  # from the box's bottom, as drawn
        self.x = max(0.0, -ink[0] * self.size)  # ink left of the pen starts at the column's edge
        advance = stringWidth(self.glyphs[0][0], font, self.size)
        self.width = self.x + max(advance, ink[2] * self.size) + 1.5
        self.ink = tuple(v * self.size for v in ink)
        """(x min, y min, x max, y max) in points from the pen position, which is (x, baseline) in the box."""

    def wrap(self, aW, aH):
        return self.width, self.height

    def _restrictSize(self, aW, aH):  # what ImageAndFlowables asks of its image
        return self.width, self.height

    def _unRestrictSize(self):  # ImageAndFlowables calls this when it splits
        pass

    def draw(self):
        c = self.canv
        c.setFillColor(INK)
        c.setFont(self.font, self.size)
        for ch, dx, dy in self.glyphs:
            c.drawString(self.x + dx * self.size, self.baseline + dy * self.size, ch)


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
            from .rtlcap import RtlDropCap
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
