"""The narration text in languages other than English: a language tag in, the rules that read its numbers,
money, percentages, dates, times and ordinals out (``str -> str`` each, run in order by
:func:`editions.speech.text.normalise.normalise`).

Spanish, French, German and Portuguese share one set of rules over a table of each language's words
(:mod:`.latin`, :mod:`.western`); Russian (:mod:`.ru`), Arabic (:mod:`.ar`), Hindi (:mod:`.hi`) and Chinese
(:mod:`.zh`) have their own, for their grammar (Russian case and gender, Arabic agreement) or because
``num2words`` has no such language (Hindi, Chinese); Japanese (:mod:`.ja`) leaves its digits to the Japanese
voice's reader and writes out the signs and symbols it would drop.  Any other language gets ``None``: the normaliser then
reads its numbers with ``num2words`` alone, as before.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

__all__ = ["language_rules", "LANGUAGES"]

LANGUAGES = ("es", "fr", "de", "pt", "ru", "ar", "hi", "zh", "ja")
"""The languages with rules of their own here."""


@lru_cache(maxsize=64)
def language_rules(lang: str) -> tuple[Callable[[str], str], ...] | None:
    """'es-MX' -> Spanish rules with "$" read as pesos; 'xx' -> None.  Built once per tag (patterns compiled once)."""
    base = lang.lower().replace("_", "-").split("-")[0]
    if base in ("es", "fr", "de", "pt"):
        from .latin import rules
        from .western import tongue_for
        return tuple(rules(tongue_for(lang)))
    if base == "ru":
        from .ru import rules as ru_rules
        return tuple(ru_rules())
    if base == "ar":
        from .ar import rules as ar_rules
        return tuple(ar_rules())
    if base == "hi":
        from .hi import rules as hi_rules
        return tuple(hi_rules())
    if base == "zh":
        from .zh import rules as zh_rules
        return tuple(zh_rules())
    if base == "ja":
        from .ja import rules as ja_rules
        return tuple(ja_rules())
    return None
