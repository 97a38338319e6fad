"""Markdown nested deeper than the parser goes: the text is kept, as plain paragraphs, in order.

markdown-it stops at ``maxNesting`` levels (20: a list level takes two, a block quote one) by skipping everything
left in the document — an eleven-level list lost its last levels and every paragraph and section after it.  The
block rule here runs first at every level from :data:`FLAT_FROM` on, before markdown-it's own limit is reached:
it takes the lines at that depth as a paragraph, with the list and quote markers at their starts removed, so no
deeper level is opened.  Each level costs a pass over its own lines, and no more than :data:`FLAT_FROM` levels are
ever opened, so 50,000 ``>`` or list markers parse in time linear in the text (and Python's stack never grows
with the input).

The Article has no lists (a list item is a paragraph), so a flattened level reads as it would have anyway; the
line it starts at is recorded in ``env["flattened"]`` for the warning.
"""
from __future__ import annotations

import re
from typing import Callable

__all__ = ["markdown_parser", "FLAT_FROM", "MAX_NESTING"]

MAX_NESTING = 40
"""markdown-it's own block limit (its default is 20), never reached: see :data:`FLAT_FROM`."""
FLAT_FROM = MAX_NESTING - 8
"""The parser level from which lines are kept flat (16 list levels, 32 block quotes). A list item's paragraph
is two levels deeper than the list opened before it, so the parser never gets near :data:`MAX_NESTING`."""

_MARKERS = re.compile(r"(?:[ \t]*+(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|#{1,6}(?=[ \t]|$)))*+[ \t]*+")
"""Block markers at a line's start: quotes, bullets, numbers, heading hashes (possessive: linear)."""


def _flat(text: str) -> str:
    return "\n".join(line[_MARKERS.match(line).end():] for line in text.split("\n"))


def _starts_block(line: str) -> bool:
    return _MARKERS.match(line).end() > len(line) - len(line.lstrip(" \t"))


def _too_deep(state, start: int, end: int, silent: bool) -> bool:
    if state.level < FLAT_FROM:
        return False
    if silent:
        return True
    last = state.lineMax
    nxt = start + 1
    while nxt < last and not state.isEmpty(nxt):
        lazy = state.sCount[nxt] < 0  # a block quote's lazy continuation line
        if not lazy and (state.sCount[nxt] < state.blkIndent
                         or _starts_block(state.src[state.bMarks[nxt]:state.eMarks[nxt]])):
            break
        nxt += 1
    text = _flat(state.getLines(start, nxt, state.blkIndent, False)).strip()
    state.line = nxt
    state.env.setdefault("flattened", []).append(start)
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, nxt]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = text, [start, nxt], []
    state.push("paragraph_close", "p", -1)
    return True


def markdown_parser() -> Callable[[str, dict], list]:
    """``parse(text, env) -> tokens``: CommonMark blocks with the flat rule first and the deeper limit; the inline
    text of each block is parsed by a second parser with markdown-it's own inline limit (links and emphasis
    nested 20 deep: the inline rules' cost grows with it)."""
    from markdown_it import MarkdownIt
    blocks = MarkdownIt("commonmark")
    blocks.options["maxNesting"] = MAX_NESTING
    blocks.block.ruler.before(blocks.block.ruler.__rules__[0].name, "too_deep", _too_deep)
    blocks.disable(["inline", "text_join"])  # the inline parser below does both
    inline = MarkdownIt("commonmark")

    def parse(text: str, env: dict) -> list:
        tokens = blocks.parse(text, env)
        for tok in tokens:
            if tok.type == "inline":
                tok.children = inline.parseInline(tok.content, env)[0].children
        return tokens
    return parse
