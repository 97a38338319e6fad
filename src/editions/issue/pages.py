"""The issue's newspaper and large-print PDFs: the articles' finished PDFs merged behind a front page.

Takes the articles' finished PDFs (newspaper or large print) with their headlines, the issue's front-page facts;
gives one tagged PDF (PDF/UA-1): the front page (drawn by :mod:`editions.press.issuepages`, its contents list
giving the page each article starts on), then every article's pages as they were laid out -- never laid out
again.  What the merge does to stay one tagged document:

- one structure tree: ``Document`` > the front page's elements, then one ``Art`` per article (with the
  article's ``/Lang`` when it differs from the issue's) holding that article's elements as they were;
- one parent tree: each page's ``/StructParents`` is its index in the issue, its entry the article's own;
- the articles' running heads, flags and folios (their pagination artifacts) are taken out of the pages and
  the issue's drawn instead (the issue's title, the article's headline, the page's number in the issue);
- one outline: an entry per article (its first page), under it an entry per section, from the article's own
  bookmarks.
"""
from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import logging

logging.getLogger("pikepdf").setLevel(logging.WARNING)  # it says it started at INFO: one error line stays one line
import pikepdf  # noqa: E402
from pikepdf import Array, Dictionary, Name, OutlineItem  # noqa: E402

__all__ = ["Part", "merge_issue", "count_pages", "page_bodies", "kept_bodies"]


@dataclass(frozen=True)
class Part:
    pdf: Path
    headline: str
    lang: str
    bodies: tuple[bytes, ...] | None = None
    """Its pages' content without their pagination artifacts, compressed, when worked out before
    (:func:`page_bodies`)."""


def count_pages(path) -> int:
    """Pages of a PDF (a path or a file object)."""
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _parent_arrays(pdf: pikepdf.Pdf) -> dict[int, object]:
    """StructParents key -> its array of elements, from a file's parent tree (a flat /Nums, as press writes)."""
    nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", Array())
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}


def _named_dests(pdf: pikepdf.Pdf) -> dict[str, object]:
    out = {}
    names = pdf.Root.get("/Names")
    if names is not None and "/Dests" in names:
        for k, v in pikepdf.NameTree(names.Dests).items():
            out[str(k)] = v
    if "/Dests" in pdf.Root:
        for k, v in pdf.Root.Dests.items():
            out[str(k)[1:]] = v
    return out


def _bookmarks(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """(title, page index) of each bookmark of a file, in order (press writes one level)."""
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    dests = _named_dests(pdf)
    out = []
    with pdf.open_outline() as outline:
        for item in outline.root:
            dest = item.destination
            if dest is None and item.action is not None and "/D" in item.action:
                dest = item.action.D
            if isinstance(dest, (pikepdf.String, str)):
                dest = dests.get(str(dest))
            if isinstance(dest, Dictionary):
                dest = dest.get("/D")
            if isinstance(dest, Array) and len(dest) and dest[0].objgen in pages:
                out.append((str(item.title), pages[dest[0].objgen]))
    return out


def _strip_pagination(content: list) -> list:
    """The page's content without its pagination artifacts (running head, flag, folio)."""
    out, skip = [], 0
    for operands, op in content:
        name = str(op)
        if skip:
            skip += name in ("BDC", "BMC")
            skip -= name == "EMC"
            continue
        if (name == "BDC" and len(operands) == 2 and operands[0] == Name.Artifact
                and isinstance(operands[1], Dictionary) and operands[1].get("/Type") == Name.Pagination):
            skip = 1
            continue
        out.append((operands, op))
    return out


def _body(page: pikepdf.Page) -> bytes:
    return pikepdf.unparse_content_stream(_strip_pagination(list(pikepdf.parse_content_stream(page))))


def _packed(page: pikepdf.Page) -> bytes:
    """The page's content without its pagination artifacts, in its own graphics state, Flate-compressed: the
    first of the two content streams the merged page gets (compressed here, so that saving the issue, which
    leaves Flate streams as they are, does not compress a hundred pages at the end)."""
    return zlib.compress(b"q\n" + _body(page) + b"\nQ\n")


def page_bodies(data: bytes) -> tuple[bytes, ...]:
    """Each page's content without its pagination artifacts, compressed (:func:`_packed`), for a PDF's bytes
    (what the merge puts under the issue's furniture): worked out while the articles render, for the articles
    that are not rendered again."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return tuple(_packed(page) for page in pdf.pages)


def kept_bodies(cache, data: bytes, sha256: str) -> tuple[bytes, ...]:
    """:func:`page_bodies` of a PDF whose SHA-256 is ``sha256``, kept in the cache folder (a ``.drawn`` entry, see
    :mod:`.drawn`) so that an article's pages are taken apart once, not on every rebuild of its issue."""
    from .drawn import drawn
    packed = drawn(cache, "page bodies", (sha256, pikepdf.__version__),
                   lambda: b"".join(len(b).to_bytes(4, "big") + b for b in page_bodies(data)))
    bodies, at = [], 0
    while at < len(packed):
        n = int.from_bytes(packed[at:at + 4], "big")
        bodies.append(packed[at + 4:at + 4 + n])
        at += 4 + n
    if at != len(packed):  # (a damaged entry: the cache checks its blobs, but never trust a length)
        return page_bodies(data)
    return tuple(bodies)


def _furnish(pdf: pikepdf.Pdf, page: pikepdf.Page, form, body: bytes | None = None) -> None:
    """Replace the page's pagination artifacts with the issue's (``form``, drawn as one artifact); ``body``: the
    page's content without them, compressed (:func:`_packed`), when known already.  The page's content is then
    two streams (an array, divided between two operators as PDF allows): its own, and the issue's furniture."""
    taken = page.obj.get("/Resources", Dictionary()).get("/XObject", Dictionary())
    # a name of its own, never a random one (as prefix= gives): the same issue makes the same bytes
    names = (f"/IssueFurniture{k or ''}" for k in range(len(taken) + 1))
    name = Name(next(n for n in names if n not in taken))
    page.add_resource(form, Name.XObject, name=name)
    if body is None:
        body = _packed(page)
    own = pdf.make_stream(b"")
    own.write(body, filter=Name.FlateDecode)
    over = b"/Artifact <</Type /Pagination>> BDC q " + bytes(str(name), "ascii") + b" Do Q EMC\n"
    page.obj.Contents = Array([own, pdf.make_stream(over)])


def _flate_named(pdf: pikepdf.Pdf) -> None:
    """``/Filter [/FlateDecode]`` (as ReportLab writes it) said as ``/FlateDecode``: the same stream, which saving
    then leaves as it is; an array it would decode and compress again (a tenth of a second for an issue)."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            f = obj.get("/Filter")
            if isinstance(f, Array) and len(f) == 1 and f[0] == Name.FlateDecode and "/DecodeParms" not in obj:
                obj.Filter = Name.FlateDecode


def merge_issue(front: bytes, parts: list[Part], furniture: bytes, *, lang: str, title: str) -> bytes:
    """One tagged PDF: ``front`` then each part's pages, with the issue's furniture and outline."""
    pdf = pikepdf.open(io.BytesIO(front))
    root = pdf.Root
    old_doc = root.StructTreeRoot.K
    front_arrays = _parent_arrays(pdf)
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    doc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=tree_root, K=Array()))
    for kid in old_doc.K:
        kid.P = doc
        doc.K.append(kid)
    nums = Array()
    for i, page in enumerate(pdf.pages):
        nums.extend([i, front_arrays.get(int(page.obj.get("/StructParents", i)), Array())])
        page.obj.StructParents = i
    outline: list[OutlineItem] = []
    sources, counts, front_count = [], [], len(pdf.pages)
    for part in parts:
        src = pikepdf.open(part.pdf)
        sources.append(src)
        _flate_named(src)
        start = len(pdf.pages)
        arrays = _parent_arrays(src)
        marks = _bookmarks(src)
        pdf.pages.extend(src.pages)
        counts.append(len(src.pages))
        art = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Art, P=doc, K=Array()))
        if part.lang and part.lang.lower() != lang.lower():
            art.Lang = pikepdf.String(part.lang)
        src_doc = src.Root.StructTreeRoot.K
        for kid in src_doc.K:
            copied = pdf.copy_foreign(kid)
            copied.P = art
            art.K.append(copied)
        doc.K.append(art)
        for j, src_page in enumerate(src.pages):
            page = pdf.pages[start + j]
            key = int(src_page.obj.get("/StructParents", j))
            nums.extend([start + j, Array([pdf.copy_foreign(e) for e in arrays.get(key, ())])])
            page.obj.StructParents = start + j
        item = OutlineItem(part.headline, start)
        item.children.extend(OutlineItem(t, start + p) for t, p in marks[1:])  # the first is the headline
        outline.append(item)
    tree_root.K = doc
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = len(pdf.pages)
    root.StructTreeRoot = tree_root
    root.MarkInfo = Dictionary(Marked=True)
    root.Lang = pikepdf.String(lang)
    root.PageMode = Name.UseOutlines
    for key in ("/Outlines", "/Names", "/Dests"):
        if key in root:
            del root[key]
    furn = pikepdf.open(io.BytesIO(furniture))
    bodies = [None] * front_count + [b for part, n in zip(parts, counts)
                                     for b in (part.bodies if part.bodies and len(part.bodies) == n else [None] * n)]
    for i, page in enumerate(pdf.pages):
        form = pdf.copy_foreign(furn.make_indirect(furn.pages[i].as_form_xobject()))
        _furnish(pdf, page, form, bodies[i])
    with pdf.open_outline() as o:
        o.root.extend(outline)
    pdf.docinfo[Name.Title] = title
    out = io.BytesIO()
    pdf.save(out, linearize=False, deterministic_id=True)
    for src in sources:
        src.close()
    furn.close()
    return out.getvalue()
