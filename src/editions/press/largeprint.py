"""The large-print edition: Article in, a one-column PDF for low-vision readers out.

Following UKAAF/APH/RNIB guidance: sans-serif, 18 pt body on 1.4x leading or more,
left-aligned and ragged right, no hyphenation, headings 22 pt, no italics for
running text, captions at body size, page numbers at body size in the same place
on every page, no pull quotes (they repeat the text), the photo kept with its caption.
"""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether

from ..model import Article
from .drawing import Geometry, Meta, draw_single_column
from .flowables import BodyPara, Recorder
from .layout import PhotoBlock, byline_text, load_photo
from .markup import paragraph_markup, text_markup
from .styles import large_print_styles, right_to_left

__all__ = ["render_large_print"]


def render_large_print(article: Article, g: Geometry, meta: Meta, strict: bool, rec: Recorder) -> tuple[bytes, list[str]]:
    st = right_to_left(large_print_styles()) if meta.rtl else large_print_styles()
    warnings: list[str] = []
    story = [BodyPara(text_markup(article.headline), st.headline, recorder=rec, kind="headline")]
    if article.deck:
        story.append(BodyPara(text_markup(article.deck), st.deck, recorder=rec, kind="deck"))
    by = byline_text(article)
    if by:
        story.append(BodyPara(text_markup(by), st.byline, recorder=rec, kind="byline"))
    if article.photo:
        reader, warn = load_photo(article, strict)
        if warn:
            warnings.append(warn)
        story.append(KeepTogether([PhotoBlock(reader, article.photo.caption, article.photo.credit, st,
                                              max_height=g.body_height * 0.45, recorder=rec, lang=article.lang)]))
    for si, section in enumerate(article.sections):
        if section.heading:
            h = BodyPara(text_markup(section.heading), st.heading, recorder=rec, kind="heading", ref=si)
            need = h.wrap(g.full, 10_000)[1] + st.heading.spaceBefore + st.heading.spaceAfter
            story.append(CondPageBreak(need + 2 * st.body.leading + 1))
            story.append(h)
        for pi, para in enumerate(section.paragraphs):
            story.append(BodyPara(paragraph_markup(para, italics=False), st.body, recorder=rec, ref=(si, pi)))
    if article.credit_line:
        story.append(BodyPara(text_markup(article.credit_line), st.credit_line, recorder=rec, kind="credit"))
    pdf = draw_single_column(story, g, meta, folio_size=st.folio_size, running_size=st.running.fontSize)
    return pdf, warnings
