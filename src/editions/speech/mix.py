"""Stitching and encoding: clips + pauses in, one loudness-normalised MP3 out.

Clips and silences are joined once into a preallocated buffer (linear time, no
``+=`` of AudioSegments), silence is generated with pydub at the clips' own
frame rate, loudness is normalised per BS.1770 (:mod:`.loudness`), and pydub
exports the MP3 through the ffmpeg binary that imageio-ffmpeg ships.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import RenderError
from .engines import Clip

__all__ = ["pydub", "stitch", "encode_mp3", "decode_mp3_file", "ffmpeg_exe"]


def ffmpeg_exe() -> str:
    import imageio_ffmpeg
    return imageio_ffmpeg.get_ffmpeg_exe()


def pydub():
    """pydub's AudioSegment, pointed at imageio-ffmpeg's binary (no system ffmpeg needed)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "Couldn't find ffmpeg" at import: we set it next
        warnings.simplefilter("ignore", DeprecationWarning)  # pydub imports audioop
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    return AudioSegment


def stitch(lengths: Sequence[int], load: Callable[[int], Clip], pauses: Sequence[float], rate: int) -> np.ndarray:
    """Join clip ``i`` (``load(i)``) followed by ``pauses[i]`` seconds of silence, for every i, in one pass."""
    AudioSegment = pydub()
    silence_cache: dict[int, bytes] = {}
    pause_frames = [round(p * rate) for p in pauses]
    out = np.zeros(sum(lengths) + sum(pause_frames), dtype=np.int16)
    pos = 0
    for i, n in enumerate(lengths):
        clip = load(i)
        if clip.rate != rate or clip.width != 2 or clip.channels != 1:
            raise RenderError(f"clip {i} is {clip.rate} Hz/{clip.width * 8} bit/{clip.channels} ch; expected {rate} Hz mono 16 bit")
        out[pos:pos + n] = np.frombuffer(clip.pcm, dtype="<i2", count=n)
        pos += n
        frames = pause_frames[i]
        if frames:
            if frames not in silence_cache:
                seg = AudioSegment.silent(duration=frames * 1000 / rate, frame_rate=rate)
                silence_cache[frames] = seg.raw_data[: frames * 2].ljust(frames * 2, b"\0")
            out[pos:pos + frames] = np.frombuffer(silence_cache[frames], dtype="<i2")
            pos += frames
    return out


def encode_mp3(samples: np.ndarray, rate: int, path: Path, bitrate: str = "64k", quality: int = 7) -> None:
    """Mono 16-bit samples -> constant-bitrate MP3 at ``path`` (LAME ``quality``: 0 best/slowest .. 9 fastest)."""
    AudioSegment = pydub()
    seg = AudioSegment(data=memoryview(samples).cast("B"), sample_width=2, frame_rate=rate, channels=1)
    try:
        seg.export(str(path), format="mp3", bitrate=bitrate,
                   parameters=["-ac", "1", "-write_xing", "1", "-compression_level", str(quality)])
    except Exception as e:
        raise RenderError(f"ffmpeg could not encode the MP3 ({e.__class__.__name__}: {str(e)[:200]})", path=path) from e


def measure_mp3(path: Path, rate: int) -> tuple[float, float, int]:
    """Decode the MP3 in a stream and measure it: (integrated LUFS, true peak dBTP, frames). Memory stays small."""
    import subprocess
    from .loudness import StreamMeter
    meter = StreamMeter(rate)
    proc = subprocess.Popen([ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar",
                             str(rate), "pipe:1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunk = 1 << 20
    tail = b""
    while True:
        data = proc.stdout.read(chunk)
        if not data:
            break
        data = tail + data
        cut = len(data) - len(data) % 2
        tail = data[cut:]
        meter.add(np.frombuffer(data[:cut], dtype="<i2"))
    err = proc.stderr.read()
    if proc.wait() != 0 or meter.frames == 0:
        raise RenderError(f"the MP3 does not decode: {err.decode(errors='replace')[:200]}", path=path)
    return meter.lufs(), meter.true_peak(), meter.frames


def decode_mp3_file(path: Path, rate: int | None = None) -> tuple[np.ndarray, int]:
    """Decode an MP3 with imageio-ffmpeg's binary -> (mono int16 samples, rate)."""
    import subprocess
    cmd = [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1"]
    if rate:
        cmd += ["-ar", str(rate)]
    else:
        probe = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True)
        import re
        m = re.search(r"(\d+) Hz", probe.stderr)
        rate = int(m.group(1)) if m else 24000
    proc = subprocess.run(cmd + ["pipe:1"], capture_output=True)
    if proc.returncode != 0:
        raise RenderError(f"MP3 does not decode: {proc.stderr.decode(errors='replace')[:200]}", path=path)
    return np.frombuffer(proc.stdout, dtype="<i2"), rate
