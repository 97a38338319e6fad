"""The issue's podcast feed: RSS 2.0 with the iTunes tags and the Podcasting 2.0 namespace, written by feedgen.

Takes the issue's facts and its items (the whole issue and each article: audio file, size, duration, VTT,
chapters file, date, a stable id); gives ``feed.xml``'s bytes.  feedgen writes RSS and the iTunes tags; a
feedgen extension registered here writes ``podcast:guid`` (channel), ``podcast:transcript`` and
``podcast:chapters`` (items).  Links are ``base_url`` + the file's name; without a base URL they stay relative
(the caller warns: podcast apps need absolute enclosure URLs).  ``itunes:explicit`` is ``no``: feedgen refuses
the ``true``/``false`` Apple documents now, and Apple still reads ``no``.
"""
from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from urllib.parse import quote

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

__all__ = ["FeedItem", "feed_xml", "chapters_json", "PODCAST_NS", "GUID_NAMESPACE"]

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The Podcasting 2.0 namespace for ``podcast:guid`` (a UUIDv5 of the feed's URL, without its scheme)."""


@dataclass(frozen=True)
class FeedItem:
    title: str
    description: str
    guid: str
    date: str  # ISO date
    mp3: str  # file name in the output folder
    length: int
    duration_s: float
    vtt: str
    chapters: str
    lang: str = ""


class _PodcastFeed(BaseExtension):
    def __init__(self):
        self.guid = None

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss):
        if self.guid:
            channel = rss[0]
            xml_elem("{%s}guid" % PODCAST_NS, channel).text = self.guid
        return rss

    def extend_atom(self, feed):
        return feed


class _PodcastEntry(BaseEntryExtension):
    def __init__(self):
        self.transcripts: list[tuple[str, str, str]] = []
        self.chapters = None

    def extend_rss(self, item):
        for url, kind, lang in self.transcripts:
            el = xml_elem("{%s}transcript" % PODCAST_NS, item)
            el.attrib.update({"url": url, "type": kind, **({"language": lang} if lang else {})})
        if self.chapters:
            el = xml_elem("{%s}chapters" % PODCAST_NS, item)
            el.attrib.update({"url": self.chapters, "type": "application/json+chapters"})
        return item

    def extend_atom(self, entry):
        return entry


def _url(base: str, name: str) -> str:
    path = quote(name)
    return f"{base.rstrip('/')}/{path}" if base else path


def _date(iso: str) -> datetime.datetime:
    try:
        d = datetime.date.fromisoformat(iso[:10])
    except (ValueError, TypeError):
        d = datetime.date.today()
    return datetime.datetime(d.year, d.month, d.day, 6, 0, tzinfo=datetime.timezone.utc)


def _hms(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600:d}:{s // 60 % 60:02d}:{s % 60:02d}"


def chapters_json(chapters: list[tuple[str, int]], title: str) -> dict:
    """Podcasting 2.0 JSON chapters: (title, start ms) each."""
    return {"version": "1.2.0", "title": title,
            "chapters": [{"startTime": round(ms / 1000, 3), "title": t} for t, ms in chapters]}


def feed_xml(*, title: str, description: str, lang: str, base_url: str, author: str, image: str | None,
             items: list[FeedItem], feed_id: str) -> bytes:
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcast2", _PodcastFeed, _PodcastEntry)
    fg.title(title)
    fg.description(description or title)
    fg.link(href=base_url or "./", rel="alternate")
    fg.language(lang or "en")
    if author:
        fg.author({"name": author})
        fg.podcast.itunes_author(author)
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_summary(description or title)
    if image:
        fg.image(url=_url(base_url, image), title=title, link=base_url or "./")
        if image.lower().endswith((".jpg", ".png")) and base_url:
            fg.podcast.itunes_image(_url(base_url, image))
    fg.podcast2.guid = str(uuid.uuid5(GUID_NAMESPACE, feed_id))
    for it in reversed(items):  # feedgen adds each entry first: reversed, they come out in the order
        fe = fg.add_entry()
        fe.title(it.title)
        fe.description(it.description or it.title)
        fe.guid(it.guid, permalink=False)
        fe.pubDate(_date(it.date))
        fe.enclosure(_url(base_url, it.mp3), str(it.length), "audio/mpeg")
        fe.podcast.itunes_duration(_hms(it.duration_s))
        fe.podcast.itunes_explicit("no")
        fe.podcast2.transcripts.append((_url(base_url, it.vtt), "text/vtt", it.lang))
        fe.podcast2.chapters = _url(base_url, it.chapters)
    return fg.rss_str(pretty=True)
