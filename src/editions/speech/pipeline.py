"""The audio pipeline: :func:`render_audio` wires script, voice, cache, mix, tags and transcript."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from .._version import __version__
from ..config import Config
from ..errors import EditionsError, RenderError
from ..model import Article
from ..narration import Narration
from ..progress import Progress
from .cache import ClipCache
from .engines import Clip, Engine, get_engine
from .joins import trim_joins
from .languages import check_voice
from .lexicon import Lexicon, load_lexicon
from .loudness import normalise_loudness
from .mix import encode_mp3, measure_mp3, stitch
from .script import Script, Timeline, build_script, timeline
from .tags import write_tags
from .transcript import narration, to_vtt

__all__ = ["render_audio", "AudioResult", "choose_engine", "build_script", "load_lexicon"]

log = logging.getLogger("editions")

MP3_LOUDNESS_LOSS = 0.4
"""LU the MP3 encoder takes from narrated speech (measured on the seed: -16.12 before, -16.53 after)."""


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


def choose_engine(cfg: Config, lexicon: Lexicon, article: Article, engine: Engine | None = None) -> tuple[Engine, bool]:
    """The engine to use, and whether offline is the fallback if it fails mid-edition (auto mode)."""
    if engine is not None:
        return engine, False
    a = cfg.audio
    opts = dict(voice=a.voice, speed=a.speed, workers=a.workers, lexicon=lexicon, lang=article.lang)
    if a.engine == "auto":
        from .engines.gtts import reachable
        if reachable():
            log.info("voice: gTTS is reachable; using it (offline voice if it fails)")
            return get_engine("gtts", **{**opts, "voice": ""}), True
        log.info("voice: gTTS not reachable; using the offline voice")
        return get_engine("offline", **{**opts, "voice": a.voice}), False
    return get_engine(a.engine, **opts), False


def _clips(engine: Engine, texts: list[str], cache: ClipCache | None, show_progress: bool):
    """Lengths of every clip and a loader, synthesising only what the cache lacks."""
    identity = engine.identity()
    keys = [ClipCache.key(identity, t) for t in texts]
    held: dict[int, Clip] = {}
    lengths: list[int | None] = [None] * len(texts)
    rate = None
    missing = []
    for i, k in enumerate(keys):
        clip = cache.get(k) if cache else None
        if clip is None:
            missing.append(i)
        else:
            lengths[i], rate = clip.frames, clip.rate
            if cache is None:
                held[i] = clip
    if missing:
        # identical sentences are synthesised once
        unique = list(dict.fromkeys(texts[i] for i in missing))
        bar = Progress(f"narrating ({engine.name})", len(unique), enabled=show_progress)

        def keep(j: int, clip: Clip) -> None:  # cached as soon as it is made: an interrupted run resumes here
            cache.put(ClipCache.key(identity, unique[j]), clip)
        extra = {"on_clip": keep} if cache is not None else {}
        made = dict(zip(unique, engine.synthesize(unique, bar, **extra)))
        for i in missing:
            clip = made[texts[i]]
            lengths[i], rate = clip.frames, clip.rate
            if cache is None:  # else it was cached as it was made, and is read back when stitching
                held[i] = clip
        made.clear()

    def load(i: int) -> Clip:
        if i in held:
            return held[i]
        clip = cache.get(keys[i]) if cache else None
        if clip is None:
            raise RenderError("a cached clip vanished while rendering", hint="run again")
        return clip
    return lengths, rate or 24000, load, len(missing)


def _mix_key(eng: Engine, texts: list[str], pauses: list[float], cfg: Config) -> str:
    """Everything the finished (untagged) MP3 depends on."""
    import hashlib
    import json
    a = cfg.audio
    blob = json.dumps([eng.identity(), texts, pauses, a.loudness, a.true_peak, a.bitrate, a.encoder_quality,
                       MP3_LOUDNESS_LOSS, __version__], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def _mix(lengths, load, pauses, rate, mp3_path: Path, cfg: Config) -> tuple[float, float]:
    """Stitch, level and encode; returns the MP3's measured (LUFS, dBTP)."""
    target, quality = cfg.audio.loudness, cfg.audio.encoder_quality
    # MP3 encoding takes about 0.4 LU from speech at these rates (measured here); aim that much higher
    samples = stitch(lengths, load, pauses, rate)
    total = len(samples)
    normalise_loudness(samples, rate, target + MP3_LOUDNESS_LOSS, cfg.audio.true_peak)
    encode_mp3(samples, rate, mp3_path, cfg.audio.bitrate, quality)
    del samples
    lufs, peak, frames = measure_mp3(mp3_path, rate)
    if abs(lufs - target) > 0.5:  # content the estimate does not fit: aim off by what encoding really took, once
        samples = stitch(lengths, load, pauses, rate)
        normalise_loudness(samples, rate, target + MP3_LOUDNESS_LOSS + (target - lufs), cfg.audio.true_peak)
        encode_mp3(samples, rate, mp3_path, cfg.audio.bitrate, quality)
        del samples
        lufs, peak, frames = measure_mp3(mp3_path, rate)
    if frames < total * 0.9:
        raise RenderError("the encoded MP3 is shorter than the narration", path=mp3_path)
    return lufs, peak


def render_audio(article: Article, mp3_path: Path, vtt_path: Path, cfg: Config, *, cache: ClipCache | None = None,
                 engine: Engine | None = None, show_progress: bool = True) -> AudioResult:
    """Narrate ``article`` into ``mp3_path`` (with ID3 chapters) and ``vtt_path``."""
    lexicon = load_lexicon(cfg.audio.lexicon or None, article.source_path)
    script = build_script(article, cfg.audio, lexicon)
    if not script.cues:
        raise RenderError("nothing to narrate", path=article.source_path)
    eng, fallback = choose_engine(cfg, lexicon, article, engine)
    warnings: list[str] = []
    check_voice(eng.name, article)  # a language or script the voice cannot say: refused now, not silence later
    pauses = [c.pause_after for c in script.cues]
    texts = [eng.prepare(c.speech) for c in script.cues]
    mixed = cache.get_mix(_mix_key(eng, texts, pauses, cfg)) if cache else None
    if mixed is not None:  # the very same narration was mixed before: reuse the finished MP3
        mp3, meta = mixed
        mp3_path.write_bytes(mp3)
        lengths, rate, made = meta["lengths"], meta["rate"], 0
        lufs, peak = meta["lufs"], meta["true_peak"]
    else:
        try:
            lengths, rate, load, made = _clips(eng, texts, cache, show_progress)
        except EditionsError as e:
            if not fallback:
                raise
            warnings.append(f"gTTS failed ({e.message}); the whole edition was narrated by the offline voice")
            log.warning("voice: %s", warnings[-1])
            a = cfg.audio
            eng = get_engine("offline", voice="", speed=a.speed, workers=a.workers, lexicon=lexicon)
            check_voice(eng.name, article)
            texts = [eng.prepare(c.speech) for c in script.cues]
            lengths, rate, load, made = _clips(eng, texts, cache, show_progress)
        lengths, load = trim_joins(script.cues, lengths, load, rate)  # a split sentence has no audible seam
        lufs, peak = _mix(lengths, load, pauses, rate, mp3_path, cfg)
        if cache is not None:
            cache.put_mix(_mix_key(eng, texts, pauses, cfg), mp3_path.read_bytes(),
                          {"lengths": lengths, "rate": rate, "lufs": lufs, "true_peak": peak})
    tl = timeline(script, lengths, rate)
    narr = narration(script, tl)
    chapters = list(narr.chapters)
    voice = f"{eng.name}:{eng.voice}"
    write_tags(mp3_path, article, chapters, cfg.publication, voice, __version__)
    vtt_path.write_text(to_vtt(narr, article.headline), encoding="utf-8")
    log.debug("audio: %d clips (%d synthesised), %.1f LUFS, %.1f dBTP", len(texts), made, lufs, peak)
    return AudioResult(duration_ms=tl.ms(tl.total), lufs=round(lufs, 2), true_peak=round(peak, 2), voice=voice,
                       engine=eng.name, chapters=chapters, cues=len(texts), synthesised=made,
                       from_cache=len(texts) - made, script=script, timeline=tl, narration=narr,
                       warnings=warnings)
