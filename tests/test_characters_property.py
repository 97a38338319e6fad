"""Property (issue 20): random Unicode -- control characters and terminal escape sequences, bidirectional controls,
private use, noncharacters, emoji sequences, lone surrogates as JSON or YAML escapes -- through every parser (plain
text, Markdown front matter values and body, every JSON field) gives either one of our own errors or a model none
of whose text fields holds a control, bidirectional control, private-use, surrogate or noncharacter code point, with
its emphasis spans inside their text."""
from __future__ import annotations

import json

from hypothesis import event, given, settings
from hypothesis import strategies as st

from editions.errors import EditionsError
from editions.parse import decode, parse_text

from .test_characters import BIDI, EMOJI, bad, strings

HOSTILE = ([chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\x9b", "\x9d", "\x1b[31m", "\x1b[0m", "\x1b[2J",
           "\x1b]0;title\x07", "\x9b1m", "\x1b[", "\x1b]"] + list(BIDI)
           + ["\ue000", "\uf099", "\uf8ff", "\U000F0000", "\U000FFFFD", "\U00100000", "\U0010FFFD"]
           + ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001FFFE", "\U0010FFFF"]
           + ["\u200b", "\u00ad", "\ufeff", "\u2028", "\u2029", "\u200d", "\ufe0f", "\u20e3", "\U000E0100",
              "\U0001F3FD", "\U000E0067"] + EMOJI)
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
WORDS = ["Council", "votes", "the", "harbour", "wall", "café", "Zoë", " ", " ", ". ", ", ", "“quoted words”", "1"]


def pieces(surrogates: bool = False):
    pool = HOSTILE + (SURROGATES if surrogates else [])
    return st.lists(st.one_of(st.sampled_from(pool), st.sampled_from(WORDS), st.text(max_size=3)),
                    min_size=1, max_size=14).map("".join)


def check(text: str, fmt: str) -> None:
    """Parse as ``load_article`` does (decode, then the format's parser); only our errors; nothing leaked."""
    try:
        decoded, warnings = decode(text.encode("utf-8"), "<property>")
        article = parse_text(decoded, fmt, warnings=warnings, source_path="<property>")
    except EditionsError as e:
        event(f"refused: {e.message[:40]}")
        return
    event("parsed")
    for s in strings(article.to_dict()):
        assert not any(bad(ch) for ch in s), (fmt, s)
    for p in article.paragraphs:  # (how Markdown's nested emphasis is split into spans is not this test's)
        assert all(0 <= sp.start < sp.end <= len(p.text) for sp in p.spans), (p.text, p.spans)


@st.composite
def json_articles(draw):
    surrogates = draw(st.booleans())
    value = pieces(surrogates)

    def paragraph():
        text = draw(value)
        cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=4))))
        spans = [[a, b, draw(st.sampled_from(["em", "strong"]))] for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
        return {"text": text, "emphasis": spans} if spans else text
    doc = {"headline": draw(value), "deck": draw(value), "byline": draw(value), "dateline": draw(value),
           "lang": draw(st.sampled_from(["en-US", "en\u202e", "\x1b[31men"])), "date": draw(value),
           "credit_line": draw(value), "warnings": [draw(value)],
           "photo": {"path": None, "caption": draw(value), "credit": draw(value), "alt": draw(value)},
           "sections": [{"heading": draw(st.one_of(st.none(), value)), "paragraphs": [paragraph(), paragraph()]}
                        for _ in range(draw(st.integers(1, 2)))],
           "pull_quotes": [{"text": draw(value), "attribution": draw(value)}]}
    return json.dumps(doc, ensure_ascii=surrogates or draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(json_articles())
def test_any_json_article_gives_our_error_or_clean_fields(text):
    check(text, "json")


def _yaml_quoted(s: str) -> str:
    """A YAML double-quoted scalar, every character outside printable ASCII as an escape (\\e, \\0, \\uXXXX…)."""
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            out.append(f"\\U{ord(ch):08x}")
        else:
            out.append({"\x00": "\\0", "\x1b": "\\e", "\x07": "\\a"}.get(ch, f"\\u{ord(ch):04x}"))
    return '"' + "".join(out) + '"'


@st.composite
def markdown_articles(draw):
    value = pieces(surrogates=draw(st.booleans()))
    front = {k: draw(value) for k in ("title", "deck", "byline", "dateline", "credit_line")}
    lines = [f"{k}: {_yaml_quoted(v)}" for k, v in front.items()]
    lines += ["photo:", f"  caption: {_yaml_quoted(draw(value))}", f"  credit: {_yaml_quoted(draw(value))}",
              f"  alt: {_yaml_quoted(draw(value))}",
              f"pull_quotes:\n  - text: {_yaml_quoted(draw(value))}\n    attribution: {_yaml_quoted(draw(value))}"]
    body = pieces()
    blocks = [draw(body), "## " + draw(body), f"*{draw(body)}* and **{draw(body)}** &#x202E;&#xF099;&#27;", draw(body)]
    return "---\n" + "\n".join(lines) + "\n---\n" + "\n\n".join(blocks) + "\n"


@settings(max_examples=150, deadline=None)
@given(markdown_articles())
def test_any_markdown_article_gives_our_error_or_clean_fields(text):
    check(text, "markdown")


@settings(max_examples=150, deadline=None)
@given(st.lists(pieces(), min_size=1, max_size=6))
def test_any_plain_text_article_gives_our_error_or_clean_fields(blocks):
    check("\n\n".join(blocks) + "\n", "text")
