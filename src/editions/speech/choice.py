"""Which voice narrates: the settings (and, for ``auto``, the network) in, an engine out, said once a build.

``auto`` is gTTS when it is reachable (the offline voice if it fails mid-edition), else the offline voice;
:func:`choose_engine` decides for one narration and says what it chose.  A build's workers each choose for
their own articles, so :func:`settle_voice`, called in the build's main process before they start, gives them
a note to share (a file they find through the environment they inherit): the first to choose says it and
notes it, and the others, choosing the same, stay quiet -- one line a build, however many articles and
workers.  It probes nothing itself: a build with nothing to narrate never asks the network.
"""
from __future__ import annotations

import logging
import os

from ..config import Config
from ..errors import InputError

__all__ = ["choose_engine", "offline", "settle_voice"]

log = logging.getLogger("editions")

NOTE = "EDITIONS_VOICE_NOTE"
"""The environment variable naming the build's shared note (set by :func:`settle_voice`)."""

_note: tuple[str, int] | None = None
"""The note this process made for its build, and its pid (removed with the next build, or when it ends)."""
_registered = False


def _forget_note() -> None:
    """Remove the note this process made (never one a parent made: a forked worker inherits the variable)."""
    global _note
    if _note is not None and _note[1] == os.getpid():
        if os.environ.get(NOTE) == _note[0]:
            del os.environ[NOTE]
        try:
            os.unlink(_note[0])
        except OSError:
            pass
    _note = None


def settle_voice(cfg: Config, only: str | None = None) -> None:
    """In a build's main process, before its workers start: a note the workers share so that the voice ``auto``
    chooses is said once (nothing to do for another engine, or when nothing is narrated)."""
    global _note, _registered
    _forget_note()
    if cfg.audio.engine != "auto" or only == "print":
        return
    import tempfile
    try:
        fd, path = tempfile.mkstemp(prefix="editions-voice-", suffix=".note")  # this user's alone (0600)
    except OSError:  # no temporary folder: each article says its choice, as a render does
        return
    os.close(fd)
    if not _registered:
        import atexit
        atexit.register(_forget_note)
        _registered = True
    _note = (path, os.getpid())
    os.environ[NOTE] = path


def _first_to_note(answer: bool) -> bool:
    """Note ``answer`` in the build's shared note; whether it is news there (so someone must say it).  Without
    a note (not in a build, or it is gone), every answer is news."""
    path = os.environ.get(NOTE)
    if not path:
        return True
    try:
        with open(path, "r+", encoding="ascii") as f:
            try:
                import fcntl
                fcntl.flock(f, fcntl.LOCK_EX)  # two workers choosing at once: one says it
            except (ImportError, OSError):
                pass
            if f.read() == str(int(answer)):
                return False
            f.seek(0)
            f.truncate()
            f.write(str(int(answer)))
            return True
    except OSError:
        return True


def _say(reachable: bool) -> None:
    """One line for the choice ``auto`` made, unless another article of the same build said it already."""
    if not _first_to_note(reachable):
        return
    if reachable:
        log.info("voice: gTTS is reachable; using it (offline voice if it fails)")
    else:
        log.info("voice: gTTS not reachable; using the offline voice")


def choose_engine(cfg: Config, lexicon, article, engine=None, cache=None):
    """The engine to use, and whether offline is the fallback if it fails mid-edition (auto mode).  The offline
    voice is the one for the article's language (refused, exit 2, when there is none) and keeps its files
    ready in ``cache``'s folder (none without a cache: nothing is written).  ``auto`` takes gTTS only for a
    language gTTS speaks."""
    if engine is not None:
        return engine, False
    from .voices import get_engine, gtts_speaks
    a = cfg.audio
    opts = dict(voice=a.voice, speed=a.speed, workers=a.workers, lexicon=lexicon, lang=article.lang,
                store=cache.voice_store if cache is not None else None)
    if a.engine == "auto":
        from .voices import reachable
        answer = gtts_speaks(article.lang) and reachable()
        _say(answer)
        if answer:
            return get_engine("gtts", **{**opts, "voice": ""}), True
        return offline(cfg, lexicon, article, cache), False
    if a.engine == "offline":
        return offline(cfg, lexicon, article, cache), False
    if a.engine == "gtts" and not gtts_speaks(article.lang):
        raise InputError(f"gTTS does not speak this article's language '{article.lang}'", path=article.source_path,
                         hint="use --engine offline ('editions voices' lists the languages), or --only print")
    return get_engine(a.engine, **opts), False


def offline(cfg: Config, lexicon, article, cache=None):
    """The offline voice for ``article``'s language (InputError naming the language when there is none)."""
    from .voices import check_offline, get_engine
    check_offline(article)
    a = cfg.audio
    return get_engine("offline", voice=a.voice, speed=a.speed, workers=a.workers, lexicon=lexicon, lang=article.lang,
                      store=cache.voice_store if cache is not None else None)
