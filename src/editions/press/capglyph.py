"""The drop cap as a glyph: the grapheme, its ink, its size beside ``lines`` lines, and the flowable that draws it.

:mod:`.dropcap` decides which paragraph gets a cap and sets its lines beside it; :mod:`.rtlcap` makes the cap of
a right-to-left article from the same measures.  How a cap is sized is told in :mod:`.dropcap`'s docstring.
"""
from __future__ import annotations

import string
import struct
import unicodedata
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from .styles import INK

__all__ = ["DropCap", "first_grapheme", "cap_glyphs", "glyph_box", "ink_box", "cap_size", "tallest", "CLEARANCE",
           "MIN_SIZE"]

CLEARANCE = 0.5
"""Points kept clear between the cap's lowest ink and the top of the tallest letter of the line below it."""
TALL = string.ascii_letters + "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ"
"""The letters whose tallest (Å) stands for the line below the cap: its ascenders and accented capitals."""
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


def cap_glyphs(cluster: str, font: str) -> list[tuple[str, float, float]] | None:
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
        self.glyphs = cap_glyphs(letter, font) or [(letter, 0.0, 0.0)]
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
