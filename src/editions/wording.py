"""The few words the renderer adds to an article itself -- "By", "Photo", the date, "Contents" -- in the article's
language, so that a Hindi narration does not say "By" in English and a Spanish page does not print "October 3".

Takes a key or an ISO date and a BCP 47 tag; gives the words and the tag of the language they are in (English,
``en``, where the table has no entry for the language: an edition then marks them as English).  Used by every
edition alike, so the narration, the PDFs and the EPUB say the same words.
"""
from __future__ import annotations

import datetime as _dt

__all__ = ["label", "format_date", "LANGUAGES"]

_LABELS: dict[str, dict[str, str]] = {
    "by": {"en": "By", "es": "Por", "fr": "Par", "de": "Von", "pt": "Por", "it": "Di", "ru": "Автор:",
           "uk": "Автор:", "ar": "بقلم", "he": "מאת", "hi": "लेखक:", "zh": "文／", "ja": "文／"},
    "photo": {"en": "Photo", "es": "Foto", "fr": "Photo", "de": "Foto", "pt": "Foto", "it": "Foto", "ru": "Фото",
              "uk": "Фото", "ar": "صورة", "he": "תמונה", "hi": "तस्वीर", "zh": "图片", "ja": "写真"},
    "photo_credit": {"en": "Photo credit", "es": "Crédito de la foto", "fr": "Crédit photo", "de": "Fotonachweis",
                     "pt": "Crédito da foto", "it": "Credito fotografico", "ru": "Автор фото", "uk": "Автор фото",
                     "ar": "تصوير", "he": "צילום", "hi": "चित्र सौजन्य", "zh": "摄影", "ja": "撮影"},
    "opening": {"en": "Opening", "es": "Inicio", "fr": "Début", "de": "Anfang", "pt": "Início", "it": "Inizio",
                "ru": "Начало", "uk": "Початок", "ar": "البداية", "he": "פתיחה", "hi": "आरंभ", "zh": "开篇",
                "ja": "冒頭"},
    "contents": {"en": "Contents", "es": "Índice", "fr": "Sommaire", "de": "Inhalt", "pt": "Índice",
                 "it": "Indice", "ru": "Содержание", "uk": "Зміст", "ar": "المحتويات", "he": "תוכן", "hi": "विषय-सूची",
                 "zh": "目录", "ja": "目次"},
    "photo_missing": {"en": "Photo not available", "es": "Foto no disponible", "fr": "Photo non disponible",
                      "de": "Foto nicht verfügbar", "pt": "Foto indisponível", "it": "Foto non disponibile",
                      "ru": "Фото недоступно", "uk": "Фото недоступне", "ar": "الصورة غير متاحة",
                      "he": "התמונה אינה זמינה", "hi": "तस्वीर उपलब्ध नहीं", "zh": "图片暂缺", "ja": "写真なし"},
}

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
           "листопада", "грудня"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
           "ديسمبر"),
    "he": ("בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר", "באוקטובר",
           "בנובמבר", "בדצמבר"),
    "hi": ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर",
           "दिसंबर"),
}
_DATE_FORMS = {"es": "{d} de {m} de {y}", "pt": "{d} de {m} de {y}", "fr": "{d} {m} {y}", "it": "{d} {m} {y}",
               "de": "{d}. {m} {y}", "ru": "{d} {m} {y} г.", "uk": "{d} {m} {y} р.", "ar": "{d} {m} {y}",
               "he": "{d} {m} {y}", "hi": "{d} {m} {y}"}

LANGUAGES = frozenset(_LABELS["by"])
"""The languages the table speaks besides English."""


def _primary(tag: str) -> str:
    return (tag or "en").split("-")[0].lower()


def label(key: str, lang: str) -> tuple[str, str]:
    """(the words for ``key`` in ``lang``, the primary tag of the language they are in)."""
    words = _LABELS[key]
    p = _primary(lang)
    return (words[p], p) if p in words else (words["en"], "en")


def format_date(iso: str | None, lang: str = "en") -> tuple[str, str]:
    """'2026-11-20' -> ('November 20, 2026', 'en'), ('20 de noviembre de 2026', 'es'), ('2026年11月20日', 'zh');
    a value that is not an ISO date comes back as it is, in the article's language."""
    if not iso:
        return "", _primary(lang)
    try:
        d = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso, _primary(lang)
    p = _primary(lang)
    if p in ("zh", "ja"):
        return f"{d.year}年{d.month}月{d.day}日", p
    if p in _DATE_FORMS:
        return _DATE_FORMS[p].format(d=d.day, m=_MONTHS[p][d.month - 1], y=d.year), p
    return f"{_MONTHS['en'][d.month - 1]} {d.day}, {d.year}", "en"
