"""The offline voice for every language but English: eSpeak NG, from the ``espeakng-loader`` wheel.

The wheel carries ``libespeak-ng`` and its ``espeak-ng-data``; editions drives the library directly through
ctypes (synchronous synthesis into a callback that collects 16-bit PCM at 22,050 Hz), so nothing is installed
on the system and nothing is fetched at run time.  eSpeak NG is a formant synthesiser: about 100 words in under
0.1 s on one core, so it runs in this process, one sentence at a time behind a lock (the library keeps one
global state and is not re-entrant); :meth:`EspeakEngine.submit` does the same work on a background thread
(ctypes lets go of the GIL while the library works), so the voice speaks while the print edition is drawn.

A voice is chosen by the article's language (:func:`voice_for`: ``es-MX`` -> ``es-419``, ``zh`` -> ``cmn``):
the language codes each eSpeak NG voice says it speaks, best priority first.  The same text always gives the
same clip (:mod:`.espeak_state` resets what would carry from one sentence to the next).  eSpeak NG is
GPL-3.0-or-later (see the README's Voices section).
"""
from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass

from ....errors import EngineUnavailable, RenderError
from . import Clip
from .serial import Serial, per_process

__all__ = ["EspeakEngine", "EspeakVoice", "voice_for", "voices", "phonemes", "loader_version"]

RATE = 22050
"""What eSpeak NG makes (16-bit mono)."""
WPM = 175
"""eSpeak NG's default speaking rate, words a minute, for ``audio.speed`` 1.0."""
VOLUME = 70
"""Of eSpeak NG's 0-200 (default 100, at which a few samples of some sentences clip); the programme is levelled
to its loudness target afterwards anyway."""
SEED = 1234
"""eSpeak NG's noise generator is seeded with this before each sentence."""
INSTALL = "pip install espeakng-loader"

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000  # a missing data folder is an error code, not exit()
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_RATE, _VOLUME = 1, 2  # espeak_PARAMETER
_PHONEMES_IPA = 0x02
_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_SKIP = {"xex"}  # eSpeak NG's own test voice


class _Voice(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_void_p), ("identifier", ctypes.c_char_p),
                ("gender", ctypes.c_ubyte), ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte),
                ("xx1", ctypes.c_ubyte), ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


@dataclass(frozen=True)
class EspeakVoice:
    """One eSpeak NG voice: ``identifier`` (``roa/es-419``), its short ``name`` (``es-419``, what editions
    calls it), its English ``title`` and the language codes it speaks, each with its priority (lower first)."""

    identifier: str
    name: str
    title: str
    languages: tuple[tuple[int, str], ...]


class _Library:
    """libespeak-ng, loaded and initialised once in this process; every call holds :attr:`lock`."""

    def __init__(self):
        try:
            import espeakng_loader
        except ImportError:
            raise EngineUnavailable("the offline voice for languages other than English needs espeakng-loader",
                                    hint=INSTALL) from None
        try:
            path = espeakng_loader.get_library_path()
            lib = ctypes.CDLL(path)
            data = espeakng_loader.get_data_path()
        except (OSError, RuntimeError) as e:
            raise EngineUnavailable(f"eSpeak NG cannot be loaded ({e})", hint=f"reinstall: {INSTALL}") from None
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_ListVoices.argtypes = [ctypes.c_void_p]
        lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_ng_SetRandSeed.argtypes = [ctypes.c_long]
        lib.espeak_Info.argtypes = [ctypes.c_void_p]
        lib.espeak_Info.restype = ctypes.c_char_p
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data.encode(), _INITIALIZE_DONT_EXIT)
        if rate != RATE:
            raise EngineUnavailable(f"eSpeak NG did not start (it answered {rate})", hint=f"reinstall: {INSTALL}")
        self.lib, self.lock, self.pid = lib, threading.Lock(), os.getpid()
        self.version = (lib.espeak_Info(None) or b"?").decode()
        self._chunks: list[bytes] = []
        self._callback = _CALLBACK(self._collect)  # kept: the library holds a pointer to it
        lib.espeak_SetSynthCallback(self._callback)
        lib.espeak_SetParameter(_VOLUME, VOLUME, 0)
        self._voice, self._wpm = "", 0
        from .espeak_state import state_reset
        self._reset = state_reset(lib, path)  # called before each sentence: the same text, the same clip
        self.voices = self._list()

    def _collect(self, wav, n, events) -> int:
        if n > 0 and wav:
            self._chunks.append(ctypes.string_at(wav, n * 2))
        return 0  # go on

    def _list(self) -> list[EspeakVoice]:
        found, table = [], self.lib.espeak_ListVoices(None)
        i = 0
        while table[i]:
            v = table[i].contents
            langs, p = [], v.languages
            while p and ctypes.c_ubyte.from_address(p).value:  # (priority byte, code, NUL)..., then a 0 byte
                code = ctypes.string_at(p + 1)
                langs.append((ctypes.c_ubyte.from_address(p).value, code.decode("ascii", "replace").lower()))
                p += len(code) + 2
            ident = v.identifier.decode("utf-8", "replace")
            name = ident.rsplit("/", 1)[-1]
            if name not in _SKIP:
                found.append(EspeakVoice(ident, name, v.name.decode("utf-8", "replace").strip(), tuple(langs)))
            i += 1
        return found

    def _use(self, voice: EspeakVoice, wpm: int) -> None:  # the lock is held
        if voice.identifier != self._voice:
            if self.lib.espeak_SetVoiceByName(voice.identifier.encode()) != 0:
                raise RenderError(f"eSpeak NG could not load its voice '{voice.name}'", hint=f"reinstall: {INSTALL}")
            self._voice = voice.identifier
        if wpm != self._wpm:
            self.lib.espeak_SetParameter(_RATE, wpm, 0)
            self._wpm = wpm

    def synth(self, voice: EspeakVoice, text: str, wpm: int) -> bytes:
        data = text.encode("utf-8")
        with self.lock:
            self._use(voice, wpm)
            self._chunks = []
            if self._reset is not None:
                self._reset()
            self.lib.espeak_ng_SetRandSeed(SEED)  # its noise (fricatives, breath) starts from the same place
            err = self.lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            pcm, self._chunks = b"".join(self._chunks), []
        if err != 0:
            raise RenderError(f"eSpeak NG failed on a sentence (error {err})")
        return pcm

    def phonemes(self, voice: EspeakVoice, text: str) -> str:
        buf = ctypes.create_string_buffer(text.encode("utf-8"))
        ptr = ctypes.c_void_p(ctypes.addressof(buf))
        out = []
        with self.lock:
            self._use(voice, self._wpm or WPM)
            while ptr.value:
                got = self.lib.espeak_TextToPhonemes(ctypes.byref(ptr), _CHARS_UTF8, _PHONEMES_IPA)
                if got:
                    out.append(got.decode("utf-8", "replace"))
        return " ".join(p for p in out if p)


_library = per_process(_Library)
"""This process's eSpeak NG (a forked child loads its own: the parent's lock may have been held)."""


def voices() -> list[EspeakVoice]:
    """Every voice the packaged eSpeak NG has (its test voice aside)."""
    return list(_library().voices)


def voice_for(lang: str) -> EspeakVoice | None:
    """The eSpeak NG voice for a BCP 47 tag, or None: the tag, then shorter and shorter (``zh-Hans-CN``,
    ``zh-Hans``, ``zh``), matched against the codes each voice lists, the best priority winning."""
    best: dict[str, tuple[int, int, EspeakVoice]] = {}
    for n, v in enumerate(voices()):
        for prio, code in v.languages:
            if code not in best or (prio, n) < best[code][:2]:
                best[code] = (prio, n, v)
    parts = (lang or "").strip().lower().replace("_", "-").split("-")
    if parts[0] == "zh" and ("hk" in parts or "mo" in parts):
        parts = ["yue"]  # Hong Kong's and Macau's Chinese is read in Cantonese
    while parts and parts[0]:
        hit = best.get("-".join(parts))
        if hit is not None:
            return hit[2]
        parts.pop()
    return None


def phonemes(voice: EspeakVoice, text: str) -> str:
    """The IPA eSpeak NG speaks for ``text`` in ``voice`` (what ``editions say --phonemes`` shows)."""
    return _library().phonemes(voice, text)


def loader_version() -> str:
    """The installed espeakng-loader version (it fixes the library and its data: part of every clip's cache key),
    without importing anything; EngineUnavailable when it is not installed."""
    import importlib.util
    from ..installed import installed_version
    spec = importlib.util.find_spec("espeakng_loader")
    if spec is None or not spec.origin:
        raise EngineUnavailable("the offline voice for languages other than English needs espeakng-loader",
                                hint=INSTALL)
    return installed_version("espeakng_loader", "espeakng-loader") or "?"


OUT_RATE = 24000
"""The rate eSpeak NG's clips are given at: the English voice's, so every edition, and an issue of articles in
several languages, is one sample rate (the issue's MP3 joins its articles' frames without encoding them again)."""


def to_out_rate(pcm: bytes) -> bytes:
    """16-bit PCM at eSpeak's 22,050 Hz -> at :data:`OUT_RATE`, band-limited (FFT resampling of the clip padded
    with silence at both ends, so its edges do not ring; 147 input samples become 160); deterministic."""
    import numpy as np
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    if not x.size:
        return b""
    pad = 441  # 20 ms of silence each side: 441 samples in, exactly 480 out
    padded = np.concatenate([np.zeros(pad), x, np.zeros(pad)])
    n = round(padded.size * OUT_RATE / RATE)
    y = np.fft.irfft(np.fft.rfft(padded), n) * (n / padded.size)
    y = y[480:480 + round(x.size * OUT_RATE / RATE)]
    return np.clip(np.rint(y), -32768, 32767).astype("<i2").tobytes()


class EspeakEngine(Serial):
    name = "offline"
    rate = OUT_RATE

    def __init__(self, lang: str = "", speed: float = 1.0, **_):
        """The voice for ``lang`` (BCP 47); EngineUnavailable when eSpeak NG has none (see
        :func:`..languages.offline_voice`, which says so to the user first)."""
        found = voice_for(lang)
        if found is None:
            raise EngineUnavailable(f"eSpeak NG has no voice for '{lang}'", hint="run 'editions voices' for the list")
        self.espeak = found
        self.voice = f"espeak-ng:{found.name}"
        self.wpm = max(80, min(450, round(WPM * speed)))
        self.version = loader_version()

    def identity(self) -> str:
        return f"offline:espeak-ng-{self.version}:{self.espeak.identifier}:{self.wpm}wpm:vol{VOLUME}:{OUT_RATE}Hz"

    def prepare(self, speech: str) -> str:
        return speech

    def phonemes(self, words: str) -> str:
        return phonemes(self.espeak, words)

    def _one(self, text: str) -> Clip:
        import numpy as np
        from ...sound import analyse
        try:
            pcm = _library().synth(self.espeak, text, self.wpm)
        except (OSError, ValueError) as e:  # ctypes' own failures
            raise RenderError(f"the offline voice (eSpeak NG) failed: {e.__class__.__name__}: {e}") from e
        pcm = to_out_rate(pcm)
        return Clip(pcm, OUT_RATE, analysis=analyse(np.frombuffer(pcm, dtype="<i2"), OUT_RATE))
