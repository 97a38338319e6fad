"""Where a word may break inside: a word of a paragraph in, its break points (offset, hyphen, penalty) out.

:mod:`.justify` asks, for each word: text written without spaces breaks where it may (Chinese and Japanese
between characters, :mod:`.cjkbreak`; Thai between words, :mod:`.thaibreak`), a word wider than every line is
cut at any character, anything else at its own hyphens and at pyphen's hyphenation points.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

from .cjkbreak import LAST_LINE, break_offsets
from .linebreak import chop
from .thaibreak import drawn_breaks, is_thai_drawn

__all__ = ["char_widths", "hyphen_points", "cut_long", "spaceless_breaks", "HYPHEN_PENALTY", "MAX_HYPHENATE"]

HYPHEN_PENALTY = 50
_EDGE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)
MAX_HYPHENATE = 45
"""Words longer than this are not given to pyphen (they are cut by width if they do not fit)."""


def char_widths(text: str, font_name: str, size: float) -> list[float]:
    """Width of every character (the font's own table; one pass, no per-character stringWidth call)."""
    font = getFont(font_name)
    face = getattr(font, "face", None)
    table = getattr(face, "charWidths", None)
    if isinstance(table, dict):
        dw = getattr(face, "defaultWidth", 0)
        scale = size / 1000
        return [table.get(ord(c), dw) * scale for c in text]
    return [stringWidth(c, font_name, size) for c in text]


def hyphen_points(word, hyphenate, min_len: int) -> None:
    text = word.text
    if len(text) < 2:
        return
    for i, ch in enumerate(text[:-1]):  # a word's own hyphen (not after a dash or a slash: a reader joining
        if ch == "-" and 0 < i and text[i + 1].isalpha() and text[i - 1].isalpha():  # lines would add a space)
            word.breaks.append((i + 1, False, HYPHEN_PENALTY))
    if hyphenate is None or "-" in text or len(text) > MAX_HYPHENATE:
        return
    m = _EDGE.match(text)
    lead, core = m.group(1), m.group(2)
    if len(core) < min_len or not core.isalpha():
        return
    for at in _positions(hyphenate, core):
        word.breaks.append((len(lead) + at, True, HYPHEN_PENALTY))


@lru_cache(maxsize=50_000)
def _positions(hyphenate, core: str) -> tuple[int, ...]:
    """Where pyphen may break ``core`` (cached: a paragraph is broken again at every trial layout)."""
    out = []
    for head, _tail in hyphenate(core):
        out.append(len(head) - 1 if head.endswith("-") else len(head))  # some return the hyphen with the head
    return tuple(out)


def cut_long(word, limit: float) -> None:
    """Break a word wider than every line at any character (hyphenated)."""
    widths: list[float] = []
    for f, t in word.parts:
        widths += char_widths(t, f.fontName, f.fontSize)
    hy = stringWidth("-", word.parts[-1][0].fontName, word.parts[-1][0].fontSize)
    word.breaks = [(c, True, 0) for c in chop(widths, limit - hy - 0.01)]
    word.breaks.append(None)  # marker: forced pieces (see justify._items)


def _thai_offsets(word) -> tuple[int, ...]:
    """Where the words of the word's shaped Thai parts meet (in its drawn characters)."""
    out: list[int] = []
    for start, (_, t) in zip(word.starts, word.parts):
        out.extend(start + i for i in drawn_breaks(t))
    return tuple(out)


def spaceless_breaks(word, narrowest: float, last: bool) -> str | None:
    """Text written without spaces: sets the word's legal breaks (free, no hyphen) and returns ``"cjk"`` (broken
    between characters, :mod:`.cjkbreak`) or ``"thai"`` (between words, :mod:`.thaibreak`; also for a Thai word
    with no break inside, which takes no letter spacing); None for any other word, or when a piece between two
    breaks is wider than every line (then it is cut as a long word is).  The paragraph's last line keeps at
    least :data:`~.cjkbreak.LAST_LINE` characters of Chinese or Japanese (never one alone)."""
    thai = any(is_thai_drawn(t) for _, t in word.parts)
    at = _thai_offsets(word) if thai else break_offsets(word.text)
    if last and not thai:
        at = tuple(i for i in at if len(word.text) - i >= LAST_LINE)
    if not at:
        return "thai" if thai and word.fw[0] <= narrowest else None
    widths = [0.0, *accumulate(x for f, t in word.parts for x in char_widths(t, f.fontName, f.fontSize))]
    if max(widths[b] - widths[a] for a, b in zip((0, *at), (*at, len(word.text)))) > narrowest:
        return None
    word.breaks = [(i, False, 0) for i in at]
    return "thai" if thai else "cjk"
