"""Properties: no word of the input is lost; arbitrary input gives an Article or the package's own error."""
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from editions.errors import EditionsError
from editions.model import Article
from editions.parse import parse_text
from editions.parse.source import decode

WORD = st.from_regex(r"[A-Za-z][a-z]{0,11}[0-9]{0,2}", fullmatch=True)
LINE = st.lists(WORD, min_size=1, max_size=25).map(" ".join)
PUNCT = st.sampled_from(["", ".", "!", "?", ",", ":", " —", "”"])
BLOCK = st.tuples(LINE, PUNCT).map("".join)
ARTICLE = st.lists(BLOCK, min_size=1, max_size=14).map("\n\n".join)


@given(ARTICLE)
def test_every_word_of_the_body_is_in_the_model(text):
    a = parse_text(text, "text")
    model = json.dumps(a.to_dict(), ensure_ascii=False)
    model_words = set(re.findall(r"\w+", model))
    for word in re.findall(r"\w+", text):
        assert word in model_words


@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_article_or_own_error(data):
    for fmt in ("text", "markdown", "json"):
        try:
            text, warns = decode(data, "fuzz")
            assert isinstance(parse_text(text, fmt, warnings=warns), Article)
        except EditionsError:
            pass


@given(st.text(max_size=600))
def test_arbitrary_text_gives_article_or_own_error(text):
    for fmt in ("text", "markdown", "json"):
        try:
            clean, warns = decode(text.encode("utf-8", "surrogatepass"), "fuzz")
            assert isinstance(parse_text(clean, fmt, warnings=warns), Article)
        except EditionsError:
            pass


@given(st.text(alphabet=st.sampled_from("-:{}[]'\"#&*!|>%@`\n abc"), max_size=200))
def test_arbitrary_front_matter_gives_article_or_own_error(front):
    try:
        parse_text(f"---\n{front}\n---\nBody.", "markdown")
    except EditionsError:
        pass
