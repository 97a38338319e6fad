"""Tagged PDF/UA-1 editions: both validators, negative controls, reading order from the structure tree,
document-level entries, and pages drawn exactly as the untagged drawing path draws them."""
from __future__ import annotations

import difflib
import shutil

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest

from editions.model import Article
from editions.press import drawing
from editions.press.layout import byline_text
from editions.press.markup import typographic

from .print_helpers import render, squash
from .tagged_helpers import page_validation_failures, pdfua_errors, structure

LONG_PARTS = 10


def _long_article(folder):
    """A long article (10+ two-column pages): the sample's body ten times over, each paragraph doubled, each copy's words made distinct."""
    from .conftest import SAMPLES
    text = (SAMPLES / "harbour-seawall.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    blocks = [b for b in body.strip().split("\n\n")]
    out = []
    for k in range(1, LONG_PARTS + 1):
        for b in blocks:
            if b.startswith("## "):
                out.append(f"## Part {k}: {b[3:]}")
            else:
                out.append(f"In part {k}, {b} Again, {b}")  # long enough to cross a large-print page
    folder = folder / "assets"  # the photo may sit anywhere under an assets folder
    (folder / "photos").mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES.parent / "photos" / "seawall.jpg", folder / "photos" / "seawall.jpg")
    art = folder / "articles" / "long-seawall.md"
    art.parent.mkdir(parents=True, exist_ok=True)
    art.write_text(f"---\n{front}---\n\n" + "\n\n".join(out) + "\n", encoding="utf-8")
    return art


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """name -> (article, print pdf, large-print pdf) for the samples, a long article and the seed (when present)."""
    from .conftest import SAMPLES, SEED
    out = {}
    root = tmp_path_factory.mktemp("tagged")
    sources = {"sample-md": SAMPLES / "harbour-seawall.md", "sample-txt": SAMPLES / "riverside-library.txt",
               "long": _long_article(root / "long")}
    if SEED.is_file():
        sources["seed"] = SEED
    for name, src in sources.items():
        result, art, pdf, large = render(src, root / name)
        out[name] = (art, pdf, large, result)
    return out


def _all_pdfs(editions):
    return [(f"{name}/{kind}", pdf) for name, (art, p, lp, _) in editions.items()
            for kind, pdf in (("print", p), ("large", lp))]


def test_long_article_is_long(editions):
    _, _, _, result = editions["long"]
    assert result.pages >= 10 and result.large_print_pages >= 10


def test_both_validators_pass_on_every_edition(editions):
    problems = {}
    for name, pdf in _all_pdfs(editions):
        bad = page_validation_failures(pdf) + pdfua_errors(pdf)
        if bad:
            problems[name] = bad
    assert not problems
    assert len(_all_pdfs(editions)) >= 6


def _expected(art: Article, large: bool) -> list[tuple[str, str]]:
    """(role, words) of every element a reader should meet, in story order."""
    seq = [("H1", art.headline)]
    if art.deck:
        seq.append(("P", art.deck))
    if byline_text(art):
        seq.append(("P", byline_text(art)))
    if art.photo:
        missing = art.photo_file() is None or not art.photo_file().is_file()
        if missing:  # the short note that stands in for the photo
            note = "Photo not available" + (f": {art.photo.caption}" if art.photo.caption else "")
            seq.append(("P", note + (f" ({art.photo.credit})" if art.photo.credit else "")))
        else:
            seq.append(("Figure", art.photo.alt or art.photo.caption or "photograph"))
            if art.photo.caption or art.photo.credit:
                seq.append(("Caption", " ".join(x for x in (art.photo.caption, art.photo.credit) if x)))
    for s in art.sections:
        if s.heading:
            seq.append(("H2", s.heading))
        seq += [("P", p.text) for p in s.paragraphs]
    if art.credit_line:
        seq.append(("P", art.credit_line))
    return [(role, " ".join(typographic(text).split())) for role, text in seq]


@pytest.mark.parametrize("kind", ["print", "large"])
def test_structure_reads_the_story_in_order(editions, kind):
    for name, (art, pdf, large, _) in editions.items():
        nodes = structure(pdf if kind == "print" else large)
        want = _expected(art, kind == "large")
        got = [(n.role, " ".join(n.read.split())) for n in nodes]
        # every element, whole words (drop cap and hyphenated words read whole), nothing else: no running
        # head, folio, flag or pull quote in the tree
        assert got == want, f"{name}/{kind}: " + "\n".join(difflib.unified_diff(
            [f"{r}: {t}" for r, t in want], [f"{r}: {t}" for r, t in got], lineterm="", n=0))
        # /ActualText and /Alt stand in for what is drawn, never for something else
        for n, (role, text) in zip(nodes, want):
            if role != "Figure":
                assert squash(n.text) == squash(text), (name, kind, n.text, text)
        # the measure: at least 99% of the body words in order
        body_want = " ".join(t for r, t in want[1:] if r in ("P", "H2")).split()
        body_got = " ".join(n.read for n in nodes[1:] if n.role in ("P", "H2")).split()
        sm = difflib.SequenceMatcher(a=body_want, b=body_got, autojunk=False)
        assert sum(b.size for b in sm.get_matching_blocks()) >= 0.99 * len(body_want)


def test_drop_cap_and_hyphenated_words_read_whole(editions):
    art, pdf, _, _ = editions["sample-md"]
    nodes = structure(pdf)
    first = next(n for n in nodes if n.role == "P" and n.text.startswith("T he city"))  # the drop cap drawn apart
    assert first.actual is not None and first.read.startswith("The city council")
    # hyphens added at line ends are soft hyphens, which a reader drops when it joins the lines
    with pdfplumber.open(str(pdf)) as doc:
        soft = sum(c["text"] == "\u00ad" and c.get("mcid") is not None for p in doc.pages for c in p.chars)
    assert soft >= 2, "too few hyphenated lines: the check would be vacuous"
    assert not any("\u00ad" in n.text for n in nodes)  # every one of them ends a line (and so joins a word)
    assert not any(w.endswith("-") for n in nodes for w in n.read.split()[:-1])
    # so /ActualText is kept for the drop cap and the rare word broken at a real hyphen
    assert sum(n.actual is not None for n in nodes) <= 3


def test_split_paragraphs_are_one_element_across_columns_and_pages(editions):
    art, pdf, large, result = editions["long"]
    for path in (pdf, large):
        nodes = structure(path)
        paras = [n for n in nodes if n.role == "P"]
        n_paras = sum(len(s.paragraphs) for s in art.sections) + 3  # + deck, byline, credit line
        assert len(paras) == n_paras
        assert any(len({p for p, _ in n.parts}) > 1 for n in paras), "no paragraph crossed a page"
    # in two columns some paragraph also crosses a column on the same page
    assert any(len(n.parts) > 1 and len({p for p, _ in n.parts}) == 1 for n in structure(pdf)
               if n.role == "P" and n.actual is None)


def _painting_outside_marked_content(pdf) -> int:
    painting = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI"}
    bad = 0
    with pikepdf.open(str(pdf)) as doc:
        for page in doc.pages:
            depth = 0
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("BDC", "BMC"):
                    depth += 1
                elif op == "EMC":
                    depth -= 1
                elif op in painting and depth == 0:
                    bad += 1
    return bad


def test_document_entries(editions):
    for name, (art, pdf, large, _) in editions.items():
        for path in (pdf, large):
            assert _painting_outside_marked_content(path) == 0
            with pikepdf.open(str(path)) as doc:
                root = doc.Root
                assert str(root.Lang) == art.lang
                assert bool(root.MarkInfo.Marked) is True
                assert bool(root.ViewerPreferences.DisplayDocTitle) is True
                assert str(doc.docinfo.Title) == art.headline
                xmp = root.Metadata.read_bytes().decode("utf-8")
                assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
                assert art.headline.replace("&", "&amp;") in xmp
                for i, page in enumerate(doc.pages):
                    assert page.Tabs == pikepdf.Name.S and int(page.StructParents) == i
                # the outline is kept: one entry per section heading
                with doc.open_outline() as outline:
                    titles = [o.title for o in outline.root]
                headings = [s.heading for s in art.sections if s.heading]
                assert len(titles) >= len(headings)


# --- negative controls: take one thing away and the validators must notice ---------------------------------

def _strip_artifacts(src, dst):
    with pikepdf.open(str(src)) as doc:
        for page in doc.pages:
            ops, stack = [], []
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name in ("BDC", "BMC"):
                    art = str(operands[0]) == "/Artifact"
                    stack.append(art)
                    if art:
                        continue
                elif name == "EMC" and stack.pop():
                    continue
                ops.append((operands, op))
            page.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
        doc.save(str(dst))


def _strip_alt(src, dst):
    with pikepdf.open(str(src)) as doc:
        for el in doc.Root.StructTreeRoot.K.K:
            if el.S == pikepdf.Name.Figure:
                del el["/Alt"]
        doc.save(str(dst))


def _strip_lang(src, dst):
    with pikepdf.open(str(src)) as doc:
        del doc.Root["/Lang"]
        doc.save(str(dst))


@pytest.mark.parametrize("strip", [_strip_artifacts, _strip_alt, _strip_lang], ids=["artifacts", "alt", "lang"])
def test_validators_fail_when_one_thing_is_removed(editions, tmp_path, strip):
    _, pdf, _, _ = editions["sample-md"]
    assert not page_validation_failures(pdf) and not pdfua_errors(pdf)
    broken = tmp_path / "broken.pdf"
    strip(pdf, broken)
    assert page_validation_failures(broken), "page-validation passed a file missing a required entry"
    assert pdfua_errors(broken), "pdfua passed a file missing a required entry"


# --- the same pages as the untagged drawing path ------------------------------------------------------------

def _page_images(path):
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].render(scale=1.5).to_pil().tobytes() for i in range(len(doc))]
    finally:
        doc.close()


def test_tagged_pages_look_exactly_like_untagged(tmp_path, monkeypatch):
    from .conftest import SAMPLES
    tagged = render(SAMPLES / "harbour-seawall.md", tmp_path / "tagged")
    monkeypatch.setattr(drawing, "TAGGED", False)
    plain = render(SAMPLES / "harbour-seawall.md", tmp_path / "plain", validate=False)
    for a, b in ((tagged[2], plain[2]), (tagged[3], plain[3])):
        with pikepdf.open(str(b)) as doc:
            assert "/StructTreeRoot" not in doc.Root  # the comparison really is with the untagged path
        ia, ib = _page_images(a), _page_images(b)
        assert len(ia) == len(ib) and ia == ib


def test_nothing_is_drawn_without_a_structure_element_or_artifact(tmp_path, monkeypatch):
    """Every painting call had a target: nothing fell back to an unnamed artifact (which would hide content)."""
    from .conftest import SAMPLES
    canvases = []

    class Recording(drawing.TaggedCanvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            canvases.append(self)
    monkeypatch.setattr(drawing, "TaggedCanvas", Recording)
    for name in ("harbour-seawall.md", "riverside-library.txt"):
        render(SAMPLES / name, tmp_path / name)
    assert len(canvases) >= 4 and all(c.stray == 0 for c in canvases)


def test_characters_the_fonts_cannot_draw_are_left_out_with_a_warning(tmp_path):
    src = tmp_path / "emoji.txt"
    src.write_text("Emoji 🎉 Day\n\nPeople cheered 👍🏽 and sang 🎶 all night long.\n", encoding="utf-8")
    result, art, pdf, large = render(src, tmp_path / "o")  # and both files pass both validators
    assert any("no glyph for 3 character(s)" in w for w in result.warnings)  # 👍🏽 is one emoji, not two
    nodes = structure(pdf)
    assert [n.read for n in nodes][-1] == "People cheered and sang all night long."
