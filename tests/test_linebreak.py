"""Knuth–Plass line breaking: a hand-worked paragraph, properties on random ones, and the real page."""
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editions.press.linebreak import INF, Box, Glue, Params, Penalty, adjustment_ratio, break_lines

from .print_helpers import loose_share, render


def _para(words, space=Glue(1, 1, 0.5), hyphens=()):
    """Boxes for words (width = len), ``space`` between them, a flagged hyphen penalty inside the words
    listed in ``hyphens`` (word index -> split offset), parfillskip and the forced end."""
    items = []
    for i, w in enumerate(words):
        if i:
            items.append(space)
        if i in dict(hyphens):
            k = dict(hyphens)[i]
            items += [Box(k, w[:k]), Penalty(1, 50, True), Box(len(w) - k, w[k:])]
        else:
            items.append(Box(len(w), w))
    return items + [Glue(0, 100_000, 0), Penalty(0, -INF)]


def _lines(items, breaks):
    out, start = [], 0
    for b in breaks:
        out.append([it.ref for it in items[start:b.index] if isinstance(it, Box)])
        start = b.index + 1
    return out


def test_known_answer_shrinks_rather_than_stretching():
    """Width 10, spaces 1 (stretch 1, shrink 0.5). 'aaaa bbb' is 8 wide: r = 2, too loose for the first pass.
    'aaaa bbb cc' is 11 wide with 1.0 of shrink: r = -1, exactly the tightest allowed; then 'dddd ee'
    (7, r = 0 against the parfillskip).  Greedy breaking without shrink would take the loose line."""
    items = _para(["aaaa", "bbb", "cc", "dddd", "ee"])
    breaks = break_lines(items, [10])
    assert _lines(items, breaks) == [["aaaa", "bbb", "cc"], ["dddd", "ee"]]
    assert breaks[0].ratio == pytest.approx(-1.0)


def test_known_answer_ratios():
    """Width 12, spaces 1 (stretch 1, shrink 0.5). Line 1: 'aaa bbb ccc' is 11 wide with 2 of stretch:
    r = 0.5 (adding 'dd' gives 14 with 1.5 of shrink: r = -1.33, overfull). Line 2: 'dd eeeeeeeee' is
    exactly 12: r = 0. Line 3: 'f' against the parfillskip."""
    items = _para(["aaa", "bbb", "ccc", "dd", "eeeeeeeee", "f"])
    breaks = break_lines(items, [12])
    assert _lines(items, breaks) == [["aaa", "bbb", "ccc"], ["dd", "eeeeeeeee"], ["f"]]
    assert [round(b.ratio, 3) for b in breaks[:2]] == [0.5, 0.0]


def test_known_answer_hyphenates_to_avoid_a_loose_line():
    """Width 10: 'aa bb' + 'cccccccc' (8 > 10-6 left) would leave 'aa bb' at r = 5.  Hyphenating
    'cccc-cccc' gives 'aa bb cccc-' = 2+1+2+1+4+1 = 11 -> r = -1 (tight, allowed) and 'cccc dd'."""
    items = _para(["aa", "bb", "cccccccc", "dd"], hyphens=[(2, 4)])
    breaks = break_lines(items, [10])
    assert _lines(items, breaks) == [["aa", "bb", "cccc"], ["cccc", "dd"]]
    assert breaks[0].flagged


def test_never_three_hyphens_in_a_row_and_column_end_penalty():
    words = ["abcdefgh"] * 12
    items = _para(words, hyphens=[(i, 4) for i in range(12)])
    for width in (9, 11, 13, 14, 17):
        flags = [b.flagged for b in break_lines(items, [width])]
        assert max((len(list(g)) for k, g in itertools.groupby(flags) if k), default=0) <= 2
    # a hyphen on the last line of a column (column_end) costs more, so it moves when it can
    words = ["abcdefghijkl"[:n] for n in (2, 2, 2, 9, 11, 2, 2, 10, 9, 2, 2, 7, 6, 6)]
    items = _para(words, hyphens=[(i, len(w) // 2) for i, w in enumerate(words) if len(w) >= 6])
    plain = break_lines(items, [16])
    assert plain[0].flagged
    assert not break_lines(items, [16], column_end=0)[0].flagged


words_st = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=14), min_size=1, max_size=60)


@given(words_st, st.integers(min_value=19, max_value=60), st.data())
def test_properties_no_overfull_every_word_in_order_hyphen_runs(words, width, data):
    hyph = [(i, data.draw(st.integers(1, len(w) - 1))) for i, w in enumerate(words) if len(w) >= 4
            and data.draw(st.booleans())]
    items = _para(words, hyphens=hyph)
    breaks = break_lines(items, [width - 4, width])
    lines = _lines(items, breaks)
    assert [p for line in lines for p in line] == [it.ref for it in items if isinstance(it, Box)]
    start = 0
    for li, b in enumerate(breaks):
        seg = items[start:b.index]
        natural = sum(it.width for it in seg if isinstance(it, (Box, Glue)))
        natural += items[b.index].width if isinstance(items[b.index], Penalty) else 0
        shrink = sum(it.shrink for it in seg if isinstance(it, Glue))
        line_w = width - 4 if li == 0 else width
        assert natural - shrink <= line_w + 1e-9  # no overfull line (every box fits a line here)
        start = b.index + 1
    flags = [b.flagged for b in breaks]
    assert max((len(list(g)) for k, g in itertools.groupby(flags) if k), default=0) <= Params().max_hyphen_run


def test_adjustment_ratio():
    assert adjustment_ratio(8, 2, 1, 10) == 1.0
    assert adjustment_ratio(11, 2, 1, 10) == -1.0
    assert adjustment_ratio(10, 0, 0, 10) == 0.0


# --- the real paragraph: ReportLab metrics, drawing, extraction -------------------------------------------

def _body(text, width=248.5):
    from editions.press.flowables import BodyPara
    from editions.press.styles import print_styles
    p = BodyPara(text, print_styles("en-US").body)
    p.wrap(width, 100_000)
    return p


@given(st.lists(st.sampled_from(["the", "harbour", "seawall", "council", "replacement", "extraordinarily",
                                 "a", "of", "photographers", "reconstruction", "Nguyễn", "José", "2,000",
                                 "well-known", "<i>emphasis</i>", "<b>strong</b>", "—", "Ibarra’s"]),
                min_size=1, max_size=120))
def test_real_paragraph_lines_fit_and_keep_every_word(words):
    from reportlab.pdfbase.pdfmetrics import stringWidth
    p = _body(" ".join(words))
    lines = p.blPara.lines
    space = stringWidth(" ", "EdSerif", 9.5)
    for i, ln in enumerate(lines):
        gaps = ln.wordCount - 1
        if gaps > 0 and i < len(lines) - 1:
            assert ln.extraSpace / gaps >= -0.2 * space - 1e-6  # never shrinks below 80%
        assert ln.extraSpace >= -0.2 * space * max(gaps, 0) - 1e-6  # never overfull
    text = "".join(f.text for ln in lines for f in ln.words)
    flat = [w.replace("<i>", "").replace("</i>", "").replace("<b>", "").replace("</b>", "") for w in words]
    text = text.replace("\u00ad", "")
    assert text.replace("-", "").split() == " ".join(flat).replace("-", "").split() or \
        text.replace("-", "").replace(" ", "") == "".join(flat).replace("-", "")
    flags = p.hyphen_flags()
    assert max((len(list(g)) for k, g in itertools.groupby(flags) if k), default=0) <= 2


def test_overlong_word_is_cut_to_the_measure_and_kept(tmp_path):
    from .print_helpers import extract
    word = "Supercalifragilistic" * 25  # 500 letters
    src = tmp_path / "w.txt"
    src.write_text(f"Long word\n\nThe word {word} is long, and the text after it stays.\n", encoding="utf-8")
    result, art, pdf, large = render(src, tmp_path / "o")
    import pdfplumber
    g = result.geometry
    for path, right in ((pdf, g.left + g.full), (large, g.left + g.full)):
        with pdfplumber.open(str(path)) as doc:
            assert all(c["x1"] <= right + 0.5 for page in doc.pages for c in page.chars), path
        text = "".join(extract(path)).replace("\u00ad", "").replace("-\n", "").replace("\n", "")
        assert word in text.replace(" ", "") and "stays." in text
    body = [p for p in result.placed if p.kind == "body"]
    assert all(p.x + p.width <= g.left + g.full + 0.5 for p in body)


def test_drawn_word_spacing_is_the_computed_one(tmp_path):
    """pdfplumber reads back each full line's word gaps: they match what the breaker chose (not greedy's)."""
    from .conftest import SAMPLES
    result, art, pdf, _ = render(SAMPLES / "harbour-seawall.md", tmp_path)
    from .print_helpers import justified_gaps
    computed = [s for p in result.placed if p.kind == "body" for s in p.stretch]
    share, worst, n = loose_share(pdf)
    assert n >= 20 and share <= 0.10 and worst < 2.0
    measured, _ = justified_gaps(pdf)
    assert sum(measured) / len(measured) == pytest.approx(sum(computed) / len(computed), abs=0.05)
    assert worst == pytest.approx(max(computed), abs=0.1)


def test_drop_cap_shrinks_for_short_first_paragraphs(tmp_path):
    """One line: no cap (the letter stays in the text); two lines: a two-line cap; four: three lines.
    Never a blank band: the next paragraph starts right under the first one's last line or the cap."""
    sentences = {1: "Short opening line here.", 2: "An opening paragraph that runs to just about two lines "
                 "of the column.", 4: "A longer opening paragraph " * 7}
    for n, first in sentences.items():
        src = tmp_path / f"d{n}.md"
        src.write_text(f"---\ntitle: Drop cap {n}\n---\n{first}\n\nThe second paragraph follows. " + "More words "
                       "to fill it. " * 12 + "\n", encoding="utf-8")
        result, art, pdf, _ = render(src, tmp_path / f"o{n}")
        paras = [p for p in result.placed if p.kind == "body"]
        a, b = paras[0], paras[1]
        caps = [p for p in result.placed if p.kind == "dropcap"]
        if n == 1:
            assert a.lines == 1 and not caps
        else:
            assert len(caps) == 1 and caps[0].lines == min(3, a.lines) == (2 if n == 2 else 3)
            assert caps[0].y >= a.y - 0.5  # the cap never hangs below its paragraph
        assert a.top - a.y == pytest.approx(a.lines * 12, abs=0.5)
        if abs(a.x - b.x) < 1:
            assert abs(a.y - b.top) < 0.5, (n, a, b)  # no band between them
        from .print_helpers import extract
        text = extract(pdf)[0]
        assert (first.split()[0] if n == 1 else first.split()[0][1:]) in text  # one line: the letter is back
