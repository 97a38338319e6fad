"""The offline voice: hibari-tts, whose American English voice ships inside its wheel.

No network, ever.  Clips are 24 kHz 16-bit mono.  The same text always gives the
same clip (a fixed noise seed).  Many clips are synthesised in parallel, one
process per core, each with a single onnxruntime thread.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Sequence

import numpy as np

from ...errors import EngineUnavailable, RenderError
from ...procs import available_cores, capped, stop_pool, worker_init
from . import Clip, OnClip, Progress

__all__ = ["OfflineEngine"]

SEED = 1234
DEFAULT_VOICE = "heart"  # the voice inside the hibari-tts wheel
_voice = None  # per-process hibari instance


def _load(voice: str):
    global _voice
    if _voice is None or _voice.voice != voice:
        import hibari
        from hibari.voices import VOICES
        if voice not in VOICES:
            raise EngineUnavailable(f"unknown offline voice '{voice}'", hint="known: " + ", ".join(sorted(VOICES)))
        from hibari.voices import voice_path
        try:
            path = voice_path(voice, download_missing=False)
        except FileNotFoundError:
            raise EngineUnavailable(f"offline voice '{voice}' is not on this machine",
                                    hint="use the packaged voice 'heart'") from None
        from ..phonemes import plain_g2p  # editions normalises; the voice's own normaliser stays off
        _voice = hibari.Hibari(voice=voice, model=path, threads=1, g2p=plain_g2p(VOICES[voice]["british"]))
    return _voice


def _synth_one(args: tuple[str, str, float]) -> bytes:
    text, voice, speed = args
    tts = _load(voice)
    audio = tts(text, speed=speed, seed=SEED)
    return (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def _init_worker():
    os.environ["OMP_NUM_THREADS"] = "1"


class OfflineEngine:
    name = "offline"
    rate = 24000

    def __init__(self, voice: str = "", speed: float = 1.0, workers: int = 0, lexicon=None, **_):
        # hibari itself is imported only when something needs synthesising: a warm render never loads it
        from importlib.metadata import PackageNotFoundError, version
        try:
            self.version = version("hibari-tts")
        except PackageNotFoundError:
            raise EngineUnavailable("the offline voice needs hibari-tts", hint="pip install hibari-tts") from None
        self.voice = voice or DEFAULT_VOICE
        if self.voice != DEFAULT_VOICE:
            from hibari.voices import VOICES, voice_path
            if self.voice not in VOICES:
                raise EngineUnavailable(f"unknown offline voice '{self.voice}'",
                                        hint="the packaged voice is 'heart'")
            try:  # editions never downloads at run time: another voice must already be on disk
                self.model_path = voice_path(self.voice, download_missing=False)
            except FileNotFoundError:
                raise EngineUnavailable(f"offline voice '{self.voice}' is not on this machine",
                                        hint="use the packaged voice 'heart', or install that voice's file first"
                                        ) from None
        self.speed = speed
        self.workers = capped(workers, "audio.workers") if workers else available_cores()
        self.lexicon = lexicon

    def identity(self) -> str:
        return f"offline:hibari-{self.version}:{self.voice}:{self.speed}:seed{SEED}:plain-g2p"

    def prepare(self, speech: str) -> str:
        from ..phonemes import spell_initialisms
        speech = spell_initialisms(speech)
        return self.lexicon.apply_phonemes(speech) if self.lexicon else speech

    def synthesize(self, texts: Sequence[str], progress: Progress | None = None,
                   on_clip: OnClip | None = None) -> list[Clip]:
        jobs = [(t, self.voice, self.speed) for t in texts]
        workers = min(self.workers, len(jobs))
        out: list[Clip | None] = [None] * len(jobs)

        def done(i: int, pcm: bytes) -> None:
            out[i] = Clip(pcm, self.rate)
            if on_clip:
                on_clip(i, out[i])
            if progress:
                progress(1)
        try:
            if workers <= 1 or len(jobs) < 4:
                for i, job in enumerate(jobs):
                    done(i, _synth_one(job))
            else:
                ctx = mp.get_context("spawn" if _voice is not None else "fork")
                pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=worker_init,
                                           initargs=(os.getpid(), _init_worker))
                try:
                    # results are kept (on_clip: the cache) as each finishes, so an interruption loses nothing done
                    futures = {pool.submit(_synth_one, job): i for i, job in enumerate(jobs)}
                    for fut in as_completed(futures):
                        done(futures[fut], fut.result())
                except BaseException:
                    stop_pool(pool)
                    raise
                pool.shutdown()
        except EngineUnavailable:
            raise
        except Exception as e:
            raise RenderError(f"the offline voice failed: {e.__class__.__name__}: {e}") from e
        return out  # type: ignore[return-value]
