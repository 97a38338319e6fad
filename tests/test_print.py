"""The two-column print edition: geometry, text, fonts, metadata, pull-quote rules, widows, hyphenation."""
import itertools

import pytest
from pypdf import PdfReader

from editions.press import quote_rule_problems
from editions.press.flowables import MAX_HYPHEN_RUN

from .print_helpers import extract, fonts, render, squash


@pytest.fixture(scope="module")
def seed(tmp_path_factory, request):
    """The seed; in a fresh clone without ../shared, the scraped sample that exercises the same things
    (photo-credit line without a file, doubled headline, untitled lead, subheads, quotations, dateline)."""
    from .conftest import SAMPLES, SEED
    return render(SEED if SEED.is_file() else SAMPLES / "harlow-ferry-strike.txt", tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def feature(tmp_path_factory):
    from .conftest import SAMPLES
    return render(SAMPLES / "north-shore-lights.md", tmp_path_factory.mktemp("feature"))


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
    # the seed's photo line has no image file: a short note in the first column, not an empty box
    note = [p for p in result.placed if p.kind == "photo-missing"]
    assert len(note) == 1 and note[0].width == pytest.approx(g.column) and note[0].lines <= 3
    assert note[0].height <= 3 * 12 and not [p for p in result.placed if p.kind == "photo"]
    assert any("photo not available" in w.lower() for w in result.warnings)
    first_page = extract(pdf)[0]
    assert f"Photo not available: {art.photo.caption[:30]}" in first_page.replace("\n", " ")


def test_seed_first_paragraph_page_and_column(seed):
    result, art, *_ = seed
    g = result.geometry
    starts = {}
    for p in result.placed:
        if p.kind == "body" and p.ref not in starts:
            starts[p.ref] = (p.page, _col(p, g))
    assert starts[(0, 0)] == (1, 0)
    last = (len(art.sections) - 1, len(art.sections[-1].paragraphs) - 1)
    assert starts[last][0] == 2  # the last paragraph is on page two


def test_every_paragraph_extracts_in_order(seed, sample, feature):
    for result, art, pdf, _ in (seed, sample, feature):
        pages = extract(pdf)  # after page one, each page's text ends with running head, title, folio
        doc = squash("".join([pages[0]] + ["\n".join(t.rstrip().splitlines()[:-3]) for t in pages[1:]]))
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


def test_pull_quote_rules(seed, sample, feature):
    for result, art, *_ in (seed, sample, feature):
        assert 1 <= len(result.quotes) <= 2
        for qi in result.quotes:
            assert quote_rule_problems(result.placed, result.geometry, qi, art.pull_quotes[qi].source) == []
    # the seed has two quotable quotations; the second gives way when it cannot share a balanced last page
    assert 1 <= len(seed[0].quotes) <= 2


def test_quote_rule_checker_can_fail(seed):
    result, art, *_ = seed
    q = next(p for p in result.placed if p.kind == "pullquote")
    others = [p for p in result.placed if p is not q]
    # remove what is below the quote in its column: now it is at the bottom
    g = result.geometry
    trimmed = [p for p in others if not (p.page == q.page and _col(p, g) == _col(q, g) and p.top <= q.y + 1)] + [q]
    assert "at the bottom of a column" in quote_rule_problems(trimmed, g, q.ref, None)


def test_no_widows_or_orphans_and_headings_keep_two_lines(seed, sample, feature):
    for result, *_ in (seed, sample, feature):
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


@pytest.mark.parametrize("which", ["seed", "feature"])
def test_hyphenation_rules(which, request):
    result, *_ = request.getfixturevalue(which)
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


def test_last_page_columns_balanced(seed, sample, feature):
    for result, *_ in (seed, sample, feature):
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
    assert lines[-3].startswith(art.headline[:60])
    assert lines[-1] == "2" and art.headline[:30] not in pages[0].splitlines()[0]


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


@pytest.mark.parametrize("which", ["seed", "sample", "feature"])
def test_loose_lines_measured_from_the_pdf(which, request):
    """pdfplumber: at most 10% of full justified lines have word gaps over 1.5x the natural space, none 2x."""
    from .print_helpers import loose_share
    result, art, pdf, _ = request.getfixturevalue(which)
    share, worst, n = loose_share(pdf)
    assert n >= 20 and share <= 0.10 and worst < 2.0, (share, worst, n)


def test_long_feature_runs_eight_pages_with_its_photo_on_the_grid(feature):
    result, art, pdf, large = feature
    g = result.geometry
    assert result.pages >= 8 and len(art.sections) >= 12
    photo = next(p for p in result.placed if p.kind == "photo")
    assert photo.width == pytest.approx(g.full) and photo.x == pytest.approx(g.left)
    assert art.byline == "Hannah Okonkwo and Lars Pettersen"
    assert 1 <= len(result.quotes) <= 2


def test_one_line_openings_that_differ_only_in_their_first_letter_print_their_own_words(tmp_path):
    """A one-line opening paragraph has no drop cap: its letter goes back into the text.  Two articles in one
    process (a batch) whose openings differ only in that letter must each print their own words (the line
    breaker's cache once handed the second the first one's)."""
    from editions.config import Config
    from editions.parse import load_article
    from editions.press import render_print
    texts = {}
    for name, body in (("one", "aa aa."), ("two", "ba aa."), ("three", "Ca aa.")):
        src = tmp_path / f"{name}.txt"
        src.write_text(f"Aa aa\n\n{body}\n", encoding="utf-8")
        render_print(load_article(src), tmp_path / f"{name}.pdf", tmp_path / f"{name}.large.pdf", Config())
        texts[name] = (squash("".join(extract(tmp_path / f"{name}.pdf"))),
                       squash("".join(extract(tmp_path / f"{name}.large.pdf"))))
    for name, body in (("one", "aaaa."), ("two", "baaa."), ("three", "Caaa.")):
        assert all(squash("Aa aa" + body) in t for t in texts[name]), (name, texts[name])
