"""The issue MP3's ID3v2.3 tag: title, album, date, language and a nested chapter tree, frames in a set order.

Takes the issue's facts and its chapters; gives the tag's bytes.  The tree: a top-level ordered CTOC whose
entries are the announcement's CHAP and one ordered CTOC per article (titled with its headline), each listing
that article's own chapters (its intro, then its sections) as CHAPs.  Chapters never overlap, so a player that
reads only CHAP frames (ffmpeg ignores CTOC and lists CHAPs in the order they are stored) still finds every
article, at its headline, in time order: the frames are written in the order given here -- mutagen would sort
them by size -- each one encoded by mutagen on its own.
"""
from __future__ import annotations

import io

from mutagen.id3 import CHAP, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TSSE, CTOCFlags

from ..errors import RenderError

__all__ = ["issue_tag", "CTOC_MAX"]

CTOC_MAX = 255


def _frame_bytes(frame) -> bytes:
    """One frame as ID3v2.3 bytes, encoded by mutagen (a one-frame tag, header stripped, no padding).  Version 2.3,
    as the articles' own tags: ffmpeg reads a v2.4 CHAP's sub-frame of 128 bytes or more wrongly (its syncsafe
    size), and drops that chapter -- a long headline in Devanagari or Arabic went missing from flat players."""
    tag = ID3()
    tag.add(frame)
    buf = io.BytesIO()
    tag.save(buf, v2_version=3, padding=lambda info: 0)
    return buf.getvalue()[10:]


def _syncsafe(n: int) -> bytes:
    return bytes(((n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F))


def _text(frame_cls, text: str):
    return frame_cls(encoding=3, text=text)


def issue_tag(title: str, album: str, date: str, lang3: str, publisher: str, software: str,
              intro: tuple[str, int, int], articles: list[tuple[str, list[tuple[str, int, int]]]]) -> bytes:
    """The whole ID3v2.3 tag.  ``intro`` is (title, start ms, end ms); ``articles`` are (headline, chapters)."""
    if len(articles) + 1 > CTOC_MAX or any(len(ch) > CTOC_MAX for _, ch in articles):
        raise RenderError(f"an issue's chapter list holds at most {CTOC_MAX - 1} articles of at most {CTOC_MAX} "
                          "chapters each", hint="make two issues of the folder's articles")
    frames = [_text(TIT2, title), _text(TALB, album)]
    if publisher:
        frames.append(_text(TPE1, publisher))
    if date:
        frames.append(_text(TDRC, date))
    frames += [_text(TLAN, lang3), _text(TSSE, software)]
    top = ["intro"] + [f"a{i}" for i in range(len(articles))]
    frames.append(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=top,
                       sub_frames=[_text(TIT2, title)]))
    frames.append(CHAP(element_id="intro", start_time=intro[1], end_time=intro[2], start_offset=0xFFFFFFFF,
                       end_offset=0xFFFFFFFF, sub_frames=[_text(TIT2, intro[0])]))
    for i, (headline, chapters) in enumerate(articles):
        ids = [f"a{i}c{j}" for j in range(len(chapters))]
        frames.append(CTOC(element_id=f"a{i}", flags=CTOCFlags.ORDERED, child_element_ids=ids,
                           sub_frames=[_text(TIT2, headline)]))
        for cid, (name, start, end) in zip(ids, chapters):
            frames.append(CHAP(element_id=cid, start_time=int(start), end_time=int(end), start_offset=0xFFFFFFFF,
                               end_offset=0xFFFFFFFF, sub_frames=[_text(TIT2, name)]))
    body = b"".join(_frame_bytes(f) for f in frames)
    return b"ID3\x03\x00\x00" + _syncsafe(len(body)) + body
