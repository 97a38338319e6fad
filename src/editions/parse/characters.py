"""The one character clean-up every format gets: an Article in, an Article with only text in its text fields out.

Each parser turns escapes into characters on its own (JSON ``\\u001b``, YAML ``"\\e"``, Markdown ``&#x202E;``), after
the file-level clean-up of :mod:`.cleanup` has run, so :func:`clean_article` runs once more over every text field
of the finished model whatever the format (headline, deck, byline, date, dateline, lang, photo caption, credit and
alt, headings, paragraphs, pull quotes and attributions, credit line, warnings), keeping emphasis spans on the
same characters.  What it takes out, each kind with one warning:

- control characters (C0, C1, DEL; line and paragraph separators), and a terminal escape sequence as a whole
  (``ESC [ 31 m``, ``ESC ] 0 ; title BEL``), never leaving ``[31m`` behind; invisible characters that carry
  nothing (zero-width space, soft hyphen, stray BOM) -- the same characters :mod:`.cleanup` takes from raw text;
- bidirectional controls: embeddings, overrides, isolates (U+202A-202E, U+2066-2069) and the marks LRM, RLM, ALM
  (U+200E, U+200F, U+061C).  Every edition carries the text in logical order (an override can show a word as
  its mirror: a spoofing vector), so print, narration, EPUB, VTT and tags say the same words;
- private-use code points (icon-font glyphs, U+E000-F8FF and planes 15-16) and noncharacters (U+FDD0-FDEF,
  U+nFFFE/nFFFF): they are not letters.

A control character is replaced by a space where it could stand between two words (as :mod:`.cleanup` does), and
a field that lost something has its runs of spaces made one.  A field left empty is dropped (an empty paragraph,
an empty heading becomes None); an article left with no headline is an InputError.
"""
from __future__ import annotations

import dataclasses
import re

from ..errors import InputError
from ..model import Article, Paragraph, Photo, PullQuote, Section, Span
from .quotes import locate

__all__ = ["clean_article", "scrub", "ESCAPE_SEQUENCE", "CONTROL_WARNING"]

ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]{0,64}[ -/]{0,16}[@-~]|\x1b\][^\x00-\x1f\x7f-\x9f]{0,512}(?:\x07|\x1b\\)")
"""A terminal's CSI sequence (colours, cursor moves, clear screen) or OSC sequence (window title), whole.  (Their
one-byte C1 forms, U+009B and U+009D, go alone: in mis-decoded text one may stand before a real letter.)"""
_CONTROL = "\x00-\x1f\x7f-\x9f\u2028\u2029"
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\u180e\u2061-\u2064"
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_PRIVATE = "\ue000-\uf8ff\U000F0000-\U000FFFFD\U00100000-\U0010FFFD\ud800-\udfff"
_NONCHAR = "\ufdd0-\ufdef" + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
_REMOVE = re.compile(f"{ESCAPE_SEQUENCE.pattern}|(?P<c>[{_CONTROL}])|(?P<i>[{_INVISIBLE}])|(?P<b>[{_BIDI}])"
                     f"|(?P<p>[{_PRIVATE}{_NONCHAR}])")
_SPACES = re.compile(" {2,}")
_KIND = {"c": "control", "i": "control", "b": "bidi", "p": "private", None: "control"}

CONTROL_WARNING = re.compile(r"^removed (\d+) control or invisible character\(s\)$")
"""The warning :mod:`.source` gives for raw text; this module adds its own count to it rather than repeat it."""


def scrub(text: str, offsets: bool = False) -> tuple[str, list[int] | None, dict[str, list[str]]]:
    """``text`` without the characters above; what was removed, by kind (``control``, ``bidi``, ``private``);
    and, with ``offsets``, the new offset of each old one (None when nothing changed)."""
    if text.isascii() and text.isprintable() or not _REMOVE.search(text):
        return text, None, {}
    removed: dict[str, list[str]] = {}

    def one(m: re.Match) -> str:
        removed.setdefault(_KIND[m.lastgroup], []).append(m.group(0))
        return " " if m.lastgroup == "c" else ""  # a control between two words keeps them apart
    if not offsets:
        return _SPACES.sub(" ", _REMOVE.sub(one, text)).strip(" "), None, removed
    keep = [True] * len(text)
    chars = list(text)
    for m in _REMOVE.finditer(text):
        if one(m):
            chars[m.start()] = " "
        else:
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    prev = " "  # runs of spaces become one, and none leads or trails (as _SPACES and strip do above)
    for i, ch in enumerate(chars):
        if keep[i]:
            if ch == " " and prev == " ":
                keep[i] = False
            else:
                prev = ch
    out, mapping = [], []
    for i, ch in enumerate(chars):
        mapping.append(len(out))
        if keep[i]:
            out.append(ch)
    mapping.append(len(out))
    new = "".join(out).rstrip(" ")
    return new, [min(x, len(new)) for x in mapping], removed


class _Cleaner:
    def __init__(self):
        self.removed: dict[str, list[str]] = {}

    def text(self, value: str | None) -> str | None:
        if not value:
            return value
        new, _, removed = scrub(value)
        for kind, items in removed.items():
            self.removed.setdefault(kind, []).extend(items)
        return new

    def paragraph(self, p: Paragraph) -> Paragraph:
        new, mapping, removed = scrub(p.text, offsets=bool(p.spans))
        if not removed:
            return p
        for kind, items in removed.items():
            self.removed.setdefault(kind, []).extend(items)
        spans = []
        for s in p.spans if mapping else ():
            a, b = mapping[s.start], mapping[s.end]
            while a < b and new[a] == " ":
                a += 1
            while b > a and new[b - 1] == " ":
                b -= 1
            if b > a:
                spans.append(Span(a, b, s.style))
        return Paragraph(new, tuple(spans))


def _warnings(removed: dict[str, list[str]], previous: tuple[str, ...]) -> tuple[str, ...]:
    out = list(previous)
    n = len(removed.get("control", ()))
    if n:
        for i, w in enumerate(out):
            m = CONTROL_WARNING.match(w)
            if m:  # the raw text's count and this one, in one warning
                out[i] = f"removed {int(m.group(1)) + n} control or invisible character(s)"
                break
        else:
            out.append(f"removed {n} control or invisible character(s)")

    def shown(items):
        codes = list(dict.fromkeys(f"U+{ord(c):04X}" for c in items))
        return ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
    if removed.get("bidi"):
        out.append(f"removed {len(removed['bidi'])} bidirectional control character(s) ({shown(removed['bidi'])}): "
                   "every edition keeps the text in logical order")
    if removed.get("private"):
        out.append(f"left out {len(removed['private'])} private-use or noncharacter code point(s) "
                   f"({shown(removed['private'])}): they are not text")
    return tuple(dict.fromkeys(out))


def clean_article(article: Article) -> Article:
    """The article with every text field cleaned (see the module docstring), warnings added for what went."""
    c = _Cleaner()
    headline = c.text(article.headline)
    if not headline.strip():
        raise InputError("the headline has no text (only control or invisible characters)",
                         path=article.source_path, hint="write the headline in words")
    sections = []
    for s in article.sections:
        paras = []
        for p in s.paragraphs:
            q = c.paragraph(p)
            if q.text or not p.text:  # a paragraph that held nothing but such characters goes
                paras.append(q)
        heading = c.text(s.heading)
        heading = None if s.heading and not heading else heading
        if paras or heading is not None:
            sections.append(Section(heading, tuple(paras)))
    quotes = []
    for q in article.pull_quotes:
        text = c.text(q.text)
        if text:
            quotes.append(PullQuote(text, c.text(q.attribution), q.source))
    photo = article.photo
    if photo is not None:
        photo = Photo(photo.path, c.text(photo.caption), c.text(photo.credit), c.text(photo.alt))
    fields = {f: c.text(getattr(article, f)) for f in ("deck", "byline", "date", "dateline", "lang", "credit_line")}
    if article.lang and not fields["lang"]:
        fields["lang"] = "en-US"
    if article.date and not fields["date"]:
        fields["date"] = None
    warnings = tuple(w for w in (c.text(w) for w in article.warnings) if w)
    removed, c.removed = c.removed, {}
    if not removed:  # nothing taken out: every field is as the parser made it
        return article
    if tuple(sections) != article.sections:  # found again in the cleaned text, as parse_json would find them
        quotes = [dataclasses.replace(q, source=locate(q.text, tuple(sections))) for q in quotes]
    return dataclasses.replace(article, headline=headline, sections=tuple(sections), pull_quotes=tuple(quotes),
                               photo=photo, warnings=_warnings(removed, warnings), **fields)
