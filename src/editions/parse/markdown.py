"""Markdown with YAML front matter -> Article (the authoring format).

Front matter keys: title (required), deck, byline, date (ISO), dateline, lang,
photo {path, caption, credit, alt}, pull_quotes (strings or {text, attribution}),
credit_line; every value but photo, pull_quotes and date is text (:func:`.fields.front_text`).
Body: paragraphs; ``## Heading`` starts a section; ``*em*`` and ``**strong**`` become spans;
HTML comments are left out (:mod:`.comments`; in code they are text).  Parsed with markdown-it-py
(lists and quotes too deep kept flat: :mod:`.nesting`) and PyYAML (no aliases, bounded depth: see
:mod:`.safe`).
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from ..errors import InputError
from ..model import Article, Paragraph, Photo, PullQuote, Section, Span
from . import comments, nesting
from .fields import check_lang, front_text
from .lines import join_lines, joins_without_space
from .paths import check_photo_path
from .quotes import find_candidates, locate
from .safe import load_yaml

__all__ = ["parse_markdown", "FRONT_MATTER_KEYS"]

FRONT_MATTER_KEYS = {"title", "deck", "byline", "date", "dateline", "lang", "photo", "pull_quotes", "credit_line"}
PHOTO_KEYS = {"path", "caption", "credit", "alt"}
_FENCE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_parse = nesting.markdown_parser()


def _front_matter(text: str, path) -> tuple[dict, str, int]:
    """The front matter, the body, and the body's first line number in the file."""
    m = _FENCE.match(text)
    if not m:
        if text.startswith("---"):
            raise InputError("front matter is not closed", path=path, hint="end it with a line '---'")
        raise InputError("no YAML front matter", path=path, hint="start the file with '---', 'title: ...', '---'")
    meta = load_yaml(m.group(1), path) or {}
    if not isinstance(meta, dict):
        raise InputError("front matter should be 'key: value' lines", path=path)
    unknown = sorted(str(k) for k in meta if k not in FRONT_MATTER_KEYS)
    if unknown:
        raise InputError(f"unknown front matter key '{unknown[0]}'", path=path,
                         hint="known keys: " + ", ".join(sorted(FRONT_MATTER_KEYS)))
    return meta, text[m.end():], text.count("\n", 0, m.end()) + 1


class _Body:
    """What walking the body needs besides its tokens: where it starts in the file, and the comments left out."""

    def __init__(self, path, first_line: int):
        self.path, self.first_line, self.comments = path, first_line, 0
        self._checked: str | None = None

    def without_comments(self, text: str, line: int, whole: str | None = None) -> str:
        """``text`` (from the block starting at body line ``line``, whose source is ``whole``) without comments."""
        if comments.OPEN not in text:
            return text
        source = whole if whole is not None else text
        if source is not self._checked:  # once per block: a paragraph may hold many
            _, open_at = comments.find(source)
            if open_at is not None:  # a '<!--' never closed: name the line it is on
                raise comments.unclosed(open_at, source, self.path, self.first_line + line)
            self._checked = source
        text, n = comments.remove(text, self.path, self.first_line + line)
        self.comments += n
        return text


def _inline(children, doc: _Body, block=None) -> Paragraph:
    """One inline token's children as a paragraph; ``block`` is that inline token (its line and source)."""
    line, whole = (block.map[0], block.content) if block is not None and block.map else (0, None)
    text: list[str] = []
    spans: list[Span] = []
    open_at: dict[str, list[int]] = {"em": [], "strong": []}
    length = 0

    def add(s: str):
        nonlocal length
        text.append(s)
        length += len(s)

    for tok in children or ():
        t = tok.type
        if t == "html_inline" and tok.content.startswith(comments.OPEN):
            doc.comments += 1  # a whole comment: markdown-it found its end
        elif t in ("text", "html_inline"):
            add(doc.without_comments(tok.content, line, whole))
        elif t == "code_inline":  # code is shown as written, a comment in it too
            add(tok.content)
        elif t in ("softbreak", "hardbreak"):
            add("\n")  # a space, unless it falls between two letters of a script written without spaces
        elif t in ("em_open", "strong_open"):
            open_at[t[:-5]].append(length)
        elif t in ("em_close", "strong_close"):
            kind = t[:-6]
            if open_at[kind]:
                start = open_at[kind].pop()
                if length > start:
                    spans.append(Span(start, length, kind))  # type: ignore[arg-type]
        elif t == "image":
            add(doc.without_comments(tok.content or "", line, whole))
    raw = "".join(text)
    if not spans:  # (most paragraphs) nothing to keep in place: the lines joined as join_lines joins them
        return Paragraph(join_lines(raw), ())
    # collapse whitespace while keeping span offsets right
    out, mapping = [], []
    prev_space = True
    for i, ch in enumerate(raw):
        mapping.append(len(out))
        if ch.isspace():
            if not prev_space and not joins_without_space(raw, i):
                out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
    mapping.append(len(out))
    clean = "".join(out)
    stripped = clean.rstrip()
    fixed = []
    for s in spans:
        a, b = mapping[s.start], min(mapping[s.end], len(stripped))
        while a < b and clean[a] == " ":
            a += 1
        while b > a and clean[b - 1] == " ":
            b -= 1
        if b > a:
            fixed.append(Span(a, b, s.style))
    return Paragraph(stripped, tuple(sorted(set(fixed), key=lambda s: (s.start, s.end))))


def _body(body: str, doc: _Body, warnings: list[str]) -> list[Section]:
    env: dict = {}
    tokens = _parse(body, env)
    if env.get("flattened"):
        lines = env["flattened"]
        warnings.append(f"{len(lines)} block(s) nested deeper than {nesting.FLAT_FROM // 2} lists or "
                        f"{nesting.FLAT_FROM} quotes are kept as plain paragraphs, the first at line "
                        f"{doc.first_line + lines[0]}")
    sections: list[Section] = []
    heading: str | None = None
    paras: list[Paragraph] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.tag in ("h1", "h2", "h3"):
            title = _inline(tokens[i + 1].children, doc, tokens[i + 1]).text
            if tok.tag == "h3" and (paras or heading is not None):
                # h3 is kept as a bold paragraph, not a new chapter
                paras.append(Paragraph(title, (Span(0, len(title), "strong"),)) if title else Paragraph(""))
            else:
                if paras or heading is not None:
                    sections.append(Section(heading, tuple(p for p in paras if p.text)))
                heading, paras = title or None, []
            i += 3
            continue
        if tok.type == "inline":
            paras.append(_inline(tok.children, doc, tok))
        elif tok.type in ("code_block", "fence"):
            paras.append(Paragraph(" ".join(tok.content.split())))
        elif tok.type == "html_block":
            paras.append(Paragraph(" ".join(doc.without_comments(tok.content, tok.map[0] if tok.map else 0).split())))
        i += 1
    if paras or heading is not None:
        sections.append(Section(heading, tuple(p for p in paras if p.text)))
    return sections


def parse_markdown(text: str, *, source_path: str | None = None, warnings: list[str] | None = None) -> Article:
    """Parse the authoring format; see the module docstring for the keys."""
    path = source_path or "<markdown>"
    meta, body, body_line = _front_matter(text, path)
    removed: list[int] = []  # HTML comments left out of front-matter values

    def field(mapping: dict, key: str, where: str | None = None) -> str:
        return front_text(mapping.get(key), where or key, path, removed)

    title = field(meta, "title")
    if not title:
        raise InputError("front matter has no 'title'", path=path, hint="add 'title: Your headline'")
    lang = check_lang(field(meta, "lang") or "en-US", path)
    date = meta.get("date")
    if isinstance(date, _dt.datetime):
        date = date.date().isoformat()
    elif isinstance(date, _dt.date):
        date = date.isoformat()
    elif date is not None:
        try:
            date = _dt.date.fromisoformat(str(date)).isoformat()
        except ValueError:
            raise InputError(f"'date' is not an ISO date: {date!r}", path=path, hint="write it as 2026-11-26") from None
    photo = None
    if meta.get("photo") is not None:
        p = meta["photo"]
        if not isinstance(p, dict):
            raise InputError("front matter 'photo' should have path, caption, credit, alt", path=path)
        unknown = sorted(str(k) for k in p if k not in PHOTO_KEYS)
        if unknown:
            raise InputError(f"unknown front matter key 'photo.{unknown[0]}'", path=path,
                             hint="photo keys: path, caption, credit, alt")
        ppath = field(p, "path", "photo.path") or None
        if ppath and source_path:
            check_photo_path(ppath, Path(source_path))
        photo = Photo(path=ppath, caption=field(p, "caption", "photo.caption"),
                      credit=field(p, "credit", "photo.credit"), alt=field(p, "alt", "photo.alt"))
    warns = list(warnings or [])
    doc = _Body(path, body_line)
    sections = tuple(_body(body, doc, warns))
    quotes_meta = meta.get("pull_quotes")
    if quotes_meta is None:
        pull = find_candidates(sections)
    else:
        if not isinstance(quotes_meta, list):
            raise InputError("'pull_quotes' should be a list", path=path)
        items = []
        for i, q in enumerate(quotes_meta):
            if not isinstance(q, dict):
                q = {"text": q}
            if q.get("text") is None or set(q) - {"text", "attribution"}:
                raise InputError("each pull quote should be text or {text, attribution}", path=path)
            qtext = field(q, "text", f"pull_quotes[{i}].text").strip("“”\"")
            items.append(PullQuote(qtext, field(q, "attribution", f"pull_quotes[{i}].attribution"),
                                   locate(qtext, sections)))
        pull = tuple(items)
    deck, byline = field(meta, "deck"), field(meta, "byline")
    dateline, credit_line = field(meta, "dateline"), field(meta, "credit_line")
    left_out = doc.comments + sum(removed)
    if left_out:
        warns.append(f"left out {left_out} HTML comment(s) (<!-- … -->)")
    if not sections:
        warns.append("the article has a headline but no body text")
    return Article(headline=title, deck=deck, byline=byline, date=date, dateline=dateline, lang=lang, photo=photo,
                   sections=sections, pull_quotes=pull, credit_line=credit_line, source_path=source_path,
                   warnings=tuple(warns))
