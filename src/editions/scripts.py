"""Which writing systems a text uses: characters in, script names out (a utility both renderers use).

Python's :mod:`unicodedata` has no script property; the first word of a character's Unicode name is a close
enough stand-in for the scripts a news article meets ("LATIN SMALL LETTER E", "HEBREW LETTER ALEF",
"CJK UNIFIED IDEOGRAPH-4E2D", "HIRAGANA LETTER A").
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterable

from .emoji import is_component, without_emoji

__all__ = ["script_of", "article_texts", "letters_by_script", "describe", "main_script", "is_rtl", "SPACELESS"]

SPACELESS = (r"\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
             r"\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f")
"""Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, bopomofo, Han), as the body of
a regex character class: a run of these is one "word" to ``str.split``, and a space put inside it (a line break
in the source, a long word cut for the voice) splits a word in two."""

_NAMES = {"CJK": "Chinese/Japanese (Han)", "HANGUL": "Korean (Hangul)", "HIRAGANA": "Japanese (Hiragana)",
          "KATAKANA": "Japanese (Katakana)", "ARABIC": "Arabic", "HEBREW": "Hebrew", "GREEK": "Greek",
          "CYRILLIC": "Cyrillic", "DEVANAGARI": "Devanagari", "THAI": "Thai", "LATIN": "Latin"}


def script_of(ch: str) -> str:
    """'LATIN', 'HEBREW', 'CJK', … for a letter or mark; 'COMMON' for what every script shares (symbols, private-use
    and unassigned code points, which are no letters); 'INHERITED' for a mark that joins any letter."""
    if unicodedata.category(ch)[0] not in "LM":
        return "COMMON"
    if is_component(ch):
        return "INHERITED"  # a variation selector belongs to the character before it, whatever its script
    try:
        first = unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"
    if first == "COMBINING":
        return "INHERITED"  # accents join whatever letter they follow
    return first


def describe(script: str) -> str:
    return _NAMES.get(script, script.title())


def article_texts(article) -> Iterable[tuple[str, str]]:
    """Every piece of text an edition shows or says, with where it is: (place, text)."""
    yield "headline", article.headline
    for place in ("deck", "byline", "dateline", "credit_line"):
        yield place, getattr(article, place) or ""
    if article.photo:
        for place in ("caption", "credit", "alt"):
            yield f"photo {place}", getattr(article.photo, place) or ""
    for i, s in enumerate(article.sections):
        if s.heading:
            yield f"section {i + 1} heading", s.heading
        for p in s.paragraphs:
            yield f"section {i + 1}", p.text
    for q in article.pull_quotes:
        yield "pull quote", q.text
        yield "pull quote", q.attribution


def letters_by_script(article, allowed: set[str]) -> Counter:
    """How many letters of each script outside ``allowed`` the article holds (and where the first one is)."""
    found: Counter = Counter()
    for _, text in article_texts(article):
        for ch in without_emoji(text):  # an emoji sequence is no letters, whatever its base (ℹ️ is one)
            if ch.isascii():
                continue
            sc = script_of(ch)
            if sc not in allowed and sc not in ("COMMON", "INHERITED"):
                found[sc] += 1
    return found


def main_script(article) -> str | None:
    """The script most of the article's letters are in ('LATIN', 'ARABIC', …; None for an article with none)."""
    found: Counter = Counter()
    for _, text in article_texts(article):
        for ch in text:
            if ch.isalpha():
                found[script_of(ch)] += 1
    return found.most_common(1)[0][0] if found else None


def is_rtl(article) -> bool:
    """Whether the article is set right to left: its language says so (:func:`editions.langtags.rtl_language`, the
    one rule the EPUB follows too), or most of its letters are Arabic or Hebrew."""
    from .langtags import rtl_language
    return rtl_language(getattr(article, "lang", "") or "") or main_script(article) in ("ARABIC", "HEBREW")
