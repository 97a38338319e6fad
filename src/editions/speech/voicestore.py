"""The offline voice's files, kept ready in the cache folder's ``.voice``: faster to load, the same voice.

Takes hibari's own files; gives :func:`parsed_assets`, a reader that answers hibari's JSON assets (the G2P's
pronouncing lexicons and tagger: 0.3 s to parse) from a :mod:`marshal` copy (0.1 s to read), and
:func:`optimised_model`, the voice's ONNX model with onnxruntime's extended graph optimisations already
applied and saved (a session opens in 0.04 s instead of 0.16 s; its output is bit-identical, which the tests
check).  Both are made on first use, keyed by the source file's size and time and the software that made
them, written atomically, and checked when read (a CRC; a model onnxruntime rejects); a copy that is damaged
is made again, and a store that cannot be written costs only time.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path

from ..files import atomic_write

__all__ = ["store_dir", "parsed_assets", "optimised_model", "forget"]


def store_dir() -> Path:
    """``.voice`` in the default clip cache folder ($EDITIONS_CACHE, else the user's cache folder)."""
    from .cache import default_cache_dir
    return default_cache_dir() / ".voice"


def parsed_assets(load, assets: str, store: Path):
    """``load`` (hibari's JSON asset reader), answered from ``store`` when it holds that asset, parsed (keyed
    by the asset file's size and time, so a changed voice package is never answered from an old copy)."""
    def read(name: str):
        try:
            st = os.stat(os.path.join(assets, name))
        except OSError:
            return load(name)
        path = Path(store) / f"{name}-{st.st_size}-{st.st_mtime_ns}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
        try:
            blob = path.read_bytes()
            if int.from_bytes(blob[:4], "big") == zlib.crc32(blob[4:]):
                return marshal.loads(blob[4:])
        except (OSError, ValueError, EOFError, TypeError):
            pass
        data = load(name)
        try:
            body = marshal.dumps(data)
            atomic_write(path, zlib.crc32(body).to_bytes(4, "big") + body)
        except (OSError, ValueError):  # only a shortcut: a store that cannot take it costs the next load 0.2 s
            pass
        return data
    return read


def optimised_model(path: str, store: Path) -> str:
    """The path of ``path`` (an ONNX model) saved after onnxruntime's extended graph optimisations (the level
    that does not depend on this machine's processor); ``path`` itself if that cannot be made."""
    import onnxruntime as ort
    try:
        st = os.stat(path)
    except OSError:
        return path
    out = Path(store) / f"{Path(path).stem}-{st.st_size}-{st.st_mtime_ns}-ort{ort.__version__}-extended.onnx"
    if out.is_file():
        return str(out)
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    so.intra_op_num_threads = so.inter_op_num_threads = 1
    so.log_severity_level = 3
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        so.optimized_model_filepath = str(tmp)
        ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        os.replace(tmp, out)
    except Exception:  # only a shortcut (a full disk, a read-only cache): the model as shipped
        try:
            tmp.unlink()
        except OSError:
            pass
        return path
    return str(out)


def forget(path: str) -> None:
    """Remove a saved copy that turned out damaged (never a file outside the store)."""
    p = Path(path)
    if p.parent.name == ".voice" and p.suffix in (".onnx", ".marshal"):
        try:
            p.unlink()
        except OSError:
            pass
