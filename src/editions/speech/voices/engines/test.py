"""The deterministic test voice: a tone of exactly ``ms_per_char`` per character.

Tests use it to assert the timeline exactly (chapter times, pauses, VTT cues),
the way httpx ships a mock transport.  Each clip is a 220 Hz sine at -12 dBFS,
so loudness can be measured, bracketed by nothing: silence in the output is
exactly the pauses the script asked for.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from . import Clip, OnClip, Progress

__all__ = ["TestEngine"]


class TestEngine:
    __test__ = False  # a voice, not a pytest test class
    name = "test"

    def __init__(self, voice: str = "", ms_per_char: int = 20, rate: int = 24000, lexicon=None, **_):
        self.voice = voice or "tone"
        self.ms_per_char = ms_per_char
        self.rate = rate
        self.calls: list[str] = []

    def identity(self) -> str:
        return f"test:{self.voice}:{self.ms_per_char}:{self.rate}"

    def prepare(self, speech: str) -> str:
        return speech

    def frames_for(self, text: str) -> int:
        return len(text) * self.ms_per_char * self.rate // 1000

    def synthesize(self, texts: Sequence[str], progress: Progress | None = None,
                   on_clip: OnClip | None = None) -> list[Clip]:
        out = []
        for i, text in enumerate(texts):
            self.calls.append(text)
            n = self.frames_for(text)
            t = np.arange(n, dtype=np.float64) / self.rate
            wave = (0.25 * np.sin(2 * np.pi * 220.0 * t) * 32767).astype("<i2")
            out.append(Clip(wave.tobytes(), self.rate))
            if on_clip:
                on_clip(i, out[-1])
            if progress:
                progress(1)
        return out
