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


def still_current(out: Path, manifest: str, key: str, cover: Path | None) -> tuple[dict, Record] | None:
    """The last issue.json and its record of the files when it was made from ``key`` and all it wrote is as it
    was written, else None."""
    try:
        old = json.loads((Path(out) / manifest).read_text(encoding="utf-8"))
        if not isinstance(old, dict) or old.get("inputs") != key:
            return None
        record = Record.read(out, manifest)
        if not record.files or not all(record.intact(Path(p), size) for p, (size, _) in record.files.items()):
            return None
        if not all(record.intact(Path(out) / e["chapters"]) for e in old["articles"] if "chapters" in e):
            return None
        if cover is not None and cover.is_file() and not record.intact(Path(out) / cover.name, cover.stat().st_size):
            return None
        return old, record
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
