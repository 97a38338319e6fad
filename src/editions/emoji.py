"""Emoji sequences as units: what print and narration leave out whole, and what keeps its base character.

An emoji is often several code points that show as one picture: a pictograph with a variation selector
(``❤️`` U+2764 U+FE0F), a skin-tone modifier (``👍🏽``), people joined by zero-width joiners (``👨‍👩‍👧``), a pair of
regional indicators (a national flag), a tag sequence (the England flag, U+1F3F4 U+E0067 … U+E007F), or a keycap
(``1️⃣`` is the digit, U+FE0F and U+20E3).  The print fonts draw none of them and the voices say none of them, so
:func:`without_emoji` takes each sequence out as one unit -- except a keycap, which keeps its digit (or ``#``,
``*``): that is the text.  The EPUB keeps them as they are (reading systems draw emoji).

:data:`COMPONENTS` are the code points that only ever modify the character before them (variation selectors,
including the CJK ideographic ones U+E0100-E01EF, skin tones, the keycap mark, tag characters): never a letter of
their own, so they never make an edition refuse an article; print and narration simply leave them out.
"""
from __future__ import annotations

import re

__all__ = ["SEQUENCE", "COMPONENTS", "is_component", "without_emoji", "sequences"]

_PICTOGRAPH = ("\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3"
               "\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b07"
               "\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\U0001F000-\U0001F1E5\U0001F200-\U0001F3FA"
               "\U0001F400-\U0001FAFF\U0001FC00-\U0001FFFD")
"""Unicode's Extended_Pictographic ranges, rounded to whole blocks where the block is all symbols."""
_RI = "\U0001F1E6-\U0001F1FF"
_MODIFIER = "\U0001F3FB-\U0001F3FF"
_TAGS = "\U000E0020-\U000E007E"
_ELEMENT = (f"(?:[{_RI}][{_RI}]"                                    # a flag
            f"|[0-9#*]\ufe0f?\u20e3"                                # a keycap
            f"|[{_PICTOGRAPH}](?:\ufe0f|[{_MODIFIER}]|\u20e3|[{_TAGS}]+\U000E007F?)*)")
SEQUENCE = re.compile(f"{_ELEMENT}(?:\u200d{_ELEMENT})*")
"""One emoji, lone or a sequence (every match is one unit; a lone pictograph matches too)."""
_KEYCAP = re.compile("([0-9#*])\ufe0f?\u20e3")

COMPONENTS = re.compile(f"[\ufe00-\ufe0f\U000E0100-\U000E01EF{_MODIFIER}\u20e3\U000E0000-\U000E007F]")
"""Code points that belong to the character before them and are never text of their own."""


def is_component(ch: str) -> bool:
    return COMPONENTS.match(ch) is not None


def _is_unit(m: re.Match) -> bool:
    """A match that is a sequence (more than one code point); a lone pictograph is left to each edition's rules
    (print draws the ones its fonts have: ©, ™)."""
    return len(m.group(0)) > 1


def sequences(text: str) -> list[str]:
    """The emoji sequences in ``text`` that an edition leaves out whole (keycaps, which keep their digit, not)."""
    return [m.group(0) for m in SEQUENCE.finditer(text) if _is_unit(m) and not _KEYCAP.fullmatch(m.group(0))]


def without_emoji(text: str, gap: str = "") -> str:
    """``text`` with every emoji sequence replaced by ``gap`` (a keycap by its digit) and every stray component
    removed.  Lone pictographs stay: whether they can be drawn or said is each edition's question."""
    if text.isascii():
        return text

    def unit(m: re.Match) -> str:
        s = m.group(0)
        key = _KEYCAP.fullmatch(s)
        if key:
            return key.group(1)
        return gap if _is_unit(m) else s
    return COMPONENTS.sub("", SEQUENCE.sub(unit, text))
