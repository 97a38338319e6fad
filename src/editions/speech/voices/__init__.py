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

from ...lazy import lazy_names

_LAZY = {"Engine": "engines", "ENGINES": "engines", "get_engine": "engines", "reachable": "engines.gtts",
         "head_start": "headstart", "remember": "headstart", "phonemize": "phonemes",
         "check_offline": "languages", "offline_voice": "languages", "voice_lines": "languages",
         "gtts_speaks": "engines.gtts"}

__all__ = list(_LAZY)
__getattr__ = lazy_names(__name__, _LAZY, renamed={"gtts_speaks": "speaks"})
