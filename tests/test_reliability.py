"""The reliability suite: hostile input through the whole build, and random articles end to end (all editions)."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editions.config import Config
from editions.epub import render_epub
from editions.errors import EditionsError
from editions.parse import parse_text
from editions.press import render_print
from editions.speech import render_audio
from editions.speech.voices.engines.test import TestEngine

from .epub_helpers import Book, text_of
from .print_helpers import extract, squash
from .tagged_helpers import page_validation_failures, pdfua_errors

HOSTILE = {
    "empty.txt": (b"", 2, "file is empty"),
    "binary.txt": (bytes(range(256)) * 8, 2, "binary data"),
    "latin1.txt": ("Caf\xe9 Talks\n\nThe caf\xe9 owner spoke.\n".encode("latin-1"), 0, None),
    "zero-width.txt": ("Head\u200bline\n\nBo\u200ddy text.\n".encode(), 0, None),
    "headline-only.txt": (b"Only A Headline\n", 0, None),
    "huge-word.txt": (("Huge Word\n\nA " + "y" * 10_000 + " here.\n").encode(), 0, None),
    "huge-url.txt": (("Huge URL\n\nSee https://example.org/" + "a/" * 3000 + " now.\n").encode(), 0, None),
    "emoji.txt": ("Emoji 🎉 Day\n\nPeople cheered 👍🏽 and sang 🎶 all night.\n".encode(), 0, None),
    "markup.md": ('---\ntitle: "<font color=red>Red</font> & <b>bold"\n---\n<img src="/etc/passwd"/> '
                  '<a href="javascript:x()">link</a> &amp; <para>\n'.encode(), 0, None),
    "bad-yaml.md": (b"---\ntitle: [oops\n---\nBody\n", 2, "not valid YAML"),
    "unknown-key.md": (b"---\ntitle: T\nauthor: Me\n---\nBody\n", 2, "unknown front matter key 'author'"),
    "escape.md": (b"---\ntitle: T\nphoto: {path: ../../../etc/passwd, caption: c}\n---\nBody\n", 2,
                  "leaves the article's folder"),
    "bad.json": (b'{"headline": 3}', 2, "should be a string"),
    "mixed.txt": ("Mixed \u00e9 Encodings\n\n".encode() + b"caf\xe9 and na\xefve\n", 0, None),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_through_the_whole_render(tmp_path, run_cli, name):
    data, code_expected, message = HOSTILE[name]
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out"
    code, stdout, err = run_cli("render", src, "--out", out, "--engine", "test", "--no-cache")
    assert "Traceback" not in err
    assert code == code_expected, err
    if message:
        lines = [line for line in err.strip().splitlines() if line.startswith("editions: error:")]
        assert len(lines) == 1 and message in lines[0] and name in lines[0]
        assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
    else:
        made = sorted(p.suffix for p in out.iterdir() if not p.name.startswith("."))
        assert made == [".epub", ".html", ".js", ".json", ".mp3", ".pdf", ".pdf", ".vtt"]
        for pdf in out.glob("*.pdf"):  # tagged, PDF/UA-1
            assert not page_validation_failures(pdf) and not pdfua_errors(pdf), pdf.name


WORD = st.from_regex(r"[A-Za-zÀ-ÿ][a-zà-ÿ]{1,10}", fullmatch=True)
SENTENCE = st.lists(WORD, min_size=3, max_size=18).map(lambda ws: " ".join(ws) + ".")
PARA = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
HEADING = st.lists(WORD, min_size=2, max_size=6).map(" ".join)


@st.composite
def articles(draw):
    blocks = [draw(HEADING)]
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            blocks.append(draw(HEADING))
        blocks += draw(st.lists(PARA, min_size=1, max_size=3))
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=20, deadline=None)
@given(articles())
def test_random_articles_end_to_end(tmp_path_factory, text):
    d = tmp_path_factory.mktemp("prop")
    try:
        article = parse_text(text, "text", source_path=str(d / "a.txt"))
        audio = render_audio(article, d / "a.mp3", d / "a.vtt", Config(), engine=TestEngine(ms_per_char=2),
                             show_progress=False)
        render_print(article, d / "a.pdf", d / "a.large.pdf", Config())
        render_epub(article, audio.narration, d / "a.mp3", d / "a.epub")
    except EditionsError:
        return
    body = [w for p in article.paragraphs for w in re.findall(r"\w+", p.text)]
    pdf_text = squash("".join(extract(d / "a.pdf")))
    large_text = squash("".join(extract(d / "a.large.pdf")))
    for pdf in (d / "a.pdf", d / "a.large.pdf"):  # tagged, PDF/UA-1, whatever the article
        assert not page_validation_failures(pdf) and not pdfua_errors(pdf), pdf.name
    vtt = (d / "a.vtt").read_text(encoding="utf-8")
    vtt_words = set(re.findall(r"\w+", vtt))
    book = iter(re.findall(r"\w+", text_of(Book(d / "a.epub").content)))
    for w in body:
        assert w in book, w  # in order: the iterator is consumed up to the word found
        assert squash(w) in pdf_text, w
        assert squash(w) in large_text, w
        assert w in vtt_words, w
