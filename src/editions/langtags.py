"""BCP 47 language tags: a tag in, the direction its language is written in and its ISO 639-2 code out.

:func:`rtl_language` decides by the script subtag when the tag has one (``az-Arab`` is right to left, ``ku-Latn``
left to right), else by the language (Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sorani, Dhivehi, …).
:func:`iso639_2` gives the three-letter code ID3's TLAN and COMM frames want: ISO 639-2/T (the same as ISO 639-3
for these languages: ``deu``, ``fra``, ``zho``), a Chinese or Arabic variety under its macrolanguage (``cmn`` ->
``zho``), ``und`` when the tag names no language it knows.  Small tables, no library: every tag a news article
carries is in them.  (Used by the EPUB and the MP3's tags; a utility of the ground, importing nothing.)
"""
from __future__ import annotations

__all__ = ["rtl_language", "iso639_2", "primary", "script"]

RTL_SCRIPTS = frozenset(
    "Adlm Arab Aran Armi Avst Chrs Cprt Elym Hatr Hebr Hung Khar Lydi Mand Mani Mend Merc Mero Narb Nbat Nkoo Orkh "
    "Palm Phli Phlp Phnx Prti Rohg Samr Sarb Sogd Sogo Syrc Thaa Yezi".lower().split())
"""ISO 15924 scripts written right to left (Unicode's Bidi_Class R or AL letters)."""

RTL_LANGUAGES = frozenset(
    # Arabic and its varieties; Hebrew (and 'iw', its withdrawn code), Yiddish ('ji' likewise), Judeo-Arabic and
    # Judeo-Persian; Persian and Dari; Urdu, Pashto, Sindhi, Kashmiri, Western Punjabi, Saraiki, Balochi;
    # Sorani and Southern Kurdish; Uyghur; Dhivehi (Thaana); Syriac; N'Ko; Rohingya; Mazanderani, Gilaki,
    # Northern Luri.
    "ar arb arz apc ajp acm aeb afb apd ary arq ars ayl ayp acw acx shu ssh "
    "he iw yi ji yid ydd jrb jpr "
    "fa fas per pes prs "
    "ur urd ps pus pbt pbu pst sd snd ks kas pnb skr bal bcc bgp bgn "
    "ckb sdh "
    "ug uig dv div syr syc aii nqo rhg mzn glk lrc".split())
"""Languages whose usual script (when the tag names none) is written right to left."""

_ISO639_2 = {
    "af": "afr", "am": "amh", "ar": "ara", "as": "asm", "az": "aze", "be": "bel", "bg": "bul", "bn": "ben",
    "bo": "bod", "bs": "bos", "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan", "de": "deu", "dv": "div",
    "el": "ell", "en": "eng", "eo": "epo", "es": "spa", "et": "est", "eu": "eus", "fa": "fas", "fi": "fin",
    "fil": "fil", "fo": "fao", "fr": "fra", "ga": "gle", "gd": "gla", "gl": "glg", "gu": "guj", "ha": "hau",
    "he": "heb", "iw": "heb", "hi": "hin", "hr": "hrv", "ht": "hat", "hu": "hun", "hy": "hye", "id": "ind",
    "in": "ind", "ig": "ibo", "is": "isl", "it": "ita", "ja": "jpn", "jv": "jav", "ka": "kat", "kk": "kaz",
    "km": "khm", "kn": "kan", "ko": "kor", "ku": "kur", "ky": "kir", "la": "lat", "lb": "ltz", "lo": "lao",
    "lt": "lit", "lv": "lav", "mg": "mlg", "mi": "mri", "mk": "mkd", "ml": "mal", "mn": "mon", "mr": "mar",
    "ms": "msa", "mt": "mlt", "my": "mya", "nb": "nob", "ne": "nep", "nl": "nld", "nn": "nno", "no": "nor",
    "ny": "nya", "om": "orm", "or": "ori", "pa": "pan", "pl": "pol", "ps": "pus", "pt": "por", "qu": "que",
    "ro": "ron", "mo": "ron", "ru": "rus", "rw": "kin", "sd": "snd", "si": "sin", "sk": "slk", "sl": "slv",
    "so": "som", "sq": "sqi", "sr": "srp", "st": "sot", "su": "sun", "sv": "swe", "sw": "swa", "ta": "tam",
    "te": "tel", "tg": "tgk", "th": "tha", "ti": "tir", "tk": "tuk", "tl": "tgl", "tn": "tsn", "tr": "tur",
    "tt": "tat", "ug": "uig", "uk": "ukr", "ur": "urd", "uz": "uzb", "vi": "vie", "wo": "wol", "xh": "xho",
    "yi": "yid", "ji": "yid", "yo": "yor", "zh": "zho", "zu": "zul",
}
"""ISO 639-1 (and the few withdrawn two-letter codes still met: iw, in, ji, mo) -> ISO 639-2/T."""

_MACRO = {
    **dict.fromkeys("cmn yue wuu hak nan gan hsn cjy cdo cpx czh czo mnp".split(), "zho"),
    **dict.fromkeys("arb arz apc ajp acm aeb afb apd ary arq ars ayl ayp acw acx shu ssh".split(), "ara"),
    **dict.fromkeys("pes prs".split(), "fas"), **dict.fromkeys("pbt pbu pst".split(), "pus"),
    **dict.fromkeys("ydd yih".split(), "yid"), **dict.fromkeys("ckb kmr sdh".split(), "kur"),
    **dict.fromkeys("zsm".split(), "msa"), "swh": "swa", "ekk": "est", "lvs": "lav", "khk": "mon", "uzn": "uzb",
    "azj": "aze", "azb": "aze", "npi": "nep", "ory": "ori", "gaz": "orm", "quz": "que",
}
"""ISO 639-3 individual languages -> the ISO 639-2 macrolanguage that has a code (ISO 639-2 has no 'cmn')."""


def _subtags(tag: str) -> list[str]:
    return [s for s in (tag or "").strip().replace("_", "-").split("-") if s]


def primary(tag: str) -> str:
    """The language subtag, lower case: 'ar' for 'ar-EG', '' for an empty tag."""
    parts = _subtags(tag)
    return parts[0].lower() if parts else ""


def script(tag: str) -> str:
    """The script subtag, lower case ('arab' for 'az-Arab-IR'), or '' when the tag names none.

    The script is the four-letter subtag after the language (and its extended-language subtags), before any
    singleton (``-u-…``, ``-x-…``): a four-character variant starts with a digit, so letters tell them apart."""
    for sub in _subtags(tag)[1:]:
        if len(sub) == 1:
            break
        if len(sub) == 4 and sub.isascii() and sub.isalpha():
            return sub.lower()
    return ""


def rtl_language(tag: str) -> bool:
    """Is a text in the language ``tag`` written right to left?  The script subtag decides when there is one."""
    sc = script(tag)
    if sc:
        return sc in RTL_SCRIPTS
    return primary(tag) in RTL_LANGUAGES


def iso639_2(tag: str) -> str:
    """The ISO 639-2 (/T) code of ``tag``'s language: 'ara' for 'ar-EG', 'zho' for 'cmn-Hans', 'und' if unknown.

    A three-letter language subtag with no entry is kept (BCP 47 takes those from ISO 639-2, or 639-3); anything
    else unknown (a two-letter code not in the table, a private-use ``x-…`` tag) is 'und' (undetermined)."""
    lang = primary(tag)
    if lang in _ISO639_2:
        return _ISO639_2[lang]
    if lang in _MACRO:
        return _MACRO[lang]
    if len(lang) == 3 and lang.isascii() and lang.isalpha():
        return lang  # und, mul, zxx, mis are ISO 639-2's own codes too
    return "und"
