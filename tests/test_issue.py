"""editions issue: the samples' issue assembled from the articles' parts -- the MP3's nested chapter tree
(mutagen) and flat chapters (ffmpeg), its loudness, the one VTT, issue.json, issue.toml's checks, a failed
article left out, incremental rebuilds."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3, CTOCFlags

from editions.speech.sound.mix import decode_mp3_file, ffmpeg_exe

from .audio_helpers import SHORT
from .conftest import SAMPLES


def issue_cli(*argv, cwd=None):
    env = {**os.environ, "EDITIONS_SCHEDULER": "none"}
    return subprocess.run([sys.executable, "-m", "editions", "issue", *map(str, argv)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The samples' issue, built twice (the second a pure re-assembly)."""
    root = tmp_path_factory.mktemp("issue")
    out, cache = root / "out", root / "cache"
    first = issue_cli(SAMPLES, "--out", out, "--engine", "test", "--cache", cache, "--jobs", "2")
    assert first.returncode == 0, first.stderr
    feed1 = (out / "feed.xml").read_bytes()
    second = issue_cli(SAMPLES, "--out", out, "--engine", "test", "--cache", cache, "--jobs", "2")
    assert second.returncode == 0, second.stderr
    return out, first, second, feed1


def manifests(out):
    issue = json.loads((out / "issue.json").read_text())
    return issue, [json.loads((out / a["manifest"]).read_text()) for a in issue["articles"]]


def test_issue_manifest_lists_outputs_and_articles(built):
    out, first, second, _ = built
    issue, arts = manifests(out)
    assert [a["slug"] for a in issue["articles"]] == sorted(p.stem for p in SAMPLES.iterdir()
                                                             if p.suffix in (".md", ".txt"))
    for key in ("mp3", "vtt", "feed"):
        entry = issue["outputs"][key]
        data = (out / entry["path"]).read_bytes()
        import hashlib
        assert len(data) == entry["bytes"] and hashlib.sha256(data).hexdigest() == entry["sha256"]
    samples = sum(p.suffix in (".md", ".txt") for p in SAMPLES.iterdir())
    assert f"0 rendered, {samples} up to date" in second.stdout  # the second run re-rendered nothing
    assert issue["rebuilt"] == [] and all(not a["rebuilt"] for a in issue["articles"])
    assert "relative links" in first.stderr  # no base_url: a warning saying why


def test_chapter_tree_read_back_with_mutagen(built):
    out, *_ = built
    issue, arts = manifests(out)
    tags = ID3(str(out / "issue.mp3"))
    tocs = {t.element_id: t for t in tags.getall("CTOC")}
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    top = [t for t in tocs.values() if t.flags & CTOCFlags.TOP_LEVEL]
    assert len(top) == 1 and top[0].child_element_ids == ["intro"] + [f"a{i}" for i in range(len(arts))]
    assert len(tocs) == 1 + len(arts)  # one CTOC per article under the top-level one
    for i, (a, m) in enumerate(zip(issue["articles"], arts)):
        toc = tocs[f"a{i}"]
        assert str(toc.sub_frames["TIT2"].text[0]) == m["headline"]
        got = [(str(chaps[c].sub_frames["TIT2"].text[0]), chaps[c].start_time, chaps[c].end_time)
               for c in toc.child_element_ids]
        want = [(c["title"], c["start_ms"] + a["start_ms"], c["end_ms"] + a["start_ms"])
                for c in m["audio"]["chapters"]]
        want[0] = (m["headline"],) + want[0][1:]
        assert got == want


def test_flat_chapters_read_back_with_ffmpeg(built):
    """ffmpeg ignores CTOC: it lists the CHAPs as stored, which must be time order with each article's
    first chapter at its start, titled with its headline."""
    out, *_ = built
    issue, arts = manifests(out)
    proc = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(out / "issue.mp3"), "-f", "ffmetadata", "-"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    blocks = proc.stdout.split("[CHAPTER]")[1:]
    chapters = [(int(re.search(r"START=(\d+)", b).group(1)), re.search(r"title=(.*)", b).group(1)) for b in blocks]
    assert len(chapters) == 1 + sum(len(m["audio"]["chapters"]) for m in arts)
    starts = [s for s, _ in chapters]
    assert starts == sorted(starts) and starts[0] == 0
    for a, m in zip(issue["articles"], arts):
        assert (a["start_ms"], m["headline"]) in chapters


def test_whole_mp3_loudness_and_true_peak(built):
    out, *_ = built
    import pyloudnorm
    from editions.speech.sound.loudness import integrated_lufs, true_peak_db
    x, rate = decode_mp3_file(out / "issue.mp3")
    lufs = integrated_lufs(x, rate)
    assert abs(lufs + 16) <= 0.5, lufs
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(x / 32768.0) - lufs) < 0.1
    assert true_peak_db(x, rate) < -1.0
    # the announcement alone is levelled too
    issue = json.loads((out / "issue.json").read_text())
    head = x[: issue["articles"][0]["start_ms"] * rate // 1000]
    assert abs(integrated_lufs(head, rate) + 16) <= 1.0


def test_vtt_cues_line_up_with_chapters(built):
    from editions.issue.transcript import cues
    out, *_ = built
    issue, arts = manifests(out)
    chaps = {c.element_id: c for c in ID3(str(out / "issue.mp3")).getall("CHAP")}
    vtt = (out / "issue.vtt").read_text()
    assert vtt.startswith("WEBVTT")
    found = cues(vtt)
    ids = [c[0] for c in found]
    assert len(ids) == len(set(ids))  # identifiers stay unique
    n = 0
    for i, (a, m) in enumerate(zip(issue["articles"], arts)):
        own = cues((out / f"{a['slug']}.vtt").read_text())
        mine = [c for c in found if c[0].startswith(f"a{i}-")]
        assert [(s + a["start_ms"], e + a["start_ms"], t) for _, s, e, t in own] == [c[1:] for c in mine]
        for ident, start, end, _ in mine:
            k = re.fullmatch(rf"a{i}-chapter-(\d+)", ident)
            if k:
                n += 1
                chap = chaps[f"a{i}c{k.group(1)}"]
                assert chap.start_time <= start < end <= chap.end_time
    assert n >= len(arts)


def test_issue_toml_settings_order_and_errors(tmp_path):
    d = tmp_path / "arts"
    d.mkdir()
    (d / "short.md").write_text(SHORT, encoding="utf-8")
    (d / "b-other.txt").write_text("Other Headline\n\nA body paragraph with enough words.\n", encoding="utf-8")
    toml = d / "issue.toml"
    toml.write_text('\ufefftitle = "The Gazette"\nnumber = 7\ndate = "2026-03-01"\norder = ["short.md"]\n'
                    'base_url = "https://example.org/pod/"\n', encoding="utf-8")
    out = tmp_path / "out"
    r = issue_cli(d, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1", "--only", "audio")
    assert r.returncode == 0, r.stderr
    issue = json.loads((out / "issue.json").read_text())
    assert [a["slug"] for a in issue["articles"]] == ["short", "b-other"]  # listed first, then file-name order
    assert issue["title"] == "The Gazette" and issue["number"] == 7 and issue["date"] == "2026-03-01"
    assert "relative links" not in r.stderr
    for text, needle in (('colour = "red"\n', "unknown setting 'colour'"), ('date = "March"\n', "'date'"),
                         ('number = "7"\n', "'number'"), ('order = ["missing.md"]\n', "missing.md"),
                         ('base_url = "ftp://x"\n', "'base_url'")):
        toml.write_text(text, encoding="utf-8")
        r = issue_cli(d, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1")
        lines = r.stderr.strip().splitlines()
        assert r.returncode == 2 and len(lines) == 1 and needle in lines[0] and "issue.toml" in lines[0], r.stderr


def test_failed_article_is_left_out_with_a_warning_and_edits_rebuild_one(tmp_path):
    d = tmp_path / "arts"
    d.mkdir()
    (d / "short.md").write_text(SHORT, encoding="utf-8")
    (d / "other.txt").write_text("Other Headline\n\nA body paragraph with enough words.\n", encoding="utf-8")
    (d / "zz-broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    r = issue_cli(d, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1", "--only", "audio")
    assert r.returncode == 1  # the failure is reported, the issue still goes out without it
    assert "zz-broken.md failed to render and is left out of the issue" in r.stderr
    issue = json.loads((out / "issue.json").read_text())
    assert [a["slug"] for a in issue["articles"]] == ["other", "short"] and issue["left_out"] == ["zz-broken.md"]
    (d / "zz-broken.md").unlink()
    (d / "other.txt").write_text("Other Headline\n\nA changed body paragraph.\n", encoding="utf-8")
    r = issue_cli(d, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1", "--only", "audio")
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "issue.json").read_text())["rebuilt"] == ["other"]


def test_issue_refuses_its_own_folder_and_reserved_names(tmp_path):
    d = tmp_path / "arts"
    d.mkdir()
    (d / "short.md").write_text(SHORT, encoding="utf-8")
    r = issue_cli(d, "--out", d, "--engine", "test", "--no-cache")
    assert r.returncode == 2 and "--out" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    (d / "issue.md").write_text(SHORT, encoding="utf-8")
    r = issue_cli(d, "--out", tmp_path / "out", "--engine", "test", "--no-cache")
    assert r.returncode == 2 and "issue.md" in r.stderr and "rename" in r.stderr


def test_a_toml_date_is_the_iso_date_it_looks_like(tmp_path):
    """`date = 2026-12-06` (TOML's own date type) is what an editor writes: it was refused as 'datetime.date(...)'."""
    from editions.errors import ConfigError
    from editions.issue.settings import load_issue_settings
    (tmp_path / "issue.toml").write_text('title = "T"\ndate = 2026-12-06\n', encoding="utf-8")
    assert load_issue_settings(tmp_path).date == "2026-12-06"
    (tmp_path / "issue.toml").write_text('date = 2026-12-06T10:00:00\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="should be str, not datetime '2026-12-06 10:00:00'"):
        load_issue_settings(tmp_path)


def test_samples_issue_epub_every_article_language_and_overlay_epubcheck_clean(built):
    """The samples' issue.epub (what `make editions` writes): every article with its sections in the issue's
    order, each language marked (Arabic right to left), every overlay sound, EPUBCheck clean."""
    from .epub_helpers import X, IssueBook, check_overlays, epubcheck, own_toc
    out, *_ = built
    issue = json.loads((out / "issue.json").read_text())
    assert issue["outputs"]["epub"]["path"] == "issue.epub"
    book = IssueBook(out / "issue.epub")
    toc = book.toc()
    assert [(h, s) for _, h, s in toc] == [own_toc(out / f"{a['slug']}.epub") for a in issue["articles"]]
    assert [h for _, h, _ in toc] == [a["headline"] for a in issue["articles"]]
    langs = {li.get("lang"): {a.get("dir") for a in li.iter(f"{X}a")} for li, _, _ in toc}
    assert {"es", "ar", "hi", "zh"} <= set(langs) and langs["ar"] == {"rtl"} and langs["es"] == {None}
    check_overlays(book)
    fatals, errors, warnings, messages = epubcheck(out / "issue.epub")
    assert (fatals, errors, warnings) == (0, 0, 0), "\n".join(messages)
