"""The issue's podcast feed: parsed by feedparser with no error, enclosures the files' sizes, durations the
MP3s', Podcasting 2.0 transcripts and chapters (read from the XML: feedparser keeps only the last transcript),
guids stable across builds, relative links without a base URL, hostile titles kept as text."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
from mutagen.mp3 import MP3

from editions.issue.feed import PODCAST_NS

from .audio_helpers import SHORT
from .test_issue import built, issue_cli  # noqa: F401  (the samples' issue, built once)

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
BASE = "https://news.example.org/audio/"


def items(out: Path):
    root = ET.fromstring((out / "feed.xml").read_bytes())
    return root, root.find("channel").findall("item")


def test_feed_parses_and_matches_the_files(built):
    out, first, second, feed1 = built
    issue = json.loads((out / "issue.json").read_text())
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == 1 + len(issue["articles"])  # the whole issue first, then each article
    assert parsed.entries[0].title == issue["title"]
    assert [e.title for e in parsed.entries[1:]] == [a["headline"] for a in issue["articles"]]
    root, xml_items = items(out)
    for entry, item in zip(parsed.entries, xml_items):
        enc = entry.enclosures[0]
        name = enc.href
        assert not name.startswith("http")  # no base_url: relative links
        assert enc.type == "audio/mpeg" and int(enc.length) == (out / name).stat().st_size
        h, m, s = map(int, entry.itunes_duration.split(":"))
        assert abs(h * 3600 + m * 60 + s - MP3(str(out / name)).info.length) <= 1.0
        transcripts = item.findall(f"{{{PODCAST_NS}}}transcript")
        assert [t.get("type") for t in transcripts] == ["text/vtt"]
        assert (out / transcripts[0].get("url")).read_text().startswith("WEBVTT")
        chapters = item.find(f"{{{PODCAST_NS}}}chapters")
        assert chapters.get("type") == "application/json+chapters"
        doc = json.loads((out / chapters.get("url")).read_text())
        assert doc["version"] == "1.2.0" and doc["chapters"][0]["startTime"] == 0
        assert all(isinstance(c["title"], str) for c in doc["chapters"])
        assert item.find("pubDate") is not None and item.find(f"{{{ITUNES}}}duration") is not None
    assert root.find("channel").find(f"{{{PODCAST_NS}}}guid") is not None


def test_guids_stay_the_same_across_builds(built):
    out, first, second, feed1 = built
    before = [e.id for e in feedparser.parse(feed1).entries]
    after = [e.id for e in feedparser.parse((out / "feed.xml").read_bytes()).entries]
    assert before == after and len(set(after)) == len(after)


def test_hostile_titles_stay_text_and_base_url_makes_absolute_links(tmp_path):
    evil = 'Fees <b>&amp; "cuts" \u202eevil\u202c & \'more\''
    d = tmp_path / "arts"
    d.mkdir()
    quoted = "'" + evil.replace("'", "''") + "'"  # YAML single quotes
    (d / "evil.md").write_text(SHORT.replace("Council Backs New Bridge", quoted), encoding="utf-8")
    (d / "issue.toml").write_text(f'title = "{evil.replace(chr(34), chr(92) + chr(34))}"\ndate = "2026-02-03"\n',
                                  encoding="utf-8")
    out = tmp_path / "out"
    r = issue_cli(d, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1", "--only", "audio",
                  "--base-url", BASE)
    assert r.returncode == 0, r.stderr
    assert "relative links" not in r.stderr
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo
    root, xml_items = items(out)
    shown = evil.replace("\u202e", "").replace("\u202c", "")  # bidi overrides removed, as from every article field
    assert root.find("channel").find("title").text == shown
    assert parsed.feed.title == shown
    headline = json.loads((out / "evil.json").read_text())["headline"]
    assert headline == shown  # the hostile headline reached the article as text
    assert [i.find("title").text for i in xml_items] == [shown, headline]
    for item in xml_items:
        assert item.find("enclosure").get("url").startswith(BASE)
        assert item.find(f"{{{PODCAST_NS}}}transcript").get("url").startswith(BASE)
    # pubDate: the article's own date; the whole issue's item has the issue's date
    assert xml_items[1].find("pubDate").text.startswith("Wed, 04 Mar 2026")
    assert xml_items[0].find("pubDate").text.startswith("Tue, 03 Feb 2026")
