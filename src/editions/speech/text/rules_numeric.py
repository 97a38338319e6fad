"""Normalisation rules for numbers that are not amounts: codes said in groups, phone numbers,
addresses, fractions, times, dates, decades, ordinals, ranges and scores, and plain numbers.

"911" is "nine one one", "Boeing 737" "seven thirty-seven", "401(k)" "four oh one K",
"Route 66" "Route sixty-six", "I-405" "I four oh five", "(212) 555-1234" "two one two,
five five five, one two three four", "4321 Elm Dr." "forty-three twenty-one Elm Drive",
"2 1/2" "two and a half", "6:30 p.m. ET" "six thirty p.m. Eastern Time", "the 1990s" "the
nineteen nineties", "2019-20" "twenty nineteen to twenty", "102-98" "one hundred two to
ninety-eight".  Every number reaches :mod:`.numbers` as the string it was written as.
"""
from __future__ import annotations

import re

from .numbers import (MAX_WORDS_DIGITS, cardinal, decimal, digit_groups, digits, fraction, ordinal, ordinal_words,
                      pairs, plural, year)
from .rules_clock import ZONE as _ZONE, ZONES as _ZONES, read_long_times
from .rules_codes import (code_words, read_dimensions, read_flights, read_intl_phones, read_leading_zeros,
                          read_zip_codes)
from .rules_money import NUM, SIGN
from .rules_words import ends_sentence

__all__ = ["read_phones", "read_codes", "read_slashes", "read_fraction_units", "read_addresses", "read_times", "read_dates",
           "read_decades", "read_ordinals", "read_ranges", "read_numbers", "MONTH_NAMES"]

MONTH_NAMES = ("January February March April May June July August September October November December").split()
_YEAR = re.compile(r"1[1-9]\d\d|20\d\d")


def _phone_group(g: str) -> str:
    return "eight hundred" if g == "800" else digits(g)


def read_phones(text: str) -> str:
    """(212) 555-1234 -> two one two, five five five, one two three four; 1-800-555-0199 -> one, eight
    hundred, five five five, zero one nine nine."""
    def phone(m: re.Match) -> str:
        groups = [g for g in (m.group(1), m.group(2) or m.group(3), m.group(4), m.group(5)) if g]
        return ", ".join(_phone_group(g) for g in groups)
    text = read_intl_phones(text)
    text = re.sub(r"(?<![\w.,/-])(?:(1)[-. ])?(?:\((\d{3})\)\s?|(\d{3})[-.])(\d{3})[-.](\d{4})(?![\w-]|[.,]\d)",
                  phone, text)
    text = re.sub(r"(?<![\w.,/$-])(?!\d{4}-\d\d-\d\d\b)\d+(?:-\d+){2,}(?![\w-]|[.,]\d)",
                  lambda m: (" " if max(map(len, m.group(0).split("-"))) == 1 else ", ").join(
                      digits(g) for g in m.group(0).split("-")), text)  # ISBNs, account numbers; 9-1-1
    text = re.sub(r"(?<![\w.,/$-])(?:(1) )?()([2-9]\d{2}) (\d{3}) (\d{4})(?![\w-]|[.,]\d)", phone, text)
    return re.sub(r"(?<![\w.,/$-])()()()([2-9]\d{2})-(\d{4})(?![\w%-]|[.,]\d)", phone, text)


_ROUTE_WORDS = r"(?:Route|Highway|Interstate|State Route|SR|U\.S\.|US|County Road|Freeway|Flight|Bus|Line)"


def read_codes(text: str) -> str:
    """Numbers said in groups: 911, Boeing 737, 401(k), Route 66, Highway 101, I-5, the 405, 24/7, 9/11, 3x;
    ZIP codes, flight numbers, dimensions (:mod:`.rules_codes`)."""
    text = read_zip_codes(read_flights(text))
    text = re.sub(r"(?<![\w.,$/-])9-?1-?1(?![\w/,.]\d|\d|%)", "nine one one", text)
    text = re.sub(r"\b((?:[Cc]all|[Dd]ial|[Tt]ext)(?:ed|ing)? )([2-8])11\b(?![.,]\d)"
                  r"|()\b([2-8])11(?= (?:calls?|line|hotline|operators?|service|center|system)\b)",
                  lambda m: f"{m.group(1) or ''}{digits(m.group(2) or m.group(4))} one one", text)  # 311, 211
    text = re.sub(r"\b1-(8\d\d)-([A-Z]{3,})\b", lambda m: f"one, {_phone_group(m.group(1))}, {m.group(2)}", text)
    text = re.sub(r"\b(49|76)ers\b", lambda m: {"49": "Forty-Niners", "76": "Seventy-Sixers"}[m.group(1)], text)
    text = re.sub(r"\b(SB|AB|HB|HR|H\.R\.|S\.B\.|A\.B\.|Bill|Prop\.|Proposition|Measure)\s(\d{1,4})\b(?![.,]\d)",
                  lambda m: f"{'Proposition' if m.group(1) == 'Prop.' else m.group(1)} {code_words(m.group(2))}", text)
    text = re.sub(r"\b(401|403|457|529)\(([kKbB])\)", lambda m: f"{pairs(int(m.group(1)))} {m.group(2).upper()}", text)
    text = re.sub(r"\b(Boeing|Airbus)\s+(A)?(\d{3})(?:-(\d{1,3}))?\b",
                  lambda m: f"{m.group(1)} {m.group(2) + ' ' if m.group(2) else ''}{pairs(int(m.group(3)))}"
                  + (f" {cardinal(m.group(4))}" if m.group(4) else ""), text)
    text = re.sub(r"\b(7[0-8]7)-(\d{1,3})\b(?![.,]\d)", lambda m: f"{pairs(int(m.group(1)))} {cardinal(m.group(2))}",
                  text)  # a 737-800
    text = re.sub(r"\b(7[0-8]7)(?=\s+(?:Max|MAX|jets?|jetliners?|planes?|aircraft|Dreamliners?)\b|s\b)",
                  lambda m: pairs(int(m.group(1))), text)
    text = re.sub(r"\bA(3[1-8]0)(?=neo|\b)", lambda m: f"A {pairs(int(m.group(1)))} ", text)
    text = re.sub(rf"\b({_ROUTE_WORDS}) (\d{{1,4}})\b(?![.,]\d)",
                  lambda m: f"{m.group(1)} {code_words(m.group(2))}", text)
    text = re.sub(r"\bI(?:-|-? ?(?=\d{3}\b))(\d{1,3})\b(?![.,]\d)", lambda m: f"I {pairs(int(m.group(1)))}", text)
    text = re.sub(r"(?<=\bthe )(\d{3})(?=\s+(?:[Ff]reeway|Fwy\b)|\s*[.,;:]?\s*$|[,;:]\s|\.\s+[A-Z]|\s+and the \d)",
                  lambda m: pairs(int(m.group(1))), text)
    text = re.sub(r"(?<![\w./])(\d+(?:\.\d+)?)x(?=\s|$|[,.;:!?)])", lambda m: f"{decimal(m.group(1))} times", text)
    return read_dimensions(text)


_FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 32, 64, 100}
_VULGAR = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5), "⅗": (3, 5),
           "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8), "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8)}


def _mixed(whole: str | None, num: int, den: int) -> str:
    if not whole:
        return fraction(num, den)
    part = "a half" if (num, den) == (1, 2) else "a quarter" if (num, den) == (1, 4) else fraction(num, den)
    return f"{decimal(whole)} and {part}"


def read_slashes(text: str) -> str:
    """1/2 -> one half; 2 1/2 -> two and a half; 2½ -> two and a half; 24/7 -> twenty-four seven; 50/50 ->
    fifty-fifty; 9/11 -> nine eleven; 3/14/2025 -> March fourteenth, twenty twenty-five; 7/4 -> July fourth."""
    vulgar = "".join(_VULGAR)
    text = re.sub(rf"(?<![\w.])(?:(\d+)\s?)?([{vulgar}])",
                  lambda m: _mixed(m.group(1), *_VULGAR[m.group(2)]), text)

    def date(m: re.Match) -> str:
        mo, d, y = int(m.group(1)), int(m.group(2)), m.group(3)
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return m.group(0)
        if len(y) == 2:
            y = ("19" if int(y) > 30 else "20") + y
        return f"{MONTH_NAMES[mo - 1]} {ordinal(d)}, {year(int(y))}"
    text = re.sub(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\w/]|\.\d)", date, text)

    def slash(m: re.Match) -> str:
        whole, a, b = m.group(1), int(m.group(2)), int(m.group(3))
        if (a, b) == (24, 7):
            return "twenty-four seven"
        if (a, b) == (9, 11) and not whole:
            return "nine eleven"
        if a == b and not whole:
            return f"{cardinal(a)}-{cardinal(b)}"
        if 0 < a < b and b in _FRACTION_DENOMINATORS:
            return _mixed(whole, a, b)
        if not whole and 1 <= a <= 12 and 1 <= b <= 31:
            return f"{MONTH_NAMES[a - 1]} {ordinal(b)}"
        return (f"{decimal(whole)} " if whole else "") + f"{cardinal(a)} slash {cardinal(b)}"
    return re.sub(r"(?<![\w/.,])(?:(\d{1,4})\s)?(\d{1,3})/(\d{1,3})(?![\w/]|[.,]\d)", slash, text)


def read_fraction_units(text: str) -> str:
    """2 1/2 km -> two and a half kilometers; ½ mi -> one half miles (units after a fraction are plural)."""
    from .rules_money import UNITS, _UNIT
    vulgar = "".join(_VULGAR)
    return re.sub(rf"(?<![\w./])((?:\d+\s)?\d{{1,2}}/\d{{1,3}}|(?:\d+\s?)?[{vulgar}])\s?({_UNIT})(?![\w/²])",
                  lambda m: f"{read_slashes(m.group(1))} {UNITS[m.group(2)][1]}", text)


_STREET = {"St.": "Street", "Street": "Street", "Ave.": "Avenue", "Avenue": "Avenue", "Dr.": "Drive", "Drive": "Drive",
           "Rd.": "Road", "Road": "Road", "Blvd.": "Boulevard", "Boulevard": "Boulevard", "Ln.": "Lane",
           "Lane": "Lane", "Way": "Way", "Ct.": "Court", "Court": "Court", "Pl.": "Place", "Place": "Place",
           "Ter.": "Terrace", "Terrace": "Terrace", "Pkwy.": "Parkway", "Parkway": "Parkway", "Cir.": "Circle",
           "Circle": "Circle", "Hwy.": "Highway", "Sq.": "Square", "Square": "Square", "Plaza": "Plaza"}
_STREET.update({k.rstrip("."): v for k, v in _STREET.items() if k.endswith(".")})  # 455 N 1st St, as signs write it
_DIRECTIONS = {"N.": "North", "S.": "South", "E.": "East", "W.": "West", "NW": "Northwest", "NE": "Northeast",
               "SW": "Southwest", "SE": "Southeast", "N": "North", "S": "South", "E": "East", "W": "West"}


def read_addresses(text: str) -> str:
    """4321 Elm Dr. -> forty-three twenty-one Elm Drive; 1600 Pennsylvania Ave. NW -> sixteen hundred
    Pennsylvania Avenue Northwest; 10 Downing Street -> ten Downing Street; 455 N 1st St -> four fifty-five
    North first Street."""
    suffix = "|".join(re.escape(s) for s in sorted(_STREET, key=len, reverse=True))

    def address(m: re.Match) -> str:
        number, direction, name, street, quad = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
        words = [pairs(int(number))]
        if direction:
            words.append(_DIRECTIONS[direction.strip()])
        words.append(name.strip())
        words.append(_STREET[street])
        if quad:
            words.append(_DIRECTIONS[quad])
        out = " ".join(w for w in words if w)
        if (quad or street).endswith(".") and ends_sentence(m.string, m.end(), "Street"):
            out += "."
        return out
    return re.sub(rf"(?<![\w.,$-])(\d{{1,5}})\s+((?:[NSEW]\.?)\s+)?((?:(?:[A-Z][\w'’-]*|\d+(?:st|nd|rd|th))\s+)"
                  rf"{{1,3}}?)({suffix})(?=\W|$)(?:\s(NW|NE|SW|SE)\b)?", address, text)


def read_times(text: str) -> str:
    """6 p.m. -> six p.m.; 7:30 a.m. -> seven thirty a.m.; 18:45 -> eighteen forty-five; 3 p.m. ET -> three
    p.m. Eastern Time; h:mm:ss by :func:`.rules_clock.read_long_times`."""
    def clock(m: re.Match) -> str:
        h, mins, ampm = int(m.group(1)), m.group(2), m.group(3)
        if h > 24 or (mins and int(mins) > 59):
            return m.group(0)
        zone = m.group("zone")
        words = cardinal(h)
        if mins and int(mins):
            words += " " + (f"oh {cardinal(int(mins))}" if int(mins) < 10 else cardinal(int(mins)))
        if ampm:
            words += " " + ("a.m." if ampm[0].lower() == "a" else "p.m.")
        elif mins and not int(mins):
            words += " hundred" if h > 12 else " o'clock"
        return words + (f" {_ZONES[zone]}" if zone else "")

    text = read_long_times(text)  # h:mm:ss first: its last two parts are not a time of their own
    zone = rf"(?:(?P<zsp>\s+\(?)(?P<zone>{_ZONE})\)?(?=\W|$))?"
    text = re.sub(rf"\b(\d{{1,2}})(?:[:.](\d{{2}}))?\s?([AaPp]\.?[Mm]\b\.?){zone}", clock, text)  # 11.45pm too
    text = re.sub(rf"(?<![\w:.])(\d{{1,2}}):(\d{{2}})()(?![\w:]|[.,]\d){zone}", clock, text)
    return re.sub(rf"\b(noon|midnight)\s+\(?({_ZONE})\)?(?=\W|$)", lambda m: f"{m.group(1)} {_ZONES[m.group(2)]}",
                  text)


def read_dates(text: str) -> str:
    """March 3, 2027 -> March third, twenty twenty-seven; 2025-03-14 -> March fourteenth, twenty twenty-five."""
    months = "|".join(MONTH_NAMES)

    def iso(m: re.Match) -> str:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return m.group(0)
        return f"{MONTH_NAMES[mo - 1]} {ordinal(d)}, {year(y)}"
    text = re.sub(r"(?<![\w.-])(1[89]\d\d|20\d\d)-(\d\d)-(\d\d)(?![\w-])", iso, text)
    return re.sub(rf"\b({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![:.,]\d)(,?\s+(\d{{4}})\b)?",
                  lambda m: f"{m.group(1)} {ordinal(int(m.group(2)))}"
                  + (f", {year(int(m.group(4)))}" if m.group(4) else ""), text)


def read_decades(text: str) -> str:
    """the 1990s -> the nineteen nineties; '90s -> nineties; in his 40s -> in his forties; 2024's ->
    twenty twenty-four's."""
    text = re.sub(r"(?<![\w'’])['’](\d)0s\b", lambda m: plural(cardinal(int(m.group(1)) * 10) if m.group(1) != "0"
                                                             else "two thousand"), text)
    text = re.sub(r"(?<![\w.,])(1[0-9]|20)(\d)0s\b", lambda m: plural(year(int(m.group(1) + m.group(2) + "0"))), text)
    text = re.sub(r"(?<![\w.,])([1-9])0s\b", lambda m: plural(cardinal(int(m.group(1)) * 10)), text)
    return re.sub(r"(?<![\w.,])(1[1-9]\d\d|20\d\d)(['’]s)\b", lambda m: year(int(m.group(1))) + m.group(2), text)


def read_ordinals(text: str) -> str:
    """3rd -> third; 21st -> twenty-first; 1,000th -> one thousandth."""
    return re.sub(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th|d)\b", lambda m: ordinal_words(m.group(1)), text)


def read_ranges(text: str) -> str:
    """4-1 vote -> four to one vote; 2019-20 -> twenty nineteen to twenty; 2020-2024 -> twenty twenty to
    twenty twenty-four; 102-98. -> one hundred two to ninety-eight."""
    def rng(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if _YEAR.fullmatch(a) and _YEAR.fullmatch(b):
            return f"{year(int(a))} to {year(int(b))}"
        if _YEAR.fullmatch(a) and len(b) == 2 and (int(b) > int(a[2:]) or b == "00"):
            end = "two thousand" if b == "00" else cardinal(int(b)) if int(b) >= 10 else f"oh-{cardinal(int(b))}"
            return f"{year(int(a))} to {end}"
        return f"{decimal(a)} to {decimal(b)}"
    return re.sub(rf"(?<![\w.,/-])({NUM})\s?[-–]\s?({NUM})(?![\w%/-]|[.,]\d)", rng, text)


def read_numbers(text: str) -> str:
    """2,000 -> two thousand; 1952 -> nineteen fifty-two (a bare year); 4.2 -> four point two; -5 -> minus
    five; a 40-digit number -> its digit groups."""
    def num(m: re.Match) -> str:
        neg, s, many = m.group(1), m.group(2), m.group(3)
        if not neg and re.fullmatch(r"1[1-9]\d\d|20\d\d", s):
            words = year(int(s))
        elif len(s.replace(",", "").split(".")[0]) > MAX_WORDS_DIGITS:
            whole, _, frac = s.partition(".")
            words = ("minus " if neg else "") + digit_groups(whole) + (" point " + digits(frac) if frac else "")
        else:
            words = ("minus " if neg else "") + decimal(s)
        return plural(words) if many else words
    text = re.sub(r"(?<=\d)k\b", " K", text)  # a 5k run
    text = re.sub(r"(?<=\d)(?=[A-Za-z]{2,}\b|(?!s\b)[A-Za-z]\b)|(?<=[A-Za-z])(?=\d)", " ", text)  # 5G, MP3
    text = read_leading_zeros(text)  # Agent 007, BA017: a code, digit by digit
    return re.sub(rf"(?<![\w.])({SIGN})?({NUM}|\.\d+)(s)?(?![\w])", num, text)
