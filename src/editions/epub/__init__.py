"""The read-along edition: Article + Narration + the audio edition's MP3 in, an EPUB 3.3 with Media Overlays out.

Takes the article model, the narration's timeline as plain data
(:class:`editions.narration.Narration`, the one the WebVTT transcript is written
from) and the MP3 file the audio edition wrote; gives ``NAME.epub``: one XHTML
content document (:mod:`.content`), its SMIL media overlay (:mod:`.overlay`),
nav.xhtml, a stylesheet, the photo as the cover, the MP3 itself (never a second
narration) and a package document with accessibility metadata
(:mod:`.package`).  The spec's rules live in :mod:`.rules`.  :mod:`.bundle` binds finished
article EPUBs into one (the issue's), reusing the same pieces.  Imports neither :mod:`editions.speech` nor
:mod:`editions.press`.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError
from ..model import Article
from ..narration import Narration
from . import rules
from .content import STYLESHEET, build_content, build_nav
from .overlay import build_overlay, overlay_duration_ms
from .package import Item, build_package

__all__ = ["render_epub", "EpubResult"]

CONTENT, NAV, OVERLAY, CSS = "content.xhtml", "nav.xhtml", "content.smil", "style.css"


@dataclass
class EpubResult:
    identifier: str
    duration_ms: int
    """media:duration of the publication: the sum of the overlay's clips."""
    pars: int
    """Synchronised cues (one ``<par>`` each)."""
    warnings: list[str] = field(default_factory=list)


def render_epub(article: Article, narration: Narration, mp3: Path, epub_path: Path, *, audio_name: str | None = None,
                publisher: str = "", when: _dt.datetime | None = None) -> EpubResult:
    """Write the EPUB of ``article`` to ``epub_path``; ``mp3`` is the audio edition the narration timed.

    ``audio_name`` is the MP3's file name inside the package (default: ``mp3``'s own name)."""
    if not narration.cues:
        raise RenderError("the narration is empty; there is nothing to synchronise", path=article.source_path)
    lang = rules.language(article.lang)
    warnings: list[str] = []
    if lang != (article.lang or "").strip():
        warnings.append(f"the EPUB's language is 'und': {article.lang!r} is not a BCP 47 tag")
    audio_href = f"audio/{rules.clean(audio_name or mp3.name) or 'narration.mp3'}"
    files: dict[str, bytes | Path] = {}
    items = [Item("nav", NAV, "application/xhtml+xml", properties="nav"),
             Item("css", CSS, "text/css")]

    image_href = None
    photo_file = article.photo_file()
    if photo_file is not None:
        image = rules.image_type(photo_file)
        if image is not None:
            data, media_type, ext = image
            image_href = f"images/cover.{ext}"
            files[image_href] = data
            items.append(Item("cover", image_href, media_type, properties="cover-image"))

    content = build_content(article, narration, lang, image_href)
    files[CONTENT] = content.xhtml
    files[NAV] = build_nav(article, content.sections, lang, CONTENT)
    files[CSS] = STYLESHEET.encode("utf-8")
    files[OVERLAY] = build_overlay(narration, content.targets, CONTENT, audio_href)
    if not mp3.is_file():
        raise RenderError("the audio edition to synchronise with is missing", path=mp3)
    files[audio_href] = mp3  # copied into the container in chunks, byte for byte
    items += [Item("content", CONTENT, "application/xhtml+xml", media_overlay="overlay"),
              Item("overlay", OVERLAY, "application/smil+xml"),
              Item("audio", audio_href, "audio/mpeg")]

    duration = overlay_duration_ms(narration)
    ident = rules.identifier(article.slug, article.date)
    described = any(c.kind == "photo" for c in narration.cues)
    opf = build_package(article, identifier=ident, lang=lang, modified=rules.modified(when), items=items,
                        spine=["content"], overlay_ms={"overlay": duration}, described_photo=described,
                        publisher=publisher)
    out = {f"{rules.ROOT}/package.opf": opf}
    out.update({f"{rules.ROOT}/{name}": data for name, data in files.items()})
    rules.write_container(epub_path, out, when)
    return EpubResult(ident, duration, len(narration.cues), warnings)
