"""Fonts: Source Serif Pro and Source Sans Pro TrueType files from their PyPI packages, embedded and subset.

Never the unembedded standard 14.  Registering is idempotent and cheap after the first call.
"""
from __future__ import annotations

import os

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import RenderError

__all__ = ["register_fonts", "SERIF", "SANS"]

SERIF = "EdSerif"
SANS = "EdSans"
_FACES = {
    SERIF: ("font_source_serif_pro", "SourceSerifPro", {"": "Regular", "-Italic": "It", "-Bold": "Bold",
                                                        "-BoldItalic": "BoldIt", "-Semibold": "Semibold"}),
    SANS: ("font_source_sans_pro", "SourceSansPro", {"": "Regular", "-Italic": "It", "-Bold": "Bold",
                                                     "-BoldItalic": "BoldIt", "-Semibold": "Semibold"}),
}
_done = False


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
            pdfmetrics.registerFont(TTFont(family + suffix, path))
        addMapping(family, 0, 0, family)
        addMapping(family, 0, 1, family + "-Italic")
        addMapping(family, 1, 0, family + "-Bold")
        addMapping(family, 1, 1, family + "-BoldItalic")
    _done = True
