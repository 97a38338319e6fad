"""Markdown with YAML front matter -> Article (the authoring format).

Front matter keys: title (required), deck, byline, date (ISO), dateline, lang,
photo {path, caption, credit, alt}, pull_quotes (strings or {text, attribution}),
credit_line.  Body: paragraphs; ``## Heading`` starts a section; ``*em*`` and
``**strong**`` become spans.  Parsed with markdown-it-py and PyYAML (no aliases, bounded depth: see
:mod:`.safe`).
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..errors import InputError
from ..model import Article, Paragraph, Photo, PullQuote, Section, Span
from .paths import check_photo_path
from .quotes import find_candidates, locate
from .safe import load_yaml

__all__ = ["parse_markdown", "FRONT_MATTER_KEYS"]

FRONT_MATTER_KEYS = {"title", "deck", "byline", "date", "dateline", "lang", "photo", "pull_quotes", "credit_line"}
PHOTO_KEYS = {"path", "caption", "credit", "alt"}
_FENCE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_md = MarkdownIt("commonmark")


def _str(meta: dict, key: str, path) -> str:
    value = meta.get(key, "")
    if value is None:
        return ""
    if isinstance(value, (_dt.date, int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"front matter '{key}' should be text", path=path)
    return " ".join(value.split())


def _front_matter(text: str, path) -> tuple[dict, str]:
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
    return meta, text[m.end():]


def _inline(children) -> Paragraph:
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
        if t in ("text", "code_inline", "html_inline"):
            add(tok.content)
        elif t in ("softbreak", "hardbreak"):
            add(" ")
        elif t in ("em_open", "strong_open"):
            open_at[t[:-5]].append(length)
        elif t in ("em_close", "strong_close"):
            kind = t[:-6]
            if open_at[kind]:
                start = open_at[kind].pop()
                if length > start:
                    spans.append(Span(start, length, kind))  # type: ignore[arg-type]
        elif t == "image":
            add(tok.content or "")
    raw = "".join(text)
    # collapse whitespace while keeping span offsets right
    out, mapping = [], []
    prev_space = True
    for ch in raw:
        mapping.append(len(out))
        if ch.isspace():
            if not prev_space:
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


def _body(body: str) -> list[Section]:
    tokens = _md.parse(body)
    sections: list[Section] = []
    heading: str | None = None
    paras: list[Paragraph] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open" and tok.tag in ("h1", "h2", "h3"):
            title = _inline(tokens[i + 1].children).text
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
            paras.append(_inline(tok.children))
        elif tok.type in ("code_block", "fence", "html_block"):
            paras.append(Paragraph(" ".join(tok.content.split())))
        i += 1
    if paras or heading is not None:
        sections.append(Section(heading, tuple(p for p in paras if p.text)))
    return sections


def parse_markdown(text: str, *, source_path: str | None = None, warnings: list[str] | None = None) -> Article:
    """Parse the authoring format; see the module docstring for the keys."""
    path = source_path or "<markdown>"
    meta, body = _front_matter(text, path)
    title = _str(meta, "title", path)
    if not title:
        raise InputError("front matter has no 'title'", path=path, hint="add 'title: Your headline'")
    lang = _str(meta, "lang", path) or "en-US"
    if not _LANG.match(lang):
        raise InputError(f"'lang' is not a language tag: {lang!r}", path=path, hint="use a BCP 47 tag such as en-US")
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
        ppath = _str(p, "path", path) or None
        if ppath and source_path:
            check_photo_path(ppath, Path(source_path))
        photo = Photo(path=ppath, caption=_str(p, "caption", path), credit=_str(p, "credit", path),
                      alt=_str(p, "alt", path))
    sections = tuple(_body(body))
    quotes_meta = meta.get("pull_quotes")
    if quotes_meta is None:
        pull = find_candidates(sections)
    else:
        if not isinstance(quotes_meta, list):
            raise InputError("'pull_quotes' should be a list", path=path)
        items = []
        for q in quotes_meta:
            if isinstance(q, str):
                q = {"text": q}
            if not isinstance(q, dict) or not isinstance(q.get("text"), str) or set(q) - {"text", "attribution"}:
                raise InputError("each pull quote should be text or {text, attribution}", path=path)
            qtext = " ".join(q["text"].split()).strip("“”\"")
            items.append(PullQuote(qtext, " ".join(str(q.get("attribution") or "").split()), locate(qtext, sections)))
        pull = tuple(items)
    warns = list(warnings or [])
    if not sections:
        warns.append("the article has a headline but no body text")
    return Article(headline=title, deck=_str(meta, "deck", path), byline=_str(meta, "byline", path), date=date,
                   dateline=_str(meta, "dateline", path), lang=lang, photo=photo, sections=sections,
                   pull_quotes=pull, credit_line=_str(meta, "credit_line", path), source_path=source_path,
                   warnings=tuple(warns))
