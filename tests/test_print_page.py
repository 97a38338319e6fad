"""Page-level faults a reader notices: the byline, the photo on the grid, a missing or hostile photo."""
import io

import pytest
from PIL import Image

from editions.model import Article, byline_names

from .print_helpers import extract, render


@pytest.mark.parametrize("given, shown", [
    ("By Priya Natarajan", "Priya Natarajan"), ("by PRIYA NATARAJAN", "PRIYA NATARAJAN"),
    ("BY: Ann Lee", "Ann Lee"), ("Ann Lee, Bo Kim, Cy Diaz", "Ann Lee, Bo Kim and Cy Diaz"),
    ("By Ann Lee and Bo Kim and Cy Diaz", "Ann Lee, Bo Kim and Cy Diaz"), ("Ann Lee; Bo Kim & Cy Diaz",
                                                                            "Ann Lee, Bo Kim and Cy Diaz"),
    ("Ann Lee, Bo Kim, and Cy Diaz", "Ann Lee, Bo Kim and Cy Diaz"), ("Bystander Jones", "Bystander Jones"),
    ("Martin King, Jr. and Ann Lee", "Martin King, Jr. and Ann Lee"), ("", ""),
])
def test_byline_names(given, shown):
    assert byline_names(given) == shown
    assert Article(headline="H", byline=given).byline == shown


def test_byline_not_doubled_in_print(tmp_path):
    src = tmp_path / "b.md"
    src.write_text("---\ntitle: Byline\nbyline: By Priya Natarajan and Tom Hale\n---\nBody text.\n", encoding="utf-8")
    result, art, pdf, large = render(src, tmp_path / "o")
    for path in (pdf, large):
        text = extract(path)[0]
        assert "By Priya Natarajan and Tom Hale" in text and "By By" not in text


def _jpeg(path, size, color=(90, 120, 160)):
    Image.new("RGB", size, color).save(path, "JPEG", quality=70)


def _article(tmp_path, name, photo, caption="A caption that says what the picture shows.", **extra):
    src = tmp_path / f"{name}.md"
    body = "\n\n".join(["Body paragraph with some words in it to fill a line or two of the column. " * 3] * 6)
    src.write_text(f"---\ntitle: {name}\nphoto: {{path: {photo}, caption: {caption}, credit: Staff photo}}\n---\n"
                   f"{body}\n", encoding="utf-8")
    return src


@pytest.mark.parametrize("columns", [2, 1])
@pytest.mark.parametrize("size", [(1600, 1000), (300, 4000)])  # a 16:10 photo and a very tall, narrow one
def test_photo_spans_the_measure_and_is_cropped_not_squashed(tmp_path, columns, size):
    _jpeg(tmp_path / "p.jpg", size)
    result, *_ = render(_article(tmp_path, "photo", "p.jpg"), tmp_path / "o", photo_columns=columns)
    g = result.geometry
    photo = next(p for p in result.placed if p.kind == "photo")
    width = g.full if columns == 2 else g.column
    assert photo.x == pytest.approx(g.left) and photo.width == pytest.approx(width)  # edges on the grid
    limit = g.body_height * (0.42 if columns == 2 else 0.3)
    assert photo.height <= limit + 0.5
    if size[1] / size[0] * width > limit:  # too tall: cropped to the limit, full width kept
        assert photo.height == pytest.approx(limit)
    else:
        assert photo.height == pytest.approx(width * size[1] / size[0])
    for kind in ("caption", "credit"):
        part = next(p for p in result.placed if p.kind == kind)
        assert part.x == pytest.approx(photo.x) and part.width == pytest.approx(photo.width)
        assert part.top <= photo.y + 0.5
    assert result.warnings == []


def test_missing_photo_costs_at_most_three_lines(tmp_path):
    from editions.errors import RenderError
    long_caption = "A very long caption " * 20
    src = _article(tmp_path, "missing", "gone.jpg", caption=long_caption.strip())
    result, art, pdf, _ = render(src, tmp_path / "o")
    note = [p for p in result.placed if p.kind == "photo-missing"]
    assert len(note) == 1 and note[0].lines <= 3 and note[0].width == pytest.approx(result.geometry.column)
    assert any("photo file not found" in w for w in result.warnings)
    text = extract(pdf)[0].replace("\n", " ")
    assert "Photo not available: A very long caption" in text and "(Staff photo)" in text
    with pytest.raises(RenderError, match="photo file not found"):
        render(src, tmp_path / "o2", strict=True)


def test_huge_photo_is_decoded_small_with_a_warning(tmp_path, monkeypatch, recwarn):
    """Above the pixel limit a JPEG is decoded at a reduced scale (draft mode), with our warning and none of
    Pillow's; a PNG above it is refused with a warning.  (The limit is lowered so the files stay small.)"""
    from editions.press import photo
    monkeypatch.setattr(photo, "MAX_PIXELS", 1_000_000)
    _jpeg(tmp_path / "big.jpg", (2400, 2400))
    result, *_ = render(_article(tmp_path, "big", "big.jpg"), tmp_path / "o")
    assert any("over the 1-megapixel limit" in w and "reduced" in w for w in result.warnings)
    assert [p for p in result.placed if p.kind == "photo"]
    Image.new("RGB", (1200, 1200), (10, 10, 10)).save(tmp_path / "big.png")
    result, *_ = render(_article(tmp_path, "bigpng", "big.png"), tmp_path / "o2")
    assert any("over the 1-megapixel limit" in w for w in result.warnings)
    assert [p for p in result.placed if p.kind == "photo-missing"]
    assert not [w for w in recwarn if "Image" in str(w.category)]


def test_truncated_jpeg_is_a_warning_not_a_grey_half(tmp_path):
    buf = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buf, "JPEG")
    (tmp_path / "cut.jpg").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    result, *_ = render(_article(tmp_path, "cut", "cut.jpg"), tmp_path / "o")
    assert any("truncated" in w for w in result.warnings)
    assert [p for p in result.placed if p.kind == "photo-missing"]


def test_one_page_article_gets_a_pull_quote(tmp_path):
    """A one-page article with at least half a page of body and quotable quotations (each in its own
    section) gets a pull quote, placed by the same rules."""
    from editions.press import quote_rule_problems

    from .conftest import SAMPLES
    text = (SAMPLES / "harlow-ferry-strike.txt").read_text(encoding="utf-8")
    src = tmp_path / "short.txt"
    src.write_text(text.split("\n\nWhat Riders Can Expect Now")[0] + "\n\nThe Ledger contributed to this report.\n",
                   encoding="utf-8")
    result, art, pdf, _ = render(src, tmp_path / "o")
    g = result.geometry
    body = sum(p.height for p in result.placed if p.kind == "body")
    assert result.pages == 1 and body >= 0.9 * g.body_height  # about half the page's two columns of text
    assert len(art.pull_quotes) >= 2 and len(result.quotes) >= 1
    for qi in result.quotes:
        assert quote_rule_problems(result.placed, g, qi, art.pull_quotes[qi].source) == []


def test_a_heading_never_ends_a_column_above_a_short_paragraph(tmp_path):
    """A paragraph of three lines or fewer cannot split (no widows or orphans), so a heading above one takes it
    whole below it or moves to the next column (the transit sample left a heading alone at a column's foot)."""
    from .conftest import SAMPLES
    result, *_ = render(SAMPLES / "transit-budget.md", tmp_path)
    g = result.geometry
    items = [p for p in result.placed if p.kind in ("body", "heading", "pullquote", "credit")]
    col = (lambda p: 0 if p.x < g.left + g.column - 1 else 1)
    for h in (p for p in items if p.kind == "heading"):
        below = [p for p in items if p.page == h.page and col(p) == col(h) and p.top <= h.y + 1]
        assert below and max(below, key=lambda p: p.top).kind == "body", h
