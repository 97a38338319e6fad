"""Fonts: Source Serif Pro and Source Sans Pro TrueType files from their PyPI packages, embedded and subset.

Never the unembedded standard 14.  Registering is idempotent and cheap after the first call.
ReportLab's subsets reserve code 0 (and unused low codes) for .notdef and map them to
U+0000 in their ToUnicode CMaps, which PDF/UA-1 forbids; :class:`_TTFont` writes
the CMaps without those entries (no drawn text uses them).
"""
from __future__ import annotations

import copy
import os
import re
import unicodedata
from weakref import WeakKeyDictionary

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

from ..emoji import without_emoji
from ..errors import RenderError
from .placedtext import _PLACED as _PLACED_FACES, extra_width

__all__ = ["register_fonts", "drawable", "undrawn", "make_ttfont", "SERIF", "SANS"]

SERIF = "EdSerif"
SANS = "EdSans"
_FACES = {
    SERIF: ("font_source_serif_pro", "SourceSerifPro", {"": "Regular", "-Italic": "It", "-Bold": "Bold",
                                                        "-BoldItalic": "BoldIt", "-Semibold": "Semibold"}),
    SANS: ("font_source_sans_pro", "SourceSansPro", {"": "Regular", "-Italic": "It", "-Bold": "Bold",
                                                     "-BoldItalic": "BoldIt", "-Semibold": "Semibold"}),
}
_done = False
_covered: frozenset[int] | None = None
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
        from .shaping import tounicode_text
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


def register_fonts() -> None:
    global _done
    if _done:
        return
    import importlib
    for family, (module, stem, faces) in _FACES.items():
        try:
            folder = importlib.import_module(module).font_directory
        except ImportError:
            raise RenderError(f"font package {module.replace('_', '-')} is not installed",
                              hint=f"pip install {module.replace('_', '-')}") from None
        for suffix, face in faces.items():
            path = os.path.join(folder, f"{stem}-{face}.ttf")
            pdfmetrics.registerFont(make_ttfont(family + suffix, path))
        addMapping(family, 0, 0, family)
        addMapping(family, 0, 1, family + "-Italic")
        addMapping(family, 1, 0, family + "-Bold")
        addMapping(family, 1, 1, family + "-BoldItalic")
    _done = True


def drawable(text: str) -> str:
    """``text`` without the characters no face of the print fonts can draw (emoji, pictographs and their
    modifiers): ReportLab would draw the .notdef glyph for them, an empty box PDF/UA-1 forbids.  An emoji
    sequence goes whole, joiners and all; a keycap keeps its digit (:func:`editions.emoji.without_emoji`).
    (A character only some faces have, such as Vietnamese letters the serif italic lacks, is kept.)"""
    global _covered
    if _covered is None:
        register_fonts()
        from .scriptfonts import script_cmap, script_faces
        faces = [pdfmetrics.getFont(f + s).face.charToGlyph for f, (_, _, fs) in _FACES.items() for s in fs]
        # a format character (a joiner) only a script face has is not drawn (as in Latin text)
        faces += [{c for c in script_cmap(f) if unicodedata.category(chr(c)) != "Cf"} for f in script_faces()]
        _covered = frozenset(set(faces[0]).union(*faces[1:]))
    if all(ord(c) in _covered for c in text):
        return text
    kept = without_emoji(text)
    return "".join(c for i, c in enumerate(kept) if ord(c) in _covered or c.isspace() or _joins_script(kept, i))


def undrawn(text: str) -> list[str]:
    """The characters of ``text`` (outside emoji sequences) that :func:`drawable` leaves out."""
    drawable("")
    kept = without_emoji(text)
    return [c for i, c in enumerate(kept) if ord(c) not in _covered and not c.isspace() and not _joins_script(kept, i)]


_JOINERS = {0x200C, 0x200D}


def _joins_script(text: str, i: int) -> bool:
    """A zero-width (non-)joiner after a letter of a shaped script: kept, it decides how the letters join."""
    if ord(text[i]) not in _JOINERS or i == 0:
        return False
    from ..scripts import script_of
    from .scriptfonts import SHAPED
    return script_of(text[i - 1]) in SHAPED
