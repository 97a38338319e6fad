"""Numbers as English words: cardinals, ordinals, years, decimals, fractions, digit groups.

Every function here takes the number as it is written (a string of digits, maybe with
commas and a decimal point) or a small int, and never turns a long digit string into an
int: a number longer than :data:`MAX_WORDS_DIGITS` digits is read digit group by digit
group ("one two three, four five six, ..."), so a 5,000-digit number cannot hit Python's
int-to-string limit and cannot make a sentence no one could follow.
"""
from __future__ import annotations

__all__ = ["cardinal", "ordinal", "year", "decimal", "digits", "digit_groups", "fraction", "plural",
           "number_words", "ordinal_words", "pairs", "MAX_WORDS_DIGITS"]

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion", "sextillion",
           "septillion", "octillion", "nonillion"]
MAX_WORDS_DIGITS = 30
"""Longer whole numbers are read digit group by digit group."""
_ORD = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
        "twelve": "twelfth"}
_DENOMINATORS = {2: ("half", "halves"), 4: ("quarter", "quarters")}


def _under_1000(n: int) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{_ONES[n // 100]} hundred")
        n %= 100
    if n >= 20:
        parts.append(_TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n or not parts:
        parts.append(_ONES[n])
    return " ".join(parts)


def digits(s: str) -> str:
    """'4021' -> 'four zero two one' (non-digits are skipped)."""
    return " ".join(_ONES[int(c)] for c in s if c.isdigit())


def digit_groups(s: str) -> str:
    """A very long number, group by group: '1,234,567' or '1234567' -> 'one, two three four, five six seven'."""
    raw = s.replace(",", "")
    groups = s.split(",") if "," in s else [raw[max(0, i - 3):i] for i in range(len(raw), 0, -3)][::-1]
    return ", ".join(digits(g) for g in groups if g)


def _whole(s: str) -> str:
    """Whole number as written (digits, maybe commas) -> words, without converting long strings to int."""
    raw = s.replace(",", "").lstrip("0") or "0"
    if len(raw) > MAX_WORDS_DIGITS:
        return digit_groups(s)
    groups = [raw[max(0, i - 3):i] for i in range(len(raw), 0, -3)]
    if len(groups) > len(_SCALES):
        return digit_groups(s)
    parts = []
    for scale, g in reversed(list(enumerate(groups))):
        v = int(g)
        if v:
            parts.append(_under_1000(v) + (f" {_SCALES[scale]}" if scale else ""))
    return " ".join(parts) or "zero"


def cardinal(n: int | str) -> str:
    """1234 -> 'one thousand two hundred thirty-four'; negative numbers say 'minus'."""
    s = n if isinstance(n, str) else str(n)  # callers pass long numbers as the string they were written as
    if s.startswith("-"):
        return "minus " + cardinal(s[1:])
    return _whole(s)


def _ordinalise(words: str) -> str:
    head, sep, last = words.rpartition("-") if "-" in words.split()[-1] else words.rpartition(" ")
    if last in _ORD:
        last = _ORD[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def ordinal(n: int | str) -> str:
    """3 -> 'third', 21 -> 'twenty-first'; a very long number ends on its last digit's ordinal."""
    return _ordinalise(cardinal(n))


def plural(words: str) -> str:
    """'nineteen ninety' -> 'nineteen nineties', 'twenty ten' -> 'twenty tens' (decades, 'in his 40s')."""
    head, sep, last = words.rpartition("-") if "-" in words.split()[-1] else words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + ("es" if last.endswith("x") else "s")
    return f"{head}{sep}{last}"


def pairs(n: int) -> str:
    """A number read in pairs, as house numbers and model numbers are: 4321 -> 'forty-three twenty-one',
    1600 -> 'sixteen hundred', 221 -> 'two twenty-one', 101 -> 'one oh one', 12345 -> 'one twenty-three
    forty-five'."""
    s = str(n)
    if len(s) <= 2:
        return cardinal(n)
    if len(s) % 2:
        head, rest = s[0], s[1:]
        out = [cardinal(int(head))]
    else:
        head, rest = s[:2], s[2:]
        out = [cardinal(int(head))]
    chunks = [rest[i:i + 2] for i in range(0, len(rest), 2)]
    for i, c in enumerate(chunks):
        v = int(c)
        if v == 0 and i == len(chunks) - 1 and len(chunks) == 1:
            out.append("hundred")
        elif v == 0:
            out.append("oh oh")
        elif v < 10:
            out.append(f"oh {_ONES[v]}")
        else:
            out.append(cardinal(v))
    return " ".join(out)


def year(n: int) -> str:
    """1952 -> 'nineteen fifty-two', 2007 -> 'two thousand seven', 2027 -> 'twenty twenty-seven'."""
    if 2000 <= n <= 2009 or n % 1000 == 0 or n < 1000:
        return cardinal(n)
    hi, lo = divmod(n, 100)
    if lo == 0:
        return f"{cardinal(hi)} hundred"
    return f"{cardinal(hi)} {'oh-' + cardinal(lo) if lo < 10 else cardinal(lo)}"


def decimal(text: str) -> str:
    """'4.2' -> 'four point two', '1,250' -> 'one thousand two hundred fifty', '-3' -> 'minus three'."""
    text = text.replace("−", "-")
    if text.startswith("-"):
        return "minus " + decimal(text[1:])
    whole, _, frac = text.partition(".")
    if not whole and frac:
        return "point " + digits(frac)
    out = _whole(whole or "0")
    if frac:
        out += " point " + digits(frac)
    return out


def number_words(text: str) -> str:
    """A written number as a newsreader says it when nothing else is known: decimals, commas, long numbers."""
    return decimal(text)


def ordinal_words(text: str) -> str:
    """'21' -> 'twenty-first', for a number written as digits (any length)."""
    return _ordinalise(_whole(text))


def fraction(num: int, den: int) -> str:
    """1/2 -> 'one half', 3/4 -> 'three quarters', 2/3 -> 'two thirds', 5/16 -> 'five sixteenths'."""
    if den in _DENOMINATORS:
        one, many = _DENOMINATORS[den]
    else:
        one = ordinal(den)
        many = one + "s"
    return f"{cardinal(num)} {one if num == 1 else many}"
