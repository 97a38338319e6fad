"""The flowables the layout is built from, each recording where it was drawn.

Every flowable here appends a :class:`Placed` record (page, box, kind, reference)
to the layout's :class:`Recorder` when drawn; the layout checks its pull-quote and
balancing rules against those records, and the tests check geometry with them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, ImageAndFlowables, Paragraph
from reportlab.platypus.paragraph import _SplitWordHY

from .styles import INK, RULE

__all__ = ["Placed", "Recorder", "BodyPara", "DropCapBlock", "PullQuoteBox", "FloatingQuote", "QuoteState", "PhotoBox", "DropCap",
           "MAX_HYPHEN_RUN"]

MAX_HYPHEN_RUN = 2
"""No more than this many hyphenated lines in a row."""


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
    words = _words(bl, i)
    return bool(words) and isinstance(words[-1], _SplitWordHY)


def _line_first_word(bl, i) -> str:
    words = _words(bl, i)
    return words[0] if words else ""


def _line_last_word(bl, i) -> str:
    words = _words(bl, i)
    return words[-1] if words else ""


class BodyPara(Paragraph):
    """A paragraph that records itself and never sets more than two hyphenated lines in a row."""

    def __init__(self, text, style, *args, recorder: Recorder | None = None, kind="body", ref=None,
                 blocked: set | None = None, **kw):
        self._blocked = blocked if blocked is not None else set()
        base = style.hyphenationLang
        if callable(base) and not getattr(base, "_editions_guard", False):
            blocked_words = self._blocked

            def guarded(word, _base=base, _blocked=blocked_words):
                return [] if word.strip(".,;:!?”’\"'()") in _blocked else _base(word)
            guarded._editions_guard = True
            style = ParagraphStyle(style.name + "-p", parent=style, hyphenationLang=guarded)
        super().__init__(text, style, *args, **kw)
        self._rec, self._kind, self._ref = recorder, kind, ref

    def wrap(self, aW, aH):
        for _ in range(12):
            w, h = super().wrap(aW, aH)
            bl = self.blPara
            run, blocked = 0, None
            for i in range(len(bl.lines)):
                run = run + 1 if _line_hyphenated(bl, i) else 0
                if run > MAX_HYPHEN_RUN:
                    head = str(_line_last_word(bl, i)).rstrip("-")
                    tail = str(_line_first_word(bl, i + 1)) if i + 1 < len(bl.lines) else ""
                    blocked = (head + tail).strip(".,;:!?”’\"'()")
                    break
            if not blocked or blocked in self._blocked:
                return w, h
            self._blocked.add(blocked)
            for attr in ("blPara", "_wrapWidths"):
                self.__dict__.pop(attr, None)
        return w, h

    def space_stretch(self) -> list[float]:
        """Word-space width / natural space width for every line but the last (which is set ragged)."""
        from reportlab.lib.enums import TA_JUSTIFY
        from reportlab.pdfbase.pdfmetrics import stringWidth
        bl = getattr(self, "blPara", None)
        if not bl or self.style.alignment != TA_JUSTIFY:
            return []
        natural = stringWidth(" ", self.style.fontName, self.style.fontSize)
        out = []
        for line in bl.lines[:-1]:
            if isinstance(line, tuple):
                extra, gaps = line[0], len(line[1]) - 1
            else:
                extra, gaps = getattr(line, "extraSpace", 0), getattr(line, "wordCount", 1) - 1
            if gaps > 0:
                out.append((natural + extra / gaps) / natural)
        return out

    def hyphen_flags(self) -> list[bool]:
        bl = getattr(self, "blPara", None)
        return [_line_hyphenated(bl, i) for i in range(len(bl.lines))] if bl else []

    def split(self, aW, aH):
        parts = super().split(aW, aH)
        for p in parts:
            if isinstance(p, BodyPara):
                p._rec, p._kind, p._ref, p._blocked = self._rec, self._kind, self._ref, self._blocked
        return parts

    def drawOn(self, canvas, x, y, _sW=0):
        if self._rec is not None:
            bl = getattr(self, "blPara", None)
            self._rec.add(canvas, x, y, self.width, self.height, self._kind, self._ref,
                          len(bl.lines) if bl else 0, self.hyphen_flags(), self.space_stretch())
        super().drawOn(canvas, x, y, _sW)


class DropCapBlock(ImageAndFlowables):
    """The opening paragraph with its drop cap; records itself as that paragraph."""

    def __init__(self, cap, para: "BodyPara", recorder: Recorder | None, ref):
        super().__init__(cap, [para], imageLeftPadding=0, imageRightPadding=3, imageTopPadding=0,
                         imageBottomPadding=0, imageSide="left")
        self._rec, self._ref = recorder, ref

    def drawOn(self, canvas, x, y, _sW=0):
        if self._rec is not None:
            lines, flags = 0, []
            for part in list(getattr(self, "_C0", [])) + list(getattr(self, "_C1", [])):
                bl = getattr(part, "blPara", None)
                if bl is not None:
                    lines += len(bl.lines)
                    flags += [_line_hyphenated(bl, i) for i in range(len(bl.lines))]
            self._rec.add(canvas, x, y, self.width, self.height, "body", self._ref, lines, flags)
        super().drawOn(canvas, x, y, _sW)


class PullQuoteBox(Flowable):
    """A pull quote: rule, quote in large type, attribution, rule. Never split."""

    def __init__(self, quote_markup: str, attribution: str, style, attr_style, recorder=None, ref=None):
        super().__init__()
        self.quote = Paragraph(quote_markup, style)
        self.attr = Paragraph(attribution, attr_style) if attribution else None
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


class PhotoBox(Flowable):
    """A plainly labelled 'photo not available' box, drawn where the photo would be."""

    def __init__(self, width, height, label="Photo not available", font="EdSans-Semibold", recorder=None):
        super().__init__()
        self.width, self.height, self.label, self.font, self._rec = width, height, label, font, recorder

    def wrap(self, aW, aH):
        self.width = min(self.width, aW)
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillColorRGB(0.94, 0.94, 0.94)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.75)
        c.rect(0, 0, self.width, self.height, fill=1, stroke=1)
        c.setFillColor(INK)
        size = 11
        c.setFont(self.font, size)
        c.drawCentredString(self.width / 2, self.height / 2 - size / 3, self.label)

    def drawOn(self, canvas, x, y, _sW=0):
        if self._rec is not None:
            self._rec.add(canvas, x, y, self.width, self.height, "photo-missing")
        super().drawOn(canvas, x, y, _sW)


class DropCap(Flowable):
    """The first letter of the article, ``lines`` lines tall, for ImageAndFlowables to wrap text around.

    Its cap height runs from the cap line of the first text line to the baseline of the last one beside it;
    its box is exactly ``lines`` leadings tall, so that many lines fit beside it and the text below follows on."""

    def __init__(self, letter: str, font: str, lines: int, leading: float, body_size: float):
        super().__init__()
        from reportlab.pdfbase.pdfmetrics import getFont
        cap = getFont(font).face.capHeight / 1000
        body_cap = getFont(font).face.capHeight / 1000 * body_size
        last_baseline = body_size + (lines - 1) * leading  # from the top, as ReportLab sets a paragraph
        self.letter, self.font = letter, font
        self.size = (last_baseline - (body_size - body_cap)) / cap
        self.baseline = lines * leading - last_baseline
        self.width = stringWidth(letter, font, self.size) + 1.5
        self.height = lines * leading

    def wrap(self, aW, aH):
        return self.width, self.height

    def _restrictSize(self, aW, aH):  # what ImageAndFlowables asks of its image
        return self.width, self.height

    def _unRestrictSize(self):  # ImageAndFlowables calls this when it splits
        pass

    def draw(self):
        c = self.canv
        c.setFillColor(INK)
        c.setFont(self.font, self.size)
        c.drawString(0, self.baseline, self.letter)
