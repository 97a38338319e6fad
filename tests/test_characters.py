"""Issue 20, characters: nothing lost, nothing leaked.

Emoji sequences are one unit (left out of print and narration whole, a keycap keeping its digit) and never make an
edition refuse; private-use code points, noncharacters, control characters (terminal escape sequences whole) and
bidirectional controls are taken out of every text field by one clean-up, whatever the format; and every line the
command prints is safe on a terminal.
"""
from __future__ import annotations

import dataclasses
import json
import unicodedata

import pytest

from editions.errors import InputError
from editions.model import Article, Paragraph, PullQuote, Section
from editions.parse import parse_text

TAG_FLAG = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"  # England
EMOJI = ["❤️", "☀️", "1️⃣", "#️⃣", "👍🏽", "👨‍👩‍👧", "🇫🇷", TAG_FLAG]
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def bad(ch: str) -> bool:
    """A character no text field of the model may hold."""
    cat = unicodedata.category(ch)
    nonchar = 0xFDD0 <= ord(ch) <= 0xFDEF or (ord(ch) & 0xFFFE) == 0xFFFE
    return cat in ("Cc", "Co", "Cs") or ch in BIDI or nonchar or ch in "\u2028\u2029"


def strings(value):
    """Every string in the model's JSON form (and so every text field), recursively."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def article(text: str) -> Article:
    return Article(headline="Head", sections=(Section(None, (Paragraph(text),)),))


# -- emoji sequences -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("emoji", EMOJI + ["↔️", "‼️", "ℹ️", "〰️", "©\ufe0e", "e\U000E0100", "a\ufe0f", "x\u20e3"])
def test_an_emoji_sequence_or_a_variation_selector_never_makes_an_edition_refuse(emoji):
    from editions.press.glyphs import check_print
    from editions.speech.voices.languages import check_offline
    a = article(f"They said {emoji} and left.")
    check_print(a)  # was: "text in Variation script … cannot be drawn by the print fonts"
    check_offline(a)  # was: "the offline voice reads Latin letters only … Variation script"


def test_a_variation_selector_takes_the_script_of_the_character_before_it():
    from editions.scripts import letters_by_script, script_of
    assert script_of("\U000E0100") == script_of("\ufe0f") == "INHERITED"  # was "VARIATION", a script of its own
    assert dict(letters_by_script(article("葛\U000E0100城 is a city."), {"LATIN"})) == {"CJK": 2}


def test_print_leaves_an_emoji_sequence_out_whole_and_a_keycap_keeps_its_digit():
    from editions.press.compose import _undrawable
    from editions.press.fonts import drawable
    assert drawable(f"Press 1️⃣ or #️⃣ for {TAG_FLAG} and 👨‍👩‍👧.") == "Press 1 or # for  and ."
    assert drawable("x\u200dy ©") == "xy ©"  # a joiner between letters is not an emoji; © is drawn
    warnings = _undrawable(article("We ❤️ it 👍🏽 👨‍👩‍👧 🇫🇷 1️⃣ ok"))
    assert len(warnings) == 1 and "no glyph for 4 character(s)" in warnings[0], warnings  # four units, no keycap
    assert "👨‍👩‍👧" in warnings[0]
    quoted = dataclasses.replace(article("Words."), pull_quotes=(PullQuote("Words.", "Ann 🇫🇷"),))
    assert _undrawable(quoted) and "🇫🇷" in _undrawable(quoted)[0]  # an attribution is printed too


def test_narration_leaves_an_emoji_sequence_out_and_reads_a_keycap_as_its_digit():
    from editions.speech.text.normalise import drop_emoji, normalise
    assert normalise("Press 1️⃣ now.") == "Press one now."
    assert drop_emoji(f"a {TAG_FLAG} b 🇫🇷 c").split() == ["a", "b", "c"]  # the tag letters are not read out
    assert drop_emoji("葛\U000E0100城") == "葛城"  # a variation selector does not split a word


# -- the one clean-up ------------------------------------------------------------------------------------------------

def _json(**fields) -> str:
    doc = {"headline": "Head", "sections": [{"heading": None, "paragraphs": ["Body text."]}], **fields}
    return json.dumps(doc)  # escapes every control character as \\u00XX, as a hostile feed would


def _md(front: str, body: str = "Body text.\n") -> str:
    return f"---\n{front}\n---\n{body}"


def test_json_escapes_of_control_characters_are_removed_and_an_escape_sequence_goes_whole():
    a = parse_text(_json(headline="Council \u0000votes \u001b[31mred\u001b[0m\u0007 now",
                         byline="Ann \u001b]0;pwned\u0007Lee"), "json")
    assert a.headline == "Council votes red now"  # a NUL no longer cuts the ID3 title to "Council "
    assert a.byline == "Ann Lee"  # the window-title sequence went whole, its ';' never split the names
    assert "removed 5 control or invisible character(s)" in a.warnings  # each escape sequence counts once
    from editions.speech.text.normalise import normalise
    assert "thirty" not in normalise(a.headline)  # the voice said "thirty-one m" for ESC [ 31 m


def test_yaml_escapes_of_control_characters_are_removed():
    a = parse_text(_md('title: "Council\\0 votes \\e[31mred\\e[0m"\ndeck: "a\\x07b"'), "markdown")
    assert a.headline == "Council votes red" and a.deck == "a b"
    assert any(w.startswith("removed 4 control") for w in a.warnings)


def test_raw_escape_sequences_in_plain_text_go_whole():
    from editions.parse import decode
    text, warnings = decode("Head\n\nIt was \x1b[31mloud\x1b[0m today.\n".encode())
    a = parse_text(text, "text", warnings=warnings)
    assert a.sections[0].paragraphs[0].text == "It was loud today."  # not "It was [31mloud [0m today."


def test_emphasis_spans_stay_on_their_words_when_characters_go():
    text = "Some \u0007\u202eemphasis\u202c here and \uf099\uf099 strong words end."
    start, end = text.index("emphasis"), text.index(" here")
    s2, e2 = text.index("strong"), text.index(" end")
    a = parse_text(_json(sections=[{"heading": None, "paragraphs": [
        {"text": text, "emphasis": [[start - 2, end, "em"], [s2 - 3, e2, "strong"]]}]}]), "json")
    p = a.sections[0].paragraphs[0]
    assert p.text == "Some emphasis here and strong words end."
    assert [p.text[s.start:s.end] for s in p.spans] == ["emphasis", "strong words"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_bidi_controls_private_use_and_noncharacters_go_from_every_format_with_one_warning_each(fmt):
    from editions.speech.voices.languages import check_offline
    body = "The \u202eevil\u202c word and the \u2067isolate\u2069 here \uf099 \U000F0001 \uffff \ufdd0 end."
    src = {"text": f"Head \u200fline\n\n{body}\n", "markdown": _md("title: Head \u200fline", body + "\n"),
           "json": _json(headline="Head \u200fline", sections=[{"heading": None, "paragraphs": [body]}])}[fmt]
    a = parse_text(src, fmt)
    assert a.headline == "Head line"
    assert a.sections[0].paragraphs[0].text == "The evil word and the isolate here end."
    assert sum("bidirectional control" in w for w in a.warnings) == 1
    assert sum("private-use or noncharacter" in w for w in a.warnings) == 1
    check_offline(a)  # was: "letters in Unknown script"


def test_private_use_alone_no_longer_makes_the_offline_voice_refuse():
    from editions.speech.voices.languages import check_offline
    check_offline(article("An icon \uf099 and \U00100001 here."))  # even where no clean-up ran


def test_a_headline_of_nothing_but_controls_is_an_input_error():
    with pytest.raises(InputError, match="headline has no text"):
        parse_text(_json(headline="\u001b[31m\u0000"), "json")


# -- the terminal ----------------------------------------------------------------------------------------------------

ESC_NAME = "evil\x1b]0;pwned\x07\x1b[2J\u202e.txt"


def test_every_line_printed_is_safe_on_a_terminal(tmp_path, run_cli):
    src = tmp_path / ESC_NAME
    src.write_text("Head\n\nBody \x07text here.\n", encoding="utf-8")
    code, out, err = run_cli("render", src, "--engine", "test", "--only", "audio", "--no-cache",
                             "--out", tmp_path / "o")
    assert code == 0, err
    assert "editions: warning:" in err and "\\u001b]0;pwned\\u0007\\u001b[2J\\u202e.txt" in err
    code2, out2, err2 = run_cli("inspect", tmp_path / ("missing" + ESC_NAME))
    assert code2 == 2 and "file not found" in err2
    code3, out3, err3 = run_cli("inspect", src)
    code4, out4, err4 = run_cli("script", src, "--engine", "test")
    for text in (out, err, out2, err2, out3, out4, err4):
        assert not any(bad(ch) and ch != "\n" for ch in text), repr(text)
    assert len(err2.splitlines()) == 1


def test_shown_keeps_newlines_only_where_asked():
    from editions.cli import shown
    assert shown("a\x1b[2Jb\nc\u202e\udcff") == "a\\u001b[2Jb\\u000ac\\u202e\\udcff"
    assert shown("a\nb\x9b", multiline=True) == "a\nb\\u009b"
