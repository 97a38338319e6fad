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


def scripted_frags(frags: list) -> tuple[list, bool]:
    """Fragments with their runs of other scripts set in those scripts' faces and shaped
    (:mod:`.scriptfonts`, :mod:`.shaping`); whether anything changed."""
    from .scriptfonts import SHAPED, runs
    from .shaping import shape_text
    out, changed = [], False
    scripted_frags.shaped = False
    for f in frags:
        text = getattr(f, "text", None)
        if not isinstance(text, str) or not text or text.isascii() or "cbDefn" in f.__dict__:
            out.append(f)
            continue
        pieces = runs(text, f.fontName)
        if len(pieces) == 1 and pieces[0][2] is None:
            out.append(f)
            continue
        changed = True
        for face, t, script in pieces:
            if script in SHAPED:
                scripted_frags.shaped = True
            g = f.clone()
            if script == "THAI":  # shaped word by word, where its words meet kept (:mod:`.thaibreak`)
                from .thaibreak import shape_thai
                g.fontName, g.text = face, shape_thai(t, face)
            else:
                g.fontName, g.text = face, (shape_text(t, face) if script in SHAPED else t)
            out.append(g)
    return out, changed


class MarkupParagraph(RLParagraph):
    """ReportLab's Paragraph of markup from this module, its fragments of one style merged, text of other
    scripts in their faces and shaped; a right-to-left style (``style.rtl``) draws its lines right to left."""

    actual_text = None
    """The words as written, where the drawn text differs (shaped glyphs, a drop cap): the tagged PDF's
    /ActualText."""

    def __init__(self, text, style, *args, **kw):
        super().__init__(text, style, *args, **kw)
        if isinstance(text, str):
            logical = "".join(getattr(f, "text", "") for f in self.frags
                              if isinstance(getattr(f, "text", None), str))
            self.frags, changed = scripted_frags(merged_frags(self.frags))
            self._shaped = scripted_frags.shaped  # words of a shaped script (HarfBuzz) among them
            if changed:
                self.actual_text = logical

    def beginText(self, x, y):
        tx = super().beginText(x, y)
        if getattr(self, "_spans", None) and hasattr(tx, "spans"):
            tx.spans = list(self._spans)  # each drawn line read in logical order (/ActualText per line)
        return tx

    def drawPara(self, debug=0):
        from .shaping import logical_lines
        rtl = getattr(self.style, "rtl", False)
        # a shaped left-to-right line (Devanagari: a vowel sign drawn before its consonant, conjuncts) reads back
        # glyph by glyph out of order: each line carries its words as /ActualText.  Not a right-to-left line:
        # its glyphs are in visual order with real ToUnicode, which readers (pdfium, pypdf) put in reading order
        # themselves, and would reverse a logical /ActualText (measured)
        self._spans = logical_lines(self.blPara) if getattr(self, "_shaped", False) and not rtl else None
        if not rtl:
            return super().drawPara(debug)
        from reportlab.lib.enums import TA_JUSTIFY

        from .shaping import visual_lines
        bl = self.blPara
        saved = self.__dict__.get("_offsets")
        lines = visual_lines(bl.lines, bl.kind)
        offsets = list(saved or [0]) + [(saved or [0])[-1]] * max(0, len(lines) - len(saved or [0]))
        offsets[0] -= self.style.firstLineIndent  # a first-line indent on the right: the line ends short of it
        if (self.style.alignment == TA_JUSTIFY and lines and not getattr(self, "_JustifyLast", False)):
            last = lines[-1]
            extra = last[0] if bl.kind == 0 else getattr(last, "extraSpace", 0)
            offsets[len(lines) - 1] += max(0.0, extra)  # the last line set ragged, to the right
        self.blPara = bl.__class__(**bl.__dict__)
        self.blPara.lines = lines
        self._offsets = offsets
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = bl
            if saved is None:
                self.__dict__.pop("_offsets", None)
            else:
                self._offsets = saved
