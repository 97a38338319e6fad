"""Text normalised for speech: written article text in, words a voice can read out.

A list of small rules (:data:`RULES`), each ``str -> str``, run in order.  Every
engine gets the same output, so "Maj. Gen." is "Major General" and "$4.2 million"
is "four point two million dollars" whichever voice reads it.  The verifier
(:mod:`editions.verify`) runs the same rules over the expected text.
"""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Callable

from .numbers import cardinal, decimal, ordinal, year

__all__ = ["normalise", "RULES", "expand_abbreviations", "read_urls", "read_money", "read_percent",
           "read_times", "read_dates", "read_ranges", "read_numbers", "read_symbols", "drop_markup", "drop_emoji"]

# Multi-word titles first; each is only expanded where written with its period.
ABBREVIATIONS = [
    ("Maj. Gen.", "Major General"), ("Brig. Gen.", "Brigadier General"), ("Lt. Gen.", "Lieutenant General"),
    ("Lt. Gov.", "Lieutenant Governor"), ("Lt. Col.", "Lieutenant Colonel"), ("Rear Adm.", "Rear Admiral"),
    ("Gen.", "General"), ("Maj.", "Major"), ("Lt.", "Lieutenant"), ("Col.", "Colonel"), ("Capt.", "Captain"),
    ("Sgt.", "Sergeant"), ("Cpl.", "Corporal"), ("Adm.", "Admiral"), ("Cmdr.", "Commander"),
    ("Gov.", "Governor"), ("Sen.", "Senator"), ("Rep.", "Representative"), ("Sens.", "Senators"),
    ("Reps.", "Representatives"), ("Pres.", "President"), ("Supt.", "Superintendent"), ("Atty.", "Attorney"),
    ("Dr.", "Doctor"), ("Prof.", "Professor"), ("Mr.", "Mister"), ("Mrs.", "Missus"), ("Ms.", "Ms"),
    ("Jr.", "Junior"), ("Sr.", "Senior"), ("Rev.", "Reverend"), ("Hon.", "Honorable"),
    ("Fwy.", "Freeway"), ("Ave.", "Avenue"), ("Blvd.", "Boulevard"), ("Rd.", "Road"), ("Hwy.", "Highway"),
    ("Mt.", "Mount"), ("Ft.", "Fort"), ("Pl.", "Place"), ("Ln.", "Lane"), ("Dept.", "Department"),
    ("Corp.", "Corporation"), ("Inc.", "Incorporated"), ("Co.", "Company"), ("Ltd.", "Limited"),
    ("No.", "Number"), ("approx.", "approximately"), ("vs.", "versus"), ("etc.", "et cetera"),
    ("e.g.", "for example"), ("i.e.", "that is"),
    ("U.S.A.", "U S A"), ("U.S.", "U S"), ("U.K.", "U K"), ("U.N.", "U N"), ("L.A.", "L A"), ("D.C.", "D C"),
    ("N.Y.", "New York"), ("Calif.", "California"), ("Ore.", "Oregon"), ("Vt.", "Vermont"), ("Wash.", "Washington"),
    ("Ariz.", "Arizona"), ("Fla.", "Florida"), ("Mass.", "Massachusetts"), ("Tex.", "Texas"), ("Ill.", "Illinois"),
    ("Mich.", "Michigan"), ("Penn.", "Pennsylvania"), ("Pa.", "Pennsylvania"), ("Ga.", "Georgia"),
    ("Colo.", "Colorado"), ("Conn.", "Connecticut"), ("Minn.", "Minnesota"), ("Nev.", "Nevada"), ("Va.", "Virginia"),
]
MONTHS = {"Jan.": "January", "Feb.": "February", "Mar.": "March", "Apr.": "April", "Aug.": "August",
          "Sept.": "September", "Sep.": "September", "Oct.": "October", "Nov.": "November", "Dec.": "December"}
MONTH_NAMES = ("January February March April May June July August September October November December").split()
_SCALE = r"(?:thousand|million|billion|trillion)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


_TITLE_WORDS = {"Major", "General", "Lieutenant", "Colonel", "Captain", "Sergeant", "Corporal", "Admiral",
                "Commander", "Governor", "Senator", "Representative", "Senators", "Representatives", "President",
                "Superintendent", "Attorney", "Doctor", "Professor", "Mister", "Missus", "Ms", "Reverend",
                "Honorable", "Mount", "Fort", "Number", "Brigadier", "Rear", "Saint"}


def _ends_sentence(text: str, end: int, long: str) -> bool:
    """Whether the full stop of an abbreviation ending at ``end`` also ends the sentence."""
    rest = text[end:]
    if not rest.strip():
        return True
    if long.split()[-1] in _TITLE_WORDS:  # titles are followed by a name, never end a sentence
        return False
    return bool(re.match(r"\s+[A-Z“\"‘]", rest))


def _sub_abbrev(text: str, short: str, long: str) -> str:
    pattern = r"(?<![\w.])" + re.escape(short) + r"(?=(\s|$|[,;:)”\"’]))"
    return re.sub(pattern, lambda m: long + ("." if _ends_sentence(m.string, m.end(), long) else ""), text)


def expand_abbreviations(text: str) -> str:
    """Maj. Gen. -> Major General, Dr. -> Doctor, St. -> Street or Saint, Sept. -> September."""
    for short, long in MONTHS.items():
        text = re.sub(r"(?<![\w.])" + re.escape(short) + r"(?=\s+\d)", long, text)
    # "Front St." is a street; "St. Mary" (after a lowercase word or at the start) is a saint
    def street_or_saint(m: re.Match) -> str:
        before = m.group(1)
        if before and before[0].isupper():
            return f"{before} Street" + ("." if _ends_sentence(m.string, m.end(), "Street") else "")
        return f"{before} Saint" if before else "Saint"
    text = re.sub(r"(?:\b([A-Za-z]+) )?(?<![\w.])St\.(?=\s|$|[,;:])", street_or_saint, text)
    for short, long in ABBREVIATIONS:
        text = _sub_abbrev(text, short, long)
    return text


def drop_markup(text: str) -> str:
    """HTML tags and entities, Markdown emphasis markers and heading hashes are not read out."""
    text = html.unescape(text)
    text = re.sub(r"</?[A-Za-z][^<>]{0,200}>", " ", text)
    text = re.sub(r"(?<!\w)[*_]{1,3}(?=\w)|(?<=\w)[*_]{1,3}(?!\w)", "", text)
    return re.sub(r"^#{1,6}\s+", "", text)


def read_urls(text: str) -> str:
    """URLs and bare domains are read as their domain: 'portalder dot example dot org'."""
    def domain(m: re.Match) -> str:
        host = re.sub(r"^(?:https?://|ftp://)?(?:www\.)?", "", m.group(0), flags=re.I).split("/")[0].split("?")[0]
        return " dot ".join(p for p in host.split(".") if p)
    pattern = (r"(?:\b(?:https?://|ftp://|www\.)\S+?|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|uk|us|ca|info|news)"
               r"\b(?:/\S*?)?)(?=[.,;:!?)”\"’]*(?:\s|$))")
    out = re.sub(pattern, domain, text, flags=re.I)
    return re.sub(r"(\w) dot (\w+)([.,;:])(?=\s|$)", r"\1 dot \2\3", out)


_NOT_A_NOUN = {"a", "an", "and", "or", "but", "in", "on", "at", "for", "to", "of", "from", "by", "with", "was",
               "is", "are", "were", "will", "would", "could", "should", "has", "have", "had", "that", "which", "this",
               "than", "as", "per", "each", "a", "the", "into", "over", "more", "less", "so", "if", "when", "while"}


def read_money(text: str) -> str:
    """$4.2 million -> four point two million dollars (but "a $4.2 million plan" -> "... million dollar plan");
    $9.99 -> nine dollars and ninety-nine cents."""
    def money(m: re.Match) -> str:
        sym, num, scale = m.group(1), m.group(2), m.group(3)
        unit = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}[sym]
        nxt = re.match(r"\s+([a-z][a-z-]*)", m.string[m.end():])
        if scale:
            attributive = nxt and nxt.group(1) not in _NOT_A_NOUN and unit != "yen"
            amount = num.rstrip("0").rstrip(".") if "." in num else num  # $4.20 million: "four point two"
            return f"{decimal(amount)} {scale} {unit[:-1] if attributive else unit}"
        whole, _, cents = num.replace(",", "").partition(".")
        w = int(whole)
        out = f"{cardinal(w)} {unit[:-1] if w == 1 and unit != 'yen' else unit}"
        if cents and int(cents):
            c = int(cents.ljust(2, "0")[:2])
            out += f" and {cardinal(c)} {'cent' if c == 1 else 'cents'}" if sym == "$" else f" {cardinal(c)}"
        return out
    return re.sub(rf"([$£€¥])\s?({_NUM})(?:\s+({_SCALE})\b)?", money, text)


def read_percent(text: str) -> str:
    """3.5% -> three point five percent."""
    return re.sub(rf"({_NUM})\s?%", lambda m: f"{decimal(m.group(1))} percent", text)


def read_times(text: str) -> str:
    """6 p.m. -> six P M; 7:30 a.m. -> seven thirty A M; 18:45 -> eighteen forty-five."""
    def clock(m: re.Match) -> str:
        h, mins, ampm = int(m.group(1)), m.group(2), m.group(3)
        words = cardinal(h)
        if mins and int(mins):
            words += " " + (f"oh {cardinal(int(mins))}" if int(mins) < 10 else cardinal(int(mins)))
        if ampm:
            words += " " + ("A M" if ampm[0].lower() == "a" else "P M")
            if m.group(0).endswith(".") and _ends_sentence(m.string, m.end(), "M"):
                words += "."
        elif mins and not int(mins):
            words += " hundred" if h > 12 else " o'clock"
        return words
    text = re.sub(r"\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\.?(?=\W|$)", clock, text, flags=re.I)
    text = re.sub(r"\b(\d{1,2}):(\d{2})()\b", clock, text)
    return text


def read_dates(text: str) -> str:
    """March 3, 2027 -> March third, twenty twenty-seven; 3rd -> third."""
    months = "|".join(MONTH_NAMES)
    text = re.sub(rf"\b({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(,?\s+(\d{{4}}))?",
                  lambda m: f"{m.group(1)} {ordinal(int(m.group(2)))}"
                  + (f", {year(int(m.group(4)))}" if m.group(4) else ""), text)
    return re.sub(r"\b(\d+)(st|nd|rd|th)\b", lambda m: ordinal(int(m.group(1))), text)


def read_ranges(text: str) -> str:
    """4-1 vote -> four to one vote; 2020-2024 -> twenty twenty to twenty twenty-four; 8 to 12 stays words."""
    def rng(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        conv = (lambda s: year(int(s))) if len(a) == 4 and len(b) == 4 and 1100 <= int(a) <= 2099 else decimal
        return f"{conv(a)} to {conv(b)}"
    return re.sub(r"(?<![\w.,-])(\d+(?:\.\d+)?)\s?[-–](\d+(?:\.\d+)?)(?![\w.%-]|,\d)", rng, text)


def read_numbers(text: str) -> str:
    """2,000 -> two thousand; 1952 -> nineteen fifty-two (a bare year); 4.2 -> four point two."""
    def num(m: re.Match) -> str:
        s = m.group(0)
        if re.fullmatch(r"\d{4}", s) and 1100 <= int(s) <= 2099:
            return year(int(s))
        if len(s.replace(",", "").split(".")[0]) > 15:
            return " ".join(s)
        return decimal(s)
    text = re.sub(r"(?<=\d)-(?=[A-Za-z])", " ", text)  # 1,800-foot -> 1,800 foot
    return re.sub(rf"(?<![\w.]){_NUM}(?![\w])", num, text)


_SYMBOLS = [("&", " and "), ("+", " plus "), ("°F", " degrees Fahrenheit"), ("°C", " degrees Celsius"),
            ("°", " degrees"), ("#", " number "), ("@", " at "), ("=", " equals "), ("§", " section "),
            ("%", " percent"), ("…", "..."), ("—", ", "), ("–", ", "), ("•", ", "), ("/", " "), ("|", ", "),
            ("~", " about "), ("*", ""), ("_", " "), ("^", " "), ("\\", " "), ("{", " "), ("}", " "),
            ("[", " "), ("]", " "), ("<", " "), (">", " ")]


def read_symbols(text: str) -> str:
    """& -> and, % -> percent, dashes -> a comma pause, ... -> an ellipsis pause."""
    for sym, words in _SYMBOLS:
        text = text.replace(sym, words)
    return text


def drop_emoji(text: str) -> str:
    """Emoji, pictographs and other symbols that have no spoken form are dropped."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("So", "Cs", "Co", "Cn") or 0xFE00 <= ord(ch) <= 0xFE0F or 0x1F3FB <= ord(ch) <= 0x1F3FF or ord(ch) in (0x200D, 0x20E3):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def tidy(text: str) -> str:
    """Spaces before punctuation and repeated commas that earlier rules leave behind."""
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*(?:,\s*)+", ", ", text)
    text = re.sub(r"([.!?])\s*,", r"\1", text)
    text = re.sub(r"^\s*,\s*", "", text)
    return " ".join(text.split())


def break_long_words(text: str, limit: int = 40) -> str:
    """A 10,000-letter 'word' is read as spaced chunks rather than choking the voice."""
    return re.sub(rf"\S{{{limit + 1},}}", lambda m: " ".join(m.group(0)[i:i + limit]
                                                         for i in range(0, min(len(m.group(0)), 400), limit)), text)


RULES: list[Callable[[str], str]] = [drop_markup, drop_emoji, read_urls, expand_abbreviations, read_money,
                                     read_percent, read_times, read_dates, read_ranges, read_numbers, read_symbols,
                                     break_long_words, tidy]


def normalise(text: str) -> str:
    """Run every rule in :data:`RULES` over ``text``."""
    for rule in RULES:
        text = rule(text)
    return text
