"""Where a sentence ends, in every script: text in, the same text closed with its own script's stop out.

A cue's speech ends with a stop (the voice's falling tone and the end of its clip); a sentence that already ends
with one keeps it: the Latin ``.!?…``, the danda ``।``/``॥`` (Hindi, Bengali...), the ideographic ``。`` and the
full-width ``！？``, the Arabic ``؟`` and the Urdu ``۔``, and the stops of Armenian, Ethiopic, Myanmar and Khmer,
with any closing quote or bracket after them (a closing quotation mark alone ends one too).  One that has none gets the stop its last letter's script writes
(``。`` after Han or kana, ``।`` after Devanagari or Bengali, ``۔`` in Urdu, else ``.``): never a Latin full stop
after a danda.
"""
from __future__ import annotations

import re
import unicodedata

from ...scripts import SPACELESS

__all__ = ["STOPS", "ends_sentence", "closed", "join_sentences", "SPACELESS", "CLAUSE_MARKS"]

STOPS = ".!?…؟۔।॥。！？｡‼⁇⁈⁉։።፧፨။។៕჻܀܁܂߹"
"""Characters that end a sentence (Unicode's Sentence_Terminal, for the scripts editions prints and speaks)."""
_CLOSERS = "\"'”’»›」』）)]】〕〉》"
_QUOTES = "\"”’»」』"
_END = re.compile(rf"[{re.escape(STOPS)}][{re.escape(_CLOSERS)}\s]*$|[{re.escape(_QUOTES)}]\s*$")
"""A stop, with closing quotes or brackets after it; or a closing quote alone (a quotation ends the sentence)."""

CLAUSE_MARKS = "，、；：。！？,;:"
"""Where a long run of text without spaces may be cut for the voice (after one of these)."""

_SCRIPT_STOP = (("CJK", "。"), ("HIRAGANA", "。"), ("KATAKANA", "。"), ("DEVANAGARI", "।"), ("BENGALI", "।"),
                ("GURMUKHI", "।"), ("ORIYA", "।"))


def ends_sentence(text: str) -> bool:
    """True when ``text`` already ends with a sentence stop (closing quotes or brackets may follow it), or with a
    closing quotation mark."""
    return bool(_END.search(text))


def _stop_for(text: str, lang: str) -> str:
    for ch in reversed(text):
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for script, stop in _SCRIPT_STOP:
                if name.startswith(script):
                    return stop
            if name.startswith("ARABIC") and (lang or "").lower().split("-")[0] == "ur":
                return "۔"
            return "."
    return "."


def closed(text: str, lang: str = "") -> str:
    """``text`` ending with a stop: its own, or the one its script writes."""
    text = text.rstrip()
    if not text or ends_sentence(text):
        return text
    return text + _stop_for(text, lang)


def join_sentences(*parts: str) -> str:
    """Sentences one after another: a space between them, except after a full-width stop (``。`` is followed
    by no space in Chinese and Japanese)."""
    out = ""
    for p in parts:
        if not p:
            continue
        out += p if not out or out[-1] in "。！？｡" else " " + p
    return out
