"""The renderer's own words in the article's language: a Hindi narration does not say "By" in English."""
from __future__ import annotations

import pytest

from editions.config import AudioConfig
from editions.parse import parse_text
from editions.wording import LANGUAGES, format_date, label


@pytest.mark.parametrize("lang, date", [
    ("en-US", "October 3, 2026"), ("es", "3 de octubre de 2026"), ("fr", "3 octobre 2026"),
    ("de-AT", "3. Oktober 2026"), ("pt-BR", "3 de outubro de 2026"), ("ru", "3 октября 2026 г."),
    ("ar", "3 أكتوبر 2026"), ("hi", "3 अक्टूबर 2026"), ("zh-Hans", "2026年10月3日"), ("ja", "2026年10月3日"),
])
def test_dates_in_each_language(lang, date):
    assert format_date("2026-10-03", lang)[0] == date


def test_a_language_the_table_lacks_is_english_and_says_so():
    assert label("by", "sw") == ("By", "en") and format_date("2026-10-03", "sw") == ("October 3, 2026", "en")
    assert format_date("autumn 2026", "es") == ("autumn 2026", "es")  # not ISO: the article's own words
    assert all(label(k, lang)[1] == lang for k in ("by", "photo", "opening", "contents") for lang in LANGUAGES)


def test_the_narration_says_them_in_the_articles_language():
    from editions.speech import build_script
    md = ("---\ntitle: El muelle reabre\nbyline: Lucía Ferrer\ndate: 2026-10-03\nlang: es\n"
          "photo: {caption: Barcos en el muelle, credit: EFE}\n---\nEl muelle abrió ayer.\n\n## Un paseo\n\nHay bancos.\n")
    from editions.speech.text.lexicon import Lexicon
    script = build_script(parse_text(md, "markdown"), AudioConfig(), Lexicon())
    said = " ".join(c.speech for c in script.cues)
    assert "Por Lucía Ferrer" in said and "octubre" in said and "Foto" in said and "By " not in said
    assert [c.title for c in script.chapters] == ["El muelle reabre", "Inicio", "Un paseo"]


def test_print_says_them_in_the_articles_language():
    from editions.press.layout import byline_text
    a = parse_text("---\ntitle: Заголовок\nbyline: Ольга Смирнова\ndate: 2026-10-03\nlang: ru\n---\nТекст.\n",
                   "markdown")
    assert " ".join(byline_text(a).split()) == "Автор: Ольга Смирнова · 3 октября 2026 г."
