"""Loudness per ITU-R BS.1770-4 in numpy: clips measured as they are made, one gain, a true-peak limiter.

Takes mono samples (int16; float where noted) and their rate; gives loudness figures and levelled int16.
:func:`analyse` K-weights one clip (the two biquads, the RBJ cookbook forms pyloudnorm uses, applied as their
impulse response by overlap-save FFT convolution in frames of one size) and gives its energy and sample peak
per millisecond; the voice's workers call it on every clip they make, and :func:`lufs_from_energy` gates the
blocks of a whole programme assembled from those analyses, so the programme's loudness needs no pass over the
audio.  :func:`programme_gain` finds the gain that reaches the target once peaks are limited; :func:`level`
applies it to a chapter with a look-ahead limiter on its true peaks (4x oversampled by a windowed-sinc
polyphase filter, only where a peak could reach the ceiling): one multiplication, except where the limiter
acts.  :func:`integrated_lufs` and :func:`true_peak_db` measure whole signals (the tests check them against
pyloudnorm and scipy).  numpy only (the same figures in every process, whatever else is installed); the work
is done in calls on large arrays, which release the GIL while they run (chapters are levelled in threads).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

__all__ = ["integrated_lufs", "true_peak_db", "analyse", "lufs_from_energy", "programme_gain", "level", "limiter"]

CHUNK = 1 << 18
"""Samples per processing chunk (~11 s at 24 kHz): bounds the temporaries of a long chapter."""
SUBCHUNK = 1 << 16
"""Samples per pass of element-wise work: its temporaries stay in the CPU's cache."""
INT16 = 1 / 32768
"""int16 full scale; a power of two, so scaling by it (or its square) is exact."""


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
    """Impulse response of the K-weighting filter, cut where it has decayed for good: the biquads' frequency
    responses multiplied and transformed back over a period (>= 2 s) so long that nothing wraps round."""
    n = 1 << max(16, math.ceil(math.log2(rate * 2)))
    z = np.exp(-2j * np.pi * np.arange(n // 2 + 1) / n)
    spectrum = np.ones(n // 2 + 1, dtype=complex)
    for b, a in _biquads(rate):
        spectrum *= (b[0] + z * (b[1] + z * b[2])) / (a[0] + z * (a[1] + z * a[2]))
    h = np.fft.irfft(spectrum, n)
    keep = np.nonzero(np.abs(h) > 1e-9)[0]
    return h[: keep[-1] + 1] if len(keep) else h[:1]


@lru_cache(maxsize=8)
def _k_frames(rate: int, block: int) -> tuple[int, int, np.ndarray]:
    """Overlap-save plan: FFT size (about 8 filter lengths: the cheapest per sample here), the output samples
    per frame (whole blocks, so frames never split a block) and the filter's spectrum."""
    h = _k_impulse(rate)
    size = 1 << max(12, math.ceil(math.log2(8 * len(h))))
    step = (size - len(h) + 1) // block * block
    spectrum = np.fft.rfft(h, size)
    return size, step, spectrum


def _k_energy(x: np.ndarray, rate: int, block: int) -> np.ndarray:
    """Sum of squared K-weighted samples (in ``x``'s units, float32) per ``block`` samples, the last block
    perhaps short; the filter starts at rest and its ringing after the end is left out.

    Frames of one size, transformed a batch at a time by numpy's FFT: forward in float64 (its float32 rfft is
    the slower one here), back in float32."""
    size, step, spectrum = _k_frames(rate, block)
    n, pre = len(x), size - step
    frames = max(1, -(-n // step))
    out = np.empty(frames * (step // block), dtype=np.float32)
    per = max(1, CHUNK // step)  # frames transformed at once
    for f0 in range(0, frames, per):
        k = min(frames, f0 + per) - f0
        lo, hi = f0 * step - pre, (f0 + k) * step  # the samples these frames read
        buf = np.zeros(hi - lo, dtype=np.float64)
        buf[max(0, -lo): min(n, hi) - lo] = x[max(0, lo): min(n, hi)]
        frame = np.lib.stride_tricks.sliding_window_view(buf, size)[::step]
        spec = np.multiply(np.fft.rfft(frame, axis=1), spectrum, dtype=np.complex64)
        y = np.fft.irfft(spec, size, axis=1)
        y = y[:, pre:]  # row i: samples (f0 + i) * step onwards
        cut = n - f0 * step  # nothing after the clip's end (in the last frame: frames = ceil(n / step))
        if cut < k * step:
            y[cut // step, cut % step:] = 0
        y = y.reshape(k, step // block, block)
        out[f0 * (step // block): (f0 + k) * (step // block)] = np.einsum("fbj,fbj->fb", y, y).ravel()
    return out[: -(-n // block)]


def _block_max(a: np.ndarray, block: int) -> np.ndarray:
    """Largest value per ``block`` values of ``a`` (its length a multiple of ``block``): folded by the block's
    prime factors, a few strided passes over whole arrays (3x faster than max(axis=1) over short rows)."""
    f = 2
    while block > 1:
        while block % f:
            f += 1
        v = a.reshape(-1, f)
        a = np.maximum(v[:, 0], v[:, 1])
        for j in range(2, f):
            np.maximum(a, v[:, j], out=a)
        block //= f
    return a


def _sample_peaks(x: np.ndarray, block: int) -> np.ndarray:
    """Largest |sample| per ``block`` samples (the last block perhaps short), in ``x``'s units (int16 gives
    uint16: |-32768| fits)."""
    n = len(x)
    full = n // block
    out = np.empty(-(-n // block), dtype=np.uint16 if x.dtype == np.int16 else np.float64)
    step = max(1, CHUNK // block)
    for b0 in range(0, full, step):
        b1 = min(full, b0 + step)
        a = np.abs(x[b0 * block: b1 * block])
        out[b0:b1] = _block_max(a.view(np.uint16) if x.dtype == np.int16 else a, block)
    if full < len(out):
        a = np.abs(x[full * block:])
        out[full] = (a.view(np.uint16) if x.dtype == np.int16 else a).max()
    return out


def analyse(pcm: np.ndarray, rate: int) -> np.ndarray:
    """A clip's loudness per millisecond: shape (2, ms) float32 — K-weighted energy (sum of squares) and
    sample peak (|x| max, linear) of each block of ``rate // 1000`` samples (the last one may be short) of the
    int16 ``pcm``.

    The clip is K-weighted on its own (filter state zero before it; the filter's ringing after its end is left
    out — it is far below anything that counts), so clips can be measured as they are made, in parallel, and
    cached; :func:`lufs_from_energy` gates the blocks of a whole programme."""
    block = max(1, rate // 1000)
    out = np.zeros((2, -(-len(pcm) // block)), dtype=np.float32)
    if len(pcm):
        out[0] = _k_energy(pcm, rate, block) * np.float32(INT16 * INT16)
        out[1] = _sample_peaks(pcm, block) * np.float32(INT16)
    return out


def lufs_from_energy(energy: np.ndarray, block: int, rate: int) -> float:
    """Gated integrated loudness from per-block K-weighted energies (blocks must divide 100 ms)."""
    per = max(1, int(rate * 0.1) // block)
    n = len(energy) // per
    if n < 4:
        return float("-inf")
    ms = energy[:n * per].reshape(n, per).sum(axis=1, dtype=np.float64) / (per * block)  # mean square per 100 ms
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
    block = max(1, rate // 1000)
    energy = _k_energy(x, rate, block).astype(np.float64) * (INT16 * INT16 if x.dtype == np.int16 else 1.0)
    return lufs_from_energy(energy, block, rate)


# --- true peak: 4x oversampled, only where it could matter ---------------------------------------------------

@lru_cache(maxsize=1)
def _oversampler() -> np.ndarray:
    """4x interpolation filter: windowed sinc, 12 taps per phase (as BS.1770 Annex 2 suggests), shape (4, 12)."""
    taps = 48
    n = np.arange(taps) - (taps - 1) / 2
    h = np.sinc(n / 4) * np.kaiser(taps, 8.0)
    h *= 4 / h.sum()
    return h.reshape(12, 4).T


@lru_cache(maxsize=1)
def _gain_bound() -> float:
    """No oversampled point can exceed this many times the largest of the 12 samples it is made from."""
    return float(np.abs(_oversampler()).sum(axis=1).max())


def _oversampled_abs(seg: np.ndarray) -> np.ndarray:
    """For each sample of float32 ``seg`` after its first 11, the largest |value| among its 4 oversampled points
    (each made from it and the 11 samples before; 0 for the first 11): 12 shifted multiply-adds per phase on
    whole arrays, which beats np.convolve for so short a filter."""
    n = len(seg) - 11
    best = np.zeros(len(seg), dtype=np.float32)
    acc, tmp = np.empty(n, dtype=np.float32), np.empty(n, dtype=np.float32)
    for phase in _oversampler().astype(np.float32):
        np.multiply(seg[11:], phase[0], out=acc)
        for j in range(1, 12):
            np.multiply(seg[11 - j: 11 - j + n], phase[j], out=tmp)
            acc += tmp
        np.abs(acc, out=acc)
        np.maximum(best[11:], acc, out=best[11:])
    return best


def _block_peaks(x: np.ndarray, block: int, floor: float = 0.0) -> np.ndarray:
    """True (4x oversampled) peak per block of ``block`` samples, as linear amplitude (exact at and above
    ``floor``; below it, blocks may report their sample peak instead).

    Exact where it matters: an oversampled point is a 12-tap weighted sum of a sample and the 11 before it, so
    a block whose samples and the 11 before have peaks below floor / L1(taps) cannot reach ``floor``, and is
    never oversampled. ``floor`` 0 oversamples everything.  The blocks that are, and the blocks before them
    (their context), are gathered in order, so each one's context lies just before it, and oversampled at once."""
    scale = INT16 if x.dtype == np.int16 else 1.0
    peaks = _sample_peaks(x, block).astype(np.float64) * scale
    back = -(-11 // block)  # blocks holding the 11 samples before a block
    near = peaks.copy()
    for s in range(1, min(len(peaks), back) + 1):
        np.maximum(near[s:], peaks[:-s], out=near[s:])
    wanted = near * _gain_bound() >= floor
    needed = wanted.copy()
    for s in range(1, min(len(peaks), back) + 1):
        needed[:-s] |= wanted[s:]
    full = len(x) // block
    rows = x[: full * block].reshape(full, block)
    most = max(1, CHUNK // block)
    for w in range(0, len(peaks), most):  # a chunk of blocks at a time, for bounded temporaries
        if not wanted[w:w + most].any():
            continue
        take = np.flatnonzero(needed[w:w + most]) + w
        seg = np.zeros((back + len(take), block), dtype=np.float32)
        seg[max(0, back - w):back] = rows[max(0, w - back):w]  # the context of the chunk's first block
        inside = take[take < full]
        seg[back:back + len(inside)] = rows[inside]
        short = len(x) - full * block
        if len(inside) < len(take):  # the short last block, padded with silence
            seg[-1, :short] = x[full * block:]
        best = _oversampled_abs(seg.ravel()).reshape(seg.shape)[back:]
        if len(inside) < len(take):
            best[-1, short:] = 0  # points after the signal's end: not measured
        mine = wanted[take]
        peaks[take[mine]] = np.maximum(peaks[take[mine]], _block_max(best[mine].ravel(), block) * scale)
    return peaks


def true_peak_db(x: np.ndarray, rate: int) -> float:
    """True peak (dBTP, 4x oversampled) of mono int16 or float samples; -inf for silence."""
    p = _block_peaks(x, max(1, rate // 100))
    return float(20 * np.log10(p.max())) if len(p) and p.max() > 0 else float("-inf")


# --- levelling: one gain for the programme, a limiter per chapter --------------------------------------------

HOLD_MS = 20
"""The limiter's gain dips this many blocks ahead of a peak and recovers over as long after it."""


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
    """Running mean over ``size`` (odd) values centred on each, edges held; exactly 0 where they all are."""
    h = size // 2
    c = np.concatenate([[0.0], np.cumsum(np.pad(a, h, mode="edge"))])
    return (c[size:] - c[:-size]) / size


def limiter(peaks: np.ndarray, gain: float, limit: float, hold: int = HOLD_MS) -> np.ndarray:
    """Per-block gain (linear, exactly ``gain`` where nothing is limited) keeping ``peaks * gains`` under
    ``limit``; ``hold``: blocks the gain dips ahead of a peak (:data:`HOLD_MS` for 1 ms blocks).

    A min filter then an equally wide moving average: smooth ramps that never exceed what a peak needs."""
    if not len(peaks):
        return np.zeros(0)
    need = np.minimum(1.0, limit / np.maximum(peaks.astype(np.float64) * gain, 1e-9))
    if need.min() >= 1.0:
        return np.full(len(peaks), gain)
    width = 2 * hold + 1
    dip = _mean_filter(1.0 - _min_filter(need, width), width)  # averaging the dip keeps 1 - 0 exact
    return np.minimum(1.0 - dip, need) * gain


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
    return _apply(x, gains, block, g, peaks), (20 * math.log10(top) if top > 0 else float("-inf"))


def _apply(x: np.ndarray, gains: np.ndarray, block: int, g: float, peaks: np.ndarray | None = None) -> np.ndarray:
    """``x`` times the per-block ``gains`` interpolated linearly between block centres (held beyond the first and
    last), rounded, in place: one multiplication by ``g`` (float64, so exactly rounded) except in blocks next to
    one whose gain is not ``g``, where each sample gets its own gain (np.interp's formula, a block at a time).
    ``peaks`` (at least each block's sample peak, linear) can show that nothing needs clipping."""
    nb = len(gains)
    if not nb:
        return x
    steady = gains == g
    steady[1:] &= gains[:-1] == g  # a block's samples lie between its centre and its neighbours'
    steady[:-1] &= gains[1:] == g
    padded = np.r_[gains[0], gains, gains[-1]]  # block b is padded[b + 1]; the ends held
    clip = peaks is None or float((peaks * np.maximum(np.maximum(padded[:-2], padded[2:]), gains)).max()) * 32768 > 32767
    slope = np.diff(padded) / block  # from one centre to the next
    j = np.arange(block)
    half = int((j < block / 2).sum())  # samples before their block's centre: on the ramp from the block before
    since_left, since_centre = (j[:half] + block / 2)[:, None], (j[half:] - block / 2)[:, None]
    most = max(1, SUBCHUNK // block)
    y = np.empty(min(nb, most) * block)
    for w in range(0, nb, most):
        lo, hi = w * block, min(len(x), (w + most) * block)
        k = -(-(hi - lo) // block)
        out = y[: k * block]
        np.multiply(x[lo:hi], g, out=out[: hi - lo])
        b = np.flatnonzero(~steady[w:w + k]) + w
        if len(b):
            gb = np.empty((block, len(b)))  # the samples' gains, by their place in the block: long rows
            np.multiply(since_left, slope[b], out=gb[:half])
            gb[:half] += padded[b]
            np.multiply(since_centre, slope[b + 1], out=gb[half:])
            gb[half:] += padded[b + 1]
            xs = x[lo:hi] if hi - lo == k * block else np.r_[x[lo:hi], np.zeros(k * block - (hi - lo), x.dtype)]
            out.reshape(k, block)[b - w] = xs.reshape(k, block)[b - w] * gb.T
        out = out[: hi - lo]
        np.rint(out, out=out)
        if clip:
            np.clip(out, -32768, 32767, out=out)
        x[lo:hi] = out
    return x
