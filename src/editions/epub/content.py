"""The EPUB's readable parts: Article + Narration in, the XHTML content document, nav.xhtml and the stylesheet out.

One content document in reading order: a header (h1 headline, deck, byline and
date), the photo as a figure (img with alt, figcaption with caption and credit),
one section per article section (h2, a p per paragraph, the dateline before the
first), and the credit line.  Pull quotes are not repeated: they are print's
device, and a reader would meet the same words twice.  Every narrated cue gets an
element id, a sentence a ``<span>`` of its own, so the media overlay can point
at it; :class:`Content` returns the id for each cue in narration order.

Both documents carry the article's language (``xml:lang`` and ``lang``) and, for a language written right to
left, ``dir="rtl"`` on ``html`` and ``body``: the text stays in logical order and the reading system lays it out.
The few words the renderer adds itself ("By", the date, "Contents", "Opening") are in the book's language where
:mod:`editions.wording` has it, else English, and then say so (``lang="en"``, and ``dir="ltr"`` in a
right-to-left book), so a screen reader switches voice.
The stylesheet names no font: the reading system picks one that has the script.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..langtags import primary, rtl_language
from ..model import Article, Paragraph
from ..wording import format_date, gap_after, label
from ..narration import Narration
from .rules import NS, clean, pub_date, serialise, xml_text

__all__ = ["Content", "build_content", "build_nav", "STYLESHEET", "ACTIVE_CLASS"]

ACTIVE_CLASS = "-epub-media-overlay-active"
"""The class a reading system puts on the element being read aloud (declared as media:active-class)."""

STYLESHEET = f"""/* editions read-along: sizes are relative, so the reader's own text size always wins */
body {{ margin: 0 4%; line-height: 1.5; }}
h1 {{ font-size: 1.6em; line-height: 1.2; margin: 0.6em 0 0.3em; }}
h2 {{ font-size: 1.25em; line-height: 1.25; margin: 1.4em 0 0.4em; }}
p {{ margin: 0 0 0.8em; }}
.deck {{ font-size: 1.15em; margin-bottom: 0.5em; }}
.byline {{ font-weight: bold; }}
.dateline {{ font-weight: bold; }}
figure {{ margin: 1em 0; }}
figure img {{ display: block; max-width: 100%; height: auto; }}
figcaption {{ margin-top: 0.3em; }}
.photo-credit {{ font-style: italic; }}
.credit-line {{ font-style: italic; margin-top: 1.5em; }}
.{ACTIVE_CLASS} {{ background-color: #ffe680; color: #000000; }}
"""


@dataclass
class Content:
    xhtml: bytes
    """The content document."""
    targets: list[str]
    """The element id each narration cue is read from, in narration order."""
    sections: list[tuple[str, str]]
    """(element id, heading) of each section, for the navigation document ('' for a section with no heading)."""


def _english(element: ET.Element, lang: str, block: bool = False, words: str = "en") -> ET.Element:
    """Mark ``element``, which holds the renderer's own words in the language ``words`` (English where
    :mod:`editions.wording` has none in the book's), as in that language when the book is in another.

    An inline element in a right-to-left book is also ``dir="ltr"`` (isolated from the text around it); a block
    (a heading, the title) keeps the page's direction, so it is aligned like the rest of the page."""
    if primary(lang) != primary(words):
        element.set("xml:lang", words)
        element.set("lang", words)
        if rtl_language(lang) and not rtl_language(words) and not block:
            element.set("dir", "ltr")
    return element


def _page(lang: str, title: str, own_title: str = "") -> tuple[ET.Element, ET.Element]:
    """An XHTML page in ``lang``; ``own_title``: the language of the title when it is the renderer's word, not
    the article's."""
    direction = {"dir": "rtl"} if rtl_language(lang) else {}
    html = ET.Element("html", {"xmlns": NS["xhtml"], "xmlns:epub": NS["epub"], "xml:lang": lang, "lang": lang,
                               **direction})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    head_title = ET.SubElement(head, "title")
    head_title.text = clean(title) or "Article"
    if own_title or not clean(title):
        _english(head_title, lang, block=True, words=own_title if clean(title) else "en")
    ET.SubElement(head, "link", {"rel": "stylesheet", "type": "text/css", "href": "style.css"})
    return html, ET.SubElement(html, "body", direction)


def _add_text(parent: ET.Element, text: str) -> None:
    """Append character data after whatever ``parent`` already holds."""
    text = xml_text(text)
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline(parent: ET.Element, para: Paragraph, a: int, b: int) -> None:
    """``para.text[a:b]`` into ``parent``, with its emphasis as em/strong."""
    pos = a
    for sp in para.spans:
        s, e = max(sp.start, pos), min(sp.end, b)
        if s >= e:
            continue
        _add_text(parent, para.text[pos:s])
        ET.SubElement(parent, "strong" if sp.style == "strong" else "em").text = xml_text(para.text[s:e])
        pos = e
    _add_text(parent, para.text[pos:b])


def _sentences(narr: Narration) -> dict[tuple[int, int], list[tuple[int, str]]]:
    """(section, paragraph) -> [(cue index, sentence text)] in order."""
    out: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for i, cue in enumerate(narr.cues):
        if cue.kind == "sentence" and cue.section is not None and cue.paragraph is not None:
            out.setdefault((cue.section, cue.paragraph), []).append((i, cue.text))
    return out


def build_content(article: Article, narr: Narration, lang: str, image: str | None) -> Content:
    """The content document; ``image`` is the photo's href inside the package (None: no picture to show)."""
    html, body = _page(lang, article.headline)
    body.set("epub:type", "bodymatter")
    targets: dict[int, str] = {}
    by_kind: dict[str, list[int]] = {}
    for i, cue in enumerate(narr.cues):
        by_kind.setdefault(cue.kind, []).append(i)

    def point(kind: str, element_id: str) -> None:
        for i in by_kind.get(kind, []):
            targets.setdefault(i, element_id)

    header = ET.SubElement(body, "header", {"id": "top"})
    ET.SubElement(header, "h1", {"id": "headline"}).text = clean(article.headline)
    point("headline", "headline")
    if article.deck:
        ET.SubElement(header, "p", {"id": "deck", "class": "deck"}).text = clean(article.deck)
        point("deck", "deck")
    if article.byline or article.date:
        by = ET.SubElement(header, "p", {"id": "byline", "class": "byline"})
        if article.byline:
            word, words = label("by", lang)
            if primary(lang) == words:
                _add_text(by, f"{word}{gap_after(word)}")
            else:
                _english(ET.SubElement(by, "span"), lang, words=words).text = word
                _add_text(by, gap_after(word))
            ET.SubElement(by, "span", {"class": "author"}).text = clean(article.byline)
        if article.date:
            if article.byline:
                _add_text(by, " · ")
            iso = pub_date(article.date)
            when = ET.SubElement(by, "time", {"datetime": iso} if iso else {})
            when.text, words = format_date(article.date, lang)
            when.text = clean(when.text)
            _english(when, lang, words=words)  # in the book's language where wording has it, else English
        point("byline", "byline")

    photo = article.photo
    if photo and (image or photo.caption or photo.credit):
        fig = ET.SubElement(body, "figure", {"id": "photo"})
        if image:
            ET.SubElement(fig, "img", {"src": image, "alt": clean(photo.alt or photo.caption)})
        if photo.caption or photo.credit:
            cap = ET.SubElement(fig, "figcaption")
            if photo.caption:
                ET.SubElement(cap, "span", {"class": "caption"}).text = clean(photo.caption)
            if photo.credit:
                if photo.caption:
                    _add_text(cap, " ")
                ET.SubElement(cap, "span", {"class": "photo-credit"}).text = clean(photo.credit)
        point("photo", "photo")

    sentences = _sentences(narr)
    nav: list[tuple[str, str]] = []
    for si, section in enumerate(article.sections):
        sec = ET.SubElement(body, "section", {"id": f"sec{si}"})
        if section.heading:
            sec.set("aria-labelledby", f"heading{si}")
            ET.SubElement(sec, "h2", {"id": f"heading{si}"}).text = clean(section.heading)
            for i in by_kind.get("heading", []):
                if narr.cues[i].section == si:
                    targets[i] = f"heading{si}"
        nav.append((f"sec{si}", clean(section.heading)))
        for pi, para in enumerate(section.paragraphs):
            p = ET.SubElement(sec, "p", {"id": f"p{si}-{pi}"})
            if si == 0 and pi == 0 and article.dateline:
                ET.SubElement(p, "span", {"id": "dateline", "class": "dateline"}).text = clean(article.dateline)
                _add_text(p, " — ")
                point("dateline", "dateline")
            pos = 0
            for k, (cue, sentence) in enumerate(sentences.get((si, pi), [])):
                at = para.text.find(sentence, pos)
                if at < 0:  # cannot happen for a sentence split from this text; the paragraph still carries it
                    targets[cue] = f"p{si}-{pi}"
                    continue
                _inline(p, para, pos, at)
                span = ET.SubElement(p, "span", {"id": f"s{si}-{pi}-{k}"})
                _inline(span, para, at, at + len(sentence))
                targets[cue] = span.get("id")
                pos = at + len(sentence)
            _inline(p, para, pos, len(para.text))
        if not section.paragraphs and si == 0 and article.dateline:
            ET.SubElement(sec, "p", {"id": "dateline", "class": "dateline"}).text = clean(article.dateline)
            point("dateline", "dateline")
    if article.credit_line:
        foot = ET.SubElement(body, "footer")
        ET.SubElement(foot, "p", {"id": "credit", "class": "credit-line"}).text = clean(article.credit_line)
        point("credit", "credit")
    # a cue the document has no element for (none expected) is read while showing the top of the article
    ids = [targets.get(i, "top") for i in range(len(narr.cues))]
    return Content(serialise(html, doctype=True), ids, nav)


def build_nav(article: Article, sections: list[tuple[str, str]], lang: str, content_href: str) -> bytes:
    """nav.xhtml: a table of contents (the headline, then every section) and the landmarks."""
    contents, words = label("contents", lang)
    html, body = _page(lang, contents, own_title=words)
    toc = ET.SubElement(body, "nav", {"epub:type": "toc", "id": "toc", "role": "doc-toc"})
    _english(ET.SubElement(toc, "h1"), lang, block=True, words=words).text = contents
    ol = ET.SubElement(toc, "ol")
    top = ET.SubElement(ol, "li")
    link = ET.SubElement(top, "a", {"href": f"{content_href}#top"})
    link.text = clean(article.headline) or "Article"
    if not clean(article.headline):
        _english(link, lang)
    if sections:
        inner = ET.SubElement(top, "ol")
        for element_id, heading in sections:
            link = ET.SubElement(ET.SubElement(inner, "li"), "a", {"href": f"{content_href}#{element_id}"})
            opening, words = label("opening", lang)
            link.text = heading or opening
            if not heading:
                _english(link, lang, words=words)
    marks = ET.SubElement(body, "nav", {"epub:type": "landmarks", "id": "landmarks", "hidden": "hidden"})
    _english(ET.SubElement(marks, "h2"), lang, block=True).text = "Landmarks"
    ol = ET.SubElement(marks, "ol")
    _english(ET.SubElement(ET.SubElement(ol, "li"), "a", {"epub:type": "bodymatter", "href": f"{content_href}#top"}),
             lang).text = "Start of the article"
    return serialise(html, doctype=True)
