"""editions.issue.frames: an article's MP3 as bare frames -- tags and the Xing/LAME info frame stripped, the
format read, a change of format or a damaged frame refused."""
import subprocess

import numpy as np
import pytest

from editions.errors import RenderError
from editions.issue.frames import bare_frames, id3_size
from editions.speech.sound.frames import count_frames
from editions.speech.sound.mix import encode_segment, ffmpeg_exe

RATE = 24000


def tone(seconds=1.0, rate=RATE):
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 440 * t) * 8000).astype(np.int16)


def with_xing_and_tags(samples, tmp_path, rate=RATE, bitrate="64k"):
    """A standalone MP3 as a tool writes one: ID3v2 + a Xing/LAME info frame + frames + ID3v1."""
    path = tmp_path / "x.mp3"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
                    "-c:a", "libmp3lame", "-b:a", bitrate, "-write_xing", "1", "-id3v2_version", "3",
                    "-write_id3v1", "1", "-metadata", "title=T", str(path)], input=samples.tobytes(), check=True)
    return path.read_bytes()


def test_tags_and_info_frame_are_stripped(tmp_path):
    x = tone()
    plain = encode_segment(x, RATE)
    data = with_xing_and_tags(x, tmp_path)
    assert data.startswith(b"ID3") and data[-128:-125] == b"TAG" and (b"Xing" in data[:400] or b"Info" in data[:400])
    frames, fmt, n = bare_frames(data, "x.mp3")
    start = id3_size(data)
    info = 72 * 64000 // RATE + ((data[start + 2] >> 1) & 1)  # the info frame's size (MPEG-2 layer III)
    assert b"Xing" in data[start:start + info] or b"Info" in data[start:start + info]
    assert frames == data[start + info:-128]  # exactly the audio frames: no tag, no info frame, no ID3v1
    assert count_frames(frames) == n and (fmt.rate, fmt.kbps, fmt.mode) == (RATE, 64, "mono")
    again, _, m = bare_frames(plain, "plain")
    assert again == plain and m == count_frames(plain)


def test_a_change_of_format_midway_is_refused():
    a, b = encode_segment(tone(), RATE, "64k"), encode_segment(tone(), RATE, "32k")
    with pytest.raises(RenderError, match="changes format"):
        bare_frames(a + b, "mixed.mp3")


def test_a_damaged_frame_is_refused():
    a = encode_segment(tone(), RATE)
    with pytest.raises(RenderError, match="damaged frame header|middle of a frame"):
        bare_frames(a[:1000] + b"\0" * 10 + a[1000:], "bad.mp3")


def _reference(data, where):
    """bare_frames as it was first written: every header read in full (the fast scan must agree with it)."""
    from editions.issue.frames import _header, _is_info_frame
    start = 0
    while id3_size(data[start:]):
        start += id3_size(data[start:])
    end = len(data)
    if end - start >= 128 and data[end - 128:end - 125] == b"TAG":
        end -= 128
    pos, fmt, n, first, out_start = start, None, 0, True, start
    while pos < end:
        f, size = _header(data, pos, where)
        if first:
            first = False
            if _is_info_frame(data[pos:pos + size]):
                pos, out_start = pos + size, pos + size
                continue
        if fmt is None:
            fmt = f
        elif (f.version, f.rate, f.kbps, f.mode) != (fmt.version, fmt.rate, fmt.kbps, fmt.mode):
            raise RenderError("changes format", path=where)
        pos, n = pos + size, n + 1
    if pos != end:
        raise RenderError("middle of a frame", path=where)
    return data[out_start:end], fmt, n


def _outcome(fn, data):
    try:
        return fn(data, "x.mp3")
    except RenderError as e:
        return type(e).__name__


@pytest.mark.parametrize("rate, channels", [(44100, 2), (24000, 1), (22050, 1)])
def test_the_fast_frame_scan_agrees_with_reading_every_header(tmp_path, rate, channels):
    """Padded and unpadded frames (44.1 and 22.05 kHz pad some frames, 24 kHz none), stereo and mono, with a
    frame whose other header bits (copyright, original, emphasis) differ, a frame of another channel mode, a
    damaged header, a cut last frame: the same frames, format and count, or the same refusal."""
    path = tmp_path / "x.mp3"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
                    "-ac", str(channels), "-c:a", "libmp3lame", "-b:a", "64k", "-write_xing", "1", str(path)],
                   input=tone(2.0, rate).tobytes(), check=True)
    data = path.read_bytes()
    frames, fmt, n = bare_frames(data, "x.mp3")
    assert (fmt.rate, n) == (rate, count_frames(frames))
    from editions.issue.frames import _header
    start = len(data) - len(frames)
    pads, pos = set(), start
    while pos < len(data):
        pads.add((data[pos + 2] >> 1) & 1)
        pos += _header(data, pos, "x.mp3")[1]
    assert pads == ({0, 1} if rate != 24000 else {0})  # the padding bit is exercised where the rate has it
    second = start + _header(data, start, "x.mp3")[1]
    variants = {"as made": data, "cut": data[:-7]}
    flipped = bytearray(data)
    flipped[second + 3] ^= 0x0F  # copyright, original, emphasis: not the format
    variants["other bits"] = bytes(flipped)
    moded = bytearray(data)
    moded[second + 3] ^= 0xC0  # another channel mode
    variants["mode"] = bytes(moded)
    damaged = bytearray(data)
    damaged[second] = 0
    variants["damaged"] = bytes(damaged)
    for name, v in variants.items():
        assert _outcome(bare_frames, v) == _outcome(_reference, v), name
    assert _outcome(bare_frames, variants["mode"]) == "RenderError" == _outcome(bare_frames, variants["damaged"])
