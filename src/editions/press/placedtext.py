"""Text drawn where HarfBuzz places it, and each line of it readable in logical order.

Takes the characters :mod:`.shaping` made (a shaped glyph whose GPOS position differs from its plain advance --
a mark moved onto its base, a kerned or cursively attached letter -- is drawn by a private-use code point of its
own, registered here with its offsets and advance); gives the PDF text operators that draw them: each such glyph
inside a ``TJ`` array, moved by its x offset and on to HarfBuzz's advance (which is also what the fonts measure:
:func:`extra_width`; the font's /Widths keep the glyph's own width), and raised by its y offset with ``Ts``.  The
glyphs stay one text object: selectable text, one marked-content sequence.

A paragraph whose drawn lines are not its words as written (shaped, or set right to left) hands the text object
the logical text of each line (:attr:`PlacedText.spans`): each line is then drawn inside
``/Span <</ActualText (…)>> BDC … EMC``, so copying a line off the page, or extracting the page, gives its words
in reading order.  The structure tree is unchanged (a span carries no MCID).
"""
from __future__ import annotations

from reportlab.lib.utils import asNative
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject, fp_str

__all__ = ["PlacedText", "PlacedCanvas", "place", "placement", "extra_width", "actual_text_operator"]

_PLACED: dict[str, dict[int, tuple[float, float, float]]] = {}
"""face name -> code point -> (x offset, y offset, shaped advance less the glyph's own), in thousandths of an
em."""


def place(face_name: str, cp: int, x_offset: float, y_offset: float, extra: float) -> None:
    """Register a code point whose glyph is drawn moved by the offsets and advances ``extra`` more than its own
    width (which stays its width in the font's /Widths, as PDF/UA-1 asks)."""
    _PLACED.setdefault(face_name, {})[cp] = (x_offset, y_offset, extra)


def placement(face_name: str, cp: int) -> tuple[float, float, float] | None:
    return _PLACED.get(face_name, {}).get(cp)


def extra_width(face_name: str, text: str) -> float:
    """How much further than their own widths the glyphs of ``text`` advance, in thousandths of an em."""
    table = _PLACED.get(face_name)
    if not table:
        return 0.0
    return sum(table[ord(c)][2] for c in text if ord(c) in table)


def _pdf_text(text: str) -> str:
    """A PDF text string in UTF-16BE with its byte order mark, as hex."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def actual_text_operator(text: str) -> str:
    return f"/Span <</ActualText {_pdf_text(text)}>> BDC"


class PlacedText(PDFTextObject):
    """A text object that draws registered glyphs at their GPOS offsets and, given :attr:`spans`, wraps each line
    in an /ActualText span."""

    spans: list[str] | None = None
    """The logical text of each line still to be drawn (a line ends with the ``T*`` of its last piece)."""
    _span_open = False

    def _textOut(self, text, TStar=0):
        if self.spans and not self._span_open:
            self._code.append(actual_text_operator(self.spans.pop(0)))
            self._span_open = True
        code = self._formatText(text)
        if TStar and self._span_open:
            code += " EMC"
            self._span_open = False
        self._code.append(code + (" T*" if TStar else ""))

    def getCode(self):
        if self._span_open:  # never leave a span open past the text object
            self._code.append("EMC")
            self._span_open = False
        return super().getCode()

    def _formatText(self, text):
        font = getFont(self._fontname)
        table = _PLACED.get(getattr(getattr(font, "face", None), "name", None)) if font._dynamicFont else None
        if not table or not any(ord(c) in table for c in text):
            return super()._formatText(text)
        canv, size = self._canvas, self._fontsize
        out, items = [], []

        def flush():
            if items:
                out.append("[" + " ".join(items) + "] TJ")
                items.clear()
        pieces = font.splitString(text, canv._doc)
        chars = iter(text)
        for subset, data in pieces:
            if subset != self._curSubset:
                flush()
                out.append(f"{font.getSubsetInternalName(subset, canv._doc)} {fp_str(size)} Tf "
                           f"{fp_str(self._leading)} TL")
                self._curSubset = subset
            for byte in data:
                ch = next(chars)
                glyph = "(" + asNative(canv._escape(bytes([byte]))) + ")"
                placed = table.get(ord(ch))
                if placed is None:
                    items.append(glyph)
                    continue
                dx, dy, extra = placed
                if dx:
                    items.append(fp_str(-dx))  # TJ numbers move left: right by the x offset
                if dy:
                    flush()
                    out.append(f"{fp_str(self._rise + dy * size / 1000)} Ts")
                    items.append(glyph)
                    flush()
                    out.append(f"{fp_str(self._rise)} Ts")
                else:
                    items.append(glyph)
                back = dx - extra  # after the glyph's own advance: back by the offset, on by the extra
                if back:
                    items.append(fp_str(back))
        flush()
        return " ".join(out)


class PlacedCanvas(Canvas):
    """A canvas whose text objects are :class:`PlacedText` (every canvas the editions draw on)."""

    def beginText(self, x=0, y=0, direction=None):
        return PlacedText(self, x, y, direction=direction)
