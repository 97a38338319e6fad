"""Chapter segments: clips + pauses of one chapter in, one MP3 segment out; the edition is their concatenation.

Each chapter is encoded on its own (LAME through the ffmpeg binary imageio-ffmpeg
ships, constant bitrate, no Xing frame, no ID3), so a chapter whose clips, pauses
and gain are unchanged gives a bit-identical segment that the cache can hold, and
an edit re-encodes only its own chapter.  Concatenated segments play back as one
stream.  What a segment holds follows from LAME's framing (:mod:`.frames`).  The chapter's final pause
is trimmed or stretched so its segment ends on a frame boundary (at most half a
frame either way), and the times of every cue come from the segments' decoded
lengths (:func:`count_frames` on the encoded bytes), never from an estimate.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ...errors import RenderError
from .clip import Clip
from .frames import LAME_DELAY, LAME_TAIL, count_frames, frame_samples, segment_frames  # noqa: F401 (re-exported)

__all__ = ["ffmpeg_exe", "frame_samples", "segment_frames", "chapter_pcm", "pydub", "stitch", "export", "encode_segment",
           "count_frames", "check_decodes", "decode_mp3_file", "LAME_DELAY", "LAME_TAIL"]


def ffmpeg_exe() -> str:
    import imageio_ffmpeg
    return imageio_ffmpeg.get_ffmpeg_exe()


def chapter_pcm(lengths: Sequence[int], load: Callable[[int], Clip], pauses: Sequence[int], cues: Sequence[int],
                rate: int, n: int) -> np.ndarray:
    """The chapter's ``n`` samples: clip ``i`` (``load(i)``) then ``pauses[i]`` samples of silence, for each i in
    ``cues``, cut or padded with silence to ``n``."""
    out = np.zeros(n, dtype=np.int16)
    pos = 0
    for i in cues:
        clip = load(i)
        if clip.rate != rate or clip.width != 2 or clip.channels != 1:
            raise RenderError(f"clip {i} is {clip.rate} Hz/{clip.width * 8} bit/{clip.channels} ch; "
                              f"expected {rate} Hz mono 16 bit")
        k = max(0, min(lengths[i], n - pos))
        out[pos:pos + k] = np.frombuffer(clip.pcm, dtype="<i2", count=k)
        pos += lengths[i] + pauses[i]
    return out


def pydub():
    """pydub's AudioSegment, pointed at imageio-ffmpeg's binary (no system ffmpeg needed)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "Couldn't find ffmpeg" at import: we set it next
        warnings.simplefilter("ignore", DeprecationWarning)  # pydub imports audioop
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg_exe()
    return AudioSegment


def stitch(clips: Sequence[Clip], pauses: Sequence[float]):
    """Clip ``i`` then ``pauses[i]`` seconds of silence, for every i, stitched with pydub into one AudioSegment —
    a whole narration in memory, for short texts (``editions say --speak``); editions are made chapter by chapter
    (:func:`chapter_pcm`)."""
    AudioSegment = pydub()
    parts = []
    for i, (clip, pause) in enumerate(zip(clips, pauses)):
        if clip.width != 2 or clip.channels != 1 or clip.rate != clips[0].rate:
            raise RenderError(f"clip {i} is {clip.rate} Hz/{clip.width * 8} bit/{clip.channels} ch; "
                              f"expected {clips[0].rate} Hz mono 16 bit")
        parts.append(AudioSegment(data=clip.pcm, sample_width=2, frame_rate=clip.rate, channels=1))
        gap = round(pause * clip.rate)  # exact samples: pydub's silent() counts milliseconds
        parts.append(AudioSegment(data=bytes(2 * gap), sample_width=2, frame_rate=clip.rate, channels=1))
    return sum(parts[1:], parts[0]) if parts else AudioSegment.empty()


def export(audio, path: Path, bitrate: str = "64k", quality: int = 7) -> None:
    """A pydub AudioSegment -> a standalone file at ``path``: WAV, or a constant-bitrate MP3 with its Xing/LAME
    frame (so players know its exact length; not for concatenation), through imageio-ffmpeg's ffmpeg."""
    fmt = "wav" if Path(path).suffix.lower() == ".wav" else "mp3"
    params = None if fmt == "wav" else ["-ac", "1", "-write_xing", "1", "-compression_level", str(quality)]
    try:
        audio.export(str(path), format=fmt, bitrate=bitrate if fmt == "mp3" else None, parameters=params)
    except Exception as e:
        raise RenderError(f"ffmpeg could not write the {fmt.upper()} ({e.__class__.__name__}: {str(e)[:200]})",
                          path=path) from e


def encode_segment(samples: np.ndarray, rate: int, bitrate: str = "64k", quality: int = 7) -> bytes:
    """Mono 16-bit samples -> constant-bitrate MP3 frames (no Xing frame, no tags: segments concatenate)."""
    cmd = [ffmpeg_exe(), "-v", "error", "-nostdin", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
           "-c:a", "libmp3lame", "-b:a", bitrate, "-compression_level", str(quality), "-write_xing", "0",
           "-id3v2_version", "0", "-write_id3v1", "0", "-f", "mp3", "pipe:1"]
    try:
        proc = subprocess.run(cmd, input=memoryview(samples).cast("B"), capture_output=True)
    except OSError as e:
        raise RenderError(f"ffmpeg could not be started ({e.strerror or e})") from None
    if proc.returncode != 0 or not proc.stdout:
        raise RenderError(f"ffmpeg could not encode the MP3: {proc.stderr.decode(errors='replace')[:200]}")
    return proc.stdout


def check_decodes(path: Path) -> None:
    """The one integrity check of a written edition, cheap at any length: every frame header was checked as
    the segments were counted; here ffmpeg decodes the first and the last second of the file without error."""
    proc = subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-xerror", "-f", "mp3", "-t", "1", "-i", str(path),
                           "-f", "mp3", "-sseof", "-1", "-i", str(path), "-map", "0:a", "-f", "null", "-",
                           "-map", "1:a", "-f", "null", "-"], capture_output=True)
    if proc.returncode != 0:
        raise RenderError(f"the MP3 does not decode: {proc.stderr.decode(errors='replace').strip()[:200]}",
                          path=path)


def decode_mp3_file(path: Path, rate: int | None = None) -> tuple[np.ndarray, int]:
    """Decode an MP3 with imageio-ffmpeg's binary -> (mono int16 samples, rate)."""
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
