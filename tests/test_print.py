"""The two-column print edition: geometry, text, fonts, metadata, pull-quote rules, widows, hyphenation."""
import itertools

import pytest
from pypdf import PdfReader

from editions.press import quote_rule_problems
from editions.press.flowables import MAX_HYPHEN_RUN

from .print_helpers import extract, fonts, render, squash


@pytest.fixture(scope="module")
def seed(tmp_path_factory, request):
    from .conftest import SEED
    if not SEED.is_file():
        pytest.skip("seed article not present")
    return render(SEED, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from .conftest import SAMPLES
    return render(SAMPLES / "harbour-seawall.md", tmp_path_factory.mktemp("sample"))


def _col(p, g):
    return 0 if p.x < g.left + g.column - 1 else 1


def test_seed_pages_columns_and_box(seed):
    result, art, pdf, _ = seed
    g = result.geometry
    assert result.pages == 2 == len(PdfReader(str(pdf)).pages)
    body = [p for p in result.placed if p.kind == "body"]
    assert {(_col(p, g)) for p in body if p.page == 1} == {0, 1}
    assert all(abs(p.width - g.column) < 1 for p in body)
    headline = next(p for p in result.placed if p.kind == "headline")
    assert headline.page == 1 and headline.width == pytest.approx(g.full)
    assert headline.y > max(p.top for p in body if p.page == 1)  # across both columns, above them
    box = [p for p in result.placed if p.kind == "photo-missing"]
    assert len(box) == 1 and box[0].width == pytest.approx(g.full)
    caption = next(p for p in result.placed if p.kind == "caption")
    assert caption.width <= box[0].width + 0.5 and caption.top <= box[0].y + 0.5
    assert any("photo not available" in w for w in result.warnings)
    assert "Photo not available" in extract(pdf)[0]


def test_seed_first_paragraph_page_and_column(seed):
    result, art, *_ = seed
    g = result.geometry
    starts = {}
    for p in result.placed:
        if p.kind == "body" and p.ref not in starts:
            starts[p.ref] = (p.page, _col(p, g))
    assert starts[(0, 0)] == (1, 0)
    assert starts[(6, 1)][0] == 2  # the last paragraph is on page two


def test_every_paragraph_extracts_in_order(seed, sample):
    for result, art, pdf, _ in (seed, sample):
        doc = squash("".join(extract(pdf)))
        pos = 0
        pieces = [art.headline] + [p.text for p in art.paragraphs] + [art.credit_line]
        for text in pieces:
            found = doc.find(squash(text), pos)
            assert found >= 0, text[:60]
            pos = found + len(squash(text))


def test_fonts_embedded_no_standard_14(seed):
    _, _, pdf, large = seed
    for path in (pdf, large):
        f = fonts(path)
        assert f and all(f.values()), f
        assert all("SourceSerifPro" in n or "SourceSansPro" in n for n in f), f


def test_metadata_and_outline(sample):
    result, art, pdf, _ = sample
    r = PdfReader(str(pdf))
    meta = r.metadata
    assert meta.title == art.headline and meta.author == "Renée Okafor" and meta.subject == art.deck
    root = r.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean object)
    titles = [o.title for o in r.outline]
    assert titles == [art.headline] + [s.heading for s in art.sections if s.heading]


def test_accented_names_and_curly_quotes(sample):
    _, _, pdf, _ = sample
    text = "".join(extract(pdf))
    for name in ("Renée", "Nguyễn", "José", "Kowalczyk"):
        assert name in text
    assert "“We are not patching" in text and '"We are' not in text


def test_pull_quote_rules(seed, sample):
    for result, art, *_ in (seed, sample):
        assert 1 <= len(result.quotes) <= 2
        for qi in result.quotes:
            assert quote_rule_problems(result.placed, result.geometry, qi, art.pull_quotes[qi].source) == []
    assert len(seed[0].quotes) == 2


def test_quote_rule_checker_can_fail(seed):
    result, art, *_ = seed
    q = next(p for p in result.placed if p.kind == "pullquote")
    others = [p for p in result.placed if p is not q]
    # remove what is below the quote in its column: now it is at the bottom
    g = result.geometry
    trimmed = [p for p in others if not (p.page == q.page and _col(p, g) == _col(q, g) and p.top <= q.y + 1)] + [q]
    assert "at the bottom of a column" in quote_rule_problems(trimmed, g, q.ref, None)


def test_no_widows_or_orphans_and_headings_keep_two_lines(seed, sample):
    for result, *_ in (seed, sample):
        g = result.geometry
        frags = {}
        for p in result.placed:
            if p.kind == "body":
                frags.setdefault(p.ref, []).append(p)
        for ref, parts in frags.items():
            if len(parts) > 1:
                assert all(p.lines >= 2 for p in parts), (ref, [p.lines for p in parts])
        items = [p for p in result.placed if p.kind in ("body", "heading", "pullquote", "credit")]
        for h in (p for p in items if p.kind == "heading"):
            below = [p for p in items if p.page == h.page and _col(p, g) == _col(h, g) and p.top <= h.y + 1]
            nxt = max(below, key=lambda p: p.top)
            assert nxt.kind == "body" and nxt.lines >= 2


def test_hyphenation_rules(seed):
    result, *_ = seed
    flags = [f for p in result.placed if p.kind == "body" for f in p.hyphenated]
    assert sum(flags) >= 3  # justified columns do hyphenate
    for p in result.placed:
        longest = max((len(list(g)) for k, g in itertools.groupby(p.hyphenated) if k), default=0)
        assert longest <= MAX_HYPHEN_RUN
        if p.kind in ("headline", "heading", "caption", "credit", "deck", "byline"):
            assert not any(p.hyphenated)


def test_hyphen_run_guard_changes_the_outcome():
    """Without the guard these words hyphenate three or more lines in a row; with it, never more than two."""
    from reportlab.platypus import Paragraph
    from editions.press.flowables import BodyPara, _line_hyphenated
    from editions.press.styles import print_styles
    st = print_styles("en-US")
    text = ("internationalization incomprehensibilities counterrevolutionaries institutionalization "
            "characterizations telecommunications electroencephalography ") * 3
    plain = Paragraph(text, st.body)
    plain.wrap(110, 10_000)
    runs = [len(list(g)) for k, g in itertools.groupby(_line_hyphenated(plain.blPara, i)
                                                       for i in range(len(plain.blPara.lines))) if k]
    assert max(runs) > MAX_HYPHEN_RUN
    guarded = BodyPara(text, st.body)
    guarded.wrap(110, 10_000)
    runs = [len(list(g)) for k, g in itertools.groupby(guarded.hyphen_flags()) if k]
    assert max(runs, default=0) <= MAX_HYPHEN_RUN


def test_hyphenation_break_limits():
    from editions.press.styles import hyphenator
    pairs = list(hyphenator("en-US")("immigration"))
    assert pairs and all(len(a) >= 2 and len(b) >= 3 for a, b in pairs)


def test_last_page_columns_balanced(seed, sample):
    for result, *_ in (seed, sample):
        g = result.geometry
        last = max(p.page for p in result.placed)
        col = {0: [], 1: []}
        for p in result.placed:
            if p.page == last and p.kind in ("body", "heading", "pullquote", "credit"):
                col[_col(p, g)].append(p)
        if col[1]:
            bottoms = [min(p.y for p in col[c]) for c in (0, 1)]
            assert abs(bottoms[0] - bottoms[1]) <= 3 * 12 + 1, bottoms


def test_running_head_and_folio_after_page_one(seed):
    _, art, pdf, _ = seed
    pages = extract(pdf)
    lines = pages[1].rstrip().splitlines()
    assert lines[-3].startswith("Los Angeles Mayors Urge Federal Government to Halt Immigration Raids")
    assert lines[-1] == "2" and "Los Angeles Mayors Urge Federal" not in pages[0].splitlines()[0]


def test_sample_with_photo_and_a4(tmp_path):
    from .conftest import SAMPLES
    result, art, pdf, _ = render(SAMPLES / "harbour-seawall.md", tmp_path, page_size="a4")
    r = PdfReader(str(pdf))
    box = r.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    images = [o for o in r.pages[0]["/Resources"]["/XObject"].values() if o.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    photo = next(p for p in result.placed if p.kind == "photo")
    caption = next(p for p in result.placed if p.kind == "caption")
    assert caption.width <= photo.width + 0.5 and result.warnings == []


def test_one_column_photo_option(tmp_path):
    from .conftest import SAMPLES
    result, *_ = render(SAMPLES / "harbour-seawall.md", tmp_path, photo_columns=1)
    photo = next(p for p in result.placed if p.kind == "photo")
    assert photo.width <= result.geometry.column + 0.5


def test_missing_photo_is_a_box_or_strict_error(tmp_path):
    from editions.errors import RenderError
    src = tmp_path / "m.md"
    src.write_text("---\ntitle: Missing\nphoto: {path: gone.jpg, caption: A caption.}\n---\nBody text here.\n",
                   encoding="utf-8")
    result, *_ = render(src, tmp_path / "o")
    assert any("photo file not found" in w for w in result.warnings)
    with pytest.raises(RenderError, match="photo file not found"):
        render(src, tmp_path / "o2", strict=True)
    (tmp_path / "bad.jpg").write_bytes(b"not an image at all")
    src.write_text("---\ntitle: Bad\nphoto: {path: bad.jpg, caption: A caption.}\n---\nBody text here.\n",
                   encoding="utf-8")
    result, *_ = render(src, tmp_path / "o3")
    assert any("photo cannot be read" in w for w in result.warnings)


def test_drop_cap_paragraph_that_splits(tmp_path):
    """Regression (found by hypothesis): a drop-capped opening paragraph split by ImageAndFlowables."""
    from editions.config import Config
    from editions.parse import parse_text
    from editions.press import render_print
    text = ("îfmhèóô civâ wûëäuwâøstz Àx söèa÷ aáàuø\n\nIatäûyx ûòxîvæé÷êüî ñïw Ägæleød Îïfîõå Éyùe\n\n"
            "õbrj Du Nèjkjãeÿøö ôïùvõvþcþïy oftyvqãzô póådz. Aaaaaa Aa aaaaaaaa Aaa Aaaa. Aaa Aaa Aa Aa. "
            "Aa Aa aaaaaa Aa aa aa aa Aa.\n")
    art = parse_text(text, "text", source_path=str(tmp_path / "x.txt"))
    result = render_print(art, tmp_path / "x.pdf", tmp_path / "x.large.pdf", Config())
    assert "Nèjkjãeÿøö" in "".join(extract(tmp_path / "x.pdf"))
    assert result.pages >= 1
