"""Loudness per ITU-R BS.1770-4, measured and corrected in chunks (memory stays flat for long narrations).

``integrated_lufs`` K-weights the signal (pyloudnorm's filter design) and gates
400 ms blocks; ``true_peak_db`` oversamples 4x.  ``normalise_loudness`` finds the
gain that reaches the target and a look-ahead limiter envelope that keeps the
true peak under the ceiling: the K-weighted energy is computed once per
millisecond, so trying a gain envelope costs a few array operations, not a
pass over the audio.
"""
from __future__ import annotations

import numpy as np
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import lfilter, lfilter_zi, resample_poly

__all__ = ["integrated_lufs", "true_peak_db", "normalise_loudness", "ms_energy", "lufs_from_energy"]

CHUNK = 1 << 18  # samples per processing chunk (~11 s at 24 kHz)


def _k_filters(rate: int):
    import pyloudnorm
    meter = pyloudnorm.Meter(rate)
    return [(f.b, f.a) for f in meter._filters.values()]


def ms_energy(x: np.ndarray, rate: int, block: int | None = None) -> tuple[np.ndarray, int]:
    """Sum of squared K-weighted samples per ``block`` samples (default 1 ms), and the block size."""
    block = block or max(1, rate // 1000)
    filters = _k_filters(rate)
    states = [lfilter_zi(b, a) * 0.0 for b, a in filters]
    out, carry = [], np.zeros(0)
    for start in range(0, len(x), CHUNK):
        y = np.asarray(x[start:start + CHUNK], dtype=np.float64)
        if x.dtype == np.int16:
            y /= 32768.0
        for i, (b, a) in enumerate(filters):
            y, states[i] = lfilter(b, a, y, zi=states[i])
        y = np.concatenate([carry, y])
        n = len(y) // block
        out.append((y[:n * block] ** 2).reshape(n, block).sum(axis=1))
        carry = y[n * block:]
    return (np.concatenate(out) if out else np.zeros(0)), block


def lufs_from_energy(energy: np.ndarray, block: int, rate: int) -> float:
    """Gated integrated loudness from per-block K-weighted energies (blocks must divide 100 ms)."""
    per = max(1, int(rate * 0.1) // block)
    n = len(energy) // per
    if n < 4:
        return float("-inf")
    ms = energy[:n * per].reshape(n, per).sum(axis=1) / (per * block)  # mean square per 100 ms
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


def integrated_lufs(x: np.ndarray, rate: int) -> float:
    """Integrated loudness (LUFS) of mono int16 or float samples; -inf for silence."""
    energy, block = ms_energy(x, rate, int(rate * 0.1))
    return lufs_from_energy(energy, block, rate)


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

    The margin leaves room for MP3 encoding overshoot. Returns (x, LUFS, true-peak dBTP), both estimated
    from the per-millisecond energies and peaks the gain was computed from.
    """
    energy, block = ms_energy(x, rate)
    lufs = lufs_from_energy(energy, block, rate)
    if not np.isfinite(lufs):
        return x, lufs, float("-inf")
    limit = 10 ** ((ceiling - margin) / 20)
    peaks = _block_peaks(x, block)[: len(energy) + 1]
    peaks = np.pad(peaks, (0, max(0, len(energy) + 1 - len(peaks))))
    energy = np.pad(energy, (0, len(peaks) - len(energy)))
    hold = 20  # ms: the gain dips this far ahead of a peak and recovers over as long after it
    gain_db = target - lufs
    for _ in range(6):  # limiting lowers loudness a little: estimate and go again
        g = 10 ** (gain_db / 20)
        need = np.minimum(1.0, limit / np.maximum(peaks * g, 1e-9))
        # a min filter then an equally wide moving average: smooth ramps that never exceed what a peak needs
        env = uniform_filter1d(minimum_filter1d(need, size=2 * hold + 1, mode="nearest"),
                               size=2 * hold + 1, mode="nearest")
        gains = np.minimum(env, need) * g
        got = lufs_from_energy(energy * gains ** 2, block, rate)
        if abs(got - target) <= 0.05:
            break
        gain_db += target - got
    out = _apply(x, gains, block)
    return out, got, float(20 * np.log10(max(1e-9, float((peaks * gains).max()))))


def _apply(x: np.ndarray, gains: np.ndarray, block: int) -> np.ndarray:
    centers = (np.arange(len(gains)) + 0.5) * block
    for start in range(0, len(x), CHUNK):
        idx = np.arange(start, min(len(x), start + CHUNK))
        g = np.interp(idx, centers, gains)
        y = x[start:start + CHUNK].astype(np.float64) * g
        x[start:start + CHUNK] = np.clip(np.round(y), -32768, 32767).astype(np.int16)
    return x
