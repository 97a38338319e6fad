"""The offline voice: hibari-tts, whose American English voice ships inside its wheel.

No network, ever.  Clips are 24 kHz 16-bit mono.  The same text always gives the
same clip (a fixed noise seed).  Many clips are synthesised in parallel, one
process per core, each with a single onnxruntime thread; each worker also
measures the loudness of the clips it makes (:func:`...sound.loudness.analyse`), so the
programme's loudness is known when the last clip lands.

The voice's workers are a :class:`.crew.Crew`: one process loads the voice's text
side (most of the load) once and turns each sentence into phonemes, while each
sound worker opens its own model session at the same time (a voice worker made
from phonemes speaks exactly as ``Hibari.__call__`` on the text).  They are started by :func:`prestart` when a command knows early that the voice
will be needed (they load while it parses the article), else by
:meth:`OfflineEngine.submit` as soon as the pipeline knows something must be said
(while the main process reads the cache and draws the print edition), and kept
for the next article of a batch.  The longest sentences are handed out first, so
no worker is left with a long one at the end.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from ....errors import EditionsError, EngineUnavailable, RenderError
from ....procs import available_cores, capped
from . import Clip, OnClip, Progress

if TYPE_CHECKING:  # the crew (and multiprocessing) are imported when the voice is started, not by a re-render
    from .crew import Crew

__all__ = ["OfflineEngine"]

SEED = 1234
DEFAULT_VOICE = "heart"  # the voice inside the hibari-tts wheel
_text = None  # per process: (voice, model path, G2P, pid, store)
_voice = None  # per process: the hibari instance (its onnxruntime session is this process's own)
_voice_store = None  # the store that instance was opened from


def _voice_file(voice: str):
    """hibari's description of ``voice`` and its model file; EngineUnavailable if either is missing."""
    from .. import hibari_adapter
    known = hibari_adapter.voices()
    if voice not in known:
        raise EngineUnavailable(f"unknown offline voice '{voice}'", hint="known: " + ", ".join(sorted(known)))
    try:
        return known[voice], hibari_adapter.voice_file(voice)
    except FileNotFoundError:
        raise EngineUnavailable(f"offline voice '{voice}' is not on this machine",
                                hint="use the packaged voice 'heart'") from None


def _load_text(voice: str, store: str | None = None):
    """The voice's text side: its G2P (editions normalises; the voice's own normaliser stays off), as
    ``(voice, model path, G2P)``; its data read from ``store`` (:mod:`..voicestore`), or from hibari's own
    files when there is none."""
    global _text
    # its lexicon files are opened per process
    if _text is None or _text[0] != voice or _text[3] != os.getpid() or _text[4] != store:
        from ..phonemes import plain_g2p
        info, path = _voice_file(voice)
        _text = (voice, path, plain_g2p(info["british"], store=None if store is None else Path(store)), os.getpid(), store)
    return _text[:3]


def _load_phonemizer(spec: tuple[str, str | None]):
    """The crew's text process: hibari's sentence splitting and phonemes, without a model (:mod:`.crew`);
    ``spec`` is (voice, store)."""
    from ..phonemes import phonemizer
    return phonemizer(_load_text(*spec)[2])


def _prepare(phonemizer, job: tuple[str, float]) -> tuple[list[str], float]:
    """A job's text -> the phoneme chunks the model speaks (what ``Hibari.__call__`` would make of it)."""
    text, speed = job
    return phonemizer.phonemize(text), speed


def _load_sound(spec: tuple[str, str | None]):
    """A crew sound worker: the model's own onnxruntime session (never across a fork), warmed up — its first
    run, and the loudness filter, paid before the first sentence arrives; ``spec`` is (voice, store)."""
    os.environ["OMP_NUM_THREADS"] = "1"
    voice, store = spec
    _, path = _voice_file(voice)
    import numpy as np
    from ...sound import analyse
    tts = _model(voice, path, store=store)
    tts.from_ids(tts.ids("hˈɛlO."), 1.0, np.random.default_rng(0))
    analyse(np.zeros(480, dtype="<i2"), OfflineEngine.rate)
    return tts


def _speak(tts, job: tuple[list[str], float]) -> tuple[bytes, "np.ndarray"]:
    """Phoneme chunks -> one clip and its loudness analysis, exactly as ``Hibari.__call__(text, seed=SEED)``
    (one noise generator through the chunks)."""
    import numpy as np
    chunks, speed = job
    rng = np.random.default_rng(SEED)
    parts = [tts.from_ids(tts.ids(ps), speed, rng) for ps in chunks]
    return _clip(np.concatenate(parts) if parts else np.zeros(0, np.float32))


def _clip(audio) -> tuple[bytes, "np.ndarray"]:
    """Float samples -> 16-bit PCM and its loudness analysis (measured where it was made)."""
    import numpy as np
    from ...sound import analyse
    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
    return pcm.tobytes(), analyse(pcm, OfflineEngine.rate)


def _load(voice: str, store: str | None = None):
    """The whole voice in this process (text side and model), for saying a few sentences here."""
    global _voice, _voice_store
    if _voice is None or _voice.voice != voice or _voice_store != store:
        _, path, g2p = _load_text(voice, store)
        _voice, _voice_store = _model(voice, path, g2p, store), store
    return _voice


def _model(voice: str, path, g2p=None, store: str | None = None):
    """A hibari voice with this process's own onnxruntime session, opened from the pre-optimised model kept in
    ``store`` (:mod:`..voicestore`); from the model as shipped if there is no store, or if that copy is damaged
    (it is made again)."""
    from ..hibari_adapter import new_voice
    if store is None:
        return new_voice(voice, path, g2p)
    from ..voicestore import forget, optimised_model
    saved = optimised_model(str(path), Path(store))
    try:
        return new_voice(voice, saved, g2p)
    except Exception:
        forget(saved)
        return new_voice(voice, path, g2p)


def _synth(voice: str, text: str, speed: float, store: str | None = None) -> tuple[bytes, "np.ndarray"]:
    """One clip and its loudness analysis, made in this process (the voice's files kept ready in ``store``)."""
    return _clip(_load(voice, store)(text, speed=speed, seed=SEED))


_crew: "Crew | None" = None
_crew_key: tuple | None = None
_finalizer_pid = 0


def shutdown() -> None:
    """Stop this process's voice workers now (also what a command does when it ends)."""
    global _crew, _crew_key
    if _crew is not None and _crew_key is not None and _crew_key[0] == os.getpid():
        _crew.close()
    _crew, _crew_key = None, None


def _get_crew(voice: str, workers: int, store: str | None = None) -> "Crew":
    """This process's workers for ``voice`` with its files kept ready in ``store`` (a forked child never uses its
    parent's), started if need be."""
    global _crew, _crew_key, _finalizer_pid
    key = (os.getpid(), voice, workers, store)
    if _crew is not None and _crew_key == key and _crew.broken is None:
        return _crew
    shutdown()
    import multiprocessing.util
    from .crew import Crew, Stage
    _crew = Crew(workers, Stage(_load_phonemizer, _prepare), Stage(_load_sound, _speak), (voice, store),
                 preload=("numpy",))
    _crew_key = key
    # stopped when this process ends — also a multiprocessing child (a build worker), whose exit would
    # otherwise wait for these workers forever
    if _finalizer_pid != os.getpid():
        _finalizer_pid = os.getpid()
        multiprocessing.util.Finalize(None, shutdown, exitpriority=10)
    return _crew


def worker_count(workers: int = 0) -> int:
    """Voice workers for the ``audio.workers`` setting: as asked (no more than the cores), or one per core."""
    return capped(workers, "audio.workers") if workers else available_cores()


def prestart(voice: str = "", workers: int = 0, store: Path | None = None) -> None:
    """Start loading the voice now, in the background (the command will need it): the next :meth:`submit`
    with the same voice, workers and store finds it loading or loaded."""
    _get_crew(voice or DEFAULT_VOICE, worker_count(workers), _folder(store))


def _folder(store: Path | None) -> str | None:
    """The store as its absolute path (what the voice's processes are given and keyed by), or None."""
    return None if store is None else os.path.abspath(store)


def hibari_version() -> str:
    """The installed hibari-tts version (part of every clip's cache key), without importing it."""
    from ..hibari_adapter import version
    return version()


class OfflineEngine:
    name = "offline"
    rate = 24000

    def __init__(self, voice: str = "", speed: float = 1.0, workers: int = 0, lexicon=None,
                 store: Path | None = None, **_):
        """``store``: the folder the voice's files are kept ready in (the clip cache's ``.voice``), or None to
        read hibari's own every time the voice loads (slower to load, the same voice, nothing written)."""
        # hibari itself is imported only when something needs synthesising: a warm render never loads it
        self.version = hibari_version()
        self.voice = voice or DEFAULT_VOICE
        if self.voice != DEFAULT_VOICE:
            from .. import hibari_adapter
            if self.voice not in hibari_adapter.voices():
                raise EngineUnavailable(f"unknown offline voice '{self.voice}'",
                                        hint="the packaged voice is 'heart'")
            try:  # editions never downloads at run time: another voice must already be on disk
                self.model_path = hibari_adapter.voice_file(self.voice)
            except FileNotFoundError:
                raise EngineUnavailable(f"offline voice '{self.voice}' is not on this machine",
                                        hint="use the packaged voice 'heart', or install that voice's file first"
                                        ) from None
        self.speed = speed
        self.store = _folder(store)
        self.workers = worker_count(workers)
        self.lexicon = lexicon

    def identity(self) -> str:
        return f"offline:hibari-{self.version}:{self.voice}:{self.speed}:seed{SEED}:plain-g2p"

    def prepare(self, speech: str) -> str:
        from ..phonemes import spell_initialisms
        speech = spell_initialisms(speech)
        return self.lexicon.apply_phonemes(speech) if self.lexicon else speech

    def submit(self, texts: Sequence[str]) -> Callable[[Progress | None], Iterator[tuple[int, Clip]]]:
        """Hand ``texts`` to the voice's workers now; the returned function yields ``(index, clip)`` as clips land."""
        # longest first: the last job to finish is a short one, so every core stays busy to the end
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        try:
            batch = _get_crew(self.voice, self.workers, self.store).submit([(t, self.speed) for t in texts], order)
        except BaseException as e:
            shutdown()
            raise _voice_error(e) from e

        def collect(progress: Progress | None = None) -> Iterator[tuple[int, Clip]]:
            try:
                for i, (pcm, analysis) in batch.results():
                    if progress:
                        progress(1)
                    yield i, Clip(pcm, self.rate, analysis=analysis)
            except BaseException as e:
                shutdown()
                raise _voice_error(e) from e
        return collect

    def synthesize(self, texts: Sequence[str], progress: Progress | None = None,
                   on_clip: OnClip | None = None) -> list[Clip]:
        if _crew is None and (self.workers <= 1 or len(texts) < 4):  # nothing warm: say it here
            out = []
            try:
                for i, t in enumerate(texts):
                    pcm, analysis = _synth(self.voice, t, self.speed, self.store)
                    out.append(Clip(pcm, self.rate, analysis=analysis))
                    if on_clip:
                        on_clip(i, out[-1])
                    if progress:
                        progress(1)
            except Exception as e:
                raise _voice_error(e) from e
            return out
        out: list[Clip | None] = [None] * len(texts)
        for i, clip in self.submit(texts)(progress):
            out[i] = clip
            if on_clip:  # kept (the cache) as each lands, so an interruption loses nothing done
                on_clip(i, clip)
        return out  # type: ignore[return-value]


def _voice_error(e: BaseException) -> BaseException:
    """What a failure of the voice is reported as: our own errors and interruptions as they are, anything else
    (a bug in the voice, a broken model) as a RenderError that names it."""
    if isinstance(e, EditionsError) or not isinstance(e, Exception):
        return e
    return RenderError(f"the offline voice failed: {e.__class__.__name__}: {e}")
