"""editions issue: the newspaper and large-print PDFs of the samples' issue -- the articles' own PDFs merged behind
a front page: PDF/UA-1 by both validators, one structure and parent tree, the contents page and the outline
giving every article (and section) the page it starts on, the issue's folios across the whole issue."""
import hashlib
import json
import os
import subprocess
import sys

import pdfplumber
import pikepdf
import pytest

from .conftest import SAMPLES
from .tagged_helpers import page_validation_failures, pdfua_errors

KINDS = {"pdf": ("pdf", "pages"), "large_print": ("large_pdf", "large_print_pages")}
"""The issue's output -> (the article manifest's output, its page-count fact)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("issue-pages")
    out = root / "out"
    env = {**os.environ, "EDITIONS_SCHEDULER": "none"}
    run = subprocess.run([sys.executable, "-m", "editions", "issue", str(SAMPLES), "--out", str(out), "--engine",
                          "test", "--cache", str(root / "cache"), "--only", "print", "--jobs", "2"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    issue = json.loads((out / "issue.json").read_text())
    arts = [json.loads((out / a["manifest"]).read_text()) for a in issue["articles"]]
    return out, issue, arts


def _front(pdf, arts, fact) -> int:
    """How many front pages the issue has (its contents may run over more than one in large print)."""
    front = len(pdf.pages) - sum(m["print"][fact] for m in arts)
    assert front >= 1
    return front


def _starts(arts, fact, front: int = 1):
    """The page (1-based) each article starts on: after the front pages, the articles' pages in order."""
    starts, page = [], front + 1
    for m in arts:
        starts.append(page)
        page += m["print"][fact]
    return starts, page - 1


@pytest.mark.parametrize("key", list(KINDS))
def test_issue_pdf_is_pdfua_and_in_the_manifest(built, key):
    out, issue, arts = built
    entry = issue["outputs"][key]
    data = (out / entry["path"]).read_bytes()
    assert len(data) == entry["bytes"] and hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert page_validation_failures(out / entry["path"]) == []
    assert pdfua_errors(out / entry["path"]) == []


@pytest.mark.parametrize("key", list(KINDS))
def test_one_structure_tree_one_art_per_article(built, key):
    out, issue, arts = built
    with pikepdf.open(out / issue["outputs"][key]["path"]) as pdf:
        tree = pdf.Root.StructTreeRoot
        doc = tree.K
        assert doc.S == "/Document"
        front = [k for k in doc.K if k.S != "/Art"]
        assert [str(k.S) for k in front][:2] == ["/H1", "/P"] and "/H2" in [str(k.S) for k in front]
        art = [k for k in doc.K if k.S == "/Art"]
        assert len(art) == len(arts)
        for a, m in zip(art, arts):
            assert a.P.objgen == doc.objgen and all(k.P.objgen == a.objgen for k in a.K)
            assert a.K[0].S == "/H1"
        # every marked-content part has its page's parent-tree entry pointing at the element that holds it
        nums = tree.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert int(tree.ParentTreeNextKey) == len(pdf.pages)
        elems = list(front) + [k for a in art for k in a.K]
        for i, page in enumerate(pdf.pages):
            assert int(page.obj.StructParents) == i
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        for el in elems:
            kids = el.K if isinstance(el.K, pikepdf.Array) else [el.K]
            for k in kids:
                if isinstance(k, pikepdf.Dictionary):
                    pg, mcid = pages[k.Pg.objgen], int(k.MCID)
                else:
                    pg, mcid = pages[el.Pg.objgen], int(k)
                assert parents[pg][mcid].objgen == el.objgen


@pytest.mark.parametrize("key", list(KINDS))
def test_contents_and_page_count(built, key):
    out, issue, arts = built
    fact = KINDS[key][1]
    path = out / issue["outputs"][key]["path"]
    with pikepdf.open(path) as pdf:
        front = _front(pdf, arts, fact)
        starts, total = _starts(arts, fact, front)
        assert len(pdf.pages) == total
        doc = pdf.Root.StructTreeRoot.K
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        art = [k for k in doc.K if k.S == "/Art"]
        assert [pages[a.K[0].Pg.objgen] + 1 for a in art] == starts  # each headline is on the page listed
    with pdfplumber.open(path) as pdf:
        contents = " ".join(" ".join(pdf.pages[i].extract_text().split()) for i in range(front))
    for m, start in zip(arts, starts):
        if m["headline"].isascii():  # other scripts are drawn shaped (their extracted order differs)
            assert f"{start} {m['headline']}" in contents, (m["headline"], start)


@pytest.mark.parametrize("key", list(KINDS))
def test_outline_every_article_and_section(built, key):
    out, issue, arts = built
    with pikepdf.open(out / issue["outputs"][key]["path"]) as pdf:
        starts, _ = _starts(arts, KINDS[key][1], _front(pdf, arts, KINDS[key][1]))
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        with pdf.open_outline() as o:
            top = list(o.root)
            assert [str(t.title) for t in top] == [m["headline"] for m in arts]
            assert [pages[t.destination[0].objgen] + 1 for t in top] == starts
            for t, m, start, nxt in zip(top, arts, starts, starts[1:] + [len(pdf.pages) + 1]):
                with pikepdf.open(out / m["outputs"][KINDS[key][0]]["path"]) as own, own.open_outline() as oo:
                    sections = [str(x.title) for x in oo.root][1:]  # the article's own bookmarks: headline, sections
                assert sections and [str(c.title) for c in t.children] == sections
                for c in t.children:  # each section within its article's pages
                    assert start <= pages[c.destination[0].objgen] + 1 < nxt


@pytest.mark.parametrize("key", list(KINDS))
def test_folios_count_across_the_issue(built, key):
    """Each page's footer is its number in the issue (the articles' own folios are gone), and the head is
    the issue's title."""
    out, issue, _ = built
    with pdfplumber.open(out / issue["outputs"][key]["path"]) as pdf:
        for i, page in enumerate(pdf.pages):
            foot = "".join(c["text"] for c in page.chars if c["top"] > page.height - 60).strip()
            assert foot.replace(" ", "") == (f"Page{i + 1}" if key == "large_print" else str(i + 1))
            head = "".join(c["text"] for c in page.chars if c["top"] < 50)
            assert issue["title"].replace(" ", "") in head.replace(" ", "")


def test_the_same_issue_makes_the_same_pdf_bytes(built, tmp_path):
    """Built twice, the issue's PDFs are byte for byte the same (the furniture's resource name was random: every
    build differed, and a rebuild wrote both PDFs again though nothing in them had changed)."""
    out, *_ = built
    env = {**os.environ, "EDITIONS_SCHEDULER": "none"}
    again = tmp_path / "again"
    run = subprocess.run([sys.executable, "-m", "editions", "issue", str(SAMPLES), "--out", str(again), "--engine",
                          "test", "--cache", str(tmp_path / "cache"), "--only", "print", "--jobs", "2"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    for name in ("issue.pdf", "issue.large-print.pdf"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    with pikepdf.open(out / "issue.pdf") as pdf:
        assert all("/IssueFurniture" in p.obj.Resources.XObject for p in pdf.pages)
