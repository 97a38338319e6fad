"""The renderer's own words in the article's language: a Hindi narration does not say "By" in English."""
from __future__ import annotations

import pytest

from editions.config import AudioConfig
from editions.parse import parse_text
from editions.wording import KEYS, LANGUAGES, by_line, format_date, label, labelled


@pytest.mark.parametrize("lang, date", [
    ("en-US", "October 3, 2026"), ("es", "3 de octubre de 2026"), ("fr", "3 octobre 2026"),
    ("de-AT", "3. Oktober 2026"), ("pt-BR", "3 de outubro de 2026"), ("ru", "3 октября 2026 г."),
    ("ar", "3 أكتوبر 2026"), ("hi", "3 अक्टूबर 2026"), ("zh-Hans", "2026年10月3日"), ("ja", "2026年10月3日"),
    # from CLDR (Babel), for every locale: the region's own order, and languages the old hand table lacked
    ("en-GB", "3 October 2026"), ("ko", "2026년 10월 3일"), ("pl", "3 października 2026"), ("tr", "3 Ekim 2026"),
    ("he", "3 באוקטובר 2026"), ("vi", "3 tháng 10, 2026"), ("nl", "3 oktober 2026"), ("sv", "3 oktober 2026"),
    ("uk", "3 жовтня 2026 р."), ("id", "3 Oktober 2026"), ("fa", "3 اکتبر 2026"), ("sw-KE", "3 Oktoba 2026"),
])
def test_dates_in_each_language(lang, date):
    assert format_date("2026-10-03", lang)[0] == date


def test_a_date_is_in_the_language_it_is_written_in():
    assert format_date("2026-10-03", "sw") == ("3 Oktoba 2026", "sw")  # CLDR has Swahili; the table does not
    assert format_date("2026-10-03", "xx") == ("October 3, 2026", "en")  # no locale for the tag: English, said so
    assert format_date("2026-10-03", "zh-Hant-TW") == ("2026年10月3日", "zh")
    assert format_date("autumn 2026", "es") == ("autumn 2026", "es")  # not ISO: the article's own words


def test_a_language_the_table_lacks_is_english_and_says_so():
    assert label("by", "sw") == ("By", "en") and label("contents", "xx") == ("Contents", "en")
    assert all(label(k, lang)[1] == lang for k in KEYS for lang in LANGUAGES)


def test_the_major_news_languages_have_their_own_words():
    assert {"he", "fa", "ur", "bn", "tr", "id", "vi", "ja", "ko", "th", "pl", "uk", "it", "nl", "sv"} <= LANGUAGES
    assert label("contents", "pl") == ("Spis treści", "pl") and label("by", "tr-TR") == ("Yazan:", "tr")
    assert label("opening", "ko") == ("시작", "ko") and label("photo", "th") == ("ภาพ", "th")


def test_a_full_width_label_takes_no_space_and_chinese_says_its_byline():
    assert by_line("李文静", "zh") == "文／李文静" and by_line("李文静", "zh", spoken=True) == "作者：李文静"
    assert by_line("Ana Ruiz", "es") == "Por Ana Ruiz" and by_line("Ana Ruiz", "es", spoken=True) == "Por Ana Ruiz"
    assert labelled("photo", "码头", "zh") == "图片：码头" and labelled("photo", "Barcos", "es") == "Foto: Barcos"
    assert labelled("photo", "boats", "xx") == "Photo: boats"


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


def test_print_sets_a_chinese_byline_as_one_run():
    from editions.press.layout import byline_text
    a = parse_text("---\ntitle: 标题\nbyline: 李文静\ndate: 2026-10-03\nlang: zh\n---\n正文。\n", "markdown")
    assert byline_text(a).startswith("文／李文静  ·  2026年10月3日")
