"""Where text written without spaces may break: a word (no spaces) in, the offsets of its legal breaks out.

Chinese and Japanese put no spaces between words; a line may end after almost any character, but never before
a closing mark ("，", "。", "、", "」", "）", a small kana) nor after an opening one ("「", "（"): that is UAX #14,
the Unicode line-breaking algorithm (``uniseg``, pure Python), which this module asks only about breaks touching
a Han, kana or ideographic punctuation character (Latin words and numbers inside the text keep their own rules,
Korean breaks at its spaces).  Tailored so that a number stays with what follows it (``45万``, ``7票``,
``2026年``) and with ``第`` before it, and across a space (``45 万``: :func:`keeps_with`).

:mod:`.justify` makes each piece between two breaks a box and each break a free one, and sets a justified line
of such text by spacing its characters (inter-character justification), not only its spaces.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["is_ideographic", "has_ideographic", "break_offsets", "keeps_with", "CJK_STRETCH", "LAST_LINE"]

CJK_STRETCH = 0.12
"""How far the space between two characters of such text may widen before the line counts as loose (in em)."""
LAST_LINE = 3
"""The fewest characters a paragraph's last line of such text holds (a lone "た。" reads as a mistake)."""


def is_ideographic(ch: str) -> bool:
    """A character of text written without spaces: Han, kana, ideographic and full-width punctuation."""
    o = ord(ch)
    if 0x3000 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF00 <= o <= 0xFF64:  # punctuation, kana, full-width
        return True
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF:  # Han
        return True
    return o in (0xFE10, 0xFE11, 0xFE12) or 0xFE30 <= o <= 0xFE4F


def has_ideographic(text: str) -> bool:
    return any(is_ideographic(c) for c in text) if not text.isascii() else False


def _han_or_kana(ch: str) -> bool:
    return is_ideographic(ch) and unicodedata.category(ch)[0] == "L"


@lru_cache(maxsize=20_000)
def break_offsets(word: str) -> tuple[int, ...]:
    """The offsets ``0 < i < len(word)`` at which a line may end inside ``word`` (a run with no spaces)."""
    if not has_ideographic(word):
        return ()
    from uniseg.linebreak import line_break_boundaries
    out = []
    for i in line_break_boundaries(word):
        if not 0 < i < len(word):
            continue
        a, b = word[i - 1], word[i]
        if not (is_ideographic(a) or is_ideographic(b)):
            continue
        if a.isdigit() and _han_or_kana(b):  # 45万, 7票, 2026年: the number with its unit or counter
            continue
        if a == "第" and b.isdigit():
            continue
        out.append(i)
    return tuple(out)


def keeps_with(before: str, after: str) -> bool:
    """Whether the space between two words must not break a line: a number and the Han, kana or Hangul unit or
    counter that follows it (``45 万``, ``45 억``, ``45 ล้าน``)."""
    return bool(before) and bool(after) and before[-1].isdigit() and (_han_or_kana(after[0])
                                                                     or 0xAC00 <= ord(after[0]) <= 0xD7A3
                                                                     or 0x0E01 <= ord(after[0]) <= 0x0E5B)
