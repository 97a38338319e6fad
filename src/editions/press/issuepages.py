"""The whole issue's own pages: its front page and the page furniture drawn over the articles' pages.

Takes the issue's title, date and contents (each article's headline and the page it starts on); gives PDF bytes:
:func:`render_front`, the front page (title H1, date, a "Contents" H2 and one P per article, tagged PDF/UA-1 like
every page here, newspaper or large print); :func:`render_furniture`, one untagged page per page of the issue with
only its running head (the issue's title, the article's headline) and its folio (the page's number in the
issue) -- the issue (:mod:`editions.issue.pages`) draws it over each page as a pagination artifact.  Nothing of
an article is laid out here: the articles' own finished PDFs are merged behind the front page.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from ..wording import format_date, label
from .drawing import Meta, draw_single_column, geometry
from .drawtext import draw_text, text_width
from .flowables import BodyPara, Recorder
from .markup import text_markup
from .placedtext import PlacedCanvas
from .styles import INK, RULE, large_print_styles, print_styles

__all__ = ["FrontPage", "render_front", "render_furniture"]


@dataclass(frozen=True)
class FrontPage:
    title: str
    date: str
    """ISO date (drawn in the issue's language)."""
    lang: str
    publication: str
    contents: tuple[tuple[str, int], ...]
    """(headline, page in the issue) per article, in the issue's order."""
    number: str = ""
    description: str = ""


def date_text(front: FrontPage) -> str:
    words = format_date(front.date, front.lang)[0] or front.date
    return f"{words}  ·  No. {front.number}" if front.number else words


def render_front(front: FrontPage, page_size: str, *, large: bool) -> bytes:
    """The front page (or pages, with a long contents list): title, date, description, contents."""
    st = large_print_styles() if large else print_styles(front.lang)
    g = geometry(page_size)
    rec = Recorder()
    story = [BodyPara(text_markup(front.title), st.headline, recorder=rec, kind="headline"),
             BodyPara(text_markup(date_text(front)), st.byline, recorder=rec, kind="byline")]
    if front.description:
        story.append(BodyPara(text_markup(front.description), st.deck, recorder=rec, kind="deck"))
    story.append(BodyPara(text_markup(label("contents", front.lang)[0]), st.heading, recorder=rec, kind="heading",
                          ref=0))
    entry = st.first if not large else st.body
    for i, (headline, page) in enumerate(front.contents):
        # the page first, bold: "3  Harbour seawall…", read as it is seen
        story.append(BodyPara(f"<b>{page}</b>\u2003{text_markup(headline)}", entry, recorder=rec, ref=(0, i)))
    meta = Meta(title=front.title, author=front.publication, subject=front.description, lang=front.lang,
                publication=front.publication, running=front.title, date_text=date_text(front))
    return draw_single_column(story, g, meta, folio_size=st.folio_size, running_size=st.running.fontSize)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if text_width(text, font, size) <= width:
        return text
    words = text.split()
    while words and text_width(" ".join(words) + "…", font, size) > width:
        words.pop()
    return " ".join(words) + "…" if words else ""


def render_furniture(title: str, heads: list[str], page_size: str, *, large: bool) -> bytes:
    """One page per page of the issue: the running head (the issue's title; the article's headline, given in
    ``heads``, one per page) and the folio, where the articles draw theirs (newspaper: folio centred under the
    columns; large print: "Page N" at body size, bottom right)."""
    st = large_print_styles() if large else print_styles("en")
    g = geometry(page_size)
    buf = io.BytesIO()
    canv = PlacedCanvas(buf, pagesize=(g.width, g.height), invariant=1)
    size = st.folio_size if large else 8
    y = g.height - g.top + 8
    for n, head in enumerate(heads, start=1):
        canv.setFillColor(RULE if not large else INK)
        if large:
            draw_text(canv, g.left, y, _fit(title, "EdSans", size, g.full), "EdSans", size)
        else:
            left = _fit(title, "EdSans-Bold", size, g.full * 0.45)
            draw_text(canv, g.left, y, left, "EdSans-Bold", size)
            draw_text(canv, g.width - g.right, y, _fit(head, "EdSans", size, g.full * 0.5), "EdSans", size, "right")
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(g.left, y - 5, g.width - g.right, y - 5)
        canv.setFillColor(INK)
        canv.setFont("EdSans", size)
        if large:
            canv.drawRightString(g.width - g.right, g.bottom - size - 14, f"Page {n}")
        else:
            canv.drawCentredString(g.width / 2, g.bottom - 28, str(n))
        canv.showPage()
    canv.save()
    return buf.getvalue()
