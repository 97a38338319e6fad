"""Spanish, French, German and Portuguese read aloud: one set of rules, each language's words from its table
in :mod:`.western`.  In order: times, dates, ordinals, money, percentages, scale abbreviations, numbers
(with the language's separators), and last any digits left (read as plain cardinals).
"""
from __future__ import annotations

import re
from typing import Callable

from .common import MAX_DIGITS, START, digit_by_digit, kept_stop, n2w, number_pattern, spaced, split_number
from .western import Tongue, before_noun, feminine

__all__ = ["rules"]

_SYMBOLS = {"US$": "USD", "R$": "BRL", "€": "EUR", "$": None, "£": "GBP", "¥": "JPY", "元": "CNY", "₽": "RUB",
            "₹": "INR", "EUR": "EUR", "USD": "USD", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "RUB": "RUB",
            "INR": "INR", "BRL": "BRL", "CHF": "CHF", "MXN": "MXN"}
_SYM = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_FUNCTION_WORDS = {"de", "del", "y", "e", "o", "u", "a", "al", "en", "por", "para", "con", "que", "da", "do", "das",
                   "dos", "no", "na", "em", "ou", "se", "sus", "los", "las", "la", "el", "os", "as"}
_MASC_IN_A = re.compile(r"(?:día|problema|tema|programa|sistema|mapa|clima|idioma|planeta|dia|dias|días)s?$")
_FEM_END = re.compile(r"(?:as?|ción|ciones|sión|siones|dad|dades|ção|ções|são|sões|vez|veces|vezes)$")
_DE_FEM = {"Million", "Milliarde", "Billion", "Woche", "Stunde", "Minute", "Sekunde", "Person", "Frau", "Tonne",
           "Rupie", "Stimme", "Partei", "Firma", "Stadt", "Nacht"}
_DE_CASE = re.compile(r"\b(?:am|vom|zum|beim|im|den|dem|des|seit dem|ab dem|bis zum)\s+$", re.I)
_DE_NOMINATIVE = re.compile(r"\b(?:der|die|das)\s+$", re.I)


class _Reader:
    def __init__(self, t: Tongue):
        self.t, code = t, t.code
        self.code = code
        num = number_pattern(True)
        sign = r"(?P<sign>(?<![\w.,])[-−])?"
        scales = "|".join(re.escape(s) for s in sorted(t.scales, key=len, reverse=True))
        self.money_before = re.compile(rf"(?P<sym>{_SYM})\s?{sign}(?P<num>{num})(?:\s(?P<scale>{scales})(?![^\W\d_]))?")
        self.money_after = re.compile(rf"{sign}{START}(?P<num>{num})(?:\s?(?P<scale>{scales}))?\s?(?P<sym>{_SYM})(?![^\W\d_])")
        self.percent = re.compile(rf"{sign}{START}(?P<num>{num})\s?(?P<sym>%|‰)")
        abbrs = "|".join(re.escape(s) for s in t.scales if s.endswith(".")) or "(?!)"
        self.plain = re.compile(rf"{sign}{START}(?P<num>{num})(?:\s(?P<abbr>{abbrs})(?!\w))?")
        self.digits = re.compile(r"\d+")
        months = "|".join(t.months)
        self.date = re.compile(r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
                               r"(?![\w]|[./-]\d)")
        self.month_date = re.compile(rf"(?<![\w.,])(?P<d>\d{{1,2}})(?P<dot>\.|er)?\s+(?P<de>de\s+)?(?P<m>{months})\b"
                                     r"(?:(?P<de2>,?\s+(?:de\s+)?)(?P<y>\d{4})(?!\d))?")
        self.year = re.compile(r"\b(?P<w>(?i:Jahre?s?|seit|bis|ab|von|Anfang|Ende|Mitte|Sommer|Herbst|Winter|Frühjahr))"
                               r"\s(?P<y>1[1-9]\d\d)(?![\w]|[.,]\d)")
        if code == "fr":
            self.time = re.compile(rf"{START}(?P<h>\d{{1,2}})(?:\s?h\s?(?P<m>\d{{2}})?|:(?P<m2>\d{{2}}))(?![\w]|:\d)")
            self.ordinal = re.compile(rf"{START}(?P<n>\d{{1,4}})(?P<s>ers?|res?|ères?|èmes?|emes?|es?|è|nde?s?|ᵉʳ|ʳᵉ|ᵉ)(?!\w)")
        elif code == "de":
            self.time = re.compile(rf"{START}(?P<h>\d{{1,2}})(?::(?P<m>\d{{2}})(?:\s?Uhr)?|\.(?P<m2>\d{{2}})\s?Uhr)(?![\w]|:\d)")
            self.ordinal = re.compile(r"\b(?P<art>der|die|das|den|dem|des|am|im|zum|zur|vom|beim|einer|einem|einen)"
                                      r"\s(?P<n>\d{1,4})\.(?=\s+[^\W\d_])", re.I)
        else:
            hours = rf"(?:\s?(?:{t.time_words})(?![\w]))?" if t.time_words else ""
            if code == "es":
                self.time = re.compile(rf"{START}(?P<h>\d{{1,2}}):(?P<m>\d{{2}}){hours}(?![\w]|:\d)")
            else:
                self.time = re.compile(rf"{START}(?P<h>\d{{1,2}})(?:h(?P<m>\d{{2}})?(?:min)?|:(?P<m2>\d{{2}})(?:\s?h)?)(?![\w]|:\d)")
            self.ordinal = re.compile(rf"{START}(?P<n>\d{{1,4}})(?:\.?(?P<s>[ºª]|er(?=\s))|\.(?P<d>°))(?![\w])")

    # -- number words -----------------------------------------------------------------------------------------
    def card(self, whole: str) -> str:
        s = whole.lstrip("0") or "0"
        if len(s) > MAX_DIGITS:
            return digit_by_digit(whole, lambda d: n2w(int(d), self.code))
        words = n2w(int(s), self.code)
        if whole[:1] == "0" and len(whole) > 1:  # a code keeps its zeros: "007", "01 23 45"
            words = " ".join([self.t.zero] * (len(whole) - len(s)) + ([words] if s != "0" else []))
        if self.code == "es":  # num2words says "veintiuno mil", "uno millones"
            words = re.sub(r"iuno (?=mil)", "iún ", re.sub(r"\buno (?=mil)", "un ", words))
        return words

    def number(self, token: str, sign: str | None = None) -> str:
        whole, frac = split_number(token, True)
        out = self.card(whole)
        if frac:
            rest = frac.lstrip("0")
            if self.t.digit_decimals or len(rest) > 3:
                tail = digit_by_digit(frac, lambda d: n2w(int(d), self.code))
            else:
                tail = " ".join([self.t.zero] * (len(frac) - len(rest)) + ([self.card(rest)] if rest else []))
            out = f"{out} {self.t.comma} {tail}"
        return f"{self.t.minus} {out}" if sign else out

    def counted(self, words: str, noun: str) -> str:
        """The number before ``noun``: its gender (a heuristic: Spanish and Portuguese nouns in -a, -ción, -dade
        are feminine; German's few feminine nouns a count meets in the news are listed)."""
        if self.code == "de":
            return feminine(words, "de") if noun in _DE_FEM else (before_noun(words, "de") if noun[:1].isupper() else words)
        if self.code == "fr" or noun.lower() in _FUNCTION_WORDS or not noun.isalpha():
            return words
        if _FEM_END.search(noun) and not _MASC_IN_A.search(noun):
            return feminine(words, self.code)
        return before_noun(words, self.code)

    # -- rules ------------------------------------------------------------------------------------------------
    def read_times(self, text: str) -> str:
        def say(m: re.Match) -> str:
            h, mins = int(m.group("h")), m.groupdict().get("m") or m.groupdict().get("m2")
            if h > 24 or (mins and int(mins) > 59):
                return m.group(0)
            one, many = self.t.hour
            hw = self.card(str(h))
            hw = before_noun(hw, "de") if self.code == "de" else feminine(hw, self.code)
            out = f"{hw} {one if h == 1 and self.code != 'de' else many}"
            if self.code == "es" and h == 1:
                out = hw  # "a la una", not "a la una hora"
            if mins and int(mins):
                mw = self.card(str(int(mins)))
                mw = feminine(mw, self.code) if self.code == "fr" else mw
                out += f"{self.t.minute_join}{mw}" + (f" {self.t.minute}" if self.t.minute else "")
            return out
        return self.time.sub(say, text)

    def _day(self, d: int, before: str) -> str:
        if self.code == "de":
            ending = "n" if _DE_CASE.search(before) else "" if _DE_NOMINATIVE.search(before) else "r"
            return n2w(d, "de", to="ordinal") + ending
        if d == 1 and self.code in ("fr",):
            return "premier"
        if d == 1 and self.code.startswith("pt"):
            return "primeiro"
        return self.card(str(d))

    def _year(self, y: str) -> str:
        if self.code == "de" and len(y) == 4:
            return n2w(int(y), "de", to="year")
        return self.card(y)

    def _date(self, d: int, m: int, y: str | None, before: str) -> str:
        day, month = self._day(d, before), self.t.months[m - 1]
        if self.code in ("fr", "de"):
            return f"{day} {month}" + (f" {self._year(y)}" if y else "")
        return f"{day} de {month}" + (f" de {self._year(y)}" if y else "")

    def read_dates(self, text: str) -> str:
        def numeric(m: re.Match) -> str:
            d, mo = int(m.group("d")), int(m.group("m"))
            if not (1 <= d <= 31 and 1 <= mo <= 12):
                return m.group(0)
            return self._date(d, mo, m.group("y"), m.string[max(0, m.start() - 12):m.start()])

        def written(m: re.Match) -> str:
            d = int(m.group("d"))
            if not 1 <= d <= 31 or (self.code == "de") != (m.group("dot") == "."):
                return m.group(0)
            mo = self.t.months.index(m.group("m")) + 1
            return self._date(d, mo, m.group("y"), m.string[max(0, m.start() - 12):m.start()])
        text = self.date.sub(numeric, text)
        text = self.month_date.sub(written, text)
        if self.code == "de":
            text = self.year.sub(lambda m: f"{m.group('w')} {self._year(m.group('y'))}", text)
        return text

    def read_ordinals(self, text: str) -> str:
        def say(m: re.Match) -> str:
            n = int(m.group("n"))
            if self.code == "de":
                word = n2w(n, "de", to="ordinal")
                return f"{m.group('art')} {word}" + ("" if m.group("art").lower() in ("der", "die", "das") else "n")
            s = m.group("s") or ""
            if self.code == "fr":
                if s.startswith(("er", "ᵉʳ")):
                    return "premiers" if s.endswith("s") else "premier"
                if s.startswith(("r", "ère", "ʳᵉ")) and n == 1:
                    return "premières" if s.endswith("s") else "première"
                if s.startswith("nd") and n == 2:
                    return "second" + s[2:].replace("d", "")
                word = n2w(n, "fr", to="ordinal")
                return word + ("s" if s.endswith("s") and s != "es" or s == "es" else "")
            word = n2w(n, self.code, to="ordinal")
            if s == "ª":
                return re.sub(r"o\b", "a", word)
            nxt = re.match(r"\s([^\W\d_]+)", m.string[m.end():m.end() + 40])
            if s == "er" or (self.code == "es" and nxt and nxt.group(1).lower() not in _FUNCTION_WORDS):
                return re.sub(r"(primer|tercer)o$", r"\1", word)  # "primer lugar", "tercer puesto"
            return word
        return self.ordinal.sub(say, text)

    def _money(self, m: re.Match) -> str:
        t = self.t
        cur = _SYMBOLS[m.group("sym")] or t.dollar
        if cur not in t.money:
            return m.group(0)
        one, many, c1, cmany, fem = t.money[cur]
        token, scale = m.group("num"), m.group("scale")
        whole, frac = split_number(token, True)
        if scale:
            sg, pl = t.scales[scale]
            single = whole.lstrip("0") == "1" and not frac
            words = self.number(token, m.group("sign"))
            words = self.counted(words, sg) if single else words
            of = (t.of + " ") if t.of and sg not in ("mil", "mille", "tausend") else ""
            if of and self.code == "fr" and many[0] in "aeiouéè":
                of = "d'"
            return f"{words} {sg if single else pl} {of}{many}"
        if frac and len(frac) <= 2 and c1 and len(whole) <= MAX_DIGITS:
            cents = int(frac.ljust(2, "0"))
            w = int(whole or "0")
            money = ""
            if w or not cents:
                ww = self.card(whole)
                ww = feminine(ww, self.code) if fem else before_noun(ww, self.code)
                money = f"{ww} {one if w == 1 else many}"
            if cents:
                cw = before_noun(self.card(str(cents)), self.code)
                if not money:
                    money = f"{cw} {c1 if cents == 1 else cmany}"
                elif self.code in ("fr", "de"):
                    money += f" {cw}"
                else:
                    money += f"{t.cents_join}{cw} {c1 if cents == 1 else cmany}"
            return f"{t.minus} {money}" if m.group("sign") else money
        words = self.number(token, m.group("sign"))
        if frac:
            return f"{words} {many}"
        words = feminine(words, self.code) if fem else before_noun(words, self.code)
        if re.search(r"(?:millón|millones|millions?|milhão|milhões|milliards?|bilhões|bilhão)$", words):
            of = "d'" if self.code == "fr" and many[0] in "aeiouéè" else t.of + " "
            return f"{words} {of}{many}"
        return f"{words} {one if whole.lstrip('0') == '1' and not frac else many}"

    def read_money(self, text: str) -> str:
        return self.money_after.sub(self._money, self.money_before.sub(self._money, text))

    def read_percent(self, text: str) -> str:
        return self.percent.sub(lambda m: f"{self.number(m.group('num'), m.group('sign'))} "
                                          f"{self.t.percent if m.group('sym') == '%' else self.t.permille}", text)

    def read_numbers(self, text: str) -> str:
        def say(m: re.Match) -> str:
            after = m.string[m.end():m.end() + 1]
            if after.isalnum():
                return m.group(0)
            words = self.number(m.group("num"), m.group("sign"))
            whole, frac = split_number(m.group("num"), True)
            if m.group("abbr"):
                sg, pl = self.t.scales[m.group("abbr")]
                single = whole.lstrip("0") == "1" and not frac
                return f"{self.counted(words, sg) if single else words} {sg if single else pl}{kept_stop(m, self.code == 'de')}"
            if not frac:
                nxt = re.match(r"\s([^\W\d_]+\.?)", m.string[m.end():m.end() + 40])
                if nxt:
                    noun = nxt.group(1).rstrip(".")
                    words = self.counted(words, self.t.scales.get(noun, (noun,))[0])
                    if self.t.of and re.search(r"(?:llón|llones|llions?|lliards?|lhão|lhões)$", words) \
                            and noun.lower() not in ("de", "d") and noun[:1].islower():
                        words += " d'" if self.code == "fr" and noun[:1] in "aeiouéèh" else f" {self.t.of}"
            return words
        text = self.plain.sub(say, text)
        if self.code == "fr":
            text = text.replace(" d' ", " d'")
        return self.digits.sub(lambda m: spaced(m, self.card(m.group(0))), text)

    def rules(self) -> list[Callable[[str], str]]:
        return [self.read_times, self.read_dates, self.read_ordinals, self.read_money, self.read_percent,
                self.read_numbers]


def rules(t: Tongue) -> list[Callable[[str], str]]:
    return _Reader(t).rules()
