"""The audio edition: Article in, a chaptered MP3 and a WebVTT transcript out.

Three rooms, each a package with a short face (``__init__``: what it takes and gives, ``__all__``):

- :mod:`.text` -- the text the voice is given: Article -> the narration script (cues, pauses, chapters; no
  sound), the normaliser and its rules, numbers, the lexicon.
- :mod:`.voices` -- the voices: texts -> clips (the engines, the offline voice's worker crew, its files kept
  ready, its head start, its phonemes, which offline voice speaks each language (hibari for English, eSpeak NG
  for the others), and the one adapter to hibari-tts's private internals).
- :mod:`.sound` -- the sound: clips -> BS.1770 loudness, one gain, chapter MP3 segments, seamless joins, ID3
  tags and chapters, the timed narration and its VTT.

Who may import whom (the code obeys it; nothing else is allowed):

- ``text`` imports neither other room;
- ``sound`` may import ``text`` (the script's types), never ``voices``;
- ``voices`` may import ``text`` and ``sound`` (the :class:`~.sound.clip.Clip` type; the offline voice
  measures each clip's loudness where it makes it);
- at this face, :mod:`.pipeline` (wires the rooms: script -> voice -> cache -> one gain -> segments -> MP3,
  tags, VTT), :mod:`.choice` (which voice narrates, said once a build), :mod:`.cache` (the clip cache: clips,
  chapter segments, finished MP3s, and the folder the offline voice keeps its files ready in) and :mod:`.say`
  (``editions say`` and ``script``: text -> words, phonemes, a spoken file) may import all three; no room
  imports this face.

Names are imported on first use, so reading a lexicon or the cache does not load the signal-processing stack.
"""
from __future__ import annotations

from ..lazy import lazy_names

_LAZY = {"render_audio": "pipeline", "start_audio": "pipeline", "AudioResult": "pipeline", "choose_engine": "choice",
         "settle_voice": "choice", "build_script": "text.script", "load_lexicon": "text.lexicon"}

__all__ = list(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
