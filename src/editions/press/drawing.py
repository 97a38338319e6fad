"""Drawing: the only module that talks to ReportLab documents and canvases.

Takes a :class:`~editions.press.layout.Plan` and page geometry, gives PDF bytes.
Page one carries a flag line and the full-width header above two columns; later
pages carry a running head and a folio; the last page's columns can be given a
height so they balance.  Metadata (title, author, subject, /Lang,
DisplayDocTitle) and one outline entry per section heading are set here.

Both editions are tagged PDFs (PDF/UA-1) drawn on a
:class:`~editions.press.tagging.TaggedCanvas`: each frame tells the canvas which
structure element the flowable it draws belongs to (:func:`_story_target`, from
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
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, Image, ImageAndFlowables, PageTemplate, Paragraph
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import _SplitWordHY, _SplitWordLL

from .flowables import BodyPara, DropCap, FloatingQuote, PhotoBox, PullQuoteBox
from .layout import PhotoBlock
from .styles import INK, RULE
from .tagging import Artifact, DocInfo, PhotoTarget, Tag, TaggedCanvas

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


_ROLES = {"headline": ("H1", (0,)), "deck": ("P", (1,)), "byline": ("P", (2,)), "credit": ("P", (5,))}
"""Header parts and the credit line: role and story position (the photo is 3, the sections 4)."""


def _plain(f: Paragraph) -> str:
    return " ".join(f.getPlainText().split())


def _broken_words(f) -> bool:
    """Whether a drawn paragraph ends a line inside a word (a hyphen at a line end), so that its drawn text
    would not read as its words."""
    bl = getattr(f, "blPara", None)
    if bl is None:
        return False
    for line in bl.lines:  # a piece of a split paragraph may end on a broken word too
        words = list(line[1]) if isinstance(line, tuple) else [w.text for w in line.words if getattr(w, "text", "")]
        if words and str(words[-1]).endswith(("-", "\u2010")):
            return True
    return False


_SHY_OK: dict[str, bool] = {}


def _same_hyphen(font: str) -> bool:
    """Whether the font draws U+00AD with the very glyph of U+002D (so swapping one for the other is invisible)."""
    ok = _SHY_OK.get(font)
    if ok is None:
        try:
            c2g = getFont(font).face.charToGlyph
            ok = c2g.get(0x2D) is not None and c2g.get(0x2D) == c2g.get(0xAD)
        except (AttributeError, KeyError):
            ok = False
        _SHY_OK[font] = ok
    return ok


def _soften(w):
    """The word with its added line-end hyphen made soft, or None when it has none (or the font would show it)."""
    if type(w) in (_SplitWordHY, _SplitWordLL) and w.endswith("-"):
        return type(w)(w[:-1] + "\u00ad")
    return None


def _soft_hyphens(part) -> None:
    """Make the hyphens that hyphenation added at line ends soft hyphens (U+00AD), as PDF's reading rules ask:
    a reader joining the lines drops them and reads the word whole.  Only where the font draws both with one
    glyph, so not a pixel moves; what is left falls back to /ActualText (see :func:`_broken_words`)."""
    bl = getattr(part, "blPara", None)
    if bl is None:
        return
    for line in bl.lines:
        if isinstance(line, tuple):
            words = line[1]
            soft = _soften(words[-1]) if words else None
            if soft is not None and _same_hyphen(part.style.fontName):
                words[-1] = soft
        else:
            frags = [w for w in line.words if getattr(w, "text", "")]
            soft = _soften(frags[-1].text) if frags else None
            if soft is not None and _same_hyphen(frags[-1].fontName):
                frags[-1].text = soft


def _draw_soft(f, hooked: list) -> None:
    """Soften ``f``'s line-end hyphens just before it draws (after its last wrap), and its parts' (a container
    such as the drop-cap block wraps its parts again as it draws them)."""
    draw = f.drawOn

    def draw_soft(canvas, x, y, _sW=0):
        _soft_hyphens(f)
        for child in list(getattr(f, "_C0", None) or []) + list(getattr(f, "_C1", None) or []):
            _draw_soft(child, hooked)
        return draw(canvas, x, y, _sW)
    f.drawOn = draw_soft
    hooked.append(f)


def _photo_elements(canv, alt: str, block: PhotoBlock | None = None):
    caption = block.caption_text if block is not None else ""
    figure = canv.element(("photo", "figure"), "Figure", (3, 0))
    if block is not None:
        missing = "Photo not available: " if block.reader is None else ""
        figure.alt = missing + (alt or caption or "photograph")
        cap = canv.element(("photo", "caption"), "Caption", (3, 1)) if (block.caption_text or block.credit_text) else None
    else:
        cap = canv._elements.get(("photo", "caption"))
    return figure, cap


def _story_target(canv, f: Flowable, alt: str):
    """Where what ``f`` draws belongs: a structure element (made on first sight, keyed by its place in the story so
    every piece of a split paragraph joins the same element), an artifact, or None (draws nothing)."""
    if isinstance(f, (FloatingQuote, PullQuoteBox)):
        return Artifact("Layout")  # a pull quote repeats the body's words: read once, in its paragraph
    if isinstance(f, PhotoBlock):
        figure, cap = _photo_elements(canv, alt, f)
        return PhotoTarget(figure, cap, missing=f.reader is None)
    if isinstance(f, (Image, PhotoBox)):  # a photo block split apart (a very long caption)
        figure, cap = _photo_elements(canv, alt)
        return PhotoTarget(figure, cap, missing=isinstance(f, PhotoBox))
    if isinstance(f, ImageAndFlowables):  # the drop-capped opening paragraph, whole or a piece of it
        paras = [p for p in getattr(f, "_content", []) if isinstance(p, BodyPara)]
        if not paras:
            return None
        para = paras[0]
        cap = f._I
        text = getattr(f, "actual_text", None) or ((cap.letter if isinstance(cap, DropCap) else "")
                                                   + para.getPlainText())
        text = " ".join(text.split())
        el = canv.element(("body", para._ref), "P", (4,) + tuple(para._ref or ()), text=text)
        el.actual = True  # the drop cap is drawn apart from the rest of its word
        return Tag(el)
    if isinstance(f, BodyPara):
        kind, ref = f._kind, f._ref
        if kind == "heading":
            role, order = "H2", (4, ref, -1)
        elif kind == "body":
            role, order = "P", (4,) + tuple(ref or ())
        else:
            role, order = _ROLES.get(kind, ("P", (6,)))
        return Tag(canv.element((kind, ref), role, order, text=_plain(f)))
    if isinstance(f, Paragraph):  # a caption or credit of a photo block that was split apart
        cap = canv._elements.get(("photo", "caption"))
        return Tag(cap if cap is not None else canv.element(("para", id(f)), "P", (6,), text=_plain(f)))
    return None


class _Frame(Frame):
    """A frame that tells a tagging canvas which structure element each flowable it draws belongs to."""

    alt = ""

    def add(self, flowable, canv, trySplit=0):
        if not isinstance(canv, TaggedCanvas):
            return super().add(flowable, canv, trySplit)
        target = _story_target(canv, flowable, self.alt)
        if target is None:
            return super().add(flowable, canv, trySplit)
        hooked: list = []
        if isinstance(target, Tag):
            _draw_soft(flowable, hooked)
        try:
            with canv.target(target):
                done = super().add(flowable, canv, trySplit)
        finally:
            for f in hooked:
                f.__dict__.pop("drawOn", None)
        if done and isinstance(target, Tag) and _broken_words(flowable):
            target.element.actual = True
        return done


def _frame(x, y, w, h, id, alt="") -> _Frame:
    f = _Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=id)
    f.alt = alt
    return f


def _canvasmaker(meta: Meta):
    if not TAGGED:
        return None
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
            text = flowable.getPlainText()
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
    if meta.date_text:
        canv.drawRightString(g.width - g.right, y, meta.date_text)
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
        canv.drawString(g.left, y, meta.running)
        canv.drawRightString(g.width - g.right, y, meta.publication)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(g.left, y - 5, g.width - g.right, y - 5)
    with _artifact(canv, "Pagination", "Footer"):
        canv.setFont("EdSans", folio_size)
        canv.setFillColor(INK)
        canv.drawCentredString(g.width / 2, g.bottom - 28, str(canv.getPageNumber()))
    canv.restoreState()


def _columns(g: Geometry, top: float, height: float, prefix: str, alt: str = "") -> list[Frame]:
    return [_frame(g.left, top - height, g.column, height, f"{prefix}1", alt),
            _frame(g.left + g.column + g.gutter, top - height, g.column, height, f"{prefix}2", alt)]


def _rule(frames, draw: bool):
    def on_page_end(canv, doc):
        if not draw:
            return
        f1 = frames[0]
        x = f1._x1 + f1._width + (frames[1]._x1 - f1._x1 - f1._width) / 2
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
                                                                                         alt)

    templates, pages = [], {}
    f_first = first_frames(col_h1 if last_page != 1 else min(col_h1, last_height))
    templates.append(PageTemplate("first", frames=f_first, onPage=lambda c, d: _flag(c, g, meta),
                                  onPageEnd=_rule(f_first[1:], column_rule)))
    f_later = _columns(g, top_n, col_hn, "c", alt)
    templates.append(PageTemplate("later", frames=f_later,
                                  onPageEnd=_after(f_later, column_rule, g, meta, folio_size)))
    pages = {}
    if last_page and last_page > 1:
        f_last = _columns(g, top_n, min(col_hn, last_height), "l", alt)
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
    make = _canvasmaker(meta)
    if make is None:
        doc.build(story)
    else:
        doc.build(story, canvasmaker=make)


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
