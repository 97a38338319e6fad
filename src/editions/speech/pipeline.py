"""The audio pipeline: Article in, a chaptered MP3 and a VTT out; wires script, voice, cache, levelling, segments.

:func:`start_audio` does what needs no voice (lexicon, script, cache look-ups) and, if any clip is missing,
starts the voice loading in the background at once; :meth:`AudioJob.finish` synthesises what is missing (each
worker measuring its clips' loudness), chooses the programme's gain from those measurements (no second pass
over the audio), encodes only the chapters whose segments the cache lacks at that gain, concatenates the
segments and writes tags and transcript.  :func:`render_audio` is the two in one.

Levelling: integrated loudness belongs to the whole programme, so one gain serves every chapter.  It is
quantised and a gain at which chapters are already held is kept while the programme's loudness stays close
to it (:mod:`.sound.segments`), so an edit re-encodes only its own chapter; when the
loudness moves further, every chapter is re-levelled and the log says so.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from .._version import __version__
from ..config import Config
from ..errors import EditionsError, InputError, RenderError
from ..model import Article
from ..narration import Narration
from ..progress import Progress
from .cache import ClipCache
from .choice import choose_engine, offline
from .sound import Clip, cut_clip, narration, to_vtt
from .text import Script, Timeline, build_script, load_lexicon, timeline
from .voices import Engine, check_offline, offline_voice

# numpy, the signal code and mutagen are imported where they are first needed: everything up to handing the
# missing sentences to the voice (script, cache look-ups) runs before them, so the voice starts loading sooner

__all__ = ["render_audio", "start_audio", "AudioJob", "AudioResult", "build_script", "load_lexicon"]

log = logging.getLogger("editions")

MP3_LOUDNESS_LOSS = 0.4
"""LU the MP3 encoder takes from narrated speech (measured on the seed: -16.12 before, -16.53 after)."""
HOLD_BYTES = 64 << 20
"""Clips kept in memory between synthesis and encoding, at most (beyond it they are read back from the cache)."""


@dataclass
class AudioResult:
    duration_ms: int
    lufs: float
    true_peak: float
    voice: str
    engine: str
    chapters: list[tuple[str, int, int]]
    cues: int
    synthesised: int
    from_cache: int
    script: Script | None = field(default=None, repr=False)
    timeline: Timeline | None = field(default=None, repr=False)
    narration: Narration | None = field(default=None, repr=False)
    """The timed cues the VTT was written from (and the EPUB's overlays are)."""
    warnings: list[str] = field(default_factory=list)
    encoded_chapters: int = 0
    """Chapters encoded in this render (the others' segments came from the cache)."""
    gain_db: float = 0.0
    relevelled: bool = False
    """The programme's loudness moved past the tolerance of the gain its chapters were held at."""


class _Clips:
    """Every cue's clip length and loudness analysis, and a loader for its samples.

    Made in two steps: the constructor reads the cache and hands what it lacks to the voice (which starts
    at once if the engine can work in the background); :meth:`collect` waits for the new clips."""

    def __init__(self, engine: Engine, texts: list[str], cache: ClipCache | None, show_progress: bool):
        identity = engine.identity()
        self.engine, self.texts, self.show_progress = engine, texts, show_progress
        self.keys = [ClipCache.key(identity, t) for t in texts]
        self.cache = cache
        self.held: dict[int, Clip] = {}
        self.held_bytes = 0
        n = len(texts)
        self.lengths: list[int] = [0] * n
        self.analyses: list[np.ndarray] = [None] * n  # type: ignore[list-item]
        self.rate = 0
        self.missing = [i for i, k in enumerate(self.keys) if cache is None or not cache.has(k)]
        # identical sentences are synthesised once
        self.unique = list(dict.fromkeys(texts[i] for i in self.missing))
        self.pending = engine.submit(self.unique) if self.unique and hasattr(engine, "submit") else None
        self.submitted = len(self.unique) if self.pending is not None else 0
        missing = set(self.missing)
        for i, k in enumerate(self.keys):  # read while the voice works
            if i not in missing:
                clip = cache.get(k)  # type: ignore[union-attr]
                if clip is None:  # vanished or damaged since has(): say it again
                    self.missing.append(i)
                    if texts[i] not in self.unique:
                        self.unique.append(texts[i])
                else:
                    self._take(i, clip, keep=False)
        self.made = len(self.missing)

    def collect(self) -> "_Clips":
        from .sound import analyse
        if not self.missing:
            self.rate = self.rate or 24000
            return self
        bar = Progress(f"narrating ({self.engine.name})", len(self.unique), enabled=self.show_progress)
        cues: dict[str, list[int]] = {}
        for i in self.missing:
            cues.setdefault(self.texts[i], []).append(i)
        late = self.unique[self.submitted:]
        stream = self.pending(bar) if self.pending is not None else iter(())

        def measured(clip: Clip) -> Clip:  # an engine that does not measure its clips: measure them here
            return clip if clip.analysis is not None else replace(clip, analysis=analyse(_samples(clip), clip.rate))

        kept: dict[int, Clip] = {}

        def keep(j: int, clip: Clip) -> None:  # cached as soon as it is made: an interrupted run resumes here
            kept[j] = measured(clip)
            self.cache.put(self.keys[cues[late[j]][0]], kept[j])  # type: ignore[union-attr]
        extra = {"on_clip": keep} if self.cache is not None else {}
        made = self.engine.synthesize(late, bar, **extra) if late else []
        for j, clip in itertools.chain(stream, ((self.submitted + j, kept.get(j, c)) for j, c in enumerate(made))):
            clip = measured(clip)
            first = cues[self.unique[j]][0]
            if self.cache is not None and j < self.submitted:  # stored as it lands (late ones were, in keep)
                self.cache.put(self.keys[first], clip)
            for i in cues[self.unique[j]]:
                self._take(i, clip, keep=True)
        self.rate = self.rate or 24000
        return self

    def _take(self, i: int, clip: Clip, keep: bool) -> None:
        from .sound import analyse
        self.lengths[i], self.rate = clip.frames, clip.rate
        analysis = clip.analysis
        if analysis is None:  # an entry from before clips carried their analysis
            analysis = analyse(_samples(clip), clip.rate)
        self.analyses[i] = analysis
        if self.cache is None or (keep and self.held_bytes + len(clip.pcm) <= HOLD_BYTES):
            self.held[i] = clip
            self.held_bytes += len(clip.pcm)

    def load(self, i: int) -> Clip:
        if i in self.held:
            clip = self.held[i]
        else:
            clip = self.cache.get(self.keys[i]) if self.cache else None
            if clip is None:
                raise RenderError("a cached clip vanished while rendering", hint="run again")
        cut = self.cuts.get(i)
        return cut_clip(clip, *cut) if cut else clip

    cuts: dict[int, tuple[int, int]] = {}
    """Samples cut from the start of a clip, and the length kept (:meth:`trim_joins`)."""

    def trim_joins(self, cues) -> None:
        """Where a split sentence's pieces meet, cut the voice's padding down (no audible seam): lengths,
        analyses and what :meth:`load` gives all follow."""
        from .sound import cut_analysis, join_cuts
        self.cuts = join_cuts(cues, self.lengths, self.load, self.rate)
        for i, (start, length) in self.cuts.items():
            self.analyses[i] = cut_analysis(self.analyses[i], start, length, self.rate)
            self.lengths[i] = length


def _samples(clip: Clip) -> np.ndarray:
    import numpy as np
    return np.frombuffer(clip.pcm, dtype="<i2")


def _mix_key(eng: Engine, texts: list[str], pauses: list[float], cfg: Config) -> str:
    """Everything the finished (untagged) MP3 depends on."""
    a = cfg.audio
    from .sound import SEGMENT_FORMAT, TRUE_PEAK_MARGIN
    blob = json.dumps([eng.identity(), texts, pauses, a.loudness, a.true_peak, a.bitrate, a.encoder_quality,
                       MP3_LOUDNESS_LOSS, TRUE_PEAK_MARGIN, SEGMENT_FORMAT, __version__], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


class AudioJob:
    """One narration: started early (the voice loads in the background), finished when its MP3 is wanted."""

    def __init__(self, article: Article, mp3_path: Path, vtt_path: Path, cfg: Config, *,
                 cache: ClipCache | None = None, engine: Engine | None = None, show_progress: bool = True):
        self.article, self.mp3_path, self.vtt_path, self.cfg = article, mp3_path, vtt_path, cfg
        self.cache, self.show_progress = cache, show_progress
        self.lexicon = load_lexicon(cfg.audio.lexicon or None, article.source_path)
        self.script = build_script(article, cfg.audio, self.lexicon)
        if not self.script.cues:
            raise InputError("nothing to narrate: the article has no words a voice can say (only symbols or emoji?)",
                             path=article.source_path, hint="add its text, or render --only print")
        self.eng, self.fallback = choose_engine(cfg, self.lexicon, article, engine, cache)
        self.warnings: list[str] = []
        if self.eng.name == "offline":  # a language or script the voice cannot say: refused now, not silence
            check_offline(article, self.eng)
        self.pauses = [c.pause_after for c in self.script.cues]
        self.texts = [self.eng.prepare(c.speech) for c in self.script.cues]
        self.mixed = cache.get_mix(_mix_key(self.eng, self.texts, self.pauses, cfg)) if cache else None
        self.clips: _Clips | None = None
        self.error: EditionsError | None = None
        if self.mixed is None:
            try:  # the voice starts on what is missing now, while the cache is read (and the print edition drawn)
                self.clips = _Clips(self.eng, self.texts, cache, show_progress)
            except EditionsError as e:  # handled in finish(), where the offline fallback lives
                self.error = e

    def finish(self) -> AudioResult:
        from .sound import LAME_DELAY, write_tags
        cfg, script, cache = self.cfg, self.script, self.cache
        encoded, gain, relevelled = 0, 0.0, False
        if self.mixed is not None:  # the very same narration was mixed before: reuse the finished MP3
            mp3, meta = self.mixed
            self.mp3_path.write_bytes(mp3)
            lengths, rate, made = meta["lengths"], meta["rate"], 0
            lufs, peak, gain = meta["lufs"], meta["true_peak"], meta.get("gain_db", 0.0)
            tl = timeline(script, lengths, rate, meta["starts"], LAME_DELAY, meta["total"])
        else:
            clips = self._clips()
            clips.trim_joins(script.cues)  # a split sentence has no audible seam
            rate, lengths, made = clips.rate, clips.lengths, clips.made
            tl, starts, lufs, peak, gain, encoded, relevelled = self._mix(clips)
            if cache is not None:
                cache.put_mix(_mix_key(self.eng, self.texts, self.pauses, cfg), self.mp3_path.read_bytes(),
                              {"lengths": lengths, "rate": rate, "lufs": lufs, "true_peak": peak, "gain_db": gain,
                               "starts": starts, "total": tl.total})
        if cache is not None and self.eng.name == "offline":  # the next render of this source needs no voice
            from .voices import remember
            remember(cache, self.article.source_path, cfg, _mix_key(self.eng, self.texts, self.pauses, cfg))
        narr = narration(script, tl)
        chapters = list(narr.chapters)
        voice = f"{self.eng.name}:{self.eng.voice}"
        write_tags(self.mp3_path, self.article, chapters, cfg.publication, voice, __version__)
        self.vtt_path.write_text(to_vtt(narr, self.article.headline, self.article.lang), encoding="utf-8")
        log.debug("audio: %d clips (%d synthesised), %d chapters encoded, gain %+.2f dB, %.1f LUFS, %.1f dBTP",
                  len(self.texts), made, encoded, gain, lufs, peak)
        return AudioResult(duration_ms=tl.ms(tl.total), lufs=round(lufs, 2), true_peak=round(peak, 2), voice=voice,
                           engine=self.eng.name, chapters=chapters, cues=len(self.texts), synthesised=made,
                           from_cache=len(self.texts) - made, script=script, timeline=tl, narration=narr,
                           warnings=self.warnings,
                           encoded_chapters=encoded, gain_db=gain, relevelled=relevelled)

    def _clips(self) -> _Clips:
        try:
            if self.error is not None:
                raise self.error
            return self.clips.collect()  # type: ignore[union-attr]
        except EditionsError as e:
            if not self.fallback:
                raise
            if offline_voice(self.article.lang) is None:  # no offline voice for it: gTTS's failure is the news
                raise
            self.warnings.append(f"gTTS failed ({e.message}); the whole edition was narrated by the offline voice")
            log.warning("voice: %s", self.warnings[-1])
            self.eng = offline(replace(self.cfg, audio=replace(self.cfg.audio, voice="")), self.lexicon,
                               self.article, self.cache)
            self.texts = [self.eng.prepare(c.speech) for c in self.script.cues]
            return _Clips(self.eng, self.texts, self.cache, self.show_progress).collect()

    def _mix(self, clips: _Clips):
        """Level, encode what the cache lacks, concatenate: (timeline, segment starts, LUFS, dBTP, gain dB,
        chapters encoded, re-levelled)."""
        from .sound import (HOLD_MS, LAME_DELAY, TRUE_PEAK_MARGIN, chapter_pcm, check_decodes, choose_gain, count_frames,
                            encode_segment, frame_samples, layout, level, limiter, lufs_from_energy, programme,
                            programme_gain)
        cfg, cache, rate = self.cfg, self.cache, clips.rate
        a = cfg.audio
        pauses = [round(p * rate) for p in self.pauses]
        chapters = layout(self.script, clips.lengths, pauses, self.texts, self.eng.identity(), rate, a)
        energy, peaks, block = programme(chapters, clips.lengths, clips.analyses, pauses, rate)
        ceiling = a.true_peak - TRUE_PEAK_MARGIN
        exact, _ = programme_gain(energy, peaks, block, rate, a.loudness + MP3_LOUDNESS_LOSS, ceiling)
        gain, relevelled, old = choose_gain(exact, chapters, cache)
        if relevelled:
            log.info("audio: the programme now needs a gain %+.2f dB from the one its chapters were encoded at; "
                     "re-levelling every chapter", exact - old)
        segments: list[tuple[bytes, dict] | None] = [cache.get_segment(ch.key, gain) if cache else None
                                                     for ch in chapters]
        # longest chapter first, so the encoders finish together
        todo = sorted((k for k, s in enumerate(segments) if s is None), key=lambda k: -chapters[k].frames)

        def encode(k: int) -> tuple[bytes, dict]:
            ch = chapters[k]
            x = chapter_pcm(clips.lengths, clips.load, pauses, ch.cues, rate, ch.samples)
            x, tp = level(x, rate, gain, ceiling)
            mp3 = encode_segment(x, rate, a.bitrate, a.encoder_quality)
            del x
            frames = count_frames(mp3)  # every frame header checked
            meta = {"frames": frames, "true_peak": round(tp, 3)}
            if cache is not None:
                cache.put_segment(ch.key, gain, mp3, meta)
            return mp3, meta

        if todo:  # one thread more than the cores: a chapter is levelled while LAME encodes the others
            from concurrent.futures import ThreadPoolExecutor
            from ..procs import available_cores
            with ThreadPoolExecutor(max(1, min(len(todo), available_cores() + 1))) as pool:
                for k, seg in zip(todo, pool.map(encode, todo)):
                    segments[k] = seg
        fs = frame_samples(rate)
        starts, pos = [], 0
        for (mp3, meta), ch in zip(segments, chapters):  # type: ignore[misc]
            starts.append(pos)
            pos += meta["frames"] * fs
            if meta["frames"] != ch.frames:
                log.debug("audio: a segment has %d frames, %d expected", meta["frames"], ch.frames)
        with open(self.mp3_path, "wb") as f:
            for mp3, _ in segments:  # type: ignore[misc]
                f.write(mp3)
        check_decodes(self.mp3_path)
        tl = timeline(self.script, clips.lengths, rate, starts, LAME_DELAY, pos)
        g = limiter(peaks, 10 ** (gain / 20), 10 ** (ceiling / 20), max(1, round(HOLD_MS * rate / 1000 / block)))
        lufs = lufs_from_energy(energy * g ** 2, block, rate) - MP3_LOUDNESS_LOSS
        peak = max(meta["true_peak"] for _, meta in segments)  # type: ignore[misc]
        return tl, starts, lufs, peak, gain, len(todo), relevelled


def start_audio(article: Article, mp3_path: Path, vtt_path: Path, cfg: Config, *, cache: ClipCache | None = None,
                engine: Engine | None = None, show_progress: bool = True) -> AudioJob:
    """Begin narrating ``article``: the voice starts loading now if anything must be said; ``.finish()`` ends it."""
    return AudioJob(article, mp3_path, vtt_path, cfg, cache=cache, engine=engine, show_progress=show_progress)


def render_audio(article: Article, mp3_path: Path, vtt_path: Path, cfg: Config, *, cache: ClipCache | None = None,
                 engine: Engine | None = None, show_progress: bool = True) -> AudioResult:
    """Narrate ``article`` into ``mp3_path`` (with ID3 chapters) and ``vtt_path``."""
    return start_audio(article, mp3_path, vtt_path, cfg, cache=cache, engine=engine,
                       show_progress=show_progress).finish()
