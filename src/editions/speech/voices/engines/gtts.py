"""The gTTS voice (Google Translate's text-to-speech). Needs the network.

Each cue is one sentence, so gTTS's own 100-character chunking only ever cuts a
sentence that is longer than that.  Requests are retried with exponential
backoff on 429, 5xx, timeouts and unreadable answers, with at most two in
flight.  The MP3 gTTS returns is decoded with the ffmpeg binary from
imageio-ffmpeg (pydub would need ffprobe, which that package does not ship).

``base_url`` (or ``EDITIONS_GTTS_URL``) points the real gTTS client at another
host with the same protocol; tests use it with a local server on 127.0.0.1.
"""
from __future__ import annotations

import os
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Sequence
from urllib.parse import urlsplit

from ....errors import EngineUnavailable, InputError, RenderError
from . import Clip, OnClip, Progress

__all__ = ["GTTSEngine", "reachable", "gtts_lang", "speaks"]

RATE = 24000
REGION_TLD = {("en", "GB"): "co.uk", ("en", "AU"): "com.au", ("en", "IN"): "co.in", ("en", "CA"): "ca",
              ("en", "IE"): "ie", ("en", "ZA"): "co.za", ("fr", "CA"): "ca", ("pt", "BR"): "com.br",
              ("pt", "PT"): "pt", ("es", "MX"): "com.mx", ("es", "ES"): "es"}
"""gTTS speaks with a local accent through the Google domain of a region (its documented ``tld`` option)."""
DEFAULT_BASE = "https://translate.google.com"
ALIASES = {"he": "iw", "jv": "jw", "nb": "no", "nn": "no", "fil": "tl", "cmn": "zh-CN"}
"""BCP 47 languages gTTS knows under another code."""
TRADITIONAL = ("hant", "tw")
"""Subtags of Chinese in traditional characters (gTTS ``zh-TW``; other Chinese is ``zh-CN``)."""
CANTONESE = ("hk", "mo")
"""Regions whose Chinese is read in Cantonese (``yue``)."""


def gtts_lang(tag: str) -> str | None:
    """A BCP 47 tag -> the gTTS language code that speaks it (``zh-Hant`` -> ``zh-TW``, ``he`` -> ``iw``), or
    None when gTTS has none (its own list, shipped in the package: nothing is asked of the network)."""
    from gtts.lang import tts_langs
    parts = (tag or "en").strip().lower().replace("_", "-").split("-")
    base = parts[0] or "en"
    if base == "zh" and any(p in CANTONESE for p in parts[1:]):
        code = "yue"
    elif base == "zh":
        code = "zh-TW" if any(p in TRADITIONAL for p in parts[1:]) else "zh-CN"
    else:
        code = ALIASES.get(base, base)
    return code if code in tts_langs() else None


def speaks(tag: str) -> bool:
    """Whether gTTS speaks the BCP 47 language ``tag``."""
    return gtts_lang(tag) is not None


_probed: dict[str, tuple[float, bool]] = {}
PROBE_TTL = 60.0


def reachable(base_url: str | None = None, timeout: float = 1.5) -> bool:
    """One quick TCP connection to the gTTS host (the answer is kept for a minute: a batch probes once)."""
    url = base_url or os.environ.get("EDITIONS_GTTS_URL") or DEFAULT_BASE
    now = time.monotonic()
    if url in _probed and now - _probed[url][0] < PROBE_TTL:
        return _probed[url][1]
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            ok = True
    except OSError:
        ok = False
    _probed[url] = (now, ok)
    return ok


def decode_mp3(data: bytes, rate: int = RATE) -> bytes:
    """MP3 bytes -> 16-bit mono PCM at ``rate`` through imageio-ffmpeg's binary."""
    import imageio_ffmpeg
    proc = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", "pipe:0", "-f", "s16le",
                           "-ac", "1", "-ar", str(rate), "pipe:1"], input=data, capture_output=True)
    if proc.returncode != 0 or not proc.stdout:
        raise ValueError(f"ffmpeg could not decode the voice's MP3 ({proc.stderr.decode(errors='replace')[:200]})")
    return proc.stdout


class GTTSEngine:
    name = "gtts"

    def __init__(self, voice: str = "", lang: str = "en", base_url: str | None = None, retries: int = 4,
                 backoff: float | None = None, timeout: float = 10.0, in_flight: int = 2, lexicon=None, **_):
        try:
            import gtts  # noqa: F401
        except ImportError:
            raise EngineUnavailable("the gtts voice needs gTTS", hint="pip install gTTS") from None
        code = gtts_lang(lang)
        if code is None:
            raise InputError(f"gTTS does not speak '{lang}'", hint="use --engine offline ('editions voices' lists "
                             "the languages each voice speaks), or --only print")
        self.lang = code
        region = lang.split("-")[-1].upper() if "-" in lang else ""
        base = lang.split("-")[0].lower()
        self.tld = voice or REGION_TLD.get((base, region), "com")  # the accent follows the article's region
        self.voice = f"{self.lang}-{self.tld}"
        self.base_url = (base_url or os.environ.get("EDITIONS_GTTS_URL") or "").rstrip("/") or None
        if backoff is None:
            backoff = float(os.environ.get("EDITIONS_GTTS_BACKOFF", "0.5"))
        self.retries, self.backoff, self.timeout, self.in_flight = retries, backoff, timeout, in_flight

    def identity(self) -> str:
        import gtts
        return f"gtts:{gtts.__version__ if hasattr(gtts, '__version__') else '?'}:{self.lang}:{self.tld}"

    def prepare(self, speech: str) -> str:
        return speech

    def _client(self, text: str):
        from gtts import gTTS
        base = self.base_url

        class _Redirected(gTTS):
            def _prepare_requests(self):  # only the base URL changes
                prepared = super()._prepare_requests()
                if base:
                    for pr in prepared:
                        parts = urlsplit(pr.url)
                        pr.url = base + parts.path + (f"?{parts.query}" if parts.query else "")
                return prepared

        return _Redirected(text=text, lang=self.lang, tld=self.tld, timeout=self.timeout, lang_check=False)

    def _one(self, text: str) -> Clip:
        from gtts import gTTSError
        last = ""
        for attempt in range(self.retries):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                mp3 = b"".join(self._client(text).stream())
                if not mp3:
                    last = "empty answer"
                    continue
                return Clip(decode_mp3(mp3), RATE)
            except gTTSError as e:
                rsp = getattr(e, "rsp", None)
                status = getattr(rsp, "status_code", None)
                last = str(e)
                if status is not None and status < 500 and status not in (200, 408, 429):
                    break  # 403/404: retrying will not help
            except ValueError as e:  # undecodable audio
                last = str(e)
            except Exception as e:  # connection errors inside gTTS/requests
                last = f"{e.__class__.__name__}: {e}"
        raise RenderError(f"gTTS gave up after {self.retries} tries: {' '.join(last.split())[:200]}",
                          hint="check the network, or use --engine offline")

    def synthesize(self, texts: Sequence[str], progress: Progress | None = None,
                   on_clip: OnClip | None = None) -> list[Clip]:
        out: list[Clip | None] = [None] * len(texts)
        with ThreadPoolExecutor(self.in_flight) as pool:
            futures = {pool.submit(self._one, t): i for i, t in enumerate(texts)}
            try:
                for fut, i in futures.items():
                    out[i] = fut.result()
                    if on_clip:
                        on_clip(i, out[i])
                    if progress:
                        progress(1)
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
        return out  # type: ignore[return-value]
