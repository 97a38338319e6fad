"""Content-addressed clip cache: (engine identity, engine-ready text) -> PCM clip.

Re-rendering an unchanged article synthesises nothing; editing one paragraph
re-synthesises only its sentences.  A clip is stored with its loudness analysis
(measured by the worker that made it).  Each chapter's encoded MP3 segment is
kept under its content and gain, so an edit re-encodes only its own chapter;
the finished MP3 of a narration is kept too
(keyed by every clip, pause and loudness setting), so rendering the very same
narration again — a print-only change, a second output folder — is a copy.  The issue's own drawn pages (its front
page, its running heads) are kept under everything they are drawn from.  Each entry carries the SHA-256 of its audio,
so a corrupt or truncated entry is detected, dropped and synthesised again.
Entries are written to a temporary file and renamed into place.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from ..errors import RenderError
from ..files import TMP_MARK, atomic_write
from .sound import Clip

__all__ = ["ClipCache", "default_cache_dir"]

MAGIC = b"EDITIONS-CLIP-2\n"
"""A clip: header, PCM, then its loudness analysis (float32, 2 x blocks); the checksum covers both."""
MAGIC_V1 = b"EDITIONS-CLIP-1\n"
"""Older entries (PCM only) are still read; their analysis is measured when they are used."""
MIX_MAGIC = b"EDITIONS-MIX-1\n"
SEG_MAGIC = b"EDITIONS-SEG-1\n"
DRAWN_MAGIC = b"EDITIONS-DRAWN-1\n"


def _touch(path: Path) -> None:
    """Mark an entry as just used (pruning removes the least recently used first)."""
    try:
        os.utime(path)
    except OSError:
        pass


def default_cache_dir() -> Path:
    env = os.environ.get("EDITIONS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "editions" / "clips"


class ClipCache:
    def __init__(self, root: str | Path, explicit: bool = True):
        self.root = Path(root)
        self.explicit = explicit
        """False when the folder is this machine's default (a cluster worker then uses its own default)."""
        self.hits = self.misses = self.corrupt = 0

    @classmethod
    def from_setting(cls, value: str | None) -> "ClipCache":
        return cls(Path(value), True) if value else cls(default_cache_dir(), False)

    @property
    def voice_store(self) -> Path:
        """Where the offline voice keeps its files ready (:mod:`.voices.voicestore`): ``.voice`` in this folder."""
        return self.root / ".voice"

    @staticmethod
    def key(identity: str, text: str) -> str:
        return hashlib.sha256(f"{identity}\n{text}".encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.clip"

    def has(self, key: str) -> bool:
        """Whether a clip is held (not checked: :meth:`get` checks it)."""
        return self._path(key).is_file()

    def get(self, key: str) -> Clip | None:
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                blob = f.read()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError:
            self.misses += 1
            return None
        try:
            magic = MAGIC if blob.startswith(MAGIC) else MAGIC_V1 if blob.startswith(MAGIC_V1) else None
            if magic is None:
                raise ValueError("bad magic")
            head_end = blob.index(b"\n", len(magic))
            head = json.loads(blob[len(magic):head_end])
            body = memoryview(blob)[head_end + 1:]
            n = int(head["bytes"])
            blocks = int(head.get("analysis", 0))
            if len(body) != n + blocks * 8 or hashlib.sha256(body).hexdigest() != head["sha256"]:
                raise ValueError("checksum")
            analysis = None
            if blocks:
                import numpy as np
                analysis = np.frombuffer(body[n:], dtype="<f4").reshape(2, blocks)
            clip = Clip(bytes(body[:n]), int(head["rate"]), int(head["width"]), int(head["channels"]), analysis)
        except (ValueError, KeyError, TypeError, json.JSONDecodeError):
            self.corrupt += 1
            self.misses += 1
            try:
                path.unlink()
            except OSError:
                pass
            return None
        self.hits += 1
        _touch(path)
        return clip

    def get_mix(self, key: str) -> tuple[bytes, dict] | None:
        """A finished MP3 (untagged) and what was measured of it, or None (also for a damaged entry)."""
        return self._get_blob(self.root / key[:2] / f"{key}.mix", MIX_MAGIC)

    def has_mix(self, key: str) -> bool:
        return (self.root / key[:2] / f"{key}.mix").is_file()

    # what a source was last narrated as (a hint for starting the voice early: see ..headstart)

    def said(self, source_key: str) -> str | None:
        """The mix key last recorded for ``source_key``, or None."""
        try:
            text = (self.root / source_key[:2] / f"{source_key}.said").read_text(encoding="ascii").strip()
        except (OSError, ValueError):
            return None
        return text if len(text) == 64 else None

    def put_said(self, source_key: str, mix_key: str) -> None:
        with contextlib.suppress(RenderError):  # only a hint: a cache that cannot take it loses nothing
            self._write(self.root / source_key[:2] / f"{source_key}.said", mix_key.encode("ascii"))

    def prune(self, max_bytes: int) -> int:
        """Delete the least recently used entries until the cache holds at most ``max_bytes``; returns how many."""
        try:
            entries = [(e.stat().st_mtime, e.stat().st_size, e) for e in self.root.glob("*/*")
                       if e.suffix in (".clip", ".mix", ".seg", ".said", ".drawn")]
            stale = time.time() - 3600  # a temporary file an hour old was left by a killed run
            for e in self.root.glob(f"*/.*{TMP_MARK}*"):
                with contextlib.suppress(OSError):
                    if e.stat().st_mtime < stale:
                        e.unlink()
        except OSError:
            return 0
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries, key=lambda t: t[0]):
            if total <= max_bytes:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
        return removed

    def get_drawn(self, key: str) -> bytes | None:
        """Pages drawn once and kept under ``key`` (the issue's front page and furniture), or None."""
        got = self._get_blob(self.root / key[:2] / f"{key}.drawn", DRAWN_MAGIC)
        return got[0] if got else None

    def put_drawn(self, key: str, data: bytes) -> None:
        with contextlib.suppress(RenderError):  # only saves time: a cache that cannot take it loses nothing
            self._put_blob(self.root / key[:2] / f"{key}.drawn", DRAWN_MAGIC, data, {})

    def put_mix(self, key: str, mp3: bytes, meta: dict) -> None:
        self._put_blob(self.root / key[:2] / f"{key}.mix", MIX_MAGIC, mp3, meta)

    def put(self, key: str, clip: Clip) -> None:
        ana = b""
        if clip.analysis is not None:
            import numpy as np
            ana = np.ascontiguousarray(clip.analysis, dtype="<f4").tobytes()
        body = clip.pcm + ana
        head = json.dumps({"rate": clip.rate, "width": clip.width, "channels": clip.channels,
                           "bytes": len(clip.pcm), "analysis": len(ana) // 8,
                           "sha256": hashlib.sha256(body).hexdigest()}).encode()
        self._write(self._path(key), MAGIC + head + b"\n" + body)

    # chapter segments: the encoded MP3 of one chapter at one gain

    @staticmethod
    def _gain_code(gain_db: float) -> str:
        return f"{round(gain_db * 100):+06d}"

    def _seg_path(self, key: str, gain_db: float) -> Path:
        return self.root / key[:2] / f"{key}.{self._gain_code(gain_db)}.seg"

    def segment_gains(self, key: str) -> list[float]:
        """The gains (dB) at which the chapter ``key`` is held, encoded."""
        try:
            return [int(p.name.split(".")[1]) / 100 for p in (self.root / key[:2]).glob(f"{key}.*.seg")]
        except (OSError, ValueError, IndexError):
            return []

    def get_segment(self, key: str, gain_db: float) -> tuple[bytes, dict] | None:
        """A chapter's MP3 segment at ``gain_db`` and what is known of it, or None (also for a damaged entry)."""
        return self._get_blob(self._seg_path(key, gain_db), SEG_MAGIC)

    def put_segment(self, key: str, gain_db: float, mp3: bytes, meta: dict) -> None:
        self._put_blob(self._seg_path(key, gain_db), SEG_MAGIC, mp3, meta)

    def _put_blob(self, path: Path, magic: bytes, data: bytes, meta: dict) -> None:
        """``magic``, a JSON line of ``meta`` with the data's checksum, then the data."""
        head = json.dumps({**meta, "sha256": hashlib.sha256(data).hexdigest()}).encode()
        self._write(path, magic + head + b"\n" + data)

    def _get_blob(self, path: Path, magic: bytes) -> tuple[bytes, dict] | None:
        """What :meth:`_put_blob` wrote, or None; a damaged entry (magic, JSON or checksum) is deleted."""
        try:
            blob = path.read_bytes()
            if not blob.startswith(magic):
                raise ValueError("bad magic")
            head_end = blob.index(b"\n", len(magic))
            meta = json.loads(blob[len(magic):head_end])
            data = blob[head_end + 1:]
            if hashlib.sha256(data).hexdigest() != meta["sha256"]:
                raise ValueError("checksum")
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self.corrupt += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        _touch(path)
        return data, meta

    def _write(self, path: Path, data: bytes) -> None:
        try:
            atomic_write(path, data)
        except OSError as e:
            raise RenderError(f"cannot write to the clip cache ({e.strerror or e})", path=self.root,
                              hint="fix its permissions or free space, or use --no-cache or --cache DIR") from None
