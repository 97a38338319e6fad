"""The voices: the words of each cue in, one clip per text out.

Takes the texts the text room made (and, for the offline voice, a folder to keep its files ready in); gives
:class:`~editions.speech.sound.clip.Clip` s through one small interface (:mod:`.engines`: the offline voice,
gTTS and the exact-length test voice), the offline voice's worker processes (:mod:`.engines.crew`), its
files kept ready (:mod:`.voicestore`), its phonemes (:mod:`.phonemes`), its head start before a render
parses the article (:mod:`.headstart`), which offline voice speaks each language (:mod:`.languages`:
hibari for English, Kokoro's Japanese voice (:mod:`.engines.kokoro_ja`), eSpeak NG (:mod:`.engines.espeak`) for
the others), and the one module that touches
hibari-tts's private internals (:mod:`.hibari_adapter`).  May import the text and sound rooms (the clip type; the offline voice measures each
clip's loudness where it makes it).  Names are imported on first use: no voice loads until one is asked for.
"""
from __future__ import annotations

import importlib

_LAZY = {"Engine": "engines", "ENGINES": "engines", "get_engine": "engines", "reachable": "engines.gtts",
         "head_start": "headstart", "remember": "headstart", "phonemize": "phonemes",
         "check_offline": "languages", "offline_voice": "languages", "voice_lines": "languages",
         "gtts_speaks": "engines.gtts"}

__all__ = list(_LAZY)


_RENAMED = {"gtts_speaks": "speaks"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), _RENAMED.get(name, name))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
