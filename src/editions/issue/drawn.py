"""The issue's own pages (front page, furniture) drawn once, then taken from the cache folder; the pause between
articles too (encoded once: starting the encoder costs as much as drawing a page).

Takes the clip cache (or None), what a page is drawn from, and how to draw it; gives the drawn PDF's bytes.  After
one article's edit the front page's contents are usually the same (the same headlines starting on the same
pages), and drawing it means loading the print fonts and hyphenation dictionaries (about half a second): so the
bytes are kept in the cache folder (``.drawn`` entries, pruned with the clips) under the SHA-256 of everything
they are drawn from -- the drawing's name, the page size, print or large print, the facts drawn, this package's
and ReportLab's versions.  The same key gives the same bytes as drawing again (ReportLab draws invariantly).
Without a cache (``--no-cache``) every page is drawn.
"""
from __future__ import annotations

import hashlib
from typing import Callable

from .._version import __version__

__all__ = ["drawn", "drawn_key"]

FORMAT = 1
"""Raised when a drawing changes in a way the versions do not say (a key of a page drawn otherwise)."""


def drawn_key(what: str, facts: object) -> str:
    import reportlab  # its version only (its package's top: a few milliseconds)
    text = repr((FORMAT, what, facts, __version__, reportlab.Version))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def drawn(cache, what: str, facts: object, draw: Callable[[], bytes]) -> bytes:
    """``draw()``'s bytes, from the cache when it holds them under ``what`` and ``facts`` (a repr-able value
    of plain data that fixes the drawing), else drawn now and kept."""
    if cache is None:
        return draw()
    key = drawn_key(what, facts)
    data = cache.get_drawn(key)
    if data is None:
        data = draw()
        cache.put_drawn(key, data)
    return data
