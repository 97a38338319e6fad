"""The read-along EPUB: valid (EPUBCheck), structured like the model, synchronised with the narration's own times.

(The seed's EPUB, narrated by the real voice, is checked in test_seed_editions.py.)"""
from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mutagen.mp3 import MP3

from editions.config import Config
from editions.wording import label
from editions.epub import render_epub
from editions.narration import Narration, TimedCue
from editions.parse import load_article, parse_text
from editions.speech.text.script import split_sentences

from .conftest import SAMPLES
from .epub_helpers import EPUB_NS, O, S, X, Book, clock_ms, epubcheck, render_book, text_of, vtt_cues

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".json"))

PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror="alert(1)"/>', '<a href="javascript:alert(1)">click</a>',
            "Fish & Chips < 5 > 3 &amp; &lt;b&gt; ]]> <!-- c --> <?pi x?>", '"quoted" \'single\' &#x26; &nbsp;',
            '<font color="red">red</font> <para>']

CVE_2023_33733 = ("<para><font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch /tmp/pwned')"
                  " for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1 }, ) ] ] and 'red'\">exploit</font></para>")
PAYLOADS.append(CVE_2023_33733)

HOSTILE = {
    "headline": f"Head {PAYLOADS[0]} {PAYLOADS[3]}",
    "deck": f"Deck {PAYLOADS[1]}",
    "byline": f"Ann {PAYLOADS[4]}",
    "date": "2026-02-30 <b>",
    "dateline": f"TOWN {PAYLOADS[5]}",
    "lang": "en-GB",  # a lang that is no tag is refused by every parser (test_lang_is_checked_in_every_format)
    "photo": {"path": None, "caption": f"Cap {PAYLOADS[2]}", "credit": f"Cred {PAYLOADS[3]}", "alt": f"Alt {PAYLOADS[0]}"},
    "sections": [
        {"heading": None, "paragraphs": [f"Lead words {PAYLOADS[0]} here. Second {PAYLOADS[3]} sentence."]},
        {"heading": f"Sec {PAYLOADS[2]}", "paragraphs": [
            {"text": f"Body {PAYLOADS[1]} with emphasis. And {PAYLOADS[4]} more.", "emphasis": [[0, 4, "em"], [5, 12, "strong"]]},
            f"Quote: “{PAYLOADS[5]} and more words to make eight of them” said Someone.",
            f"The print renderer's worst case, as text: {CVE_2023_33733}"]}],
    "pull_quotes": [{"text": f"{PAYLOADS[5]} and more words to make eight of them", "attribution": "X"}],
    "credit_line": f"{PAYLOADS[2]} contributed to this report.",
}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """Every sample article rendered once (all editions, the test voice)."""
    out = tmp_path_factory.mktemp("epub-samples")
    made = {}
    for src in SAMPLE_FILES:
        result = render_book(src, out)
        assert result.status == "ok", result.error
        article = load_article(src)
        made[src.name] = (article, Book(out / f"{article.slug}.epub"), out / f"{article.slug}.mp3",
                          out / f"{article.slug}.vtt", result)
    return made


def _assert_valid(path):
    fatals, errors, warnings, messages = epubcheck(path)
    assert (fatals, errors, warnings) == (0, 0, 0), "\n".join(messages)


# -- EPUBCheck: a few runs, not one per example -------------------------------------------------------------------

def test_epubcheck_passes_every_sample(books):
    for name, (_, book, *_rest) in books.items():
        _assert_valid(book.path)


def test_ace_by_daisy_passes_every_sample(books, tmp_path):
    """Ace by DAISY (the EPUB accessibility checker: axe-core in Chromium plus the package's metadata) finds no
    violation in any sample's EPUB, in every script the samples are written in."""
    from .epub_helpers import ace
    found = {name: ace(book.path, tmp_path / name) for name, (_, book, *_rest) in books.items()}
    assert {n: f for n, f in found.items() if f} == {}


def test_hostile_article_is_valid_and_its_markup_stays_text(tmp_path):
    src = tmp_path / "hostile.json"
    src.write_text(json.dumps(HOSTILE), encoding="utf-8")
    result = render_book(src, tmp_path / "out")
    assert result.status == "ok"
    path = tmp_path / "out" / "hostile.epub"
    _assert_valid(path)
    book = Book(path)
    text = text_of(book.content.find(f"{X}body"))
    for payload in PAYLOADS:
        assert " ".join(payload.split()) in text, payload
    assert book.content.find(f"{X}head/{X}title").text.startswith("Head <script>")
    # nothing but the elements the renderer makes: the payloads' tags are text, not markup
    tags = {e.tag.replace(X, "") for e in book.content.iter()}
    assert tags <= {"html", "head", "meta", "title", "link", "body", "header", "h1", "p", "span", "time", "figure",
                    "figcaption", "section", "h2", "em", "strong", "footer"}, tags
    assert book.dc("language") == ["en-GB"]
    from editions.epub.rules import language
    assert language('en"><script>') == "und"  # the renderer's own guard, should a bad tag ever reach it
    assert book.dc("date") == []  # 2026-02-30 is no date: dc:date left out rather than invalid
    img_alt = [e.get("alt") for e in book.content.iter(f"{X}img")]
    assert img_alt == []  # a caption without a file: no picture to describe


# -- structure --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [p.name for p in SAMPLE_FILES])
def test_xhtml_follows_the_model(books, name):
    article, book, *_ = books[name]
    body = book.content.find(f"{X}body")
    assert book.content.get("{http://www.w3.org/XML/1998/namespace}lang") == article.lang == book.content.get("lang")
    assert [text_of(h) for h in body.iter(f"{X}h1")] == [article.headline]
    assert [text_of(h) for h in body.iter(f"{X}h2")] == [s.heading for s in article.sections if s.heading]
    sections = body.findall(f"{X}section")
    assert len(sections) == len(article.sections)
    ids = book.by_id()
    for si, (sec, section) in enumerate(zip(sections, article.sections)):
        paras = sec.findall(f"{X}p")
        assert len(paras) == len(section.paragraphs)
        for pi, (p, para) in enumerate(zip(paras, section.paragraphs)):
            spans = [e for e in p.iter(f"{X}span") if re.fullmatch(r"s\d+-\d+-\d+", e.get("id") or "")]
            assert [text_of(s) for s in spans] == split_sentences(para.text)
            assert [s.get("id") for s in spans] == [f"s{si}-{pi}-{k}" for k in range(len(spans))]
            assert ids[f"p{si}-{pi}"] is p
    if article.deck:
        assert text_of(ids["deck"]) == article.deck
    if article.byline:
        assert article.byline in text_of(ids["byline"])
    if article.credit_line:
        assert text_of(ids["credit"]) == article.credit_line
    for q in article.pull_quotes:  # a pull quote is print's device: its words appear once, in their paragraph
        assert text_of(body).count(q.text) <= 1
    if article.photo:
        fig = ids["photo"]
        assert fig.tag == f"{X}figure"
        caption = text_of(fig.find(f"{X}figcaption"))
        assert article.photo.caption in caption and article.photo.credit in caption
        img = fig.find(f"{X}img")
        if article.photo_file() and article.photo_file().is_file():
            assert img.get("alt") == (article.photo.alt or article.photo.caption)
            cover = [i for i in book.opf.iter(f"{O}item") if "cover-image" in (i.get("properties") or "")]
            assert len(cover) == 1 and "EPUB/" + cover[0].get("href") in book.files
            assert img.get("src") == cover[0].get("href")


@pytest.mark.parametrize("name", [p.name for p in SAMPLE_FILES])
def test_overlay_follows_the_narration_sentence_by_sentence(books, name):
    article, book, mp3, vtt, result = books[name]
    pars = book.pars()
    cues = vtt_cues(vtt)
    # one par per narrated cue, with exactly the VTT's times: one source of truth
    assert [(b, e) for _, b, e in pars] == [(b, e) for b, e, _ in cues]
    ids = book.by_id()
    for (target, _, _), (_, _, cue_text) in zip(pars, cues):
        assert target in ids, target
        if re.fullmatch(r"s\d+-\d+-\d+", target):
            assert text_of(ids[target]) == " ".join(cue_text.split()).replace("&amp;", "&")
    sentence_ids = [i for i in ids if re.fullmatch(r"s\d+-\d+-\d+", i)]
    targets = [t for t, _, _ in pars]
    assert sorted(sentence_ids) == sorted(t for t in targets if t in sentence_ids)  # every sentence exactly once
    assert len(sentence_ids) == len(set(sentence_ids)) == sum(len(split_sentences(p.text)) for p in article.paragraphs)
    # headings and the photo's description are read too
    assert "headline" in targets and all(f"heading{si}" in targets
                                         for si, s in enumerate(article.sections) if s.heading)
    assert ("photo" in targets) == bool(article.photo)
    # increasing, and inside the MP3
    length_ms = MP3(mp3).info.length * 1000
    last = 0
    for _, begin, end in pars:
        assert last <= begin < end <= length_ms + 1
        last = end
    # the audio is the audio edition's own MP3, byte for byte
    audio = [t.get("src") for t in book.smil.iter(f"{S}audio")]
    assert set(audio) == {f"audio/{mp3.name}"} and book.files[f"EPUB/audio/{mp3.name}"] == mp3.read_bytes()
    # durations: the overlay's and the total, equal to what the overlay plays
    durations = {m.get("refines"): clock_ms(m.text) for m in book.opf.iter(f"{O}meta")
                 if m.get("property") == "media:duration"}
    assert durations[None] == durations["#overlay"] == sum(e - b for _, b, e in pars)
    assert book.meta("media:active-class") == ["-epub-media-overlay-active"]
    assert ".-epub-media-overlay-active" in book.files["EPUB/style.css"].decode()
    assert result.manifest["epub"]["synchronised_cues"] == len(pars)


@pytest.mark.parametrize("name", [p.name for p in SAMPLE_FILES])
def test_nav_lists_every_section_and_the_package_says_what_it_is(books, name):
    article, book, *_ = books[name]
    links = [(a.get("href"), text_of(a)) for a in book.nav.iter(f"{X}a")]
    toc = book.nav.find(f"{X}body/{X}nav")
    assert toc.get(f"{EPUB_NS}type") == "toc"
    for si, s in enumerate(article.sections):
        assert (f"content.xhtml#sec{si}", s.heading or label("opening", article.lang)[0]) in links
    assert any(nav.get(f"{EPUB_NS}type") == "landmarks" for nav in book.nav.iter(f"{X}nav"))
    # container rules
    assert book.infos[0].filename == "mimetype" and book.infos[0].compress_type == zipfile.ZIP_STORED
    assert book.files["mimetype"] == b"application/epub+zip" and not book.infos[0].extra
    # metadata
    assert book.dc("title") == [article.headline] and book.dc("language") == [article.lang]
    assert book.dc("identifier")[0].startswith("urn:uuid:")
    if article.byline:
        assert book.dc("creator") == [article.byline]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", book.meta("dcterms:modified")[0])
    modes = book.meta("schema:accessMode")
    assert {"textual", "auditory"} <= set(modes)
    assert ("visual" in modes) == bool(book.content.find(f".//{X}img") is not None)
    assert {"structuralNavigation", "synchronizedAudioText", "displayTransformability", "tableOfContents",
            "readingOrder"} <= set(book.meta("schema:accessibilityFeature"))
    assert book.meta("schema:accessibilityHazard") == ["none"] and book.meta("schema:accessibilitySummary")
    assert "textual" in book.meta("schema:accessModeSufficient")
    assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    # the stylesheet never fixes the text size
    css = book.files["EPUB/style.css"].decode()
    assert not re.search(r"font-size:\s*[\d.]+(px|pt|pc|cm|mm|in|vw|vh)", css)


@pytest.mark.parametrize("name", [p.name for p in SAMPLE_FILES])
def test_every_body_word_in_order_and_nothing_active(books, name):
    article, book, *_ = books[name]
    text = text_of(book.content.find(f"{X}body"))
    _words_in_order(article, text)
    for doc in ("content.xhtml", "nav.xhtml"):
        raw = book.files[f"EPUB/{doc}"].decode()
        root = book.content if doc == "content.xhtml" else book.nav
        assert not [e for e in root.iter() if e.tag.replace(X, "") in
                    {"script", "iframe", "object", "embed", "form", "input", "button", "audio", "video", "canvas"}]
        assert not [a for e in root.iter() for a in e.attrib if a.lower().startswith("on")]
        assert "javascript:" not in raw.lower()
    assert not [i for i in book.opf.iter(f"{O}item") if "scripted" in (i.get("properties") or "")]
    assert not [n for n in book.files if n.endswith((".js", ".html", ".svg"))]


def _words_in_order(article, text: str) -> None:
    words = iter(re.findall(r"\w+", text))
    for w in (w for p in article.paragraphs for w in re.findall(r"\w+", p.text)):
        assert w in words, w  # consumes the iterator: each word found after the one before


def test_identifier_is_stable_across_rebuilds_and_edits(tmp_path, sample_txt):
    first = render_book(sample_txt, tmp_path / "a", only="epub")
    src = tmp_path / sample_txt.name  # the same article, one paragraph edited
    text = sample_txt.read_text(encoding="utf-8")
    assert "the library" in text
    src.write_text(text.replace("the library", "the old library", 1), encoding="utf-8")
    second = render_book(src, tmp_path / "b", only="epub")
    again = render_book(sample_txt, tmp_path / "c", only="epub")
    ident = first.manifest["epub"]["identifier"]
    assert ident == second.manifest["epub"]["identifier"] == again.manifest["epub"]["identifier"]
    one, two = Book(tmp_path / "a" / "riverside-library.epub"), Book(tmp_path / "b" / "riverside-library.epub")
    assert one.dc("identifier") == two.dc("identifier") == [ident]
    assert "the old library" in text_of(two.content) and "the old library" not in text_of(one.content)


def test_only_epub_writes_the_epub_alone_and_is_incremental(tmp_path, sample_txt, run_cli):
    out = tmp_path / "out"
    src_dir = tmp_path / "in"
    src_dir.mkdir()
    shutil.copy(sample_txt, src_dir)
    code, stdout, err = run_cli("build", src_dir, "--out", out, "--only", "epub", "--engine", "test", "--no-cache")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir() if p.name != ".lock") == [
        "index.html", "index.json", "riverside-library.epub", "riverside-library.json"]
    manifest = json.loads((out / "riverside-library.json").read_text())
    entry = manifest["outputs"]["epub"]
    assert entry["path"] == "riverside-library.epub" and len(entry["sha256"]) == 64
    assert entry["bytes"] == (out / "riverside-library.epub").stat().st_size
    before = (out / "riverside-library.epub").stat().st_mtime_ns
    code, stdout, err = run_cli("build", src_dir, "--out", out, "--only", "epub", "--engine", "test", "--no-cache")
    assert code == 0 and "0 rendered, 1 up to date" in stdout
    assert (out / "riverside-library.epub").stat().st_mtime_ns == before
    index = json.loads((out / "index.json").read_text())
    assert index["editions"][0]["outputs"] == {"epub": "riverside-library.epub"}


# -- property: any article gives a well-formed book with every word in order ------------------------------------

WORD = st.from_regex(r"[A-Za-zÀ-ÿ][a-zà-ÿ]{0,9}", fullmatch=True)
META = st.sampled_from(["&", "<", ">", "\"", "'", "<b>", "]]>", "&amp;", "<!--", "-->", "\u00a0", "…", "—"])
TOKEN = st.one_of(WORD, WORD, WORD, META)
SENTENCE = st.lists(TOKEN, min_size=2, max_size=12).map(lambda ws: " ".join(ws) + ".")
PARA = st.lists(SENTENCE, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=25, deadline=None)
@given(headline=st.lists(TOKEN, min_size=1, max_size=6).map(" ".join),
       sections=st.lists(st.tuples(st.one_of(st.none(), st.lists(TOKEN, min_size=1, max_size=4).map(" ".join)),
                                   st.lists(PARA, min_size=1, max_size=3)), min_size=1, max_size=3))
def test_any_article_gives_a_well_formed_book(tmp_path_factory, headline, sections):
    from editions.speech import build_script, load_lexicon
    d = tmp_path_factory.mktemp("epubprop")
    body = "\n\n".join((f"## {h}\n\n" if h else "") + "\n\n".join(ps) for h, ps in sections)
    md = f"---\ntitle: {json.dumps(headline)}\n---\n{body}\n"
    try:
        article = parse_text(md, "markdown", source_path=str(d / "a.md"))
    except Exception:
        return
    script = build_script(article, Config().audio, load_lexicon(None, None))
    if not script.cues:
        return
    # a timeline of 100 ms per character: the renderer takes the times as given
    t, cues = 0, []
    for c in script.cues:
        cues.append(TimedCue(c.text, c.kind, t, t + 100 * len(c.text), c.chapter, c.section, c.paragraph))
        t += 100 * len(c.text) + 250
    (d / "a.mp3").write_bytes(b"ID3")
    render_epub(article, Narration(tuple(cues), (), t), d / "a.mp3", d / "a.epub")
    book = Book(d / "a.epub")  # every document parses as XML
    _words_in_order(article, text_of(book.content.find(f"{X}body")))
    pars = book.pars()
    assert len(pars) == len(cues) and [p[1] for p in pars] == [c.start_ms for c in cues]
    ids = book.by_id()
    assert all(target in ids for target, _, _ in pars)
    assert text_of(book.content.find(f"{X}body/{X}header/{X}h1")) == " ".join(article.headline.split())
