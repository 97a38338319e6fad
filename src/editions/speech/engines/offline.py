"""The offline voice: hibari-tts, whose American English voice ships inside its wheel.

No network, ever.  Clips are 24 kHz 16-bit mono.  The same text always gives the
same clip (a fixed noise seed).  Many clips are synthesised in parallel, one
process per core, each with a single onnxruntime thread; each worker also
measures the loudness of the clips it makes (:func:`..loudness.analyse`), so the
programme's loudness is known when the last clip lands.

The voice is loaded once per process: the worker pool is started by
:meth:`OfflineEngine.submit` as soon as the pipeline knows something must be said
(its workers load the voice while the main process reads the cache and draws
the print edition) and is kept for the next article of a batch.  The longest
sentences are handed out first, so no worker is left with a long one at the end.
"""
from __future__ import annotations

import multiprocessing as mp
import multiprocessing.util
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterator, Sequence

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


def _synth_one(args: tuple[str, str, float]):
    """One clip and its loudness analysis (measured here, in the worker that made it)."""
    import numpy as np
    from ..loudness import analyse
    text, voice, speed = args
    tts = _load(voice)
    audio = tts(text, speed=speed, seed=SEED)
    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
    return pcm.tobytes(), analyse(pcm, OfflineEngine.rate)


def _init_worker(voice: str):
    # worker_init ran first: this worker dies with its parent, ignores Ctrl-C (the parent decides when work
    # stops and stops us) and holds no copy of the output folder's lock
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        _load(voice)
    except Exception:  # reported by the first job that needs the voice
        pass


_pool: ProcessPoolExecutor | None = None
_pool_key: tuple | None = None
_finalizer_pid = 0


def shutdown() -> None:
    """Stop this process's voice workers now (also what a command does when it ends)."""
    global _pool, _pool_key
    if _pool is not None and _pool_key is not None and _pool_key[0] == os.getpid():
        stop_pool(_pool)
    _pool, _pool_key = None, None


def _get_pool(voice: str, workers: int) -> ProcessPoolExecutor:
    """This process's worker pool for ``voice`` (a forked child never uses its parent's)."""
    global _pool, _pool_key, _finalizer_pid
    key = (os.getpid(), voice, workers)
    if _pool is not None and _pool_key == key:
        return _pool
    shutdown()
    ctx = mp.get_context("spawn" if _voice is not None else "fork")  # never fork a loaded onnxruntime
    _pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=worker_init,
                                initargs=(os.getpid(), _init_worker, voice))
    _pool_key = key  # workers start (and load the voice) as jobs arrive, as many as there are jobs
    # stopped when this process ends — also a multiprocessing child (a build worker), whose exit would
    # otherwise wait for these workers forever
    if _finalizer_pid != os.getpid():
        _finalizer_pid = os.getpid()
        mp.util.Finalize(None, shutdown, exitpriority=10)
    return _pool


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

    def submit(self, texts: Sequence[str]) -> Callable[[Progress | None], Iterator[tuple[int, Clip]]]:
        """Hand ``texts`` to the worker pool now; the returned function yields ``(index, clip)`` as clips land."""
        jobs = [(t, self.voice, self.speed) for t in texts]
        try:
            pool = _get_pool(self.voice, self.workers)
            # longest first: the last job to finish is a short one, so every core stays busy to the end
            order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][0]))
            futures = {pool.submit(_synth_one, jobs[i]): i for i in order}
        except BaseException:
            shutdown()
            raise

        def collect(progress: Progress | None = None) -> Iterator[tuple[int, Clip]]:
            try:
                for fut in as_completed(futures):
                    pcm, analysis = fut.result()
                    if progress:
                        progress(1)
                    yield futures.pop(fut), Clip(pcm, self.rate, analysis=analysis)
            except BaseException as e:
                shutdown()
                if isinstance(e, EngineUnavailable) or not isinstance(e, Exception):
                    raise
                raise RenderError(f"the offline voice failed: {e.__class__.__name__}: {e}") from e
        return collect

    def synthesize(self, texts: Sequence[str], progress: Progress | None = None,
                   on_clip: OnClip | None = None) -> list[Clip]:
        if _pool is None and (self.workers <= 1 or len(texts) < 4):  # nothing warm: say it here
            out = []
            try:
                for i, t in enumerate(texts):
                    pcm, analysis = _synth_one((t, self.voice, self.speed))
                    out.append(Clip(pcm, self.rate, analysis=analysis))
                    if on_clip:
                        on_clip(i, out[-1])
                    if progress:
                        progress(1)
            except EngineUnavailable:
                raise
            except Exception as e:
                raise RenderError(f"the offline voice failed: {e.__class__.__name__}: {e}") from e
            return out
        out: list[Clip | None] = [None] * len(texts)
        for i, clip in self.submit(texts)(progress):
            out[i] = clip
            if on_clip:  # kept (the cache) as each lands, so an interruption loses nothing done
                on_clip(i, clip)
        return out  # type: ignore[return-value]
