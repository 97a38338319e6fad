"""Helpers for audio tests: render with the test voice, decode, find silences."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from editions.config import Config
from editions.parse import load_article
from editions.speech import render_audio
from editions.speech.voices.engines.test import TestEngine
from editions.speech.sound.mix import decode_mp3_file

SHORT = """---
title: Council Backs New Bridge
deck: A $12 million crossing wins a 5-2 vote.
byline: Ada Park
date: 2026-03-04
photo:
  caption: The old bridge at dawn.
  credit: Staff photo
---
The council voted on Monday. Work starts in May.

Residents cheered the decision.

## Money

The state pays 60% of the cost.

## Timing

Dr. Lee said it opens in 2028.
"""


def write_article(folder: Path, text: str = SHORT, name: str = "short.md") -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def render_test(src: Path, out: Path, cache=None, engine=None, **audio):
    cfg = Config()
    if audio:
        cfg = dataclasses.replace(cfg, audio=dataclasses.replace(cfg.audio, **audio))
    engine = engine or TestEngine()
    art = load_article(src)
    out.mkdir(parents=True, exist_ok=True)
    mp3, vtt = out / f"{art.slug}.mp3", out / f"{art.slug}.vtt"
    result = render_audio(art, mp3, vtt, cfg, cache=cache, engine=engine, show_progress=False)
    return result, mp3, vtt, engine, art


def silences(samples: np.ndarray, rate: int, min_ms: int = 300, floor_db: float = -55.0) -> list[tuple[int, int]]:
    """(start_ms, end_ms) of runs quieter than floor_db (10 ms windows)."""
    win = rate // 100
    n = len(samples) // win
    frames = samples[: n * win].astype(np.float64).reshape(n, win) / 32768.0
    with np.errstate(divide="ignore"):
        db = 20 * np.log10(np.sqrt((frames ** 2).mean(axis=1)) + 1e-12)
    quiet = db < floor_db
    out, start = [], None
    for i, q in enumerate(list(quiet) + [False]):
        if q and start is None:
            start = i
        elif not q and start is not None:
            if (i - start) * 10 >= min_ms:
                out.append((start * 10, i * 10))
            start = None
    return out


def decode(mp3: Path):
    return decode_mp3_file(mp3)


def ebur128(mp3: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of the decoded file, measured by ffmpeg's ebur128 filter."""
    import re
    import subprocess
    from editions.speech.sound.mix import ffmpeg_exe
    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(mp3), "-af", "ebur128=peak=true",
                           "-f", "null", "-"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-500:]
    summary = proc.stderr[proc.stderr.rindex("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return lufs, peak
