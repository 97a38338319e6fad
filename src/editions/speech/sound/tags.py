"""ID3 tags with mutagen: title, artist, album, date, language, deck, cover, and chapters.

The language (TLAN, and the deck's COMM) is the article's as an ISO 639-2 code, as ID3v2.4 asks ('ara' for
``ar``, 'eng' for ``en-US``, 'und' for a language the table does not know): :func:`editions.langtags.iso639_2`.

One CHAP frame per chapter (the intro, then each section) with a TIT2 title and
start/end times in ms that match the audio, and a CTOC (top-level, ordered)
listing them, so players and screen-reader-friendly apps can jump by section.
A CTOC lists at most 255 entries (a one-byte count), so an article with more
sections gets a tree, as the ID3 chapter spec allows: the top-level CTOC lists
ordered child CTOCs of up to 255 chapters each ("Sections 1–255", …).
"""
from __future__ import annotations

import io
import os
from pathlib import Path

from mutagen.id3 import (APIC, CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TSSE, CTOCFlags, ID3NoHeaderError)

from ...langtags import iso639_2
from ...model import Article

__all__ = ["write_tags", "read_chapters"]


def _cover(article: Article) -> bytes | None:
    path = article.photo_file()
    if not path or not os.path.isfile(path):  # (never raises: a photo's name may be too long)
        return None
    try:
        from PIL import Image
        with Image.open(path) as im:
            im = im.convert("RGB")
            im.thumbnail((600, 600))
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=85)
            return buf.getvalue()
    except Exception:
        return None


def write_tags(path: Path, article: Article, chapters: list[tuple[str, int, int]], publication: str,
               voice: str, version: str) -> None:
    """Write ID3v2.4 tags to ``path``; ``chapters`` are (title, start_ms, end_ms)."""
    try:
        tags = ID3(str(path))
    except ID3NoHeaderError:
        tags = ID3()
    tags.delall("CHAP")
    tags.delall("CTOC")
    tags.add(TIT2(encoding=3, text=article.headline))
    if article.byline:
        tags.add(TPE1(encoding=3, text=article.byline))
    tags.add(TALB(encoding=3, text=publication))
    if article.date:
        tags.add(TDRC(encoding=3, text=article.date))
    lang = iso639_2(article.lang)
    tags.add(TLAN(encoding=3, text=lang))
    if article.deck:
        tags.add(COMM(encoding=3, lang=lang, desc="deck", text=article.deck))
    tags.add(TSSE(encoding=3, text=f"editions {version}; voice {voice}"))
    cover = _cover(article)
    if cover:
        tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="Cover", data=cover))
    ids = []
    for i, (title, start, end) in enumerate(chapters):
        cid = f"chp{i}"
        ids.append(cid)
        tags.add(CHAP(element_id=cid, start_time=int(start), end_time=int(end),
                      start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                      sub_frames=[TIT2(encoding=3, text=title)]))
    _add_toc(tags, ids)
    tags.save(str(path), v2_version=4)


CTOC_MAX = 255
"""Entries one CTOC frame can list (its entry count is one byte)."""


def _add_toc(tags: ID3, ids: list[str]) -> None:
    """A top-level ordered CTOC over ``ids``; past 255 chapters, a tree of ordered CTOCs of at most 255 entries."""
    entries = [(cid, 1) for cid in ids]  # (element id, chapters under it)
    level = 0
    while len(entries) > CTOC_MAX:
        parents, first = [], 0
        for g in range(0, len(entries), CTOC_MAX):
            group = entries[g:g + CTOC_MAX]
            count = sum(n for _, n in group)
            eid = f"toc{level}-{g // CTOC_MAX}"
            tags.add(CTOC(element_id=eid, flags=CTOCFlags.ORDERED, child_element_ids=[e for e, _ in group],
                          sub_frames=[TIT2(encoding=3, text=f"Sections {first + 1}–{first + count}")]))
            parents.append((eid, count))
            first += count
        entries, level = parents, level + 1
    tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=[e for e, _ in entries], sub_frames=[TIT2(encoding=3, text="Sections")]))


def read_chapters(path: Path) -> list[tuple[str, int, int]]:
    """(title, start_ms, end_ms) in CTOC order."""
    tags = ID3(str(path))
    tocs = {t.element_id: t for t in tags.getall("CTOC")}
    top = next((t for t in tocs.values() if t.flags & CTOCFlags.TOP_LEVEL), None) or next(iter(tocs.values()))
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    out = []

    def walk(toc, depth=0):
        for cid in toc.child_element_ids:
            if cid in tocs and depth < 8:
                walk(tocs[cid], depth + 1)
            elif cid in chaps:
                c = chaps[cid]
                out.append((str(c.sub_frames["TIT2"].text[0]), c.start_time, c.end_time))
    walk(top)
    return out
