"""Shaping and direction: words of complex scripts in, the glyphs to draw (in visual order) out.

ReportLab draws a string a character at a time through the font's cmap, with no shaping and left to right.  So a
word of a script in :data:`~.scriptfonts.SHAPED` is shaped here by HarfBuzz (``uharfbuzz``): Arabic letters get
their joined forms and ligatures, Devanagari its conjuncts and reordered vowel signs.  Each glyph HarfBuzz gives
becomes one character ReportLab can draw: the character itself where the font's cmap maps it to that very glyph,
else a private-use code point added to the face for that glyph (what ReportLab's own shaping does), whose
ToUnicode entry is the text the glyph stands for (:func:`tounicode_text`), never a presentation form.  Positions
are HarfBuzz's, exactly: a glyph whose GPOS position differs from its plain advance (a mark moved onto its base,
a kerned or cursively attached letter) gets a code point of its own whose width is HarfBuzz's advance and whose
offsets :mod:`.placedtext` applies when it is drawn.

Direction: a word holding Arabic or Hebrew letters is set right to left (its digits and Latin letters left to
right inside it, mirrored brackets by HarfBuzz); a line of a right-to-left paragraph is put in visual order by
:func:`visual_order` (UAX #9 at the level of words: a run of Latin words and numbers keeps its order).  The
words as written are what the tagged PDF reads (each paragraph's /ActualText, and each line's: :func:`logical`).
"""
from __future__ import annotations

from functools import lru_cache

from ..scripts import script_of
from .placedtext import place

__all__ = ["shape_word", "shape_text", "visual_order", "word_direction", "tounicode_text", "is_rtl_char", "logical",
           "logical_lines"]

_PUA: dict[str, dict[tuple[int, str], int]] = {}
"""face name -> (glyph id, text) -> the private-use code point that draws it (faces, and so their code points,
are shared by the fonts registered from one file)."""
_TEXT: dict[str, dict[int, str]] = {}
"""face name -> private-use code point -> the text its glyph stands for (for the ToUnicode CMap)."""
_DIRECTION: dict[str, str] = {}
"""A shaped word (as drawn) -> the direction of the word it was shaped from."""
_LOGICAL: dict[str, str] = {}
"""A shaped word (as drawn) -> the word it was shaped from."""


_MIRROR = {a: b for pair in ("()", "[]", "{}", "<>", "«»", "‹›") for a, b in (pair, pair[::-1])}


def is_rtl_char(ch: str) -> bool:
    return script_of(ch) in ("ARABIC", "HEBREW")


def _strong(ch: str) -> str:
    """'R', 'L' or 'N' (digits count as L: they are set left to right in either direction)."""
    if is_rtl_char(ch):
        return "R"
    if ch.isalpha() or ch.isdigit():
        return "L"
    return "N"


def word_direction(word: str) -> str:
    """'R' for a word holding a right-to-left letter, 'L' for one holding a letter or digit, else 'N'."""
    kinds = {_strong(c) for c in word}
    return "R" if "R" in kinds else "L" if "L" in kinds else "N"


@lru_cache(maxsize=16)
def _hb_font(font: str):
    import uharfbuzz as hb
    from reportlab.pdfbase.pdfmetrics import getFont
    return hb.Font(hb.Face(hb.Blob(getFont(font).face._ttf_data)))


def _code_for(font: str, face, gid: int, text: str, pos: tuple[int, int, int] | None = None) -> int:
    """The character that draws glyph ``gid`` standing for ``text``, at HarfBuzz's ``pos`` (advance, x offset,
    y offset in font units; None: the glyph's own advance, not moved)."""
    own = face.hmetrics[gid][0] if gid < len(face.hmetrics) else 0
    if pos is not None and pos == (own, 0, 0):
        pos = None
    if pos is None and len(text) == 1 and face.charToGlyph.get(ord(text)) == gid:
        return ord(text)
    table = _PUA.setdefault(face.name, {})
    cp = table.get((gid, text, pos))
    if cp is None:
        cp = max(table.values(), default=0xE000 - 1) + 1
        while cp in face.charToGlyph:
            cp += 1
        if cp > 0xF8FF:
            return ord(text[0]) if text and ord(text[0]) in face.charToGlyph else 0x20
        table[(gid, text, pos)] = cp
        _TEXT.setdefault(face.name, {})[cp] = text
        face.charToGlyph[cp] = gid
        face.glyphToChar.setdefault(gid, []).append(cp)
        em = 1000.0 / face.unitsPerEm
        face.charWidths[cp] = own * em  # the glyph's own width (the PDF's /Widths must match the font)
        if pos is not None:  # and where HarfBuzz puts it: measured (fonts.py) and drawn (placedtext.py) so
            place(face.name, cp, pos[1] * em, pos[2] * em, (pos[0] - own) * em)
    return cp


def _shape_run(text: str, font: str, rtl: bool) -> str:
    import uharfbuzz as hb
    from reportlab.pdfbase.pdfmetrics import getFont
    face = getFont(font).face
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    buf.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES  # a joiner decides the forms; it draws nothing
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS  # a mark its own cluster: read as itself
    hb.shape(_hb_font(font), buf, {"kern": True, "liga": True})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    starts = sorted({i.cluster for i in infos})
    ends = {s: (starts[k + 1] if k + 1 < len(starts) else len(text)) for k, s in enumerate(starts)}
    by_cluster: dict[int, list[int]] = {}
    for n, info in enumerate(infos):
        by_cluster.setdefault(info.cluster, []).append(n)
    stands = [""] * len(infos)
    for c, glyphs in by_cluster.items():
        # a further glyph of a cluster (a vowel sign drawn apart) stands for the cluster's character whose own
        # glyph it is; the first glyph for the rest of the cluster's text (each character read once)
        rest = list(text[c:ends[c]])
        for n in glyphs[1:]:
            ch = next((ch for ch in rest if face.charToGlyph.get(ord(ch)) == infos[n].codepoint), None)
            if ch is not None:
                rest.remove(ch)
            stands[n] = ch or "\u200c"
        stands[glyphs[0]] = "".join(rest).replace("\u200d", "") or "\u200c"  # a joiner is not read
    if rtl:  # a bracket drawn mirrored reads as the one it looks like: a reader putting the visual order back
        stands = [_MIRROR.get(t, t) for t in stands]  # into reading order mirrors it again (as pdfium does)
    out = [chr(_code_for(font, face, info.codepoint, stands[n], (p.x_advance, p.x_offset, p.y_offset)))
           for n, (info, p) in enumerate(zip(infos, positions))]
    return "".join(out)


@lru_cache(maxsize=50_000)
def shape_word(word: str, font: str) -> str:
    """One word (no spaces) as the characters that draw its shaped glyphs, left to right on the page."""
    if not word:
        return word
    rtl = word_direction(word) == "R"
    kinds = [_strong(c) for c in word]
    # resolve neutrals: between two L they are L, else they take the word's direction
    levels = []
    for i, k in enumerate(kinds):
        if k != "N":
            levels.append(k)
            continue
        before = next((kinds[j] for j in range(i - 1, -1, -1) if kinds[j] != "N"), None)
        after = next((kinds[j] for j in range(i + 1, len(kinds)) if kinds[j] != "N"), None)
        levels.append("L" if before == after == "L" or not rtl else "R")
    pieces: list[tuple[str, str]] = []
    for ch, lv in zip(word, levels):
        if pieces and pieces[-1][0] == lv:
            pieces[-1] = (lv, pieces[-1][1] + ch)
        else:
            pieces.append((lv, ch))
    shaped = [_shape_run(t, font, lv == "R") for lv, t in pieces]
    out = "".join(reversed(shaped) if rtl else shaped)
    _DIRECTION[out] = word_direction(word)
    _LOGICAL[out] = word.replace("\u200d", "")
    return out


def logical(drawn: str, font: str | None = None) -> str:
    """The text as written of drawn text in logical order: each shaped word back to its word (a piece of one,
    glyph by glyph to the text each stands for in ``font``)."""
    out = []
    for w in drawn.split(" "):
        word = _LOGICAL.get(w)
        if word is None:
            word = "".join((tounicode_text(font, ord(c)) if font else None) or c for c in w).replace("\u200c", "")
        out.append(word)
    return " ".join(out)


def logical_lines(bl) -> list[str]:
    """Each line of a paragraph as broken (its words in logical order), as written."""
    out = []
    for line in bl.lines:
        if isinstance(line, tuple):
            font = getattr(bl, "fontName", None)
            out.append(" ".join(logical(str(w), font) for w in line[1]))
        else:
            out.append("".join(logical(f.text, f.fontName) for f in line.words
                               if isinstance(getattr(f, "text", None), str) and not hasattr(f, "cbDefn")))
    return out


def drawn_direction(text: str) -> str:
    """The direction of a word as drawn (shaped or not)."""
    return _DIRECTION.get(str(text)) or word_direction(text)


def shape_text(text: str, font: str) -> str:
    """Every word of ``text`` shaped (spaces kept where they are)."""
    out, word = [], []
    for ch in text:
        if ch.isspace():
            if word:
                out.append(shape_word("".join(word), font))
                word = []
            out.append(ch)
        else:
            word.append(ch)
    if word:
        out.append(shape_word("".join(word), font))
    return "".join(out)


def visual_order(directions: list[str]) -> list[int]:
    """The order (indices) in which a right-to-left line's words are set from left to right, given each word's
    direction ('R', 'L', 'N'): right-to-left words from the right, a run of left-to-right words (numbers, Latin
    names, with the neutral words between them) in its own order."""
    n = len(directions)
    levels = []
    for i, d in enumerate(directions):
        if d == "N":
            before = next((directions[j] for j in range(i - 1, -1, -1) if directions[j] != "N"), "R")
            after = next((directions[j] for j in range(i + 1, n) if directions[j] != "N"), "R")
            d = "L" if before == after == "L" else "R"
        levels.append(2 if d == "L" else 1)
    order = list(range(n))
    i = 0
    while i < n:  # reverse each run at level 2, then the whole line
        if levels[i] == 2:
            j = i
            while j < n and levels[j] == 2:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
        else:
            i += 1
    return order[::-1]


def tounicode_text(font: str, cp: int) -> str | None:
    """The text a private-use code point added by shaping stands for (None for any other code point)."""
    from reportlab.pdfbase.pdfmetrics import getFont
    return _TEXT.get(getFont(font).face.name, {}).get(cp)


def _visual_tuple_line(line):
    extra, words = line
    order = visual_order([drawn_direction(w) for w in words])
    return (extra, [words[i] for i in order])


def _visual_frag_line(line):
    """A FragLine with its frags in visual order (a copy: the line as broken is never changed)."""
    lead, words, current = [], [], []
    for f in line.words:
        text = getattr(f, "text", "")
        if hasattr(f, "cbDefn") and not words and not current:
            lead.append(f)
            continue
        parts = text.split(" ")
        for k, part in enumerate(parts):
            if k:
                if current:
                    words.append(current)
                current = []
            if part or hasattr(f, "cbDefn"):
                current.append((f, part))
    if current:
        words.append(current)
    dirs = [drawn_direction("".join(t for _, t in w)) for w in words]
    out = list(lead)
    for n, i in enumerate(visual_order(dirs)):
        pieces = words[i][::-1] if dirs[i] == "R" else words[i]
        for k, (f, t) in enumerate(pieces):
            g = f.clone()
            g.text = t + (" " if k == len(pieces) - 1 and n < len(words) - 1 else "")
            out.append(g)
    copy = line.__class__(**line.__dict__)
    copy.words = out
    return copy


def visual_lines(lines: list, kind: int) -> list:
    """A right-to-left paragraph's lines, each in visual order (copies)."""
    return [_visual_tuple_line(ln) if kind == 0 else _visual_frag_line(ln) for ln in lines]
