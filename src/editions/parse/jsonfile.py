"""JSON (exactly what ``editions inspect --json`` prints) -> an equal Article."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Article, Paragraph, Photo, PullQuote, Section, Span
from . import comments
from .fields import check_lang
from .paths import check_photo_path
from .quotes import locate
from .safe import load_json, no_lone_surrogates

__all__ = ["parse_json", "KEYS"]

KEYS = {"headline", "deck", "byline", "date", "dateline", "lang", "photo", "sections", "pull_quotes",
        "credit_line", "warnings"}


def _text(obj: dict, key: str, path, *, optional: bool = True) -> str:
    value = obj.get(key, "" if optional else None)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise InputError(f"JSON '{key}' should be a string", path=path)
    return value


def _paragraph(p, path) -> Paragraph:
    if isinstance(p, str):
        return Paragraph(p)
    if isinstance(p, dict) and isinstance(p.get("text"), str):
        spans = []
        for item in p.get("emphasis", []):
            if (not isinstance(item, list) or len(item) != 3 or item[2] not in ("em", "strong")
                    or not all(isinstance(x, int) for x in item[:2]) or not 0 <= item[0] < item[1] <= len(p["text"])):
                raise InputError("JSON emphasis should be [start, end, 'em'|'strong'] inside the text", path=path)
            spans.append(Span(item[0], item[1], item[2]))
        spans.sort(key=lambda sp: (sp.start, sp.end))
        for a, b in zip(spans, spans[1:]):
            if b.start < a.end:
                raise InputError(f"JSON emphasis spans overlap ([{a.start}, {a.end}] and [{b.start}, {b.end}])",
                                 path=path, hint="make emphasis spans follow each other without overlapping")
        return Paragraph(p["text"], tuple(spans))
    raise InputError("JSON paragraphs should be strings", path=path)


def parse_json(text: str, *, source_path: str | None = None, warnings: list[str] | None = None) -> Article:
    path = source_path or "<json>"
    data = load_json(text, path, hint="give the output of 'editions inspect --json'")
    if not isinstance(data, dict):
        raise InputError("JSON should be an object with a 'headline'", path=path)
    no_lone_surrogates(data, path, 'JSON text')
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise InputError(f"unknown JSON key '{unknown[0]}'", path=path, hint="known keys: " + ", ".join(sorted(KEYS)))
    headline = _text(data, "headline", path, optional=False) if "headline" in data else ""
    if not headline.strip():
        raise InputError("JSON has no 'headline'", path=path)
    photo = None
    if data.get("photo") is not None:
        p = data["photo"]
        if not isinstance(p, dict):
            raise InputError("JSON 'photo' should be an object or null", path=path)
        ppath = p.get("path")
        if ppath is not None and not isinstance(ppath, str):
            raise InputError("JSON 'photo.path' should be a string or null", path=path)
        if ppath and source_path:
            check_photo_path(ppath, Path(source_path))
        photo = Photo(ppath or None, _text(p, "caption", path), _text(p, "credit", path), _text(p, "alt", path))
    sections = []
    for s in data.get("sections") or []:
        if not isinstance(s, dict) or not isinstance(s.get("paragraphs", []), list):
            raise InputError("JSON sections should be {heading, paragraphs}", path=path)
        heading = s.get("heading")
        if heading is not None and not isinstance(heading, str):
            raise InputError("JSON section 'heading' should be a string or null", path=path)
        sections.append(Section(heading, tuple(_paragraph(p, path) for p in s.get("paragraphs", []))))
    sections_t = tuple(sections)
    quotes = []
    for q in data.get("pull_quotes") or []:
        if not isinstance(q, dict) or not isinstance(q.get("text"), str):
            raise InputError("JSON pull_quotes should be {text, attribution}", path=path)
        quotes.append(PullQuote(q["text"], _text(q, "attribution", path), locate(q["text"], sections_t)))
    date = data.get("date")
    if date is not None and not isinstance(date, str):
        raise InputError("JSON 'date' should be an ISO date string or null", path=path)
    stored = data.get("warnings") or []
    if not isinstance(stored, list) or not all(isinstance(w, str) for w in stored):
        raise InputError("JSON 'warnings' should be a list of strings", path=path)
    lang = check_lang(_text(data, "lang", path) or "en-US", path, "JSON 'lang'")
    new = list(warnings or [])
    where = comments.first_in({k: v for k, v in data.items() if k != "warnings"})
    if where:  # JSON is the model's own text: taken as written, but never published without a word
        new.append(f"JSON text holds '<!--' (at {where}): JSON text is published as written, an HTML comment too")
    return Article(headline=headline, deck=_text(data, "deck", path), byline=_text(data, "byline", path),
                   date=date, dateline=_text(data, "dateline", path), lang=lang,
                   photo=photo, sections=sections_t, pull_quotes=tuple(quotes),
                   credit_line=_text(data, "credit_line", path), source_path=source_path,
                   warnings=tuple(stored) + tuple(w for w in new if w not in stored))
