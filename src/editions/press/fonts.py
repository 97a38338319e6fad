"""Fonts: Source Serif Pro and Source Sans Pro TrueType files from their PyPI packages, embedded and subset,
and what the print fonts (these and the script faces) can draw.

Never the unembedded standard 14.  Registering is idempotent and cheap after the first call.  Each face is a
:func:`.ttfont.make_ttfont`, whose ToUnicode CMaps PDF/UA-1 accepts.
"""
from __future__ import annotations

import os
import unicodedata

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from ..emoji import without_emoji
from ..errors import RenderError
from .ttfont import make_ttfont

__all__ = ["register_fonts", "drawable", "undrawn", "SERIF", "SANS"]

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
