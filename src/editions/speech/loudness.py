"""Loudness per ITU-R BS.1770-4 in numpy: clips measured as they are made, one gain, a true-peak limiter.

:func:`analyse` K-weights one clip (the two biquads, the RBJ cookbook forms pyloudnorm uses, applied as their
impulse response by one FFT convolution) and gives its energy and sample peak per millisecond; the voice's
workers call it on every clip they make, and :func:`lufs_from_energy` gates the blocks of a whole programme
assembled from those analyses, so the programme's loudness needs no pass over the audio.
:func:`programme_gain` finds the gain that reaches the target once peaks are limited, :func:`level` applies it
to a chapter with a look-ahead limiter on its true peaks (4x oversampled by a windowed-sinc polyphase filter,
and only where a peak could reach the ceiling).  :func:`integrated_lufs` and :func:`true_peak_db` measure whole
signals (the tests check them against pyloudnorm and scipy).  No scipy at run time.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

__all__ = ["integrated_lufs", "true_peak_db", "analyse", "lufs_from_energy", "programme_gain", "level", "limiter"]

CHUNK = 1 << 18  # samples per processing chunk (~11 s at 24 kHz)


def _biquads(rate: int) -> list[tuple[list[float], list[float]]]:
    """BS.1770 K-weighting: a high shelf (+4 dB above ~1.5 kHz) then a high pass at 38 Hz, as (b, a) pairs."""
    out = []
    for kind, gain, q, fc in (("shelf", 4.0, 1 / math.sqrt(2), 1500.0), ("highpass", 0.0, 0.5, 38.0)):
        A = 10 ** (gain / 40)
        w0 = 2 * math.pi * fc / rate
        alpha, cw, sa = math.sin(w0) / (2 * q), math.cos(w0), 2 * math.sqrt(A) * math.sin(w0) / (2 * q)
        if kind == "shelf":
            b = [A * ((A + 1) + (A - 1) * cw + sa), -2 * A * ((A - 1) + (A + 1) * cw), A * ((A + 1) + (A - 1) * cw - sa)]
            a = [(A + 1) - (A - 1) * cw + sa, 2 * ((A - 1) - (A + 1) * cw), (A + 1) - (A - 1) * cw - sa]
        else:
            b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]
            a = [1 + alpha, -2 * cw, 1 - alpha]
        out.append(([x / a[0] for x in b], [x / a[0] for x in a]))
    return out


@lru_cache(maxsize=8)
def _k_impulse(rate: int) -> np.ndarray:
    """Impulse response of the K-weighting filter, cut where it has decayed for good."""
    n = 1 << max(12, math.ceil(math.log2(rate * 0.25)))
    h = np.zeros(n)
    h[0] = 1.0
    for b, a in _biquads(rate):
        y = np.zeros(n)
        x1 = x2 = y1 = y2 = 0.0
        for i in range(n):  # a few thousand steps, once per rate
            x0 = h[i]
            y0 = b[0] * x0 + b[1] * x1 + b[2] * x2 - a[1] * y1 - a[2] * y2
            y[i] = y0
            x2, x1, y2, y1 = x1, x0, y1, y0
        h = y
    keep = np.nonzero(np.abs(h) > 1e-9)[0]
    return h[: keep[-1] + 1] if len(keep) else h[:1]


class _FIR:
    """Streaming overlap-save FFT convolution with a fixed transform size: chunks in, filtered chunks out."""

    def __init__(self, h: np.ndarray):
        self.m = len(h)
        self.size = 1 << max(15, math.ceil(math.log2(4 * self.m)))
        self.H = np.fft.rfft(h, self.size)
        self.tail = np.zeros(self.m - 1)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        m, size = self.m, self.size
        step = size - (m - 1)
        buf = np.concatenate([self.tail, x])
        out = np.empty(len(x))
        for i in range(0, len(x), step):
            seg = buf[i:i + size]
            y = np.fft.irfft(np.fft.rfft(seg, size) * self.H, size)
            n = min(step, len(x) - i)
            out[i:i + n] = y[m - 1:m - 1 + n]
        self.tail = buf[len(buf) - (m - 1):] if m > 1 else self.tail
        return out


@lru_cache(maxsize=1)
def _oversampler() -> np.ndarray:
    """4x interpolation filter: windowed sinc, 12 taps per phase (as BS.1770 Annex 2 suggests), shape (4, 12)."""
    taps = 48
    n = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(n / 4) * np.kaiser(taps, 8.0)
    h *= 4 / h.sum()
    return h.reshape(12, 4).T


def _oversampled_abs(y: np.ndarray, history: np.ndarray) -> np.ndarray:
    """Per input sample, the largest |value| among its 4 oversampled points (``history``: the 11 samples before).

    Four direct 12-tap convolutions in float32 (faster here than an FFT for so short a filter)."""
    buf = np.concatenate([history, y]).astype(np.float32)
    best = np.zeros(len(y), dtype=np.float32)
    for phase in _oversampler().astype(np.float32):
        np.maximum(best, np.abs(np.convolve(buf, phase, mode="valid"))[: len(y)], out=best)
    return best.astype(np.float64)


def ms_energy(x: np.ndarray, rate: int, block: int | None = None) -> tuple[np.ndarray, int]:
    """Sum of squared K-weighted samples per ``block`` samples (default 1 ms), and the block size."""
    block = block or max(1, rate // 1000)
    fir = _FIR(_k_impulse(rate))
    out, carry = [], np.zeros(0)
    for start in range(0, len(x), CHUNK):
        y = np.asarray(x[start:start + CHUNK], dtype=np.float64)
        if x.dtype == np.int16:
            y /= 32768.0
        y = np.concatenate([carry, fir(y)])
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


@lru_cache(maxsize=1)
def _gain_bound() -> float:
    """No oversampled point can exceed this many times the largest sample among its 12 neighbours."""
    return float(np.abs(_oversampler()).sum(axis=1).max())


def _peaks(y: np.ndarray, history: np.ndarray, block: int, floor: float) -> np.ndarray:
    """Per ``block`` samples of ``y``: the true peak where it could reach ``floor``, else the sample peak.

    Exact where it matters: an oversampled point is a 12-tap weighted sum, so a block whose neighbourhood
    (itself and the blocks either side) has sample peaks below floor / L1(taps) cannot reach ``floor``,
    and is never oversampled. ``floor`` 0 oversamples everything."""
    n = -(-len(y) // block)
    a = np.abs(y)
    pad = np.zeros(n * block - len(y))
    sample = np.concatenate([a, pad]).reshape(n, block).max(axis=1)
    neighbourhood = np.maximum(sample, np.maximum(np.r_[np.abs(history).max(initial=0.0), sample[:-1]],
                                                  np.r_[sample[1:], 0.0]))
    wanted = neighbourhood * _gain_bound() >= floor
    if not wanted.any():
        return sample
    out = sample.copy()
    # oversample each run of wanted blocks (with 11 samples of context before it); runs a few blocks apart
    # are joined, since a call costs more than the handful of samples between them
    gaps = np.flatnonzero(np.diff(np.r_[0, wanted.astype(np.int8), 0]))
    starts, ends = gaps[::2], gaps[1::2]
    close = np.r_[starts[1:] - ends[:-1] <= 16, False]
    for i in np.flatnonzero(close):
        wanted[ends[i]:starts[i + 1]] = True
    edges = np.flatnonzero(np.diff(np.r_[0, wanted.astype(np.int8), 0]))
    full = np.concatenate([history, y])
    h = len(history)
    for b0, b1 in zip(edges[::2], edges[1::2]):
        lo, hi = b0 * block, min(len(y), b1 * block)
        seg = full[lo + h - 11 if lo + h >= 11 else 0: hi + h]
        ctx = seg[: len(seg) - (hi - lo)]
        up = _oversampled_abs(seg[len(ctx):], np.concatenate([np.zeros(11 - len(ctx)), ctx]))
        m = b1 - b0
        up = np.concatenate([up, np.zeros(m * block - len(up))])
        out[b0:b1] = np.maximum(sample[b0:b1], up.reshape(m, block).max(axis=1))
    return out


def _block_peaks(x: np.ndarray, block: int, floor: float = 0.0) -> np.ndarray:
    """True (4x oversampled) peak per block of ``block`` samples, as linear amplitude (exact at and above
    ``floor``; below it, blocks may report their sample peak instead)."""
    peaks = []
    history = np.zeros(11)
    step = block * max(1, CHUNK // block)  # whole blocks per chunk, so block indices never drift
    for start in range(0, len(x), step):
        y = np.asarray(x[start:start + step], dtype=np.float64)
        if x.dtype == np.int16:
            y /= 32768.0
        peaks.append(_peaks(y, history, block, floor))
        history = np.concatenate([history, y])[-11:]
    return np.concatenate(peaks) if peaks else np.zeros(0)


def _min_filter(a: np.ndarray, size: int) -> np.ndarray:
    """Running minimum over ``size`` (odd) values centred on each, edges held (van Herk / Gil-Werman: linear)."""
    h = size // 2
    padded = np.pad(a, (h, h + (-(len(a) + 2 * h)) % size), mode="edge")
    blocks = padded.reshape(-1, size)
    fwd = np.minimum.accumulate(blocks, axis=1).ravel()
    bwd = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    n = len(a)
    return np.minimum(bwd[:n], fwd[size - 1:size - 1 + n])


def _mean_filter(a: np.ndarray, size: int) -> np.ndarray:
    h = size // 2
    c = np.concatenate([[0.0], np.cumsum(np.pad(a, h, mode="edge"))])
    return (c[size:] - c[:-size]) / size


def true_peak_db(x: np.ndarray, rate: int) -> float:
    p = _block_peaks(x, max(1, rate // 100))
    return float(20 * np.log10(p.max())) if len(p) and p.max() > 0 else float("-inf")




# --- per-clip analysis (in the worker that made the clip) -------------------------------------------------

@lru_cache(maxsize=32)
def _k_spectrum(rate: int, size: int) -> np.ndarray:
    return np.fft.rfft(_k_impulse(rate), size).astype(np.complex64)


def _fft_size(n: int) -> int:
    """The smallest 2^a * 3^b * 5^c >= n (sizes the FFT handles fastest, never almost twice too long)."""
    best = 1 << math.ceil(math.log2(max(1, n)))
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            size = p35 << max(0, math.ceil(math.log2(n / p35)))
            best = min(best, size)
            p35 *= 3
        p5 *= 5
    return best


def analyse(pcm: np.ndarray, rate: int) -> np.ndarray:
    """A clip's loudness per millisecond: shape (2, ms) float32 — K-weighted energy (sum of squares) and
    sample peak (|x| max, linear) of each block of ``rate // 1000`` samples (the last one may be short).

    The clip is K-weighted on its own (one FFT convolution, filter state zero before it; the filter's ringing
    after its end is left out — it is far below anything that counts), so clips can be measured as they are
    made, in parallel, and cached; :func:`lufs_from_energy` gates the blocks of a whole programme."""
    block = max(1, rate // 1000)
    n = len(pcm)
    blocks = -(-n // block)
    out = np.zeros((2, blocks), dtype=np.float32)
    if not n:
        return out
    x = pcm.astype(np.float32) / np.float32(32768.0)
    size = _fft_size(n + len(_k_impulse(rate)))
    y = np.fft.irfft(np.fft.rfft(x, size) * _k_spectrum(rate, size), size)[:n]
    pad = blocks * block - n
    if pad:
        y = np.concatenate([y, np.zeros(pad, dtype=y.dtype)])
        x = np.concatenate([x, np.zeros(pad, dtype=x.dtype)])
    out[0] = (y.reshape(blocks, block).astype(np.float64) ** 2).sum(axis=1)
    out[1] = np.abs(x.reshape(blocks, block)).max(axis=1)
    return out


# --- levelling: one gain for the programme, a limiter per chapter --------------------------------------------

HOLD_MS = 20
"""The limiter's gain dips this many blocks ahead of a peak and recovers over as long after it."""


def limiter(peaks: np.ndarray, gain: float, limit: float, hold: int = HOLD_MS) -> np.ndarray:
    """Per-block gain (linear, ``gain`` where nothing is limited) keeping ``peaks * gains`` under ``limit``;
    ``hold``: blocks the gain dips ahead of a peak (:data:`HOLD_MS` for 1 ms blocks).

    A min filter then an equally wide moving average: smooth ramps that never exceed what a peak needs."""
    if not len(peaks):
        return np.zeros(0)
    need = np.minimum(1.0, limit / np.maximum(peaks.astype(np.float64) * gain, 1e-9))
    if need.min() >= 1.0:
        return np.full(len(peaks), gain)
    width = 2 * hold + 1
    env = _mean_filter(_min_filter(need, width), width)
    return np.minimum(env, need) * gain


def programme_gain(energy: np.ndarray, peaks: np.ndarray, block: int, rate: int, target: float,
                   ceiling: float) -> tuple[float, float]:
    """The gain (dB) that brings a programme to ``target`` LUFS once peaks are limited under ``ceiling``
    dBTP, and the loudness measured before any gain. ``energy``/``peaks``: K-weighted energy and sample peak
    per block of ``block`` samples (a divisor of 100 ms); the limiter is estimated from the sample peaks."""
    lufs = lufs_from_energy(energy, block, rate)
    if not np.isfinite(lufs):
        return 0.0, lufs
    limit = 10 ** (ceiling / 20)
    hold = max(1, round(HOLD_MS * rate / 1000 / block))
    gain_db = target - lufs
    for _ in range(6):  # limiting lowers loudness a little: estimate and go again
        g = limiter(peaks, 10 ** (gain_db / 20), limit, hold)
        got = lufs_from_energy(energy * g ** 2, block, rate)
        if abs(got - target) <= 0.02:
            break
        gain_db += target - got
    return gain_db, lufs


def level(x: np.ndarray, rate: int, gain_db: float, ceiling: float) -> tuple[np.ndarray, float]:
    """Apply ``gain_db`` to int16 ``x`` (changed in place) with its true peaks (4x oversampled, searched only
    where they could reach the ceiling) limited under ``ceiling`` dBTP. Returns (x, its true peak in dBTP as
    computed from those peaks and gains)."""
    block = max(1, rate // 1000)
    g = 10 ** (gain_db / 20)
    limit = 10 ** (ceiling / 20)
    peaks = _block_peaks(x, block, floor=limit / g)
    gains = limiter(peaks, g, limit)
    top = float((peaks * gains).max()) if len(peaks) else 0.0
    return _apply(x, gains, block), (20 * math.log10(top) if top > 0 else float("-inf"))


def _apply(x: np.ndarray, gains: np.ndarray, block: int) -> np.ndarray:
    if not len(gains):
        return x
    if gains.min() == gains.max():  # nothing limited: one multiplication
        g = float(gains[0])
        for start in range(0, len(x), CHUNK):
            y = x[start:start + CHUNK].astype(np.float32) * np.float32(g)
            x[start:start + CHUNK] = np.clip(np.round(y), -32768, 32767).astype(np.int16)
        return x
    centers = (np.arange(len(gains)) + 0.5) * block
    for start in range(0, len(x), CHUNK):
        idx = np.arange(start, min(len(x), start + CHUNK))
        g = np.interp(idx, centers, gains)
        y = x[start:start + CHUNK].astype(np.float64) * g
        x[start:start + CHUNK] = np.clip(np.round(y), -32768, 32767).astype(np.int16)
    return x
