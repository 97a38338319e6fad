"""Japanese read aloud: what the Japanese voice's own reader (OpenJTalk, through misaki) would drop or misread,
written out in words it reads right; the numbers themselves are left in digits, which that reader says with
their counters as a newsreader does (2026年 -> にせんにじゅうろくねん, 3本 -> さんぼん, 600円 -> ろっぴゃくえん).

So: group separators go ("1,200" was read "いち、にひゃく"), a decimal point is 点 ("3.5" lost its point), a
minus sign before a number is マイナス, 〜 or a hyphen between two numbers is から, and the symbols the reader
drops are said: % -> パーセント, ℃ and °C -> 度, °F -> 華氏…度, currency signs -> ドル, ユーロ, ポンド, 円, ウォン,
元 after the amount; units after a number (km, kg, cm, m², km/h …) in katakana; h:mm -> 時…分; a numeric date
(2026/12/7, 2026-12-07) -> 年月日.  Full-width digits and signs are made ASCII first.
"""
from __future__ import annotations

import re
from typing import Callable

from .common import ascii_digits, said_dates, said_times

__all__ = ["rules"]

_N = r"(?<![0-9.])\d++(?:\.\d++)?+"
"""A number, matched only from its first digit (so a long run of digits is read once: linear time)."""
_MONEY = {"US$": "米ドル", "$": "ドル", "€": "ユーロ", "£": "ポンド", "¥": "円", "￥": "円", "₩": "ウォン", "₹": "ルピー",
          "HK$": "香港ドル", "NT$": "台湾ドル"}
_SYM = "|".join(re.escape(s) for s in sorted(_MONEY, key=len, reverse=True))
_UNITS = {"km/h": "キロメートル毎時", "km²": "平方キロメートル", "km2": "平方キロメートル", "m²": "平方メートル",
          "m2": "平方メートル", "m³": "立方メートル", "m3": "立方メートル", "km": "キロメートル", "cm": "センチメートル",
          "mm": "ミリメートル", "kg": "キログラム", "mg": "ミリグラム", "g": "グラム", "t": "トン", "ml": "ミリリットル",
          "mL": "ミリリットル", "L": "リットル", "ha": "ヘクタール", "m": "メートル", "kWh": "キロワット時",
          "kW": "キロワット", "MW": "メガワット", "GB": "ギガバイト", "MB": "メガバイト", "mm/h": "ミリ毎時"}
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_WIDE = str.maketrans("％＄€￡－−：／．，〜～", "%$€£--:/.,~~")
_FIRST = r"(?<![0-9A-Za-z.,])"
_DATE = re.compile(r"(?<![0-9./-])(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![0-9]|[-/.]\d)")
_TIME = re.compile(rf"{_FIRST}(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?![0-9]|:\d)")


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    return ascii_digits(text).translate(_WIDE)


def read_separators(text: str) -> str:
    """1,200 -> 1200 (the reader takes the comma for a pause)."""
    return re.sub(rf"{_FIRST}\d{{1,3}}(?:,\d{{3}}(?!\d))++", lambda m: m.group(0).replace(",", ""), text)


def read_dates(text: str) -> str:
    """2026/12/7, 2026-12-07 -> 2026年12月7日."""
    return said_dates(_DATE, text, lambda d, mo, m: f"{m.group('y')}年{mo}月{d}日")


def read_times(text: str) -> str:
    """9:30 -> 9時30分; 14:00 -> 14時."""
    return said_times(_TIME, text, lambda h, mi, m: f"{h}時" + (f"{mi}分" if mi else ""))


def read_ranges(text: str) -> str:
    """10〜20人, 10~20, 10-20 -> 10から20."""
    return re.sub(r"(?<=\d)\s?[~\-]\s?(?=-?\d)", "から", text)


def read_money(text: str) -> str:
    """$5 -> 5ドル; €3.5 -> 3.5ユーロ; ¥600 -> 600円 (the sign is said after the amount, as Japanese writes it)."""
    return re.sub(rf"(?P<sym>{_SYM})\s?(?P<num>-?\d++(?:\.\d++)?+)(?P<scale>億|万|千)?",
                  lambda m: m.group("num") + (m.group("scale") or "") + _MONEY[m.group("sym")], text)


def read_percent(text: str) -> str:
    """50% -> 50パーセント; ‰ -> パーミル."""
    return re.sub(rf"(?P<num>{_N})\s?(?P<sym>%|‰)",
                  lambda m: m.group("num") + ("パーセント" if m.group("sym") == "%" else "パーミル"), text)


def read_temperatures(text: str) -> str:
    """-3℃, -3°C -> -3度; 70°F -> 華氏70度."""
    text = re.sub(rf"(?P<sign>-?)(?P<num>{_N})\s?°F", lambda m: f"華氏{m.group('sign')}{m.group('num')}度", text)
    return re.sub(rf"(?P<num>{_N})\s?(?:℃|°C|°)", lambda m: m.group("num") + "度", text)


def read_units(text: str) -> str:
    """25km -> 25キロメートル; 3.5kg -> 3.5キログラム; 100 m² -> 100平方メートル (a unit after a number only)."""
    return re.sub(rf"(?P<num>{_N})\s?(?P<unit>{_UNIT})(?![A-Za-z0-9²³/])",
                  lambda m: m.group("num") + _UNITS[m.group("unit")], text)


def read_signs(text: str) -> str:
    """-3 -> マイナス3 (a minus sign before a number, not a hyphen between words or numbers)."""
    return re.sub(r"(?<![0-9A-Za-z])-(?=\d)", "マイナス", text)


def read_decimals(text: str) -> str:
    """3.5 -> 3点5 (the reader says 点 as てん; it dropped the point)."""
    return re.sub(rf"{_FIRST}(?P<w>\d++)\.(?P<f>\d++)(?![0-9.])", lambda m: f"{m.group('w')}点{m.group('f')}", text)


def rules() -> list[Callable[[str], str]]:
    return [_ascii, read_separators, read_dates, read_times, read_ranges, read_money, read_percent,
            read_temperatures, read_units, read_signs, read_decimals]
