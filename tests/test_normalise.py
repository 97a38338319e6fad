"""Speech normalisation: one known answer per rule (Pyphen-style tests that state the answer)."""
import pytest

from editions.speech.normalise import normalise
from editions.speech.numbers import cardinal, ordinal, year
from editions.speech.lexicon import Lexicon, load_lexicon


@pytest.mark.parametrize("text, spoken", [
    ("Maj. Gen. Scott Sherman spoke.", "Major General Scott Sherman spoke."),
    ("Lt. Gov. Anders Lund and Dr. Mai Tran", "Lieutenant Governor Anders Lund and Doctor Mai Tran"),
    ("Gov. Newsom and Sen. Padilla", "Governor Newsom and Senator Padilla"),
    ("on Front St. for nine days", "on Front Street for nine days"),
    ("near St. Mary Church", "near Saint Mary Church"),
    ("the 405 Fwy. was shut", "the four hundred five Freeway was shut"),
    ("the U.S. and L.A. police", "the U S and L A police"),
    ("It cost $4.2 million.", "It cost four point two million dollars."),
    ("It cost $9.99 today.", "It cost nine dollars and ninety-nine cents today."),
    ("a $4.2 million plan", "a four point two million dollar plan"),
    ("a $4.20 million plan", "a four point two million dollar plan"),
    ("$2.6 million in grants", "two point six million dollars in grants"),
    ("a rise of 3.5% this year", "a rise of three point five percent this year"),
    ("passed on a 4-1 vote", "passed on a four to one vote"),
    ("approximately 2,000 soldiers", "approximately two thousand soldiers"),
    ("from 2020-2024", "from twenty twenty to twenty twenty-four"),
    ("built in 1952", "built in nineteen fifty-two"),
    ("on Jan. 1, 2028, at 6 p.m.", "on January first, twenty twenty-eight, at six P M."),
    ("by Sept. 30 at 7:30 a.m.", "by September thirtieth at seven thirty A M."),
    ("the 3rd and 21st times", "the third and twenty-first times"),
    ("salt & pepper", "salt and pepper"),
    ("wait… then — go", "wait... then, go"),
    ("see https://www.example.com/news/item?id=3 now", "see example dot com now"),
    ("at portalder.example.org/seawall.", "at portalder dot example dot org."),
    ("great 🎉 news 👍🏽", "great news"),
    ("<b>bold</b> and *em* &amp; more", "bold and em and more"),
    ("a 1,800-foot wall", "a one thousand eight hundred foot wall"),
])
def test_rule(text, spoken):
    assert normalise(text) == spoken


def test_numbers():
    assert cardinal(0) == "zero" and cardinal(115) == "one hundred fifteen"
    assert cardinal(1_000_001) == "one million one"
    assert ordinal(12) == "twelfth" and ordinal(40) == "fortieth" and ordinal(103) == "one hundred third"
    assert year(2007) == "two thousand seven" and year(1905) == "nineteen oh-five" and year(1900) == "nineteen hundred"


def test_huge_word_is_chunked():
    out = normalise("x" * 10_000)
    assert max(len(w) for w in out.split()) <= 40 and len(out) < 1000


def test_lexicon_respell_and_phonemes():
    lex = Lexicon({"Nguyễn": "Nwin"}, {"Los Angeles": "lɔs ˈænʤələs"})
    assert lex.apply_respell("Dr. Mai Nguyễn said") == "Dr. Mai Nwin said"
    assert lex.apply_phonemes("in Los Angeles today") == "in [Los Angeles](/lɔs ˈænʤələs/) today"
    assert lex.apply_phonemes("in Los Angelesville") == "in Los Angelesville"


def test_builtin_lexicon_fixes_los_angeles():
    lex = load_lexicon()
    assert "Los Angeles" in lex.phonemes


def test_article_lexicon_beside_article(tmp_path):
    art = tmp_path / "story.md"
    art.write_text("---\ntitle: T\n---\nBody.\n", encoding="utf-8")
    (tmp_path / "story.lexicon.toml").write_text('[respell]\n"Xochitl" = "So-cheel"\n', encoding="utf-8")
    assert load_lexicon(article_source=art).respell["Xochitl"] == "So-cheel"


@pytest.mark.parametrize("text, sentences", [
    ("He met Dr. Smith at 5 p.m. Then he left.", ["He met Dr. Smith at 5 p.m.", "Then he left."]),
    ("The U.S. Army said “Go.” Next one.", ["The U.S. Army said “Go.”", "Next one."]),
    ("Maj. Gen. Scott Sherman spoke. He left.", ["Maj. Gen. Scott Sherman spoke.", "He left."]),
    ("It cost $4.2 million. Prices rose 3.5%.", ["It cost $4.2 million.", "Prices rose 3.5%."]),
    ("J. K. Rowling wrote it. Done! Is it? Yes.", ["J. K. Rowling wrote it.", "Done!", "Is it?", "Yes."]),
    ("Put the L.A. Police in a position.", ["Put the L.A. Police in a position."]),
])
def test_sentence_split(text, sentences):
    from editions.speech.script import split_sentences
    assert split_sentences(text) == sentences
