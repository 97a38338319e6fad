"""Chinese read aloud, written here (``num2words`` has no Chinese): numbers in characters with 万/亿 grouping and
零 where zeros fall ("1200亿" -> 一千二百亿, "3.5万" -> 三点五万, 100012 -> 十万零一十二), 两 where speech
says it (两千, 两万, 两点, 两个), years digit by digit (2024年 -> 二零二四年), money (¥/元 -> 元, $ -> 美元),
percentages (百分之五十), times (十四点三十分), numeric dates, temperatures (-3°C -> 负三摄氏度, 70°F -> 华氏七十度) and
units after a number (5km -> 五公里, 100m² -> 一百平方米).
"""
from __future__ import annotations

import re
from typing import Callable

from .common import MAX_DIGITS, ascii_digits, said_dates, said_times

__all__ = ["rules", "cardinal"]

_D = "零一二三四五六七八九"
_UNITS = ("", "十", "百", "千")
_BIG = ("", "万", "亿", "万亿")
_MONEY = {"¥": "元", "￥": "元", "$": "美元", "US$": "美元", "€": "欧元", "£": "英镑", "HK$": "港元", "₽": "卢布",
          "₹": "卢比", "R$": "雷亚尔", "NT$": "新台币"}
_SYM = "|".join(re.escape(s) for s in sorted(_MONEY, key=len, reverse=True))
_START = r"(?<![0-9A-Za-z.,])"
_NUM = r"\d{1,3}(?:,\d{3}(?!\d))++(?:\.\d+)?+|\d++(?:\.\d+)?+"


def digits(s: str) -> str:
    return "".join(_D[int(c)] for c in s if c.isdigit())


def _section(n: int) -> str:
    out, zero = "", False
    for i, ch in enumerate(f"{n:04d}"):
        d, place = int(ch), 3 - i
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out, zero = out + "零", False
        out += ("两" if d == 2 and place == 3 else _D[d]) + _UNITS[place]
    return out


def cardinal(whole: str) -> str:
    """'1200' -> 一千二百, '20000' -> 两万, '120000000000' -> 一千二百亿, '12' -> 十二."""
    s = whole.lstrip("0") or "0"
    if s == "0":
        return "零"
    if len(s) > 16:
        return digits(s)
    sections = [int(s[max(0, i - 4):i]) for i in range(len(s), 0, -4)][::-1]
    out, gap = "", False
    for k, v in enumerate(sections):
        unit = _BIG[len(sections) - 1 - k]
        if v == 0:
            gap = bool(out)
            continue
        if out and (gap or v < 1000):
            out += "零"
        word = _section(v)
        out += ("两" if word == "二" and unit else word) + unit
        gap = False
    return out[1:] if out.startswith("一十") else out


def number(token: str, sign: str | None = None, money: bool = False) -> str:
    whole, _, frac = token.replace(",", "").partition(".")
    if money:
        frac = frac.rstrip("0")
    out = cardinal(whole) if len(whole) <= MAX_DIGITS else digits(whole)
    if frac:
        out += "点" + digits(frac)
    return ("负" if sign else "") + out


_SIGN = r"(?P<sign>(?<![0-9A-Za-z])[-−])?"
_TIME = re.compile(rf"{_START}(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?![0-9]|:\d)")
_DATE = re.compile(r"(?<![0-9.,/-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![0-9]|[-/.]\d)")
_YEAR = re.compile(r"(?<![0-9.,])(?P<y>\d{2,4})(?=年)(?!年[代底初中])")
_MONEY_RE = re.compile(rf"(?P<sym>{_SYM})\s?{_SIGN}(?P<num>{_NUM})(?P<scale>万亿|亿|万|千)?")
_PERCENT = re.compile(rf"{_SIGN}{_START}(?P<num>{_NUM})\s?(?P<sym>%|‰)")
_TWO = re.compile(rf"(?<!第){_START}2(?=[个位名次条家种岁天周年])")
_PLAIN = re.compile(rf"{_SIGN}{_START}(?P<num>{_NUM})")


def read_times(text: str) -> str:
    """14:30 -> 十四点三十分; 14:00 -> 十四点; 9:05 -> 九点零五分; 2:00 -> 两点."""
    def say(h: int, mi: int, m: re.Match) -> str:
        out = "两点" if h == 2 else cardinal(str(h)) + "点"
        if mi:
            out += ("零" if mi < 10 else "") + cardinal(str(mi)) + "分"
        return out
    return said_times(_TIME, text, say)


def read_dates(text: str) -> str:
    """2024-01-15 -> 二零二四年一月十五日; 2024年 -> 二零二四年 (a year is read digit by digit)."""
    text = said_dates(_DATE, text,
                      lambda d, mo, m: f"{digits(m.group('y'))}年{cardinal(str(mo))}月{cardinal(str(d))}日")
    return _YEAR.sub(lambda m: digits(m.group("y")) if len(m.group("y")) == 4 else m.group(0), text)


def read_money(text: str) -> str:
    """$5亿 -> 五亿美元; ¥12.50 -> 十二点五元 (trailing zeros of a price are not said)."""
    return _MONEY_RE.sub(lambda m: number(m.group("num"), m.group("sign"), money=True) + (m.group("scale") or "")
                         + _MONEY[m.group("sym")], text)


def read_percent(text: str) -> str:
    """50% -> 百分之五十; 3.5% -> 百分之三点五; ‰ -> 千分之."""
    return _PERCENT.sub(lambda m: ("百分之" if m.group("sym") == "%" else "千分之")
                        + number(m.group("num"), m.group("sign")), text)


_MEASURES = {"km/h": "公里每小时", "km²": "平方公里", "km2": "平方公里", "m²": "平方米", "m2": "平方米", "m³": "立方米",
          "km": "公里", "cm": "厘米", "mm": "毫米", "kg": "公斤", "mg": "毫克", "g": "克", "t": "吨", "ml": "毫升",
          "L": "升", "m": "米", "kWh": "千瓦时", "kW": "千瓦", "MW": "兆瓦", "°C": "摄氏度", "℃": "摄氏度", "°": "度"}
_UNIT = "|".join(re.escape(u) for u in sorted(_MEASURES, key=len, reverse=True))
_UNIT_RE = re.compile(rf"{_SIGN}{_START}(?P<num>{_NUM})\s?(?P<unit>{_UNIT})(?![A-Za-z0-9²³/])")
_FAHRENHEIT = re.compile(rf"{_SIGN}{_START}(?P<num>{_NUM})\s?°F(?![A-Za-z])")


def read_units(text: str) -> str:
    """-3°C -> 负三摄氏度; 70°F -> 华氏七十度; 5km -> 五公里; 100m² -> 一百平方米 (a unit after a number only)."""
    text = _FAHRENHEIT.sub(lambda m: "华氏" + number(m.group("num"), m.group("sign")) + "度", text)
    return _UNIT_RE.sub(lambda m: number(m.group("num"), m.group("sign")) + _MEASURES[m.group("unit")], text)


def read_numbers(text: str) -> str:
    """2 before a measure word -> 两 (两个, 两位); every other number in characters."""
    text = _TWO.sub("两", text)
    text = _PLAIN.sub(lambda m: number(m.group("num"), m.group("sign")), text)
    return re.sub(r"\d+", lambda m: cardinal(m.group(0)), text)


def _fullwidth(text: str) -> str:
    if text.isascii():
        return text
    return re.sub(r"(?<=\d)：(?=\d)", ":", ascii_digits(text).replace("％", "%"))


def rules() -> list[Callable[[str], str]]:
    return [_fullwidth, read_times, read_dates, read_money, read_percent, read_units, read_numbers]
