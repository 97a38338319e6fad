"""The web edition: Article + narration + the sizes of the other editions in, ``NAME.html`` and ``NAME.js`` out.

A static page per article that works from any web server or folder (:mod:`.page`): the text as the transcript,
each narrated part an element named like its WebVTT cue (:mod:`.text`), the MP3 with its captions, a chapter list,
the downloads; the one script of our own (``page.js``, written as ``NAME.js``) adds the read-along, speed, a
larger-text toggle and the remembered position.  No framework, no fonts or scripts from elsewhere, nothing sent.
Imports neither :mod:`editions.speech`, :mod:`editions.press` nor :mod:`editions.epub`.
"""
from __future__ import annotations

import base64
from io import BytesIO
from pathlib import Path

from ..model import Article
from ..narration import Narration
from .page import build_page, script

__all__ = ["render_page", "photo_url"]

_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


def photo_url(path: Path | None) -> str | None:
    """The photo as a ``data:`` URL (the page carries it, so it needs no file beside it); other formats are
    converted to PNG.  None when there is none or it is not an image (the print edition warns about that)."""
    if path is None:
        return None
    from PIL import Image
    try:
        data = path.read_bytes()
        with Image.open(BytesIO(data)) as im:
            kind = _TYPES.get(im.format or "")
            if kind:
                im.verify()
            else:
                buf = BytesIO()
                im.convert("RGBA" if "A" in im.getbands() else "RGB").save(buf, "PNG")
                data, kind = buf.getvalue(), "image/png"
    except Exception:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def render_page(article: Article, narration: Narration, page: Path, js: Path, sizes: dict[str, int],
                lang: str | None = None) -> None:
    """Write the page of ``article`` to ``page`` and its script to ``js``; ``sizes``: output key -> bytes of
    each file to offer for download (the MP3 and whichever editions were made with it)."""
    lang = " ".join((lang or article.lang or "").split()) or "und"
    text = build_page(article, narration, article.slug, sizes, lang, photo_url(article.photo_file()))
    page.write_bytes(text.encode("utf-8"))
    js.write_bytes(script())
