"""The page around the text: head (CSP, the stylesheet inline under its hash), the player, the chapter list, the
speed and larger-text controls, the downloads.

Takes the Article, the narration, the slug and the sizes of the files to offer; gives the HTML document as
text.  The controls only a script can work (speed, larger text) are ``hidden`` until it runs; without it the
page still has the audio with its captions, the chapters as links with their times, the text and the downloads.
"""
from __future__ import annotations

import base64
import hashlib
from importlib import resources

from ..langtags import rtl_language
from ..model import Article
from ..narration import Narration
from .text import Body, build_figure, build_header, build_sections, english, esc, one_line

__all__ = ["build_page", "script", "stylesheet", "csp", "DOWNLOADS", "human_size", "clock"]

DOWNLOADS = (("mp3", "MP3 audio"), ("pdf", "Print edition (PDF)"), ("large_pdf", "Large-print edition (PDF)"),
             ("epub", "Read-along e-book (EPUB)"), ("vtt", "Transcript with timings (WebVTT)"))
"""Output key -> what the downloads list calls it, in the order it lists them."""

HINT = "Select a sentence, or press Enter on it, to listen from there."
SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2")


def stylesheet() -> str:
    return resources.files(__package__).joinpath("page.css").read_text("utf-8")


def script() -> bytes:
    return resources.files(__package__).joinpath("page.js").read_bytes()


def csp(style: str) -> str:
    """Only the page's own script (same origin), its own media and the photo it carries; the inline stylesheet
    by its hash; nothing else (no inline script, no frames, no forms, no connections)."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    return ("default-src 'none'; script-src 'self'; style-src 'sha256-" + digest + "'; media-src 'self'; "
            "img-src 'self' data:; base-uri 'none'; form-action 'none'")


def human_size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1000:.0f} kB"
    return f"{n / 1_000_000:.1f} MB"


def clock(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _chapters(narr: Narration, ids: list[str], lang: str) -> str:
    first: dict[int, int] = {}
    for i, cue in enumerate(narr.cues):
        first.setdefault(cue.chapter, i)
    items = []
    for n, (title, start, _end) in enumerate(narr.chapters):
        cue = first.get(n)
        seek = narr.cues[cue].start_ms if cue is not None else start
        href = f"#{ids[cue]}" if cue is not None else "#text"
        items.append(f'<li><a href="{href}" data-seek="{max(seek, start) / 1000:.3f}">{one_line(title)}</a> '
                     f'<span class="time">{english(clock(start), lang)}</span></li>')
    return ('<nav class="chapters" aria-labelledby="chapters-h">\n'
            f'<h3 id="chapters-h">{english("Chapters", lang, True)}</h3>\n<ol>\n' + "\n".join(items) + "\n</ol>\n</nav>")


def _downloads(slug: str, sizes: dict[str, int], lang: str) -> str:
    items = []
    for key, label in DOWNLOADS:
        if key in sizes:
            ending = {"mp3": ".mp3", "pdf": ".pdf", "large_pdf": ".large-print.pdf", "epub": ".epub",
                      "vtt": ".vtt"}[key]
            items.append(f'<li><a href="{esc(slug)}{ending}" download>{english(label, lang)}</a> '
                         f'<span class="size">{english(human_size(sizes[key]), lang)}</span></li>')
    return ('<section class="downloads" aria-labelledby="downloads-h">\n'
            f'<h3 id="downloads-h">{english("Downloads", lang, True)}</h3>\n<ul>\n' + "\n".join(items)
            + "\n</ul>\n</section>")


def _controls(lang: str) -> str:
    options = "".join(f'<option value="{s}"{" selected" if s == "1" else ""}>{s}×</option>' for s in SPEEDS)
    return (f'<div class="controls" id="controls" hidden>\n'
            f'<label for="speed">{english("Speed", lang)}</label> <select id="speed">{options}</select>\n'
            f'<button type="button" id="larger" aria-pressed="false">{english("Larger text", lang)}</button>\n'
            f'<p class="hint">{english(HINT, lang)}</p>\n'
            "</div>")


def build_page(article: Article, narr: Narration, slug: str, sizes: dict[str, int], lang: str,
               image: str | None) -> str:
    """The page as text; ``sizes``: output key -> bytes of each file offered for download; ``image``: the
    photo as a ``data:`` URL (None: no picture)."""
    body = Body(narr)
    style = stylesheet()
    direction = "rtl" if rtl_language(lang) else "ltr"
    name = esc(slug)
    header = build_header(article, body, lang)
    figure = build_figure(article, body, image)
    sections = build_sections(article, body)
    listen = "\n".join([
        '<section class="listen" aria-labelledby="listen-h">',
        f'<h2 id="listen-h">{english("Listen to this article", lang, True)}</h2>',
        f'<audio id="player" controls preload="metadata" src="{name}.mp3">',
        f'<track kind="captions" default src="{name}.vtt" srclang="{esc(lang)}" label="{english_attr(lang)}">',
        f'<a href="{name}.mp3">{english("Download the audio", lang)}</a>',
        "</audio>",
        _chapters(narr, body.ids, lang),
        _controls(lang),
        _downloads(slug, sizes, lang),
        "</section>"])
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}" dir="{direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp(style)}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{one_line(article.headline) or 'Article'}</title>",
        f"<style>{style}</style>",
        f'<script src="{name}.js" defer></script>',
        "</head>",
        "<body>",
        f'<a class="skip" href="#text">{english("Skip to the article text", lang)}</a>',
        "<main>",
        "<article>",
        "<header>", header, "</header>",
        listen,
        f'<div id="text" tabindex="-1">', figure, sections, "</div>",
        "</article>",
        "</main>",
        "</body>",
        "</html>",
        ""])


def english_attr(lang: str) -> str:
    """The captions track's label: the article's language tag (an attribute cannot be marked as English)."""
    return f"Captions ({esc(lang)})"
