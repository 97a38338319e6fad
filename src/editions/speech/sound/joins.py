"""Seamless joins: the pieces of a split over-long sentence follow each other like words of one sentence.

Takes the script's cues, each clip's length and a clip loader; gives, for each clip at a join, the part of it to
keep: the silence a voice pads every utterance with (the offline voice: about 0.3 s before and 0.45 s after) is cut
down where one piece continues into the next — to a comma's breath at a clause boundary, to a word gap elsewhere.
Nothing audible is cut: only samples below :data:`FLOOR` at the very ends of a clip.  :func:`cut_clip` and
:func:`cut_analysis` apply a cut to a clip and to its loudness analysis.
"""
from __future__ import annotations

from typing import Callable, Sequence

from .clip import Clip

__all__ = ["join_cuts", "cut_clip", "cut_analysis", "FLOOR", "KEEP_CLAUSE", "KEEP_WORD"]

FLOOR = 10 ** (-45 / 20) * 32767
"""Sample amplitude below which the end of a clip counts as padding (−45 dBFS)."""
KEEP_CLAUSE = 0.12
"""Seconds of silence kept on each side of a join at a clause boundary (after , ; : —)."""
KEEP_WORD = 0.04
"""Seconds kept on each side of a join cut between two words."""


def _edges(pcm: bytes, n: int) -> tuple[int, int]:
    """Samples of padding at the start and at the end of a clip."""
    import numpy as np
    a = np.abs(np.frombuffer(pcm, dtype="<i2", count=n).astype(np.int32))
    loud = np.flatnonzero(a > FLOOR)
    if not len(loud):
        return 0, 0
    return int(loud[0]), int(n - 1 - loud[-1])


def join_cuts(cues: Sequence, lengths: list[int], load: Callable[[int], Clip], rate: int
              ) -> dict[int, tuple[int, int]]:
    """For each clip at a join: (samples cut at its start, samples kept)."""
    joins = [i for i in range(len(cues) - 1) if cues[i + 1].continues]
    cut: dict[int, tuple[int, int]] = {}  # cue -> (samples cut at the start, at the end)
    for i in joins:
        clause = cues[i].text.rstrip()[-1:] in ",;:—–)" if cues[i].text else False
        keep = round((KEEP_CLAUSE if clause else KEEP_WORD) * rate)
        for j, side in ((i, 1), (i + 1, 0)):
            lead, trail = _edges(load(j).pcm, lengths[j])
            pad = trail if side else lead
            start, end = cut.get(j, (0, 0))
            amount = max(0, pad - keep)
            cut[j] = (start, amount) if side else (amount, end)
    return {j: (start, max(0, lengths[j] - start - end)) for j, (start, end) in cut.items()}


def cut_clip(clip: Clip, start: int, length: int) -> Clip:
    """``length`` samples of ``clip`` from sample ``start`` (its loudness analysis cut to match)."""
    step = clip.width * clip.channels
    analysis = None if clip.analysis is None else cut_analysis(clip.analysis, start, length, clip.rate)
    return Clip(clip.pcm[start * step:(start + length) * step], clip.rate, clip.width, clip.channels,
                analysis=analysis)


def cut_analysis(analysis, start: int, length: int, rate: int):
    """The per-millisecond analysis of the same cut (to the millisecond: what was cut is near silence)."""
    ms = max(1, rate // 1000)
    first = start // ms
    return analysis[:, first:first + max(0, -(-length // ms))]
