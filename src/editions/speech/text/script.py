"""The narration script: Article in, ordered cues and chapters out (no sound yet).

Order: headline; deck; byline and date; the photo described; each section (its
heading announced, then its paragraphs, sentence by sentence); the credit line.
Each cue carries the silence that follows it, chosen by structure (see
:class:`~editions.config.AudioConfig`).  :func:`timeline` turns clip lengths into
exact start/end times for chapters, ID3 frames and the VTT transcript.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...config import AudioConfig
from ...model import Article
from ...wording import by_line, format_date, label, labelled
from .lexicon import Lexicon
from .normalise import normalise
from .stops import CLAUSE_MARKS, closed, join_sentences

__all__ = ["Cue", "Chapter", "Script", "Timeline", "build_script", "timeline", "split_sentences"]

PAUSE_SENTENCE = 0.25
"""Seconds between sentences of one paragraph (each sentence is its own clip)."""

MAX_CLIP_WORDS = 40
"""Most written words narrated as one clip.  A voice's memory grows with the length of what it is given at once
(the offline voice: 0.9 GB for a 300-word run-on sentence, 4.8 GB for 1,200), so a longer sentence is split at its
clause boundaries (, ; : — and brackets), and a clause still longer at this many words.  The pieces follow each other
with no pause, every word still spoken."""

MAX_SPEECH_WORDS = 60
"""Most spoken words handed to a voice at once, after normalisation (a long number becomes many words)."""

MAX_SPEECH_CHARS = 480
"""Most characters handed to a voice at once."""

_NO_BREAK = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Maj", "Lt", "Col", "Capt", "Sgt", "Gov", "Sen", "Rep",
             "Rev", "Prof", "Mt", "Ft", "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
             "Fwy", "Ave", "Blvd", "Inc", "Co", "Corp", "vs", "approx", "Calif", "Ore", "Vt", "Wash", "Brig", "Adm"}


@dataclass(frozen=True)
class Cue:
    """One clip's worth of narration."""

    text: str
    """As written (shown in the VTT transcript)."""
    speech: str
    """Normalised for speech, lexicon respellings applied (what every engine is given)."""
    chapter: int
    """Index into :attr:`Script.chapters`."""
    kind: str
    """headline, deck, byline, photo, dateline, heading, sentence or credit."""
    pause_after: float
    """Seconds of silence after the clip."""
    section: int | None = None
    """Index of the article section the cue belongs to (None for the intro)."""
    paragraph: int | None = None
    """Index of the paragraph within its section (None for headings and intro cues)."""
    continues: bool = False
    """The cue carries on the previous cue's sentence (a piece of a split over-long sentence): no pause before it,
    and the transcript and read-along show the pieces as one sentence.  A continuation with empty ``text`` holds
    only more of the previous cue's speech (a long number's words)."""


@dataclass(frozen=True)
class Chapter:
    title: str
    first_cue: int


@dataclass(frozen=True)
class Script:
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class Timeline:
    """Exact times, in samples at ``rate`` (ms helpers for tags and VTT)."""

    rate: int
    cue_spans: tuple[tuple[int, int], ...]
    """(start, end) sample of each cue's speech (its pause follows ``end``)."""
    chapter_spans: tuple[tuple[int, int], ...]
    total: int

    def ms(self, samples: int) -> int:
        return round(samples * 1000 / self.rate)


def _is_abbreviation(word: str) -> bool:
    """'Dr', 'Gen', 'Sept' (a title or short form) or initials such as 'J', 'U.S', 'L.A'."""
    core = word.rstrip(".")
    return core in _NO_BREAK or (re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", core) is not None
                                 and len(core.replace(".", "")) <= 3)


_SENTENCE_END = re.compile(
    r"(?<![.!?…؟۔])[.!?…؟۔]++[”’\"')\]»]*+(?=\s+[“‘\"'(\[«¿¡]?(\S))"  # a stop, space, and what starts the next
    r"|[。！？｡]++[」』”’）)\]]*+"  # Chinese and Japanese stops end a sentence wherever they stand
    r"|[।॥]++[”’\"')\]]*+(?=\s)")  # the danda (Hindi, Marathi, Nepali...)
"""Only from the start of a run of stops, and without giving any back: a run of 100,000 dots is read once."""
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[”’\"')\]]*$")
_WORD_WINDOW = 64
"""How far back the word before a stop is looked for (an abbreviation or initials are far shorter)."""


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations, initials and decimals don't end one.  After a Latin stop the next
    sentence starts with a capital, a digit or a letter of a script without capitals (Arabic, Hebrew, Devanagari:
    ``؟`` and the Urdu ``۔`` end one too); Chinese and Japanese stops and the danda end a sentence by themselves."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        nxt = m.group(1)
        if nxt is not None and not (nxt.isupper() or nxt.isdigit() or (nxt.isalpha() and not nxt.islower())):
            continue  # "e.g. the", "3 p.m. today": a small letter carries the sentence on
        word = _LAST_WORD.findall(text[max(start, m.start() - _WORD_WINDOW):m.end()])
        if m.group(0).startswith(".") and _is_abbreviation(word[0] if word else ""):
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


_CLAUSE_BREAK = re.compile(r"(?<=[,;:)\]—–])\s+|(?<!\s)\s++(?=[(\[—–])")
"""After a clause's end, or before one's start; a run of spaces is tried once, from its start."""


def _even_chunks(words: list[str], limit: int) -> list[list[str]]:
    """``words`` cut into the fewest runs of at most ``limit`` words, as even as possible (no one-word tail)."""
    if len(words) <= limit:
        return [words]
    n = -(-len(words) // limit)
    size, extra = divmod(len(words), n)
    out, i = [], 0
    for k in range(n):
        j = i + size + (1 if k < extra else 0)
        out.append(words[i:j])
        i = j
    return out


def split_long(sentence: str, limit: int = MAX_CLIP_WORDS) -> list[str]:
    """A sentence of more than ``limit`` words as pieces of at most ``limit`` words: clauses are packed together
    greedily, and a clause longer than the limit is cut evenly between words.  Joining the pieces with spaces gives
    back the sentence's words, in order, none lost."""
    words = sentence.split()
    if len(words) <= limit:
        return [sentence]
    pieces: list[list[str]] = []
    current: list[str] = []
    for clause in _CLAUSE_BREAK.split(sentence):
        cw = clause.split()
        if not cw:
            continue
        if len(current) + len(cw) <= limit:
            current += cw
            continue
        if current:
            pieces.append(current)
        if len(cw) <= limit:
            current = cw
        else:
            *full, current = _even_chunks(cw, limit)
            pieces += full
    if current:
        pieces.append(current)
    return [" ".join(p) for p in pieces]


def _cut(word: str, chars: int) -> list[str]:
    """A word longer than ``chars`` in pieces of at most ``chars``: after its last clause mark (，、；: a Chinese
    sentence is one "word") in the second half of a piece where it has one, else at ``chars``."""
    out = []
    while len(word) > chars:
        at = max(word.rfind(m, chars // 2, chars) for m in CLAUSE_MARKS) + 1
        at = at if at > 0 else chars
        out.append(word[:at])
        word = word[at:]
    return out + ([word] if word else [])


def bound_speech(speech: str, words: int = MAX_SPEECH_WORDS, chars: int = MAX_SPEECH_CHARS) -> list[str]:
    """Normalised speech as runs a voice can take at once: at most ``words`` words and ``chars`` characters each
    (a word longer than ``chars`` is cut)."""
    tokens = []
    for w in speech.split():
        tokens += _cut(w, chars)
    if len(tokens) <= words and len(speech) <= chars:
        return [speech] if tokens else []
    out, cur, size = [], [], 0
    for t in tokens:
        if cur and (len(cur) >= words or size + 1 + len(t) > chars):
            out.append(" ".join(cur))
            cur, size = [], 0
        cur.append(t)
        size += len(t) + (1 if size else 0)
    if cur:
        out.append(" ".join(cur))
    return out


_JOINER_IN_WORD = re.compile(r"(?<=\w)[\u200c\u200d]+(?=\w)")


def _speak(text: str, lexicon: Lexicon, end: bool = True, lang: str = "en") -> str:
    text = _JOINER_IN_WORD.sub("", text)  # a joiner inside a word is not a word break when spoken
    spoken = normalise(lexicon.apply_respell(text), lang)
    if (lang or "").lower().split("-")[0] == "ar":
        from .vowels import vowelled
        spoken = vowelled(spoken)  # the short vowels Arabic does not write, for the voice only
    if end:
        spoken = closed(spoken, lang)  # its own stop (।, 。, ؟...) kept; the one its script writes if it has none
    return spoken


def _dateline_spoken(dateline: str) -> str:
    """'SACRAMENTO, Calif. (AP)' -> 'Sacramento, Calif.' (agency dropped; capitals not spelled out)."""
    core, tail = dateline, dateline.rstrip()
    if tail.endswith(")"):  # the first '(' after the last ')' before it: string search, linear
        opening = tail.find("(", tail.rfind(")", 0, len(tail) - 1) + 1)
        if opening >= 0:
            core = dateline[:opening].rstrip()
    return re.sub(r"\b[A-Z][A-Z'’-]+\b", lambda m: m.group(0).capitalize(), core)


def build_script(article: Article, cfg: AudioConfig, lexicon: Lexicon) -> Script:
    cues: list[dict] = []
    chapters: list[Chapter] = [Chapter(article.headline, 0)]

    def add(text, kind, chapter, section=None, paragraph=None, speech=None):
        # an over-long sentence becomes several clips, each bounded in words and characters, joined with no pause
        if speech is not None:
            pieces = [(text, speech)]
        else:
            parts = split_long(text)
            pieces = [(p, _speak(p, lexicon, end=k == len(parts) - 1, lang=article.lang))
                      for k, p in enumerate(parts)]
        first = True
        for written, spoken in pieces:
            if not spoken.strip(" .,;:"):
                continue
            for k, run in enumerate(bound_speech(spoken)):
                cues.append(dict(text=written if k == 0 else "", speech=run, chapter=chapter, kind=kind,
                                 section=section, paragraph=paragraph, continues=not first))
                first = False

    add(article.headline, "headline", 0)
    if article.deck:
        add(article.deck, "deck", 0)
    lang = article.lang
    by = join_sentences(closed(by_line(article.byline, lang, spoken=True), lang) if article.byline else "",
                        closed(format_date(article.date, lang)[0], lang) if article.date else "")
    if by:
        add(by, "byline", 0)
    if cfg.describe_photo and article.photo and (article.photo.alt or article.photo.caption):
        desc = (article.photo.alt or article.photo.caption).rstrip(".")
        credit = closed(labelled("photo_credit", article.photo.credit, lang), lang) if article.photo.credit else ""
        add(join_sentences(closed(labelled("photo", desc, lang), lang), credit), "photo", 0)
    for si, section in enumerate(article.sections):
        chapters.append(Chapter(section.heading or label("opening", lang)[0], len(cues)))
        ch = len(chapters) - 1
        if section.heading:
            add(section.heading, "heading", ch, si)
        if si == 0 and article.dateline:
            add(article.dateline, "dateline", ch, si, 0, speech=_speak(_dateline_spoken(article.dateline), lexicon,
                                                                     lang=article.lang))
        for pi, para in enumerate(section.paragraphs):
            for sentence in split_sentences(para.text):
                add(sentence, "sentence", ch, si, pi)
    if article.credit_line:
        add(article.credit_line, "credit", len(chapters) - 1)
    # chapters whose cues were all empty are dropped
    used = {c["chapter"] for c in cues}
    kept = [c for i, c in enumerate(chapters) if i in used]
    remap = {old: new for new, old in enumerate(i for i in range(len(chapters)) if i in used)}
    for c in cues:
        c["chapter"] = remap[c["chapter"]]
    kept = [Chapter(ch.title, next(i for i, c in enumerate(cues) if c["chapter"] == n)) for n, ch in enumerate(kept)]
    out = []
    for i, c in enumerate(cues):
        nxt = cues[i + 1] if i + 1 < len(cues) else None
        out.append(Cue(pause_after=_pause(c, nxt, cfg), **c))
    return Script(tuple(out), tuple(kept))


def _pause(cue: dict, nxt: dict | None, cfg: AudioConfig) -> float:
    if nxt is None or nxt["continues"]:
        return 0.0
    if nxt["kind"] == "heading":
        return max(cfg.pause_before_heading, cfg.pause_after_headline if cue["chapter"] == 0 else 0)
    if cue["kind"] == "heading":
        return cfg.pause_after_heading
    if cue["section"] is None and nxt["section"] is not None:
        return cfg.pause_after_headline
    if nxt["kind"] == "credit":
        return cfg.pause_after_headline
    if cue["kind"] == "dateline":
        return PAUSE_SENTENCE
    if cue["section"] is None or cue["paragraph"] != nxt["paragraph"]:
        return cfg.pause_paragraph
    return PAUSE_SENTENCE


def timeline(script: Script, lengths: list[int], rate: int, segment_starts: list[int] | None = None,
             lead: int = 0, total: int | None = None) -> Timeline:
    """Clip lengths (samples) -> where every cue and chapter sits, with the pauses between.

    With ``segment_starts`` (where each chapter's MP3 segment begins in the decoded audio), ``lead`` (samples
    of encoder delay before a segment's content) and ``total`` (the decoded length), cues are placed where the
    chapter segments really put them; chapter 0 starts at 0, every other chapter where its first cue starts."""
    spans, pos = [], 0
    pauses = [round(c.pause_after * rate) for c in script.cues]
    firsts = {ch.first_cue: k for k, ch in enumerate(script.chapters)}
    for i, (n, p) in enumerate(zip(lengths, pauses)):
        if segment_starts is not None and i in firsts:
            pos = segment_starts[firsts[i]] + lead
        spans.append((pos, pos + n))
        pos += n + p
    total = pos if total is None else total
    starts = [spans[ch.first_cue][0] for ch in script.chapters]
    if segment_starts is not None and starts:
        starts[0] = 0
    chapter_spans = tuple((s, starts[i + 1] if i + 1 < len(starts) else total) for i, s in enumerate(starts))
    return Timeline(rate, tuple(spans), chapter_spans, total)
