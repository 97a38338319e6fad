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


def test_stream_meter_true_peak_equals_full_search():
    x = speechlike(seed=2)
    meter = L.StreamMeter(RATE)
    for i in range(0, len(x), 7777):  # odd chunk sizes
        meter.add(x[i:i + 7777])
    assert meter.true_peak() == pytest.approx(L.true_peak_db(x, RATE), abs=1e-9)
    assert abs(meter.lufs() - L.integrated_lufs(x, RATE)) < 1e-6


def test_normalise_reaches_target_under_the_ceiling():
    x = speechlike(seed=3)
    out, lufs, peak = L.normalise_loudness(x.copy(), RATE, -16.0, -1.0)
    assert abs(L.integrated_lufs(out, RATE) - -16.0) < 0.1
    assert L.true_peak_db(out, RATE) <= -1.9  # ceiling -1 dBTP less the 1 dB encoding margin
    assert abs(lufs - L.integrated_lufs(out, RATE)) < 0.1
