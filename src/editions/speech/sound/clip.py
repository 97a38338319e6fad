"""A clip: the PCM a voice made for one text, saying what it is (rate, sample width, channels), with its loudness
measured where it was made.  The sound room's own type: the voices make clips, the sound room levels and
encodes them, the clip cache at ``speech/``'s face keeps them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Clip"]


@dataclass(frozen=True)
class Clip:
    """Mono or multi-channel little-endian PCM that says what it is."""

    pcm: bytes
    rate: int
    width: int = 2
    channels: int = 1
    analysis: object = field(default=None, compare=False, repr=False)
    """Loudness per millisecond (:func:`editions.speech.sound.loudness.analyse`), when whoever made the clip measured it."""

    @property
    def frames(self) -> int:
        return len(self.pcm) // (self.width * self.channels)
