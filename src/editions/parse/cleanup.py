"""Text clean-up as a list of small functions, each ``str -> (str, removed_count)``.

Swap or extend :data:`STEPS` to change what clean-up does.  Nothing here may drop a
word: only line endings, invisible characters and control characters are touched.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable

from .characters import ESCAPE_SEQUENCE

__all__ = ["STEPS", "clean", "normalize_newlines", "remove_invisible", "remove_controls", "nfc", "squeeze"]

_ZERO_WIDTH = re.compile("[\u200b\u2060\ufeff\u00ad\u180e\u2061-\u2064]")
"""Invisible characters that carry nothing.  Zero-width joiners and non-joiners (U+200D, U+200C) are kept: they
are part of the text in Persian, the Indic scripts and emoji sequences."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def normalize_newlines(text: str) -> tuple[str, int]:
    """CRLF and CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n"), 0


def remove_invisible(text: str) -> tuple[str, int]:
    """Zero-width spaces, word joiners, soft hyphens, stray BOMs (not ZWJ/ZWNJ)."""
    out, n = _ZERO_WIDTH.subn("", text)
    return out, n


def remove_controls(text: str) -> tuple[str, int]:
    """C0/C1 control characters (tabs become spaces, line separators newlines); a terminal escape sequence
    (``ESC [ 31 m``) goes whole, as :mod:`.characters` takes it from every text field."""
    text = text.replace("\t", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text, escapes = ESCAPE_SEQUENCE.subn("", text)
    out, n = _CONTROL.subn(" ", text)
    return out, n + escapes


def nfc(text: str) -> tuple[str, int]:
    """Unicode NFC, so 'José' is one form whatever the source did."""
    return unicodedata.normalize("NFC", text), 0


_SPACES = re.compile(r"(?<=\S)[ \u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def squeeze(text: str) -> tuple[str, int]:
    """Unusual spaces become plain ones and runs inside a line one space; indentation (YAML, Markdown) is kept."""
    return "\n".join(_SPACES.sub(" ", line).rstrip() for line in text.split("\n")), 0


STEPS: list[Callable[[str], tuple[str, int]]] = [normalize_newlines, remove_invisible, remove_controls, nfc, squeeze]


def clean(text: str) -> tuple[str, int]:
    """Run every step; returns the text and how many characters were removed."""
    removed = 0
    for step in STEPS:
        text, n = step(text)
        removed += n
    return text, removed
