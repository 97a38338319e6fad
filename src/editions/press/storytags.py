"""Story tags: which structure element each flowable a frame draws belongs to.

Takes the flowables of :mod:`.layout` as a frame draws them on a
:class:`~editions.press.tagging.TaggedCanvas`; gives the canvas a target for each
(:func:`story_target`): a structure element keyed by the flowable's place in the
story (its kind and reference, which survive splitting and ReportLab's deep
copies), so the pieces of a paragraph split over columns and pages join one
element; a photo block's picture, caption and box outline routed apart; pull
quotes as layout artifacts (their words are read once, in their paragraph).

Words read whole: hyphens that hyphenation added at line ends are drawn as soft
hyphens (U+00AD, the same glyph in the print fonts), which PDF readers drop when
they join lines; an element whose drawn text still differs from its words (the
drop cap, a word broken at a real hyphen) carries /ActualText.
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Frame, ImageAndFlowables, Paragraph
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.paragraph import _SplitWordHY, _SplitWordLL

from .capglyph import DropCap
from .flowables import BodyPara, FloatingQuote, PullQuoteBox
from .layout import PhotoBlock
from .photo import PhotoNote
from .tagging import Artifact, PhotoTarget, Tag, TaggedCanvas

__all__ = ["story_target", "TaggingFrame", "tagging_frame"]

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
    """The word with its added line-end hyphen made soft, or None when it has none."""
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
        figure.alt = alt or caption or "photograph"
        cap = canv.element(("photo", "caption"), "Caption", (3, 1)) if (block.caption_text or block.credit_text) else None
    else:
        cap = canv.existing(("photo", "caption"))
    return figure, cap


def story_target(canv, f: Flowable, alt: str):
    """Where what ``f`` draws belongs: a structure element (made on first sight, keyed by its place in the story so
    every piece of a split paragraph joins the same element), an artifact, or None (draws nothing)."""
    if isinstance(f, (FloatingQuote, PullQuoteBox)):
        return Artifact("Layout")  # a pull quote repeats the body's words: read once, in its paragraph
    if isinstance(f, PhotoNote):  # a photo that could not be printed: its short note, where the photo would be
        return Tag(canv.element(("photo", "note"), "P", (3, 0), text=_plain(f)))
    if isinstance(f, PhotoBlock):
        figure, cap = _photo_elements(canv, alt, f)
        return PhotoTarget(figure, cap, missing=False)
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
        actual = getattr(f, "actual_text", None)  # the drop-capped paragraph: its cap is drawn apart
        el = canv.element((kind, ref), role, order, text=" ".join(actual.split()) if actual else _plain(f))
        if actual:
            el.actual = True
        return Tag(el)
    if isinstance(f, Paragraph):  # a caption or credit of a photo block that was split apart
        cap = canv.existing(("photo", "caption"))
        return Tag(cap if cap is not None else canv.element(("para", id(f)), "P", (6,), text=_plain(f)))
    return None


class TaggingFrame(Frame):
    """A frame that tells a tagging canvas which structure element each flowable it draws belongs to."""

    alt = ""

    def add(self, flowable, canv, trySplit=0):
        if not isinstance(canv, TaggedCanvas):
            return super().add(flowable, canv, trySplit)
        target = story_target(canv, flowable, self.alt)
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


def tagging_frame(x, y, w, h, id, alt="") -> TaggingFrame:
    """A frame with no padding that tags what it draws (on a tagging canvas)."""
    f = TaggingFrame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=id)
    f.alt = alt
    return f
