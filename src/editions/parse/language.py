"""The language of an article that does not say: detected offline from its text.

Takes the text of a plain-text article (front matter and JSON carry ``lang``); gives a BCP 47 tag and the
language's name for the warning that says what was detected.  The detector is py3langid (a naive Bayes model
of 97 languages that tells Russian from Ukrainian and Spanish from Portuguese on a sentence of news).  Its model
takes half a second to load, so a text that is plainly English (at least 20 words, one in eight of them English
function words) is English without it: the default, ``en-US``, that English articles have always had.
"""
from __future__ import annotations

import re

__all__ = ["detect_language", "DEFAULT_LANG", "language_name"]

DEFAULT_LANG = "en-US"
_SAMPLE = 4000
"""Characters of the text the detector reads (the headline and the first paragraphs say enough)."""
_ENGLISH = frozenset("the of and to a in is that for on was with as by at from it his her said be are has have "
                     "will not but an this which their they its were had been".split())
_WORD = re.compile(r"[^\W\d_]+")

_NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
          "ca": "Catalan", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian",
          "pl": "Polish", "cs": "Czech", "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "he": "Hebrew",
          "hi": "Hindi", "mr": "Marathi", "ne": "Nepali", "bn": "Bengali", "zh": "Chinese", "ja": "Japanese",
          "ko": "Korean", "th": "Thai", "vi": "Vietnamese", "tr": "Turkish", "el": "Greek", "sw": "Swahili",
          "id": "Indonesian", "ms": "Malay", "ta": "Tamil", "te": "Telugu", "sv": "Swedish", "da": "Danish",
          "no": "Norwegian", "fi": "Finnish", "hu": "Hungarian", "ro": "Romanian"}


def language_name(tag: str) -> str:
    return _NAMES.get(tag.split("-")[0].lower(), tag)


def _plainly_english(words: list[str]) -> bool:
    return len(words) >= 20 and sum(w.lower() in _ENGLISH for w in words) * 8 >= len(words)


def detect_language(text: str) -> str:
    """The BCP 47 tag of ``text``'s language (``en-US`` for English; a bare language subtag otherwise)."""
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample)
    if not words or _plainly_english(words):
        return DEFAULT_LANG
    import py3langid
    code, _ = py3langid.classify(sample)
    return DEFAULT_LANG if code == "en" else code
