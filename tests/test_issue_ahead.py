"""The issue's rebuild after one article's edit: what does not depend on the re-rendered article is read while the
build's workers render (editions.issue.ahead, the runner's ``meanwhile``), the front page and furniture are taken
from the cache folder when their contents did not change (editions.issue.drawn) -- and every output is the same
bytes as an issue assembled from scratch."""
import hashlib
import os
import time
from pathlib import Path

import pikepdf
import pytest

from editions.build import LocalRunner
from editions.config import Config
from editions.issue import assemble, pages
from editions.speech.cache import ClipCache

from .audio_helpers import SHORT

OTHER = "Ferry Talks Resume\n\nNegotiators for the ferry crews met again on Tuesday.\n\nA second paragraph follows.\n"
THIRD = "Library Opens Late\n\nThe riverside library will stay open until nine on weekdays.\n"
SAME = ("issue.mp3", "issue.vtt", "issue.pdf", "issue.large-print.pdf", "issue.chapters.json", "issue.epub")


class ReadAheadFirst:
    """A runner that lets the issue read ahead, then renders in this process (as a pool's workers would, while
    the main process reads): what LocalRunner does with workers, without forking the test process."""

    def __init__(self):
        self.called = 0

    def plan(self, cfg, articles):
        return LocalRunner(1).plan(cfg, articles)

    def run(self, sources, out, cfg, *, meanwhile=None, **kw):
        if meanwhile is not None:
            self.called += 1
            meanwhile()
        return LocalRunner(1).run(sources, out, cfg, **kw)


def _folder(root: Path) -> Path:
    d = root / "arts"
    d.mkdir()
    (d / "a-short.md").write_text(SHORT, encoding="utf-8")
    (d / "b-ferry.txt").write_text(OTHER, encoding="utf-8")
    (d / "c-library.txt").write_text(THIRD, encoding="utf-8")
    (d / "issue.toml").write_text('title = "The Gazette"\nnumber = 3\ndate = "2026-03-01"\n', encoding="utf-8")
    return d


def _digests(out: Path) -> dict:
    files = [out / n for n in SAME] + sorted((out / "issue.daisy").iterdir())
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


@pytest.fixture
def cfg():
    return Config().with_overrides(audio={"engine": "test"})


def test_edit_reads_unchanged_articles_ahead_and_makes_the_same_bytes(tmp_path, cfg, monkeypatch):
    d = _folder(tmp_path)
    out, cache = tmp_path / "out", ClipCache(tmp_path / "cache")
    assemble.build_issue(d, out, cfg, ReadAheadFirst(), cache=cache)
    time.sleep(0.01)
    (d / "b-ferry.txt").write_text(OTHER.replace("Tuesday", "Wednesday evening"), encoding="utf-8")
    monkeypatch.setattr("editions.procs.start_method", lambda: "spawn")  # the PDFs made by a thread, seen here
    split, bodies, after = [], [], {"read": False}
    real_bare, real_body = assemble.bare_frames, getattr(pages, "_body", None)
    monkeypatch.setattr(assemble, "bare_frames", lambda data, where: split.append(where) or real_bare(data, where))
    monkeypatch.setattr(pages, "_body", lambda page: bodies.append(after["read"]) or real_body(page), raising=False)
    from editions.epub import bundle
    books, spoken = [], []
    real_read, real_announce = bundle._read, assemble.announce
    monkeypatch.setattr(bundle, "_read", lambda z, path, folder: books.append((after["read"], Path(path).name))
                        or real_read(z, path, folder))
    monkeypatch.setattr(assemble, "announce", lambda *a: spoken.append(after["read"]) or real_announce(*a))

    class Marking(ReadAheadFirst):
        def run(self, *a, meanwhile=None, **kw):
            def then():
                meanwhile()
                after["read"] = True  # from here on: the build renders, then the assembly
            return super().run(*a, meanwhile=then, **kw)

    from editions.issue import ahead as ahead_module
    parsed = []
    real_load = ahead_module.load_article
    monkeypatch.setattr(ahead_module, "load_article", lambda src, *a: parsed.append(Path(src).name)
                        or real_load(src, *a))
    taken_apart = []
    real_bodies = pages.page_bodies
    monkeypatch.setattr(pages, "page_bodies", lambda data: taken_apart.append(1) or real_bodies(data))
    runner = Marking()
    report = assemble.build_issue(d, out, cfg, runner, cache=cache)
    # the up-to-date articles were parsed once, to be found so, not again for the issue (the first article is
    # parsed for the announcement's language before the build has found it up to date)
    assert sorted(parsed) == ["a-short.md", "b-ferry.txt"], parsed
    # the unchanged articles' pages were taken apart ahead (both PDFs of each), and kept in the cache folder: after
    # the next edit they are taken from there
    assert len(taken_apart) == 4, taken_apart
    assert runner.called == 1 and report.manifest["rebuilt"] == ["b-ferry"]
    # after the build, only the announcement and the edited article are split into frames ...
    assert len(split) == 2 and split[1].endswith("b-ferry.mp3"), split
    # ... and only the edited article's pages (both PDFs) and the front pages are parsed for their furniture
    def pages_of(path):
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    edited = pages_of(out / "b-ferry.pdf") + pages_of(out / "b-ferry.large-print.pdf")
    assert bodies.count(True) == edited + 2, bodies
    # ... only the edited article's EPUB is read for the issue's; the announcement was narrated while it rendered
    assert [name for late, name in books if late] == ["b-ferry.epub"], books
    assert spoken == [False], spoken
    # the same bytes as the issue assembled again from the same articles, nothing read ahead or cached
    made = _digests(out)
    for name in SAME:
        (out / name).unlink()
    again = assemble.build_issue(d, out, cfg, LocalRunner(1), cache=None)
    assert again.manifest["rebuilt"] == [] and _digests(out) == made
    (d / "b-ferry.txt").write_text(OTHER.replace("Tuesday", "Thursday morning"), encoding="utf-8")
    assemble.build_issue(d, out, cfg, ReadAheadFirst(), cache=cache)
    assert len(taken_apart) == 4, taken_apart


def test_ahead_gives_only_what_is_still_true(tmp_path, cfg):
    from editions.issue.ahead import Ahead
    d = _folder(tmp_path)
    out = tmp_path / "out"
    assemble.build_issue(d, out, cfg, LocalRunner(1), cache=None)
    sources = sorted(p for p in d.iterdir() if p.suffix in (".md", ".txt"))
    ahead = Ahead(out, sources, cfg.parse)
    ahead()
    mp3 = out / "b-ferry.mp3"
    sha = hashlib.sha256(mp3.read_bytes()).hexdigest()
    assert ahead.mp3(mp3, sha)[0] == mp3.read_bytes()
    assert ahead.mp3(mp3, "0" * 64) is None  # the manifest now names other bytes: read again
    pdf = out / "b-ferry.pdf"
    assert ahead.pdf(pdf, hashlib.sha256(pdf.read_bytes()).hexdigest()) is not None
    assert ahead.pdf(pdf, None) is None
    src = d / "b-ferry.txt"
    assert ahead.article(src).headline == "Ferry Talks Resume"
    src.write_text(OTHER.replace("Ferry Talks Resume", "Ferry Talks Stall"), encoding="utf-8")
    os.utime(src, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert ahead.article(src).headline == "Ferry Talks Stall"  # changed since it was read: parsed again


def test_front_page_and_furniture_are_drawn_once_then_taken_from_the_cache(tmp_path, cfg, monkeypatch):
    from editions.press import issuepages
    monkeypatch.setattr("editions.procs.start_method", lambda: "spawn")  # the PDFs made by a thread, seen here
    d = _folder(tmp_path)
    out, cache = tmp_path / "out", ClipCache(tmp_path / "cache")
    assemble.build_issue(d, out, cfg, LocalRunner(1), cache=cache)
    # front page and furniture for each PDF, and the pause between articles
    assert len(list((tmp_path / "cache").glob("*/*.drawn"))) == 5
    before = {n: (out / n).read_bytes() for n in ("issue.pdf", "issue.large-print.pdf")}
    (out / "issue.pdf").unlink()
    drawn = []
    for name in ("render_front", "render_furniture"):
        real = getattr(issuepages, name)
        monkeypatch.setattr(issuepages, name, lambda *a, _real=real, _n=name, **k: drawn.append(_n) or _real(*a, **k))
    assemble.build_issue(d, out, cfg, LocalRunner(1), cache=cache)
    assert drawn == []  # nothing of the issue's own pages drawn again
    assert {n: (out / n).read_bytes() for n in before} == before
    (d / "issue.toml").write_text('title = "The Evening Gazette"\nnumber = 3\ndate = "2026-03-01"\n', "utf-8")
    assemble.build_issue(d, out, cfg, LocalRunner(1), cache=cache)
    assert sorted(set(drawn)) == ["render_front", "render_furniture"]  # another title: drawn again


def test_drawn_pages_are_pruned_with_the_clips(tmp_path):
    cache = ClipCache(tmp_path)
    cache.put_drawn("ab" * 32, b"%PDF-1.4 front page")
    assert cache.get_drawn("ab" * 32) == b"%PDF-1.4 front page"
    assert cache.prune(0) == 1 and cache.get_drawn("ab" * 32) is None


def test_the_pause_between_articles_is_encoded_once_then_taken_from_the_cache(tmp_path, monkeypatch):
    from editions.config import Config
    from editions.issue.frames import Format
    from editions.issue.sound import silence
    from editions.speech.sound import mix
    calls = []
    real = mix.encode_segment
    monkeypatch.setattr(mix, "encode_segment", lambda *a, **k: calls.append(1) or real(*a, **k))
    fmt, cfg, cache = Format(2, 24000, 64, "mono"), Config(), ClipCache(tmp_path / "cache")
    first = silence(fmt, 1.5, cfg, cache)
    again = silence(fmt, 1.5, cfg, cache)
    assert again == first and len(calls) == 1 and first[1] > 0
    assert silence(fmt, 1.5, cfg, None) == first and len(calls) == 2  # --no-cache: encoded, the same frames
    assert silence(Format(2, 24000, 64, "mono"), 3.0, cfg, cache)[1] > first[1] and len(calls) == 3
