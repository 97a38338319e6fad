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
from ..press.issuepages import FrontPage, render_front, render_furniture
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


def issue_pdfs(out: Path, articles, *, title: str, date: str, lang: str, publication: str, number: str,
               description: str, page_size: str) -> dict[str, bytes]:
    """``{"pdf": …, "large_print": …}`` for ``articles`` [(src, article, manifest, outcome)]."""
    result = {}
    for key, entry_key in _KEYS.items():
        large = key == "large_print"
        parts = [Part(_checked(out, m["outputs"][entry_key]), a.headline, a.lang) for _, a, m, _ in articles]
        counts = [count_pages(p.pdf) for p in parts]
        front_pages = 1
        for _ in range(3):
            starts, page = [], front_pages + 1
            for n in counts:
                starts.append(page)
                page += n
            front = FrontPage(title, date, lang, publication, tuple(zip((p.headline for p in parts), starts)),
                              number=number, description=description)
            data = render_front(front, page_size, large=large)
            got = count_pages(io.BytesIO(data))
            if got == front_pages:
                break
            front_pages = got
        heads = [title] * front_pages + [p.headline for p, n in zip(parts, counts) for _ in range(n)]
        furniture = render_furniture(title, heads, page_size, large=large)
        result[key] = merge_issue(data, parts, furniture, lang=lang, title=title)
    return result
