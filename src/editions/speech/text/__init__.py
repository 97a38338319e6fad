"""The text the voice is given: Article in, the narration script and the words of every cue out (no sound).

Takes an :class:`~editions.model.Article`, the audio settings and a pronunciation lexicon; gives a
:class:`Script` (ordered cues with pauses and chapters, over-long sentences split into bounded pieces:
:mod:`.script`), the written -> spoken rules (:mod:`.normalise`, its rules by idea in :mod:`.rules_money`,
:mod:`.rules_numeric`, :mod:`.rules_words` and :mod:`.rules_web`, number words in :mod:`.numbers`), the
lexicon (:mod:`.lexicon`), each script's sentence stop (:mod:`.stops`), Arabic's unwritten vowels for the voice
(:mod:`.vowels`, with the ``arabic`` extra) and the words ``editions say`` shows (:mod:`.words`); which voice speaks a
language is the voices room's (``voices/languages.py``).  Imports neither other room of ``speech/``.  Names
are imported on first use; none is also a module's name (``normalise`` is both, so it is imported from
:mod:`.normalise`).
"""
from __future__ import annotations

from ...lazy import lazy_names

_LAZY = {"Script": "script", "Cue": "script", "Chapter": "script", "Timeline": "script", "build_script": "script",
         "timeline": "script", "PAUSE_SENTENCE": "script", "Lexicon": "lexicon", "load_lexicon": "lexicon",
         "article_lexicon_path": "lexicon", "spoken": "words"}

__all__ = list(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
