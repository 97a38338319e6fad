"""Drawing: the only module that talks to ReportLab documents and canvases.

Takes a :class:`~editions.press.layout.Plan` and page geometry, gives PDF bytes.
Page one carries a flag line and the full-width header above two columns; later
pages carry a running head and a folio; the last page's columns can be given a
height so they balance.  Metadata (title, author, subject, /Lang,
DisplayDocTitle) and one outline entry per section heading are set here.

Both editions are tagged PDFs (PDF/UA-1) drawn on a
:class:`~editions.press.tagging.TaggedCanvas`: each frame tells the canvas which
structure element the flowable it draws belongs to (:mod:`.storytags`, from
the flowable's kind and story reference), and the page furniture (flag, running
head, folio, column rule) is drawn as artifacts.  Pull quotes are layout
artifacts: their words are read once, where they stand in the paragraph.
``TAGGED = False`` draws the same pages on a plain canvas (the tests compare the two).
"""
from __future__ import annotations

import io
from contextlib import nullcontext
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate
from reportlab.platypus.flowables import Flowable

from .drawtext import draw_text
from .flowables import BodyPara
from .placedtext import PlacedCanvas
from .storytags import tagging_frame as _frame
from .styles import INK, RULE
from .tagging import DocInfo, TaggedCanvas

TAGGED = True
"""Draw on the tagging canvas (the tests set this False to get the untagged drawing of the same pages)."""

__all__ = ["Geometry", "geometry", "Meta", "draw_edition", "draw_single_column"]


@dataclass(frozen=True)
class Geometry:
    width: float
    height: float
    left: float = 50
    right: float = 50
    top: float = 50
    bottom: float = 54
    gutter: float = 15
    flag: float = 22  # page-one flag line
    head: float = 20  # running head on later pages

    @property
    def full(self) -> float:
        return self.width - self.left - self.right

    @property
    def column(self) -> float:
        return (self.full - self.gutter) / 2

    @property
    def body_height(self) -> float:
        return self.height - self.top - self.bottom


def geometry(page_size: str) -> Geometry:
    w, h = A4 if page_size.lower() == "a4" else LETTER
    return Geometry(w, h)


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    lang: str
    publication: str
    running: str
    date_text: str = ""
    photo_alt: str = ""
    """The photo's alt text (the Figure's /Alt; its caption stands in when empty)."""
    rtl: bool = False
    """Set right to left: the first column on the right, the page furniture mirrored."""


def _canvasmaker(meta: Meta):
    if not TAGGED:
        return PlacedCanvas
    info = DocInfo(title=meta.title, author=meta.author, subject=meta.subject, lang=meta.lang)

    def make(*args, **kw):
        return TaggedCanvas(*args, info=info, **kw)
    return make


class _Doc(BaseDocTemplate):
    def __init__(self, buf, g: Geometry, meta: Meta, plan_pages: dict, **kw):
        super().__init__(buf, pagesize=(g.width, g.height), leftMargin=g.left, rightMargin=g.right,
                         topMargin=g.top, bottomMargin=g.bottom, title=meta.title, author=meta.author,
                         subject=meta.subject, creator="editions", lang=meta.lang, displayDocTitle=1,
                         invariant=1, initialFontName="EdSerif", **kw)
        self._plan_pages = plan_pages
        self._outline_n = 0

    def afterPage(self):
        nxt = self.page + 1
        name = self._plan_pages.get(nxt)
        if name:
            self.handle_nextPageTemplate(name)

    def afterFlowable(self, flowable):
        if isinstance(flowable, BodyPara) and flowable._kind in ("heading", "headline"):
            text = flowable.actual_text or flowable.getPlainText()
            key = f"h{self._outline_n}"
            self._outline_n += 1
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0, closed=False)


def _artifact(canv, type_: str, subtype: str | None = None):
    """Page furniture: an artifact on the tagging canvas, plain drawing on any other."""
    make = getattr(canv, "artifact", None)
    return make(type_, subtype) if make else nullcontext()


def _flag(canv, g: Geometry, meta: Meta):
    with _artifact(canv, "Pagination", "Header"):
        _draw_flag(canv, g, meta)


def _draw_flag(canv, g: Geometry, meta: Meta):
    canv.saveState()
    y = g.height - g.top + 8
    canv.setFont("EdSans-Bold", 8.5)
    canv.setFillColor(INK)
    canv.drawString(g.left, y, meta.publication.upper())
    canv.setFont("EdSans", 8.5)
    if meta.date_text:  # in the article's language (editions.wording): drawn in the faces its script needs
        draw_text(canv, g.width - g.right, y, meta.date_text, "EdSans", 8.5, "right")
    canv.setStrokeColor(INK)
    canv.setLineWidth(1.5)
    canv.line(g.left, y - 5, g.width - g.right, y - 5)
    canv.setLineWidth(0.4)
    canv.line(g.left, y - 7.5, g.width - g.right, y - 7.5)
    canv.restoreState()


def _running_head(canv, g: Geometry, meta: Meta, folio_size: float):
    canv.saveState()
    y = g.height - g.top + 8
    with _artifact(canv, "Pagination", "Header"):
        canv.setFont("EdSans", 8)
        canv.setFillColor(RULE)
        if meta.rtl:  # mirrored: the story's running head on the right, the publication on the left
            draw_text(canv, g.width - g.right, y, meta.running, "EdSans", 8, "right")
            canv.setFont("EdSans", 8)
            canv.drawString(g.left, y, meta.publication)
        else:
            draw_text(canv, g.left, y, meta.running, "EdSans", 8)
            canv.setFont("EdSans", 8)
            canv.drawRightString(g.width - g.right, y, meta.publication)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(g.left, y - 5, g.width - g.right, y - 5)
    with _artifact(canv, "Pagination", "Footer"):
        canv.setFont("EdSans", folio_size)
        canv.setFillColor(INK)
        canv.drawCentredString(g.width / 2, g.bottom - 28, str(canv.getPageNumber()))
    canv.restoreState()


def _columns(g: Geometry, top: float, height: float, prefix: str, alt: str = "", rtl: bool = False) -> list[Frame]:
    """The two columns in the order they are filled (right first when the page is set right to left)."""
    xs = [g.left, g.left + g.column + g.gutter]
    if rtl:
        xs.reverse()
    return [_frame(x, top - height, g.column, height, f"{prefix}{n + 1}", alt) for n, x in enumerate(xs)]


def _rule(frames, draw: bool):
    def on_page_end(canv, doc):
        if not draw:
            return
        f1, f2 = sorted(frames[:2], key=lambda f: f._x1)
        x = f1._x1 + f1._width + (f2._x1 - f1._x1 - f1._width) / 2
        with _artifact(canv, "Layout"):
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.35)
            canv.line(x, f1._y1 + 2, x, f1._y1 + f1._height - 2)
            canv.restoreState()
    return on_page_end


def _after(frames, rule: bool, g: Geometry, meta: Meta, folio_size: float):
    """Column rule, running head and folio, drawn after the page's text (so text extraction reads the story first)."""
    draw_rule = _rule(frames, rule)

    def on_page_end(canv, doc):
        draw_rule(canv, doc)
        _running_head(canv, g, meta, folio_size)
    return on_page_end


def draw_edition(header: list[Flowable], body: list[Flowable], g: Geometry, meta: Meta, *, header_height: float,
                 last_page: int | None = None, last_height: float | None = None, column_rule: bool = True,
                 folio_size: float = 8) -> bytes:
    """Two-column edition. ``last_page``/``last_height`` shorten that page's columns (balancing)."""
    buf = io.BytesIO()
    alt = meta.photo_alt
    top1 = g.height - g.top - g.flag
    col_top1 = top1 - header_height
    col_h1 = col_top1 - g.bottom
    top_n = g.height - g.top - g.head
    col_hn = top_n - g.bottom

    def first_frames(height):
        return [_frame(g.left, col_top1, g.full, header_height, "header", alt)] + _columns(g, col_top1, height, "p1c",
                                                                                         alt, meta.rtl)

    templates, pages = [], {}
    f_first = first_frames(col_h1 if last_page != 1 else min(col_h1, last_height))
    templates.append(PageTemplate("first", frames=f_first, onPage=lambda c, d: _flag(c, g, meta),
                                  onPageEnd=_rule(f_first[1:], column_rule)))
    f_later = _columns(g, top_n, col_hn, "c", alt, meta.rtl)
    templates.append(PageTemplate("later", frames=f_later,
                                  onPageEnd=_after(f_later, column_rule, g, meta, folio_size)))
    pages = {}
    if last_page and last_page > 1:
        f_last = _columns(g, top_n, min(col_hn, last_height), "l", alt, meta.rtl)
        templates.append(PageTemplate("last", frames=f_last,
                                      onPageEnd=_after(f_last, column_rule, g, meta, folio_size)))
        pages[last_page] = "last"
        if last_page > 2:
            pages[2] = "later"
    else:
        pages[2] = "later"
    doc = _Doc(buf, g, meta, pages)
    doc.addPageTemplates(templates)
    _build(doc, list(header) + [FrameBreak()] + list(body), meta)
    return buf.getvalue()


def _build(doc: BaseDocTemplate, story: list[Flowable], meta: Meta) -> None:
    doc.build(story, canvasmaker=_canvasmaker(meta))


def draw_single_column(story: list[Flowable], g: Geometry, meta: Meta, *, folio_size: float, running_size: float
                       ) -> bytes:
    """One column, page numbers at body size in the same place on every page (large print)."""
    buf = io.BytesIO()
    frame = _frame(g.left, g.bottom, g.full, g.body_height, "lp", meta.photo_alt)

    def on_page_end(canv, doc):
        with _artifact(canv, "Pagination", "Footer"):
            canv.saveState()
            canv.setFont("EdSans", folio_size)
            canv.setFillColor(INK)
            canv.drawRightString(g.width - g.right, g.bottom - folio_size - 14, f"Page {canv.getPageNumber()}")
            canv.restoreState()

    doc = _Doc(buf, g, meta, {})
    doc.addPageTemplates([PageTemplate("lp", frames=[frame], onPageEnd=on_page_end)])
    _build(doc, list(story), meta)
    return buf.getvalue()
