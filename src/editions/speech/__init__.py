"""The audio edition: Article in, a chaptered MP3 and a WebVTT transcript out.

Stages: :mod:`.script` (Article -> cues, no sound) -> :mod:`.normalise` and
:mod:`.lexicon` (text for speech) -> :mod:`.engines` (a voice, cached by
:mod:`.cache`) -> :mod:`.loudness`, :mod:`.segments` and :mod:`.mix` (BS.1770 per clip, one gain, chapter MP3 segments) ->
:mod:`.tags` (ID3 and chapters) and :mod:`.transcript` (VTT).
:func:`~.pipeline.render_audio` wires them; :mod:`.say` shows what a voice will be
given (``editions say`` / ``script``), :mod:`.phonemes` the offline voice's side of it.  Names are imported on first use, so
reading a lexicon or the cache does not load the signal-processing stack.
"""
from __future__ import annotations

import importlib

__all__ = ["render_audio", "start_audio", "AudioResult", "choose_engine", "build_script", "load_lexicon"]

_LAZY = {"render_audio": "pipeline", "start_audio": "pipeline", "AudioResult": "pipeline", "choose_engine": "pipeline",
         "build_script": "script", "load_lexicon": "lexicon"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
