"""Voice engines: one small interface, one file per voice, loaded lazily.

An engine takes the normalised texts of many cues and gives one :class:`Clip`
per text; a clip states its own sample rate, sample width and channel count.
Add a voice by writing a module with a class that has ``name``, ``voice``,
``identity()``, ``prepare()`` and ``synthesize()`` and registering it in
:data:`ENGINES`.
"""
from __future__ import annotations

import importlib
from typing import Callable, Protocol, Sequence

from ....errors import EngineUnavailable
from ...sound import Clip  # the sound room's type, re-exported for the engines

__all__ = ["Clip", "Engine", "ENGINES", "get_engine", "Progress", "OnClip"]

Progress = Callable[[int], None]
"""Called with how many clips were just finished."""

OnClip = Callable[[int, "Clip"], None]
"""Called with (index into the texts, clip) as each clip is finished, in any order: the pipeline keeps each one
(in the cache) at once, so an interrupted narration resumes where it stopped."""


class Engine(Protocol):
    name: str
    """Engine name as given to --engine (offline, gtts, test)."""
    voice: str
    """The voice actually used."""

    def identity(self) -> str:
        """Everything that changes the sound for the same text (engine, voice, version, speed) — part of cache keys."""

    def prepare(self, speech: str) -> str:
        """Engine-specific final touch to the normalised text (offline: lexicon phonemes)."""

    def synthesize(self, texts: Sequence[str], progress: Progress | None = None,
                   on_clip: OnClip | None = None) -> list[Clip]:
        """One clip per text, in order (``on_clip`` hears of each as it is made). Raises EngineUnavailable or
        RenderError.

        An engine may also have ``submit(texts)``: start synthesising in the background now and return a
        function ``collect(progress)`` that yields ``(index, clip)`` as clips land (the pipeline calls it as
        soon as it knows what must be said, so the voice loads and works while the rest of the edition — cache
        reads, the print edition — is made)."""


ENGINES = {
    # the offline voice for the article's language: hibari for English, Kokoro for Japanese (the extra
    # editions[voices-ja]), eSpeak NG for the others
    "offline": ("editions.speech.voices.languages", "offline_engine", "pip install hibari-tts espeakng-loader"),
    "gtts": ("editions.speech.voices.engines.gtts", "GTTSEngine", "pip install gTTS"),
    "test": ("editions.speech.voices.engines.test", "TestEngine", ""),
}


def get_engine(name: str, **options) -> Engine:
    """Import and build the named engine; a missing dependency is a one-line error with the install command."""
    if name not in ENGINES:
        raise EngineUnavailable(f"unknown voice engine '{name}'", hint="use offline, gtts or auto")
    module, cls, install = ENGINES[name]
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        raise EngineUnavailable(f"the {name} voice needs a package that is not installed ({e.name})",
                                hint=install) from None
    return getattr(mod, cls)(**options)
