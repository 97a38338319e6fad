"""The TrueType font object every face of the print editions is registered as: embedded, subset, and with
ToUnicode CMaps PDF/UA-1 accepts.

ReportLab's subsets reserve code 0 (and unused low codes) for .notdef and map them to U+0000 in their ToUnicode
CMaps, which PDF/UA-1 forbids; :class:`_TTFont` writes the CMaps without those entries (no drawn text uses
them), and maps a shaped glyph's private-use code to the letters it stands for (:mod:`.shaping`).  Used by the
Latin faces (:mod:`.fonts`) and the script faces (:mod:`.scriptfonts`) alike.
"""
from __future__ import annotations

import copy
import re
from weakref import WeakKeyDictionary

from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

from .placedtext import _PLACED as _PLACED_FACES, extra_width
from .shaping import tounicode_text

__all__ = ["make_ttfont", "clean_cmap"]

_BAD = {0x0000, 0xFEFF, 0xFFFE}


def clean_cmap(cmap: str, text_of=None) -> str:
    """A ToUnicode CMap without the bfchar entries that map a code to U+0000, U+FEFF or U+FFFE; a private-use
    code point that ``text_of`` knows (a shaped glyph) maps to the text its glyph stands for."""
    kept = [m for m in re.findall(r"^<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{4})>$", cmap, flags=re.M)
            if int(m[1], 16) not in _BAD]
    if text_of is not None:
        kept = [(c, "".join(f"{b:02X}" for b in t.encode("utf-16-be")) if (t := text_of(int(u, 16))) else u)
                for c, u in kept]
    head, rest = re.split(r"^\d+ beginbfchar$", cmap, maxsplit=1, flags=re.M)
    tail = rest[rest.index("endbfchar"):]
    body = "\n".join(f"<{c}> <{u}>" for c, u in kept)
    return f"{head}{len(kept)} beginbfchar\n{body}\n{tail}"


class _TTFont(TTFont):
    def stringWidth(self, text, size, encoding="utf8"):
        """The width as drawn: shaped glyphs advance as HarfBuzz places them (:mod:`.placedtext`)."""
        width = super().stringWidth(text, size, encoding)
        extra = extra_width(self.face.name, text) if self.face.name in _PLACED_FACES else 0.0
        return width + extra * size / 1000 if extra else width

    def addObjects(self, doc):
        before = set(doc.idToObject)
        super().addObjects(doc)
        for name in set(doc.idToObject) - before:
            if name.startswith("toUnicodeCMap:"):
                stream = doc.idToObject[name]
                stream.content = clean_cmap(stream.content, lambda cp: tounicode_text(self.fontName, cp))


_FILES: dict[str, TTFont] = {}


def make_ttfont(name: str, path: str) -> TTFont:
    """A TrueType font whose ToUnicode CMaps PDF/UA-1 accepts (ReportLab's own shaping off: :mod:`.shaping`);
    a collection (``.ttc``) gives its first face.  Fonts made from one file share its parsed face (a CJK face
    takes 0.15-0.3 s to read, and is registered under four names)."""
    first = _FILES.get(path)
    if first is None:
        first = _FILES[path] = _TTFont(name, path, shapable=False, subfontIndex=0)
        return first
    font = copy.copy(first)
    font.fontName, font.encoding, font.state = name, TTEncoding(), WeakKeyDictionary()
    return font
