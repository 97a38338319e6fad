"""The drop cap of a right-to-left article: the opening letter at the top RIGHT of the first paragraph, its lines
indented from the right (:class:`~.dropcap.DropCapPara` sets them; this module makes the cap).

The cap is the paragraph's first letter with its marks, shaped by HarfBuzz in the face of its script.  Arabic
letters join, and Arabic print has two customs for an opening initial: the whole first word enlarged, or the
first letter alone in the form it has in its word.  We set the letter: it keeps the Latin cap's geometry (a
letter-wide box beside three lines), where a whole word three lines tall -- "والمستشفيات" -- would take most of
a column.  So the letter is drawn in its joined (initial) form when it joins the next letter (a dual-joining
letter followed by a letter that joins on its right: both checked against the font through HarfBuzz with a
zero-width joiner), and the rest of the word then starts with a joiner, so its first letter keeps its joined
form too; a letter that never joins forward (ا د ذ ر ز و) stands as it does in the word.  Hebrew has no joining:
its letter is simply the cap.  The paragraph's /ActualText keeps the letter, once, in its place.
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont

from ..scripts import script_of
from .capglyph import CLEARANCE, DropCap, first_grapheme, glyph_box
from .placedtext import placement
from .scriptfonts import face_for
from .shaping import shape_word
from .styles import INK

__all__ = ["RtlDropCap", "rtl_cap"]

ZWJ = "\u200d"
_REFERENCE = {"ARABIC": ("ا", "الطك"), "HEBREW": ("ה", "לה")}
"""Per script: the letter whose top the cap's top is set to on the first line (as a Latin cap is to the cap
height), and the tallest letters of the line below it."""


def _joins(text: str, face: str) -> bool:
    """Whether ``text``'s first letter is drawn joined to the next (each checked in the font)."""
    if len(text) < 2 or script_of(text[0]) != "ARABIC":
        return False
    nxt = next((c for c in text[1:] if not _is_mark(c)), "")
    if not nxt or script_of(nxt) != "ARABIC":
        return False
    return (shape_word(text[0] + ZWJ, face) != shape_word(text[0], face)
            and shape_word(ZWJ + nxt, face) != shape_word(nxt, face))


def _is_mark(ch: str) -> bool:
    import unicodedata
    return unicodedata.category(ch) in ("Mn", "Me")


def rtl_cap(text: str, bold: str) -> tuple[str, str, bool] | None:
    """(the cap's letters as written, its face, whether it joins the rest of its word) for a paragraph of a
    right-to-left script that opens with a letter; None otherwise."""
    cluster = first_grapheme(text)
    if not cluster or script_of(cluster[0]) not in _REFERENCE:
        return None
    face = face_for(script_of(cluster[0]), bold)
    if face is None or any(ord(c) not in getFont(face).face.charToGlyph for c in cluster):
        return None
    return cluster, face, _joins(text, face)


def _ink(drawn: str, face: str) -> tuple[tuple[float, float, float, float], float]:
    """The ink of a shaped string (em, from its pen position) as HarfBuzz places its glyphs, and its advance."""
    ttf = getFont(face).face
    pen, boxes = 0.0, []
    for ch in drawn:
        dx, dy, extra = placement(ttf.name, ord(ch)) or (0.0, 0.0, 0.0)
        x0, y0, x1, y1 = glyph_box(face, ch)
        if (x0, y0, x1, y1) != (0.0, 0.0, 0.0, 0.0):
            boxes.append((pen + x0 + dx / 1000, y0 + dy / 1000, pen + x1 + dx / 1000, y1 + dy / 1000))
        pen += (ttf.charWidths.get(ord(ch), 0) + extra) / 1000
    if not boxes:
        return (0.0, 0.0, pen, 0.0), pen
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes)), pen


class RtlDropCap(DropCap):
    """A right-to-left cap ``lines`` lines tall: its top on the first line's reference letter (alef, he), its
    baseline on the last spanned line's, unless its ink below would come within :data:`~.capglyph.CLEARANCE` of
    the next line's tallest letters (then smaller, and raised).  Its ink ends at the box's right edge."""

    def __init__(self, letter: str, font: str, lines: int, leading: float, body_size: float, body_font: str = "",
                 joins: bool = False):
        self.letter, self.font, self.joins = letter, font, joins
        self.drawn = shape_word(letter + (ZWJ if joins else ""), font)
        self.glyphs = [(self.drawn, 0.0, 0.0)]
        ink, _ = _ink(self.drawn, font)
        ref, tall = _REFERENCE[script_of(letter[0])]
        body = face_for(script_of(letter[0]), body_font or font) or font
        top = body_size - glyph_box(body, ref)[3] * body_size  # the reference letter's top on the first line
        last = body_size + (lines - 1) * leading
        floor = last + leading - max(glyph_box(body, c)[3] for c in tall) * body_size - CLEARANCE
        x0, y0, x1, y1 = ink
        size = (last - top) / y1
        baseline = last
        if last - y0 * size > floor:  # ink below the baseline (a descender, a kasra): smaller, raised
            size = (floor - top) / (y1 - y0)
            baseline = top + y1 * size
        self.size = size
        self.height = lines * leading
        self.baseline = self.height - baseline
        self.width = (x1 - x0) * size + 1.5
        self.x = 1.5 - x0 * size  # the pen: the ink from 1.5 pt to the box's right edge
        self.ink = tuple(v * size for v in ink)
        """(x min, y min, x max, y max) in points from the pen position, which is (x, baseline) in the box."""

    def draw(self):
        c = self.canv
        c.setFillColor(INK)
        c.setFont(self.font, self.size)
        c.drawString(self.x, self.baseline, self.drawn)
