"""Russian read aloud: numbers that agree with what they count, money, percentages, dates, years, times and
ordinals with their case endings ("1-й", "5-го", "90-х").

``num2words`` gives the words, with Russian's gender and case (``gender='f'``, ``to='ordinal', case=...``);
the agreement of the noun after a number (1 рубль, 2 рубля, 5 рублей; a decimal takes the genitive singular:
2,5 процента) and the gender of a number before a noun are decided here.  The gender of a noun that is
written out is guessed from its ending after the number ("одна тонна", "две недели", "два рубля"), which is
right for the nouns news counts and wrong for a few masculine nouns in -а ("один мужчина" is read "одна").
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

from .common import (MAX_DIGITS, START, digit_by_digit, kept_stop, n2w, number_pattern, said_dates, said_times, spaced,
                     split_number)

__all__ = ["rules", "agree"]

_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
_MONEY = {"₽": ("рубль", "рубля", "рублей", "m"), "руб.": ("рубль", "рубля", "рублей", "m"),
          "$": ("доллар", "доллара", "долларов", "m"), "US$": ("доллар", "доллара", "долларов", "m"),
          "€": ("евро", "евро", "евро", "m"), "£": ("фунт", "фунта", "фунтов", "m"),
          "¥": ("иена", "иены", "иен", "f"), "₹": ("рупия", "рупии", "рупий", "f"),
          "R$": ("реал", "реала", "реалов", "m"), "₴": ("гривна", "гривны", "гривен", "f")}
_CENTS = {"₽": ("копейка", "копейки", "копеек", "f"), "руб.": ("копейка", "копейки", "копеек", "f"),
          "$": ("цент", "цента", "центов", "m"), "US$": ("цент", "цента", "центов", "m"),
          "€": ("цент", "цента", "центов", "m"), "₴": ("копейка", "копейки", "копеек", "f")}
_SCALES = {"тыс.": ("тысяча", "тысячи", "тысяч", "f"), "млн": ("миллион", "миллиона", "миллионов", "m"),
           "млрд": ("миллиард", "миллиарда", "миллиардов", "m"), "трлн": ("триллион", "триллиона", "триллионов", "m")}
_PERCENT = ("процент", "процента", "процентов")
_SUFFIX = {"й": ("nominative", "m", False), "ый": ("nominative", "m", False), "ой": ("nominative", "m", False),
           "я": ("nominative", "f", False), "ая": ("nominative", "f", False), "е": ("nominative", "n", False),
           "ое": ("nominative", "n", False), "ые": ("nominative", "m", True), "го": ("genitive", "m", False),
           "ого": ("genitive", "m", False), "му": ("dative", "m", False), "ому": ("dative", "m", False),
           "м": ("prepositional", "m", False), "ом": ("prepositional", "m", False), "ым": ("instrumental", "m", False),
           "ю": ("accusative", "f", False), "ую": ("accusative", "f", False), "х": ("genitive", "m", True),
           "ых": ("genitive", "m", True), "ми": ("instrumental", "m", True), "ыми": ("instrumental", "m", True)}
_YEAR_CASE = {"год": "nominative", "года": "genitive", "году": "prepositional", "годом": "instrumental"}
_NUM = number_pattern(True)
_SIGN = r"(?P<sign>(?<![\w.,])[-−])?"
_SYM = "|".join(re.escape(s) for s in sorted(_MONEY, key=len, reverse=True))
_SCALE = "|".join(re.escape(s) for s in _SCALES)


def agree(whole: str, frac: str, forms: tuple) -> str:
    """The noun after a number: 1 -> one, 2-4 -> few, 5-20 -> many, a decimal -> few (genitive singular)."""
    if frac:
        return forms[1]
    n = int(whole[-2:] or "0")
    if 11 <= n % 100 <= 14:
        return forms[2]
    return forms[0] if n % 10 == 1 else forms[1] if 2 <= n % 10 <= 4 else forms[2]


def cardinal(whole: str, gender: str = "m") -> str:
    s = whole.lstrip("0") or "0"
    if len(s) > MAX_DIGITS:
        return digit_by_digit(whole, lambda d: n2w(int(d), "ru"))
    words = n2w(int(s), "ru", gender=gender) if gender != "m" else n2w(int(s), "ru")
    return words[5:] if words.startswith("одна тысяча") else words  # "тысяча двести", as it is said


def number(token: str, sign: str | None = None, gender: str = "m") -> str:
    whole, frac = split_number(token, True)
    if frac and len(whole) + len(frac) <= MAX_DIGITS:
        from num2words import num2words
        words = num2words(Decimal(f"{whole or 0}.{frac}"), lang="ru")  # "сорок две целых пять десятых"
    else:
        words = cardinal(whole, gender) + (f" и {digit_by_digit(frac, lambda d: n2w(int(d), 'ru'))}" if frac else "")
    return f"минус {words}" if sign else words


def ordinal(n: str, case: str = "nominative", gender: str = "m", plural: bool = False) -> str:
    return n2w(int(n), "ru", to="ordinal", case=case, gender=gender, plural=plural)


def _gender_of(whole: str, noun: str) -> str:
    last = int(whole[-2:] or "0")
    if 11 <= last % 100 <= 19 or last % 10 not in (1, 2):
        return "m"
    if last % 10 == 1:
        return "f" if noun.endswith(("а", "я")) else "n" if noun.endswith(("о", "е")) else "m"
    return "f" if noun.endswith(("ы", "и")) else "m"


_TIME = re.compile(rf"{START}(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?![\w]|:\d)")
_DATE = re.compile(r"(?<![\w.,/-])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s?(?P<g>года|г\.))?(?![\w]|\.\d)")
_MONTH_DATE = re.compile(rf"(?<![\w.,])(?P<d>\d{{1,2}})\s(?P<m>{'|'.join(_MONTHS)})\b")
_YEAR = re.compile(r"(?<![\w.,])(?P<y>\d{4})\s?(?P<g>годом|году|года|год|гг?\.)(?![^\W\d_])")
_ORDINAL = re.compile(rf"{START}(?P<n>\d{{1,5}})-(?P<s>{'|'.join(sorted(_SUFFIX, key=len, reverse=True))})(?![\w])")
_MONEY_BEFORE = re.compile(rf"(?P<sym>{_SYM})\s?{_SIGN}(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE})(?![^\W\d_]))?")
_MONEY_AFTER = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE}))?\s?(?P<sym>{_SYM})(?![^\W\d_])")
_PERCENT_RE = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})\s?%")
_PLAIN = re.compile(rf"{_SIGN}{START}(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE})(?![^\W\d_]))?")
_NEXT = re.compile(r"\s([^\W\d_]+)")


def read_times(text: str) -> str:
    """14:30 -> четырнадцать тридцать; 14:00 -> четырнадцать ноль-ноль; 9:05 -> девять ноль пять."""
    def say(h: int, _: int, m: re.Match) -> str:
        mi = m.group("m")
        tail = "ноль-ноль" if mi == "00" else f"ноль {cardinal(mi[1])}" if mi[0] == "0" else cardinal(mi)
        return f"{cardinal(str(h))} {tail}"
    return said_times(_TIME, text, say)


def _day(d: str, before: str) -> str:
    case = "dative" if re.search(r"\bк\s+$", before, re.I) else "accusative" if re.search(r"\bпо\s+$", before, re.I) \
        else "genitive"
    return ordinal(d, case, "n")


def read_dates(text: str) -> str:
    """15.01.2024 -> пятнадцатого января две тысячи двадцать четвёртого года (the day in the genitive, as a
    date is said when it answers "when?"; after к the dative, after по the accusative); 2024 году -> две тысячи
    двадцать четвёртом году; в 2024 г. -> в ... году."""
    def numeric(d: int, mo: int, m: re.Match) -> str:
        return f"{_day(m.group('d'), m.string[max(0, m.start() - 6):m.start()])} {_MONTHS[mo - 1]} " \
               f"{ordinal(m.group('y'), 'genitive')} года"

    def written(m: re.Match) -> str:
        if not 1 <= int(m.group("d")) <= 31:
            return m.group(0)
        return f"{_day(m.group('d'), m.string[max(0, m.start() - 6):m.start()])} {m.group('m')}"

    def year(m: re.Match) -> str:
        g = m.group("g")
        if g.startswith("г") and g.endswith("."):
            prep = re.search(r"\bв\s+$", m.string[max(0, m.start() - 4):m.start()], re.I)
            case, word = ("prepositional", "году") if prep else ("genitive", "года")
            if g == "гг.":
                return f"{ordinal(m.group('y'), case, plural=True)} годов"
        else:
            case, word = _YEAR_CASE[g], g
        return f"{ordinal(m.group('y'), case)} {word}{kept_stop(m)}"
    return _YEAR.sub(year, _MONTH_DATE.sub(written, said_dates(_DATE, text, numeric)))


def read_ordinals(text: str) -> str:
    """1-й -> первый, 5-го -> пятого, 3-я -> третья, 90-е -> девяностые, 1990-х -> тысяча девятьсот девяностых."""
    def say(m: re.Match) -> str:
        n, s = m.group("n"), m.group("s")
        case, gender, plural = _SUFFIX[s]
        if s == "е" and int(n) >= 10 and int(n) % 10 == 0:
            plural = True  # "90-е годы", "2000-е"
        return ordinal(n, case, gender, plural)
    return _ORDINAL.sub(say, text)


def _money(m: re.Match) -> str:
    sym, token, scale = m.group("sym"), m.group("num"), m.group("scale")
    forms = _MONEY[sym]
    whole, frac = split_number(token, True)
    if scale:
        sforms = _SCALES[scale]
        return f"{number(token, m.group('sign'), sforms[3])} {agree(whole, frac, sforms)} {forms[2]}"
    if frac and len(frac) <= 2 and sym in _CENTS and len(whole) <= MAX_DIGITS:
        cents = str(int(frac.ljust(2, "0")))
        cforms = _CENTS[sym]
        out = f"{cardinal(whole, forms[3])} {agree(whole, '', forms)}" if int(whole or "0") or cents == "0" else ""
        if cents != "0":
            out += f" {cardinal(cents, cforms[3])} {agree(cents, '', cforms)}"
        return ("минус " if m.group("sign") else "") + out.strip()
    return f"{number(token, m.group('sign'), forms[3])} {agree(whole, frac, forms)}"


def read_money(text: str) -> str:
    """$5 млрд -> пять миллиардов долларов; 12,50 ₽ -> двенадцать рублей пятьдесят копеек; ₹2 -> две рупии."""
    return _MONEY_AFTER.sub(_money, _MONEY_BEFORE.sub(_money, text))


def read_percent(text: str) -> str:
    """5% -> пять процентов, 2% -> два процента, 1,5% -> одна целая пять десятых процента."""
    def say(m: re.Match) -> str:
        whole, frac = split_number(m.group("num"), True)
        return f"{number(m.group('num'), m.group('sign'))} {agree(whole, frac, _PERCENT)}"
    return _PERCENT_RE.sub(say, text)


def read_numbers(text: str) -> str:
    """Numbers (1 200 and 1 200,5 with a space or no-break space between groups, млн/млрд/тыс. agreeing with
    them), the number's gender from the noun after it; any digits left read as cardinals."""
    def say(m: re.Match) -> str:
        if m.string[m.end():m.end() + 1].isalnum():
            return m.group(0)
        token, scale = m.group("num"), m.group("scale")
        whole, frac = split_number(token, True)
        if scale:
            forms = _SCALES[scale]
            return f"{number(token, m.group('sign'), forms[3])} {agree(whole, frac, forms)}{kept_stop(m)}"
        nxt = _NEXT.match(m.string, m.end(), m.end() + 40)
        gender = _gender_of(whole, nxt.group(1)) if nxt and not frac else "m"
        return number(token, m.group("sign"), gender)
    text = _PLAIN.sub(say, text)
    return re.sub(r"\d+", lambda m: spaced(m, cardinal(m.group(0))), text)


def rules() -> list[Callable[[str], str]]:
    return [read_times, read_dates, read_ordinals, read_money, read_percent, read_numbers]
