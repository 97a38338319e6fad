"""Article text -> ReportLab paragraph markup, safely.

ReportLab's Paragraph parses XML-like tags in its text (and once evaluated
attribute expressions, CVE-2023-33733).  Article text is data: every ``&``, ``<``
and ``>`` is escaped, and the only tags in the result are the ``<i>``/``<b>`` this
module makes from the model's emphasis spans.  ReportLab's parser makes a fragment of every escaped
character (``a&lt;&lt;b`` is four), so :func:`merged_frags` joins a paragraph's fragments of one style again
(every paragraph of the PDFs is a :class:`MarkupParagraph`, which does it): a word of 40,000 ``<`` is one
fragment, and laying it out stays linear in its length.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph as RLParagraph

from ..model import Paragraph
from .fonts import drawable

__all__ = ["text_markup", "paragraph_markup", "typographic", "merged_frags", "MarkupParagraph"]

_TAGS = {"em": ("<i>", "</i>"), "strong": ("<b>", "</b>")}


def typographic(text: str) -> str:
    """Straight quotes to curly ones, one character for one (so span offsets stay valid)."""
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        opening = prev.isspace() or prev in "([{—–-/“‘"
        if ch == '"':
            ch = "“" if opening else "”"
        elif ch == "'":
            ch = "‘" if opening and i + 1 < len(text) and not text[i + 1].isspace() else "’"
        out.append(ch)
    return "".join(out)


def text_markup(text: str) -> str:
    """Plain text as inert markup (with typographer's quotes), without characters the fonts cannot draw."""
    return escape(drawable(typographic(text)))


def paragraph_markup(p: Paragraph, *, skip: int = 0, italics: bool = True) -> str:
    """The paragraph with its spans as <i>/<b>; ``skip`` drops leading characters (a drop cap took them).

    ``italics=False`` (large print) sets em spans in bold instead: no italics for running text.
    """
    text = typographic(p.text)
    events: list[tuple[int, int, str]] = []
    for s in p.spans:
        a, b = max(s.start, skip), min(s.end, len(text))
        if a >= b:
            continue
        style = s.style if italics or s.style == "strong" else "strong"
        events.append((a, 1, _TAGS[style][0]))
        events.append((b, 0, _TAGS[style][1]))
    events.sort()
    out, pos = [], skip
    for at, _, tag in events:
        out.append(escape(drawable(text[pos:at])))
        out.append(tag)
        pos = at
    out.append(escape(drawable(text[pos:])))
    return "".join(out)


def merged_frags(frags: list) -> list:
    """A parsed paragraph's fragments with neighbours of one style (every attribute but the text the same; no
    callbacks or line breaks) joined into one, in one pass; a joined fragment is a new one."""
    runs: list[tuple[object, dict | None, list[str]]] = []
    for f in frags:
        style = _style(f)
        if runs and style is not None and runs[-1][1] == style:
            runs[-1][2].append(f.text)
        else:
            runs.append((f, style, [getattr(f, "text", "")]))
    return [f if len(texts) == 1 else f.clone(text="".join(texts)) for f, _, texts in runs]


def _style(f) -> dict | None:
    d = f.__dict__
    if "cbDefn" in d or "lineBreak" in d or not isinstance(d.get("text"), str):
        return None
    return {k: v for k, v in d.items() if k != "text"}


class MarkupParagraph(RLParagraph):
    """ReportLab's Paragraph of markup from this module, its fragments of one style merged."""

    def __init__(self, text, style, *args, **kw):
        super().__init__(text, style, *args, **kw)
        if isinstance(text, str):
            self.frags = merged_frags(self.frags)
