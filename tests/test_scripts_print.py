"""Print in every script the fonts serve: Arabic and Hebrew right to left, Devanagari shaped, both PDFs PDF/UA-1,
no .notdef, the structure tree reading the article's words in logical order (articles of our own in tests/data)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest

from editions.errors import InputError
from editions.model import Article, Paragraph, Section

from .print_helpers import render, squash
from .tagged_helpers import structure
from .test_tagged_pdf import _expected

DATA = Path(__file__).parent / "data" / "scripts"
SCRIPTS = {"arabic": True, "hebrew": True, "hindi": False, "chinese": False, "japanese": False, "thai": False, "korean": False}
"""fixture -> set right to left"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name -> (article, result, pdf, large pdf, glyph codes drawn with no glyph in their face)."""
    from reportlab.pdfbase import ttfonts
    missing: list = []
    original = ttfonts.TTFontFile.makeSubset

    def watched(self, subset):
        missing.extend((self.name, c) for c in subset if c >= 128 and c not in self.charToGlyph)
        return original(self, subset)
    ttfonts.TTFontFile.makeSubset = watched
    out = {}
    try:
        for name in SCRIPTS:
            missing.clear()
            result, art, pdf, large = render(DATA / f"{name}.md", tmp_path_factory.mktemp(name))  # + PDF/UA-1
            out[name] = (art, result, pdf, large, list(missing))
    finally:
        ttfonts.TTFontFile.makeSubset = original
    return out


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_no_notdef_and_no_warning(rendered, name):
    art, result, pdf, large, missing = rendered[name]
    assert missing == []  # every character drawn has a glyph in the face it is drawn in
    assert result.warnings == []


@pytest.mark.parametrize("kind", ["print", "large"])
@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_structure_tree_reads_the_words_in_logical_order(rendered, name, kind):
    art, _, pdf, large, _ = rendered[name]
    nodes = structure(pdf if kind == "print" else large)
    got = [(n.role, " ".join(n.read.split())) for n in nodes]
    assert got == _expected(art, kind == "large")


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_the_text_layer_is_real_unicode(rendered, name):
    """Shaped glyphs map back to the letters they stand for (ToUnicode), never to private-use codes or
    presentation forms."""
    _, _, pdf, _, _ = rendered[name]
    with pdfplumber.open(str(pdf)) as doc:
        chars = "".join(c["text"] for p in doc.pages for c in p.chars)
    bad = {c for c in chars if 0xE000 <= ord(c) <= 0xF8FF or 0xFB50 <= ord(c) <= 0xFEFF}
    assert not bad, sorted(bad)


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_right_to_left_pages_start_in_the_right_column(rendered, name):
    art, result, _, _, _ = rendered[name]
    g = result.geometry
    first = next(p for p in result.placed if p.kind == "body")
    assert first.x > g.left + g.column  # the first column is on the right
    later = [p for p in result.placed if p.kind == "body" and p.page == first.page and p.x < g.left + g.column]
    assert all(p.ref > first.ref for p in later)  # the left column follows it


def test_joined_arabic_and_devanagari_conjuncts():
    from editions.press.scriptfonts import register_script_fonts
    from editions.press.shaping import shape_word, tounicode_text
    register_script_fonts()
    word = "بناء"
    drawn = shape_word(word, "EdArabicSerif")
    assert drawn != word[::-1]  # joined forms, not the isolated letters reversed
    conjunct = shape_word("प्रस्ताव", "EdDevaSerif")
    assert len(conjunct) < len("प्रस्ताव")  # प्र and स्त are one glyph each
    texts = "".join(tounicode_text("EdDevaSerif", ord(c)) or c for c in conjunct)
    assert sorted(texts.replace("\u200c", "")) == sorted("प्रस्ताव")  # every letter read once


def test_numbers_and_latin_keep_their_order_in_a_right_to_left_line():
    from editions.press.scriptfonts import register_script_fonts
    from editions.press.shaping import shape_word, visual_order
    register_script_fonts()
    # R L L N R: "قال New York 2024 ثم" is set from the left as: ثم | New York 2024 | قال
    assert visual_order(["R", "L", "L", "L", "R"]) == [4, 1, 2, 3, 0]
    assert visual_order(["R", "N", "R"]) == [2, 1, 0]
    assert shape_word("(2024)", "EdArabicSerif") == "(2024)"  # digits left to right, brackets as written
    assert shape_word("1962", "EdArabicSerif") == "1962"


def _article(text: str, lang: str = "en") -> Article:
    return Article(headline="Headline", sections=(Section(None, (Paragraph(text),)),), lang=lang,
                   source_path=Path("a.md"))


def test_print_accepts_arabic_hebrew_devanagari_thai_chinese_japanese_and_korean():
    from editions.press.glyphs import check_print
    for text, lang in (("هذا مقال قصير.", "ar"), ("זה מאמר קצר.", "he"), ("यह एक छोटा लेख है।", "hi"),
                       ("นี่คือบทความสั้น", "th"), ("这是一篇简短的新闻文章。", "zh"), ("これは短い記事です。", "ja"),
                       ("これはカタカナのニュースです。", "ja"), ("이것은 짧은 기사입니다.", "ko")):
        check_print(_article(text, lang))  # was: InputError "text in … script cannot be drawn"


def test_a_letter_of_the_articles_own_script_no_font_has_is_refused():
    from editions.press.glyphs import check_print
    with pytest.raises(InputError, match="Ethiopic"):
        check_print(_article("ይህ አጭር የዜና ጽሑፍ ነው።", "am"))


def test_a_stray_letter_no_font_has_is_a_warning_naming_it(tmp_path):
    from editions.config import Config
    from editions.press import render_print
    from editions.press.glyphs import check_print
    art = dataclasses.replace(_article("The word ሰላም is Amharic; the rest is English text."),
                              source_path=tmp_path / "a.md")
    check_print(art)  # not refused: the article is English
    result = render_print(art, tmp_path / "a.pdf", tmp_path / "a.large-print.pdf", Config())
    assert any("ሰ" in w and "left out" in w for w in result.warnings), result.warnings
    assert "ሰ" not in squash(" ".join(n.read for n in structure(tmp_path / "a.pdf")))
