"""A head start for the offline voice: whether a render will need it, guessed before the article is parsed.

Takes the source file, the settings and the clip cache; gives :func:`head_start`, which starts the offline
voice loading in the background (:func:`.engines.offline.prestart`) unless this very source was narrated
before with these settings into this cache and its narration is still there — then a render synthesises
nothing and must not pay for a voice — and :func:`remember`, which the pipeline calls when a narration is
finished.  Loading the voice takes most of a second; started here it loads on the second core while the
main process imports, parses, normalises and reads the cache.

The offline voice it starts is hibari, English's: a source that states another ``lang`` (or ``--lang``) gets
none (eSpeak NG, the other languages' voice, loads in milliseconds when it is asked for), nor does a source
that states none but whose letters are mostly not Latin (a Russian, Arabic or Chinese plain text: its language
is detected only when it is parsed, and a voice started for nothing cost it about 3 s on a busy 2-core machine,
the bench's lang group).

A guess, never a decision: the pipeline still decides from the script and the cache what must be said.  A
wrong guess costs a core's second (the voice started for nothing, stopped at the end) or the head start
(the voice then starts when the pipeline asks for it, as without this module).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import stat
from pathlib import Path

from ..._version import __version__
from ...config import Config
from .languages import is_english

__all__ = ["head_start", "remember", "source_key"]

log = logging.getLogger("editions")

MAX_SOURCE = 64 << 20
"""Bytes: a bigger source is not read twice for a guess (the parser judges it)."""


def source_key(source: Path, cfg: Config) -> str | None:
    """What a narration of ``source`` depends on before it is parsed: its bytes, the settings, the version;
    None if it is not a regular file of sensible size (the parser will say what is wrong)."""
    try:
        st = source.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_SOURCE:
            return None
        data = source.read_bytes()
    except OSError:
        return None
    settings = {k: v for k, v in dataclasses.asdict(cfg).items() if k not in ("source", "build", "print", "verify")}
    settings["audio"].pop("workers", None)  # how many processes narrate does not change the narration
    h = hashlib.sha256(json.dumps([__version__, settings], sort_keys=True, default=str).encode())
    h.update(data)
    return h.hexdigest()


_LANG = re.compile(rb'(?m)^lang:[ \t]*["\']?([A-Za-z0-9_-]+)|"lang"[ \t]*:[ \t]*"([A-Za-z0-9_-]+)"')


def _stated_lang(source: Path) -> str:
    """The ``lang`` a source's front matter or JSON states near its start ('' if none is seen: a plain text's
    language is detected when it is parsed, and most are English)."""
    try:
        with open(source, "rb") as f:
            head = f.read(4096)
    except OSError:
        return ""
    m = _LANG.search(head)
    if m:
        return (m.group(1) or m.group(2)).decode("ascii")
    return "" if _latin(head.decode("utf-8", "ignore")) else "und"  # not English, whatever it is


def _latin(text: str) -> bool:
    """Whether most of the letters in ``text`` are ASCII (or there are none)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) * 2 >= len(letters)


def _narrated(cache, key: str) -> bool:
    """The cache holds the finished narration last made of this source (so no clip is missing)."""
    mix = cache.said(key)
    return mix is not None and cache.has_mix(mix)


def head_start(source: Path, cfg: Config, cache, only: str | None = None) -> bool:
    """Start the offline voice now if rendering ``source`` will probably need it; whether it was started."""
    a = cfg.audio
    if only == "print" or a.engine not in ("offline", "auto"):
        return False
    if not is_english(cfg.parse.lang or _stated_lang(source)):  # another language: hibari is not its voice
        return False
    if cache is not None:
        key = source_key(source, cfg)
        if key is None or _narrated(cache, key):
            return False
    from .engines import offline
    try:
        offline.prestart(a.voice, a.workers, cache.voice_store if cache is not None else None)
    except Exception:  # a guess: whatever is wrong is reported when the voice is really asked for
        return False
    log.debug("audio: the offline voice starts loading now (%s)",
              "no clip cache" if cache is None else "this source has not been narrated with these settings")
    return True


def remember(cache, source: Path | None, cfg: Config, mix_key: str) -> None:
    """Note that ``source``'s narration with these settings is the finished MP3 under ``mix_key``."""
    if cache is None or source is None:
        return
    key = source_key(Path(source), cfg)
    if key is not None:
        cache.put_said(key, mix_key)
