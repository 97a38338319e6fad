"""The loudness module on its own: BS.1770 against pyloudnorm and scipy, the selective true-peak search, the
limiter, and the programme assembled from clip analyses."""

import numpy as np
import pyloudnorm
import pytest

from editions.speech.sound import loudness as L

RATE = 24000


def speechlike(seconds=20, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    envelope = (np.sin(2 * np.pi * 0.7 * t) > 0.2) * (0.3 + 0.7 * rng.random(len(t)) ** 8)
    tone = np.sin(2 * np.pi * 180 * t) + 0.5 * np.sin(2 * np.pi * 2400 * t + 1.0)
    x = envelope * tone * 0.4 + rng.normal(0, 0.01, len(t))
    x[RATE * 3: RATE * 3 + 5] = [0.9, -0.95, 0.97, -0.9, 0.95]  # a sharp burst with inter-sample overs
    return (np.clip(x, -1, 1) * 32767).astype(np.int16)


def test_integrated_loudness_matches_pyloudnorm():
    x = speechlike()
    ref = pyloudnorm.Meter(RATE).integrated_loudness(x / 32768.0)
    assert abs(L.integrated_lufs(x, RATE) - ref) < 0.01


@pytest.mark.parametrize("floor_db", [-30.0, -6.0, -1.0])
def test_selective_peaks_are_exact_at_and_above_the_floor(floor_db):
    x = speechlike(seed=1)
    full = L._block_peaks(x, 24)
    floor = 10 ** (floor_db / 20)
    some = L._block_peaks(x, 24, floor=floor)
    assert len(some) == len(full)
    at_or_above = full >= floor
    assert np.allclose(some[at_or_above], full[at_or_above])
    assert np.all(some <= full + 1e-12)


def test_clip_analyses_add_up_to_the_programme():
    """Clips measured one by one (as the workers do) give the loudness of the programme they make up."""
    clips = [speechlike(seconds=s, seed=10 + s) for s in (4, 5, 6, 7, 4)]
    pause = np.zeros(int(0.6 * RATE), dtype=np.int16)
    programme = np.concatenate([np.concatenate([c, pause]) for c in clips])
    block = RATE // 1000
    energy, peaks = np.zeros(-(-len(programme) // block)), np.zeros(-(-len(programme) // block))
    pos = 0
    for c in clips:
        a = L.analyse(c, RATE)
        assert a.shape == (2, -(-len(c) // block)) and a.dtype == np.float32
        b0 = pos // block
        energy[b0:b0 + a.shape[1]] += a[0]
        peaks[b0:b0 + a.shape[1]] = np.maximum(peaks[b0:b0 + a.shape[1]], a[1])
        pos += len(c) + len(pause)
    assert abs(L.lufs_from_energy(energy, block, RATE) - L.integrated_lufs(programme, RATE)) < 0.02
    assert peaks.max() == pytest.approx(np.abs(programme).max() / 32768.0)


def test_level_reaches_target_under_the_ceiling():
    x = speechlike(seed=3)
    a = L.analyse(x, RATE)
    gain, before = L.programme_gain(a[0].astype(np.float64), a[1], RATE // 1000, RATE, -16.0, -2.0)
    assert abs(before - L.integrated_lufs(x, RATE)) < 0.02
    out, peak = L.level(x.copy(), RATE, gain, -2.0)
    assert abs(L.integrated_lufs(out, RATE) - -16.0) < 0.1
    assert L.true_peak_db(out, RATE) <= -1.9 and peak <= -1.99  # the burst is limited: its true peak, not samples
    assert L.true_peak_db(x, RATE) + gain > -1.0  # (it would have gone over without the limiter)


def test_level_without_limiting_is_one_gain():
    x = speechlike(seed=4) // 8
    out, _ = L.level(x.copy(), RATE, 3.0, -1.0)
    assert np.max(np.abs(out.astype(np.float64) - x * 10 ** (3 / 20))) <= 0.5  # exactly rounded


def test_level_outside_the_limiter_is_one_gain_exactly_rounded():
    """Where the limiter does not reach, a limited chapter gets exactly the chapter gain, rounded once."""
    x = speechlike(seed=3)
    g = 10 ** (8 / 20)
    peaks = L._block_peaks(x, 24, floor=10 ** (-2 / 20) / g)
    gains = L.limiter(peaks, g, 10 ** (-2 / 20))
    assert (gains < g).any() and (gains == g).mean() > 0.5  # limited here and there, untouched elsewhere
    out, _ = L.level(x.copy(), RATE, 8.0, -2.0)
    steady = np.repeat(np.convolve(gains == g, np.ones(3), mode="same") == 3, 24)[:len(x)]
    assert np.array_equal(out[steady], np.rint(x[steady] * g))


@pytest.mark.parametrize("block, n", [(24, 24 * 500), (24, 24 * 500 - 7), (11, 11 * 300 + 4)])
@pytest.mark.parametrize("sub", [None, 24 * 11])
def test_gains_are_interpolated_as_np_interp_does(block, n, sub, monkeypatch):
    if sub:
        monkeypatch.setattr(L, "SUBCHUNK", sub)
    rng = np.random.default_rng(block + n)
    x = rng.integers(-20000, 20000, n).astype(np.int16)
    nb = -(-n // block)
    g = 1.2
    gains = np.where(rng.random(nb) < 0.6, g, rng.uniform(0.5, 1.2, nb))
    out = L._apply(x.copy(), gains, block, g)
    expected = np.clip(np.rint(x * np.interp(np.arange(n), (np.arange(nb) + 0.5) * block, gains)), -32768, 32767)
    assert np.array_equal(out, expected)


def k_weighted(x):
    """BS.1770 K-weighting by scipy's IIR filters in float64: the reference for the FFT convolution."""
    from scipy.signal import lfilter
    y = x / 32768.0
    for b, a in L._biquads(RATE):
        y = lfilter(b, a, y)
    return y


@pytest.mark.parametrize("n", [1, 23, 24 * 40 + 5, 14472, 14473, 24 * 2000 + 13])
@pytest.mark.parametrize("chunk", [None, 1 << 15])
def test_analysis_per_millisecond_matches_scipy(n, chunk, monkeypatch):
    """Every block of every length: short clips, one frame exactly, a frame and a sample, several frames (and
    several batches of frames)."""
    x = speechlike(seconds=4, seed=n)[:n]
    y = k_weighted(x)
    if chunk:
        monkeypatch.setattr(L, "CHUNK", chunk)
    a = L.analyse(x, RATE)
    blocks = -(-n // 24)
    y = np.concatenate([y, np.zeros(blocks * 24 - n)])
    energy = (y ** 2).reshape(blocks, 24).sum(axis=1)
    peak = np.abs(np.concatenate([x, np.zeros(blocks * 24 - n)]) / 32768.0).reshape(blocks, 24).max(axis=1)
    assert a.shape == (2, blocks) and a.dtype == np.float32
    assert np.allclose(a[0], energy, rtol=1e-4, atol=1e-12 * energy.max())
    assert np.array_equal(a[1], peak.astype(np.float32))


@pytest.mark.parametrize("chunk", [None, 24 * 37])
def test_true_peaks_match_direct_oversampling(chunk, monkeypatch):
    """Every block, the short last one too (ending on a burst), against the four phases convolved over the
    whole signal; also with chunks small enough that blocks meet their context across chunk boundaries."""
    if chunk:
        monkeypatch.setattr(L, "CHUNK", chunk)
    x = speechlike(seconds=4, seed=5)[:-7]
    x[-3:] = [30000, -31000, 32000]  # the interpolator rings past the end: not part of the signal
    x[24 * 37 * 5 - 2: 24 * 37 * 5 + 3] = [-30000, 31000, -32000, 31000, -30000]  # across a chunk boundary
    y = np.concatenate([np.zeros(11), x / 32768.0])
    up = np.max([np.abs(np.convolve(y, phase, mode="valid")) for phase in L._oversampler()], axis=0)
    blocks = -(-len(x) // 24)
    pad = np.zeros(blocks * 24 - len(x))
    expected = np.maximum(np.concatenate([up, pad]), np.concatenate([np.abs(x / 32768.0), pad]))
    expected = expected.reshape(blocks, 24).max(axis=1)
    assert np.allclose(L._block_peaks(x, 24), expected, rtol=1e-6, atol=0)
    some = L._block_peaks(x, 24, floor=0.5)
    assert np.allclose(some[expected >= 0.5], expected[expected >= 0.5], rtol=1e-6, atol=0)


def test_programme_is_assembled_from_the_clips_as_laid_out():
    """programme() lays every clip's per-millisecond analysis where the segments put it: its loudness and peaks
    are those of the programme's audio measured as a whole."""
    from editions.speech.sound.mix import LAME_DELAY, LAME_TAIL, frame_samples
    from editions.speech.sound.segments import Segment, programme
    clips = [speechlike(seconds=s, seed=20 + s)[:-s * 7] for s in (4, 5, 4, 6, 4)]
    lengths = [len(c) for c in clips]
    pauses = [4811, 9613, 0, 7207, 1203]  # clips start mid-millisecond
    fs = frame_samples(RATE)
    segments, audio, starts = [], [], []
    for cues in (range(0, 2), range(2, 5)):
        content = sum(lengths[i] + pauses[i] for i in cues)
        frames = -(-(content + LAME_DELAY + LAME_TAIL) // fs)
        segments.append(Segment(cues, frames, frames * fs - LAME_DELAY - LAME_TAIL, "k"))
        part = np.zeros(frames * fs, dtype=np.int16)
        pos = LAME_DELAY
        for i in cues:
            part[pos:pos + lengths[i]] = clips[i]
            starts.append(sum(len(p) for p in audio) + pos)
            pos += lengths[i] + pauses[i]
        audio.append(part)
    audio = np.concatenate(audio)
    energy, peaks, block = programme(segments, lengths, [L.analyse(c, RATE) for c in clips], pauses, RATE)
    assert block == 240 and len(energy) == len(peaks) >= len(audio) // block
    assert abs(L.lufs_from_energy(energy, block, RATE) - L.integrated_lufs(audio, RATE)) < 0.02
    assert peaks.max() == pytest.approx(np.abs(audio).max() / 32768.0)
    for i in (1, 2, 4):  # after a pause, a clip starts in the 10 ms block its first sample falls in, not before
        assert peaks[starts[i] // block] > 0 and peaks[starts[i] // block - 1] == 0
