"""MP3 framing facts for chapter segments, without numpy (a warm render needs them and nothing else of mix).

Takes sample counts and encoded bytes; gives how many frames a segment holds and where its content starts:
a segment of ``n`` samples (LAME through imageio-ffmpeg, constant bitrate, no Xing frame) decodes to whole
frames of :func:`frame_samples`, its content starting :data:`LAME_DELAY` samples in; encoding exactly
``frames * fs - LAME_DELAY - LAME_TAIL`` samples gives exactly ``frames`` frames.  :func:`count_frames` reads
the frames of encoded bytes, checking every header.
"""
from __future__ import annotations

import math

from ...errors import RenderError

__all__ = ["LAME_DELAY", "LAME_TAIL", "frame_samples", "segment_frames", "count_frames"]

LAME_DELAY = 1105
"""Samples of encoder delay before a segment's content when it is decoded (576 + 529)."""
LAME_TAIL = 288
"""Samples of room LAME needs after the content so the segment does not grow a frame."""


def frame_samples(rate: int) -> int:
    """Samples per MP3 frame: 1152 for MPEG-1 rates (32 kHz and up), 576 for MPEG-2/2.5."""
    return 1152 if rate >= 32000 else 576


def segment_frames(content: int, speech_end: int, rate: int) -> int:
    """Frames for a chapter of ``content`` samples (clips and pauses) whose speech ends at ``speech_end``:
    the nearest whole number of frames, but never so few that speech would be cut."""
    fs = frame_samples(rate)
    return max(round(content / fs), math.ceil((speech_end + LAME_DELAY + LAME_TAIL) / fs), 1)


_BITRATES = {1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
             2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]}
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


def count_frames(mp3: bytes) -> int:
    """Layer III frames in ``mp3`` (nothing else allowed in it), each header checked; RenderError if one is
    damaged. Every frame decodes to :func:`frame_samples` samples."""
    n, pos, end = 0, 0, len(mp3)
    while pos < end:
        if end - pos < 4:
            raise RenderError("an MP3 segment ends in the middle of a frame header")
        h = int.from_bytes(mp3[pos:pos + 4], "big")
        version, layer, rate_i, br_i = (h >> 19) & 3, (h >> 17) & 3, (h >> 10) & 3, (h >> 12) & 15
        if h >> 21 != 0x7FF or version == 1 or layer != 1 or rate_i == 3 or br_i in (0, 15):
            raise RenderError(f"an MP3 segment has a damaged frame header at byte {pos}")
        rate = _RATES[version][rate_i]
        kbps = _BITRATES[1 if version == 3 else 2][br_i]
        size = (144 if version == 3 else 72) * kbps * 1000 // rate + ((h >> 9) & 1)
        pos += size
        n += 1
    if pos != end:
        raise RenderError("an MP3 segment ends in the middle of a frame")
    return n
