"""Scraped plain text -> Article.

The form news pages are scraped to: blocks separated by blank lines; maybe a photo
line first (credit then caption), the headline (often twice), short unpunctuated
heading lines, paragraphs, maybe a dateline on the first paragraph, and a closing
"X contributed to this report." line.  No word of the input is dropped: every
block ends up in some field of the model.  HTML comments a scrape carries (``<!-- … -->``)
are left out first (:mod:`.comments`); every pattern here runs in time linear in the text.
"""
from __future__ import annotations

import re

from ..config import ParseConfig
from ..model import Article, Paragraph, Photo, Section
from . import comments
from .lines import join_lines
from .quotes import find_candidates

__all__ = ["parse_plain"]

_TERMINAL = tuple('.!?:;,"”’)…')
_CONTRIB = re.compile(r"^(?:(?:The\s+)?[\w .,&'’-]{1,80}?\s+contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story)\.?"
                      r"|(?:Additional\s+)?[Rr]eporting\s+by\s+.{1,120}|Editing\s+by\s+.{1,120})$")
_DATELINE = re.compile(r"^((?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*)(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
                       r"(?:\s+\([^)]{1,30}\))?)\s*[—–-]{1,2}\s+(?=\S)")
_PHOTO_WORD = re.compile(r"Photo(?:graph)?s?[ \t]*+(?:by\b|:)[ \t]*+", re.I)
"""'Photo:', 'Photo by', 'Photographs by' (no backtracking: it is searched for in a whole line)."""
_PHOTO_NAMES = ("Photo(?:graph)?|Foto(?:graf[íi]a)?|Фото|Φωτογραφία|صورة|الصورة|फ़ोटो|फोटो|तस्वीर|צילום|"
                "图片|图|照片|写真|사진")
_LEADING = re.compile(rf"\(?[ \t]*+(?:(?:{_PHOTO_NAMES})(?:[ \t]*+[:：]|[ \t]++(?:by|por|von|par|de|di)\b)"
                      r"|Photos[ \t]*+:)[ \t]*+", re.I)
"""A line that opens so is a photo line ('Photos by readers' can be a headline, 'Photo by Jane Roe' is not), in
each language's usual form ('Foto:', 'Фото:', 'صورة:', '图：', 'Foto de')."""
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 110


def _blocks(text: str) -> list[str]:
    return [join_lines(b) for b in re.split(r"\n\s*\n", text) if b.strip()]


def _without_scraper_lines(blocks: list[str], patterns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    exact = {p.casefold() for p in patterns if not p.endswith("*")}
    prefixes = tuple(p[:-1].casefold() for p in patterns if p.endswith("*"))
    kept, dropped = [], []
    for b in blocks:
        key = b.casefold()
        if key in exact or (prefixes and key.startswith(prefixes)):
            dropped.append(b)
        else:
            kept.append(b)
    if not kept:  # a file of nothing but such lines is kept as it is
        return blocks, []
    return kept, dropped


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _trailing_photo_form(line: str) -> tuple[str, str] | None:
    """'CAPTION (Photo: NAME)' or 'CAPTION Photo: NAME' -> (NAME, CAPTION).  The name holds no parenthesis, so
    only the text after the line's last one is searched: linear, however many 'Photo:' the line repeats."""
    body = line.rstrip()
    if body.endswith(")"):
        body = body[:-1]
    cut = max(body.rfind("("), body.rfind(")")) + 1
    m = _PHOTO_WORD.search(body, cut)
    if not m:
        return None
    start = m.start()
    before = body[cut:start]
    if not before.strip() and cut and body[cut - 1] == "(":
        start = cut - 1  # '(Photo: NAME)': the parenthesis goes with it
    name = body[m.end():].strip()
    caption = line[:start].strip()
    if not name or not caption:
        return None
    return name, caption


def _credit_then_caption(text: str, credit_words: tuple[str, ...]) -> tuple[str, str] | None:
    """'Reuters Smoke rises…' -> ('Reuters', 'Smoke rises…'): a known credit, maybe '/Name', then the caption."""
    for word in sorted(credit_words, key=len, reverse=True):
        w = re.escape(word)
        m = re.match(rf"({w}(?:[ \t]*+/[ \t]*+[A-Z][\w.'’-]*+(?:[ \t]++[A-Z][\w.'’-]*+)*)?)[ \t]+(?=[A-Z0-9“\"])",
                     text)
        if m and len(text) > m.end():
            return m.group(1), text[m.end():].strip()
    return None


def _leading_photo_form(line: str, credit_words: tuple[str, ...]) -> tuple[str, str] | None:
    """'Photo: City Desk A protester holds…' -> ('City Desk', 'A protester holds…').  After a known credit the
    caption starts; else the credit is the run of capitalised words, and the caption starts at the last of them
    when a lowercase word follows ('A protester') or after them when something else does."""
    m = _LEADING.match(line)
    if not m:
        return None
    rest = line[m.end():].strip()
    known = _credit_then_caption(rest, credit_words)
    if known:
        return known
    words = rest.split(" ")
    run = 0
    while run < len(words) and words[run][:1].isupper():
        run += 1
    if run == 0:  # no capitals to tell a credit by (Arabic, Chinese; or 'Photo: a protester…'): all caption
        return "", rest
    if run < len(words) and words[run][:1].islower() and run > 1:
        run -= 1
    return " ".join(words[:run]).rstrip(")"), " ".join(words[run:])


def split_photo_line(line: str, credit_words: tuple[str, ...]) -> tuple[str, str] | None:
    """(credit, caption) if the line opens with 'Photo:' / 'Photo by', ends with a 'Photo: NAME' form, or starts
    with a known credit."""
    return (_leading_photo_form(line, credit_words) or _trailing_photo_form(line)
            or _credit_then_caption(line, credit_words))


def _looks_like_headline(block: str) -> bool:
    return len(block.split()) <= 30 and not block.endswith((".", ",", ";"))


def _is_heading(block: str, following: str | None) -> bool:
    if following is None:
        return False
    words = block.split()
    return (0 < len(words) <= MAX_HEADING_WORDS and len(block) <= MAX_HEADING_CHARS
            and not block.endswith(_TERMINAL) and block[0].isupper()
            and len(following.split()) > len(words))


def parse_plain(text: str, *, cfg: ParseConfig = ParseConfig(), source_path: str | None = None,
                warnings: list[str] | None = None) -> Article:
    """Parse scraped text (already cleaned by :mod:`editions.parse.source`)."""
    warnings = list(warnings or [])
    text, left_out = comments.remove_lines(text, source_path or "<text>")
    if left_out:
        warnings.append(f"left out {left_out} HTML comment(s) (<!-- … -->)")
    blocks, dropped = _without_scraper_lines(_blocks(text), cfg.drop_lines)
    if dropped:
        shown = ", ".join(f"'{d[:60]}'" for d in dropped[:5]) + (" …" if len(dropped) > 5 else "")
        warnings.append(f"left out {len(dropped)} line(s) that are not the article: {shown}")
    photo = None
    # A photo line: starts with a credit, or the duplicated headline follows it.
    if len(blocks) >= 2:
        leading = _leading_photo_form(blocks[0], cfg.credit_words)  # 'Photo: …' is never the headline
        split = leading or split_photo_line(blocks[0], cfg.credit_words)
        dup_follows = (len(blocks) >= 3 and _same(blocks[1], blocks[2]) and not _same(blocks[0], blocks[1])
                       and _looks_like_headline(blocks[1]))
        if split and (leading or dup_follows or len(blocks[0].split()) > 3):
            photo = Photo(path=None, caption=split[1], credit=split[0])
            blocks = blocks[1:]
        elif dup_follows:
            photo = Photo(path=None, caption=blocks[0], credit="")
            blocks = blocks[1:]
    headline = blocks[0]
    blocks = blocks[1:]
    if blocks and _same(blocks[0], headline):  # the scraper's duplicated headline
        blocks = blocks[1:]
    if len(headline.split()) > 40:
        # A scrape with no headline line: the first block is body text. Keep it as body.
        warnings.append("no headline line found; used the first sentence")
        first = re.split(r"(?<=[.!?])\s+", headline, maxsplit=1)[0][:200]
        blocks = [headline] + blocks
        headline = first
    credit_line = ""
    if blocks and _CONTRIB.match(blocks[-1]):
        credit_line = blocks.pop()

    sections: list[Section] = []
    heading: str | None = None
    paras: list[Paragraph] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if _is_heading(block, nxt) and not (nxt is not None and _is_heading(nxt, None)):
            if paras or heading is not None:
                sections.append(Section(heading, tuple(paras)))
            heading, paras = block, []
        else:
            paras.append(Paragraph(block))
    if paras or heading is not None:
        sections.append(Section(heading, tuple(paras)))

    dateline = ""
    if sections and sections[0].paragraphs:
        first = sections[0].paragraphs[0].text
        m = _DATELINE.match(first)
        if m and len(m.group(1)) <= 60 and sum(c.isupper() for c in m.group(1).split(",")[0]) >= 2:
            dateline = m.group(1).strip()
            rest = first[m.end():]
            s0 = sections[0]
            sections[0] = Section(s0.heading, (Paragraph(rest),) + s0.paragraphs[1:])
    if not sections:
        warnings.append("the article has a headline but no body text")
    sections_t = tuple(sections)
    return Article(headline=headline, dateline=dateline, photo=photo, sections=sections_t,
                   pull_quotes=find_candidates(sections_t), credit_line=credit_line,
                   source_path=source_path, warnings=tuple(warnings))
