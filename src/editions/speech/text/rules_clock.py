"""Normalisation rules for dates and times written the way most of the world writes them.

Numeric dates: ``15.01.2020``, ``15-01-2020`` and ``15/01/2020`` are the fifteenth of January, read in the
project's date style ("January fifteenth, twenty twenty").  A day over 12 decides the order; when both
readings are possible (``05.01.2020``) the separator and the article's English decide it:

- dots are day first everywhere (the United States does not write dates with dots);
- slashes and hyphens are month first in US English (``en``, ``en-US``, and ``en-PH``, ``en-CA``, which
  write them that way too) and day first in every other English (``en-GB``, ``en-AU``, ``en-IN``, …).

``2020/01/15`` and ``2020.01.15`` are year first, as ISO dates are.  A date that cannot be (31.02.2020, a
13th month both ways) is left as written.

``h:mm:ss`` is a duration (a race time, "finished in 2:05:30" -> "two hours, five minutes and thirty
seconds"; parts that are zero are not said) unless it is a time of day: with a.m./p.m., a time zone, or
after "at", "by", "until", "from", "since" it is a clock reading with its seconds ("at 10:42:15 a.m." -> "at
ten forty-two and fifteen seconds a.m.").  Either way no zero is lost.
"""
from __future__ import annotations

import re
from typing import Callable

from .numbers import cardinal, decimal, ordinal, year

__all__ = ["ZONES", "ZONE", "read_numeric_dates", "numeric_dates_for", "read_long_times", "MONTH_FIRST_ENGLISH"]

MONTH_NAMES = ("January February March April May June July August September October November December").split()
_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MONTH_FIRST_ENGLISH = {"", "us", "ph", "ca", "um", "as", "gu", "mp", "pr", "vi"}
"""Regions of English (BCP 47, lower case; "" for plain ``en``) whose numeric dates with slashes or hyphens put
the month first."""

ZONES = {"ET": "Eastern Time", "EST": "Eastern Standard Time", "EDT": "Eastern Daylight Time",
         "CT": "Central Time", "CST": "Central Standard Time", "CDT": "Central Daylight Time",
         "MT": "Mountain Time", "MST": "Mountain Standard Time", "MDT": "Mountain Daylight Time",
         "PT": "Pacific Time", "PST": "Pacific Standard Time", "PDT": "Pacific Daylight Time",
         "AKST": "Alaska Standard Time", "AKDT": "Alaska Daylight Time", "HST": "Hawaii Standard Time",
         "GMT": "G.M.T.", "UTC": "U.T.C.", "BST": "British Summer Time", "CET": "Central European Time"}
ZONE = "|".join(sorted(ZONES, key=len, reverse=True))


def _date(d: int, mo: int, y: str) -> str | None:
    if not (1 <= mo <= 12 and 1 <= d <= _DAYS_IN[mo - 1]):
        return None
    if len(y) == 2:
        y = ("19" if int(y) > 30 else "20") + y
    return f"{MONTH_NAMES[mo - 1]} {ordinal(d)}, {year(int(y))}"


def _order(a: int, b: int, day_first: bool) -> tuple[int, int]:
    """(day, month) for a numeric date written a-b-year."""
    if a > 12 >= b:
        return a, b
    if b > 12 >= a:
        return b, a
    return (a, b) if day_first else (b, a)


_NUMERIC = re.compile(r"(?<![\w.,/:+-])(\d{1,2})([./-])(\d{1,2})\2((?:1[89]|20)\d\d|\d\d)(?![\w/-]|[.,:]\d)")
_YEAR_FIRST = re.compile(r"(?<![\w.,/:+-])((?:1[89]|20)\d\d)([./])(\d\d)\2(\d\d)(?![\w/-]|[.,:]\d)")


def read_numeric_dates(text: str, slashes_day_first: bool = False) -> str:
    """15.01.2020, 15-01-2020, 15/01/2020 -> January fifteenth, twenty twenty; 05.01.2020 -> January fifth
    (dots are day first); 05-01-2020 -> May first unless ``slashes_day_first`` (slashes are left to
    :func:`.rules_numeric.read_slashes` then); 2020/01/15 -> January fifteenth, twenty twenty."""
    if not any(c in text for c in "./-"):
        return text

    def numeric(m: re.Match) -> str:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if len(y) == 2 and sep != "/":  # 15.01.20 may be a version or a score: only slashes take a short year
            return m.group(0)
        if sep == "/" and not slashes_day_first and not a > 12 >= b:
            return m.group(0)  # month first: read_slashes reads it, with 7/4 and 9/11
        d, mo = _order(a, b, day_first=sep == "." or slashes_day_first)
        return _date(d, mo, y) or m.group(0)
    text = _NUMERIC.sub(numeric, text)
    return _YEAR_FIRST.sub(lambda m: _date(int(m.group(4)), int(m.group(3)), m.group(1)) or m.group(0), text)


def numeric_dates_for(lang: str) -> Callable[[str], str]:
    """The numeric-date rule for an English ``lang`` (BCP 47): slashes and hyphens month first in US English."""
    parts = (lang or "en").lower().replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    if region in MONTH_FIRST_ENGLISH:
        return read_numeric_dates
    return lambda text: read_numeric_dates(text, slashes_day_first=True)


def _unit(n: str, one: str) -> str:
    n = n.lstrip("0")
    words = decimal("0" + n if not n or n.startswith(".") else n)
    return f"{words} {one if words == 'one' else one + 's'}"


def read_long_times(text: str) -> str:
    """2:05:30 -> two hours, five minutes and thirty seconds; at 10:42:15 a.m. -> at ten forty-two and fifteen
    seconds a.m.; at 14:00:05 GMT -> at fourteen hundred and five seconds G.M.T."""
    if text.count(":") < 2:
        return text

    def hms(m: re.Match) -> str:
        h, mins, secs, ampm, zone = m.group("h"), m.group("m"), m.group("s"), m.group("ampm"), m.group("zone")
        if int(mins) > 59 or float(secs) >= 60 or ((ampm or zone) and int(h) > 24):
            return m.group(0)
        before = m.string[max(0, m.start() - 12):m.start()]  # a window: linear time on hostile text
        clock = ampm or zone or re.search(r"\b(?:at|by|until|till|from|since|before|after)\s+$", before, re.I)
        if clock and int(h) <= 24:
            words = cardinal(int(h))
            if int(mins):
                words += " " + (f"oh {cardinal(int(mins))}" if int(mins) < 10 else cardinal(int(mins)))
            elif not ampm or float(secs):
                words += " hundred" if int(h) > 12 else " o'clock"
            if float(secs):
                words += " and " + _unit(secs, "second")
            if ampm:
                words += " " + ("a.m." if ampm[0].lower() == "a" else "p.m.")
            return words + (f" {ZONES[zone]}" if zone else "")
        parts = [_unit(v, u) for v, u in ((h, "hour"), (mins, "minute")) if int(v)]
        if float(secs) or not parts:
            parts.append(_unit(secs, "second"))
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return re.sub(rf"(?<![\w:.])(?P<h>\d{{1,2}}):(?P<m>\d\d):(?P<s>\d\d(?:\.\d{{1,3}})?)(?![\w:]|[.,]\d)"
                  rf"(?:\s?(?P<ampm>[AaPp]\.?[Mm]\b\.?))?(?:\s+\(?(?P<zone>{ZONE})\)?(?=\W|$))?", hms, text)
