"""Hindi read aloud, written here (``num2words`` has no Hindi): Devanagari or Latin digits, Indian grouping
("1,20,000" -> एक लाख बीस हज़ार) read in सौ, हज़ार, लाख and करोड़ (a thousand crore is "एक हज़ार करोड़", as
the news says it), 1100-1999 as hundreds (1998 -> उन्नीस सौ अट्ठानबे, 1200 -> बारह सौ), decimals with
दशमलव, money (₹, Rs., रु. -> रुपये; $ -> डॉलर), percentages (प्रतिशत), numeric dates, times (बजकर ... मिनट) and
ordinals written with their ending (5वां -> पाँचवाँ, 1ली -> पहली).
"""
from __future__ import annotations

import re
from typing import Callable

from .common import DAY_FIRST_DATE, MAX_DIGITS, START, ascii_digits, number_pattern, said_dates, said_times, spaced

__all__ = ["rules", "cardinal"]

_N = ("शून्य एक दो तीन चार पाँच छह सात आठ नौ दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस बीस इक्कीस "
      "बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस इकतीस बत्तीस तैंतीस चौंतीस पैंतीस छत्तीस सैंतीस "
      "अड़तीस उनतालीस चालीस इकतालीस बयालीस तैंतालीस चवालीस पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास पचास इक्यावन "
      "बावन तिरपन चौवन पचपन छप्पन सत्तावन अट्ठावन उनसठ साठ इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ "
      "उनहत्तर सत्तर इकहत्तर बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उन्यासी अस्सी इक्यासी बयासी "
      "तिरासी चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी नब्बे इक्यानबे बानबे तिरानबे चौरानबे पंचानबे छियानबे "
      "सत्तानबे अट्ठानबे निन्यानबे").split()
_HAZAR, _KAROR = "\u0939\u091c\u093c\u093e\u0930", "\u0915\u0930\u094b\u0921\u093c"  # हज़ार, करोड़ (nukta apart, as NFC has it)
_MONTHS = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर")
_MONEY = {"₹": ("रुपया", "रुपये"), "Rs.": ("रुपया", "रुपये"), "Rs": ("रुपया", "रुपये"), "रु.": ("रुपया", "रुपये"),
          "$": ("डॉलर", "डॉलर"), "US$": ("डॉलर", "डॉलर"), "€": ("यूरो", "यूरो"), "£": ("पाउंड", "पाउंड"),
          "¥": ("येन", "येन"), "₽": ("रूबल", "रूबल")}
_SCALE = "करो(?:\u095c|\u0921\u093c)|लाख|ह(?:\u095b|\u091c\u093c?)ार|अरब|मिलियन|बिलियन"
_IRREGULAR = {1: "पहल", 2: "दूसर", 3: "तीसर", 4: "चौथ", 6: "छठ"}
_NUM = number_pattern(False, indian=True)
_SIGN = r"(?P<sign>(?<![\w.,])[-−])?"
_SYM = "|".join(re.escape(s) for s in sorted(_MONEY, key=len, reverse=True))


def _below_1000(n: int) -> list[str]:
    parts = []
    if n >= 100:
        parts.append(f"{_N[n // 100]} सौ")
        n %= 100
    if n:
        parts.append(_N[n])
    return parts


def cardinal(whole: str) -> str:
    """'120000' -> एक लाख बीस हज़ार; '1998' -> उन्नीस सौ अट्ठानबे; '10000000000' -> एक हज़ार करोड़."""
    s = whole.lstrip("0") or "0"
    if len(s) > MAX_DIGITS:
        return " ".join(_N[int(c)] for c in s)
    n = int(s)
    if n == 0:
        return _N[0]
    if 1100 <= n <= 1999 and n % 1000 >= 100:  # 1200 -> बारह सौ, 1998 -> उन्नीस सौ अट्ठानबे
        return " ".join([f"{_N[n // 100]} सौ"] + ([_N[n % 100]] if n % 100 else []))
    parts = []
    karor, n = divmod(n, 10 ** 7)
    if karor:
        parts.append(f"{cardinal(str(karor))} {_KAROR}")
    lakh, n = divmod(n, 10 ** 5)
    if lakh:
        parts.append(f"{_N[lakh]} लाख")
    hazar, n = divmod(n, 1000)
    if hazar:
        parts.append(f"{_N[hazar]} {_HAZAR}")
    return " ".join(parts + _below_1000(n))


def number(token: str, sign: str | None = None) -> str:
    whole, _, frac = token.replace(",", "").partition(".")
    out = cardinal(whole)
    if frac:
        out += " दशमलव " + " ".join(_N[int(c)] for c in frac)
    return f"माइनस {out}" if sign else out


def _is_one(token: str) -> bool:
    return token.replace(",", "").lstrip("0") == "1"


_TIME = re.compile(rf"{START}(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?:\s?बजे)?(?![\w]|:\d)")
_DATE = DAY_FIRST_DATE
_ORDINAL = re.compile(rf"{START}(?P<n>\d{{1,4}})\s?(?P<s>वाँ|वां|वीं|वें|वे|ला|ली|ले|रा|री|रे|था|थी|थे|ठा|ठी|ठे)(?![\w])")
_MONEY_RE = re.compile(rf"(?P<sym>{_SYM})\s?{_SIGN}(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?")
_PERCENT = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})\s?%")
_POSTPOSITION = re.compile(r"\s(?:का|की|के|में|से|को|पर|तक)(?!\w)")
_PLAIN = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})")


def read_times(text: str) -> str:
    """14:30 -> चौदह बजकर तीस मिनट; 14:00 -> चौदह बजे."""
    return said_times(_TIME, text, lambda h, mi, m: f"{_N[h]} बजे" if not mi else f"{_N[h]} बजकर {_N[mi]} मिनट")


def read_dates(text: str) -> str:
    """15/01/2024, 15.01.2024, 15-01-2024 -> पंद्रह जनवरी दो हज़ार चौबीस (day first, as India writes dates)."""
    return said_dates(_DATE, text, lambda d, mo, m: f"{_N[d]} {_MONTHS[mo - 1]} {cardinal(m.group('y'))}")


def read_ordinals(text: str) -> str:
    """5वां -> पाँचवाँ, 5वीं -> पाँचवीं, 1ला -> पहला, 2री -> दूसरी, 6ठा -> छठा; the ending says the gender."""
    def say(m: re.Match) -> str:
        n, s = int(m.group("n")), m.group("s")
        vowel = "ी" if "ी" in s else "े" if "े" in s else "ा"
        if n in _IRREGULAR:
            return _IRREGULAR[n] + vowel
        return cardinal(str(n)) + {"ा": "वाँ", "ी": "वीं", "े": "वें"}[vowel]
    return _ORDINAL.sub(say, text)


def read_money(text: str) -> str:
    """₹5 करोड़ -> पाँच करोड़ रुपये; ₹1,20,000 -> एक लाख बीस हज़ार रुपये; ₹1 -> एक रुपया; $10 -> दस डॉलर."""
    def say(m: re.Match) -> str:
        one, many = _MONEY[m.group("sym")]
        scale = m.group("scale")
        words = number(m.group("num"), m.group("sign"))
        if scale:
            return f"{words} {scale} {many}"
        whole, _, frac = m.group("num").replace(",", "").partition(".")
        oblique = _POSTPOSITION.match(m.string, m.end())  # "एक रुपये का", not "एक रुपया का"
        if frac and len(frac) <= 2 and m.group("sym") in ("₹", "Rs.", "Rs", "रु.") and len(whole) <= MAX_DIGITS:
            paise = int(frac.ljust(2, "0"))
            rupees = f"{cardinal(whole)} {one if whole.lstrip('0') == '1' and not oblique else many}"
            return rupees + (f" {_N[paise]} पैसे" if paise else "")
        return f"{words} {one if _is_one(m.group('num')) and not oblique else many}"
    return _MONEY_RE.sub(say, text)


def read_percent(text: str) -> str:
    return _PERCENT.sub(lambda m: f"{number(m.group('num'), m.group('sign'))} प्रतिशत", text)


def read_numbers(text: str) -> str:
    text = _PLAIN.sub(lambda m: m.group(0) if m.string[m.end():m.end() + 1].isalnum()
                      else number(m.group("num"), m.group("sign")), text)
    return re.sub(r"\d+", lambda m: spaced(m, cardinal(m.group(0))), text)


def rules() -> list[Callable[[str], str]]:
    return [ascii_digits, read_times, read_dates, read_ordinals, read_money, read_percent, read_numbers]
