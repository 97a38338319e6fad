"""The package document (package.opf): the publication's metadata, manifest and spine.

Takes the article, the file list and the overlay's duration; gives the OPF with
Dublin Core metadata (a stable identifier, title, language, creator, date),
dcterms:modified, the media-overlay durations and active class, and the
EPUB Accessibility 1.1 metadata (access modes, features, hazards, summary,
conformance to WCAG 2.2 AA).  The package's ``xml:lang`` is the article's language, so the title, creator and
description are in it; the accessibility summary, the renderer's own English, says so.  A book in a language
written right to left has ``dir="rtl"`` on the package and ``page-progression-direction="rtl"`` on its spine.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..langtags import primary, rtl_language
from ..model import Article
from .content import ACTIVE_CLASS
from .rules import NS, clean, clock, pub_date, serialise

__all__ = ["Item", "build_package", "package_document", "CONFORMS_TO"]

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


@dataclass(frozen=True)
class Item:
    id: str
    href: str
    media_type: str
    properties: str = ""
    media_overlay: str = ""


def _summary(article: Article, has_image: bool, described: bool) -> str:
    parts = ["A news article with its narration synchronised sentence by sentence: the text is highlighted as it "
             "is read aloud, and the whole of it can be read, heard, or both.",
             "Headings mark every section, listed in the table of contents; the text reflows at any size."]
    if has_image:
        parts.append("The photograph has a text alternative and a caption"
                     + (", and the narration describes it." if described else "."))
    parts.append("No flashing, motion or sound hazards.")
    return " ".join(parts)


def build_package(article: Article, *, identifier: str, lang: str, modified: str, items: list[Item],
                  spine: list[str], overlay_ms: dict[str, int], described_photo: bool, publisher: str = "") -> bytes:
    """The package document of one article's book."""
    has_image = any("cover-image" in it.properties for it in items)
    return package_document(identifier=identifier, title=clean(article.headline) or "Article", lang=lang,
                            modified=modified, items=items, spine=spine, overlay_ms=overlay_ms,
                            summary=_summary(article, has_image, described_photo),
                            auditory=described_photo or not has_image, creator=article.byline,
                            date=pub_date(article.date), description=article.deck, publisher=publisher)


def package_document(*, identifier: str, title: str, lang: str, modified: str, items: list[Item], spine: list[str],
                     overlay_ms: dict[str, int], summary: str, auditory: bool, languages: tuple[str, ...] = (),
                     creator: str = "", date: str | None = None, description: str = "", publisher: str = "") -> bytes:
    """Any book's package document: the metadata given, the accessibility metadata (a picture among ``items``
    makes it visual too; ``auditory``: the audio alone is sufficient, every picture being described), the
    overlays' durations (``overlay_ms``: the overlay's manifest id to its clips' sum) and their total, the
    manifest and the spine.  ``languages``: further ``dc:language`` after ``lang`` (a book of several)."""
    rtl = rtl_language(lang)
    pkg = ET.Element("package", {"xmlns": NS["opf"], "version": "3.0", "unique-identifier": "pub-id",
                                 "xml:lang": lang, **({"dir": "rtl"} if rtl else {})})
    md = ET.SubElement(pkg, "metadata", {"xmlns:dc": NS["dc"]})

    def dc(name: str, text: str, **attrs) -> None:
        ET.SubElement(md, f"dc:{name}", attrs).text = text

    def meta(prop: str, text: str, refines: str | None = None) -> ET.Element:
        element = ET.SubElement(md, "meta", {"property": prop, **({"refines": refines} if refines else {})})
        element.text = text
        return element

    dc("identifier", identifier, id="pub-id")
    dc("title", clean(title))
    for tag in dict.fromkeys((lang, *languages)):
        dc("language", tag)
    if clean(creator):
        dc("creator", clean(creator), id="creator")
        ET.SubElement(md, "meta", {"refines": "#creator", "property": "role", "scheme": "marc:relators"}).text = "aut"
    if date:
        dc("date", date)
    if clean(description):
        dc("description", clean(description))
    if clean(publisher):
        dc("publisher", clean(publisher))
    meta("dcterms:modified", modified)

    has_image = any(it.media_type.startswith("image/") for it in items)
    for mode in ("textual", "auditory") + (("visual",) if has_image else ()):
        meta("schema:accessMode", mode)
    meta("schema:accessModeSufficient", "textual")
    if auditory:
        meta("schema:accessModeSufficient", "auditory")
    meta("schema:accessModeSufficient", "textual,auditory")
    features = ["structuralNavigation", "synchronizedAudioText", "displayTransformability", "tableOfContents",
                "readingOrder"] + (["alternativeText"] if has_image else [])
    for f in features:
        meta("schema:accessibilityFeature", f)
    meta("schema:accessibilityHazard", "none")
    summary_meta = meta("schema:accessibilitySummary", summary)
    if primary(lang) != "en":
        summary_meta.set("xml:lang", "en")
        if rtl:
            summary_meta.set("dir", "ltr")
    meta("dcterms:conformsTo", CONFORMS_TO)
    meta("a11y:certifiedBy", clean(publisher) or "editions")

    for smil_id, ms in overlay_ms.items():
        meta("media:duration", clock(ms), f"#{smil_id}")
    meta("media:duration", clock(sum(overlay_ms.values())))
    meta("media:active-class", ACTIVE_CLASS)

    manifest = ET.SubElement(pkg, "manifest")
    for it in items:
        attrs = {"id": it.id, "href": it.href, "media-type": it.media_type}
        if it.properties:
            attrs["properties"] = it.properties
        if it.media_overlay:
            attrs["media-overlay"] = it.media_overlay
        ET.SubElement(manifest, "item", attrs)
    sp = ET.SubElement(pkg, "spine", {"page-progression-direction": "rtl"} if rtl else {})
    for idref in spine:
        ET.SubElement(sp, "itemref", {"idref": idref})
    return serialise(pkg)
