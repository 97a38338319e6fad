"""editions verify: the real offline voice, the real recogniser, a deliberate error found and grouped."""
import json

import pytest

from editions.verify import compare_words, words_for_comparison

STORY = """---
title: River Town Opens New Bridge
---
The river bridge opened on Monday after two years of work.

Families walked across the river at noon, and the mayor thanked the builders.

## Traffic

Cars will cross the river from next week, the city said.
"""


def test_comparison_normaliser_matches_like_with_like():
    assert words_for_comparison("Maj. Gen. Scott said 2,000 troops.") == \
        words_for_comparison("Major General Scott said two thousand troops")
    assert words_for_comparison("It’s $4.2 million — José!") == \
        ["it's", "four", "point", "two", "million", "dollars", "jose"]


def test_word_pieces_are_merged_before_reading_numbers():
    from editions.verify import merge_word_pieces
    pieces = [(" about", 0.0), (" 2", 0.5), (",000", 0.6), (" troops.", 0.9)]
    assert merge_word_pieces(pieces) == [(" about", 0.0), (" 2,000", 0.5), (" troops.", 0.9)]
    words = [w for t, _ in merge_word_pieces(pieces) for w in words_for_comparison(t)]
    assert words == ["about", "two", "thousand", "troops"]


def test_compare_words_counts_and_locates():
    errors, ops = compare_words("the river bridge opened".split(), "the pizza bridge opened today".split())
    assert errors == 2
    assert ("substitute", 1, 2, 1, 2) in ops and any(op[0] == "insert" for op in ops)


@pytest.mark.slow
def test_verify_finds_and_groups_a_deliberate_misreading(tmp_path, run_cli):
    art = tmp_path / "river.md"
    art.write_text(STORY, encoding="utf-8")
    # a wrong lexicon entry makes the voice say "pizza" for every "river"
    (tmp_path / "river.lexicon.toml").write_text('[respell]\n"river" = "pizza"\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli("render", art, "--out", out, "--engine", "offline", "--only", "audio", "--no-cache")
    assert code == 0, err
    code, stdout, err = run_cli("verify", art, "--out", out)
    report = json.loads((out / "river.verify.json").read_text())
    assert code == 1 and not report["passed"]
    pizza = [m for m in report["mismatches"] if m["heard"] == "pizza"]
    assert len(pizza) == 3 and all(m["expected"] == "river" and m["kind"] == "substitute" for m in pizza)
    assert pizza[0]["section"] == "Opening" and pizza[0]["sentence"].startswith("The river bridge opened")
    assert pizza[2]["section"] == "Traffic" and pizza[2]["time_ms"] > pizza[1]["time_ms"] > pizza[0]["time_ms"]
    assert '"river" = "river"  # heard as "pizza" 3 times' in report["suggestions"][0]
    assert "lexicon suggestion:" in stdout and "verify FAILED" in stdout
    assert [s["title"] for s in report["sections"]] == ["River Town Opens New Bridge", "Opening", "Traffic"]


@pytest.mark.slow
def test_verify_passes_on_a_clean_narration(tmp_path, run_cli):
    art = tmp_path / "clean.md"
    art.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, _ = run_cli("render", art, "--out", out, "--engine", "offline", "--only", "audio", "--no-cache",
                              "--verify")
    report = json.loads((out / "clean.verify.json").read_text())
    assert code == 0 and report["wer"] <= 0.05 and "verify passed" in stdout
    manifest = json.loads((out / "clean.json").read_text())
    assert manifest["verify"] == {"wer": report["wer"], "passed": True, "report": "clean.verify.json"}


def test_verify_without_audio_is_a_clear_error(tmp_path, run_cli):
    art = tmp_path / "none.md"
    art.write_text(STORY, encoding="utf-8")
    code, _, err = run_cli("verify", art, "--out", tmp_path / "nothing")
    assert code == 2 and "no audio edition to verify" in err and "editions render" in err


def test_spelling_variants_are_one_word():
    assert words_for_comparison("The grey harbour neighbourhood") == words_for_comparison("the gray harbor neighborhood")
    assert words_for_comparison("our four hours") == ["our", "four", "hours"]  # not -our spellings


def test_compounds_join_on_both_sides():
    from editions.verify import join_compounds
    e, h = join_compounds("we are not any more tired".split(), "we are not anymore tired".split())
    assert e == h
    e, h = join_compounds("it is under way now".split(), "it is underway now".split())
    assert e == h
    e, h = join_compounds("the river town".split(), "the river town".split())
    assert e == h == ["the", "river", "town"]


def test_heard_text_is_normalised_as_a_whole():
    from editions.verify import heard_words_with_times
    pieces = [(" a", 0.0), (" $4.20", 0.5), (" million", 1.0), (" plan", 1.4), (" on", 1.6), (" March", 2.0),
              (" 3,", 2.3), (" 2027.", 2.6)]
    words, times = heard_words_with_times(pieces)
    assert words == words_for_comparison("a $4.20 million plan on March 3, 2027.")
    assert words[:6] == ["a", "four", "point", "two", "million", "dollar"]
    assert "third" in words and len(times) == len(words) and times == sorted(times)
