"""The programme as chapter segments: their layout, the programme's loudness from the clips' analyses, one gain.

Takes the script, every clip's length and loudness analysis (:func:`.loudness.analyse`) and the cache; gives
each chapter's :class:`Segment` (frames, what is encoded, a cache key that does not depend on other chapters),
the programme's per-10 ms energy and peaks as the segments will lay it out — no pass over the audio — and the
gain to encode every chapter at: quantised to :data:`GAIN_STEP`, and a gain the cache already holds chapters at
is kept while the programme needs one within :data:`GAIN_TOLERANCE` of it, so an edit re-encodes only its own
chapter.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable, Protocol

from ...config import AudioConfig
from ..text import Script

# numpy and .mix are imported where used: the pipeline reads SEGMENT_FORMAT before the voice has started

__all__ = ["Segment", "layout", "programme", "choose_gain", "TRUE_PEAK_MARGIN", "GAIN_STEP", "GAIN_TOLERANCE",
           "SEGMENT_FORMAT"]

TRUE_PEAK_MARGIN = 2.0
"""dB kept under the true-peak ceiling before encoding, for the encoder's overshoot: LAME at 64 kbps was
measured adding up to 1.3 dB to a chapter's true peak on the samples (tests/test_true_peak.py)."""
GAIN_STEP = 0.1
"""dB: chapter gains lie on this grid, so equal chapters at equal gains encode to equal bytes."""
GAIN_TOLERANCE = 0.2
"""dB: a gain the cache holds chapters at is reused while the programme needs a gain this close to it."""
SEGMENT_FORMAT = 2
"""Bumped whenever what goes into a chapter segment changes (limiter, layout; 2: the limiter's arithmetic, which
moves a sample by one step here and there)."""


class HeldGains(Protocol):
    """What :func:`choose_gain` asks of the clip cache (``editions.speech.cache.ClipCache``, at ``speech/``'s
    face, which this room does not import): the gains a chapter's segment is held at."""

    def segment_gains(self, key: str) -> Iterable[float]: ...


@dataclass
class Segment:
    """One chapter as an MP3 segment: its cues, its length in frames and what it is cached under."""

    cues: range
    frames: int
    samples: int
    """What is encoded: frames * frame size - encoder delay - tail."""
    key: str


def layout(script: Script, lengths: list[int], pauses: list[int], texts: list[str], identity: str, rate: int,
           a: AudioConfig) -> list[Segment]:
    """Each chapter's segment: whole frames holding its clips and pauses (the final pause cut or stretched to
    the nearest frame), and a key over everything its bytes depend on except the gain."""
    import imageio_ffmpeg
    from .frames import LAME_DELAY, LAME_TAIL, frame_samples, segment_frames
    fs = frame_samples(rate)
    out = []
    firsts = [ch.first_cue for ch in script.chapters] + [len(script.cues)]
    for k in range(len(script.chapters)):
        cues = range(firsts[k], firsts[k + 1])
        content = sum(lengths[i] + pauses[i] for i in cues)
        frames = segment_frames(content, content - pauses[cues[-1]], rate)
        samples = frames * fs - LAME_DELAY - LAME_TAIL
        blob = json.dumps([SEGMENT_FORMAT, identity, [texts[i] for i in cues], [pauses[i] for i in cues],
                           [lengths[i] for i in cues], samples, rate, a.true_peak, TRUE_PEAK_MARGIN,
                           a.bitrate, a.encoder_quality, imageio_ffmpeg.__version__], ensure_ascii=False)
        out.append(Segment(cues, frames, samples, hashlib.sha256(blob.encode()).hexdigest()))
    return out


def programme(segments: list[Segment], lengths: list[int], analyses: list, pauses: list[int],
              rate: int) -> tuple[np.ndarray, np.ndarray, int]:
    """K-weighted energy and sample peak of the whole programme per 10 ms, laid out as the segments will be,
    assembled from the clips' analyses (no pass over the audio): each clip's milliseconds laid on the
    programme's millisecond grid where it starts, then summed (energy) and maxed (peak) ten at a time."""
    import numpy as np
    from .frames import LAME_DELAY, frame_samples
    ms = max(1, rate // 1000)
    block = 10 * ms
    fs = frame_samples(rate)
    nb = -(-sum(c.frames for c in segments) * fs // block) + 1
    grid = np.zeros((2, nb * 10), dtype=np.float32)  # energy and peak per millisecond of the programme
    start = 0
    for ch in segments:
        pos = start + LAME_DELAY
        for i in ch.cues:
            a = analyses[i]
            at = pos // ms
            n = max(0, min(a.shape[1], nb * 10 - at))
            grid[0, at:at + n] += a[0, :n]
            np.maximum(grid[1, at:at + n], a[1, :n], out=grid[1, at:at + n])
            pos += lengths[i] + pauses[i]
        start += ch.frames * fs
    energy, peak = grid[0].reshape(nb, 10), grid[1].reshape(nb, 10)
    peaks = peak[:, 0].astype(np.float64)
    for k in range(1, 10):  # ten strided passes: much faster than max(axis=1) over rows of ten
        np.maximum(peaks, peak[:, k], out=peaks)
    return np.einsum("ij->i", energy, dtype=np.float64), peaks, block


def choose_gain(exact: float, segments: list[Segment], cache: HeldGains | None) -> tuple[float, bool, float]:
    """The gain to encode at: a gain the cache holds chapters at, if one is within tolerance of ``exact``
    (the most chapters, then the nearest), else ``exact`` on the grid. Also whether chapters were held only at
    gains beyond the tolerance (everything is re-levelled), and the most common of those gains."""
    grid = round(round(exact / GAIN_STEP) * GAIN_STEP, 2)
    if cache is None:
        return grid, False, grid
    near: dict[float, int] = {}
    far: dict[float, int] = {}
    for ch in segments:
        for g in cache.segment_gains(ch.key):
            bucket = near if abs(g - exact) <= GAIN_TOLERANCE + 1e-9 else far
            bucket[g] = bucket.get(g, 0) + 1
    if near:
        return max(near, key=lambda g: (near[g], -abs(g - exact))), False, grid
    if far:
        return grid, True, max(far, key=lambda g: far[g])
    return grid, False, grid
