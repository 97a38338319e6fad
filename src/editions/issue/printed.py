"""The issue's two PDFs (newspaper and large print) from the articles' finished PDFs.

Takes the output folder, the articles (each with its manifest) and the issue's facts; gives the two PDFs' bytes,
each the front page (:mod:`editions.press.issuepages`) with its contents list, then the articles' own PDFs merged
behind it (:mod:`.pages`).  The front page is drawn twice at most: once to learn how many pages it takes (a long
contents list may take two), then with the page each article starts on.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from ..errors import RenderError
from .drawn import drawn
from .pages import Part, count_pages, merge_issue

__all__ = ["issue_pdfs", "PRINT_NAMES"]

PRINT_NAMES = {"pdf": "issue.pdf", "large_print": "issue.large-print.pdf"}
_KEYS = {"pdf": "pdf", "large_print": "large_pdf"}
"""The issue's output key -> the article manifests' output key."""


def _checked(out: Path, entry: dict) -> Path:
    path = out / entry["path"]
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise RenderError(f"{entry['path']} is not the file its manifest describes", path=path,
                          hint="run the command again: the article will be rendered afresh")
    return path


def _front(title, date, lang, publication, contents, number, description, page_size, large) -> bytes:
    from ..press.issuepages import FrontPage, render_front  # ReportLab, its fonts: only when a page is drawn
    front = FrontPage(title, date, lang, publication, contents, number=number, description=description)
    return render_front(front, page_size, large=large)


def _furniture(title, heads, page_size, large) -> bytes:
    from ..press.issuepages import render_furniture
    return render_furniture(title, list(heads), page_size, large=large)


def issue_pdfs(out: Path, articles, *, title: str, date: str, lang: str, publication: str, number: str,
               description: str, page_size: str, cache=None, ahead=None) -> dict[str, bytes]:
    """``{"pdf": …, "large_print": …}`` for ``articles`` [(src, article, manifest, outcome)]; the issue's own
    pages from ``cache`` (the clip cache) when it holds them (:mod:`.drawn`), the unchanged articles' pages
    as ``ahead`` (:class:`.ahead.Ahead`) read them while the articles rendered."""
    result = {}
    for key, entry_key in _KEYS.items():
        large = key == "large_print"
        parts = []
        for _, a, m, _ in articles:
            entry = m["outputs"][entry_key]
            path = _checked(out, entry)
            parts.append(Part(path, a.headline, a.lang, ahead.pdf(path, entry["sha256"]) if ahead else None))
        counts = [len(p.bodies) if p.bodies is not None else count_pages(p.pdf) for p in parts]
        front_pages = 1
        for _ in range(3):
            starts, page = [], front_pages + 1
            for n in counts:
                starts.append(page)
                page += n
            facts = (title, date, lang, publication, tuple(zip((p.headline for p in parts), starts)), number,
                     description, page_size, large)
            data = drawn(cache, "front", facts, lambda: _front(*facts))
            got = count_pages(io.BytesIO(data))
            if got == front_pages:
                break
            front_pages = got
        heads = [title] * front_pages + [p.headline for p, n in zip(parts, counts) for _ in range(n)]
        furniture = drawn(cache, "furniture", (title, tuple(heads), page_size, large),
                          lambda: _furniture(title, heads, page_size, large))
        result[key] = merge_issue(data, parts, furniture, lang=lang, title=title)
    return result
