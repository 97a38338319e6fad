"""Normalisation rules for numbers that are codes, not quantities, and for dimensions.

A code is read digit by digit, so no digit is lost and none is turned into an amount:

- international phone numbers: ``+44 20 7946 0958`` -> "plus four four, two zero, seven nine four six, zero nine
  five eight" (one pause per written group; the trunk ``(0)`` of ``+44 (0)20`` is not dialled and not said);
- IP addresses: ``192.168.1.1`` -> "one nine two dot one six eight dot one dot one" (``/24`` -> "slash
  twenty-four");
- ZIP codes after a state or the word ZIP: ``Boston, MA 02134`` -> "zero two one three four";
- any whole number written with a leading zero (``BA017``, ``ZIP code 02134``): its digits, but four digits
  in two pairs as a 24-hour time is said (``recovered 0215`` -> "oh two fifteen", ``0600`` -> "oh six
  hundred", ``Room 0412`` -> "oh four twelve"); ``Agent 007`` and the 007 films are "double-oh seven", as
  everyone says them;
- flight numbers after "flight" and an airline code: ``flight BA 2490`` -> "BA twenty-four ninety" (in pairs,
  as Route 66 is), ``flight UA 0901`` -> "UA zero nine zero one".

Dimensions: ``25 x 7 m`` -> "twenty-five by seven meters", ``2.5 × 1.2 m``, ``20 m x 30 m`` -> "twenty meters by
thirty meters", ``4x4`` -> "four by four".
"""
from __future__ import annotations

import re

from .numbers import cardinal, decimal, digits, pairs

__all__ = ["read_intl_phones", "read_ips", "read_zip_codes", "read_flights", "code_words", "read_dimensions",
           "read_leading_zeros"]

_GAP = r"[ .\-\u00a0]"


def read_intl_phones(text: str) -> str:
    """+44 20 7946 0958 -> plus four four, two zero, seven nine four six, zero nine five eight; +1 (212) 555-0188;
    +442079460958 -> plus and its digits."""
    if "+" not in text:
        return text

    def grouped(m: re.Match) -> str:
        groups = [g for g in re.findall(r"\(?\d+\)?", m.group(2)) if g != "(0)"]
        count = len(m.group(1)) + sum(len(g.strip("()")) for g in groups)
        if not 7 <= count <= 15:
            return m.group(0)
        return "plus " + ", ".join(digits(g) for g in [m.group(1), *groups])
    # each group is a whole run of digits ((?!\d)), so there is one way to split the number: linear time
    text = re.sub(rf"(?<![\w+])\+(\d{{1,3}})((?:{_GAP}\s?(?:\(0\)\s?)?\(?\d{{1,8}}\)?(?!\d)){{1,7}})(?![\w-]|[.,]\d)",
                  grouped, text)
    return re.sub(r"(?<![\w+])\+(\d{8,15})(?![\w-]|[.,]\d)", lambda m: "plus " + digits(m.group(1)), text)


def read_ips(text: str) -> str:
    """192.168.1.1 -> one nine two dot one six eight dot one dot one; 10.0.0.0/8 -> … slash eight."""
    def ip(m: re.Match) -> str:
        parts = m.group(1).split(".")
        if any(int(p) > 255 for p in parts):
            return m.group(0)
        out = " dot ".join(digits(p) for p in parts)
        return out + (f" slash {cardinal(m.group(2))}" if m.group(2) else "")
    return re.sub(r"(?<![\w.,])(\d{1,3}(?:\.\d{1,3}){3})(?:/(\d{1,2}))?(?![\w/]|[.,]\d)", ip, text)


def read_zip_codes(text: str) -> str:
    """Boston, MA 02134 -> Boston, MA zero two one three four; ZIP code 90210-1234 -> ZIP code nine zero two one
    zero, one two three four."""
    from .rules_words import POSTAL, STATES
    states = "|".join(re.escape(s) for s in sorted([*POSTAL, *STATES, *STATES.values()], key=len, reverse=True))
    return re.sub(rf"(?<![\w.])((?:{states}|ZIP|[Zz]ip)(?: [Cc]ode)?,? )(\d{{5}})(?:-(\d{{4}}))?(?![\w-]|[.,]\d)",
                  lambda m: m.group(1) + digits(m.group(2)) + (f", {digits(m.group(3))}" if m.group(3) else ""),
                  text)


def code_words(s: str) -> str:
    """A number that names something: in pairs (Flight 93, Route 101), digit by digit with a leading zero."""
    return digits(s) if len(s) > 1 and s.startswith("0") else pairs(int(s))


def read_flights(text: str) -> str:
    """flight BA 2490 -> flight BA twenty-four ninety; Flight UA0901 -> Flight UA zero nine zero one."""
    return re.sub(r"\b([Ff]lights?|FLIGHT) ([A-Z]{2,3}|[A-Z]\d|\d[A-Z]) ?(\d{1,4})\b(?![.,]\d)",
                  lambda m: f"{m.group(1)} {m.group(2)} {code_words(m.group(3))}", text)


def _zero_led(s: str) -> str:
    if len(s) == 4 and s[1] != "0" and int(s[2:]) < 60:  # 0215, 0600: a time as logs write it, or a code
        mm = int(s[2:])
        return f"oh {cardinal(s[1])} " + ("hundred" if not mm else f"oh {cardinal(mm)}" if mm < 10 else cardinal(mm))
    return digits(s)


def read_leading_zeros(text: str) -> str:
    """Agent 007 -> Agent double-oh seven; BA017 -> BA zero one seven; 0215 -> oh two fifteen (four digits are
    said as a 24-hour time is: 0600 -> oh six hundred); a decimal (0.5) is a number."""
    text = re.sub(r"(?<=\bAgent )007\b|\b007(?= (?:films?|movies?|franchise|novels?)\b)", "double-oh seven", text)
    text = re.sub(r"(?<![\w'’])(['’])0(\d)\b(?![.,]\d)",  # the class of '05: a year, nineteen oh-five's tail
                  lambda m: m.group(1) + ("two thousand" if m.group(2) == "0" else f"oh-{cardinal(m.group(2))}"), text)
    return re.sub(r"(?<![\w.,'’])0\d+(?![\w]|[.,]\d)", lambda m: _zero_led(m.group(0)), text)


def read_dimensions(text: str) -> str:
    """25 x 7 m -> twenty-five by seven meters; 20 m x 30 m -> twenty meters by thirty meters; 8 x 10 -> eight by
    ten; 2.5 × 1.2 × 3 ft -> two point five by one point two by three feet."""
    if "x" not in text and "×" not in text:
        return text
    from .rules_money import UNIT_PATTERN, UNITS

    def dims(m: re.Match) -> str:
        terms = [(m.group(i), m.group(i + 1)) for i in (1, 3, 5) if m.group(i)]  # 25x7m: m is metres here
        words = []
        for n, u in terms:
            one, many = UNITS[u] if u else ("", "")
            words.append(decimal(n) + (f" {one if n == '1' else many}" if u else ""))
        end = "." if terms[-1][1] == "in." and re.match(r"\s*$|\s+[A-Z]", m.string[m.end():]) else ""
        return " by ".join(words) + end
    num = r"(\d+(?:\.\d+)?)"
    unit = rf"(?:\s?({UNIT_PATTERN})(?![\w/²³]))?"
    return re.sub(rf"(?<![\w./$])(?:{num}{unit} ?[x×] ?){num}{unit}(?: ?[x×] ?{num}{unit})?(?![\w./]|[.,]\d)",
                  dims, text)
