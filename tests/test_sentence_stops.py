"""Sentence stops in every script: a sentence that ends in a danda or an ideographic stop is given to the voice
with that stop and no Latin full stop after it, one with no stop gets its script's own, and no space is put inside
a run of Chinese (tests/data/sentences.tsv; the samples through `editions script` and what eSpeak NG is handed)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from editions.config import AudioConfig, Config
from editions.parse import load_article, parse_text
from editions.speech.text import PAUSE_SENTENCE, build_script
from editions.speech.text.lexicon import Lexicon
from editions.speech.text.normalise import normalise
from editions.speech.text.script import bound_speech

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
_MARKS = re.compile("[\u064b-\u0652\u0670]")


def _rows():
    for n, line in enumerate((DATA / "sentences.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            lang, written, said = line.split("\t")
            yield pytest.param(lang, written, said.split(" ‖ "), id=f"{n}-{lang}")


def _sentences(lang: str, paragraph: str) -> list[str]:
    article = parse_text(f"---\ntitle: x\nlang: {lang}\n---\n\n{paragraph}\n", "markdown")
    cues = build_script(article, AudioConfig(), Lexicon()).cues
    return [_MARKS.sub("", c.speech) for c in cues if c.kind == "sentence"]


@pytest.mark.parametrize("lang, written, said", list(_rows()))
def test_each_sentence_ends_with_its_own_scripts_stop(lang, written, said):
    assert _sentences(lang, written) == said


_DOUBLED = re.compile(r"[।॥。！？؟۔][”’\"»」』）)]*\.")
_SPACE_IN_HAN = re.compile(r"[\u3400-\u9fff] [\u3400-\u9fff]")


@pytest.mark.parametrize("name, lang", [("gongjiao-zh.md", "zh"), ("jal-yojana-hi.md", "hi"),
                                        ("biblioteca-ar.md", "ar")])
def test_the_samples_give_espeak_their_own_stops_and_keep_their_pauses(name, lang):
    from editions.speech.say import script_document
    from editions.speech.voices.engines.espeak import EspeakEngine
    article = load_article(ROOT / "assets" / "articles" / name)
    doc = script_document(article, Config(), EspeakEngine(lang=lang))
    cues = doc["cues"]
    for c in cues:  # what the engine is handed
        assert not _DOUBLED.search(c["speech"]), c["speech"]
        assert not _SPACE_IN_HAN.search(c["speech"]), c["speech"]
        assert re.search(r"[.!?।॥。！？؟”\"»」]$", c["speech"]), c["speech"]
    # every sentence but a paragraph's last is followed by the pause between sentences, every last by a longer one
    for c, nxt in zip(cues, cues[1:]):
        if c["kind"] == nxt["kind"] == "sentence":
            same = (c["section"], c["paragraph"]) == (nxt["section"], nxt["paragraph"])
            assert (c["pause_after"] == PAUSE_SENTENCE) == same, (c["speech"], c["pause_after"])
    assert sum(c["pause_after"] == PAUSE_SENTENCE for c in cues) >= 3


def test_a_chinese_run_longer_than_a_word_limit_is_neither_spaced_nor_cut_short():
    run = "，".join(["社区微循环公交线路正式开通"] * 60) + "。"  # 840 characters, no space
    said = normalise(run, "zh")
    assert said == run
    pieces = bound_speech(said)
    assert "".join(pieces) == run and all(len(p) <= 480 for p in pieces)
    assert all(p.endswith(("，", "。")) for p in pieces)  # cut after a clause, not inside a word


def test_the_byline_and_photo_in_chinese_are_one_run_with_chinese_stops():
    md = ("---\ntitle: 公交开通\nbyline: 李文静\ndate: 2026-11-02\nlang: zh\n"
          "photo: {caption: 新车停在站台, credit: 本报记者}\n---\n\n首班车出发。\n")
    cues = build_script(parse_text(md, "markdown"), AudioConfig(), Lexicon()).cues
    said = {c.kind: c.speech for c in cues}
    assert said["byline"] == "作者：李文静。二零二六年十一月二日。"
    assert said["photo"] == "图片：新车停在站台。摄影：本报记者。"
    assert said["headline"] == "公交开通。"


@pytest.mark.parametrize("fmt, source", [
    ("markdown", "---\ntitle: t\nlang: zh\n---\n\n江滨区第一条线路于周一早上\n六点半开通。首班车\n出发。\n"),
    ("text", "标题\n\n江滨区第一条线路于周一早上\n六点半开通。首班车\n出发。\n"),
])
def test_a_line_break_inside_chinese_is_no_space(fmt, source):
    article = parse_text(source, fmt)
    assert article.sections[0].paragraphs[0].text == "江滨区第一条线路于周一早上六点半开通。首班车出发。"


def test_a_line_break_between_words_is_still_a_space():
    assert parse_text("---\ntitle: t\n---\n\nOne line\nand the next.\n", "markdown").sections[0].paragraphs[0].text \
        == "One line and the next."
    thai = parse_text("หัวข้อ\n\nท่าเรือเปิด\nแล้ววันนี้\n", "text", )
    assert thai.sections[0].paragraphs[0].text == "ท่าเรือเปิด แล้ววันนี้"  # Thai puts a space between phrases
