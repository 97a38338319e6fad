"""Text normalised for speech: written article text in, the words a voice is given out.

``normalise(text, lang)`` runs a list of small rules (:data:`RULES`, each ``str -> str``) in
order; the rules live by idea in :mod:`.rules_web` (URLs, e-mail, hashtags), :mod:`.rules_words`
(abbreviations by context, party tags, Roman numerals), :mod:`.rules_money` (money,
percentages, units, temperatures), :mod:`.rules_numeric` (codes, phones, addresses,
fractions, times, dates, decades, ordinals, ranges, numbers), :mod:`.rules_clock` (numeric dates
day first or month first, h:mm:ss) and :mod:`.rules_codes` (international phones, IP addresses, ZIP
codes, leading zeros, flight numbers, dimensions), with number words in :mod:`.numbers`.
English (the default, US newsreader style after AP) gets every rule; Spanish, French, German, Portuguese,
Russian, Arabic, Hindi and Chinese get their own (:mod:`.locales`); any other language gets its numbers read by
``num2words`` in that language.  The verifier (:mod:`editions.verify`) runs the same rules over the expected text.

**One normaliser, decided on purpose.**  The offline voice (hibari-tts) normalises text again
on every call unless told not to.  Measured on the 488 cases of ``tests/data/normalise.tsv``
(``tools/measure_normalisers.py`` compares phonemes against the phonemes of the spoken form a
newsreader would say; the table is in the README), the voice's own rules reading the raw text
get 291 (60%) right and no class better than these rules; these rules with the voice's normaliser
switched off get all 488; running both layers (what editions did before) gets 479, failing
exactly where the voice's rules re-read our words ("Chapter Lines" -> "Chapter zero Lines", "James Cameron" ->
"James the zeroth Cameron").  So: these rules run for every voice, and the offline engine
phonemises with ``G2P(normalize_text=False)`` (:func:`editions.speech.phonemes.plain_g2p`),
which makes the "the zeroth" bug impossible — the code that inserts it never runs.  gTTS is
given the same normalised words: Google reads words as words, so the meaning that reaches a
listener is the same whichever voice narrates.  The only per-voice step left is spelling:
the offline engine writes dotted initialisms undotted ("U.S." -> "US"), which its lexicon
spells letter by letter and which does not split a sentence in two.
"""
from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache
from typing import Callable

from ...emoji import without_emoji
from .rules_clock import numeric_dates_for, read_numeric_dates
from .rules_codes import read_ips
from .rules_money import read_money, read_percent, read_temperatures, read_units
from .rules_numeric import (read_addresses, read_codes, read_dates, read_decades, read_fraction_units, read_numbers,
                            read_ordinals, read_phones, read_ranges, read_slashes, read_times)
from .rules_web import read_emails, read_hashtags, read_urls
from .stops import SPACELESS
from .rules_words import expand_abbreviations, read_party_tags, read_roman

__all__ = ["normalise", "RULES", "drop_markup", "drop_emoji", "read_symbols", "tidy", "break_long_words",
           "read_numbers_in"]


def drop_markup(text: str) -> str:
    """HTML tags and entities, Markdown emphasis markers and heading hashes are not read out; runs of spaces
    become one (so "$4.2  million" is read like "$4.2 million")."""
    text = " ".join(html.unescape(text).split())
    text = re.sub(r"</?[A-Za-z][^<>]{0,200}>", " ", text)
    text = re.sub(r"(?<!\w)[*_]{1,3}(?=\w)|(?<=\w)[*_]{1,3}(?!\w)", "", text)
    return re.sub(r"^#{1,6}\s+", "", text.strip())


_KEEP = set("°¢")
_UNIT_SIGNS = re.compile("[\u2103\u2109\u3380-\u33df]")
"""Signs that stand for a unit, letterlike (℃, ℉) or squared CJK (㎞, ㎏, ㎡, ㎖): symbols by category, but said
as the unit they are (their compatibility form, °C, km, kg, m²), never dropped with the pictographs."""


def _unit_signs(text: str) -> str:
    return _UNIT_SIGNS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def drop_emoji(text: str) -> str:
    """Emoji, pictographs and other symbols that have no spoken form are dropped (the degree sign is kept, a unit
    sign such as ℃ or ㎞ is written as its unit for the rules after this to read); an emoji sequence as one unit, a keycap (``1️⃣``) read as its digit, a variation selector with nothing said."""
    if text.isascii():
        return text
    out = []
    for ch in without_emoji(_unit_signs(text), gap=" "):
        cat = unicodedata.category(ch)
        if ch not in _KEEP and (cat in ("So", "Cs", "Co", "Cn") or ord(ch) == 0x200D):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


_SYMBOLS = [("&", " and "), ("+", " plus "), ("°F", " degrees Fahrenheit"), ("°C", " degrees Celsius"),
            ("°", " degrees"), ("#", " number "), ("@", " at "), ("=", " equals "), ("§", " section "),
            ("%", " percent"), ("…", "..."), ("—", ", "), ("–", ", "), ("•", ", "), ("/", " "), ("|", ", "),
            ("~", " about "), ("*", ""), ("_", " "), ("^", " "), ("\\", " "), ("{", " "), ("}", " "),
            ("[", " "), ("]", " "), ("<", " "), (">", " "), ("¢", " cents"), ("−", " minus ")]


def read_symbols(text: str) -> str:
    """& -> and, % -> percent, dashes -> a comma pause, ... -> an ellipsis pause."""
    for sym, words in _SYMBOLS:
        text = text.replace(sym, words)
    return text


def tidy(text: str) -> str:
    """Spaces before punctuation and repeated commas that earlier rules leave behind."""
    text = " ".join(text.split())  # first: a run of 100,000 spaces ('/' read as one each) is not scanned from each
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*(?:,\s*)+", ", ", text)
    text = re.sub(r"(?<![A-Za-z]\.[A-Za-z])([.!?])\s*,", r"\1", text)  # but "6 a.m., then" keeps its pause
    text = re.sub(r",([.!?;:])", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"^\s*,\s*|\s*,\s*$", "", text)
    return " ".join(text.split())


_SPACELESS = re.compile(f"[{SPACELESS}]")


def break_long_words(text: str, limit: int = 40) -> str:
    """A 10,000-letter 'word' is read as spaced chunks rather than choking the voice.  Not a run in a script
    written without spaces (Chinese, Japanese, Thai: a whole clause is one such "word"): a space put inside it
    would split its words, and none of it may be dropped (the script bounds what a voice is given at once)."""
    def chunks(m: re.Match) -> str:
        run = m.group(0)
        if _SPACELESS.search(run):
            return run
        return " ".join(run[i:i + limit] for i in range(0, min(len(run), 400), limit))
    return re.sub(rf"\S{{{limit + 1},}}", chunks, text)


RULES: list[Callable[[str], str]] = [
    drop_markup, drop_emoji, read_emails, read_urls, read_ips, read_hashtags, read_party_tags, read_addresses,
    expand_abbreviations, read_roman, read_numeric_dates, read_phones, read_codes, read_money, read_percent,
    read_temperatures, read_fraction_units, read_units, read_slashes, read_times, read_dates, read_decades,
    read_ordinals, read_ranges, read_numbers, read_symbols, break_long_words, tidy]
"""English, in order: web things first (their dots and @ are not sentences or prices), then words whose
meaning depends on context, then numbers from the most specific reading to the plainest.  ``read_numeric_dates``
stands for the rule of the article's English (:func:`.rules_clock.numeric_dates_for`: 05/01/2020 is May first
in US English and the fifth of January in British)."""


@lru_cache(maxsize=64)
def read_numbers_in(lang: str) -> Callable[[str], str]:
    """For a language other than English: numbers read by ``num2words`` in that language (decimal comma or
    point as the language writes it), years as years where ``num2words`` knows how."""
    from num2words import CONVERTER_CLASSES, num2words
    code = lang.replace("-", "_")
    if code not in CONVERTER_CLASSES:
        code = code.split("_")[0]
    if code not in CONVERTER_CLASSES:
        return lambda text: text
    comma_decimal = code.split("_")[0] not in {"en", "ja", "ko", "zh", "he", "th", "hi"}

    def words(m: re.Match) -> str:
        s = m.group(0)
        raw = s.replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
        if comma_decimal:
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
        whole = raw.split(".")[0].lstrip("-")
        if len(whole) > 30:
            return " ".join(num2words(int(d), lang=code) for d in whole)
        try:
            if re.fullmatch(r"1[1-9]\d\d|20\d\d", raw):
                try:
                    return num2words(int(raw), lang=code, to="year")
                except (NotImplementedError, AttributeError, TypeError):
                    pass
            value = float(raw) if "." in raw else int(raw)
            return num2words(value, lang=code)
        except (NotImplementedError, OverflowError, ValueError, TypeError, AttributeError):
            return s
    sep = r"[.\u202f\u00a0 ]" if comma_decimal else ","
    dec = "," if comma_decimal else r"\."
    pattern = re.compile(rf"(?<![\w.,])-?\d{{1,3}}(?:{sep}\d{{3}})+(?:{dec}\d+)?(?![\w])|(?<![\w.,])-?\d+(?:{dec}\d+)?(?![\w])")
    return lambda text: pattern.sub(words, text)


def normalise(text: str, lang: str = "en") -> str:
    """Run every rule in :data:`RULES` over ``text`` (English), or another language's rules
    (:mod:`.locales`: numbers, money, percentages, dates, times, ordinals), or, for a language with none, read
    its numbers with ``num2words``."""
    if not lang or lang.lower().split("-")[0] == "en":
        dates = numeric_dates_for(lang)
        for rule in RULES:
            text = (dates if rule is read_numeric_dates else rule)(text)
        return text
    from .locales import language_rules
    own = language_rules(lang.lower()) or (read_numbers_in(lang.lower()),)
    for rule in (drop_markup, drop_emoji, *own, break_long_words, tidy):
        text = rule(text)
    return text
