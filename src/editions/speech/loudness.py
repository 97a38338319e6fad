"""Loudness per ITU-R BS.1770-4, measured and corrected in chunks (memory stays flat for long narrations).

``integrated_lufs`` uses pyloudnorm's K-weighting filter design with gated 400 ms
blocks; ``true_peak_db`` oversamples 4x; ``normalise`` applies the gain that
reaches the target and a look-ahead limiter that keeps the true peak under the
ceiling (gain only ever goes down around peaks, never pumps the whole file).
"""
from __future__ import annotations

import numpy as np
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import lfilter, lfilter_zi, resample_poly

__all__ = ["integrated_lufs", "true_peak_db", "normalise_loudness"]

CHUNK = 1 << 18  # samples per processing chunk (~11 s at 24 kHz)


def _k_filters(rate: int):
    import pyloudnorm
    meter = pyloudnorm.Meter(rate)
    return [(f.b, f.a) for f in meter._filters.values()]


def integrated_lufs(x: np.ndarray, rate: int) -> float:
    """Integrated loudness (LUFS) of mono int16 or float samples. -inf for silence."""
    filters = _k_filters(rate)
    states = [lfilter_zi(b, a) * 0.0 for b, a in filters]
    hop = int(rate * 0.1)
    sub = []  # mean square per 100 ms
    carry = np.zeros(0)
    for start in range(0, len(x), CHUNK):
        y = np.asarray(x[start:start + CHUNK], dtype=np.float64)
        if x.dtype == np.int16:
            y /= 32768.0
        for i, (b, a) in enumerate(filters):
            y, states[i] = lfilter(b, a, y, zi=states[i])
        y = np.concatenate([carry, y])
        n = len(y) // hop
        if n:
            sub.append((y[:n * hop] ** 2).reshape(n, hop).mean(axis=1))
        carry = y[n * hop:]
    if not sub:
        return float("-inf")
    ms = np.concatenate(sub)
    if len(ms) < 4:
        return float("-inf")
    blocks = np.convolve(ms, np.ones(4) / 4, mode="valid")  # 400 ms blocks, 75% overlap
    with np.errstate(divide="ignore"):
        lk = -0.691 + 10 * np.log10(blocks)
    gated = blocks[lk > -70]
    if not len(gated):
        return float("-inf")
    rel = -0.691 + 10 * np.log10(gated.mean()) - 10
    with np.errstate(divide="ignore"):
        final = gated[-0.691 + 10 * np.log10(gated) > rel]
    return float(-0.691 + 10 * np.log10(final.mean())) if len(final) else float("-inf")


def _block_peaks(x: np.ndarray, block: int) -> np.ndarray:
    """True (4x oversampled) peak per block of ``block`` samples, as linear amplitude."""
    peaks = []
    pad = 32
    step = block * max(1, CHUNK // block)  # whole blocks per chunk, so block indices never drift
    for start in range(0, len(x), step):
        lo, hi = max(0, start - pad), min(len(x), start + step + pad)
        y = np.asarray(x[lo:hi], dtype=np.float64)
        if x.dtype == np.int16:
            y /= 32768.0
        up = np.abs(resample_poly(y, 4, 1))
        up = up[(start - lo) * 4:(start - lo) * 4 + min(step, len(x) - start) * 4]
        n = len(up) // (4 * block)
        body = up[:n * 4 * block].reshape(n, 4 * block).max(axis=1) if n else np.zeros(0)
        rest = up[n * 4 * block:]
        peaks.append(np.concatenate([body, [rest.max()]]) if len(rest) else body)
    return np.concatenate(peaks) if peaks else np.zeros(0)


def true_peak_db(x: np.ndarray, rate: int) -> float:
    p = _block_peaks(x, max(1, rate // 100))
    return float(20 * np.log10(p.max())) if len(p) and p.max() > 0 else float("-inf")


def normalise_loudness(x: np.ndarray, rate: int, target: float = -16.0, ceiling: float = -1.0,
                       margin: float = 1.0) -> tuple[np.ndarray, float, float]:
    """Gain ``x`` (int16, changed in place) to ``target`` LUFS with the true peak under ``ceiling - margin`` dBTP.

    The margin leaves room for MP3 encoding overshoot. Returns (x, measured LUFS, true peak dBTP) after processing.
    """
    lufs = integrated_lufs(x, rate)
    if not np.isfinite(lufs):
        return x, lufs, float("-inf")
    limit = 10 ** ((ceiling - margin) / 20)
    gain_db = target - lufs
    block = max(1, rate // 1000)  # 1 ms gain resolution
    raw_peaks = _block_peaks(x, block)
    hold = 20  # ms: the gain dips this far ahead of a peak and recovers over as long after it
    for _ in range(4):  # limiting lowers loudness a little: measure and go again
        g = 10 ** (gain_db / 20)
        need = np.minimum(1.0, limit / np.maximum(raw_peaks * g, 1e-9))
        # a min filter then a narrower moving average: smooth ramps that never exceed what a peak needs
        env = uniform_filter1d(minimum_filter1d(need, size=2 * hold + 1, mode="nearest"),
                               size=2 * hold + 1, mode="nearest")
        env = np.minimum(env, need)
        gains = env * g
        got = integrated_lufs(_apply(x, gains, block, dry_run=True), rate)
        if abs(got - target) <= 0.1:
            break
        gain_db += target - got
    out = _apply(x, gains, block)
    return out, integrated_lufs(out, rate), true_peak_db(out, rate)


def _apply(x: np.ndarray, gains: np.ndarray, block: int, dry_run: bool = False) -> np.ndarray:
    out = np.empty_like(x) if dry_run else x
    centers = (np.arange(len(gains)) + 0.5) * block
    for start in range(0, len(x), CHUNK):
        idx = np.arange(start, min(len(x), start + CHUNK))
        g = np.interp(idx, centers, gains)
        y = x[start:start + CHUNK].astype(np.float64) * g
        out[start:start + CHUNK] = np.clip(np.round(y), -32768, 32767).astype(np.int16)
    return out
