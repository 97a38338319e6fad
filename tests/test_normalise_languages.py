"""The narration text in other languages: a test set per language (tests/data/normalise-LANG.tsv, written form
<TAB> what a newsreader in that language says) through `editions say`'s own function, `say --lang`, and the
language rules kept linear in hostile text."""
import re
import time
from pathlib import Path

import pytest

from editions.speech.say import voice_words
from editions.speech.text.lexicon import load_lexicon
from editions.speech.text.locales import LANGUAGES
from editions.speech.text.normalise import normalise
from editions.speech.voices.engines import get_engine

DATA = Path(__file__).parent / "data"


def _rows(lang):
    cls = ""
    for n, line in enumerate((DATA / f"normalise-{lang}.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            cls = line[3:]
        elif line and not line.startswith("#"):
            written, spoken = line.split("\t")
            yield n, cls, written, spoken


CASES = [pytest.param(lang, w, s, id=f"{lang}:{n}:{c[:16]}:{w[:24]}") for lang in LANGUAGES for n, c, w, s in _rows(lang)]
_lex = load_lexicon()
_engine = get_engine("test", lexicon=_lex)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_a_set_of_30_cases_in_classes_with_some_left_alone(lang):
    rows = list(_rows(lang))
    assert len(rows) >= 30
    assert len({c for _, c, _, _ in rows}) >= 4
    assert any(w == s for _, _, w, s in rows)  # text with no number passes through untouched


_VOWEL_MARKS = re.compile("[\u064b-\u0652\u0670]")


@pytest.mark.parametrize("lang, written, spoken", CASES)
def test_news_text_in_the_language(lang, written, spoken):
    said = voice_words(written, _engine, _lex, lang)
    if lang == "ar":  # the voice is also given the short vowels Arabic does not write (tests/test_arabic_vowels.py)
        said, spoken = _VOWEL_MARKS.sub("", said), _VOWEL_MARKS.sub("", spoken)
    assert said == spoken


@pytest.mark.parametrize("tag, text, spoken", [
    ("es-MX", "Cuesta $300.", "Cuesta trescientos pesos."),         # "$" is the peso in Mexico
    ("pt-PT", "Custa 12,50 €.", "Custa doze euros e cinquenta cêntimos."),
    ("pt-BR", "Custa 12,50 €.", "Custa doze euros e cinquenta centavos."),
    ("de-DE", "Am 3. Oktober.", "Am dritten Oktober."),
    ("zh-CN", "共2个", "共两个"),
])
def test_the_region_of_a_tag_is_heard(tag, text, spoken):
    assert normalise(text, tag) == spoken


def test_say_shows_the_language(run_cli):
    code, out, _ = run_cli("say", "--lang", "es", "--engine", "test", "Subió un 3,5 % hasta 42,5 millones de euros.")
    assert code == 0
    assert out.strip() == "Subió un tres coma cinco por ciento hasta cuarenta y dos coma cinco millones de euros."


def test_a_language_with_no_rules_of_its_own_still_reads_its_numbers_with_num2words():
    assert normalise("Det kostar 21 kronor.", "sv") == "Det kostar tjugoett kronor."
    assert normalise("text 12", "xx") == "text 12"


HOSTILE = [" 1 234" * 10000 + "x", "1.234" * 10000, "$1" * 15000, "12:30:" * 10000, "1-й " * 10000,
           "15.01." * 10000, "1 " * 25000 + "€", "1,20" * 15000, "٣٫" * 20000, "2个" * 20000, "7" * 5000 + "%"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_text_is_read_in_linear_time(lang):
    for text in HOSTILE:
        start = time.perf_counter()
        out = normalise(text, lang)
        assert time.perf_counter() - start < 3, (lang, text[:20])
        assert out


@pytest.mark.parametrize("lang", ["ar", "hi", "ru", "zh", "ja"])
def test_a_time_or_date_that_cannot_be_is_left_as_written(lang):
    """25:30 (a score) and 45.13.2024 are no time or date: each language's clock and date rules leave them for the
    number rules; a real one beside them is still read."""
    import importlib
    rules = importlib.import_module(f"editions.speech.text.locales.{lang}")
    date = "2024-13-45" if lang in ("zh", "ja") else "45.13.2024"
    assert rules.read_times("25:30 / 9:75") == "25:30 / 9:75"
    assert rules.read_dates(date) == date
    assert rules.read_times("14:30") != "14:30"
    assert rules.read_dates("2024-01-15" if lang in ("zh", "ja") else "15.01.2024") != "15.01.2024"
