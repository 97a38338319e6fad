"""Lines of one paragraph joined: a line break is a space between words, and nothing between two wide characters
(a Chinese or Japanese paragraph wrapped in its source is one run of text, as CSS Text 3 joins it: a space there
would put a gap in print, and in the narration text, inside a word)."""
from __future__ import annotations

import re

__all__ = ["join_lines", "joins_without_space"]

_WIDE = (r"\u3000-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
         r"\U00020000-\U0003134f")
"""Han, kana, bopomofo and their full-width punctuation (。，「」): wide characters, whose line breaks CSS Text 3
removes.  Not Thai, Lao, Khmer or Myanmar: they put spaces between phrases, and a line break there is one."""
_IN_WIDE = re.compile(f"[{_WIDE}]")
_BREAK_BETWEEN = re.compile(rf"(?<=[{_WIDE}])[^\S\n]*+\n\s*+(?=[{_WIDE}])")


def join_lines(block: str) -> str:
    """A block's lines as one line: runs of white space become one space, a line break between two wide
    characters none."""
    return " ".join(_BREAK_BETWEEN.sub("", block).split())


def joins_without_space(raw: str, i: int) -> bool:
    """The run of white space starting at ``raw[i]`` holds a line break and stands between two wide characters
    (read once per run: linear in the run)."""
    if i == 0 or not _IN_WIDE.match(raw, i - 1):
        return False
    j, newline = i, False
    while j < len(raw) and raw[j].isspace():
        newline = newline or raw[j] == "\n"
        j += 1
    return newline and j < len(raw) and bool(_IN_WIDE.match(raw, j))
