"""What a voice will be given: ``editions say`` and ``editions script``.

:func:`voice_words` takes written text and gives exactly the words the chosen engine
receives (lexicon respellings, the normaliser, then the engine's own ``prepare`` — for the
offline voice its phoneme lexicon and undotted initialisms); :func:`voice_phonemes` gives
the phonemes the offline voice will speak for them; :func:`speak_to_file` narrates texts to
an MP3 or WAV.  :func:`script_document` turns an article's narration script into the JSON
contract ``editions script --json`` prints (see README).  No printing here: ``cli.py`` prints.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..config import Config
from ..errors import ConfigError, RenderError
from ..files import atomic_write
from ..model import Article
from .text import PAUSE_SENTENCE, Lexicon, build_script, load_lexicon, spoken
from .voices import Engine, get_engine

__all__ = ["voice_words", "voice_phonemes", "make_engine", "speak_to_file", "script_document", "SCRIPT_VERSION"]

SCRIPT_VERSION = 1
"""Version of the ``editions script --json`` contract; raised when a field changes meaning or goes away."""


def make_engine(cfg: Config, lexicon: Lexicon, lang: str = "en", name: str | None = None) -> Engine:
    """The engine ``render`` would use for an article in ``lang`` (``auto`` probes for gTTS, as a render does);
    the offline voice keeps its files ready in the default clip cache's ``.voice``, as a render does."""
    from .cache import ClipCache
    a = cfg.audio
    name = name or a.engine
    opts = dict(voice=a.voice, speed=a.speed, workers=1, lexicon=lexicon, lang=lang,
                store=ClipCache.from_setting(None).voice_store)
    if name == "auto":
        from .voices import gtts_speaks, reachable
        name = "gtts" if gtts_speaks(lang) and reachable() else "offline"
        if name == "gtts":
            opts["voice"] = ""
    return get_engine(name, **opts)


def voice_words(text: str, engine: Engine, lexicon: Lexicon, lang: str = "en") -> str:
    """Written ``text`` -> the words ``engine`` receives for it (the very path a narration's cues take)."""
    return engine.prepare(spoken(text, lexicon, lang))


def voice_phonemes(words: str, engine: Engine) -> str:
    """The offline voice's phonemes for ``words`` (the output of :func:`voice_words`): hibari's, or eSpeak NG's
    IPA for another language."""
    if engine.name != "offline":
        raise ConfigError(f"--phonemes needs the offline voice, not {engine.name}", hint="add --engine offline")
    if hasattr(engine, "phonemes"):
        return engine.phonemes(words)
    from .voices import phonemize
    return phonemize(words)


def speak_to_file(texts: Iterable[str], engine: Engine, path: Path, cfg: Config) -> float:
    """Narrate ``texts`` (already :func:`voice_words`) one after another into ``path`` (.mp3 or .wav); returns
    the seconds of audio.  The file is written whole or not at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".mp3", ".wav"):
        raise ConfigError(f"cannot write '{path.suffix or path.name}' audio", path=path,
                          hint="name a .mp3 or .wav file")
    texts = [t for t in texts if t.strip(" .,;:")]
    if not texts:
        raise ConfigError("nothing to say", hint="give some text")
    clips = engine.synthesize(texts)
    rate = clips[0].rate
    from .sound import export, stitch
    audio = stitch(clips, [PAUSE_SENTENCE] * len(clips))
    import tempfile
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".say-") as tmp:
        part = Path(tmp) / f"say{suffix}"
        export(audio, part, cfg.audio.bitrate, cfg.audio.encoder_quality)
        try:
            atomic_write(path, part.read_bytes())
        except OSError as e:
            raise RenderError(f"cannot write the audio ({e.strerror or e})", path=path) from e
    return audio.frame_count() / rate


def script_document(article: Article, cfg: Config, engine: Engine | None = None) -> dict:
    """The narration script of ``article`` as the documented JSON contract (version :data:`SCRIPT_VERSION`)."""
    lexicon = load_lexicon(cfg.audio.lexicon or None, article.source_path)
    script = build_script(article, cfg.audio, lexicon)
    engine = engine or make_engine(cfg, lexicon, article.lang)
    cues = []
    for i, cue in enumerate(script.cues):
        chapter = script.chapters[cue.chapter]
        cues.append({"index": i, "chapter": cue.chapter, "chapter_title": chapter.title, "kind": cue.kind,
                     "section": cue.section, "paragraph": cue.paragraph, "text": cue.text,
                     "speech": engine.prepare(cue.speech), "pause_after": cue.pause_after})
    return {"version": SCRIPT_VERSION, "source": str(article.source_path or ""), "headline": article.headline,
            "lang": article.lang, "engine": engine.name, "voice": engine.voice,
            "chapters": [{"index": n, "title": ch.title, "first_cue": ch.first_cue}
                         for n, ch in enumerate(script.chapters)],
            "cues": cues}
