"""Arabic short vowels written back for the voice: unvowelled Arabic speech in, the same letters with their vowel
marks out (only what the voice is given: print, the EPUB and the transcript keep the article's own text).

Arabic news is written without most of its short vowels, and eSpeak NG reads what is written (``أعلنت`` ->
``ʔʕlnt``).  With the ``arabic`` extra (``pip install 'editions[arabic]'``) the diacritiser ``text2tashkeel``
(Apache-2.0; its ONNX models ship inside its wheel and run on the onnxruntime the English voice brings) restores
them: measured on 30 news sentences of our own vowelled by hand (``tests/data/arabic-vowels.txt``,
``tools/measure_arabic_vowels.py``), eSpeak NG's phonemes are 24.6% off the hand-vowelled ones for the bare text and
0.9% off after it; about 7 ms a sentence in one thread, 0.4 s to load once.  It runs here, in one thread (the same text always
gives the same marks), reads only its own package and writes nothing (onnxruntime itself keeps a device id in
``~/.cache``, as it does for the English voice).

Only marks are added, and only on Arabic letters that have none of their own: the letters are the article's
(where the model's letters differ from the text's -- it rewrites some hamza seats -- its marks are put on the
text's letters; where they cannot be lined up, the text goes as written).  Without the extra the text goes as
written and the log says once what to install.
"""
from __future__ import annotations

import logging
import os
import re
import threading
import unicodedata
from functools import lru_cache

__all__ = ["vowelled", "status", "available", "EXTRA", "MODEL"]

log = logging.getLogger("editions")

EXTRA = "pip install 'editions[arabic]'"
MODEL = "rawi-ensemble"
"""text2tashkeel's default model (in its wheel): the best of its bundled models on our sentences, with rawi-v3-int8."""
_MARKS = frozenset(map(chr, range(0x064B, 0x0653))) | {"\u0670"}
"""Tanwin, the short vowels, shadda, sukun and the dagger alif: what the diacritiser adds."""
_BARE_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3](?![\u064b-\u0652\u0670])")
_UNSET = object()
_model = _UNSET
_lock = threading.Lock()
_warned = False


def _is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3"


def _load():
    """The diacritiser, loaded once in this process (None without the extra, or when it will not load)."""
    global _model
    with _lock:
        if _model is _UNSET:
            try:
                from text2tashkeel import Diacritizer
                before = os.environ.get("TT_ORT_THREADS")
                os.environ["TT_ORT_THREADS"] = "1"  # read when its session is made: one thread, the same marks
                try:
                    model = Diacritizer(MODEL)
                    model.backend  # the session, made now
                finally:
                    if before is None:
                        os.environ.pop("TT_ORT_THREADS", None)
                    else:
                        os.environ["TT_ORT_THREADS"] = before
                _model = model
            except ImportError:
                _model = None
            except Exception as e:  # a damaged install: narrated as written, and said so
                log.warning("voice: the Arabic diacritiser did not load (%s: %s); Arabic is narrated as written",
                            e.__class__.__name__, e)
                _model = None
        return _model


def available() -> bool:
    """True when the ``arabic`` extra is installed (without loading it)."""
    import importlib.util
    return importlib.util.find_spec("text2tashkeel") is not None


def _clusters(text: str) -> list[list[str]]:
    """NFD text as [base, its combining marks...] clusters (a leading mark stands alone)."""
    out: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and out:
            out[-1].append(ch)
        else:
            out.append([ch])
    return out


def _merge(text: str, marked: str) -> str:
    """The model's marks put on ``text``'s own letters; ``text`` itself when the two cannot be lined up."""
    theirs = [c for c in _clusters(marked) if unicodedata.category(c[0]) != "So"]
    out, j = [], 0
    for cluster in _clusters(text):
        base = cluster[0]
        if unicodedata.category(base) == "So" and not (j < len(theirs) and theirs[j][0] == base):
            out.append("".join(cluster))  # a symbol the model drops
            continue
        if j >= len(theirs) or theirs[j][0] != base:
            return text
        added = [m for m in theirs[j][1:] if m in _MARKS]
        j += 1
        if _is_arabic_letter(base) and not any(m in _MARKS for m in cluster[1:]):
            cluster = cluster + added
        out.append("".join(cluster))
    return unicodedata.normalize("NFC", "".join(out)) if j == len(theirs) else text


@lru_cache(maxsize=4096)
def _vowelled(text: str) -> str:
    model = _load()
    if model is None:
        return text
    return _merge(text, model.diacritize(text))


def vowelled(text: str) -> str:
    """Arabic ``text`` with the vowel marks it does not write (the same text when it has no bare Arabic letter, or
    without the extra, which is then named once in the log)."""
    global _warned
    if not _BARE_LETTER.search(text):
        return text
    if _load() is None and not _warned:
        _warned = True
        log.warning("voice: Arabic is narrated without the short vowels it does not write (eSpeak NG reads only "
                    "what is written); %s restores them", EXTRA)
    return _vowelled(text)


def status() -> str:
    """One line for ``editions voices``: whether Arabic's vowels are restored, by what."""
    if not available():
        return f"Arabic: read as written, without the short vowels it does not write ({EXTRA} restores them)."
    from importlib.metadata import PackageNotFoundError, version
    try:
        v = version("text2tashkeel")
    except PackageNotFoundError:
        v = "?"
    return f"Arabic: short vowels restored before the voice by text2tashkeel {v} ({MODEL}, Apache-2.0)."
