"""An article's finished MP3 as bare frames the issue can join without re-encoding.

Takes MP3 bytes as an edition wrote them (an ID3v2 tag, constant-bitrate Layer III frames, perhaps an ID3v1 or
APE tag at the end, perhaps a Xing/Info/VBRI frame first); gives the bare audio frames and their format (MPEG
version, sample rate, bitrate, channel mode).  The tags go (the issue has its own), and so does a Xing/LAME info
frame: its encoder delay and padding and its frame count describe one file, and a player that read them in the
middle of a joined stream would skip or trim the wrong samples.  Frames of one format concatenate: each piece
was encoded on its own, so its first frame needs no bit reservoir from the one before.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import RenderError

__all__ = ["Format", "bare_frames", "frame_format", "id3_size"]

_BITRATES = {1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
             2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]}
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}
_MODES = ("stereo", "joint stereo", "dual channel", "mono")
_FORMAT_BITS = 0xFFFEFCC0
"""A header's frame sync, version, layer, bitrate, sample rate and channel mode: two headers that agree on these
are both valid (when one is) and give frames of one format and size (but for the padding bit)."""


@dataclass(frozen=True)
class Format:
    version: int  # 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    rate: int
    kbps: int
    mode: str

    def __str__(self) -> str:
        return f"{self.rate} Hz {self.kbps} kbps {self.mode}"


def id3_size(data: bytes) -> int:
    """Bytes of the ID3v2 tag at the start of ``data`` (0 if none), its footer included."""
    if len(data) < 10 or data[:3] != b"ID3":
        return 0
    size = 0
    for b in data[6:10]:
        size = (size << 7) | (b & 0x7F)
    return 10 + size + (10 if data[5] & 0x10 else 0)


def _header(data: bytes, pos: int, where: str) -> tuple[Format, int]:
    if len(data) - pos < 4:
        raise RenderError("its MP3 ends in the middle of a frame header", path=where)
    h = int.from_bytes(data[pos:pos + 4], "big")
    version, layer, rate_i, br_i = (h >> 19) & 3, (h >> 17) & 3, (h >> 10) & 3, (h >> 12) & 15
    if h >> 21 != 0x7FF or version == 1 or layer != 1 or rate_i == 3 or br_i in (0, 15):
        raise RenderError(f"its MP3 has a damaged frame header at byte {pos}", path=where,
                          hint="render the article again (editions build --force)")
    rate = _RATES[version][rate_i]
    kbps = _BITRATES[1 if version == 3 else 2][br_i]
    size = (144 if version == 3 else 72) * kbps * 1000 // rate + ((h >> 9) & 1)
    return Format(version, rate, kbps, _MODES[(h >> 6) & 3]), size


def _is_info_frame(frame: bytes) -> bool:
    """A Xing/Info (LAME) or VBRI frame: no audio, a description of the whole file."""
    return any(tag in frame[4:48] for tag in (b"Xing", b"Info")) or frame[36:40] == b"VBRI"


def _uniform_frames(data: bytes, pos: int, end: int, same: int, base: int) -> int:
    """How many frames fill ``data[pos:end]`` if every one is unpadded with the format bits ``same`` (all their
    headers looked at together, as an array), else 0 (the frames are then read one by one)."""
    if end <= pos or (end - pos) % base:
        return 0
    import numpy as np
    b = np.frombuffer(data, np.uint8, end - pos, pos).reshape(-1, base)[:, :4].astype(np.uint32)
    h = (b[:, 0] << 24) | (b[:, 1] << 16) | (b[:, 2] << 8) | b[:, 3]
    return len(h) if bool(np.all(h & _FORMAT_BITS == same)) and not bool(np.any(h & 0x200)) else 0


def bare_frames(data: bytes, where: str) -> tuple[bytes, Format, int]:
    """(the audio frames, their one format, how many) of a whole MP3 file: tags and any info frame removed;
    RenderError if a frame is damaged or the frames change format midway (not a constant-bitrate stream)."""
    start = 0
    while id3_size(data[start:]):  # (an appended second tag is possible)
        start += id3_size(data[start:])
    end = len(data)
    if end - start >= 128 and data[end - 128:end - 125] == b"TAG":
        end -= 128
    if end - start >= 32 and data[end - 32:end - 24] == b"APETAGEX":  # footer: its size covers items + footer
        end -= 32 + max(0, int.from_bytes(data[end - 20:end - 16], "little") - 32)
    pos, fmt, n, first = start, None, 0, True
    out_start = start
    same, base = -1, 0  # the first audio frame's header bits that fix its format and size (-1: none yet)
    while pos < end:
        if len(data) - pos >= 4:  # the common case, a frame like the first: its size from its padding bit alone
            h = int.from_bytes(data[pos:pos + 4], "big")
            if h & _FORMAT_BITS == same:
                pos += base + ((h >> 9) & 1)
                n += 1
                continue
        f, size = _header(data, pos, where)
        if first:
            first = False
            if _is_info_frame(data[pos:pos + size]):
                pos += size
                out_start = pos
                continue
        if fmt is None:
            fmt = f
            same, base = int.from_bytes(data[pos:pos + 4], "big") & _FORMAT_BITS, size - ((data[pos + 2] >> 1) & 1)
        elif (f.version, f.rate, f.kbps, f.mode) != (fmt.version, fmt.rate, fmt.kbps, fmt.mode):
            raise RenderError(f"its MP3 changes format at byte {pos} ({fmt} to {f}): not constant bitrate",
                              path=where, hint="render the article again (editions build --force)")
        pos += size
        n += 1
        if n == 1:  # every other frame the first's size and format? (a whole article's frames at once)
            uniform = _uniform_frames(data, pos, end, same, base)
            pos, n = pos + uniform * base, n + uniform
    if pos != end:
        raise RenderError("its MP3 ends in the middle of a frame", path=where,
                          hint="render the article again (editions build --force)")
    if fmt is None:
        raise RenderError("its MP3 holds no audio", path=where)
    return data[out_start:end], fmt, n


def frame_format(frames: bytes, where: str) -> Format:
    return _header(frames, 0, where)[0]
