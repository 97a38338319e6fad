"""Print edge cases of "nothing lost, nothing leaked": photos turned upright by their EXIF orientation, drop caps
whose ink stays beside the lines they span (descenders, combining marks), and escaped markup laid out in linear
time.  Pixels are read from the PDFs as pypdfium2 renders them."""
from __future__ import annotations


import pytest
from PIL import Image, ImageOps

from .print_helpers import extract, render, squash

RED, GREEN, BLUE = (230, 20, 20), (20, 200, 20), (20, 20, 230)
STORED = {1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
          4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90,
          7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270}
"""Orientation -> how a camera stores an upright picture to be shown that way (checked against Pillow below)."""


def _upright() -> Image.Image:
    """A portrait picture, 120 x 320: red top left, green top right, blue bottom half (every turn and mirror
    of it looks different)."""
    im = Image.new("RGB", (120, 320), BLUE)
    im.paste(RED, (0, 0, 60, 160))
    im.paste(GREEN, (60, 0, 120, 160))
    return im


def _phone_jpeg(path, orientation: int, exif: bytes | None = None) -> None:
    up = _upright()
    stored = up if STORED[orientation] is None else up.transpose(STORED[orientation])
    if exif is None:
        tags = Image.Exif()
        tags[0x0112] = orientation
        exif = tags.tobytes()
    stored.save(path, "JPEG", quality=95, exif=exif)
    if orientation != 1:  # the stored picture is what Pillow's reference turn makes upright
        with Image.open(path) as check:
            shown = ImageOps.exif_transpose(check)
            assert shown.size == up.size
            assert [_colour(shown.getpixel(xy)) for xy in ((30, 80), (90, 80), (60, 240))] == ["red", "green", "blue"]


def _article(tmp_path, photo: str):
    src = tmp_path / "phone.md"
    body = "\n\n".join(["A paragraph of ordinary words that fills a line or two of the column. " * 3] * 4)
    src.write_text(f"---\ntitle: Phone Photo\nphoto: {{path: {photo}, caption: Taken upright on a phone., "
                   f"credit: Staff}}\n---\n{body}\n", encoding="utf-8")
    return src


def _page_image(pdf, page: int = 0, scale: float = 2.0):
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pg = doc[page]
        return pg.render(scale=scale).to_pil().convert("RGB"), pg.get_height()
    finally:
        doc.close()


def _colour(px) -> str:
    r, g, b = px
    return max((("red", r - g - b), ("green", g - r - b), ("blue", b - r - g)), key=lambda t: t[1])[0]


def _quadrants(pdf, box, scale: float = 2.0) -> tuple[str, str, str]:
    """(top left, top right, bottom) colours of the picture drawn in ``box`` (a Placed photo record)."""
    img, page_h = _page_image(pdf, box.page - 1, scale)
    def at(fx, fy):  # fractions of the box from its top left
        return img.getpixel((int((box.x + fx * box.width) * scale), int((page_h - box.top + fy * box.height) * scale)))
    return _colour(at(0.25, 0.2)), _colour(at(0.75, 0.2)), _colour(at(0.5, 0.85))


@pytest.mark.parametrize("orientation", range(1, 9))
def test_a_phone_photo_prints_upright_in_both_pdfs(tmp_path, orientation):
    """EXIF Orientation 2-8 (turned and mirrored) printed the picture as stored: on its side for 6 and 8."""
    _phone_jpeg(tmp_path / "p.jpg", orientation)
    result, art, pdf, large = render(_article(tmp_path, "p.jpg"), tmp_path / "o", validate=orientation == 6)
    assert result.warnings == []
    for path, placed in ((pdf, result.placed), (large, result.large_placed)):
        box = next(p for p in placed if p.kind == "photo")
        assert _quadrants(path, box) == ("red", "green", "blue"), (path.name, orientation)
    # the layout's aspect is the upright one: a 3:8 portrait is cropped to the page's limit, never set short
    box = next(p for p in result.placed if p.kind == "photo")
    assert box.height == pytest.approx(result.geometry.body_height * 0.42)


@pytest.mark.parametrize("exif", [b"Exif\x00\x00garbage, not TIFF", b"Exif\x00\x00II*\x00\xff\xff\xff\x7f\x00\x00",
                                  b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01"])
def test_a_damaged_exif_block_is_a_warning_and_the_photo_still_prints(tmp_path, exif):
    _phone_jpeg(tmp_path / "p.jpg", 1, exif=exif)
    result, *_ = render(_article(tmp_path, "p.jpg"), tmp_path / "o", validate=False)
    assert [p for p in result.placed if p.kind == "photo"] and [p for p in result.large_placed if p.kind == "photo"]
    assert len(result.warnings) == 1 and "EXIF" in result.warnings[0] and "p.jpg" in result.warnings[0]


def test_a_turned_photo_over_the_pixel_limit_is_reduced_and_upright(tmp_path, monkeypatch):
    """The bounded decoding (draft mode above the limit) and the turn together."""
    from editions.press import photo
    monkeypatch.setattr(photo, "MAX_PIXELS", 20_000)
    _phone_jpeg(tmp_path / "p.jpg", 6)
    result, art, pdf, _ = render(_article(tmp_path, "p.jpg"), tmp_path / "o", validate=False)
    assert len(result.warnings) == 1 and "reduced" in result.warnings[0]
    box = next(p for p in result.placed if p.kind == "photo")
    assert _quadrants(pdf, box) == ("red", "green", "blue")


def _cpu_limited(argv, cpu_seconds: int, cwd):
    """``editions ARGV`` in a child that the kernel stops after ``cpu_seconds`` of CPU time (SIGXCPU): a bound on
    work done, whatever else the machine is busy with."""
    from .limits import editions
    return editions(*argv, cpu=cpu_seconds, timeout=10 * cpu_seconds, cwd=cwd)


@pytest.mark.parametrize("unit, where", [("<", "body"), ("<&>", "body"), ("<", "caption")])
def test_a_word_of_40000_escaped_characters_lays_out_in_linear_time(tmp_path, unit, where):
    """Each ``&lt;`` was a ReportLab fragment of its own, and cutting the word into lines walked all of them for
    every piece: 40,000 ``<`` took 63 s of CPU in the body (20,000 plain letters: 1.2 s), about 30 s in a photo
    caption.  Now about 2 s and 5 s: well inside 20 s."""
    import json
    word = unit * (40_000 // len(unit))
    if where == "body":
        src = tmp_path / "escaped.txt"
        src.write_text(f"Escaped Word\n\nBefore {word} after.\n", encoding="utf-8")
    else:
        _phone_jpeg(tmp_path / "p.jpg", 1)
        src = tmp_path / "escaped.md"
        src.write_text(f"---\ntitle: Escaped Caption\nphoto: {{path: p.jpg, caption: {json.dumps(word)}}}\n---\n"
                       "Body text.\n", encoding="utf-8")
    p = _cpu_limited(["render", src, "--out", tmp_path / "out", "--only", "print"], 20, tmp_path)
    assert p.code == 0, (p.code, p.stderr[-2000:])
    for pdf in (tmp_path / "out" / "escaped.pdf", tmp_path / "out" / "escaped.large-print.pdf"):
        text = squash("".join(extract(pdf)))  # the word runs over pages, between their running heads
        assert [text.count(c) for c in unit] == [word.count(c) for c in unit], pdf.name
        if where == "body":
            assert f"Before{word[:50]}" in text and f"{word[-50:]}after." in text, pdf.name


def _chars(pdf, page: int = 0) -> list[tuple[str, float, tuple, float]]:
    """Every character pdfium finds on a page: (text, font size, tight ink box (left, bottom, right, top), baseline)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        out = []
        for i in range(tp.count_chars()):
            x, y = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
            out.append((tp.get_text_range(i, 1), raw.FPDFText_GetFontSize(tp.raw, i), tp.get_charbox(i), y.value))
        return out
    finally:
        doc.close()


OPENING_REST = (" the harbour wall, rebuilt after the storm of last winter, held through the night as the tide rose "
                "higher than any the town has recorded. Lifeboat crews kept watch; the lighthouse keeper logged gusts "
                "of hurricane force and a flood that lapped the steps of the old fish market before it fell back.")


def _opening(tmp_path, first_word: str, rest: str = OPENING_REST, **kw):
    src = tmp_path / "cap.md"
    src.write_text(f"---\ntitle: Drop Cap\n---\n{first_word}{rest}\n\nA second paragraph, short.\n", encoding="utf-8")
    return render(src, tmp_path / "o", **kw)


@pytest.mark.parametrize("first_word, cap", [
    ("Quietly", "Q"), ("Jetties", "J"), ("Çava", "Ç"), ("gusts", "g"), ("Ąkala", "Ą"),
    ("E\u0301tienne", "É"), ("N\u0303andu", "Ñ"), ("E\u0323\u0302ch", "Ệ"), ("A\u0328\u0304kala", "Ą\u0304"),
])
def test_a_drop_caps_ink_stays_beside_the_lines_it_spans(tmp_path, first_word, cap):
    """The cap was sized from the cap height alone: the tail of a Q (J, Ç, g, a dot below) ran into the fourth
    line's letters, and a mark above could rise out of the paragraph.  Measured on the page (pdfium's tight
    glyph boxes): the cap's lowest ink is above the tallest letter drawn at body size, set on the next line's
    baseline; its highest ink is inside the paragraph's top; none is left of the column or under the text."""
    import unicodedata
    result, art, pdf, _ = _opening(tmp_path, first_word, validate=cap in ("Q", "Ą\u0304"))
    box = next(p for p in result.placed if p.kind == "dropcap")
    assert box.lines == 3
    chars = _chars(pdf)
    big = [c for c in chars if c[1] > 15 and box.x - 1 <= c[2][0] and c[2][2] <= box.x + box.width + 1
           and box.y - 12 <= c[3] <= box.top]
    assert "".join(c[0] for c in big) == unicodedata.normalize("NFC", cap)
    ink = (min(c[2][0] for c in big), min(c[2][1] for c in big), max(c[2][2] for c in big), max(c[2][3] for c in big))
    body = [c for c in chars if abs(c[1] - 9.5) < 0.05 and c[0].strip() and c[2][0] < box.x + result.geometry.column]
    tallest = max(c[2][3] - c[3] for c in body)  # over the baseline, as measured (an 'f' or 'l')
    baselines = sorted({round(c[3], 1) for c in body if box.y - 13 < c[3] < box.top}, reverse=True)
    assert len(baselines) == 4  # three lines beside the cap, the fourth under it
    assert ink[1] >= baselines[3] + tallest + 0.25, (ink, baselines, tallest)
    assert ink[3] <= box.top + 0.25 and ink[0] >= box.x - 0.25
    beside = [c for c in body if round(c[3], 1) in baselines[:3]]
    assert min(c[2][0] for c in beside) >= ink[2] + 2  # the text beside starts after the cap's ink
    # the whole grapheme is the cap: the first line starts with the next letter, not with an orphan mark
    first_line = sorted((c for c in beside if round(c[3], 1) == baselines[0]), key=lambda c: c[2][0])
    assert first_line[0][0] == unicodedata.normalize("NFC", first_word)[len(unicodedata.normalize("NFC", cap))]
    assert not any(unicodedata.category(c[0]) == "Mn" for c in body)
    assert squash(unicodedata.normalize("NFC", first_word + OPENING_REST)[len(cap):]) in squash(
        unicodedata.normalize("NFC", "".join(extract(pdf))))



@pytest.mark.parametrize("first_word", ["\u201cQuietly,\u201d", '"Quietly,"', "1,200"])
def test_an_opening_quotation_mark_or_digit_keeps_the_paragraph_without_a_cap(tmp_path, first_word):
    """The rule kept: a paragraph that opens with anything but a letter has no drop cap (never a cap of a lone
    quotation mark, nor one that drops it); every character stays in the text."""
    result, art, pdf, _ = _opening(tmp_path, first_word, validate=False)
    assert not [p for p in result.placed if p.kind == "dropcap"]
    assert squash(first_word + OPENING_REST) in squash("".join(extract(pdf)))


def test_a_letter_under_a_tower_of_marks_gets_no_cap_and_keeps_every_mark(tmp_path):
    """E and 40,000 combining acutes: the cap would have to be tiny to keep its ink beside its lines, so there is
    none (it was an E, with 40,000 orphan marks starting the first line); the text keeps every mark."""
    import unicodedata
    result, art, pdf, _ = _opening(tmp_path, "E" + "\u0301" * 40_000 + "tienne", validate=False)
    assert not [p for p in result.placed if p.kind == "dropcap"]
    text = unicodedata.normalize("NFD", "".join(extract(pdf)))
    assert text.count("\u0301") == 40_000 and "tienne the harbour" in text
