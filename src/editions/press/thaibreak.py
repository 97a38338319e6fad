"""Where Thai may break: a run of Thai text in, its shaped glyphs and the offsets between its words out.

Thai puts no spaces between words (a space ends a phrase or a sentence), so a line may end only between two
words, which only a dictionary knows.  The break opportunities come from ICU's line BreakIterator
(``pyicu-wheels``: PyICU with ICU 77 and its Thai dictionary in one wheel, nothing fetched), which is UAX #14
with dictionary word breaks for Thai: it also keeps brackets and quotation marks with their words and a number
with its unit (``45ล้าน``).  Chosen by measurement on a Thai news paragraph of our own (399 characters, 102
word boundaries marked by hand; tests/test_thai_print.py keeps its cases):

=====================  ===========  =====================  ==========================================
segmenter              installed    a paragraph            breaks inside a word
=====================  ===========  =====================  ==========================================
ICU (pyicu-wheels)     50 MB        0.06 ms (import 0.02 s) none; every hand-marked boundary found
pythainlp 5.4 newmm    67 MB        1.2 ms (first 1.7 s)    2 (``บอ|กว่า``, ``เด็ก|ๆ``)
nlpo3 1.4 + its dict   4 MB + 67    0.12 ms                 the same 2 (same dictionary and algorithm)
=====================  ===========  =====================  ==========================================

Tailored so that a line never starts with a combining vowel or tone mark, ``ๆ`` or ``ฯ`` and never ends with a
leading vowel (``เ แ โ ใ ไ``) whatever a dictionary says.  ICU is imported only when a Thai run is set.

Each word is shaped apart (:func:`~.shaping.shape_word`), so no glyph spans two words; :func:`shape_thai`
records where the words meet in the drawn text, which :mod:`.wordbreaks` reads when the line breaker asks.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["is_thai", "has_thai", "thai_breaks", "shape_thai", "drawn_breaks", "is_thai_drawn"]

_NO_START = frozenset("\u0e46\u0e2f")  # ๆ ฯ
_NO_END = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # leading vowels
_DRAWN: dict[str, tuple[int, ...]] = {}
"""Shaped Thai text (a chunk between spaces, as drawn) -> the offsets in it where its words meet."""
_DRAWN_MAX = 100_000


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def has_thai(text: str) -> bool:
    return not text.isascii() and any(is_thai(c) for c in text)


def is_thai_drawn(text: str) -> bool:
    """Text (as drawn) that holds Thai: a Thai letter, or shaped Thai whose glyphs are all private-use codes."""
    return has_thai(text) or text in _DRAWN


@lru_cache(maxsize=1)
def _iterator():
    import icu  # pyicu-wheels: imported only when Thai is set
    return icu.BreakIterator.createLineInstance(icu.Locale("th"))


@lru_cache(maxsize=20_000)
def thai_breaks(chunk: str) -> tuple[int, ...]:
    """The offsets ``0 < i < len(chunk)`` at which a line may end inside ``chunk`` (text with no spaces)."""
    if not has_thai(chunk):
        return ()
    it = _iterator()
    it.setText(chunk)
    # ICU counts UTF-16 code units: map them back to characters
    units = [0]
    for c in chunk:
        units.append(units[-1] + (2 if ord(c) > 0xFFFF else 1))
    index = {u: i for i, u in enumerate(units)}
    out = []
    for u in it:
        i = index.get(u)
        if i is None or not 0 < i < len(chunk):
            continue
        a, b = chunk[i - 1], chunk[i]
        if not (is_thai(a) or is_thai(b)):
            continue  # Latin words and numbers keep their own rules
        if unicodedata.category(b).startswith("M") or b in _NO_START or a in _NO_END:
            continue
        out.append(i)
    return tuple(out)


def _words(chunk: str) -> list[str]:
    at = thai_breaks(chunk)
    return [chunk[a:b] for a, b in zip((0, *at), (*at, len(chunk)))]


def shape_thai(text: str, font: str) -> str:
    """Every chunk of ``text`` (between spaces) shaped word by word; where its words meet is recorded for the
    drawn chunk (:func:`drawn_breaks`)."""
    from .shaping import shape_word
    out = []
    for k, chunk in enumerate(text.split(" ")):
        if k:
            out.append(" ")
        if not chunk:
            continue
        drawn, at = [], []
        for w in _words(chunk):
            if drawn:
                at.append(sum(len(d) for d in drawn))
            drawn.append(shape_word(w, font))
        joined = "".join(drawn)
        if at:
            if len(_DRAWN) > _DRAWN_MAX:
                _DRAWN.clear()
            _DRAWN[joined] = tuple(at)
        elif has_thai(chunk) and not has_thai(joined):
            _DRAWN[joined] = ()
        out.append(joined)
    return "".join(out)


def drawn_breaks(drawn: str) -> tuple[int, ...]:
    """Where the words of a shaped Thai chunk meet, in its drawn characters (() for any other text)."""
    return _DRAWN.get(drawn, ())
