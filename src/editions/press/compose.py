"""Composing the print edition's pages: :func:`render_print` wires the stages (styles and fonts -> layout ->
drawing) and makes the two decisions that need drawn geometry -- where each pull quote goes (by rule, trying
slots until every rule holds) and how tall the last page's columns must be to balance; it has
:mod:`.largeprint` make the large-print edition beside it.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from ..config import Config
from ..emoji import sequences
from ..errors import RenderError
from ..model import Article
from ..wording import format_date
from ..scripts import is_rtl
from .cjkfaces import use_language
from .drawing import Geometry, Meta, draw_edition, geometry
from .flowables import Placed, Recorder
from .fonts import undrawn
from .largeprint import render_large_print
from .layout import plan_print
from .styles import print_styles, right_to_left

__all__ = ["render_print", "PrintResult", "quote_rule_problems"]

log = logging.getLogger("editions")
EPS = 1.0


@dataclass
class PrintResult:
    pages: int
    large_print_pages: int
    quotes: dict[int, tuple[int, int]]
    """Pull-quote index -> (page, column x) where it was set; a quote no position suited is absent."""
    placed: list[Placed] = field(repr=False, default_factory=list)
    large_placed: list[Placed] = field(repr=False, default_factory=list)
    geometry: Geometry | None = None
    warnings: list[str] = field(default_factory=list)


def _meta(article: Article, cfg: Config) -> Meta:
    running = article.headline if len(article.headline) <= 70 else article.headline[:70].rsplit(" ", 1)[0] + "…"
    return Meta(title=article.headline, author=article.byline, subject=article.deck, lang=article.lang,
                publication=cfg.publication, running=running, date_text=format_date(article.date, article.lang)[0],
                photo_alt=article.photo.alt if article.photo else "", rtl=is_rtl(article))


def _undrawable(article: Article) -> list[str]:
    """A warning naming the characters the print fonts cannot draw (they are left out of the PDFs)."""
    texts = [article.headline, article.deck, article.byline, article.dateline or "", article.credit_line or ""]
    texts += [s.heading or "" for s in article.sections] + [p.text for p in article.paragraphs]
    texts += [t for q in article.pull_quotes for t in (q.text, q.attribution)]
    if article.photo:
        texts += [article.photo.caption or "", article.photo.credit or ""]
    units = [u for t in texts for u in sequences(t)]  # an emoji sequence is one unit: 👨‍👩‍👧, not five
    lone = [c for t in texts for c in undrawn(t)]
    lost = list(dict.fromkeys(units + lone))
    if not lost:
        return []
    return [f"the print fonts have no glyph for {len(lost)} character(s) ({' '.join(lost[:12])}); "
            "left out of the PDFs"]


def _column(p: Placed, g: Geometry) -> int:
    return 0 if p.x < g.left + g.column - EPS else 1


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def quote_rule_problems(placed: list[Placed], g: Geometry, qi: int, source) -> list[str]:
    """Why pull quote ``qi`` breaks a placement rule (empty when it keeps them all)."""
    qs = [p for p in placed if p.kind == "pullquote" and p.ref == qi]
    if not qs:
        return ["not placed"]
    q = qs[-1]
    col = _column(q, g)
    same = [p for p in placed if p.page == q.page and p.kind in ("body", "heading", "credit", "pullquote")
            and p is not q and _column(p, g) == col and p.width <= g.column + EPS]
    problems = []
    above = [p for p in same if p.y >= q.top - EPS]
    below = [p for p in same if p.top <= q.y + EPS]
    if not above:
        problems.append("at the top of a column")
    if not below:
        problems.append("at the bottom of a column")
    if above and min(above, key=lambda p: p.y - q.top).kind == "heading":
        problems.append("directly under a section heading")
    if source is not None and any(p.kind == "body" and p.ref == (source.section, source.paragraph) for p in same):
        problems.append("next to the passage it quotes")
    return problems


class _Layout:
    def __init__(self, article: Article, cfg: Config):
        self.article, self.cfg = article, cfg
        self.g = geometry(cfg.print.page_size)
        self.meta = _meta(article, cfg)
        self.styles = right_to_left(print_styles(article.lang)) if self.meta.rtl else print_styles(article.lang)
        self.warnings: list[str] = []
        self.quotes: dict[int, tuple[int, int]] = {}

    def _plan(self, rec: Recorder):
        g = self.g
        plan = plan_print(self.article, self.styles, rec, full_width=g.full, column_width=g.column,
                          page_body_height=g.body_height, photo_columns=self.cfg.print.photo_columns,
                          strict=self.cfg.print.strict)
        self.warnings = plan.warnings
        return plan

    def render(self) -> tuple[bytes, list[Placed]]:
        """Lay out once; if the last page's columns are uneven, lay out again with them balanced."""
        g = self.g
        rec = Recorder()
        plan = self._plan(rec)
        header_h = 0.0
        for f in plan.header:
            header_h += f.wrap(g.full, g.body_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        header_h = min(header_h + 4, g.body_height * 0.8)
        kw = dict(header_height=header_h, column_rule=self.cfg.print.column_rule, folio_size=self.styles.folio_size)
        pdf = draw_edition(plan.header, plan.body, g, self.meta, **kw)
        placed, states = rec.items, plan.quotes
        last = max((p.page for p in placed), default=1)
        top = (g.height - g.top - g.flag - header_h) if last == 1 else (g.height - g.top - g.head)
        def used_heights(items):
            cols: dict[int, list[Placed]] = {0: [], 1: []}
            for p in items:
                if p.page == last and p.width <= g.column + EPS and p.top <= top + EPS:
                    cols[_column(p, g)].append(p)
            used = [top - min((p.y for p in cols[c]), default=top) for c in (0, 1)]
            return used[::-1] if self.meta.rtl else used  # the first column first (on the right when RTL)

        used = used_heights(placed)
        if used[0] - used[1] >= 2 * self.styles.body.leading:
            target = (used[0] + used[1]) / 2
            pages = _page_count(pdf)
            retargeted = False
            for _ in range(14):
                rec2 = Recorder()
                plan2 = self._plan(rec2)
                for f in plan2.header:
                    f.wrap(g.full, g.body_height)
                try:
                    pdf2 = draw_edition(plan2.header, plan2.body, g, self.meta, last_page=last,
                                        last_height=target + 2, **kw)
                except LayoutError:  # something unsplittable is taller than the trial columns
                    target += self.styles.body.leading
                    continue
                set_before = sum(q.placed is not None for q in states)
                set_now = sum(q.placed is not None for q in plan2.quotes)
                u = used_heights(rec2.items)
                balanced = abs(u[0] - u[1]) <= 3 * self.styles.body.leading
                if not balanced and 1 <= set_now < set_before and not retargeted and _page_count(pdf2) == pages:
                    retargeted, target = True, (u[0] + u[1]) / 2  # without that quote the text reflowed
                    continue
                # every pull quote kept; or, when a quote cannot fit a balanced page, one quote fewer
                # (never none): the balanced last page comes first
                if _page_count(pdf2) == pages and (set_now >= set_before or (balanced and set_now >= 1)):
                    pdf, placed, states = pdf2, rec2.items, plan2.quotes
                    break
                target += self.styles.body.leading
        self.quotes = {s.index: s.placed for s in states if s.placed is not None}
        return pdf, placed


def render_print(article: Article, pdf_path: Path, large_path: Path, cfg: Config) -> PrintResult:
    """Write the two-column edition to ``pdf_path`` and the large-print edition to ``large_path``."""
    use_language(article.lang)  # Han, kana and Hangul in the language's own face (made once if need be)
    try:
        lay = _Layout(article, cfg)
        pdf, placed = lay.render()
        pdf_path.write_bytes(pdf)
        rec = Recorder()
        large, warns2 = render_large_print(article, lay.g, lay.meta, cfg.print.strict, rec)
        large_path.write_bytes(large)
    except LayoutError as e:
        raise RenderError(f"the page layout failed: {str(e)[:200]}", path=article.source_path,
                          hint="a single word or image may be too large for a page") from None
    warnings = list(dict.fromkeys(lay.warnings + warns2 + _undrawable(article)))
    return PrintResult(pages=_page_count(pdf), large_print_pages=_page_count(large), quotes=lay.quotes,
                       placed=placed, large_placed=rec.items, geometry=lay.g, warnings=warnings)
