"""One line of page furniture (a running head) in any script: text in, drawn on a canvas at a point.

The line is cut into runs of one face (:func:`~.scriptfonts.runs`), the words of complex scripts shaped
(:mod:`.shaping`), and a line whose first strong letter is Arabic or Hebrew set in visual order, right to left.
Furniture is an artifact in the tagged PDF, so what it draws is never read as text.
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import drawable
from .scriptfonts import SHAPED, runs
from .shaping import drawn_direction, shape_text, visual_order, word_direction

__all__ = ["draw_text", "text_width"]


def _pieces(text: str, font: str) -> list[tuple[str, str]]:
    """(face, drawn text) per word piece, in the order they are drawn from the left."""
    words: list[list[tuple[str, str]]] = []
    for face, run, script in runs(drawable(text), font):
        drawn = shape_text(run, face) if script in SHAPED else run
        for k, part in enumerate(drawn.split(" ")):
            if k or not words:
                words.append([])
            if part:
                words[-1].append((face, part))
    words = [w for w in words if w]
    first = next((word_direction(text[i]) for i in range(len(text)) if word_direction(text[i]) != "N"), "L")
    if first == "R":
        dirs = [drawn_direction("".join(t for _, t in w)) for w in words]
        words = [words[i][::-1] if dirs[i] == "R" else words[i] for i in visual_order(dirs)]
    out: list[tuple[str, str]] = []
    for n, w in enumerate(words):
        for k, (face, t) in enumerate(w):
            t += " " if k == len(w) - 1 and n < len(words) - 1 else ""
            if out and out[-1][0] == face:  # one string per run of one face (a reader extracts it as one line)
                out[-1] = (face, out[-1][1] + t)
            else:
                out.append((face, t))
    return out


def text_width(text: str, font: str, size: float) -> float:
    return sum(stringWidth(t, f, size) for f, t in _pieces(text, font))


def draw_text(canv, x: float, y: float, text: str, font: str, size: float, align: str = "left") -> None:
    """Draw ``text`` with its left end (``align='left'``), right end or centre at ``x``."""
    pieces = _pieces(text, font)
    width = sum(stringWidth(t, f, size) for f, t in pieces)
    x -= {"left": 0, "right": width, "centre": width / 2}[align]
    for f, t in pieces:
        canv.setFont(f, size)
        canv.drawString(x, y, t)
        x += stringWidth(t, f, size)
