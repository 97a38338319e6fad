"""The issue's EPUB from the articles' finished EPUBs: each checked against its manifest, then bound into one
by :func:`editions.epub.bundle.bundle_epub` (their parts copied as they are: nothing narrated or laid out again).

Takes the output folder, the issue's articles (source, article, manifest, outcome) and the issue's metadata;
gives the EPUB's bytes, or ``None`` with a warning when an article has no EPUB in the output folder (``--only``).
The book's ``dc:identifier`` is derived from the issue's title, number and date: every rebuild keeps it.
"""
from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from ..epub.bundle import bundle_epub
from ..errors import RenderError
from .feed import GUID_NAMESPACE

__all__ = ["EPUB_NAME", "epub_identifier", "issue_epub"]

EPUB_NAME = "issue.epub"


def epub_identifier(title: str, number: int | None, date: str) -> str:
    """dc:identifier: the same for every rebuild of the same issue (its title, number and date)."""
    return "urn:uuid:" + str(uuid.uuid5(GUID_NAMESPACE, f"epub/{title}/{'' if number is None else number}/{date}"))


def _checked(out: Path, manifest: dict) -> Path:
    entry = manifest["outputs"]["epub"]
    path = out / entry["path"]
    try:
        with open(path, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as e:
        raise RenderError(f"the article's EPUB cannot be read ({e.strerror or e})", path=path,
                          hint="run the command again: the article will be rendered afresh") from None
    if digest != entry.get("sha256"):
        raise RenderError(f"{entry['path']} is not the file its manifest describes", path=path,
                          hint="run the command again: the article will be rendered afresh")
    return path


def issue_epub(out: Path, articles, *, title: str, number: int | None, date: str, lang: str, publisher: str,
               description: str, cover: Path | None, warnings: list[str], ahead=None) -> bytes | None:
    """The issue's EPUB, or None (and a warning) when the articles' EPUBs are not all in the output folder;
    the unchanged articles' EPUBs as ``ahead`` (:class:`.ahead.Ahead`) read them while the articles rendered."""
    if not all("epub" in m.get("outputs", {}) for _, _, m, _ in articles):
        warnings.append("the articles' EPUBs are not in the output folder (--only?): the issue has no EPUB")
        return None
    ready, paths = {}, []
    for k, (_, _, m, _) in enumerate(articles):
        entry = m["outputs"]["epub"]
        got = ahead.epub(out / entry["path"], entry.get("sha256"), f"a{k + 1:02d}") if ahead is not None else None
        if got is not None:
            ready[k] = got
            paths.append(out / entry["path"])
        else:
            paths.append(_checked(out, m))
    return bundle_epub(paths, ready=ready, identifier=epub_identifier(title, number, date),
                       title=title, lang=lang, date=date, number="" if number is None else str(number),
                       publisher=publisher, description=description,
                       cover=cover if cover is not None and cover.is_file() else None)
