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
