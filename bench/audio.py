"""The audio edition's benchmarks (bench/run.py audio, bounds, verify): a cold narration against the raw engine,
warm and edited re-renders, twice the text, an hour's memory, the loudness meters; a run-on sentence's memory;
``editions verify`` against the audio's duration.
"""
from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from common import EDITIONS, PY, edit_paragraph, longer, run, seed_text


def audio(tmp: Path, results: dict) -> None:
    src = tmp / "seed.txt"
    src.write_text(seed_text(), encoding="utf-8")
    plain = tmp / "plain.txt"
    from editions.parse import load_article
    art = load_article(src)
    plain.write_text("\n".join([art.headline] + [p.text for p in art.paragraphs]), encoding="utf-8")
    out = tmp / "out"

    def render(path: Path, cache: Path) -> tuple[float, int]:
        return run(EDITIONS + ["render", str(path), "--out", str(out), "--engine", "offline", "--only", "audio",
                               "--cache", str(cache)])

    first, _ = render(src, tmp / "first")  # a machine's first render: the voice's files are made ready (.voice)
    # Three rounds, each measured back to back so the machine's noise hits both sides of every ratio: the raw
    # engine, a cold render, a warm re-render of it, one paragraph edited (a different one each round, the edit
    # made to the original text), twice the text cold. Each ratio is the median of its three rounds.
    double = tmp / "double.txt"
    double.write_text(longer(seed_text(), 2), encoding="utf-8")
    original = src.read_text(encoding="utf-8")
    rounds = []
    for i, (k, day) in enumerate(zip((0.25, 0.5, 0.75), ("Monday", "Tuesday", "Wednesday"))):
        raw_i, _ = _raw_engine(plain, tmp)
        cold_i, _ = render(src, tmp / f"cold{i}")
        warm_i, _ = render(src, tmp / f"cold{i}")
        src.write_text(edit_paragraph(original, k, f"Officials said more details would follow on {day}."),
                       encoding="utf-8")
        edit_i, _ = render(src, tmp / f"cold{i}")
        audio_m = json.loads((out / "seed.json").read_text())["audio"]
        src.write_text(original, encoding="utf-8")
        twice_i, _ = render(double, tmp / f"double{i}")
        rounds.append({"cold": cold_i, "raw": raw_i, "ratio": cold_i / raw_i, "warm": warm_i / cold_i,
                       "edit": edit_i / cold_i, "twice": twice_i / cold_i, "encoded": audio_m["chapters_encoded"],
                       "clips": audio_m["synthesised"]})

    def median(key: str) -> dict:
        return sorted(rounds, key=lambda r: r[key])[1]
    ratio, cold, raw = median("ratio")["ratio"], median("ratio")["cold"], median("ratio")["raw"]
    warm, one_para, twice = median("warm")["warm"], median("edit")["edit"], median("twice")["twice"]
    encoded, edit_clips = median("edit")["encoded"], median("edit")["clips"]
    render(src, tmp / "cold0")
    manifest = json.loads((out / "seed.json").read_text())
    hour = tmp / "hour.txt"
    hour.write_text(longer(seed_text(), 12, "Hour"), encoding="utf-8")
    hour_t, hour_rss = render(hour, tmp / "cache3")
    minutes = json.loads((out / "hour.json").read_text())["audio"]["duration_ms"] / 60000
    seed_minutes = json.loads((out / "seed.json").read_text())["audio"]["duration_ms"] / 60000
    numpy_t, clips, ffmpeg_t, ffmpeg_tp, level_t = _meters(tmp / "cold0")
    results["audio"] = [
        ("full audio edition of the seed, cold, vs the raw engine (hibari CLI) on its plain text "
         "(median of 3 rounds)", ratio, "≤ 1.0"),
        ("warm re-render (every clip cached) vs cold (median of 3 rounds)", warm, "≤ 0.1"),
        (f"one edited paragraph vs cold (median of 3 rounds, a different paragraph each; {edit_clips} clip "
         f"synthesised, {encoded} of {len(manifest['audio']['chapters'])} chapters re-encoded)", one_para, "≤ 0.35"),
        ("twice the text vs the seed, cold (median of 3 rounds)", twice, "≤ 2.1"),
        (f"{minutes:.0f}-minute narration, peak RSS (MB)", hour_rss, "< 500"),
        ("loudness of the seed's clips: numpy, clip by clip (as the workers do), vs ffmpeg ebur128 on the "
         "joined audio (raw speed; the numpy work overlaps synthesis)", numpy_t / ffmpeg_t, ""),
        (f"loudness after the edit: numpy on its {edit_clips} new clips vs ffmpeg ebur128 on the programme again",
         numpy_t / clips * edit_clips / ffmpeg_t, "≪ 1"),
        ("levelling the seed's audio (numpy: true peaks where they could reach the ceiling, limiter, gain) vs "
         "ffmpeg ebur128 only measuring its true peak", level_t / ffmpeg_tp, ""),
        (f"seed: {seed_minutes:.1f} min of audio in {cold:.1f} s cold ({first:.1f} s the first time on a machine, "
         f"making .voice); raw engine {raw:.1f} s; "
         f"{minutes:.0f}-minute narration {hour_t:.0f} s; measuring loudness: numpy {numpy_t:.2f} s, "
         f"ffmpeg ebur128 {ffmpeg_t:.2f} s ({ffmpeg_tp:.2f} s with true peak); levelling: numpy {level_t:.2f} s",
         None, ""),
    ]


def _meters(cache: Path) -> tuple[float, int, float, float, float]:
    """Seconds to measure the loudness of every clip in ``cache``: numpy clip by clip (what each worker does
    as it makes a clip), and ffmpeg's ebur128 filter on the same audio joined (without and with true peak);
    and seconds to level the joined audio as the chapters are levelled (true-peak limiter at the gain the
    programme needs)."""
    import numpy as np
    from editions.config import Config
    from editions.speech.cache import ClipCache
    from editions.speech.sound.loudness import analyse, level, programme_gain
    from editions.speech.sound.mix import ffmpeg_exe
    from editions.speech.pipeline import MP3_LOUDNESS_LOSS
    from editions.speech.sound.segments import TRUE_PEAK_MARGIN
    store = ClipCache(cache)
    clips = [store.get(p.stem) for p in sorted(cache.rglob("*.clip"))]
    pcm = [np.frombuffer(c.pcm, dtype="<i2") for c in clips if c is not None]
    analyse(pcm[0], 24000)  # the filter's spectrum is made once per process
    t = time.perf_counter()
    analyses = [analyse(x, 24000) for x in pcm]
    numpy_t = time.perf_counter() - t
    joined = np.concatenate(pcm)
    a, audio = np.concatenate(analyses, axis=1).astype(np.float64), Config().audio
    ceiling = audio.true_peak - TRUE_PEAK_MARGIN
    gain, _ = programme_gain(a[0], a[1], 24, 24000, audio.loudness + MP3_LOUDNESS_LOSS, ceiling)
    x = joined.copy()
    t = time.perf_counter()
    level(x, 24000, gain, ceiling)
    level_t = time.perf_counter() - t
    timings = []
    for af in ("ebur128", "ebur128=peak=true"):
        t = time.perf_counter()
        subprocess.run([ffmpeg_exe(), "-nostats", "-f", "s16le", "-ar", "24000", "-ac", "1", "-i", "pipe:0",
                        "-af", af, "-f", "null", "-"], input=joined.tobytes(), capture_output=True, check=True)
        timings.append(time.perf_counter() - t)
    return numpy_t, len(pcm), timings[0], timings[1], level_t


def _raw_engine(plain: Path, tmp: Path) -> tuple[float, int]:
    """The hibari CLI narrating the plain text, its FFT on numpy's as the edition keeps its voice (hibari would
    take scipy's, which the test extra installs: no faster here, 0.15-0.2 s more to import; both ways are
    measured the same way, see speech/voices/engines/offline.py)."""
    code = "import sys; sys.modules['scipy.fft'] = None; from hibari.cli import main; sys.exit(main())"
    return run([PY, "-c", code, plain.read_text(encoding="utf-8"), "-o", str(tmp / "raw.wav"), "--seed", "1"])


def bounds_bench(tmp: Path, results: dict) -> None:
    """Bounded synthesis: a run-on sentence is narrated in pieces, so memory does not grow with its length."""
    import random
    rnd = random.Random(1)
    vocab = ("the harbour wall was rebuilt by our town after a storm and council members met in an old hall "
             "to argue about money").split()
    peaks = {}
    for n in (300, 1200):
        src = tmp / f"runon{n}.txt"
        src.write_text(f"Run On\n\nOfficials said {' '.join(rnd.choice(vocab) for _ in range(n))} today.\n",
                       encoding="utf-8")
        _, peaks[n] = run(EDITIONS + ["render", str(src), "--out", str(tmp / "bout"), "--engine", "offline",
                                      "--only", "audio", "--no-cache"])
    results["bounds"] = [
        ("1,200-word run-on sentence, peak RSS (MB; unsplit it took 4,800)", peaks[1200], "< 1000"),
        ("peak RSS, 1,200-word vs 300-word run-on (flat: about 1)", peaks[1200] / max(1, peaks[300]), "≈ 1"),
    ]


def verify_bench(tmp: Path, results: dict) -> None:
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        return
    src = tmp / "vseed.txt"
    src.write_text(seed_text(), encoding="utf-8")
    out = tmp / "vout"
    run(EDITIONS + ["render", str(src), "--out", str(out), "--engine", "offline", "--only", "audio",
                    "--cache", str(tmp / "vcache")])
    t, _ = run(EDITIONS + ["verify", str(src), "--out", str(out), "--max-wer", "1"])
    minutes = json.loads((out / "vseed.json").read_text())["audio"]["duration_ms"] / 1000
    results["verify"] = [("editions verify on the seed's audio vs its duration", t / minutes, "≪ 0.1")]
