"""Layout: Article in, a :class:`Plan` of flowables out (no canvas here).

The plan has the page-one header (headline, deck, byline, photo with caption and
credit) and the column flow (drop-capped first paragraph, subheads, paragraphs,
pull quotes at chosen slots, the credit line).  Which slot each pull quote goes in
is decided by :mod:`editions.press` against the drawn geometry.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from reportlab.platypus import CondPageBreak, Flowable

from ..model import Article, PullQuote
from ..wording import by_line, format_date
from .dropcap import drop_capped
from .flowables import BodyPara, FloatingQuote, PullQuoteBox, QuoteState, Recorder
from .markup import paragraph_markup, text_markup
from .photo import PhotoBlock, load_photo
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
        parts.append(by_line(article.byline, article.lang))
    if article.date:
        parts.append(format_date(article.date, article.lang)[0])
    if article.dateline:
        parts.append(article.dateline)
    return "  ·  ".join(parts)


_QUOTE_MARKS = {"ar": "«»", "fa": "«»", "ur": "«»", "he": "„”"}
"""A pull quote's marks in a right-to-left language: Arabic's guillemets (mirrored when set right to left, so they
point outward, as Arabic print has them), Hebrew's low opening and high closing marks; “…” otherwise."""


def _quote_box(q: PullQuote, i: int, styles: PrintStyles, rec: Recorder, lang: str = "en") -> PullQuoteBox:
    opening, closing = _QUOTE_MARKS.get(lang.split("-")[0].lower(), "“”")
    text = text_markup(f"{opening}{q.text.strip('“”«»„')}{closing}")
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
        image, warn = load_photo(article, strict)
        if warn:
            warnings.append(warn)
        # the full measure (photo_columns = 2) or one column; a missing photo is a note of at most 3 lines
        photo_flow = PhotoBlock(image, article.photo.caption, article.photo.credit, styles,
                                max_height=page_body_height * (0.42 if photo_columns == 2 else 0.3),
                                recorder=rec, note_lines=3, lang=article.lang)
        if photo_columns == 2 and image is not None:
            header.append(photo_flow)
    body: list[Flowable] = []
    if photo_flow is not None and photo_flow not in header:
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
            box = _quote_box(article.pull_quotes[qi], qi, styles, rec, article.lang)
            waiting.append(FloatingQuote(box, states[qi], [s for s in states if s is not states[qi]], rec, None))
            body.append(waiting[-1])
        if block.kind == "heading":
            h = BodyPara(text_markup(article.sections[block.section].heading), styles.heading, recorder=rec,
                         kind="heading", ref=block.section)
            # a heading keeps at least two lines of its text below it (all of a paragraph of three lines or
            # fewer, which cannot split without a widow or an orphan): break the column early if needed
            need = h.wrap(column_width, 10_000)[1] + styles.heading.spaceBefore + styles.heading.spaceAfter
            section = article.sections[block.section]
            lines = 2
            if section.paragraphs:
                nxt = BodyPara(paragraph_markup(section.paragraphs[0]), styles.body)
                nxt.wrap(column_width, 10_000)
                lines = len(nxt.blPara.lines) if len(nxt.blPara.lines) <= 3 else 2
            body.append(CondPageBreak(need + lines * styles.body.leading + 1))
            body.append(h)
        elif block.kind == "para":
            para = article.sections[block.section].paragraphs[block.paragraph]
            ref = (block.section, block.paragraph)
            if not first_para_done and para.text:
                first_para_done = True
                body.append(drop_capped(para, styles, rec, ref))
            else:
                body.append(BodyPara(paragraph_markup(para), styles.body, recorder=rec, ref=ref))
            for fq in waiting:
                fq.following = BodyPara(paragraph_markup(para), styles.body)
        else:
            body.append(BodyPara(text_markup(article.credit_line), styles.credit_line, recorder=rec, kind="credit"))
    return Plan(header, body, warnings, states)
