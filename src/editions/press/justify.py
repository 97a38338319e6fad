"""ReportLab paragraphs <-> :mod:`.linebreak`: justified lines chosen by Knuth–Plass, drawn by ReportLab.

Takes a paragraph's ReportLab fragments (words with their fonts), gives ReportLab's own line structure
(``ParaLines(kind=1)`` of ``FragLine``\\ s) with the lines :func:`~.linebreak.break_lines` chose, so that
ReportLab's drawing sets each line with its computed word spacing (PDF ``Tw``; negative when a line
shrinks) and the words stay real text.

- Boxes are words (or the pieces of a word between its hyphenation points), widths from ReportLab's
  ``stringWidth`` on the embedded fonts; glue is the space after a word (the font's space, stretching to
  150% and shrinking to 80%); a hyphenation point from pyphen is a flagged penalty as wide as a hyphen (drawn
  as U+00AD, the same glyph, so a reader joining the lines reads the word whole); a word's own hyphen is a
  break after it (no hyphen added).
- A word wider than the narrowest line is cut at any character into pieces that fit (each but the last
  ending with a hyphen): a 500-letter word never runs off the page, and a 5 MB one costs linear time.
- ``self.frags`` becomes the list of words actually set (a hyphenated word as two), each line's ``sFW``
  its first word's index, which is what ReportLab's ``Paragraph.split`` needs to split between lines.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from reportlab.lib.abag import ABag
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.platypus.paragraph import (FragLine, ParaLines, _getFragWords, _HSFrag, _InjectedFrag,
                                          _processed_frags)

from .cjkbreak import CJK_STRETCH, has_ideographic, keeps_with
from .thaibreak import has_thai
from .linebreak import INF, Box, Glue, Params, Penalty, break_lines
from .wordbreaks import HYPHEN_PENALTY, char_widths, cut_long, hyphen_points, spaceless_breaks

__all__ = ["justified_lines", "char_widths", "HYPHEN_PENALTY", "TRACKING", "TRACK_CB", "set_tracking", "GAP_CB",
           "set_gap"]

TRACKING = 0.03
"""Most letter spacing a loose line may take, in em (3%): it keeps word spaces nearer their natural width."""
TRACK_CB = "editions_tracking"
THAI_GAP = 0.1
"""How far the meeting of two Thai words may widen in a justified line before it counts as loose (in em)."""


def set_tracking(canvas, kind, label):
    """ReportLab onDraw callback placed at the start of a line: set that line's letter spacing (PDF Tc)."""
    canvas._curr_tx_info["tx"].setCharSpace(float(label))


GAP_CB = "editions_gap"


def set_gap(canvas, kind, label):
    """ReportLab onDraw callback placed between two Thai words of a justified line: move the pen on by ``label``
    points (a TJ displacement: no character, so the text reads on unbroken)."""
    tx = canvas._curr_tx_info["tx"]
    tx._code.append(f"[{-float(label) * 1000 / (tx._fontsize or 1):.3f}] TJ")


class _Word:
    """One word (a ReportLab frag word) and where it may break inside."""
    __slots__ = ("fw", "parts", "text", "space", "breaks", "starts")

    def __init__(self, fw):
        self.fw = fw
        self.parts = [(f, t) for f, t in fw[1:]]
        self.text = "".join(t for _, t in self.parts)
        self.starts = [0, *accumulate(len(t) for _, t in self.parts)][:-1]  # each part's first character
        f = fw[-1][0]
        self.space = stringWidth(" ", f.fontName, f.fontSize) if isinstance(fw, _HSFrag) else 0.0
        self.breaks: list[tuple[int, bool, float]] = []  # (char offset, adds a hyphen, penalty)

    def piece(self, a: int, b: int, hyphen: bool):
        """Parts for characters a..b (plus a hyphen), and their width: only the parts a..b touches are read
        (a word of 40,000 parts cut into 1,000 pieces costs 40,000 steps, not 40 million)."""
        out, width = [], 0.0
        i = max(0, bisect_right(self.starts, a) - 1)
        while i < len(self.parts) and self.starts[i] < b:
            (f, t), pos = self.parts[i], self.starts[i]
            lo, hi = max(a, pos), min(b, pos + len(t))
            if lo < hi:
                out.append((f, t[lo - pos:hi - pos]))
            i += 1
        if hyphen and out:
            out[-1] = (out[-1][0], out[-1][1] + hyphen_char(out[-1][0].fontName))
        for f, s in out:
            width += sum(char_widths(s, f.fontName, f.fontSize)) if len(s) > 64 else stringWidth(s, f.fontName,
                                                                                                 f.fontSize)
        return out, width


def _items(words: list[_Word], hyphenate, min_len: int, narrowest: float, track: float, cjk: float = 0.0):
    items = []
    for wi, w in enumerate(words):
        forced, per_char = False, track
        kind = spaceless_breaks(w, narrowest, wi == len(words) - 1)
        if kind == "cjk":
            per_char = track + cjk  # inter-character justification: the space between characters stretches
        elif kind == "thai":
            per_char = 0.0  # no letter spacing: it would part Thai marks from their letters
        elif w.fw[0] > narrowest:
            cut_long(w, narrowest)
            forced = True
        else:
            hyphen_points(w, hyphenate, min_len)
        cuts = sorted({b for b in w.breaks if b is not None}, key=lambda b: b[0])
        start = 0
        for at, hyphen, pen in cuts:
            if at <= start or at >= len(w.text):
                continue
            _, width = w.piece(start, at, False)
            items.append(Box(width, (wi, start, at), per_char * (at - start)))
            if kind == "thai":  # between two Thai words: no width, stretching 0.1 em (as LaTeX's babel sets Thai)
                items.append(Glue(0.0, THAI_GAP * w.parts[-1][0].fontSize, 0.0, (wi, at)))
            else:
                hw = stringWidth("-", w.parts[-1][0].fontName, w.parts[-1][0].fontSize) if hyphen else 0.0
                items.append(Penalty(hw, -INF if forced else pen, hyphen, (wi, at, hyphen)))
            start = at
        n = len(w.text) - start
        if start == 0:
            items.append(Box(w.fw[0], (wi, 0, len(w.text)), per_char * n))
        else:
            items.append(Box(w.piece(start, len(w.text), False)[1], (wi, start, len(w.text)), per_char * n))
        if w.space and wi < len(words) - 1:
            if keeps_with(w.text, words[wi + 1].text):  # 45 万: no break at this space
                items.append(Penalty(0, INF))
            # a word gap as seen: the space (150% at most) plus the letter spacing either side of it
            items.append(Glue(w.space, max(0.5 * w.space - track, 0.1 * w.space), 0.2 * w.space))
    items.append(Glue(0, 100_000, 0))
    items.append(Penalty(0, -INF))
    return items


class _Piece(list):
    """A piece of a word set at a line's end; the word goes on in the next frag word (no space between)."""
    hyphen = False


def _rejoin(frags) -> list:
    """Frag words as set by an earlier break (the second part of a split paragraph) -> whole words again."""
    out, pending = [], []
    for f in frags:
        if isinstance(f, _InjectedFrag) or not any(t for _, t in f[1:]):
            continue
        pending.append(f)
        if not isinstance(f, _Piece):
            out.append(_join(pending))
            pending = []
    if pending:
        out.append(_join(pending))
    return out


def _join(pieces: list) -> list:
    """One word from its pieces (each but the last ends where a line did, its added hyphen dropped), in time
    linear in its length: a part cut between two lines is one part again."""
    if len(pieces) == 1:
        return pieces[0]
    width, parts = 0.0, []  # parts: [frag, [texts]]
    for k, p in enumerate(pieces):
        width += p[0]
        items = list(p[1:])
        if k < len(pieces) - 1 and p.hyphen and items:
            pf, pt = items[-1]
            items[-1] = (pf, pt[:-1])
            width -= stringWidth(pt[-1], pf.fontName, pf.fontSize)
        for pf, pt in items:
            if parts and parts[-1][0] is pf:
                parts[-1][1].append(pt)
            elif pt:
                parts.append([pf, [pt]])
    last = pieces[-1]
    merged = type(last)([width] + [(pf, "".join(texts)) for pf, texts in parts])
    if isinstance(last, _Piece):
        merged.hyphen = last.hyphen
    return merged


def _spread(extra: float, gaps: int, spaces: float, glyph_gaps: int, track: float) -> tuple[float, float]:
    """Share a loose line's extra width between word spaces and letter spacing; returns (extra for the
    word spaces, letter spacing per glyph).  Word spaces first (to 120%), then letter spacing (to ``track``),
    then spaces (until a gap, space plus letter spacing, is 150%), then letter spacing again (to twice
    ``track``), then spaces: letter spacing widens a line most for the least visible widening of its word
    gaps, so a gap passes 1.5x only on a line that cannot be set otherwise, and 2x hardly ever."""
    if gaps <= 0:
        tc = min(extra, 2 * track * glyph_gaps) / glyph_gaps
        return extra - tc * glyph_gaps, tc
    s = spaces / gaps  # natural space
    sp = min(extra, 0.2 * spaces)
    rest = extra - sp
    letters = min(rest, track * glyph_gaps)
    rest -= letters
    tc = letters / glyph_gaps
    more = min(rest, max(0.0, gaps * (0.5 * s - 2 * tc) - sp))  # gaps (space + tracking) to 150%
    sp, rest = sp + more, rest - more
    add = min(rest, track * glyph_gaps)
    tc, rest = tc + add / glyph_gaps, rest - add
    return sp + rest, tc


@lru_cache(maxsize=256)
def _ascent_descent(font_name: str, size: float):
    return getAscentDescent(font_name, size)


def plain_words(frags) -> list:
    """The frag words of a paragraph as set, with words hyphenated across lines joined again."""
    return _rejoin(frags)


def hyphen_char(font_name: str) -> str:
    """U+00AD where the font draws it with the hyphen's glyph (readers then join the word when they extract
    the text), else '-'."""
    ch = _HYPHENS.get(font_name)
    if ch is None:
        try:
            c2g = getFont(font_name).face.charToGlyph
            same = c2g.get(0x2D) is not None and c2g.get(0x2D) == c2g.get(0xAD)
        except AttributeError:
            same = False
        ch = _HYPHENS[font_name] = "\u00ad" if same else "-"
    return ch


_HYPHENS: dict[str, str] = {}


def _word_list(frags, width):
    if _processed_frags(frags):
        return _rejoin(frags)
    return [fw for fw in _getFragWords(frags, width) if any(t for _, t in fw[1:])]


def justified_lines(para, widths: list[float], hyphenate, min_len: int = 6, column_end: int | None = None,
                    params: Params = Params(), tracking: float = TRACKING):
    """Break ``para`` (a ReportLab Paragraph) into lines of ``widths``; returns its ``ParaLines`` and sets
    ``para.frags`` to the words as set.  Each FragLine also carries ``hyphenated`` and ``ratio``."""
    frag_words = getattr(para, "_kp_source", None)
    if frag_words is None:  # the paragraph's own words, kept: para.frags becomes the words as last set
        frag_words = para._kp_source = _word_list(para.frags, widths[0])
    if not frag_words:
        return None
    words = [_Word(fw) for fw in frag_words]
    track = tracking * para.style.fontSize
    items = _items(words, hyphenate, min_len, min(widths), track, CJK_STRETCH * para.style.fontSize)
    breaks = break_lines(items, widths, params, column_end=column_end)
    # the words as set: split where a line ends inside a word
    FW, lines_words = [], []
    start_item = 0
    for bk in breaks:
        line, gaps = [], {}
        for it in items[start_item:bk.index]:
            if isinstance(it, Box):
                wi, a, b = it.ref
                line.append((wi, a, b))
            elif isinstance(it, Glue) and it.ref is not None:
                gaps[it.ref] = it.stretch  # two Thai words meet inside this line
        start_item = bk.index + 1
        if line:
            lines_words.append((line, bk, gaps))
    out_lines = []
    tracked = False
    for li, (pieces, bk, gaps) in enumerate(lines_words):
        # merge consecutive pieces of one word (not across a Thai word gap: it may widen)
        merged: list[list] = []
        gap_cbs: list = []
        for wi, a, b in pieces:
            if merged and merged[-1][0] == wi and merged[-1][2] == a and (wi, a) not in gaps:
                merged[-1][2] = b
            else:
                merged.append([wi, a, b])
        sFW = len(FW)
        wds, n, natural, glyphs, space_stretch = [], 0, 0.0, 0, 0.0
        max_size, asc, desc = 0.0, 0.0, 0.0
        for k, (wi, a, b) in enumerate(merged):
            w = words[wi]
            whole = a == 0 and b == len(w.text)
            last_of_line = k == len(merged) - 1
            hyphen = last_of_line and bk.flagged and b < len(w.text)
            if whole:
                parts, width, fw = w.parts, w.fw[0], w.fw
            else:
                parts, width = w.piece(a, b, hyphen)
                ends_word = b == len(w.text)
                cls = (_HSFrag if isinstance(w.fw, _HSFrag) else list) if ends_word else _Piece
                fw = cls([width] + parts)
                if cls is _Piece:
                    fw.hyphen = hyphen
            FW.append(fw)
            natural += width
            space_after = w.space if (not last_of_line and b == len(w.text)) else 0.0
            natural += space_after
            space_stretch += space_after * 0.5
            glyphs += b - a + (1 if space_after else 0) + (1 if hyphen else 0)
            joined = (wi, a) in gaps  # the word goes on: no space, no new word
            n += 0 if joined else 1
            for pi, (f, t) in enumerate(parts):
                a_, d_ = _ascent_descent(f.fontName, f.fontSize)
                max_size, asc, desc = max(max_size, f.fontSize), max(asc, a_), min(desc, d_)
                if pi == 0 and joined and wds:
                    cb = f.clone()
                    cb.text = ""
                    cb.cbDefn = ABag(kind="onDraw", name=GAP_CB, label="0")
                    gap_cbs.append((cb, gaps[(wi, a)]))
                    wds.append(cb)
                    g = f.clone()
                    g.text = t
                    wds.append(g)
                    continue
                if pi == 0 and wds and sameFrag(wds[-1], f):
                    g = wds[-1]
                    g.text += (" " if k and not g.text.endswith(" ") else "") + t
                    continue
                if pi == 0 and wds and k:
                    if not wds[-1].text.endswith(" "):
                        wds[-1].text += " "
                g = f.clone()
                g.text = t
                wds.append(g)
        lw = widths[min(li, len(widths) - 1)]
        extra, tc = lw - natural, 0.0
        last_line = li == len(lines_words) - 1
        thai = gap_cbs or any(has_thai(getattr(g, "text", "")) for g in wds)
        if thai and extra > 0 and not last_line and track and (gap_cbs or n > 1):
            # Thai: the extra width goes to its word gaps and spaces alike, never between letters
            share = extra / (sum(st for _, st in gap_cbs) + space_stretch)
            for cb, st in gap_cbs:
                cb.cbDefn.label = f"{share * st:.4f}"
            extra = share * space_stretch
        elif thai:
            pass
        elif extra > 0 and not last_line and glyphs > 1 and track:
            if any(has_ideographic(getattr(g, "text", "")) for g in wds):
                extra, tc = 0.0, extra / (glyphs - 1)  # text without spaces: spread between its characters
            else:
                extra, tc = _spread(extra, n - 1, space_stretch / 0.5, glyphs - 1, track)
        if tc or tracked:
            tracked = True
            cb = wds[0].clone()
            cb.text = ""
            cb.cbDefn = ABag(kind="onDraw", name=TRACK_CB, label=f"{tc:.4f}")
            wds.insert(0, cb)
        if gap_cbs and gap_cbs[0][0].cbDefn.label == "0":
            wds = [g for g in wds if getattr(getattr(g, "cbDefn", None), "name", None) != GAP_CB]
        fl = FragLine(extraSpace=extra, wordCount=n, lineBreak=False, words=wds, fontSize=max_size,
                      ascent=asc, descent=desc, maxWidth=lw, sFW=sFW)
        fl.hyphenated = bool(bk.flagged)
        fl.ratio = bk.ratio
        fl.tracking = tc
        out_lines.append(fl)
    para.frags = FW
    para._width_max = max(widths)
    return ParaLines(kind=1, lines=out_lines)
