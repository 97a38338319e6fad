"""The issue's MP3: an announcement, each article's own frames, a pause between them, joined without re-encoding.

Takes the articles' finished MP3 files and the issue's settings; gives the joined frames and where each piece
starts (ms).  The announcement (the issue's title, date and number of articles) is narrated by the articles'
voice engine through the ordinary audio pipeline (so through the clip cache, and levelled to the same loudness
and true-peak ceiling); the pause is silence encoded once at the articles' format.  An article whose frames
are of another format than the first article's (another sample rate or bitrate) is decoded and encoded again
at that format, with a warning: the only case in which audio is re-encoded.
"""
from __future__ import annotations

import datetime
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..model import Article
from .frames import Format, bare_frames

__all__ = ["Piece", "announcement_text", "announce", "silence", "join"]

PAUSE_SECONDS = 1.5
"""Silence between the announcement and the first article, and between articles."""


@dataclass
class Piece:
    """One stretch of the issue's audio: its frames, how many, and (for an article) its index."""
    frames: bytes
    count: int
    article: int | None = None
    start_ms: int = 0
    end_ms: int = 0
    extra: dict = field(default_factory=dict)


def announcement_text(title: str, date: str, count: int, number: int | None) -> tuple[str, str]:
    """(headline, deck) the announcement is narrated from: 'The Harbour Gazette, issue 12.' / 'Friday 6
    December 2026. Five articles.'"""
    head = f"{title}, issue {number}." if number is not None else f"{title}."
    try:
        d = datetime.date.fromisoformat(date)
        when = f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}. "
    except ValueError:
        when = ""
    words = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
    n = words[count] if count < len(words) else str(count)
    return head, f"{when}{n} article{'s' if count != 1 else ''}."


def announce(headline: str, deck: str, lang: str, cfg: Config, cache) -> tuple[bytes, str]:
    """The announcement as an MP3 file's bytes and its VTT, narrated by the audio pipeline at the settings'
    engine, loudness and true-peak ceiling."""
    from ..speech.pipeline import render_audio
    article = Article(headline=headline, deck=deck, lang=lang or "en-US")
    with tempfile.TemporaryDirectory(prefix="editions-issue-") as tmp:
        mp3, vtt = Path(tmp) / "announcement.mp3", Path(tmp) / "announcement.vtt"
        render_audio(article, mp3, vtt, cfg, cache=cache, show_progress=False)
        return mp3.read_bytes(), vtt.read_text(encoding="utf-8")


def silence(fmt: Format, seconds: float, cfg: Config, cache=None) -> tuple[bytes, int]:
    """About ``seconds`` of silence as whole frames of ``fmt`` (no tag, no info frame); encoded once, then taken
    from the cache (:mod:`.drawn`: starting the encoder was a fifth of a second of every issue's assembly)."""
    import imageio_ffmpeg
    import numpy as np
    from ..speech.sound.frames import LAME_DELAY, LAME_TAIL, frame_samples
    from ..speech.sound.mix import encode_segment
    from .drawn import drawn
    fs = frame_samples(fmt.rate)
    n = max(1, round(seconds * fmt.rate / fs))
    facts = (fmt.version, fmt.rate, fmt.kbps, fmt.mode, n, cfg.audio.encoder_quality, imageio_ffmpeg.__version__)
    data = drawn(cache, "pause", facts, lambda: encode_segment(np.zeros(n * fs - LAME_DELAY - LAME_TAIL, dtype=np.int16),
                                                               fmt.rate, f"{fmt.kbps}k", cfg.audio.encoder_quality))
    frames, _, count = bare_frames(data, "(the pause between articles)")
    return frames, count


def reencode(data: bytes, fmt: Format, cfg: Config, where: str) -> tuple[bytes, int]:
    """An MP3 of another format decoded and encoded again at ``fmt`` (only when the frames cannot be joined)."""
    from ..speech.sound.mix import decode_mp3_file, encode_segment
    with tempfile.NamedTemporaryFile(suffix=".mp3") as f:
        f.write(data)
        f.flush()
        samples, _ = decode_mp3_file(Path(f.name), fmt.rate)
    frames, _, count = bare_frames(encode_segment(samples.copy(), fmt.rate, f"{fmt.kbps}k",
                                                  cfg.audio.encoder_quality), where)
    return frames, count


def join(pieces: list[Piece], rate: int) -> list[bytes]:
    """The pieces' frames one after another, as a list of them (written out in turn, never copied into one
    60 MB string); sets each piece's start and end in ms (its decoded samples)."""
    from ..speech.sound.frames import frame_samples
    fs = frame_samples(rate)
    pos = 0
    for p in pieces:
        p.start_ms = round(pos * 1000 / rate)
        pos += p.count * fs
        p.end_ms = round(pos * 1000 / rate)
    return [p.frames for p in pieces]
