"""Normalisation rules for amounts: money, percentages, units of measure and temperatures.

AP style as a newsreader says it: "$4.2 million" -> "four point two million dollars",
"$1.5bn" -> "one point five billion dollars", "$5-10 million" -> "five to ten million
dollars", "a $15 minimum wage" -> "a fifteen-dollar minimum wage", "$15/hour" ->
"fifteen dollars an hour", "$0.99" -> "ninety-nine cents", "5-10%" -> "five to ten
percent", "-12°F" -> "minus twelve degrees Fahrenheit", "a 10-km race" -> "a
ten-kilometer race".  Numbers are passed as written to :mod:`.numbers`, so any length is safe.
"""
from __future__ import annotations

import re

from .numbers import decimal

__all__ = ["read_money", "read_percent", "read_temperatures", "read_units", "NUM", "SIGN"]

NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SIGN = r"(?:(?<![^\s(\[“\"])[-−])"
"""A minus sign: a hyphen or U+2212 after a space, a bracket or the start (not the hyphen of a range)."""
_SCALE_WORDS = {"thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
                "k": "thousand", "m": "million", "mn": "million", "mln": "million", "bn": "billion", "b": "billion",
                "tn": "trillion", "t": "trillion"}
_SCALE = r"(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|THOUSAND|MILLION|BILLION|TRILLION)\b|(?:bn|mn|mln|tn|[kKmMbBT])\b"
# symbol -> (one, many, one cent, many cents, "and" before the cents)
CURRENCIES = {
    "$": ("dollar", "dollars", "cent", "cents"), "US$": ("U.S. dollar", "U.S. dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"), "€": ("euro", "euros", "cent", "cents"),
    "¥": ("yen", "yen", "", ""), "₹": ("rupee", "rupees", "paisa", "paise"), "₩": ("won", "won", "", ""),
}
_CUR = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_NOT_A_NOUN = {"a", "an", "and", "or", "but", "in", "on", "at", "for", "to", "of", "from", "by", "with", "was",
               "is", "are", "were", "will", "would", "could", "should", "has", "have", "had", "that", "which", "this",
               "than", "as", "per", "each", "the", "into", "over", "more", "less", "so", "if", "when", "while",
               "last", "this", "next", "apiece", "total", "overall", "annually", "yearly", "monthly", "ago", "later",
               "instead", "already", "now", "then", "since", "after", "before", "under", "above", "below", "up",
               "down", "off", "out", "back", "too", "also", "only", "just", "still", "even", "yet", "cash",
               "upfront", "outright", "extra", "less", "more", "plus", "minus", "between", "against", "toward",
               "towards", "through", "during", "until", "without", "within", "among", "around", "about", "across",
               "he", "she", "it", "they", "we", "you", "i", "his", "her", "its", "their", "our", "my", "your",
               "who", "what", "where", "why", "how", "not", "no", "all", "both", "some", "any", "every", "be",
               "been", "being", "do", "does", "did", "can", "may", "might", "must", "shall", "said", "says"}
_DETERMINERS = {"a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "my", "your", "every",
                "each", "one", "another", "whose", "new", "proposed", "planned"}
_DAYS_MONTHS = set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
                   "July August September October November December".split())
RATE_UNITS = {"hour": "an hour", "hr": "an hour", "h": "an hour", "day": "a day", "week": "a week", "wk": "a week",
              "month": "a month", "mo": "a month", "year": "a year", "yr": "a year", "person": "a person",
              "head": "a head", "share": "a share", "gallon": "a gallon", "gal": "a gallon", "barrel": "a barrel",
              "bbl": "a barrel", "ton": "a ton", "ticket": "a ticket", "night": "a night", "seat": "a seat",
              "pound": "a pound", "lb": "a pound", "kg": "per kilogram", "kWh": "per kilowatt-hour",
              "MWh": "per megawatt-hour", "sq ft": "per square foot", "sq. ft.": "per square foot",
              "mile": "a mile", "minute": "a minute", "min": "a minute", "visit": "a visit", "dose": "a dose",
              "unit": "a unit", "household": "a household", "student": "a student", "ounce": "an ounce",
              "oz": "an ounce", "liter": "a liter", "litre": "a litre", "L": "a liter", "l": "a liter",
              "g": "a gram", "km": "per kilometer", "mi": "a mile", "m²": "per square meter",
              "m2": "per square meter", "sq m": "per square meter", "m³": "per cubic meter", "m3": "per cubic meter",
              "tonne": "a tonne", "t": "a tonne", "MMBtu": "per million British thermal units"}
_RATE = "|".join(re.escape(u) for u in sorted(RATE_UNITS, key=len, reverse=True))


def _scale(word: str | None) -> str:
    if not word:
        return ""
    return _SCALE_WORDS.get(word.lower(), _SCALE_WORDS.get(word, word.lower()))


def _amount_words(num: str, sym: str) -> str:
    """'9.99' -> 'nine dollars and ninety-nine cents'; '0.99' -> 'ninety-nine cents'; '2.50' with £ ->
    'two pounds fifty'."""
    one, many, cent, cents = CURRENCIES[sym]
    whole, _, frac = num.replace(",", "").partition(".")
    whole = whole.lstrip("0") or "0"
    c = int(frac.ljust(2, "0")[:2]) if frac and cent else 0
    if frac and not cent or (frac and len(frac) > 2):  # yen have no cents; $1.005 is read as a decimal
        return f"{decimal(num)} {many}"
    words = f"{decimal(whole)} {one if whole == '1' else many}"
    if not c:
        return words
    cw = f"{decimal(str(c))} {cent if c == 1 else cents}"
    if whole == "0":
        return cw
    return f"{words} {decimal(str(c))}" if sym == "£" else f"{words} and {cw}"


def read_money(text: str) -> str:
    """$4.2 million -> four point two million dollars; $1.5bn, £300m, $100K; $5-10 million; a $15 minimum
    wage -> a fifteen-dollar minimum wage; $15/hour -> fifteen dollars an hour; $0.99 -> ninety-nine cents."""
    def money(m: re.Match) -> str:
        sym, neg, a, sym2, b, scale_w, rate = (m.group("sym"), m.group("neg"), m.group("a"), m.group("sym2"),
                                               m.group("b"), m.group("scale"), m.group("rate"))
        one, many = CURRENCIES[sym][:2]
        scale = _scale(scale_w)
        rest = m.string[m.end():]
        nxt = re.match(r"\s+([A-Za-z][A-Za-z-]*)", rest)
        before = m.string[max(0, m.start() - 80):m.start()]  # a window: linear time on hostile text
        prev = re.search(r"([A-Za-z]+)\s+$", before)
        minus = "minus " if neg else ""
        trailing_dot = ""
        if scale:
            amount = lambda s: decimal(s.rstrip("0").rstrip(".") if "." in s else s)  # noqa: E731  $4.20 million
            title_case = (scale_w[:1].isupper() and len(scale_w) > 1) or bool(
                prev and prev.group(1)[0].isupper() and len(before) - prev.end(1) <= 2
                and (before[:prev.start(1)].strip() or m.start() > 80))
            attributive = nxt and not rate and ((nxt.group(1).lower() not in _NOT_A_NOUN and nxt.group(1).islower())
                                                or (title_case and nxt.group(1)[0].isupper()
                                                    and nxt.group(1) not in _DAYS_MONTHS)) and one != many
            nums = f"{amount(a)} to {amount(b)}" if b else amount(a)
            words = f"{minus}{nums} {scale} {one if attributive else many}"
        elif b:
            words = f"{minus}{decimal(a)} to {_amount_words(b, sym)}"
        else:
            attributive = (nxt and not rate and "." not in a and one != many and prev
                           and prev.group(1).lower() in _DETERMINERS and nxt.group(1).islower()
                           and nxt.group(1) not in _NOT_A_NOUN)
            words = minus + (f"{decimal(a)}-{one}" if attributive else _amount_words(a, sym))
        if rate:
            words += " " + RATE_UNITS[rate.strip()]
            if m.group(0).endswith(".") and rate.endswith("."):
                trailing_dot = "."
        return words + trailing_dot
    pattern = (rf"(?<![\w$])(?P<neg>{SIGN})?(?P<sym>{_CUR})\s?(?P<a>{NUM}|\.\d+)"  # $.05 is five cents
               rf"(?:\s?(?:[-–]|to)\s?(?P<sym2>{_CUR})?\s?(?P<b>{NUM}))?"
               rf"(?:\s?(?P<scale>{_SCALE}))?"
               rf"(?:\s?/\s?(?P<rate>{_RATE})(?![\w]))?")
    text = re.sub(pattern, money, text)
    text = re.sub(r"\b(dollars|pounds|euros|yen|cents|pence|rupees)\s?[-–]\s?(?=[a-z])", r"\1 to ", text)
    text = re.sub(rf"(?<![\w.$])({NUM})\s?([$€£])(?![\w$])",
                  lambda m: _amount_words(m.group(1), m.group(2)), text)  # 5$ and 20€, as much of the world writes
    text = re.sub(rf"(?<![\w.])({NUM})\s?¢", lambda m: f"{decimal(m.group(1))} "
                  f"{'cent' if m.group(1) == '1' else 'cents'}", text)
    return text


def read_percent(text: str) -> str:
    """3.5% -> three point five percent; 5-10% -> five to ten percent; -2% -> minus two percent."""
    def pct(m: re.Match) -> str:
        neg = "minus " if m.group(1) else ""
        if m.group(3):
            return f"{neg}{decimal(m.group(2))} to {decimal(m.group(3))} percent"
        return f"{neg}{decimal(m.group(2))} percent"
    return re.sub(rf"(?<![\w.])({SIGN})?({NUM})(?:\s?%?\s?(?:[-–]|to)\s?({NUM}))?\s?%", pct, text)


UNITS = {  # written unit -> (one, many); case-sensitive
    "km": ("kilometer", "kilometers"), "kg": ("kilogram", "kilograms"), "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "mi": ("mile", "miles"), "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"), "kph": ("kilometer per hour", "kilometers per hour"),
    "m/s": ("meter per second", "meters per second"), "mpg": ("mile per gallon", "miles per gallon"),
    "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"), "kW": ("kilowatt", "kilowatts"),
    "kWh": ("kilowatt-hour", "kilowatt-hours"), "MWh": ("megawatt-hour", "megawatt-hours"),
    "GWh": ("gigawatt-hour", "gigawatt-hours"), "TWh": ("terawatt-hour", "terawatt-hours"),
    "ft": ("foot", "feet"), "sq ft": ("square foot", "square feet"), "sq mi": ("square mile", "square miles"),
    "km2": ("square kilometer", "square kilometers"), "km²": ("square kilometer", "square kilometers"),
    "m²": ("square meter", "square meters"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "mg": ("milligram", "milligrams"), "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"), "yd": ("yard", "yards"), "yds": ("yard", "yards"),
    "ha": ("hectare", "hectares"), "GB": ("gigabyte", "gigabytes"), "MB": ("megabyte", "megabytes"),
    "TB": ("terabyte", "terabytes"), "GHz": ("gigahertz", "gigahertz"), "MHz": ("megahertz", "megahertz"),
    "kHz": ("kilohertz", "kilohertz"), "Hz": ("hertz", "hertz"), "kt": ("knot", "knots"),
    "hp": ("horsepower", "horsepower"), "mb": ("millibar", "millibars"), "in.": ("inch", "inches"),
    "m/s²": ("meter per second squared", "meters per second squared"),
    "m": ("meter", "meters"), "g": ("gram", "grams"), "L": ("liter", "liters"),
}
for _prefix, _name in (("m", "meter"), ("km", "kilometer"), ("cm", "centimeter"), ("mm", "millimeter"),
                       ("ft", "foot"), ("mi", "mile"), ("yd", "yard")):  # m², m2, km³, km3, sq m, cu ft, …
    _many = "feet" if _name == "foot" else _name + "s"
    for _power, _word in (("2", "square"), ("3", "cubic")):
        UNITS[_prefix + "²³"[int(_power) - 2]] = UNITS[_prefix + _power] = (f"{_word} {_name}", f"{_word} {_many}")
    UNITS[f"sq {_prefix}"] = (f"square {_name}", f"square {_many}")
    UNITS[f"cu {_prefix}"] = (f"cubic {_name}", f"cubic {_many}")
UNITS["mi2"] = UNITS["mi²"]
BARE_UNITS = {"m", "g", "L"}
"""Read as a unit only with a space before them (``25 x 7 m``, ``5 g``, ``2.0 L``): ``100m`` may be metres or
millions and ``5G`` is a network."""
UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_UNIT = UNIT_PATTERN
PER_UNITS = {**{u: one for u, (one, _) in UNITS.items() if "/" not in u},
             "l": "liter", "s": "second", "sec": "second", "h": "hour", "hr": "hour", "min": "minute",
             "day": "day", "d": "day", "week": "week", "month": "month", "yr": "year", "year": "year",
             "person": "person", "capita": "capita", "t": "tonne"}
"""What may follow a unit's slash: ``30 km/l`` -> thirty kilometers per liter, ``5 L/100 km``."""
_PER = "|".join(re.escape(u) for u in sorted(PER_UNITS, key=len, reverse=True))


def read_units(text: str) -> str:
    """12 km -> twelve kilometers; 1 kg -> one kilogram; 65 mph; 5-10 km; a 10-km race -> a ten-kilometer
    race; 6 ft. tall -> six feet tall; 40 m² -> forty square meters; 30 km/l -> thirty kilometers per liter."""
    def unit(m: re.Match) -> str:
        neg, a, b, joiner, u, per_n, per = (m.group(1), m.group(2), m.group(3), m.group(4), m.group(5),
                                            m.group("per_n"), m.group("per"))
        one, many = UNITS[u]
        if u == "in." and not b and not re.match(r"\s+[a-z]", m.string[m.end():]):
            return m.group(0)  # "5 in." at a sentence end is too often the word "in"
        if u in BARE_UNITS and not joiner:
            return m.group(0)  # 100m: metres or millions
        nums = ("minus " if neg else "") + decimal(a) + (f" to {decimal(b)}" if b else "")
        rate = ""
        if per:
            rate = f" per {decimal(per_n)} {UNITS[per][1] if per in UNITS else PER_UNITS[per] + 's'}" if per_n \
                else f" per {PER_UNITS[per]}"
        if joiner == "-":  # a 10-km race: one compound adjective, singular
            return f"{nums}-{one}{rate}"
        words = f"{nums} {one if a.lstrip('-−') == '1' and not b else many}{rate}"
        dot = m.group("dot") or ""
        return words + (dot if dot and not re.match(r"\s+[a-z]", m.string[m.end():]) else "")
    return re.sub(rf"(?<![\w.])({SIGN})?({NUM})(?:\s?(?:[-–]|to)\s?({NUM}))?(\s?|-)({_UNIT})"
                  rf"(?:/(?:(?P<per_n>\d+)\s?)?(?P<per>{_PER}))?(?![\w/²³])"
                  r"(?P<dot>\.(?=\s|$))?", unit, text)


def read_temperatures(text: str) -> str:
    """-12°F -> minus twelve degrees Fahrenheit; 20°C -> twenty degrees Celsius; a 90° angle -> ninety degrees."""
    def deg(m: re.Match) -> str:
        neg, a, b, scale = m.group(1), m.group(2), m.group(3), m.group(4)
        nums = ("minus " if neg else "") + decimal(a) + (f" to {decimal(b)}" if b else "")
        unit = "degree" if a == "1" and not b else "degrees"
        nxt = re.match(r"\s+([a-z]+)", m.string[m.end():])
        prev = re.search(r"\b(a|an|the)\s+$", m.string[max(0, m.start() - 8):m.start()])
        if prev and nxt and not scale and not b and nxt.group(1) not in _NOT_A_NOUN:
            return f"{nums}-degree"  # a 90° angle: a compound adjective
        return f"{nums} {unit}" + ({"C": " Celsius", "F": " Fahrenheit", "K": " Kelvin"}[scale] if scale else "")
    return re.sub(rf"(?<![\w.])({SIGN})?({NUM})(?:\s?°?\s?(?:[-–]|to)\s?({NUM}))?\s?°\s?([CFK])?(?![\w])", deg, text)
