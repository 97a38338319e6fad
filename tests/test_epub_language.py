"""The read-along EPUB, the WebVTT and the MP3's tags in the article's language: an Arabic and a Hebrew article
(tests/data/rtl/) are right-to-left books that EPUBCheck passes, their transcripts say their language, their
MP3s carry ISO 639-2 codes.  Rendered with the exact-length test voice, which speaks any language."""
from __future__ import annotations

import re
import zipfile

import pytest
from mutagen.id3 import ID3

from editions.langtags import iso639_2, rtl_language
from editions.parse import load_article

from .conftest import ROOT, SAMPLES
from .epub_helpers import O, X, Book, epubcheck, render_book, text_of, vtt_cues

RTL = ROOT / "tests" / "data" / "rtl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ARTICLES = {"library-ar.md": ("ar", "ara"), "ferry-he.md": ("he", "heb")}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each article's audio (MP3 + VTT) and its EPUB, rendered apart (print is not this test's business)."""
    out = tmp_path_factory.mktemp("rtl-books")
    made = {}
    for name in ARTICLES:
        for only in ("audio", "epub"):
            result = render_book(RTL / name, out, only=only)
            assert result.status == "ok", result.error
        article = load_article(RTL / name)
        made[name] = (article, out / f"{article.slug}.epub", out / f"{article.slug}.vtt", out / f"{article.slug}.mp3")
    return made


# -- the rule: which tags are written right to left, and their ISO 639-2 codes ------------------------------------

@pytest.mark.parametrize("tag", ["ar", "ar-EG", "he", "he-IL", "iw", "fa", "fa-AF", "ur", "yi", "ps", "ckb", "dv",
                                 "ug", "sd", "az-Arab", "ku-Arab", "pa-Arab", "ms-Arab", "und-Hebr", "AR_eg"])
def test_right_to_left_tags(tag):
    assert rtl_language(tag)


@pytest.mark.parametrize("tag", ["en-US", "en", "es", "zh-Hant-TW", "hi", "ru", "az", "az-Latn", "ku", "sd-Deva",
                                 "ar-Latn", "he-Latn", "uz-Cyrl", "x-ar", "", "und", "sr-Latn-1994"])
def test_left_to_right_tags(tag):
    assert not rtl_language(tag)


@pytest.mark.parametrize("tag,code", [("en-US", "eng"), ("en-GB", "eng"), ("ar", "ara"), ("ar-EG", "ara"),
                                      ("he", "heb"), ("iw", "heb"), ("es-419", "spa"), ("fr-CA", "fra"),
                                      ("de", "deu"), ("zh-Hans-CN", "zho"), ("cmn-Hans", "zho"), ("yue", "zho"),
                                      ("pt-BR", "por"), ("ru", "rus"), ("uk", "ukr"), ("hi", "hin"), ("fa", "fas"),
                                      ("ur", "urd"), ("ja", "jpn"), ("ko", "kor"), ("sw", "swa"), ("ckb", "kur"),
                                      ("haw", "haw"), ("fil", "fil"), ("qq", "und"), ("x-private", "und"),
                                      ("", "und"), ("und", "und")])
def test_iso639_2_codes(tag, code):
    assert iso639_2(tag) == code


# -- the EPUB ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_rtl_book_has_its_language_and_direction(rendered, name):
    lang, _ = ARTICLES[name]
    article, epub, *_ = rendered[name]
    book = Book(epub)
    for doc in (book.content, book.nav):
        assert (doc.get(XML_LANG), doc.get("lang"), doc.get("dir")) == (lang, lang, "rtl")
        assert doc.find(f"{X}body").get("dir") == "rtl"
    assert (book.opf.get(XML_LANG), book.opf.get("dir")) == (lang, "rtl")
    assert book.dc("language") == [lang]
    assert book.opf.find(f"{O}spine").get("page-progression-direction") == "rtl"
    # the text is the article's, in logical order: a Latin word and the digits inside it untouched, no bidi controls
    body = text_of(book.content.find(f"{X}body"))
    for para in (p for s in article.sections for p in s.paragraphs):
        assert para.text in body
    assert not re.search("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", body)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_renderers_own_words_are_in_the_books_language_and_english_says_so(rendered, name):
    """"By", the date, "Contents", "Opening" in the book's language (editions.wording); what wording does not
    translate ("Landmarks", "Start of the article") is lang="en" (inline ones also dir="ltr"), so a screen reader
    reading an Arabic book does not say them with an Arabic voice."""
    from editions.wording import label
    book = Book(rendered[name][1])
    lang = book.opf.get(XML_LANG)
    texts = {(e.text or "").strip(): e for doc in (book.content, book.nav) for e in doc.iter()}
    for key in ("by", "contents", "opening"):
        word, words = label(key, lang)
        assert words == lang.split("-")[0] and word in texts, (key, word)
        assert texts[word].get(XML_LANG) in (None, lang), key  # the book's own language: nothing to mark
    assert not {"By", "Contents", "Opening"} & set(texts)
    english = [texts[t] for t in ("Landmarks", "Start of the article") if t in texts]
    assert len(english) == 2
    for e in english:
        assert (e.get(XML_LANG), e.get("lang")) == ("en", "en"), e.tag
        if e.tag in (f"{X}span", f"{X}time", f"{X}a"):
            assert e.get("dir") == "ltr", e.tag
    summary = next(m for m in book.opf.iter(f"{O}meta") if m.get("property") == "schema:accessibilitySummary")
    assert summary.get(XML_LANG) == "en"


def test_a_language_wording_lacks_keeps_english_marked(tmp_path):
    """A Swahili book: "By" and the date stay English, and say so."""
    from editions.epub.content import _english
    import xml.etree.ElementTree as ET
    e = _english(ET.Element("span"), "sw", words="en")
    assert (e.get("xml:lang"), e.get("lang")) == ("en", "en")
    assert _english(ET.Element("span"), "es-MX", words="es").get("lang") is None


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_rtl_book_passes_epubcheck_and_leaves_fonts_to_the_reader(rendered, name):
    epub = rendered[name][1]
    fatals, errors, warnings, messages = epubcheck(epub)
    assert (fatals, errors, warnings) == (0, 0, 0), "\n".join(messages)
    with zipfile.ZipFile(epub) as z:
        names = z.namelist()
        css = z.read("EPUB/style.css").decode()
    assert not [n for n in names if n.lower().endswith((".ttf", ".otf", ".woff", ".woff2"))]
    assert "font-family" not in css and "@font-face" not in css and not re.search(r"\b(left|right)\b", css)


def test_english_book_keeps_its_direction_unsaid(tmp_path):
    """An English article is untouched: no dir, no page-progression-direction, no lang="en" islands."""
    result = render_book(SAMPLES / "harbour-seawall.md", tmp_path, only="epub")
    assert result.status == "ok", result.error
    book = Book(tmp_path / "harbour-seawall.epub")
    assert book.dc("language") == ["en-US"]
    assert book.opf.get("dir") is None and book.opf.find(f"{O}spine").get("page-progression-direction") is None
    for doc in (book.content, book.nav):
        assert all(e.get("dir") is None for e in doc.iter())
        assert {e.get(XML_LANG) for e in doc.iter()} == {"en-US", None}


# -- the WebVTT transcript and the MP3's tags ------------------------------------------------------------------------

SIGNATURE = re.compile(r"\ufeff?WEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n){2}")
"""The WebVTT file's start: BOM, 'WEBVTT', free text after a space or tab, then a blank line (W3C WebVTT 4.1)."""


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_vtt_says_its_language_and_stays_valid(rendered, name):
    lang, _ = ARTICLES[name]
    article, _, vtt, _ = rendered[name]
    text = vtt.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"WEBVTT Language: {lang}"
    assert SIGNATURE.match(text) and "-->" not in text.splitlines()[0]
    cues = vtt_cues(vtt)
    assert cues and cues[0][2] == article.headline


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_mp3_language_is_iso_639_2(rendered, name):
    _, code = ARTICLES[name]
    article, _, _, mp3 = rendered[name]
    tags = ID3(str(mp3))
    assert [str(t) for t in tags.getall("TLAN")] == [code]
    assert [(c.lang, c.desc) for c in tags.getall("COMM")] == [(code, "deck")]
