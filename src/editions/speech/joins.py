"""Seamless joins: the pieces of a split over-long sentence follow each other like words of one sentence.

Takes the script's cues, each clip's length and a clip loader; gives new lengths and a loader whose clips have the
silence a voice pads every utterance with (the offline voice: about 0.3 s before and 0.45 s after) cut down where
one piece continues into the next: to a comma's breath at a clause boundary, to a word gap elsewhere.  Nothing
audible is cut: only samples below :data:`FLOOR` at the very ends of a clip.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from .engines import Clip

__all__ = ["trim_joins", "FLOOR", "KEEP_CLAUSE", "KEEP_WORD"]

FLOOR = 10 ** (-45 / 20) * 32767
"""Sample amplitude below which the end of a clip counts as padding (−45 dBFS)."""
KEEP_CLAUSE = 0.12
"""Seconds of silence kept on each side of a join at a clause boundary (after , ; : —)."""
KEEP_WORD = 0.04
"""Seconds kept on each side of a join cut between two words."""


def _edges(pcm: bytes, n: int) -> tuple[int, int]:
    """Samples of padding at the start and at the end of a clip."""
    a = np.abs(np.frombuffer(pcm, dtype="<i2", count=n).astype(np.int32))
    loud = np.flatnonzero(a > FLOOR)
    if not len(loud):
        return 0, 0
    return int(loud[0]), int(n - 1 - loud[-1])


def trim_joins(cues: Sequence, lengths: list[int], load: Callable[[int], Clip], rate: int
               ) -> tuple[list[int], Callable[[int], Clip]]:
    joins = [i for i in range(len(cues) - 1) if cues[i + 1].continues]
    if not joins:
        return lengths, load
    cut: dict[int, tuple[int, int]] = {}  # cue -> (samples cut at the start, at the end)
    for i in joins:
        clause = cues[i].text.rstrip()[-1:] in ",;:—–)" if cues[i].text else False
        keep = round((KEEP_CLAUSE if clause else KEEP_WORD) * rate)
        for j, side in ((i, 1), (i + 1, 0)):
            clip = load(j)
            lead, trail = _edges(clip.pcm, lengths[j])
            pad = trail if side else lead
            start, end = cut.get(j, (0, 0))
            amount = max(0, pad - keep)
            cut[j] = (start, amount) if side else (amount, end)
    new_lengths = list(lengths)
    for j, (start, end) in cut.items():
        new_lengths[j] = max(0, lengths[j] - start - end)

    def trimmed(i: int) -> Clip:
        clip = load(i)
        if i not in cut:
            return clip
        start = cut[i][0] * clip.width * clip.channels
        size = new_lengths[i] * clip.width * clip.channels
        return Clip(clip.pcm[start:start + size], clip.rate, clip.width, clip.channels)
    return new_lengths, trimmed
