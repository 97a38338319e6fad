"""Layout: Article in, a :class:`Plan` of flowables out (no canvas here).

The plan has the page-one header (headline, deck, byline, photo with caption and
credit) and the column flow (drop-capped first paragraph, subheads, paragraphs,
pull quotes at chosen slots, the credit line).  Which slot each pull quote goes in
is decided by :mod:`editions.press` against the drawn geometry.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from reportlab.lib.utils import ImageReader
from reportlab.platypus import CondPageBreak, Flowable, Image, Paragraph

from ..errors import RenderError
from ..model import Article, PullQuote, format_date
from .flowables import BodyPara, DropCap, DropCapBlock, FloatingQuote, PhotoBox, PullQuoteBox, QuoteState, Recorder
from .markup import paragraph_markup, text_markup, typographic
from .styles import PrintStyles

__all__ = ["Block", "Plan", "body_blocks", "quote_slots", "plan_print", "PhotoBlock", "byline_text", "load_photo"]

log = logging.getLogger("editions")


@dataclass(frozen=True)
class Block:
    kind: str  # heading | para | credit
    section: int = -1
    paragraph: int = -1


@dataclass
class Plan:
    header: list[Flowable]
    body: list[Flowable]
    warnings: list[str] = field(default_factory=list)
    quotes: list = field(default_factory=list)
    """One QuoteState per pull quote offered; ``placed`` says where it went (None: no position kept the rules)."""


def body_blocks(article: Article) -> list[Block]:
    out = []
    for si, s in enumerate(article.sections):
        if s.heading:
            out.append(Block("heading", si))
        for pi, _ in enumerate(s.paragraphs):
            out.append(Block("para", si, pi))
    if article.credit_line:
        out.append(Block("credit"))
    return out


def byline_text(article: Article) -> str:
    parts = []
    if article.byline:
        parts.append(f"By {article.byline}")
    if article.date:
        parts.append(format_date(article.date))
    if article.dateline:
        parts.append(article.dateline)
    return "  ·  ".join(parts)


def load_photo(article: Article, strict: bool) -> tuple[ImageReader | None, str | None]:
    """The photo as an ImageReader, or (None, warning)."""
    if article.photo is None:
        return None, None
    path = article.photo_file()
    if path is None:
        return None, "the photo has no image file; printed a labelled 'photo not available' box"
    problem = None
    if not path.is_file():
        problem = f"photo file not found: {article.photo.path}"
    else:
        try:
            # from bytes, not the path: ReportLab names an image from its path, and the PDF must not depend on
            # where the photo lives (a cluster worker renders from its own scratch copy)
            reader = ImageReader(io.BytesIO(path.read_bytes()))
            w, h = reader.getSize()
            if w < 1 or h < 1:
                raise ValueError("empty image")
            return reader, None
        except Exception as e:
            problem = f"photo cannot be read ({e.__class__.__name__}): {article.photo.path}"
    if strict:
        raise RenderError(problem, path=article.source_path, hint="fix the photo path or drop --strict")
    return None, problem + "; printed a labelled 'photo not available' box"


class PhotoBlock(Flowable):
    """Photo (or the labelled box), caption no wider than the photo, credit on its own line. Never split."""

    def __init__(self, reader, caption, credit, styles: PrintStyles, max_height: float, recorder=None,
                 missing_height: float = 110):
        super().__init__()
        self.reader, self.styles, self.max_height, self._rec = reader, styles, max_height, recorder
        self.caption_text, self.credit_text = caption, credit
        self.missing_height = missing_height

    def _size(self, aW, max_h):
        if self.reader is not None:
            iw, ih = self.reader.getSize()
            scale = min(aW / iw, max_h / ih)
            self.pw, self.ph = iw * scale, ih * scale
        else:
            self.pw, self.ph = aW, min(self.missing_height, max_h)
        self.cap = Paragraph(text_markup(self.caption_text), self.styles.caption) if self.caption_text else None
        self.cred = Paragraph(text_markup(self.credit_text), self.styles.credit) if self.credit_text else None
        h = self.ph
        for p in (self.cap, self.cred):
            if p:
                h += p.wrap(self.pw, 10_000)[1] + p.style.spaceBefore
        return h

    def wrap(self, aW, aH):
        h = self._size(aW, self.max_height)
        if h > aH:  # shrink the picture (never below 40 pt) rather than fail where space is short
            text_h = h - self.ph
            if aH - text_h >= 40:
                h = self._size(aW, aH - text_h - 0.5)
        if self.reader is not None:
            self.image = Image(io.BytesIO(self.reader.fileName.getvalue()), width=self.pw, height=self.ph)
        else:
            self.image = PhotoBox(self.pw, self.ph, recorder=self._rec)
        self.width, self.height = aW, h
        self.spaceAfter = self.styles.credit.spaceAfter
        return aW, h

    def split(self, aW, aH):
        """Only when even a shrunken picture and its caption cannot share the space (a very long caption):
        the picture, then caption and credit as paragraphs that may run on."""
        if aH < 40:
            return []
        self._size(aW, min(self.max_height, aH - 1))
        pic = (Image(io.BytesIO(self.reader.fileName.getvalue()), width=self.pw, height=self.ph) if self.reader is not None
               else PhotoBox(self.pw, self.ph, recorder=self._rec))
        return [pic] + [p for p in (self.cap, self.cred) if p]

    def drawOn(self, canvas, x, y, _sW=0):
        if self._rec is not None and self.reader is not None:
            self._rec.add(canvas, x, y + self.height - self.ph, self.pw, self.ph, "photo")
        y_top = y + self.height
        self.image.drawOn(canvas, x, y_top - self.ph)
        cur = y_top - self.ph
        for p, kind in ((self.cap, "caption"), (self.cred, "credit")):
            if p:
                cur -= p.style.spaceBefore + p.height
                if self._rec is not None:
                    self._rec.add(canvas, x, cur, p.width, p.height, kind)
                p.drawOn(canvas, x, cur)


def _quote_box(q: PullQuote, i: int, styles: PrintStyles, rec: Recorder) -> PullQuoteBox:
    text = text_markup(f"“{q.text.strip('“”')}”")
    attr = text_markup(f"— {q.attribution}") if q.attribution else ""
    box = PullQuoteBox(text, attr, styles.pull, styles.pull_attr, recorder=rec, ref=i)
    box.spaceBefore = box.spaceAfter = 0
    return box


def quote_slots(article: Article, qi: int) -> list[int]:
    """Block indices a pull quote may stand before: after its passage (with a paragraph between), never
    right under a heading, and followed by a paragraph."""
    blocks = body_blocks(article)
    q = article.pull_quotes[qi]
    src = next((i for i, b in enumerate(blocks) if q.source and b.kind == "para"
                and (b.section, b.paragraph) == (q.source.section, q.source.paragraph)), None)
    first = 1 if src is None else src + 2
    return [s for s in range(max(1, first), len(blocks))
            if blocks[s - 1].kind != "heading" and blocks[s].kind == "para"]


def plan_print(article: Article, styles: PrintStyles, rec: Recorder, *, full_width: float, column_width: float,
               page_body_height: float, photo_columns: int, strict: bool, max_quotes: int = 2) -> Plan:
    """The header and the column flow; each pull quote gets a candidate at every slot it may use."""
    warnings: list[str] = []
    header: list[Flowable] = [BodyPara(text_markup(article.headline), styles.headline, recorder=rec, kind="headline")]
    if article.deck:
        header.append(BodyPara(text_markup(article.deck), styles.deck, recorder=rec, kind="deck"))
    by = byline_text(article)
    if by:
        header.append(BodyPara(text_markup(by), styles.byline, recorder=rec, kind="byline"))
    photo_flow = None
    if article.photo:
        reader, warn = load_photo(article, strict)
        if warn:
            warnings.append(warn)
        photo_flow = PhotoBlock(reader, article.photo.caption, article.photo.credit, styles,
                                max_height=page_body_height * (0.42 if photo_columns == 2 else 0.3), recorder=rec,
                                missing_height=110 if photo_columns == 2 else 80)
        if photo_columns == 2:
            header.append(photo_flow)
    body: list[Flowable] = []
    if photo_flow is not None and photo_columns == 1:
        body.append(photo_flow)
    by_slot: dict[int, list[int]] = {}
    states = [QuoteState(qi, q.source) for qi, q in enumerate(article.pull_quotes[:max_quotes])]
    for qi in range(len(states)):
        for slot in quote_slots(article, qi):
            by_slot.setdefault(slot, []).append(qi)
    first_para_done = False
    for bi, block in enumerate(body_blocks(article)):
        waiting = []
        for qi in by_slot.get(bi, []):
            box = _quote_box(article.pull_quotes[qi], qi, styles, rec)
            waiting.append(FloatingQuote(box, states[qi], [s for s in states if s is not states[qi]], rec, None))
            body.append(waiting[-1])
        if block.kind == "heading":
            h = BodyPara(text_markup(article.sections[block.section].heading), styles.heading, recorder=rec,
                         kind="heading", ref=block.section)
            # a heading keeps at least two lines of its text below it: break the column early if needed
            need = h.wrap(column_width, 10_000)[1] + styles.heading.spaceBefore + styles.heading.spaceAfter
            body.append(CondPageBreak(need + 2 * styles.body.leading + 1))
            body.append(h)
        elif block.kind == "para":
            para = article.sections[block.section].paragraphs[block.paragraph]
            ref = (block.section, block.paragraph)
            if not first_para_done and para.text:
                first_para_done = True
                body.append(_drop_capped(para, styles, rec, ref))
            else:
                body.append(BodyPara(paragraph_markup(para), styles.body, recorder=rec, ref=ref))
            for fq in waiting:
                fq.following = BodyPara(paragraph_markup(para), styles.body)
        else:
            body.append(BodyPara(text_markup(article.credit_line), styles.credit_line, recorder=rec, kind="credit"))
    return Plan(header, body, warnings, states)


def _drop_capped(para, styles: PrintStyles, rec: Recorder, ref) -> Flowable:
    first = para.text[0]
    if not first.isalpha() or len(para.text) < 120:
        return BodyPara(paragraph_markup(para), styles.first, recorder=rec, ref=ref)
    body = styles.first
    cap = DropCap(first, "EdSerif-Bold", 3, body.leading, body.fontSize)
    rest = BodyPara(paragraph_markup(para, skip=1), body, ref=ref, kind="body")
    block = DropCapBlock(cap, rest, rec, ref)
    block.actual_text = typographic(para.text)  # the words as read in the tagged PDF (the cap is drawn apart)
    return block
