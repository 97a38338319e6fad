"""The few words the renderer adds to an article itself -- "By", "Photo", the date, "Contents" -- in the article's
language, so that a Hindi narration does not say "By" in English and a Spanish page does not print "October 3".

Takes a key or an ISO date and a BCP 47 tag; gives the words and the tag of the language they are in.  The words
are a table per language (``editions/data/wording.toml``; English, ``en``, where it has no entry for the
language: an edition then marks them as English).  Dates come from Babel's CLDR data, for every locale it knows
(``en-GB`` "3 October 2026", ``ko`` "2026년 10월 3일"), in English for a tag it does not.  Used by every edition
alike, so the narration, the PDFs and the EPUB say the same words.
"""
from __future__ import annotations

import datetime as _dt
import tomllib
from functools import lru_cache
from importlib import resources

__all__ = ["label", "format_date", "by_line", "labelled", "gap_after", "LANGUAGES", "KEYS"]

KEYS = ("by", "photo", "photo_credit", "opening", "contents", "photo_missing")
"""The words every language of the table has (``by_spoken`` and ``colon`` are optional)."""


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    return tomllib.loads(resources.files("editions").joinpath("data/wording.toml").read_text(encoding="utf-8"))


LANGUAGES = frozenset(_table()) - {"en"}
"""The languages the table speaks besides English."""


def _primary(tag: str) -> str:
    return (tag or "en").replace("_", "-").split("-")[0].lower()


def label(key: str, lang: str) -> tuple[str, str]:
    """(the words for ``key`` in ``lang``, the primary tag of the language they are in)."""
    p = _primary(lang)
    words = _table().get(p)
    if words is None or key not in words:
        return _table()["en"][key], "en"
    return words[key], p


def gap_after(word: str) -> str:
    """What follows a label before the name: a space, or nothing after a full-width one (文／)."""
    return "" if word.endswith(("／", "：", "/")) else " "


def by_line(name: str, lang: str, spoken: bool = False) -> str:
    """'By Ana Ruiz', 'Автор: Ольга Смирнова', '文／李文静' (no space after a full-width label); ``spoken``: the
    words the narration says (Chinese says '作者：李文静', not the printed slash)."""
    word = label("by", lang)[0]
    if spoken:
        word = _table().get(_primary(lang), {}).get("by_spoken", word)
    return f"{word}{gap_after(word)}{name}"


def labelled(key: str, text: str, lang: str) -> str:
    """'Photo: boats in the harbour'; '图片：码头' (the language's own colon)."""
    word = label(key, lang)[0]
    colon = _table().get(_primary(lang), {}).get("colon", ": ") if label(key, lang)[1] != "en" else ": "
    return f"{word}{colon}{text}"


@lru_cache(maxsize=256)
def _locale(lang: str):
    """The Babel locale for a BCP 47 tag: the whole tag, else its language alone; None when Babel has neither."""
    from babel import Locale, UnknownLocaleError
    tag = (lang or "en").replace("_", "-")
    for candidate in (tag, _primary(tag)):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return None


def format_date(iso: str | None, lang: str = "en") -> tuple[str, str]:
    """'2026-11-20' -> ('November 20, 2026', 'en'), ('20 de noviembre de 2026', 'es'), ('2026年11月20日', 'zh'),
    ('20 November 2026', 'en') for ``en-GB``: CLDR's long date for the tag; a value that is not an ISO date comes
    back as it is, in the article's language."""
    if not iso:
        return "", _primary(lang)
    try:
        d = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso, _primary(lang)
    from babel.dates import format_date as cldr_date
    loc = _locale(lang) or _locale("en")
    # CLDR puts a narrow no-break space before the Cyrillic year mark ("2026\u202fг."): a plain space, as the
    # text around it has (not every print face has the narrow one; print keeps a number with its word itself)
    return cldr_date(d, "long", locale=loc).replace("\u202f", " "), loc.language
