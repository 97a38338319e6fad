"""Manifests and ``index.json``: written as JSON a strict parser reads, and read back only when they are ours.

A JSON file in the output folder is one of our manifests only when it has the shape :func:`read_manifest`
checks (an object with the article's slug as its name, a version, an input hash and its outputs, each a plain
file name with a size and a SHA-256).  Anything else — a JSON list, another program's file with an ``outputs``
key, a damaged or hostile file — is not: for freshness it counts as absent (the article is rendered again and
the file replaced), and ``index.json`` leaves it out.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from .._version import __version__
from ..files import atomic_write

__all__ = ["read_manifest", "is_ours", "json_bytes", "write_json", "write_index", "write_index_safely", "INDEX_NAME",
           "HTML_INDEX_NAME"]

INDEX_NAME = "index.json"
HTML_INDEX_NAME = "index.html"
"""Beside index.json: the same editions as a page for people, each linking to its web page."""
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
"""A manifest is a few kB (a long article's clip list, a few hundred): a larger file is not one of ours."""


def read_manifest(path: Path) -> dict | None:
    """The manifest at ``path``, or None when there is none that is ours (missing, unreadable, another shape)."""
    m = _load(path)
    return m if _is_manifest(m, Path(path).name) else None


def is_ours(path: Path) -> bool:
    """Whether ``path`` is a JSON file editions writes into an output folder: a manifest, index.json, or a
    ``NAME.verify.json`` report."""
    data, name = _load(path), Path(path).name
    if name == INDEX_NAME:
        return isinstance(data, dict) and set(data) == {"version", "editions", "failed"}
    if name.endswith(".verify.json"):
        return isinstance(data, dict) and {"source", "mp3", "wer", "passed", "sections"} <= set(data)
    return _is_manifest(data, name)


def _load(path: Path):
    """The JSON in ``path``, or None (missing, unreadable, too large, not JSON, nested past Python's limit)."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_MANIFEST_BYTES + 1)
        if len(data) > MAX_MANIFEST_BYTES:
            return None
        return json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def _is_manifest(m, name: str) -> bool:
    if not isinstance(m, dict) or not all(isinstance(m.get(k), str) for k in ("slug", "version", "input_hash")):
        return False
    if f"{m['slug']}.json" != name:
        return False
    outputs = m.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return False
    for entry in outputs.values():
        if not isinstance(entry, dict):
            return False
        path, size, digest = entry.get("path"), entry.get("bytes"), entry.get("sha256")
        if not (isinstance(path, str) and path and Path(path).name == path and not path.startswith(".")
                and isinstance(size, int) and not isinstance(size, bool) and isinstance(digest, str)):
            return False
    return True


def _finite(value):
    """JSON has no -Infinity or NaN (most parsers refuse them): such a figure is written as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def json_bytes(data: dict) -> bytes:
    return (json.dumps(_finite(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def write_json(path: Path, data: dict) -> None:
    atomic_write(path, json_bytes(data))


def write_index_safely(out: Path, results, inputs: list[Path]) -> tuple[str, int]:
    """Write index.json for a build's ``results``: ("", 0), or the one line saying why it was not written and
    the exit code.  Never over one of the build's ``inputs`` (an article called index.json in the output
    folder)."""
    from ..errors import InputError, RenderError
    from .outdir import why
    from .outputs import same_place
    target = out / INDEX_NAME
    for path in inputs:
        if same_place(target, path):
            return InputError(f"{INDEX_NAME} not written: it would be written over {path}", path=out,
                              hint="rename that file, or choose another output folder with --out").one_line(), 2
    try:
        write_index(out, [{"source": r.source, "error": r.error} for r in results if r.status == "failed"])
        return "", 0
    except OSError as e:  # the summary is still printed; the error says the index is stale
        return RenderError(f"{INDEX_NAME} not written ({why(e)})", path=out).one_line(), 1


def write_index(out: Path, failed: list[dict]) -> None:
    """``index.json``: every edition whose manifest is in ``out``, and the articles that failed."""
    editions = []
    for p in sorted(out.glob("*.json")):
        if p.name == INDEX_NAME:
            continue
        m = read_manifest(p)
        if m is None:
            continue
        audio = m.get("audio")
        editions.append({"slug": m["slug"], "headline": m.get("headline", ""), "source": m.get("source"),
                         "outputs": {k: v["path"] for k, v in m["outputs"].items()},
                         "voice": audio.get("voice") if isinstance(audio, dict) else None, "manifest": p.name})
    write_json(out / INDEX_NAME, {"version": __version__, "editions": editions, "failed": failed})
    from .webindex import index_html
    atomic_write(out / HTML_INDEX_NAME, index_html(editions))
