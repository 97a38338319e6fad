"""The sound: clips in, a levelled, chaptered, tagged MP3 and its transcript out.

Takes :class:`Clip` s (PCM that says its rate, measured for loudness where it was made) and the script's
timing; gives BS.1770 loudness per clip, the programme's one gain and a true-peak limiter (:mod:`.loudness`),
chapters laid out as MP3 segments (:mod:`.segments`, MP3 framing facts in :mod:`.frames`), a chapter's PCM
encoded by LAME and checked (:mod:`.mix`), the pieces of a split sentence joined without a seam
(:mod:`.joins`), ID3 tags and chapters (:mod:`.tags`) and the timed narration and its VTT
(:mod:`.transcript`).  May import the text room (the script's types), never the voices.  Names are imported
on first use: numpy and mutagen load only when sound is made.
"""
from __future__ import annotations

from ...lazy import lazy_names

_LAZY = {"Clip": "clip", "analyse": "loudness", "HOLD_MS": "loudness", "level": "loudness", "limiter": "loudness",
         "lufs_from_energy": "loudness", "programme_gain": "loudness", "LAME_DELAY": "frames",
         "frame_samples": "frames", "count_frames": "frames", "chapter_pcm": "mix", "check_decodes": "mix",
         "encode_segment": "mix", "decode_mp3_file": "mix", "stitch": "mix", "export": "mix",
         "SEGMENT_FORMAT": "segments", "TRUE_PEAK_MARGIN": "segments", "choose_gain": "segments",
         "layout": "segments", "programme": "segments", "cut_clip": "joins", "cut_analysis": "joins",
         "join_cuts": "joins", "write_tags": "tags", "narration": "transcript", "to_vtt": "transcript"}

__all__ = list(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
