"""Right-to-left and shaped print, read back from the PDF: marks where HarfBuzz puts them (GPOS), the drop cap of an
Arabic or Hebrew article on the right, pull quotes mirrored, and each drawn line extracted in reading order."""
from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest

VOWELLED_ARABIC = "ذَهَبَ الطُّلَّابُ إِلَى المَكْتَبَةِ لِيَقْرَؤُوا كُتُبًا جَدِيدَةً"
"""A sentence of our own, with every vowel mark (harakat, shadda, sukun, tanween)."""
POINTED_HEBREW = "הַיְלָדִים הָלְכוּ לַסִּפְרִיָּה הַחֲדָשָׁה"
"""A sentence of our own, with niqqud and dagesh."""


def _ink_boxes(pdf: bytes) -> set[tuple[float, float, float, float]]:
    """Every drawn glyph's ink box (pdfium's tight char boxes, one per glyph: a glyph read as two characters
    gives one box), rounded to 0.1 pt; empty boxes (spaces) left out."""
    page = pdfium.PdfDocument(pdf)[0]
    tp = page.get_textpage()
    out = set()
    for i in range(tp.count_chars()):
        x0, y0, x1, y1 = tp.get_charbox(i, loose=False)
        if x1 - x0 > 0.05 and y1 - y0 > 0.05:
            out.add((round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1)))
    return out


def _harfbuzz_boxes(word: str, font: str, x: float, y: float, size: float):
    """Each glyph's ink box where HarfBuzz itself places it (its advances and GPOS offsets), in PDF points."""
    import uharfbuzz as hb

    from editions.press.shaping import _hb_font
    f = _hb_font(font)
    buf = hb.Buffer()
    buf.add_str(word)
    buf.guess_segment_properties()
    hb.shape(f, buf, {"kern": True, "liga": True})
    scale = size / f.face.upem
    out = []
    for info, p in zip(buf.glyph_infos, buf.glyph_positions):
        e = f.get_glyph_extents(info.codepoint)
        if e.width and e.height:
            x0 = x + (p.x_offset + e.x_bearing) * scale
            top = y + (p.y_offset + e.y_bearing) * scale
            out.append((x0, top + e.height * scale, x0 + e.width * scale, top))
        x += p.x_advance * scale
        y += p.y_advance * scale
    return out


@pytest.mark.parametrize("text,face", [(VOWELLED_ARABIC, "EdArabicSerif"), (POINTED_HEBREW, "EdHebrewSerif")])
def test_marks_are_drawn_where_harfbuzz_places_them(text, face):
    """Every glyph of a fully vowelled word -- harakat, shadda, niqqud -- has its ink exactly where HarfBuzz's
    positions put it (within 0.15 pt at 40 pt), so a mark sits on its letter; without the GPOS offsets the marks
    land up to 8 pt beside them."""
    from editions.press.drawtext import draw_text
    from editions.press.fonts import register_fonts
    from editions.press.placedtext import PlacedCanvas
    from editions.press.scriptfonts import register_script_fonts
    register_fonts()
    register_script_fonts()
    for word in text.split():
        buf = io.BytesIO()
        canv = PlacedCanvas(buf, pagesize=(400, 100))
        draw_text(canv, 20, 40, word, "EdSerif", 40)
        canv.save()
        drawn = _ink_boxes(buf.getvalue())
        for want in _harfbuzz_boxes(word, face, 20, 40, 40):
            assert any(all(abs(a - b) <= 0.15 for a, b in zip(want, got)) for got in drawn), (word, want, drawn)


def _page_text(pdf) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


@pytest.mark.parametrize("name", ["hindi", "arabic", "hebrew"])
def test_extracting_the_page_gives_each_line_in_reading_order(tmp_path, name):
    """pdfium's extraction of the page (what copying a line gives) reads every paragraph's words in logical
    order: a shaped Devanagari line through its own /ActualText (its glyphs drawn reordered read "िफर" for
    "फिर"), a right-to-left line from its glyphs in visual order, which the reader puts in reading order (a
    logical /ActualText there would be reversed)."""
    from .print_helpers import render, squash
    from .test_scripts_print import DATA
    import unicodedata
    _, art, pdf, large = render(DATA / f"{name}.md", tmp_path)

    def norm(t):  # pdfium sets a vowel mark Amiri draws over the next letter (tanween on alef) apart from it
        t = squash(t).replace("\u200c", "")
        return "".join(c for c in t if unicodedata.category(c) != "Mn") if name != "hindi" else t
    for path in (pdf, large) if name == "hindi" else (pdf,):  # (pdfium takes one large-print Arabic line for
        text = norm(_page_text(path))  # the one above it: see the README's Known limits)
        for p in art.paragraphs:
            assert norm(p.text) in text, (path.name, p.text)


def _article(tmp_path, lang: str, body: str, quote: str = ""):
    front = f"---\ntitle: {'כותרת' if lang == 'he' else 'عنوان'}\nlang: {lang}\n"
    if quote:
        front += f"pull_quotes:\n  - text: {quote}\n"
    src = tmp_path / f"a-{lang}.md"
    src.write_text(front + "---\n\n" + body + "\n", encoding="utf-8")
    return src


HEBREW_BODY = ("בבוקר יום ראשון נפתחה הספרייה העירונית אחרי שנתיים של שיפוץ, ומאות תושבים הגיעו לראות את "
               "האולמות החדשים ואת פינת הילדים שנבנתה בקומת הכניסה.\n\n"
               "מנהלת הספרייה סיפרה כי במבנה יש עכשיו יותר משלושים אלף ספרים, וכי שעות הפתיחה יוארכו בשעתיים "
               "בכל יום.\n\n"
               "\"באתי לכאן כילד, והיום אני מביא את הנכדים שלי לאותו אולם,\" אמר אחד המבקרים הוותיקים.\n\n"
               "העבודות עלו כשישה מיליון שקלים, ורובן מומנו על ידי העירייה.")
"""A short Hebrew article of our own."""
ARABIC_JOINING = ("بدأت البلدية صباح الأحد أعمال توسيع الحديقة العامة قرب المحطة، وقال المهندس المسؤول إن "
                  "الأشجار القديمة ستبقى في أماكنها وإن الممرات الجديدة ستكون مناسبة للكراسي المتحركة.\n\n"
                  "ويتوقع أن تنتهي الأعمال قبل الصيف المقبل.")
"""Of our own: it opens with a letter that joins the next (ب), unlike the sample's (و, ا)."""


@pytest.mark.parametrize("lang,body", [("he", HEBREW_BODY), ("ar", ARABIC_JOINING)])
def test_a_right_to_left_drop_cap_is_at_the_top_right_of_its_paragraph(tmp_path, lang, body):
    """The cap's box ends at the column's right edge, at the paragraph's top, three lines tall; the lines beside
    it end short of it on the left of it, and the paragraph still reads once, whole, in the structure tree."""
    from .print_helpers import render
    from .tagged_helpers import structure
    result, art, pdf, _ = render(_article(tmp_path, lang, body), tmp_path / "out")
    cap = next(p for p in result.placed if p.kind == "dropcap")
    para = next(p for p in result.placed if p.kind == "body" and p.ref == (0, 0))
    assert cap.lines == 3
    assert abs(cap.x + cap.width - (para.x + para.width)) < 0.5  # on the right
    assert abs(cap.top - para.top) < 0.5
    with pdfplumber.open(str(pdf)) as doc:  # the lines beside it end left of the cap's box
        chars = [c for c in doc.pages[0].chars if c["size"] < 12 and c["top"] < doc.pages[0].height - cap.top
                 + 3 * 12 and c["top"] > doc.pages[0].height - cap.top]
        assert chars and max(c["x1"] for c in chars) <= cap.x + 0.5
        big = [c for c in doc.pages[0].chars if c["size"] > 20 and c["x0"] >= cap.x - 0.5]
        assert big  # the cap itself, drawn inside its box
    para_node = next(n for n in structure(pdf) if n.role == "P" and n.read.startswith(body[:10]))
    assert para_node.read == " ".join(art.paragraphs[0].text.split())  # the letter read once, in its place


def test_an_arabic_cap_keeps_its_joined_form_and_so_does_the_rest_of_its_word():
    from editions.press.fonts import register_fonts
    from editions.press.rtlcap import rtl_cap
    from editions.press.scriptfonts import register_script_fonts
    from editions.press.shaping import shape_word
    register_fonts()
    register_script_fonts()
    cluster, face, joins = rtl_cap("بدأت البلدية", "EdSerif-Bold")
    assert (cluster, joins) == ("ب", True)
    assert shape_word("ب\u200d", face) != shape_word("ب", face)  # drawn in its initial form
    assert rtl_cap("وافق المجلس", "EdSerif-Bold")[2] is False  # waw never joins forward
    assert rtl_cap("בבוקר", "EdSerif-Bold")[2] is False  # Hebrew does not join


@pytest.mark.parametrize("lang,marks", [("ar", "«»"), ("he", "„”")])
def test_pull_quote_marks_are_the_languages_own(tmp_path, lang, marks):
    from .print_helpers import render
    body = "\n\n".join([HEBREW_BODY if lang == "he" else ARABIC_JOINING] * (3 if lang == "he" else 6))
    quote = "באתי לכאן כילד, והיום אני מביא את הנכדים שלי" if lang == "he" else "الأشجار القديمة ستبقى في أماكنها"
    result, _, pdf, _ = render(_article(tmp_path, lang, body, quote), tmp_path / "out")
    # what the page shows inside the pull quote's box (an artifact: the body reads the words once)
    import pypdfium2
    box = next(p for p in result.placed if p.kind == "pullquote")
    page = pypdfium2.PdfDocument(str(pdf))[box.page - 1]  # pages count from 1
    shown = page.get_textpage().get_text_bounded(box.x, box.y, box.x + box.width, box.y + box.height)
    # pdfium reads the high closing mark ” of a right-to-left line back as “ (the page shows ”: looked at)
    closing = {marks[1], "“"} if lang == "he" else {marks[1]}
    text = "".join(shown.split())
    assert text[0] == marks[0] and text[-1] in closing and text.count(marks[0]) == 1
    assert "".join(quote.split()) in text  # the quote itself, whole, between them
