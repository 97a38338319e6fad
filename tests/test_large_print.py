"""The large-print edition: sizes, alignment, no hyphenation or italics, no pull quotes, photo with caption."""
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_LEFT

from editions.press.styles import large_print_styles

from .print_helpers import extract, fonts, render, squash


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from .conftest import SAMPLES
    return render(SAMPLES / "harbour-seawall.md", tmp_path_factory.mktemp("lp"))


def test_styles_follow_guidance():
    st = large_print_styles()
    assert st.body.fontSize >= 18 and st.body.leading >= 1.4 * st.body.fontSize
    assert st.headline.fontSize == 22 and st.heading.fontSize == 20  # headings 22/20 pt
    assert st.headline.leading >= 1.4 * 22 and st.heading.leading >= 1.4 * 20
    assert st.caption.fontSize == st.body.fontSize and st.folio_size == st.body.fontSize
    for s in (st.body, st.heading, st.caption, st.deck, st.credit_line):
        assert s.alignment == TA_LEFT and not s.hyphenationLang
        assert "Italic" not in s.fontName and s.fontName.startswith("EdSans")


def test_one_column_ragged_no_italics(sample):
    result, art, _, large = sample
    g = result.geometry
    body = [p for p in result.large_placed if p.kind == "body"]
    assert body and all(abs(p.x - g.left) < 1 and abs(p.width - g.full) < 1 for p in body)
    assert not any(any(p.hyphenated) for p in result.large_placed)
    assert all("It" not in name for name in fonts(large))  # no italic face embedded at all
    pages = extract(large)
    for i, page in enumerate(pages):  # the folio closes every page; take it out before reading the story
        assert page.rstrip().endswith(f"Page {i + 1}")
    text = "".join(page.rstrip()[: -len(f"Page {i + 1}")] for i, page in enumerate(pages))
    assert squash(text).count(squash(art.pull_quotes[0].text)) == 1  # quoted once, in its paragraph
    doc = squash(text)
    pos = 0
    for t in [art.headline] + [p.text for p in art.paragraphs] + [art.credit_line]:
        pos = doc.index(squash(t), pos)


def test_photo_kept_with_caption(sample):
    result, *_ = sample
    photo = next(p for p in result.large_placed if p.kind == "photo")
    caption = next(p for p in result.large_placed if p.kind == "caption")
    assert photo.page == caption.page and caption.top <= photo.y + 0.5


def test_page_numbers_same_place_every_page(sample):
    result, art, _, large = sample
    pdf = pdfium.PdfDocument(str(large))
    assert len(pdf) == result.large_print_pages >= 2
    boxes = []
    for i in range(len(pdf)):
        tp = pdf[i].get_textpage()
        searcher = tp.search(f"Page {i + 1}")
        hit = searcher.get_next()
        assert hit is not None
        box = tp.get_charbox(hit[0])
        boxes.append((round(box[1]), round(box[3])))  # bottom and top of the P
        assert round(box[3] - box[1]) >= 11  # drawn at 18 pt (cap height ~ 0.65 em)
    assert len(set(boxes)) == 1


def test_metadata_and_outline(sample):
    _, art, _, large = sample
    r = PdfReader(str(large))
    assert r.metadata.title == art.headline and r.trailer["/Root"]["/Lang"] == "en-US"
    assert [o.title for o in r.outline] == [art.headline] + [s.heading for s in art.sections if s.heading]
