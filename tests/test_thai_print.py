"""Thai in print: broken between words (ICU's dictionary, :mod:`editions.press.thaibreak`), never inside one and
never before a mark, justified at the word gaps (no letter spacing), the segmenter loaded only for Thai.
(PDF/UA-1, .notdef and the structure tree of the same article: tests/test_scripts_print.py.)"""
from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from .print_helpers import render

DATA = Path(__file__).parent / "data" / "scripts"
BODY = 9.5


def _pieces(text: str) -> list[str]:
    from editions.press.thaibreak import thai_breaks
    at = thai_breaks(text)
    return [text[a:b] for a, b in zip((0, *at), (*at, len(text)))]


def test_breaks_fall_between_words_only():
    # cases a dictionary-based segmenter measured here got wrong (บอก|ว่า read as บอ|กว่า, a break before ๆ)
    assert _pieces("ชาวบ้านบอกว่าเด็กๆ") == ["ชาว", "บ้าน", "บอก", "ว่า", "เด็กๆ"]
    assert _pieces("ชาวกรุงเทพฯ") == ["ชาว", "กรุงเทพฯ"]
    assert _pieces("ราคา45ล้าน") == ["ราคา45ล้าน"]  # a number with its unit
    assert _pieces("“ข่าว”ดี") == ["“ข่าว”ดี"]  # quotation marks with their word
    assert _pieces("BuildRight") == [] or _pieces("BuildRight") == ["BuildRight"]
    for text in ("เทศบาลนครเชียงใหม่เปิดสะพานคนเดินข้ามคลองแม่ข่าแห่งใหม่", "ผู้สูงอายุเดินทางไปตลาด"):
        for p in _pieces(text)[1:]:
            assert not unicodedata.category(p[0]).startswith("M") and p[0] not in "ๆฯ", p
        assert len(_pieces(text)) > 5


@pytest.fixture(scope="module")
def thai(tmp_path_factory):
    result, art, pdf, large = render(DATA / "thai.md", tmp_path_factory.mktemp("thai"))  # + PDF/UA-1
    return art, result, pdf, large


def _body_lines(pdf: Path) -> list[tuple[str, float, float]]:
    """(text, x0, x1) of every body line, column by column, top to bottom."""
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            mid = page.width / 2
            chars = [c for c in page.chars if abs(c["size"] - BODY) < 0.05 and c["top"] > 60]
            for left in (True, False):
                rows: dict[int, list] = {}
                for c in chars:
                    if (c["x0"] < mid) == left:
                        rows.setdefault(round(c["bottom"]), []).append(c)
                for _, row in sorted(rows.items()):
                    # in the order drawn (left to right, as Thai is set): a mark is drawn where HarfBuzz places
                    # it, which may be left of its base's right neighbour's origin, so x order would misplace it;
                    # a mark HarfBuzz reordered in its cluster reads in glyph order, and a glyph standing for
                    # nothing more reads U+200C (the structure tree reads the words as written)
                    text = "".join(c["text"] for c in row).replace("\u200c", "").strip()
                    if text:
                        out.append((text, min(c["x0"] for c in row), max(c["x1"] for c in row)))
    return out


def test_every_line_ends_between_two_words_and_justified_lines_fill_the_column(thai):
    art, _, pdf, _ = thai
    from editions.press.thaibreak import thai_breaks
    paragraphs = [p.text for s in art.sections for p in s.paragraphs]
    squashed, allowed, ends, spaces = "", set(), set(), set()
    for p in paragraphs:
        for chunk in p.split():
            allowed.update(len(squashed) + i for i in thai_breaks(chunk))
            squashed += chunk
            spaces.add(len(squashed))
        ends.add(len(squashed))
    allowed |= spaces
    lines = _body_lines(pdf)
    got = "".join("".join(t.split()) for t, _, _ in lines)
    assert sorted(got) == sorted(squashed) and got[:20] == squashed[:20]  # every letter, nothing added
    at, inside, right = 0, 0, max(x1 for _, _, x1 in lines[: len(lines) // 2])
    for text, _, x1 in lines:
        at += len("".join(text.split()))
        assert at in allowed, f"a line ends inside a word: …{squashed[at - 6:at]}|{squashed[at:at + 6]}…"
        inside += at not in spaces
        if at not in ends and x1 < right - 60:  # a left-column line that is not a paragraph's last
            pytest.fail(f"a justified line stops short of the column's edge: {text}")
        first = text[0]
        assert not unicodedata.category(first).startswith("M") and first not in "ๆฯ", text
    assert inside >= 3  # lines end between words inside a phrase, not only at its spaces


def test_justified_thai_lines_are_flush_and_never_letter_spaced():
    """The extra width of a line goes to its word gaps (and spaces), never between letters (Tc would part a
    tone mark from its letter)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from editions.press.flowables import BodyPara
    from editions.press.markup import text_markup
    from editions.press.styles import print_styles
    text = "นายกเทศมนตรีกล่าวว่าสะพานนี้จะช่วยให้นักเรียนและผู้สูงอายุเดินทางไปตลาดได้สะดวกและปลอดภัยมากขึ้น" * 2
    para = BodyPara(text_markup(text), print_styles("th").body)
    width = 150.0
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    assert len(lines) > 3
    for ln in lines[:-1]:
        assert ln.tracking == 0
        gaps = [float(w.cbDefn.label) for w in ln.words if getattr(getattr(w, "cbDefn", None), "name", "")
                == "editions_gap"]
        drawn = sum(stringWidth(w.text, w.fontName, w.fontSize) for w in ln.words if not hasattr(w, "cbDefn"))
        assert gaps and abs(drawn + sum(gaps) + ln.extraSpace - ln.maxWidth) < 0.05, (drawn, gaps, ln.maxWidth)
    drawn = "".join(w.text for ln in lines for w in ln.words if not hasattr(w, "cbDefn"))
    assert " " not in drawn  # the gaps are moves of the pen, not spaces added to the text


def test_the_segmenter_is_loaded_only_when_thai_is_set():
    code = """
import sys
from editions.press.flowables import BodyPara
from editions.press.markup import text_markup
from editions.press.styles import print_styles
BodyPara(text_markup("A paragraph of English words " * 20), print_styles("en").body).wrap(150, 9999)
BodyPara(text_markup("这是一篇简短的新闻文章。" * 9), print_styles("zh").body).wrap(150, 9999)
print("icu" in sys.modules)
BodyPara(text_markup("ชาวบ้านบอกว่าเด็กๆ ก็ดีใจ" * 9), print_styles("th").body).wrap(150, 9999)
print("icu" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
