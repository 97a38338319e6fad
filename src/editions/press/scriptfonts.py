"""Fonts for the scripts the Latin faces cannot draw: a script in, a registered TrueType face out.

Every face comes from a font package on the package index and has TrueType (glyf) outlines, which ReportLab
embeds (as a subset of the glyphs drawn).  The variable ones are drawn at their default instance, which is
Regular (wght 400) in each of them (checked with fontTools when they were chosen):

============  ======================================  ===========================================
script        serif (body, headline)                   sans (headings, captions, large print)
============  ======================================  ===========================================
Arabic        Amiri (fontpkg-amiri; static, bold)      Amiri (Noto Sans Arabic's dots need GPOS)
Hebrew        Frank Ruhl Libre (fontpkg-frank-ruhl-…)   Heebo (fontpkg-heebo)
Devanagari    Noto Sans Devanagari (both)
Thai          Noto Sans Thai (both)
CJK           WenQuanYi Micro Hei (paperang-p2-fonts-cjk; Apache-2.0): Han, kana and Hangul, both;
              for Japanese, Korean and traditional Chinese, Noto Sans JP, KR, TC (:mod:`.cjkfaces`)
============  ======================================  ===========================================

Chinese, Japanese and Korean letters (Han, Hiragana, Katakana, Hangul, and the ideographic punctuation and
full-width forms, which only that face has) are one script here, ``CJK``: its face is not shaped (each character
is its glyph) and is broken between characters (:mod:`.cjkbreak`).

Only Amiri has a bold face; the others set bold text in their Regular (a variable font's other weights are not
drawn by ReportLab).  :func:`face_for` picks the face for a script in the place of a Latin face (``EdSerif-Bold``
-> ``EdArabicSerif-Bold``); :func:`runs` cuts a text into runs of one face.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from ..errors import RenderError
from ..scripts import script_of
from . import cjkfaces

__all__ = ["SCRIPTS", "RTL_SCRIPTS", "SHAPED", "face_for", "runs", "register_script_fonts", "script_cmap",
           "script_faces"]

_FILES = {
    # script: {(family, bold): (package module, file)}
    "ARABIC": {("Serif", False): ("fontpkg_amiri", "Amiri-Regular.ttf"),
               ("Serif", True): ("fontpkg_amiri", "Amiri-Bold.ttf"),
               # Noto Sans Arabic draws the dots of its letters as marks placed by GPOS, which is not applied
               # here (they would land beside their letters): Amiri's letters carry their dots
               ("Sans", False): ("fontpkg_amiri", "Amiri-Regular.ttf"),
               ("Sans", True): ("fontpkg_amiri", "Amiri-Bold.ttf")},
    "HEBREW": {("Serif", False): ("fontpkg_frank_ruhl_libre", "FrankRuhlLibre[wght].ttf"),
               ("Sans", False): ("fontpkg_heebo", "Heebo[wght].ttf")},
    "DEVANAGARI": {("Serif", False): ("fontpkg_noto_sans_devanagari", "NotoSansDevanagari[wdth,wght].ttf"),
                   ("Sans", False): ("fontpkg_noto_sans_devanagari", "NotoSansDevanagari[wdth,wght].ttf")},
    "THAI": {("Serif", False): ("fontpkg_noto_sans_thai", "NotoSansThai[wdth,wght].ttf"),
             ("Sans", False): ("fontpkg_noto_sans_thai", "NotoSansThai[wdth,wght].ttf")},
    # TrueType outlines (the Noto CJK packages are CFF, which ReportLab cannot embed); a collection: face 0
    "CJK": {("Serif", False): ("paperang_p2_fonts_cjk", "wqy-microhei.ttc"),
            ("Sans", False): ("paperang_p2_fonts_cjk", "wqy-microhei.ttc")},
}
SCRIPTS = tuple(_FILES)
RTL_SCRIPTS = frozenset({"ARABIC", "HEBREW"})
SHAPED = frozenset(SCRIPTS) - {"CJK"}
"""Scripts whose words are shaped by HarfBuzz (joining, conjuncts, marks) before they are set."""
_NAMES = {"ARABIC": "Arabic", "HEBREW": "Hebrew", "DEVANAGARI": "Deva", "THAI": "Thai", "CJK": "Cjk"}
_ALIASES = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "IDEOGRAPHIC": "CJK",
            "HANGUL": "CJK", "HALFWIDTH": "CJK", "BOPOMOFO": "CJK"}
"""Script names (:func:`editions.scripts.script_of`) drawn by another script's face."""


def _name(script: str, family: str, bold: bool) -> str:
    return f"Ed{_NAMES[script]}{family}" + ("-Bold" if bold else "")


def _path(module: str, file: str) -> Path:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        package = module.replace("_", "-")
        raise RenderError(f"font package {package} is not installed", hint=f"pip install {package}") from None
    if hasattr(mod, "ROOT"):  # the fontpkg-* packages
        return Path(mod.ROOT) / "files" / file
    return Path(mod.__file__).parent / "fonts" / file


@lru_cache(maxsize=None)
def register_script_fonts() -> dict[str, str]:
    """Register every script face (once); returns font name -> file."""
    from reportlab.pdfbase import pdfmetrics

    from .ttfont import make_ttfont
    out = {}
    for script, faces in _FILES.items():
        for family in ("Serif", "Sans"):
            for bold in (False, True):
                module, file = faces.get((family, bold)) or faces[(family, False)]
                name = _name(script, family, bold)
                pdfmetrics.registerFont(make_ttfont(name, str(_path(module, file))))
                out[name] = file
    return out


def script_faces() -> list[str]:
    return list(register_script_fonts())


@lru_cache(maxsize=None)
def script_cmap(font: str) -> frozenset[int]:
    """The code points a registered face maps to a glyph (as read from its cmap, before any shaping)."""
    from reportlab.pdfbase import pdfmetrics
    register_script_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@lru_cache(maxsize=None)
def _base_cmap(font: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def face_for(script: str, base: str, ch: str | None = None) -> str | None:
    """The face that draws ``script`` where the text is set in the Latin face ``base`` (None: no face for it):
    for Han, kana and Hangul the article's language's face (:mod:`.cjkfaces`) where it has ``ch``."""
    script = _ALIASES.get(script, script)
    if script not in _FILES:
        return None
    family = "Sans" if base.startswith("EdSans") else "Serif"
    bold = "Bold" in base or "Semibold" in base
    v = cjkfaces.current() if script == "CJK" else None
    if v is not None:
        face = cjkfaces.face_name(v, family, bold)
        if ch is None or ord(ch) in script_cmap(face):
            return face
    return _name(script, family, bold)


def runs(text: str, base: str) -> list[tuple[str, str, str | None]]:
    """``text`` cut into (face, text, script) runs: letters of a script with a face here go to that face (script
    named), the rest to ``base`` (script None).  Spaces, digits and punctuation stay in the run they are in when
    its face has them (so "(2024)" inside Arabic is set in the Arabic face)."""
    out: list[list] = []
    for ch in text:
        sc = script_of(ch)
        face = face_for(sc, base, ch) if sc not in ("COMMON", "INHERITED", "LATIN") else None
        if face is not None:
            if out and out[-1][0] == face:
                out[-1][1].append(ch)
            else:
                out.append([face, [ch], sc])
            continue
        if sc in ("COMMON", "INHERITED") and out and out[-1][2] is not None and ord(ch) in script_cmap(out[-1][0]):
            out[-1][1].append(ch)
            continue
        if ord(ch) not in _base_cmap(base) and not ch.isspace():  # only a script face has it (an Arabic "؟")
            sc = next((s for s in SCRIPTS if ord(ch) in script_cmap(face_for(s, base, ch))), None)
            if sc is not None:
                face = face_for(sc, base, ch)
                if out and out[-1][0] == face:
                    out[-1][1].append(ch)
                else:
                    out.append([face, [ch], sc])
                continue
        if out and out[-1][2] is None:
            out[-1][1].append(ch)
        else:
            out.append([base, [ch], None])
    # punctuation and spaces of the base face before a script run join it when that face has them (the opening
    # quotation mark or bracket of an Arabic phrase is set, shaped and mirrored with it)
    merged: list[list] = []
    for r in out:
        if (r[2] is not None and merged and merged[-1][2] is None and not any(c.isalpha() for c in merged[-1][1])
                and all(ord(c) in script_cmap(r[0]) for c in merged[-1][1])):
            r = [r[0], merged.pop()[1] + r[1], r[2]]
        if merged and merged[-1][0] == r[0]:
            merged[-1][1].extend(r[1])
        else:
            merged.append(r)
    return [(face, "".join(chars), sc) for face, chars, sc in merged]
