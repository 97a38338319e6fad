"""What every language's rules share: digits of any script made ASCII, the written-number pattern for a
language's separators, a written number split into sign, whole and fraction, and ``num2words`` called safely.

Every pattern here is built once per language and is linear in the text: a number may only start where no
digit, letter, dot or comma (and no digit-and-space, so "1 234 567" is not re-read from each of its groups)
comes before it, and the number itself always matches, so a failed attempt never re-reads a long run.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["spaced", "kept_stop", "ascii_digits", "number_pattern", "split_number", "n2w", "digit_by_digit", "MAX_DIGITS", "START",
           "DAY_FIRST_DATE", "said_times", "said_dates"]

MAX_DIGITS = 30
"""Longer whole numbers are read digit by digit (never through int(): no 5,000-digit conversions)."""

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２３４５６７８９", "0123456789" * 4)


def ascii_digits(text: str) -> str:
    """Arabic-Indic, Persian, Devanagari and full-width digits -> 0-9 (the rules read one kind of digit)."""
    return text if text.isascii() else text.translate(_DIGITS)


START = r"(?<![\w.,])(?<!\d[ \u00a0\u202f])"
"""Where a number may start (see the module's note on linear time)."""


def number_pattern(comma_decimal: bool, indian: bool = False) -> str:
    """A written number: digits with the language's group separators and decimal mark (no sign, no start
    guard).  Comma-decimal languages group with a dot, a space (also no-break and thin) or an apostrophe
    ("1.200", "1 200", "1'200", "1 200,50"); a dot that does not start a 3-digit group is a decimal point
    ("3.5").  Point-decimal languages group with a comma; Indian grouping (``indian``) has 2-digit groups
    above the thousands ("1,20,000")."""
    if comma_decimal:
        return (r"\d{1,3}(?:(?:\.\d{3}(?!\d))++|(?:[\u00a0\u202f ]\d{3}(?!\d))++|(?:['’]\d{3}(?!\d))++)(?:,\d+)?+"
                r"|\d++(?:[.,]\d+)?+")
    group = r"(?:,\d{2,3}(?!\d))++" if indian else r"(?:,\d{3}(?!\d))++"
    return rf"\d{{1,3}}{group}(?:\.\d+)?+|\d++(?:\.\d+)?+"


def split_number(token: str, comma_decimal: bool) -> tuple[str, str]:
    """'1.200,50' -> ('1200', '50'); '3.5' -> ('3', '5') in a comma-decimal language; '1,20,000' -> ('120000', '')."""
    if comma_decimal:
        if "," in token:
            whole, frac = token.rsplit(",", 1)
        elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token) or "." not in token:
            whole, frac = token, ""
        else:
            whole, frac = token.rsplit(".", 1)
        whole = re.sub(r"[.\u00a0\u202f '’]", "", whole)
    else:
        whole, _, frac = token.partition(".")
        whole = whole.replace(",", "")
    return whole, frac


def digit_by_digit(digits: str, one) -> str:
    return " ".join(one(d) for d in digits if d.isdigit())


@lru_cache(maxsize=4096)
def n2w(value: int, code: str, **kw) -> str:
    """``num2words`` for a whole number, cached (a news text repeats its numbers)."""
    from num2words import num2words
    return num2words(value, lang=code, **kw)


def spaced(m, words: str) -> str:
    """``words`` for the digits ``m`` matched, with a space where a letter touches them ("G7" -> "G siete",
    "G7-Gipfel" -> "G sieben-Gipfel")."""
    before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
    return (" " if before.isalpha() else "") + words + (" " if after.isalpha() else "")


def kept_stop(m, capital_nouns: bool = False) -> str:
    """'.' when the abbreviation ``m`` read out ("г.", "Mio.") also ended its sentence (the text ends, or a
    capital follows -- not in German, whose nouns are capitalised), else ''."""
    after = m.string[m.end():m.end() + 2]
    if not m.group(0).endswith("."):
        return ""
    return "." if not after or (not capital_nouns and re.match(r"\s[^\W\d_]", after) and after[1].isupper()) else ""


DAY_FIRST_DATE = re.compile(r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w]|[./-]\d)")
"""15/01/2024, 15.01.2024, 15-01-2024: a numeric date written day first, one separator throughout."""


def said_times(pattern: re.Pattern, text: str, say) -> str:
    """Each time ``pattern`` finds (groups ``h`` and ``m``) as ``say(hour, minute, match)`` says it; one that is
    no time of day (25:00, 9:75: a score, a ratio) is left as written."""
    def one(m: re.Match) -> str:
        h, mi = int(m.group("h")), int(m.group("m"))
        return m.group(0) if h > 24 or mi > 59 else say(h, mi, m)
    return pattern.sub(one, text)


def said_dates(pattern: re.Pattern, text: str, say) -> str:
    """Each numeric date ``pattern`` finds (groups ``d``, ``m`` and ``y``) as ``say(day, month, match)`` says
    it; one with no such day or month (45/13/2024) is left as written."""
    def one(m: re.Match) -> str:
        d, mo = int(m.group("d")), int(m.group("m"))
        return say(d, mo, m) if 1 <= d <= 31 and 1 <= mo <= 12 else m.group(0)
    return pattern.sub(one, text)
