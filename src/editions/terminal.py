"""Text made safe to print on a terminal (what :mod:`editions.cli`, the only module that prints, prints)."""
from __future__ import annotations

import re

__all__ = ["shown"]

_NOT_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f{_NOT_C0}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_NOT_C0}]")


def shown(text: object, multiline: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters (an escape sequence would clear the screen or
    set the window title), bidirectional controls (a word shown as its mirror) and undecodable bytes of a file
    name are written as ``\\u001b``; newlines are kept only where the output is ``multiline`` by design."""
    return (_UNSAFE_BUT_NEWLINE if multiline else _UNSAFE).sub(lambda m: f"\\u{ord(m.group(0)):04x}", str(text))
