"""Property: any text, in any script, either renders — every letter drawn by a real glyph and said by a voice that
reads it — or fails with exit 2 and one line.  Never exit 0 with empty boxes or silence."""
from __future__ import annotations

import importlib
import json
import os
import unicodedata

from hypothesis import event, given, settings
from hypothesis import strategies as st

from .print_helpers import extract, squash

ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéüñçøæßłő",
    "greek": "αβγδεζηθικλμνξοπρστυφχψω",
    "cyrillic": "абвгдежзийклмнопрстуфхцчшщыэюя",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "han": "新闻中国人大小日月水火",
    "kana": "あいうえおカキクケコ",
    "devanagari": "नमस्तेदुनिया",
    "emoji": "🎉👍🏽🎶❤️",
    "marks": "\u0301\u0303\u0308\u0327",
    "joiners": "\u200d\u200c",
}


@st.composite
def words(draw):
    pool = sorted(ALPHABETS) if draw(st.booleans()) else ["latin", "emoji", "marks", "joiners"]  # often renderable
    names = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
    letters = "".join(ALPHABETS[n] for n in names)
    word = st.text(alphabet=letters, min_size=1, max_size=12)
    latin = st.text(alphabet=ALPHABETS["latin"], min_size=2, max_size=8)
    return draw(st.lists(st.one_of(latin, word), min_size=2, max_size=30))


def _cmaps():
    """The print fonts' character maps, read straight from the font files (not through editions)."""
    from reportlab.pdfbase.ttfonts import TTFontFile
    out = []
    for module, stem in (("font_source_serif_pro", "SourceSerifPro"), ("font_source_sans_pro", "SourceSansPro")):
        folder = importlib.import_module(module).font_directory
        out.append(set(TTFontFile(os.path.join(folder, f"{stem}-Regular.ttf")).charToGlyph))
    return out


CMAPS = _cmaps()


def _selector(ch: str) -> bool:
    """A variation selector (or the keycap mark) belongs to the character before it, an emoji's is left out of
    print with the emoji: it is never a letter of its own to draw."""
    return 0xFE00 <= ord(ch) <= 0xFE0F or 0xE0100 <= ord(ch) <= 0xE01EF or ch == "\u20e3"


@settings(max_examples=25, deadline=None)
@given(headline=words(), body=words())
def test_any_text_renders_fully_or_fails_with_exit_2(tmp_path_factory, headline, body):
    from editions.cli import main
    from editions.speech.voices.engines.offline import OfflineEngine
    from editions.speech.voices.engines.test import TestEngine
    d = tmp_path_factory.mktemp("uni")
    src = d / "a.txt"
    text_head = " ".join(headline)[:120].strip() or "Head"
    text_body = " ".join(body) + "."
    src.write_text(f"{text_head}\n\n{text_body}\n", encoding="utf-8")
    said: list[str] = []

    def tones(self, texts, progress=None, on_clip=None):  # the offline voice's checks, the test voice's sound
        said.extend(texts)
        return TestEngine(ms_per_char=5).synthesize(texts, progress, on_clip)
    original, OfflineEngine.synthesize = OfflineEngine.synthesize, tones
    try:
        code = main(["render", str(src), "--out", str(d / "o"), "--engine", "offline", "--no-cache"])
    finally:
        OfflineEngine.synthesize = original
    assert code in (0, 2)
    event(f"exit {code}")
    if code == 2:
        return
    model = json.loads((d / "o" / "a.json").read_text(encoding="utf-8"))
    pdf_text = squash("".join(extract(d / "o" / "a.pdf")))
    for word in text_body.split():
        letters = [ch for ch in word if unicodedata.category(ch)[0] in "LMN" and not _selector(ch)]
        for ch in letters:  # a real glyph in both print fonts for every letter, mark and digit printed
            assert all(ord(ch) in cmap for cmap in CMAPS), (ch, model["headline"])
        if letters and all(unicodedata.category(ch)[0] == "L" for ch in letters):
            assert squash("".join(letters)) in pdf_text or squash(unicodedata.normalize("NFC", "".join(letters))) \
                in pdf_text
    # the voice was given only what it reads: Latin letters
    for t in said:
        for ch in t:
            if unicodedata.category(ch)[0] == "L":
                assert ch.isascii() or unicodedata.name(ch).startswith("LATIN"), (ch, t)
