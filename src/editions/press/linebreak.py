"""Knuth–Plass total-fit line breaking: boxes, glue and penalties in, the best break points out.

No ReportLab here: :mod:`.flowables` turns a paragraph into :class:`Box`/:class:`Glue`/:class:`Penalty`
items (real font metrics, pyphen hyphenation points) and turns the chosen breaks back into lines.

The model (Knuth & Plass, "Breaking paragraphs into lines", 1981):

- a line's *adjustment ratio* ``r`` is how far its glue stretches (``r > 0``, in units of the glue's
  stretch) or shrinks (``r < 0``, in units of its shrink).  Word spaces stretch by half a space and shrink
  by a fifth (:func:`word_space`), so ``r = 1`` is a space of 150% and ``r = -1`` one of 80%; a line may
  never shrink further (``r < -1`` is overfull) and counts as bad past ``r = 1``;
- badness ``100·|r|³``; demerits ``(line_penalty + badness)² ± penalty²``, plus ``double_hyphen`` when two
  hyphenated lines follow each other, ``final_hyphen`` for a hyphen before a paragraph's last line,
  ``column_hyphen`` for a hyphen on a column's last line (``column_end``), and ``fitness_jump`` when
  adjacent lines are more than one fitness class apart (tight / decent / loose / very loose);
- never more than ``max_hyphen_run`` hyphenated lines in a row (a hard rule, not a demerit);
- the sum over the paragraph is minimised (dynamic programming over the feasible break points).

Work is linear in the number of items: an active break point is dropped as soon as a line from it would
be overfull, so only the break points of about one line's width are ever active.  A box wider than every
line must be cut into pieces by the caller (:func:`chop`) — it never makes the search quadratic.
Passes: tolerance 1 (no line looser than 150%), then 3, then any stretch; if even that finds nothing
(only when a box is wider than a line) the last resort sets the line overfull rather than lose text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

__all__ = ["Box", "Glue", "Penalty", "Params", "Break", "break_lines", "word_space", "INF", "chop",
           "adjustment_ratio"]

INF = 10_000
"""A penalty of INF forbids a break; -INF forces one (TeX's convention)."""


@dataclass(frozen=True, slots=True)
class Box:
    width: float
    ref: object = None
    stretch: float = 0.0
    """How much letter spacing may widen the box (0: none); it stretches in step with the glue."""


@dataclass(frozen=True, slots=True)
class Glue:
    width: float
    stretch: float
    shrink: float
    ref: object = None


@dataclass(frozen=True, slots=True)
class Penalty:
    width: float
    penalty: float
    flagged: bool = False
    """A hyphen: counts toward hyphen runs and the hyphen demerits."""
    ref: object = None


def word_space(width: float, stretch: float = 0.5, shrink: float = 0.2) -> Glue:
    """A word space that may stretch to 150% and shrink to 80% of ``width`` before the line counts as bad."""
    return Glue(width, width * stretch, width * shrink)


@dataclass(frozen=True)
class Params:
    line_penalty: float = 10
    hyphen_penalty: float = 50
    double_hyphen: float = 3000
    final_hyphen: float = 5000
    column_hyphen: float = 8000
    fitness_jump: float = 3000
    loose_line: float = 0
    """Extra demerits for a line looser than the tolerance of the first pass (r > 1)."""
    max_hyphen_run: int = 2
    tolerances: tuple = (1.0, 3.0, float("inf"))


@dataclass(frozen=True)
class Break:
    index: int
    """Item index of the break (a glue or penalty); the last one is ``len(items)`` (end of paragraph)."""
    ratio: float
    flagged: bool


def _fitness(r: float) -> int:
    if r < -0.5:
        return 0
    if r <= 0.5:
        return 1
    if r <= 1:
        return 2
    return 3


class _Node:
    __slots__ = ("pos", "line", "fitness", "run", "total", "w", "y", "z", "prev", "ratio", "flagged")

    def __init__(self, pos, line, fitness, run, total, w, y, z, prev, ratio, flagged):
        self.pos, self.line, self.fitness, self.run, self.total = pos, line, fitness, run, total
        self.w, self.y, self.z, self.prev, self.ratio, self.flagged = w, y, z, prev, ratio, flagged


def adjustment_ratio(natural: float, stretch: float, shrink: float, width: float) -> float:
    """How far the line's glue must stretch (>0) or shrink (<0) to fill ``width``."""
    if natural < width:
        return (width - natural) / stretch if stretch > 0 else float("inf")
    if natural > width:
        return (width - natural) / shrink if shrink > 0 else float("-inf")
    return 0.0


def break_lines(items: Sequence, widths: Sequence[float], params: Params = Params(),
                column_end: int | None = None) -> list[Break]:
    """The optimal breaks of ``items`` into lines of ``widths`` (the last width repeats).

    The paragraph must end with a forced break (``Penalty(0, -INF)``), normally after a ``Glue(0, big, 0)``
    (TeX's parfillskip) so the last line is set at its natural width.  ``column_end`` is the 0-based
    number of a line that ends a column: a hyphen there costs ``column_hyphen`` more.
    """
    n = len(items)
    # prefix sums of width, stretch, shrink up to (not including) item i
    W = [0.0] * (n + 1)
    Y = [0.0] * (n + 1)
    Z = [0.0] * (n + 1)
    w = y = z = 0.0
    for i, it in enumerate(items):
        W[i], Y[i], Z[i] = w, y, z
        if isinstance(it, Box):
            w += it.width
            y += it.stretch
        elif isinstance(it, Glue):
            w += it.width
            y += it.stretch
            z += it.shrink
    W[n], Y[n], Z[n] = w, y, z
    last_width = len(widths) - 1
    # line numbers matter while widths differ and up to the column's end; after that they are collapsed
    distinct = max(last_width, (column_end + 1) if column_end is not None else 0) + 1
    for tol in params.tolerances:
        result = _search(items, widths, params, column_end, W, Y, Z, tol, distinct,
                         rescue=tol == params.tolerances[-1])
        if result is not None:
            return result
    raise AssertionError("unreachable: the last pass always finds breaks")


def _after_break(items, i: int, W, Y, Z):
    """Totals at the start of the line after a break at ``i``: glue and penalties after it are discarded."""
    j = i
    if isinstance(items[i], Glue) or isinstance(items[i], Penalty):
        j = i + 1
    n = len(items)
    while j < n and not isinstance(items[j], Box):
        if isinstance(items[j], Penalty) and items[j].penalty <= -INF and j > i:
            break
        j += 1
    return W[j], Y[j], Z[j]


def _search(items, widths, p: Params, column_end, W, Y, Z, tol, distinct, rescue):
    n = len(items)
    last_width = len(widths) - 1
    active: dict[tuple, _Node] = {(0, 0, 1, 0): _Node(0, 0, 1, 0, 0.0, 0.0, 0.0, 0.0, None, 0.0, False)}
    for i, it in enumerate(items):
        if isinstance(it, Box):
            continue
        if isinstance(it, Glue):
            if i == 0 or not isinstance(items[i - 1], Box):
                continue
            pen, flagged, pw = 0.0, False, 0.0
        else:
            if it.penalty >= INF:
                continue
            pen, flagged, pw = it.penalty, it.flagged, it.width
        forced = pen <= -INF
        best: dict[tuple, tuple] = {}
        deactivate = []
        widest = None
        for key, a in active.items():
            line_w = widths[min(a.line, last_width)]
            natural = W[i] - a.w + pw
            r = adjustment_ratio(natural, Y[i] - a.y, Z[i] - a.z, line_w)
            if r < -1 or forced:
                deactivate.append(key)
            if r < -1 and (widest is None or r > widest[0]):
                widest = (r, a)
            if -1 <= r <= tol:
                _consider(best, p, a, r, pen, flagged, forced, column_end, distinct)
        if rescue and not best and len(deactivate) == len(active) and widest is not None:
            _consider(best, p, widest[1], widest[0], pen, flagged, forced, column_end, distinct)
        for key in deactivate:
            del active[key]
        if best:
            ww, yy, zz = _after_break(items, i, W, Y, Z)
            for (line, fit, run), (total, a, rr, fl) in best.items():
                active[(i, line, fit, run)] = _Node(i, line, fit, run, total, ww, yy, zz, a, rr, fl)
        if not active:
            return None
    ends = [a for a in active.values() if a.pos == n - 1]
    if not ends:
        return None
    node = min(ends, key=lambda a: a.total)
    out = []
    while node is not None and node.prev is not None:
        out.append(Break(node.pos, node.ratio, node.flagged))
        node = node.prev
    return out[::-1]


def _consider(best, p: Params, a: _Node, r: float, pen: float, flagged: bool, forced: bool, column_end, distinct):
    """Demerits of a line from active node ``a`` to this break; keep the best per (line, fitness, run)."""
    if flagged and not forced and a.run >= p.max_hyphen_run:
        return
    rr = max(r, -1.0)
    d = (p.line_penalty + 100 * min(abs(rr), 10.0) ** 3) ** 2
    if pen >= 0:
        d += pen ** 2
    elif not forced:
        d -= pen ** 2
    if r > 1:
        d += p.loose_line
    if r < -1:
        d += 1e12  # overfull: only when nothing else is possible
    if flagged and a.flagged:
        d += p.double_hyphen
    if forced and a.flagged:
        d += p.final_hyphen
    if flagged and column_end is not None and a.line == column_end:
        d += p.column_hyphen
    fit = _fitness(rr)
    if abs(fit - a.fitness) > 1:
        d += p.fitness_jump
    total = a.total + d
    run = a.run + 1 if flagged else 0
    line = min(a.line + 1, distinct)
    k = (line, fit, run)
    if k not in best or total < best[k][0]:
        best[k] = (total, a, rr, flagged)


def chop(widths: Sequence[float], limit: float) -> list[int]:
    """Cut a run of characters of ``widths`` into pieces no wider than ``limit`` (at least one character
    each); returns the start index of every piece after the first.  Linear in the length."""
    cuts, acc = [], 0.0
    for i, cw in enumerate(widths):
        if acc + cw > limit and acc > 0:
            cuts.append(i)
            acc = 0.0
        acc += cw
    return cuts
