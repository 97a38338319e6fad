"""The issue's EPUB (issue.epub) of a small issue (a hostile article, an Arabic one, two articles with the same
section titles and the same picture; the samples' issue is checked in test_issue.py): EPUBCheck clean; the nav
lists every article with its sections in order; every overlay par points at an id that exists, every clip lies
inside its MP3, the overlays' durations are their clips' sums and add up to the package's; each article's parts
are its own EPUB's, byte for byte, in a folder of its own; languages and directions per article; hostile titles
stay text; dc:identifier stable across rebuilds; an article dropped from the issue leaves the book; an edit
re-renders that article only; a broken article EPUB stops the issue whole."""
import hashlib
import json
import posixpath
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from .epub_helpers import DC, EPUB_NS, O, X, IssueBook, check_overlays, epubcheck, own_toc
from .test_issue import issue_cli

HOSTILE = 'Tom & "Jerry" <b>bold</b> \'quoted\' \u202eevil'
SHOWN = HOSTILE.replace("\u202e", "")
"""The hostile title as an article shows it: bidi controls are removed from every field by the parser."""
ISSUE_TITLE = 'The <Gazette> & "Co"'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _article(title: str, body: str, *, lang: str = "en-US", photo: bool = False) -> str:
    pic = "photo:\n  path: pic.png\n  caption: A picture.\n  alt: A grey square.\n" if photo else ""
    quoted = title.replace("'", "''")
    return f"---\ntitle: '{quoted}'\nlang: {lang}\ndate: 2026-12-01\n{pic}---\n\n{body}"


BRIDGE = _article("Council Backs New Bridge", "The council voted on Monday. Work starts in May.\n\n## Money\n\n"
                  "The state pays most of it.\n\n## Timing\n\nIt opens in 2028.\n", photo=True)
HOSTILE_TEXT = _article(HOSTILE, "First <i>para</i> & more. Second one.\n\n## Money\n\nThird & <c> sentence.\n\n"
                        "## Timing\n\nFourth sentence.\n", photo=True)
ARABIC = _article("المكتبة تفتح أبوابها", "افتتحت المكتبة اليوم. حضر الكثيرون.\n\n## ساعات أطول\n\nتفتح حتى المساء.\n",
                  lang="ar")


def _assert_valid(path: Path) -> None:
    fatals, errors, warnings, messages = epubcheck(path)
    assert (fatals, errors, warnings) == (0, 0, 0), "\n".join(messages)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small issue: a bridge story and a hostile one (same section titles, same picture), an Arabic one; a
    hostile issue title and a cover; the EPUB edition only (with the narration it needs), the test voice."""
    root = tmp_path_factory.mktemp("issue-epub")
    src, out = root / "articles", root / "out"
    src.mkdir()
    Image.new("RGB", (40, 30), (120, 120, 120)).save(src / "pic.png")
    Image.new("RGB", (60, 90), (20, 60, 120)).save(src / "cover.png")
    for name, text in (("a-bridge.md", BRIDGE), ("b-hostile.md", HOSTILE_TEXT), ("c-arabic.md", ARABIC)):
        (src / name).write_text(text, encoding="utf-8")
    (src / "issue.toml").write_text('title = "The <Gazette> & \\"Co\\""\nnumber = 7\ndate = "2026-12-04"\n'
                                    'publisher = "Desk & Co"\nimage = "cover.png"\n', encoding="utf-8")
    r = issue_cli(src, "--out", out, "--engine", "test", "--cache", root / "cache", "--only", "epub")
    assert r.returncode == 0, r.stderr
    return out, json.loads((out / "issue.json").read_text()), IssueBook(out / "issue.epub")


def test_small_issue_is_epubcheck_clean_and_in_the_manifest(small):
    out, issue, _ = small
    entry = issue["outputs"]["epub"]
    data = (out / entry["path"]).read_bytes()
    assert entry["path"] == "issue.epub" and len(data) == entry["bytes"]
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    _assert_valid(out / "issue.epub")


def test_small_issue_passes_ace_by_daisy(small, tmp_path):
    """Ace by DAISY finds no violation in the issue's EPUB (hostile titles, an Arabic article, a cover)."""
    from .epub_helpers import ace
    out, *_ = small
    assert ace(out / "issue.epub", tmp_path / "ace") == []


def test_nav_and_front_page_list_every_article_with_its_sections_in_order(small):
    out, issue, book = small
    want = [own_toc(out / f"{a['slug']}.epub") for a in issue["articles"]]
    assert [(h, s) for _, h, s in book.toc()] == want
    assert want[1] == (SHOWN, ["Opening", "Money", "Timing"]) and want[0][1] == want[1][1]
    # every link of the nav and the front page reaches a document of the book and an id in it
    links = [a.get("href") for a in book.nav.iter(f"{X}a")] + [a.get("href") for a in book.front.iter(f"{X}a")]
    for href in links:
        name, _, frag = href.partition("#")
        doc = book.xml(posixpath.normpath(f"EPUB/{name}"))
        assert not frag or any(e.get("id") == frag for e in doc.iter()), href
    # the front page: the issue's title, date and number, then the contents in the issue's order
    assert "".join(book.front.find(f".//{X}h1").itertext()) == ISSUE_TITLE
    line = "".join(book.front.find(f".//{X}p[@id='issue-line']").itertext())
    assert "2026" in line and "No. 7" in line
    contents = book.front.find(f".//{X}nav[@id='contents']")
    assert ["".join(a.itertext()) for a in contents.iter(f"{X}a")] == [h for h, _ in want]
    # the spine: the front page, then every article in order; landmarks name the front and the body
    spine = [ref.get("idref") for ref in book.opf.iter(f"{O}itemref")]
    assert spine == ["front", "a01-content", "a02-content", "a03-content"]
    marks = next(n for n in book.nav.iter(f"{X}nav") if n.get(f"{EPUB_NS}type") == "landmarks")
    assert [a.get(f"{EPUB_NS}type") for a in marks.iter(f"{X}a")] == ["titlepage", "toc", "bodymatter"]


def test_every_par_points_at_an_id_and_every_clip_lies_inside_its_audio(small):
    check_overlays(small[2])


def test_articles_parts_are_their_own_epubs_in_folders_that_never_collide(small):
    out, issue, book = small
    assert len(book.names) == len(set(book.names))
    assert len(book.items) == len({i.get("href") for i in book.items.values()})
    for k, a in enumerate(issue["articles"], 1):
        with zipfile.ZipFile(out / f"{a['slug']}.epub") as z:
            own = {n: z.read(n) for n in z.namelist() if n.startswith("EPUB/") and n not in
                   ("EPUB/package.opf", "EPUB/nav.xhtml")}
        for name, data in own.items():  # copied byte for byte: nothing narrated or laid out again
            assert book.files[name.replace("EPUB/", f"EPUB/a{k:02d}/", 1)] == data, name
    # the two pictures of the same name, and the issue's own cover (the only cover-image)
    assert {"EPUB/a01/images/cover.png", "EPUB/a02/images/cover.png", "EPUB/images/cover.png"} <= set(book.names)
    covers = [i.get("href") for i in book.items.values() if "cover-image" in (i.get("properties") or "")]
    assert covers == ["images/cover.png"]


def test_each_article_keeps_its_language_and_direction(small):
    out, issue, book = small
    arabic = book.xml("EPUB/a03/content.xhtml")
    assert arabic.get(XML_LANG) == arabic.get("lang") == "ar" and arabic.get("dir") == "rtl"
    li, _, _ = book.toc()[2]
    assert li.get(XML_LANG) == li.get("lang") == "ar" and li.get("dir") is None  # the list keeps its side
    assert {a.get("dir") for a in li.iter(f"{X}a")} == {"rtl"}
    front_li = book.front.find(f".//{X}nav[@id='contents']/{X}ol")[2]
    assert front_li.get("lang") == "ar" and front_li.find(f"{X}a").get("dir") == "rtl"
    assert [e.text for e in book.opf.iter(f"{DC}language")] == ["en-US", "ar"]
    for li, _, _ in book.toc()[:2]:
        assert li.get("lang") is None and all(a.get("dir") is None for a in li.iter(f"{X}a"))
    # the accessibility metadata an article's EPUB has
    metas = {}
    for m in book.opf.iter(f"{O}meta"):
        metas.setdefault(m.get("property"), []).append(m.text)
    assert metas["schema:accessMode"] == ["textual", "auditory", "visual"]
    assert "textual" in metas["schema:accessModeSufficient"]
    assert {"synchronizedAudioText", "tableOfContents", "alternativeText"} <= set(metas["schema:accessibilityFeature"])
    assert metas["schema:accessibilityHazard"] == ["none"] and metas["dcterms:conformsTo"]
    assert metas["media:active-class"] == ["-epub-media-overlay-active"]


def test_hostile_titles_stay_text(small, tmp_path):
    out, issue, book = small
    assert [e.text for e in book.opf.iter(f"{DC}title")] == [ISSUE_TITLE]
    assert book.toc()[1][1] == SHOWN
    assert "".join(book.front.find(f".//{X}nav[@id='contents']/{X}ol")[1].itertext()) == SHOWN
    for name in ("EPUB/nav.xhtml", "EPUB/front.xhtml"):
        raw = book.files[name].decode()
        assert "<b>bold" not in raw and "&lt;b&gt;bold&lt;/b&gt;" in raw and "<Gazette>" not in raw
        assert not any(e.tag in (f"{X}b", f"{X}c", "b", "c") for e in book.xml(name).iter())
    # straight through the writer (issue.toml drops U+202E before it gets here): still text, every character
    from editions.epub.bundle import bundle_epub
    data = bundle_epub([out / f"{a['slug']}.epub" for a in issue["articles"]], identifier="urn:uuid:x",
                       title=HOSTILE, lang="en", date="2026-12-04", number=HOSTILE, publisher=HOSTILE,
                       description=HOSTILE)
    (tmp_path / "hostile.epub").write_bytes(data)
    raw = IssueBook(tmp_path / "hostile.epub")
    assert [e.text for e in raw.opf.iter(f"{DC}title")] == [HOSTILE] == [e.text for e in raw.opf.iter(f"{DC}publisher")]
    assert "".join(raw.front.find(f".//{X}h1").itertext()) == HOSTILE
    assert [e.text for e in raw.front.iter(f"{X}p") if e.get("class") == "description"] == [HOSTILE]
    assert not any(e.tag in (f"{X}b", "b") for e in raw.front.iter())


def test_identifier_stable_stale_article_dropped_and_an_edit_rerenders_that_article_only(tmp_path):
    src, out, cache = tmp_path / "articles", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    Image.new("RGB", (40, 30), (120, 120, 120)).save(src / "pic.png")
    for name, text in (("a-bridge.md", BRIDGE), ("c-arabic.md", ARABIC),
                       ("z-gone.md", _article("Going Away Soon", "This one is dropped.\n"))):
        (src / name).write_text(text, encoding="utf-8")

    def build():
        r = issue_cli(src, "--out", out, "--engine", "test", "--cache", cache, "--only", "epub")
        assert r.returncode == 0, r.stderr
        return json.loads((out / "issue.json").read_text()), IssueBook(out / "issue.epub")

    issue1, book1 = build()
    assert [h for _, h, _ in book1.toc()][-1] == "Going Away Soon"
    arabic_epub = (out / "c-arabic.epub").stat().st_mtime_ns
    (src / "z-gone.md").unlink()
    (src / "a-bridge.md").write_text(BRIDGE.replace("It opens in 2028.", "It opens in 2029."), encoding="utf-8")
    issue2, book2 = build()
    assert issue2["rebuilt"] == ["a-bridge"]  # the edited article alone was rendered again
    assert (out / "c-arabic.epub").stat().st_mtime_ns == arabic_epub
    assert "2029" in book2.files["EPUB/a01/content.xhtml"].decode()
    assert [h for _, h, _ in book2.toc()] == ["Council Backs New Bridge", "المكتبة تفتح أبوابها"]
    assert not any(n.startswith("EPUB/a03/") for n in book2.names)
    assert not any(b"Going Away Soon" in data or b"z-gone" in data for data in book2.files.values())
    assert [e.text for e in book1.opf.iter(f"{DC}identifier")] == [e.text for e in book2.opf.iter(f"{DC}identifier")]
    # bound again from the same articles, the book is the same bytes: its dcterms:modified is its latest article's
    def modified(opf) -> str:
        return next(m.text for m in opf.iter(f"{O}meta") if m.get("property") == "dcterms:modified")
    articles = [modified(ET.fromstring(zipfile.ZipFile(out / f"{a['slug']}.epub").read("EPUB/package.opf")))
                for a in issue2["articles"]]
    assert modified(book2.opf) == max(articles)
    issue3, _ = build()
    assert issue3["outputs"]["epub"]["sha256"] == issue2["outputs"]["epub"]["sha256"] and issue3["rebuilt"] == []
    # --only audio: no article EPUB, so no issue EPUB, and a warning says why
    r = issue_cli(src, "--out", tmp_path / "audio", "--engine", "test", "--cache", cache, "--only", "audio")
    assert r.returncode == 0 and "the issue has no EPUB" in r.stderr
    assert "epub" not in json.loads((tmp_path / "audio" / "issue.json").read_text())["outputs"]


def test_a_broken_article_epub_stops_the_issue_whole_with_one_line(tmp_path):
    """An article EPUB its manifest vouches for but that lacks a file it lists: the issue is not written at all
    (every issue file stays as it was), and one line names the file."""
    src, out, cache = tmp_path / "articles", tmp_path / "out", tmp_path / "cache"
    src.mkdir()
    (src / "c-arabic.md").write_text(ARABIC, encoding="utf-8")
    (src / "d-other.md").write_text(_article("Other News", "Something happened.\n"), encoding="utf-8")
    r = issue_cli(src, "--out", out, "--engine", "test", "--cache", cache, "--only", "epub")
    assert r.returncode == 0, r.stderr
    before = {p.name: p.read_bytes() for p in out.glob("issue.*")}
    epub = out / "d-other.epub"
    with zipfile.ZipFile(epub) as z:
        kept = {n: z.read(n) for n in z.namelist() if n != "EPUB/content.smil"}
    with zipfile.ZipFile(epub, "w") as z:
        for n, data in kept.items():
            z.writestr(n, data)
    manifest = json.loads((out / "d-other.json").read_text())
    data = epub.read_bytes()
    manifest["outputs"]["epub"].update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    (out / "d-other.json").write_text(json.dumps(manifest))
    r = issue_cli(src, "--out", out, "--engine", "test", "--cache", cache, "--only", "epub")
    lines = [line for line in r.stderr.splitlines() if not line.startswith("building:")]  # progress, then the error
    assert r.returncode == 1 and len(lines) == 1 and "d-other.epub" in lines[0] and "content.smil" in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    assert {p.name: p.read_bytes() for p in out.glob("issue.*")} == before


def test_an_articles_page_list_joins_the_issues(small, tmp_path):
    """Article EPUBs have no page list today; one that has (a print-faithful edition) keeps it in the issue."""
    from editions.epub.bundle import bundle_epub
    out, issue, book = small
    assert not any(n.get(f"{EPUB_NS}type") == "page-list" for n in book.nav.iter(f"{X}nav"))
    paged = tmp_path / "paged.epub"
    with zipfile.ZipFile(out / f"{issue['articles'][0]['slug']}.epub") as z, zipfile.ZipFile(paged, "w") as w:
        for n in z.namelist():
            data = z.read(n)
            if n == "EPUB/nav.xhtml":
                data = data.replace(b"</body>", b'<nav epub:type="page-list" hidden="hidden"><ol><li>'
                                    b'<a href="content.xhtml#sec1">2</a></li></ol></nav></body>')
            w.writestr(n, data)
    (tmp_path / "issue.epub").write_bytes(bundle_epub([out / f"{issue['articles'][1]['slug']}.epub", paged],
                                                      identifier="urn:uuid:x", title="T", lang="en"))
    nav = IssueBook(tmp_path / "issue.epub").nav
    pages = next(n for n in nav.iter(f"{X}nav") if n.get(f"{EPUB_NS}type") == "page-list")
    assert [(a.get("href"), a.text) for a in pages.iter(f"{X}a")] == [("a02/content.xhtml#sec1", "2")]
