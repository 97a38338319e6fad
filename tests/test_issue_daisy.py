"""The issue's DAISY 2.02 talking book (issue.daisy/): every rule of tests/daisy_check.py on a built issue with
a hostile article and a hostile issue title; the checker itself caught breaking each rule; dc:identifier stable
across rebuilds; issue.json lists the book's files; a hostile title stays text in the NCC, SMIL and content."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from editions.issue.daisy import BookArticle, book_files, book_identifier
from editions.issue.frames import bare_frames

from .conftest import SAMPLES
from .daisy_check import X, meta, problems

HOSTILE = 'Tom & "Jerry" <b>bold</b> \'quoted\' \u202eevil'
ENV = {**os.environ, "EDITIONS_SCHEDULER": "none"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("daisy")
    src, out, cache = root / "articles", root / "out", root / "cache"
    src.mkdir()
    shutil.copy(SAMPLES / "riverside-library.txt", src)
    (src / "hostile.md").write_text(f"---\ntitle: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\nlang: en-US\n---\n\n"
                                    "First <i>para</i> & more. Second one.\n\n## A & B <c>\n\nThird sentence.\n",
                                    encoding="utf-8")
    (src / "issue.toml").write_text('title = "The <Gazette> & \\"Co\\""\nnumber = 7\ndate = "2026-12-04"\n'
                                    'publisher = "Desk & Co"\n', encoding="utf-8")
    ids = []
    for _ in range(2):
        r = subprocess.run([sys.executable, "-m", "editions", "issue", src, "--out", out, "--engine", "test",
                            "--cache", cache], capture_output=True, text=True, env=ENV, timeout=300)
        assert r.returncode == 0, r.stderr
        ids.append(meta(ET.parse(out / "issue.daisy" / "ncc.html").getroot(), X)["dc:identifier"])
    return out, ids


def test_book_keeps_every_rule(built):
    out, _ = built
    assert problems(out / "issue.daisy") == []


def test_structure_h1_per_article_h2_per_section_every_sentence_a_par(built):
    out, _ = built
    book = out / "issue.daisy"
    ncc = ET.parse(book / "ncc.html").getroot()
    heads = [(h.tag.replace(X, ""), "".join(h.itertext())) for h in ncc.find(f"{X}body")]
    assert heads[0] == ("h1", "The <Gazette> & \"Co\"")
    assert [t for t, _ in heads].count("h1") == 3  # the title and two articles
    assert ("h2", "A & B <c>") in heads
    texts = []
    for smil in sorted(book.glob("*.smil")):
        for par in ET.parse(smil).getroot().iter("par"):
            f, _, frag = par.find("text").get("src").partition("#")
            texts.append("".join(next(e for e in ET.parse(book / f).getroot().iter() if e.get("id") == frag)
                                 .itertext()))
    for sentence in ("First <i>para</i> & more.", "Second one.", "Third sentence.", "A & B <c>"):
        assert sentence in texts  # each its own par, its text as written


def test_hostile_title_stays_text(built, tmp_path):
    """Straight through the book's writer (the parser and issue.toml drop U+202E before it gets here)."""
    out, _ = built
    frames, fmt, n = bare_frames((out / "issue.daisy" / "a001.mp3").read_bytes(), "a001")
    esc = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    vtt = f"WEBVTT\n\nchapter-0\n00:00:00.000 --> 00:00:01.000\n{esc}\n\ncue-1\n00:00:01.500 --> 00:00:02.000\n{esc}!\n"
    book = tmp_path / "book"
    book.mkdir()
    for name, data in book_files(title=HOSTILE, identifier="x", date="2026-12-04", publisher=HOSTILE, lang="en",
                                 generator="t", rate=fmt.rate, intro=(frames, n),
                                 articles=[BookArticle(HOSTILE, "en", frames, n, vtt, ((HOSTILE, 0, 2000),))]):
        (book / name).write_bytes(data)
    assert problems(book) == []
    ncc = ET.parse(book / "ncc.html").getroot()
    assert meta(ncc, X)["dc:title"] == [HOSTILE] and ncc.find(f"{X}head/{X}title").text == HOSTILE
    assert ["".join(h.itertext()) for h in ncc.find(f"{X}body")] == [HOSTILE, HOSTILE]
    assert meta(ET.parse(book / "s0002.smil").getroot())["dc:title"] == [HOSTILE]
    assert "".join(ET.parse(book / "a001.html").getroot().find(f"{X}body/{X}p").itertext()) == HOSTILE + "!"


def test_identifier_stable_across_rebuilds(built):
    out, ids = built
    assert ids[0] == ids[1]
    assert book_identifier("T", 7, "2026-12-04") == book_identifier("T", 7, "2026-12-04")
    assert book_identifier("T", 7, "2026-12-04") != book_identifier("T", 8, "2026-12-04")


def test_issue_json_lists_the_book(built):
    out, _ = built
    entry = json.loads((out / "issue.json").read_text())["outputs"]["daisy"]
    assert entry["path"] == "issue.daisy"
    on_disk = {p.name for p in (out / "issue.daisy").iterdir()}
    assert set(entry["files"]) == on_disk
    for name, f in entry["files"].items():
        data = (out / "issue.daisy" / name).read_bytes()
        assert f["bytes"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest()


def test_audio_is_the_articles_cbr_frames(built):
    out, _ = built
    for mp3 in (out / "issue.daisy").glob("a*.mp3"):
        bare_frames(mp3.read_bytes(), str(mp3))  # raises unless one format (constant bitrate) throughout


@pytest.mark.parametrize("breakage, expect", [
    ("drop-mp3", "is not in the book"),
    ("clip-past-end", "outside"),
    ("dangling-link", "no par or text there"),
    ("skip-level", "level skipped"),
    ("meta-twice", "dc:title appears 2 times"),
    ("elapsed", "ncc:totalElapsedTime"),
    ("extra-file", "not allowed"),
])
def test_checker_catches_each_broken_rule(built, tmp_path, breakage, expect):
    out, _ = built
    book = tmp_path / "book"
    shutil.copytree(out / "issue.daisy", book)
    ncc = book / "ncc.html"
    smil = book / "s0002.smil"
    if breakage == "drop-mp3":
        (book / "a001.mp3").unlink()
    elif breakage == "clip-past-end":
        smil.write_text(re.sub(r'clip-end="npt=[\d.]+s"', 'clip-end="npt=99999.000s"', smil.read_text(), count=1))
    elif breakage == "dangling-link":
        ncc.write_text(ncc.read_text().replace("s0002.smil#t1", "s0002.smil#nowhere"))
    elif breakage == "skip-level":
        ncc.write_text(re.sub(r"<h2 (id=\"h\d+\")>(.*?)</h2>", r"<h3 \1>\2</h3>", ncc.read_text(), count=1))
    elif breakage == "meta-twice":
        ncc.write_text(ncc.read_text().replace("</head>", '<meta name="dc:title" content="again" /></head>'))
    elif breakage == "elapsed":
        smil.write_text(re.sub(r'"ncc:totalElapsedTime" content="[^"]+"',
                               '"ncc:totalElapsedTime" content="01:00:00.000"', smil.read_text()))
    elif breakage == "extra-file":
        (book / "notes.txt").write_text("x")
    assert any(expect in p for p in problems(book)), problems(book)


def test_rebuild_drops_a_file_no_longer_in_the_book(built, tmp_path):
    out, _ = built
    root = tmp_path / "copy"
    shutil.copytree(out.parent, root)
    (root / "out" / "issue.daisy" / "s0099.smil").write_text("<smil/>")  # as an article since removed would leave
    r = subprocess.run([sys.executable, "-m", "editions", "issue", root / "articles", "--out", root / "out",
                        "--engine", "test", "--cache", root / "cache"], capture_output=True, text=True, env=ENV,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    assert not (root / "out" / "issue.daisy" / "s0099.smil").exists()
    assert problems(root / "out" / "issue.daisy") == []


DTB = Path(__file__).resolve().parent.parent / "tools" / "dtb"


def test_daisy_dtb_reads_every_heading_and_every_clip_inside_its_audio(built):
    """A reader that is not ours: daisy-dtb (Python 3.12+, in tools/dtb/.venv, made by `make test`) opens the
    book and finds every heading of the NCC at its level, one clip in every par, each inside its MP3."""
    from .daisy_check import audio_seconds
    python = DTB / ".venv" / "bin" / "python"
    if not python.exists():
        pytest.fail("daisy-dtb is not installed: run `make test` (it makes tools/dtb/.venv with Python 3.12 or later)")
    out, _ = built
    book = out / "issue.daisy"
    r = subprocess.run([str(python), str(DTB / "readback.py"), str(book)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    read = json.loads(r.stdout)
    ncc = ET.parse(book / "ncc.html").getroot()
    heads = [[int(h.tag.replace(X, "")[1]), "".join(h.itertext())] for h in ncc.find(f"{X}body")]
    assert read["headings"] == heads and read["depth"] == 2
    assert read["title"] == 'The <Gazette> & "Co"'
    pars = sum(1 for s in book.glob("*.smil") for _ in ET.parse(s).getroot().iter("par"))
    assert read["pars"] == pars and len(read["clips"]) == pars  # every par read with its one clip
    lengths = {p.name: audio_seconds(p) for p in book.glob("*.mp3")}
    outside = [c for c in read["clips"] if not (0 <= c[3] < c[4] <= lengths[c[2]] + 1e-6)]
    assert outside == []
