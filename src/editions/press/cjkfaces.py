"""Chinese, Japanese and Korean faces by language: an article's language in, the faces its Han, kana and Hangul
are set in out.

One face for every CJK language (WenQuanYi Micro Hei, Chinese glyph forms) gives Japanese kanji Chinese shapes
and Korean a Chinese-leaning face.  So an article in Japanese (``ja``), Korean (``ko``) or traditional Chinese
(``zh-Hant``, ``zh-TW``, ``zh-HK``, ``zh-MO``) is set in Noto Sans JP, KR or TC, in a Regular and a Bold, from
``justmytype-intl-cjk`` (Google Fonts' builds, TrueType outlines, SIL OFL 1.1).  Those files are variable fonts
whose default instance is Thin (wght 100), which is what ReportLab would draw; so each weight is made once, as a
static font, by fontTools' instancer (about 35 s a face here), and kept in the font cache (``.fonts`` under
``$EDITIONS_CACHE`` or ``~/.cache/editions``), named after the source file's size and time.  Nothing is fetched;
the one-line message says what is being made.  Simplified Chinese keeps WenQuanYi Micro Hei (no conversion).

A character the language's face lacks falls back to WenQuanYi (:func:`~.scriptfonts.runs`), which is what the
print fonts' coverage counts, so a face chosen here never draws a .notdef.
"""
from __future__ import annotations

import logging
import os
import tempfile
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from ..errors import RenderError

__all__ = ["variant", "use_language", "current", "face_name", "static_face", "cache_dir"]

log = logging.getLogger("editions")

_SOURCES = {"ja": ("notosansjp", "NotoSansJP[wght].ttf", "Noto Sans JP"),
            "ko": ("notosanskr", "NotoSansKR[wght].ttf", "Noto Sans KR"),
            "zh-Hant": ("notosanstc", "NotoSansTC[wght].ttf", "Noto Sans TC")}
_TAGS = {"ja": "Ja", "ko": "Ko", "zh-Hant": "Hant"}
_CURRENT: ContextVar[str | None] = ContextVar("cjk_variant", default=None)
"""The variant the render in this thread sets (a cluster worker renders articles in several threads at once)."""


def variant(lang: str | None) -> str | None:
    """``ja``, ``ko``, ``zh-Hant`` for a BCP 47 tag that wants their glyph forms; None for any other."""
    parts = (lang or "").replace("_", "-").lower().split("-")
    if parts[0] in ("ja", "ko"):
        return parts[0]
    if parts[0] == "zh" and ("hant" in parts[1:] or any(p in ("tw", "hk", "mo") for p in parts[1:])):
        return "zh-Hant"
    return None


def cache_dir() -> Path:
    env = os.environ.get("EDITIONS_CACHE")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "editions"
    return base / ".fonts"


def _source(v: str) -> Path:
    try:
        import justmytype_intl_cjk
    except ImportError:
        raise RenderError("font package justmytype-intl-cjk is not installed",
                          hint="pip install justmytype-intl-cjk") from None
    folder, file, _ = _SOURCES[v]
    return Path(justmytype_intl_cjk.__file__).parent / "fonts" / "ofl" / folder / file


def make_static(source: Path, weight: int, target: Path) -> None:
    """Write the ``weight`` instance of the variable font ``source`` to ``target`` (atomically)."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer
    quiet = logging.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # its steps are not news: the one line above says what is happening
    try:
        font = TTFont(str(source))
        instancer.instantiateVariableFont(font, {"wght": weight}, inplace=True, updateFontNames=True)
    finally:
        quiet.setLevel(level)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(fd)
    try:
        font.save(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@lru_cache(maxsize=None)
def static_face(source: Path, weight: int, label: str) -> Path:
    """The static ``weight`` instance of ``source``, made once and kept in :func:`cache_dir`."""
    st = source.stat()
    target = cache_dir() / f"{source.stem.split('[')[0]}-{weight}-{st.st_size}-{int(st.st_mtime)}.ttf"
    if not target.is_file():
        log.info("making %s %s ready for print (once; about half a minute)", label,
                 "Bold" if weight >= 700 else "Regular")
        try:
            make_static(source, weight, target)
        except OSError as e:
            raise RenderError(f"could not keep the {label} font in {target.parent}: {e.strerror or e}",
                              hint="set EDITIONS_CACHE to a folder you can write") from None
    return target


def face_name(v: str, family: str, bold: bool) -> str:
    return f"EdCjk{_TAGS[v]}{family}" + ("-Bold" if bold else "")


@lru_cache(maxsize=None)
def _register(v: str) -> None:
    from reportlab.pdfbase import pdfmetrics

    from .ttfont import make_ttfont
    src = _source(v)
    for bold in (False, True):
        path = static_face(src, 700 if bold else 400, _SOURCES[v][2])
        for family in ("Serif", "Sans"):
            pdfmetrics.registerFont(make_ttfont(face_name(v, family, bold), str(path)))


def use_language(lang: str | None) -> None:
    """Set Han, kana and Hangul in the faces for ``lang`` from now on (registered, and made first if need be)."""
    v = variant(lang)
    if v is not None:
        _register(v)
    _CURRENT.set(v)


def current() -> str | None:
    return _CURRENT.get()
