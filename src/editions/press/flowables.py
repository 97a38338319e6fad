"""The flowables the layout is built from, each recording where it was drawn.

Every flowable here (and the drop cap's, in :mod:`.dropcap`) appends a :class:`Placed` record (page, box,
kind, reference) to the layout's :class:`Recorder` when drawn; the layout checks its pull-quote and
balancing rules against those records, and the tests check geometry with them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import (ParaLines, _getFragWords, _HSFrag, _InjectedFrag, _processed_frags,
                                          _SplitWordHY)

from .cjkbreak import has_ideographic
from .cjkfaces import current as cjk_current
from .thaibreak import is_thai_drawn
from .justify import GAP_CB, TRACK_CB, TRACKING, justified_lines, plain_words, set_gap, set_tracking
from .markup import MarkupParagraph
from .styles import INK, RULE

__all__ = ["Placed", "Recorder", "BodyPara", "PullQuoteBox", "FloatingQuote", "QuoteState", "MAX_HYPHEN_RUN"]

MAX_HYPHEN_RUN = 2
"""No more than this many hyphenated lines in a row."""
OPTIMAL = True
"""Justified paragraphs break by Knuth–Plass; False gives ReportLab's greedy breaking (benchmarks compare)."""


@dataclass
class Placed:
    page: int
    x: float
    y: float  # bottom
    width: float
    height: float
    kind: str
    ref: object = None
    lines: int = 0
    hyphenated: list = field(default_factory=list)
    stretch: list = field(default_factory=list)
    """Per justified line: word-space width as a multiple of the natural space (benchmarks read it)."""

    @property
    def top(self) -> float:
        return self.y + self.height


class Recorder:
    def __init__(self):
        self.items: list[Placed] = []

    def add(self, canv, x, y, w, h, kind, ref=None, lines=0, hyphenated=None, stretch=None):
        self.items.append(Placed(canv.getPageNumber(), x, y, w, h, kind, ref, lines, hyphenated or [],
                                 stretch or []))


def _words(bl, i) -> list:
    """The words of line ``i`` as strings (plain lines are tuples, lines with markup are FragLines)."""
    line = bl.lines[i]
    if isinstance(line, tuple):
        return list(line[1])
    return [w.text for w in line.words if getattr(w, "text", "")]


def _line_hyphenated(bl, i) -> bool:
    line = bl.lines[i]
    if hasattr(line, "hyphenated"):
        return line.hyphenated
    words = _words(bl, i)
    return bool(words) and isinstance(words[-1], _SplitWordHY)


_BROKEN: dict = {}
"""(markup, style, widths, column end) -> (lines, words as set): a paragraph is broken once per width, however
many trial layouts wrap it (the lines are only read when drawn, never changed)."""


class BodyPara(MarkupParagraph):
    """A paragraph that records where it was drawn.  Justified paragraphs break by Knuth–Plass
    (:mod:`.justify`), which also keeps hyphen runs to :data:`MAX_HYPHEN_RUN` and avoids a hyphen on a
    column's last line; other alignments keep ReportLab's own breaking."""

    def __init__(self, text, style, *args, recorder: Recorder | None = None, kind="body", ref=None, **kw):
        super().__init__(text, style, *args, **kw)
        self._rec, self._kind, self._ref = recorder, kind, ref
        self._column_end = None
        self._frozen = None
        self._tail = None  # (widths, lines): the rest of a paragraph split by an earlier column
        self._sfw_base = 0
        self._key = (text, style.name, style.fontName, style.fontSize, cjk_current()) if isinstance(text, str) else None

    def _overlong(self, widths) -> bool:
        """A word wider than the narrowest line (ReportLab's own breaking is quadratic in its length)."""
        try:
            words = self.frags if _processed_frags(self.frags) else _getFragWords(self.frags, widths[0])
        except Exception:
            return False
        return any(w[0] > min(widths) for w in words if isinstance(w, list) and w and isinstance(w[0], float))

    def _spaceless(self) -> bool:
        """Text written without spaces (Chinese, Japanese, Thai), which only :mod:`.justify` breaks where it may."""
        return any(has_ideographic(t or "") or is_thai_drawn(t or "")
                   for f in self.frags  # fragments, or words as set by an earlier break
                   for t in ([p[1] for p in f[1:]] if isinstance(f, list) else [getattr(f, "text", "")]))

    @property
    def optimal(self) -> bool:
        return OPTIMAL and self.style.alignment == TA_JUSTIFY

    def line_widths(self, widths: list[float]) -> list[float]:
        return widths

    def breakLines(self, width):
        if self._frozen is not None:
            return self._frozen
        widths = self.line_widths(list(width) if isinstance(width, (list, tuple)) else [width])
        if self._tail is not None:
            if self._tail[0] == widths[-1] and all(abs(getattr(ln, "maxWidth", 0) - widths[-1]) < 1e-6
                                                   for ln in self._tail[1][:1]):
                return ParaLines(kind=1, lines=self._tail[1])
            self._tail = None
        if not self.optimal and not self._overlong(widths) and not self._spaceless():
            return super().breakLines(width)
        key = (self._key, tuple(widths), self._column_end, self.optimal) if self._key is not None else None
        hit = _BROKEN.get(key) if key is not None else None
        if hit is not None:  # the same paragraph at the same widths (trial layouts, balancing): same lines
            bl, self.frags = hit
        else:
            hy = self.style.hyphenationLang if callable(self.style.hyphenationLang) else None
            bl = justified_lines(self, widths, hy, getattr(self.style, "hyphenationMinWordLength", 6),
                                 column_end=self._column_end, tracking=TRACKING if self.optimal else 0.0)
            if key is not None and bl is not None:
                if len(_BROKEN) > 4096:
                    _BROKEN.clear()
                _BROKEN[key] = (bl, self.frags)
        self._sfw_base = 0
        return bl if bl is not None else super().breakLines(width)

    def _split_blParaProcessed(self, blPara, start, stop):
        """ReportLab's, with line indices relative to this part's first word (see ``_tail``)."""
        if not stop:
            return []
        lines, base = blPara.lines, self._sfw_base
        a = lines[start].sFW - base
        b = lines[stop].sFW - base if stop != len(lines) else len(self.frags)
        F = self.frags[a:b]
        while F and isinstance(F[-1], _InjectedFrag):
            del F[-1]
        return F

    def getPlainText(self, identify=None):
        """The words (a word hyphenated across lines read whole, soft hyphens dropped)."""
        if not _processed_frags(getattr(self, "frags", None) or []):
            return super().getPlainText(identify)
        out = []
        for w in plain_words(self.frags):
            out.append("".join(t for _, t in w[1:]).replace("\u00ad", ""))
            if isinstance(w, _HSFrag):
                out.append(" ")
        return "".join(out).strip()

    def space_stretch(self) -> list[float]:
        """Word gap (space plus the letter spacing either side) / natural space, for every justified line
        (not the last, which is set ragged)."""
        bl = getattr(self, "blPara", None)
        if not bl or self.style.alignment != TA_JUSTIFY:
            return []
        natural = stringWidth(" ", self.style.fontName, self.style.fontSize)
        out = []
        lines = bl.lines if getattr(self, "_JustifyLast", False) else bl.lines[:-1]
        for line in lines:
            if isinstance(line, tuple):
                extra, gaps = line[0], len(line[1]) - 1
            else:
                extra, gaps = getattr(line, "extraSpace", 0), getattr(line, "wordCount", 1) - 1
                extra += 2 * getattr(line, "tracking", 0.0) * gaps
            if gaps > 0:
                out.append((natural + extra / gaps) / natural)
        return out

    def hyphen_flags(self) -> list[bool]:
        bl = getattr(self, "blPara", None)
        return [_line_hyphenated(bl, i) for i in range(len(bl.lines))] if bl else []

    def _fitting_lines(self, aH) -> int:
        return int(aH / self.style.leading)

    def split(self, aW, aH):
        if self.optimal and self._frozen is None and self._tail is None:
            if not hasattr(self, "blPara"):
                self.wrap(aW, aH)
            s = self._fitting_lines(aH)
            n = len(self.blPara.lines)
            if 2 <= s < n <= 80:
                s = s - 1 if n == s + 1 else s  # where ReportLab will split (no widow)
                if getattr(self.blPara.lines[s - 1], "hyphenated", False) and self._column_end is None:
                    self._column_end = s - 1  # a hyphen on a column's last line costs more: break again
                    self.__dict__.pop("blPara", None)
                    self.wrap(aW, aH)
        parts = super().split(aW, aH)
        for p in parts:
            if isinstance(p, BodyPara):
                p._rec, p._kind, p._ref = self._rec, self._kind, self._ref
                if self.actual_text:
                    p.actual_text = self.actual_text
        if len(parts) == 2 and getattr(self.blPara, "kind", 0) == 1 and _processed_frags(self.frags):
            first, rest = parts
            first._frozen = first.blPara  # the lines already set; never re-broken
            k = len(first.blPara.lines)
            lines = self.blPara.lines
            if k < len(lines) and hasattr(lines[k], "sFW"):
                rest._tail = (lines[k].maxWidth, lines[k:])  # the rest keeps its lines (linear in length)
                rest._sfw_base = lines[k].sFW
        return parts

    def drawOn(self, canvas, x, y, _sW=0):
        if self._rec is not None:
            bl = getattr(self, "blPara", None)
            self._rec.add(canvas, x, y, self.width, self.height, self._kind, self._ref,
                          len(bl.lines) if bl else 0, self.hyphen_flags(), self.space_stretch())
        if self.optimal:
            canvas.setNamedCB(TRACK_CB, set_tracking)
            canvas.setNamedCB(GAP_CB, set_gap)
        super().drawOn(canvas, x, y, _sW)


class PullQuoteBox(Flowable):
    """A pull quote: rule, quote in large type, attribution, rule. Never split."""

    def __init__(self, quote_markup: str, attribution: str, style, attr_style, recorder=None, ref=None):
        super().__init__()
        from .spaceless import ShortPara
        self.quote = ShortPara(quote_markup, style)
        self.attr = ShortPara(attribution, attr_style) if attribution else None
        self._rec, self._ref = recorder, ref
        self.pad = 7
        self.spaceBefore = self.spaceAfter = 10

    def wrap(self, aW, aH):
        self.width = aW
        _, qh = self.quote.wrap(aW, aH)
        ah = self.attr.wrap(aW, aH)[1] + self.attr.style.spaceBefore if self.attr else 0
        self.height = self.pad * 2 + qh + ah + 2
        return aW, self.height

    def split(self, aW, aH):
        return []

    def draw(self):
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(1.2)
        c.line(0, self.height, self.width, self.height)
        c.setLineWidth(0.5)
        c.line(0, 0, self.width, 0)
        y = self.height - self.pad - self.quote.height
        self.quote.drawOn(c, 0, y)
        if self.attr:
            y -= self.attr.style.spaceBefore + self.attr.height
            self.attr.drawOn(c, 0, y)

    def drawOn(self, canvas, x, y, _sW=0):
        if self._rec is not None:
            self._rec.add(canvas, x, y, self.width, self.height, "pullquote", self._ref)
        super().drawOn(canvas, x, y, _sW)


class QuoteState:
    """Shared by every candidate slot of one pull quote: whether (and where) it has been set."""

    def __init__(self, index: int, source):
        self.index, self.source = index, source
        self.placed: tuple[int, float] | None = None  # (page, column x)


class FloatingQuote(Flowable):
    """One candidate slot for a pull quote. The first candidate whose position keeps every rule sets the quote;
    the others take no space.  Rules: not at a column's top or bottom (two lines of text must follow), not in the
    column (same page) that holds the passage it quotes, not in a column that already has a pull quote."""

    def __init__(self, box: PullQuoteBox, state: QuoteState, others: list[QuoteState], recorder: Recorder,
                 following: Paragraph, margin: float = 9):
        super().__init__()
        self.box, self.state, self.others, self._rec = box, state, others, recorder
        self.following, self.margin = following, margin
        self._go = False

    def wrap(self, aW, aH):
        self._go = False
        if self.state.placed is not None:
            return aW, 0
        frame = self._doctemplateAttr("frame")
        canv = getattr(self, "canv", None) or self._doctemplateAttr("canv")
        if frame is None or canv is None or frame._atTop:
            return aW, 0
        page, x = canv.getPageNumber(), frame._x1
        h = self.box.wrap(aW, aH)[1] + 2 * self.margin
        # the paragraph that follows must start in this column: all of it if it is too short to split
        # without a widow or an orphan, else its first two lines
        fh = self.following.wrap(aW, 10_000)[1]
        lines = len(self.following.blPara.lines)
        leading = self.following.style.leading
        after = fh if lines <= 3 else 2 * leading
        if aH < h + after + 1:
            return aW, 0
        src = self.state.source
        if src is not None and any(p.page == page and abs(p.x - x) < 1 and p.kind == "body"
                                   and p.ref == (src.section, src.paragraph) for p in self._rec.items):
            return aW, 0
        if any(o.placed == (page, round(x)) for o in self.others):
            return aW, 0
        self._go = True
        return aW, h

    def split(self, aW, aH):
        return []

    def drawOn(self, canvas, x, y, _sW=0):
        if not self._go or self.state.placed is not None:
            return
        self.state.placed = (canvas.getPageNumber(), round(x))
        self.box.drawOn(canvas, x, y + self.margin)
