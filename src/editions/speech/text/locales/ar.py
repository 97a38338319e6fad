"""Arabic read aloud: Arabic-Indic (٠١٢) or Western digits, ٫ and ٬ as the decimal and group marks, numbers,
money with the counted noun's agreement (دولار واحد، دولاران، ثلاثة دولارات، عشرون دولاراً، مئة دولار),
percentages (في المئة), dates (الخامس عشر من يناير عام ألفين وأربعة وعشرين), years after عام, and times.

Cardinals come from ``num2words``, corrected here: its "و " is joined to the next word as Arabic writes it,
its construct duals standing alone are made whole (200 "مئتا" -> مئتان, 2000 "ألفا" -> ألفان), and decimals
are read with فاصلة (num2words' are broken).  Numbers are read in the nominative and not in the case a
sentence would give them (a year after عام is put in the genitive, ألفين); ordinals written with digits are
not read (Arabic news writes them in words).
"""
from __future__ import annotations

import re
from typing import Callable

from .common import DAY_FIRST_DATE, MAX_DIGITS, START, ascii_digits, n2w, number_pattern, said_dates, said_times, spaced

__all__ = ["rules", "cardinal"]

_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
           "ديسمبر")
_LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
           "تشرين الثاني", "كانون الأول")
_DAYS = ("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر").split()
_HOURS = ("الواحدة الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة").split()
# (one, two, three to ten, eleven to ninety-nine, a hundred and more)
_MONEY = {"$": ("دولار", "دولاران", "دولارات", "دولاراً", "دولار"),
          "US$": ("دولار", "دولاران", "دولارات", "دولاراً", "دولار"),
          "€": ("يورو", "يورو", "يورو", "يورو", "يورو"),
          "£": ("جنيه إسترليني", "جنيهان إسترلينيان", "جنيهات إسترلينية", "جنيهاً إسترلينياً", "جنيه إسترليني"),
          "¥": ("ين", "ين", "ين", "ين", "ين"), "₽": ("روبل", "روبلان", "روبلات", "روبلاً", "روبل"),
          "₹": ("روبية", "روبيتان", "روبيات", "روبية", "روبية")}
_SCALE = r"مليارات|مليار|ملايين|مليون|آلاف|ألف"
_DUALS = {"مئتا": "مئتان", "ألفا": "ألفان", "مليونا": "مليونان", "مليارا": "ملياران"}
_NUM = number_pattern(False)
_SIGN = r"(?P<sign>(?<![\w.,])[-−])?"
_SYM = "|".join(re.escape(s) for s in sorted(_MONEY, key=len, reverse=True))


def cardinal(whole: str, construct: bool = False) -> str:
    """'1200' -> ألف ومئتان; '42' -> اثنان وأربعون; before the noun it counts (``construct``) a dual stays in
    its construct form: 200 شخص -> مئتا شخص."""
    s = whole.lstrip("0") or "0"
    if len(s) > MAX_DIGITS:
        return " ".join(n2w(int(c), "ar") for c in s)
    words = re.sub(r"(?<!\S)و\s+", "و", n2w(int(s), "ar").strip())
    last = words.rsplit(" ", 1)
    if last[-1].lstrip("و") in _DUALS and not construct:
        w = last[-1]
        last[-1] = w[:len(w) - len(w.lstrip("و"))] + _DUALS[w.lstrip("و")]
    return " ".join(last)


def genitive(words: str) -> str:
    """ألفان وأربعة وعشرون -> ألفين وأربعة وعشرين (after عام, من, في)."""
    return re.sub(r"(ون|ان)\b", "ين", words)


def number(token: str, sign: str | None = None, construct: bool = False) -> str:
    whole, _, frac = token.replace(",", "").partition(".")
    out = cardinal(whole, construct and not frac)
    if frac:
        rest = frac.lstrip("0")
        tail = ["صفر"] * (len(frac) - len(rest)) + ([cardinal(rest)] if rest and len(rest) <= 3 else
                                                     [cardinal(c) for c in rest])
        out += " فاصلة " + " ".join(tail)
    return f"سالب {out}" if sign else out


def _day(d: int) -> str:
    if d <= 10:
        return _DAYS[d - 1]
    if d < 20:
        return ("الحادي" if d == 11 else _DAYS[d - 11]) + " عشر"
    if d % 10 == 0:
        return {20: "العشرون", 30: "الثلاثون"}[d]
    return ("الحادي" if d % 10 == 1 else _DAYS[d % 10 - 1]) + " و" + {2: "العشرون", 3: "الثلاثون"}[d // 10]


def _hour(h: int) -> str:
    if 1 <= h <= 10:
        return _HOURS[h - 1]
    if 11 <= h <= 19:
        return ("الحادية" if h == 11 else _HOURS[h - 11]) + " عشرة"
    if h == 20:
        return "العشرين"
    if 21 <= h <= 24:
        return ("الحادية" if h == 21 else _HOURS[h - 21]) + " والعشرين"
    return "الصفر"


_TIME = re.compile(rf"(?P<pre>الساعة\s)?{START}(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?![\w]|:\d)")
_DATE = DAY_FIRST_DATE
_MONTH_DATE = re.compile(rf"(?<![\w.,])(?P<d>\d{{1,2}})\s(?P<m>{'|'.join(_MONTHS + _LEVANT)}|إبريل)(?![\w])"
                         r"(?:\s(?:عام\s)?(?P<y>\d{4})(?![\w]|[.,]\d))?")
_YEAR = re.compile(r"(?P<w>عام|سنة|العام)\s(?P<y>\d{4})(?![\w]|[.,]\d)")
_MONEY_BEFORE = re.compile(rf"(?P<sym>{_SYM})\s?{_SIGN}(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE}))?")
_MONEY_AFTER = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE}))?\s?(?P<sym>{_SYM})")
_PERCENT = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})\s?%")
_WORD_AFTER = re.compile(r"\s[\u0621-\u064a]")
_PLAIN = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})")


def read_times(text: str) -> str:
    """14:30 -> الساعة الرابعة عشرة والنصف; 9:15 -> الساعة التاسعة والربع; 8:10 -> الساعة الثامنة وعشر دقائق."""
    def say(h: int, mi: int, m: re.Match) -> str:
        out = f"الساعة {_hour(h)}"
        if mi == 30:
            out += " والنصف"
        elif mi == 15:
            out += " والربع"
        elif mi:
            count = cardinal(str(mi))
            if 3 <= mi <= 10:  # a feminine noun takes the number's other form: خمس دقائق
                count = count.removesuffix("ة")
            out += " و" + count + (" دقائق" if 3 <= mi <= 10 else " دقيقة")
        return out
    return said_times(_TIME, text, say)


def read_dates(text: str) -> str:
    """15/01/2024 and 15 يناير 2024 -> الخامس عشر من يناير عام ألفين وأربعة وعشرين; عام 2024 -> عام ألفين ..."""
    def say(m: re.Match, d: int, month: str) -> str:
        day = _day(d)
        if re.search(r"(?:^|\s)[وف]?(?:في|منذ|حتى)\s$", m.string[max(0, m.start() - 6):m.start()]):
            day = genitive(day)  # في الحادي والثلاثين
        y = m.group("y")
        return f"{day} من {month}" + (f" عام {genitive(cardinal(y))}" if y else "")


    def written(m: re.Match) -> str:
        d = int(m.group("d"))
        return say(m, d, m.group("m")) if 1 <= d <= 31 else m.group(0)
    text = _MONTH_DATE.sub(written, said_dates(_DATE, text, lambda d, mo, m: say(m, d, _MONTHS[mo - 1])))
    return _YEAR.sub(lambda m: f"{m.group('w')} {genitive(cardinal(m.group('y')))}", text)


def _count(token: str, forms: tuple) -> str:
    whole, _, frac = token.replace(",", "").partition(".")
    if frac or len(whole) > MAX_DIGITS:
        return f"{number(token)} {forms[0]}"
    n = int(whole)
    if n == 1:
        return f"{forms[0]} {'واحدة' if forms[0].endswith('ة') else 'واحد'}"
    if n == 2:
        return forms[1]
    last = n % 100
    noun = forms[2] if 3 <= last <= 10 else forms[3] if last >= 11 or (n < 100 and last) else forms[4]
    return f"{cardinal(whole, noun == forms[4])} {noun}"


def read_money(text: str) -> str:
    """$5 -> خمسة دولارات; $42.5 مليون -> اثنان وأربعون فاصلة خمسة مليون دولار; 20 € -> عشرون يورو."""
    def say(m: re.Match) -> str:
        forms = _MONEY[m.group("sym")]
        minus = "سالب " if m.group("sign") else ""
        if m.group("scale"):
            return f"{minus}{number(m.group('num'))} {m.group('scale')} {forms[0]}"
        return minus + _count(m.group("num"), forms)
    return _MONEY_AFTER.sub(say, _MONEY_BEFORE.sub(say, text))


def read_percent(text: str) -> str:
    return _PERCENT.sub(lambda m: f"{number(m.group('num'), m.group('sign'))} في المئة", text)


def read_numbers(text: str) -> str:
    text = _PLAIN.sub(lambda m: m.group(0) if m.string[m.end():m.end() + 1].isalnum()
                      else number(m.group("num"), m.group("sign"), bool(_WORD_AFTER.match(m.string, m.end()))), text)
    return re.sub(r"\d+", lambda m: spaced(m, cardinal(m.group(0))), text)


def _marks(text: str) -> str:
    """Arabic digits -> 0-9, the Arabic decimal separator ٫ -> '.', thousands ٬ -> ',', ٪ -> '%'."""
    if text.isascii():
        return text
    return ascii_digits(text).replace("٫", ".").replace("٬", ",").replace("٪", "%")


def rules() -> list[Callable[[str], str]]:
    return [_marks, read_times, read_dates, read_money, read_percent, read_numbers]
