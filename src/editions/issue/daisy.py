"""The issue as a DAISY 2.02 talking book: ``ncc.html``, one SMIL per heading, a content document and an MP3
per article, assembled from the articles' finished audio and their narration timelines (never narrated again).

Takes the issue's metadata, the announcement's frames and, per article, its headline, the bare constant-bitrate
frames of its MP3 (as :func:`.frames.bare_frames` gives them: no tag, no info frame, one format), its VTT and
its manifest's chapters; gives the book's files as (name inside the book's folder, bytes).

The structure: the NCC's ``<h1 class="title">`` (the issue's title; its SMIL plays the announcement), then
one ``h1`` per article (its headline; the article's intro chapter) and one ``h2`` per section (its other
chapters), each heading linked to the ``text`` of the first ``par`` of its own SMIL.  Every cue of the VTT
(every sentence) is a ``par`` (``endsync="last"``): its ``text`` is the heading in the NCC, or a ``span`` of
the article's content document (``aNNN.html``, which links back to it); its ``audio`` a clip of the article's
MP3 (``aNNN.mp3``) from the cue's start to the next one's, so the clips cover each file end to end and a
SMIL's time is its clips' sum.  Clip times are the VTT's, which are the frames' own (the bare frames have no
encoder-delay trim, as in the issue's joined MP3).  Every text is text (``<``, ``&``, quotes are escaped).
"""
from __future__ import annotations

import html
import uuid
from dataclasses import dataclass

from ..errors import RenderError
from .daisy_xml import clock, content_html, ncc_html, smil
from .feed import GUID_NAMESPACE
from .transcript import cues

__all__ = ["BookArticle", "book_files", "book_identifier", "DAISY_FOLDER"]

DAISY_FOLDER = "issue.daisy"
"""The book's folder in the issue's output folder."""


@dataclass(frozen=True)
class BookArticle:
    headline: str
    lang: str
    frames: bytes
    """Bare CBR MP3 frames (no tag, no info frame)."""
    count: int
    """How many frames."""
    vtt: str
    chapters: tuple[tuple[str, int, int], ...]
    """(title, start ms, end ms) as the article's manifest lists them."""


def book_identifier(title: str, number: int | None, date: str) -> str:
    """dc:identifier: the same for every rebuild of the same issue (its title, number and date)."""
    return "editions-" + str(uuid.uuid5(GUID_NAMESPACE, f"daisy/{title}/{'' if number is None else number}/{date}"))


def _norm(text: str) -> str:
    return " ".join(text.replace("-->", "→").split())


def _groups(vtt: str, length_ms: int, where: str) -> list[list]:
    """[chapter, clip begin ms, [texts]] of each par of an article: one per cue, from its start to the next;
    a cue that would have no time of its own (it starts where the one before does, or past the audio's end)
    joins the one before, so no text is lost and every clip is longer than nothing."""
    chapter, groups = 0, []
    for k, (ident, start, _end, lines) in enumerate(cues(vtt)):
        if ident.startswith("chapter-") and ident[8:].isdigit():
            chapter = int(ident[8:])
        text = html.unescape(" ".join(lines)).strip()
        begin = 0 if not groups else min(max(start, 0), length_ms)
        if groups and (begin <= groups[-1][1] or begin >= length_ms):
            groups[-1][2].append(text)
            continue
        groups.append([chapter, begin, [text]])
    if not groups:
        raise RenderError("its VTT has no cue: the DAISY book cannot be made", path=where,
                          hint="render the article again (editions build --force)")
    return groups


def book_files(*, title: str, identifier: str, date: str, publisher: str, lang: str, generator: str,
               rate: int, intro: tuple[bytes, int], articles: list[BookArticle]) -> list[tuple[str, bytes]]:
    """The book's files (see the module's docstring); ``rate`` is the frames' sample rate."""
    from ..speech.sound.frames import frame_samples
    fs = frame_samples(rate)

    def length(count: int) -> int:
        return count * fs * 1000 // rate  # floored: a clip never ends past the file's last sample

    files: list[tuple[str, bytes]] = [("intro.mp3", intro[0])]
    headings: list[tuple[int, str, str, str, str]] = []
    smils: list[tuple[str, list, int]] = []  # (name, pars, duration ms)

    def add_smil(pars: list) -> str:
        name = f"s{len(smils) + 1:04d}.smil"
        smils.append((name, pars, sum(e - b for *_, b, e in pars)))
        return name

    intro_ms = length(intro[1])
    name = add_smil([("p1", "t1", "ncc.html#h1", "intro.mp3", 0, intro_ms)])
    headings.append((1, "h1", title, f"{name}#t1", lang))
    span = 0
    for n, a in enumerate(articles, 1):
        audio, doc = f"a{n:03d}.mp3", f"a{n:03d}.html"
        total = length(a.count)
        files.append((audio, a.frames))
        groups = _groups(a.vtt, total, a.headline)
        blocks = []
        for g, (chapter, begin, texts) in enumerate(groups):
            end = groups[g + 1][1] if g + 1 < len(groups) else total
            first = g == 0 or groups[g - 1][0] != chapter
            if first:
                level = 1 if chapter == 0 else 2
                heading = a.headline if chapter == 0 else (a.chapters[chapter][0] if chapter < len(a.chapters)
                                                           else texts[0])
                hid = f"h{len(headings) + 1}"
                pars: list = []
                smil_name = f"s{len(smils) + 1:04d}.smil"
                headings.append((level, hid, heading, f"{smil_name}#t1", a.lang))
                blocks.append((level, heading, []))
                smils.append((smil_name, pars, 0))
            pid = len(pars) + 1
            text = " ".join(texts)
            if first and _norm(texts[0]) == _norm(heading) and len(texts) == 1:
                src = f"ncc.html#{hid}"  # the heading's text is the NCC's
            else:
                span += 1
                src = f"{doc}#c{span}"
                blocks[-1][2].append((f"c{span}", f"{smil_name}#t{pid}", text))
            pars.append((f"p{pid}", f"t{pid}", src, audio, begin, end))
        files.append((doc, content_html(a.headline, a.lang, blocks)))
    smils = [(nm, pars, sum(e - b for *_, b, e in pars)) for nm, pars, _ in smils]
    total_ms = sum(d for _, _, d in smils)
    common = [("dc:format", "Daisy 2.02"), ("dc:title", title), ("dc:identifier", identifier),
              ("ncc:generator", generator)]
    elapsed = 0
    for nm, pars, dur in smils:
        files.append((nm, smil(common + [("ncc:totalElapsedTime", clock(elapsed)),
                                         ("ncc:timeInThisSmil", clock(dur))], pars, dur)))
        elapsed += dur
    meta = [("dc:title", title), ("dc:identifier", identifier), ("dc:format", "Daisy 2.02"), ("dc:date", date),
            ("dc:publisher", publisher), ("dc:creator", publisher), ("dc:language", lang),
            ("ncc:charset", "utf-8"), ("ncc:generator", generator), ("ncc:totalTime", clock(total_ms, False)),
            ("ncc:tocItems", str(len(headings))), ("ncc:files", str(len(files) + 1)),
            ("ncc:multimediaType", "audioFullText"), ("ncc:pageFront", "0"), ("ncc:pageNormal", "0"),
            ("ncc:pageSpecial", "0"), ("ncc:depth", str(max(h[0] for h in headings)))]
    files.append(("ncc.html", ncc_html(title, lang, meta, headings)))
    return files
