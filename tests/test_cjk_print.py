"""Chinese and Japanese in print: broken between characters where UAX #14 allows (never a line starting with a
closing mark nor ending with an opening one), numbers kept with their units, justified by spacing the characters.
(PDF/UA-1, .notdef and the structure tree of the same articles: tests/test_scripts_print.py.)"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from .print_helpers import render

DATA = Path(__file__).parent / "data" / "scripts"
NO_START = set("，。、；：！？」』）》〉】〕”’・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ%．，")
"""Characters a line may not start with (closing punctuation, small kana, the prolonged sound mark)."""
NO_END = set("「『（《〈【〔“‘")
"""Characters a line may not end with (opening punctuation)."""
UNITS = {"chinese": ["45万元", "1962年", "14个月", "3.5%"], "japanese": ["45億円", "1962年", "14か月", "3.5%"]}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = {}
    for name in ("chinese", "japanese"):
        result, art, pdf, large = render(DATA / f"{name}.md", tmp_path_factory.mktemp(name), validate=False)
        out[name] = (result, pdf, large)
    return out


def _lines(pdf: Path, columns: int) -> list[list[str]]:
    """Every line of every column, per column and type size, top to bottom (pdfplumber's characters grouped by
    baseline)."""
    cols = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            mid = page.width / 2 if columns == 2 else page.width
            for left in (True, False)[:columns]:
                chars = [c for c in page.chars if (c["x0"] < mid) == left and c["top"] > 60]
                for size in sorted({round(c["size"], 1) for c in chars}):
                    rows: dict[int, list] = {}
                    for c in chars:
                        if round(c["size"], 1) == size:
                            rows.setdefault(round(c["bottom"]), []).append(c)
                    cols.append(["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])).strip()
                                 for _, r in sorted(rows.items())])
    return cols


@pytest.mark.parametrize("kind", ["print", "large"])
@pytest.mark.parametrize("name", ["chinese", "japanese"])
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(rendered, name, kind):
    _, pdf, large = rendered[name]
    cols = _lines(pdf, 2) if kind == "print" else _lines(large, 1)
    lines = [ln for col in cols for ln in col if ln]
    assert len(lines) > 12
    assert [ln for ln in lines if ln[0] in NO_START] == []
    assert [ln for ln in lines if ln[-1] in NO_END] == []
    squashed = ["".join(ln.split()) for ln in lines]
    for whole in UNITS[name]:  # a number and its unit or counter on one line
        assert any(whole in ln for ln in squashed), whole


def _body(text: str, width: float, lang: str = "zh"):
    from editions.press.flowables import BodyPara
    from editions.press.markup import text_markup
    from editions.press.styles import print_styles
    para = BodyPara(text_markup(text), print_styles(lang).body)
    para.wrap(width, 10_000)
    return para, ["".join(w.text for w in ln.words if getattr(w, "text", "")) for ln in para.blPara.lines]


def test_a_line_never_starts_with_a_comma_and_the_one_before_is_spread_to_the_edge():
    from reportlab.pdfbase.pdfmetrics import stringWidth
    size = 9.5
    # ten characters fit a line exactly; the eleventh is a comma, which may not start the next line
    text = "一二三四五六七八九十，" + "甲乙丙丁戊己庚辛壬癸。" * 3
    para, lines = _body(text, 10 * size + 0.01)
    assert "".join(lines) == text  # nothing lost, no hyphen added, no space
    assert all(ln[0] not in NO_START for ln in lines), lines
    first = para.blPara.lines[0]
    assert len(lines[0]) < 10  # "十" went down with its comma
    drawn = stringWidth(lines[0], "EdCjkSerif", size) + first.tracking * (len(lines[0]) - 1)
    assert first.tracking > 0 and abs(drawn - first.maxWidth) < 0.05  # inter-character justification: flush right


def test_an_opening_bracket_never_ends_a_line():
    size = 9.5
    text = "一二三四五六七八九「十一」" + "甲乙丙丁戊己庚辛壬癸。" * 3
    _, lines = _body(text, 10 * size + 0.01)
    assert all(ln[-1] not in NO_END for ln in lines), lines
    assert "".join(lines) == text


def test_a_number_stays_with_its_unit_across_a_space_and_without_one():
    size = 9.5
    # the first line (indented) has room for the number but not for its unit
    for text in ("一二三四五六七 45 万元。" + "甲乙丙丁戊己庚辛壬癸。" * 2,
                 "一二三四五六七45万元。" + "甲乙丙丁戊己庚辛壬癸。" * 2):
        _, lines = _body(text, 10 * size + 0.01)
        assert "45" not in lines[0] and "万" in lines[1], lines


def test_break_opportunities_follow_uax14_with_numbers_kept_whole():
    from editions.press.cjkbreak import break_offsets, keeps_with
    text = "耗资45万元。「我们」3.5%的人"
    at = break_offsets(text)
    pieces = [text[a:b] for a, b in zip((0, *at), (*at, len(text)))]
    assert pieces == ["耗", "资", "45万", "元。", "「我", "们」", "3.5%", "的", "人"]
    assert break_offsets("BuildRight") == ()  # Latin words keep their own rules
    assert keeps_with("45", "万元") and keeps_with("45", "억") and not keeps_with("万", "元")


def test_a_paragraphs_last_line_never_holds_a_character_alone():
    size = 9.5
    text = "一二三四五六七八" + "甲乙丙丁戊己庚辛壬癸" + "子。"  # an indented line of 8, one of 10, then 2
    _, lines = _body(text, 10 * size + 0.01)
    assert "".join(lines) == text and len(lines[-1]) >= 3, lines


@pytest.mark.parametrize("place", ["caption", "pull"])
def test_captions_and_pull_quotes_never_start_a_line_with_a_comma_either(place):
    """They are set ragged by ReportLab, which cut text without spaces at any character (a line began "，")."""
    from editions.press.flowables import PullQuoteBox
    from editions.press.markup import text_markup
    from editions.press.photo import ShortPara
    from editions.press.styles import print_styles
    st = print_styles("zh")
    style = getattr(st, place)
    text = "一二三四五六七八九十，" + "甲乙丙丁戊己庚辛壬癸。" * 2
    if place == "pull":
        para = PullQuoteBox(text_markup(text), "", style, st.pull_attr).quote
    else:
        para = ShortPara(text_markup(text), style)
    para.wrap(10 * style.fontSize + 0.01, 1000)
    lines = ["".join(w.text for w in ln.words if getattr(w, "text", "")) if not isinstance(ln, tuple)
             else "".join(ln[1]) for ln in para.blPara.lines]
    assert "".join(lines) == text and para.getPlainText() == text
    assert all(ln[0] not in NO_START for ln in lines), lines
