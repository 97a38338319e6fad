"""The article model: the one thing both renderers read.

Frozen dataclasses, filled by a parser in :mod:`editions.parse` and read by
:mod:`editions.speech` (the narrated MP3) and :mod:`editions.press` (the PDFs).
Each field's docstring says where its value comes from and who uses it.
:meth:`Article.to_dict` is the JSON form that ``editions inspect --json`` prints
and :mod:`editions.parse.jsonfile` reads back into an equal Article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = ["Span", "Paragraph", "Section", "Photo", "PullQuote", "ParagraphRef", "Article", "slugify", "format_date"]

SpanStyle = Literal["em", "strong"]


@dataclass(frozen=True)
class Span:
    """An inline emphasis over ``Paragraph.text[start:end]``."""

    start: int
    """Offset of the first emphasised character. From Markdown ``*x*``/``**x**``; print only."""
    end: int
    """Offset one past the last emphasised character."""
    style: SpanStyle
    """``em`` (italic) or ``strong`` (bold). The print renderer maps these to faces; narration ignores them."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: plain text for narration, emphasis spans for print."""

    text: str
    """Clean plain text (no markup, single spaces). Narrated as is (after normalisation) and set in print."""
    spans: tuple[Span, ...] = ()
    """Emphasis over parts of ``text``, sorted and non-overlapping. Only the print renderer uses them."""


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one heading."""

    heading: str | None
    """The subhead; None for the untitled lead. Announced in audio (a chapter), set as a subhead and PDF bookmark in print."""
    paragraphs: tuple[Paragraph, ...]
    """The body paragraphs in reading order."""


@dataclass(frozen=True)
class Photo:
    """The article's picture, or just its caption when no file exists."""

    path: str | None
    """Image path relative to the article file's folder, as the source wrote it (checked not to leave the
    article's folder or assets/). None when the source only has a caption (scraped text). Print draws it;
    audio uses it as the MP3 cover."""
    caption: str
    """What the picture shows. Printed under the photo; narrated when there is no alt text."""
    credit: str = ""
    """Who took or supplied it ("Flick International", "AP Photo/Jae C. Hong"). Printed on its own line; narrated after the description."""
    alt: str = ""
    """A description for people who cannot see the picture (front matter only). Narrated in preference to the caption."""


@dataclass(frozen=True)
class ParagraphRef:
    """Where a pull quote's words come from: ``Article.sections[section].paragraphs[paragraph]``."""

    section: int
    paragraph: int


@dataclass(frozen=True)
class PullQuote:
    """A quotation set large in print (never narrated twice)."""

    text: str
    """The quoted words without their quotation marks. From front matter, or found in the body by the parser."""
    attribution: str = ""
    """Who said it ("Arturo Flores"), or empty when the article does not say."""
    source: ParagraphRef | None = None
    """The paragraph the words appear in, so print can keep the quote away from it. None if not found in the body."""


@dataclass(frozen=True)
class Article:
    """One news article, as both renderers see it."""

    headline: str
    """The headline as written (scraped text: its first text line, duplicate collapsed; Markdown: ``title``)."""
    deck: str = ""
    """The standfirst under the headline (front matter ``deck``). Narrated after the headline; printed below it."""
    byline: str = ""
    """Who wrote it (front matter ``byline``), the names only: a leading "By" is dropped and several names
    read "A, B and C" (:func:`byline_names`). Narrated and printed after "By"; the MP3 artist and PDF author."""
    date: str | None = None
    """Publication date, ISO 8601 (front matter ``date``). Narrated in words; printed; ID3 TDRC."""
    dateline: str = ""
    """Place line split off the first paragraph ("SACRAMENTO, Calif. (AP)"). Printed before the first paragraph; narrated."""
    lang: str = "en-US"
    """BCP 47 language tag (front matter ``lang``). Picks hyphenation patterns, PDF /Lang, ID3 TLAN."""
    photo: Photo | None = None
    """The picture and its caption (first line of scraped text, or front matter ``photo``)."""
    sections: tuple[Section, ...] = ()
    """The body: an untitled lead section (heading None) if text precedes the first heading, then one per heading."""
    pull_quotes: tuple[PullQuote, ...] = ()
    """Front matter ``pull_quotes``, else quotations of 8-40 words found in the body. Print only."""
    credit_line: str = ""
    """Closing contributor line ("The Associated Press contributed to this report."). Narrated last; printed in italic at the end."""
    source_path: str | None = field(default=None, compare=False)
    """The file the article was read from. Used to resolve the photo and to name outputs; not part of equality."""
    warnings: tuple[str, ...] = ()
    """Recoverable problems the parser noticed (encoding fallback, removed characters). Shown on the console and in manifests."""

    # -- derived values -------------------------------------------------------------------
    def __post_init__(self):
        object.__setattr__(self, "byline", byline_names(self.byline))

    @property
    def slug(self) -> str:
        """Output file stem: the source file's name, else the headline, made URL-safe."""
        if self.source_path:
            return slugify(Path(self.source_path).stem)
        return slugify(self.headline)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every body paragraph in reading order."""
        return tuple(p for s in self.sections for p in s.paragraphs)

    def photo_file(self) -> Path | None:
        """The photo's file on disk (resolved against the article's folder), or None."""
        if self.photo is None or not self.photo.path:
            return None
        base = Path(self.source_path).parent if self.source_path else Path.cwd()
        return (base / self.photo.path).resolve()

    def to_dict(self) -> dict:
        """The JSON form printed by ``editions inspect --json`` (the keys are a public contract)."""
        def para(p: Paragraph):
            if not p.spans:
                return p.text
            return {"text": p.text, "emphasis": [[s.start, s.end, s.style] for s in p.spans]}

        return {
            "headline": self.headline,
            "deck": self.deck,
            "byline": self.byline,
            "date": self.date,
            "dateline": self.dateline,
            "lang": self.lang,
            "photo": None if self.photo is None else {
                "path": self.photo.path, "caption": self.photo.caption,
                "credit": self.photo.credit, "alt": self.photo.alt},
            "sections": [{"heading": s.heading, "paragraphs": [para(p) for p in s.paragraphs]}
                         for s in self.sections],
            "pull_quotes": [{"text": q.text, "attribution": q.attribution} for q in self.pull_quotes],
            "credit_line": self.credit_line,
            "warnings": list(self.warnings),
        }


_BY = re.compile(r"^\s*by\b[\s:]*", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and|&)\s+|,(?!\s*(?:Jr|Sr|I{2,3}|IV)\b)|;|\s+and\s+|\s+&\s+)\s*",
                         re.I)


def byline_names(text: str) -> str:
    """"By Priya Natarajan" -> "Priya Natarajan"; "by A and B, C" / "A; B; C" -> "A, B and C"."""
    text = _BY.sub("", " ".join(text.split()))
    names = [n for n in _NAME_SPLIT.split(text) if n]
    if len(names) <= 1:
        return text.strip()
    return ", ".join(names[:-1]) + " and " + names[-1]


def format_date(iso: str | None) -> str:
    """'2026-11-20' -> 'November 20, 2026'; a non-ISO value comes back as it is.  The editions use
    :func:`editions.wording.format_date`, which says it in the article's language."""
    from .wording import format_date as in_language
    return in_language(iso)[0]


MAX_SLUG_BYTES = 200
"""An output stem's longest, in UTF-8 bytes: its longest file, ``.NAME.large-print.pdf.tmp-PID-XXXXXXXX`` while
it is written, stays inside the 255 bytes a file name may have (80 letters of Chinese are 240)."""
RESERVED_SLUGS = {"index"}
"""Stems the output folder uses for itself (``index.json``): an article called so gets ``-article`` added."""


def slugify(text: str) -> str:
    """An output file stem: Latin text as lowercase ASCII words joined by hyphens ('Café Talks' -> 'cafe-talks');
    other scripts keep their letters ('新闻' -> '新闻'); with no letters or digits at all, a stable hash of the
    text ('🎉🎉' -> 'article-1b0c…'), so two such files never share a name.  Never a reserved stem."""
    import hashlib
    import unicodedata
    text = unicodedata.normalize("NFC", text)
    letters = [ch for ch in text if unicodedata.category(ch)[0] in "LN"]
    def folds(ch: str) -> bool:  # 'é' -> 'e'; 'ø', 'Æ', '新' have no ASCII form
        return unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode().isalnum()
    if all(ch.isascii() or folds(ch) for ch in letters):
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    else:
        kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" else " " for ch in text.lower())
        slug = "-".join(kept.split())
    slug = slug[:80].encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore").strip("-")
    if not slug:
        slug = "article-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    if slug in RESERVED_SLUGS:
        slug += "-article"
    return slug
