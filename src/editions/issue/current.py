"""Is the issue in the output folder the one its inputs make?  Then assembling it again would write the same
bytes: an editor's ``make editions`` with nothing changed only says so.

Takes the issue's resolved settings, the render settings, the articles' manifests and the output folder; gives
the issue's input key (the SHA-256 of everything the issue is assembled from: this package's version, the issue's
settings -- its date too, which is today's when issue.toml names none -- the settings the articles were rendered
with, ``--only``, each article's source, input fingerprint and output hashes in the issue's order, the cover's
bytes), which ``issue.json`` records as ``inputs``, and :func:`still_current`: whether the last ``issue.json``
was made from the same key and every file it describes is still as it was written (its recorded size, no newer
than that ``issue.json``, as :class:`.rewrite.Record` knows files), the articles' chapters files and the cover too.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from .._version import __version__
from ..render.fresh import settings_json
from .rewrite import Record

__all__ = ["inputs_key", "still_current"]


def inputs_key(*, settings: dict, cfg, only: str | None, articles: list[tuple[Path, dict]],
               cover: Path | None) -> str:
    """``articles``: (source, its manifest) in the issue's order; ``settings``: the issue's, resolved."""
    h = hashlib.sha256()
    h.update(json.dumps([__version__, settings, only or ""], sort_keys=True, default=str).encode())
    h.update(settings_json(cfg))
    for src, m in articles:
        outputs = sorted((k, v.get("sha256")) for k, v in m.get("outputs", {}).items())
        h.update(json.dumps([str(src), m.get("input_hash"), outputs]).encode())
    if cover is not None and cover.is_file():
        h.update(hashlib.sha256(cover.read_bytes()).digest())
    return h.hexdigest()


def _intact(path: Path, size: int | None, since_ns: int) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and (size is None or st.st_size == size) and st.st_mtime_ns <= since_ns


def still_current(out: Path, manifest: str, key: str, cover: Path | None) -> dict | None:
    """The last issue.json when it was made from ``key`` and all it wrote is as it was written, else None."""
    try:
        old = json.loads((Path(out) / manifest).read_text(encoding="utf-8"))
        if not isinstance(old, dict) or old.get("inputs") != key:
            return None
        record = Record.read(out, manifest)
        if not record.files or not all(_intact(Path(p), size, record.since_ns) for p, (size, _) in record.files.items()):
            return None
        chapters = [Path(out) / e["chapters"] for e in old["articles"] if "chapters" in e]
        if not all(_intact(p, None, record.since_ns) for p in chapters):
            return None
        if cover is not None and cover.is_file() and not _intact(Path(out) / cover.name, cover.stat().st_size,
                                                                  record.since_ns):
            return None
        return old
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
