"""The loudness module on its own: BS.1770 against pyloudnorm, the selective true-peak search, the limiter."""
import numpy as np
import pyloudnorm
import pytest

from editions.speech import loudness as L

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
    assert np.max(np.abs(out.astype(np.float64) - x * 10 ** (3 / 20))) <= 0.5001
