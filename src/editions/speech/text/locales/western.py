"""The words of Spanish, French, German and Portuguese for numbers, money, percentages, dates, times and
ordinals: one table per language (:data:`TONGUES`), read by the rules in :mod:`.latin`.

Number words come from ``num2words``; what it lacks or gets wrong is written here and said so: decimals read
the way a newsreader says them ("42,5" -> "cuarenta y dos coma cinco", not num2words' "punto"; French
"trois virgule vingt-cinq", not "virgule deux cinq"), the minus sign (num2words' Portuguese says "meno"),
the gender of a number before a feminine noun ("una hora", "une heure", "duas horas"), Spanish apocope
("un euro", "veintiún millones"; num2words says "veintiuno mil"), German "ein Euro" for "eins".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Tongue", "TONGUES", "tongue_for", "feminine", "before_noun"]

Money = tuple[str, str, str, str, bool]
"""(one, many, one cent, many cents, feminine)"""


@dataclass(frozen=True)
class Tongue:
    code: str                    # num2words' language
    comma: str                   # the decimal mark said aloud
    minus: str
    zero: str
    percent: str
    permille: str
    months: tuple[str, ...]
    money: dict[str, Money]      # ISO code -> words
    cents_join: str              # "{whole} {unit}{join}{cents} {cent}"
    of: str                      # "millones de euros": "de", "d'" before a vowel ("" in German)
    scales: dict[str, tuple[str, str]]   # written scale word -> (one, many) spoken
    hour: tuple[str, str]        # (one hour, many hours) as said after a time's hour
    minute_join: str             # between hours and minutes
    minute: str                  # after the minutes ("" = none)
    digit_decimals: bool = False  # German reads decimals digit by digit
    dollar: str = "USD"          # what a bare "$" is (pesos in much of Latin America)
    time_words: str = ""         # words a time may end with, dropped as already said ("horas", "Uhr")
    extra: dict = field(default_factory=dict)


_SCALES_ES = {"mil": ("mil", "mil"), "millón": ("millón", "millones"), "millones": ("millón", "millones"),
              "mil millones": ("mil millones", "mil millones"), "billón": ("billón", "billones"),
              "billones": ("billón", "billones"), "mill.": ("millón", "millones"), "M": ("millón", "millones")}
_SCALES_FR = {"mille": ("mille", "mille"), "million": ("million", "millions"), "millions": ("million", "millions"),
              "milliard": ("milliard", "milliards"), "milliards": ("milliard", "milliards"),
              "M": ("million", "millions"), "Md": ("milliard", "milliards"), "Mds": ("milliard", "milliards"),
              "Mrd": ("milliard", "milliards")}
_SCALES_DE = {"Million": ("Million", "Millionen"), "Millionen": ("Million", "Millionen"),
              "Milliarde": ("Milliarde", "Milliarden"), "Milliarden": ("Milliarde", "Milliarden"),
              "Mio.": ("Million", "Millionen"), "Mrd.": ("Milliarde", "Milliarden"), "Bio.": ("Billion", "Billionen"),
              "Tsd.": ("tausend", "tausend")}
_SCALES_PT = {"mil": ("mil", "mil"), "milhão": ("milhão", "milhões"), "milhões": ("milhão", "milhões"),
              "mil milhões": ("mil milhões", "mil milhões"), "bilhão": ("bilhão", "bilhões"),
              "bilhões": ("bilhão", "bilhões"), "mi": ("milhão", "milhões"), "bi": ("bilhão", "bilhões"),
              "tri": ("trilhão", "trilhões")}

TONGUES: dict[str, Tongue] = {
    "es": Tongue(
        "es", "coma", "menos", "cero", "por ciento", "por mil",
        ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre"),
        {"EUR": ("euro", "euros", "céntimo", "céntimos", False), "USD": ("dólar", "dólares", "centavo", "centavos", False),
         "GBP": ("libra", "libras", "penique", "peniques", True), "JPY": ("yen", "yenes", "", "", False),
         "CNY": ("yuan", "yuanes", "", "", False), "RUB": ("rublo", "rublos", "kopek", "kopeks", False),
         "INR": ("rupia", "rupias", "paisa", "paisas", True), "BRL": ("real", "reales", "centavo", "centavos", False),
         "MXN": ("peso", "pesos", "centavo", "centavos", False)},
        " con ", "de", _SCALES_ES, ("hora", "horas"), " y ", "minutos", time_words="horas|h|hrs?\\.?"),
    "fr": Tongue(
        "fr", "virgule", "moins", "zéro", "pour cent", "pour mille",
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
         "novembre", "décembre"),
        {"EUR": ("euro", "euros", "centime", "centimes", False), "USD": ("dollar", "dollars", "cent", "cents", False),
         "GBP": ("livre", "livres", "penny", "pence", True), "JPY": ("yen", "yens", "", "", False),
         "CNY": ("yuan", "yuans", "", "", False), "RUB": ("rouble", "roubles", "kopeck", "kopecks", False),
         "INR": ("roupie", "roupies", "paisa", "paisas", True), "BRL": ("réal", "réais", "centavo", "centavos", False),
         "CHF": ("franc", "francs", "centime", "centimes", False)},
        " ", "de", _SCALES_FR, ("heure", "heures"), " ", ""),
    "de": Tongue(
        "de", "Komma", "minus", "null", "Prozent", "Promille",
        ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
         "November", "Dezember"),
        {"EUR": ("Euro", "Euro", "Cent", "Cent", False), "USD": ("Dollar", "Dollar", "Cent", "Cent", False),
         "GBP": ("Pfund", "Pfund", "Penny", "Pence", False), "JPY": ("Yen", "Yen", "", "", False),
         "CNY": ("Yuan", "Yuan", "", "", False), "RUB": ("Rubel", "Rubel", "Kopeke", "Kopeken", False),
         "INR": ("Rupie", "Rupien", "Paisa", "Paise", True), "BRL": ("Real", "Reais", "Centavo", "Centavos", False),
         "CHF": ("Franken", "Franken", "Rappen", "Rappen", False)},
        " ", "", _SCALES_DE, ("Uhr", "Uhr"), " ", "", digit_decimals=True, time_words="Uhr"),
    "pt": Tongue(
        "pt", "vírgula", "menos", "zero", "por cento", "por mil",
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
         "novembro", "dezembro"),
        {"EUR": ("euro", "euros", "cêntimo", "cêntimos", False), "USD": ("dólar", "dólares", "cêntimo", "cêntimos", False),
         "GBP": ("libra", "libras", "péni", "pénis", True), "JPY": ("iene", "ienes", "", "", False),
         "CNY": ("yuan", "yuans", "", "", False), "RUB": ("rublo", "rublos", "copeque", "copeques", False),
         "INR": ("rupia", "rupias", "paisa", "paisas", True), "BRL": ("real", "reais", "centavo", "centavos", False)},
        " e ", "de", _SCALES_PT, ("hora", "horas"), " e ", "minutos", time_words="min"),
}

_BRAZIL_CENTS = {"EUR": ("euro", "euros", "centavo", "centavos", False),
                 "USD": ("dólar", "dólares", "centavo", "centavos", False)}
_PESO_DOLLAR = {"mx", "ar", "co", "cl", "uy", "do", "cu", "ph"}


def tongue_for(lang: str) -> Tongue | None:
    """'es-MX' -> Spanish with "$" read as pesos; 'pt-BR' -> Brazilian words (num2words' pt_BR, "centavos")."""
    base, _, region = lang.lower().replace("_", "-").partition("-")
    t = TONGUES.get(base)
    if t is None:
        return None
    region = region.split("-")[-1]
    if base == "es" and region in _PESO_DOLLAR:
        return Tongue(**{**t.__dict__, "dollar": "MXN"})
    if base == "pt" and region != "pt":
        return Tongue(**{**t.__dict__, "code": "pt_BR", "money": {**t.money, **_BRAZIL_CENTS},
                         "scales": {**t.scales, "bilhão": ("bilhão", "bilhões")}})
    return t


# -- gender and apocope: num2words gives the masculine, standalone form ---------------------------------------

def feminine(words: str, code: str) -> str:
    """The cardinal before a feminine noun: 'veintiuno' -> 'veintiuna', 'doscientos' -> 'doscientas' (es),
    'vingt et un' -> 'vingt et une' (fr), 'dois' -> 'duas', 'um' -> 'uma' (pt), 'eins' -> 'eine' (de).  Only the
    part after the last million is feminine ("doscientos millones de libras")."""
    m = re.search(r"^(.*\b(?:millón|millones|million|millions|milhão|milhões|milliard|milliards|bilhão|bilhões)\b ?)(.*)$",
                  words)
    head, tail = (m.group(1), m.group(2)) if m else ("", words)
    if code == "es":
        tail = re.sub(r"\buno\b", "una", re.sub(r"iuno\b|iún\b", "iuna", re.sub(r"ientos\b", "ientas", tail)))
        tail = re.sub(r"\bun\b", "una", tail)
    elif code == "fr":
        tail = re.sub(r"\bun\b", "une", tail)
    elif code.startswith("pt"):
        tail = re.sub(r"\bum\b", "uma", re.sub(r"\bdois\b", "duas", re.sub(r"entos\b", "entas", tail)))
    elif code == "de":
        tail = re.sub(r"eins$", "eine", tail)
    return head + tail


def before_noun(words: str, code: str) -> str:
    """The cardinal before a masculine noun: 'uno' -> 'un', 'veintiuno' -> 'veintiún' (es), 'eins' -> 'ein' (de)."""
    if code == "es":
        return re.sub(r"iuno$", "iún", re.sub(r"\buno$", "un", words))
    if code == "de":
        return re.sub(r"eins$", "ein", words)
    return words
