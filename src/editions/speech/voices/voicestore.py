"""The offline voice's files, kept ready in a folder (the clip cache's ``.voice``): faster to load, the same voice.

Takes hibari's own files; gives :func:`parsed_assets`, a reader that answers hibari's JSON assets (the G2P's
pronouncing lexicons and tagger: 0.3 s to parse) from SQLite tables read a word at a time (opened in 0.02 s), and
:func:`optimised_model`, the voice's ONNX model with onnxruntime's extended graph optimisations already
applied and saved (a session opens in 0.04 s instead of 0.16 s; its output is bit-identical, which the tests
check).  Both are made on first use, keyed by the source file's size and time and the software that made
them, written atomically, and checked when opened (a CRC; a model onnxruntime rejects); a copy that is damaged
is made again, and a store that cannot be written costs only time.  The folder is given by the caller (the
clip cache's ``.voice``: :attr:`editions.speech.cache.ClipCache.voice_store`); with none, the voice reads its own.
Several installs of the voice may share one folder (a cluster's shared cache): each keeps its own copies, and
a copy made from other files than the ones being kept is removed only once it is :data:`KEEP_OTHERS` old.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path

__all__ = ["parsed_assets", "optimised_model", "forget", "KEEP_OTHERS"]

KEEP_OTHERS = 7 * 24 * 3600
"""Seconds a copy made from another install's files (another version, or the same on another machine: the
copies are keyed by the files' size and time) is kept: long enough that installs sharing a folder do not
remove each other's copies, short enough that an old version's go soon after an upgrade."""


TABLES = {"lexicon_": ("t",), "tagger.json.gz": ("tagdict", "weights")}
"""The assets kept as tables (asset name or prefix -> its str-keyed mappings read a key at a time); any other
part of such an asset (the tagger's tag list and vocabulary) is kept whole."""


class Table:
    """A read-only ``str -> value`` mapping in a SQLite file, read a key at a time and remembered: what hibari's
    G2P asks of its lexicons and tagger (``get``, ``in``, ``[]``)."""

    def __init__(self, con, table: str):
        self._con, self._sql, self._memo = con, f"SELECT v FROM {table} WHERE k = ?", {}

    def get(self, key, default=None):
        try:
            value = self._memo[key]
        except KeyError:
            row = self._con.execute(self._sql, (key,)).fetchone() if isinstance(key, str) else None
            value = self._memo[key] = None if row is None else marshal.loads(row[0])
        return default if value is None else value

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value


def _tables(name: str) -> tuple[str, ...]:
    return next((t for prefix, t in TABLES.items() if name.startswith(prefix)), ())


def parsed_assets(load, assets: str, store: Path):
    """``load`` (hibari's JSON asset reader), answered from ``store``: the lexicons and the tagger as tables in a
    SQLite file, opened in milliseconds and read a word at a time (parsing their JSON took 0.3 s, and the G2P of
    an article asks for a few hundred of their 270,000 entries); keyed by the asset file's size and time, so a
    changed voice package is never answered from an old copy, and checked whole by a CRC when opened."""
    def read(name: str):
        tables = _tables(name)
        try:
            st = os.stat(os.path.join(assets, name))
        except OSError:
            return load(name)
        if not tables:
            return load(name)
        stem = f"{name}-{st.st_size}-{st.st_mtime_ns}-py{sys.version_info[0]}{sys.version_info[1]}"
        try:
            return _open(Path(store), stem, tables)
        except Exception:  # not made yet, or damaged: made (again) from the asset
            pass
        data = load(name)
        try:
            _make(Path(store), stem, tables, data)
            return _open(Path(store), stem, tables)
        except Exception:  # only a shortcut: a store that cannot take it costs the next load 0.3 s
            return data
    return read


def _open(store: Path, stem: str, tables: tuple[str, ...]):
    """The asset as tables (and whole parts), from ``stem-CRC.sqlite`` if its bytes still have that CRC."""
    import sqlite3
    for path in sorted(store.glob(f"{_glob_escape(stem)}-*.sqlite")):
        if f"{zlib.crc32(path.read_bytes()):08x}" == path.stem.rsplit("-", 1)[1]:
            break
        path.unlink(missing_ok=True)  # damaged: made again by the caller
    else:
        raise FileNotFoundError(stem)
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    parts = {k: marshal.loads(v) for k, v in con.execute("SELECT k, v FROM whole")}
    if tables == ("t",):
        return Table(con, "t")
    return {**parts, **{t: Table(con, t) for t in tables}}


def _make(store: Path, stem: str, tables: tuple[str, ...], data) -> None:
    """Write ``data`` as ``stem-CRC.sqlite``: each table's mapping a row per key, the rest whole."""
    import sqlite3
    store.mkdir(parents=True, exist_ok=True)
    tmp = store / f".{stem}.{os.getpid()}.tmp"
    try:
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode = OFF")  # a temporary file, renamed into place only when whole
        con.execute("PRAGMA synchronous = OFF")
        mappings = {"t": data} if tables == ("t",) else {t: data[t] for t in tables}
        whole = {} if tables == ("t",) else {k: v for k, v in data.items() if k not in tables}
        for table, mapping in mappings.items():
            con.execute(f"CREATE TABLE {table} (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID")
            con.executemany(f"INSERT INTO {table} VALUES (?, ?)",  # in key order: appended, not inserted
                           ((k, marshal.dumps(v)) for k, v in sorted(mapping.items())))
        con.execute("CREATE TABLE whole (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID")
        con.executemany("INSERT INTO whole VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in whole.items()))
        con.commit()
        con.close()
        crc = zlib.crc32(tmp.read_bytes())
        os.replace(tmp, store / f"{stem}-{crc:08x}.sqlite")
        _drop_older(store, stem.split("-")[0], f"{stem}-{crc:08x}.sqlite")
    finally:
        tmp.unlink(missing_ok=True)


def _drop_older(store: Path, asset: str, keep: str) -> None:
    """Remove the store's copies of ``asset`` made from other files than ``keep`` was, once they are
    :data:`KEEP_OTHERS` old (another install sharing the folder keeps its own meanwhile)."""
    import time
    stale = time.time() - KEEP_OTHERS
    for old in store.glob(f"{_glob_escape(asset)}-*"):
        if old.name != keep and old.suffix in (".sqlite", ".onnx"):
            try:
                if old.stat().st_mtime < stale:
                    old.unlink()
            except OSError:
                pass


def _glob_escape(text: str) -> str:
    import glob
    return glob.escape(text)


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
        _drop_older(Path(store), Path(path).stem, out.name)
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
    if p.parent.name == ".voice" and p.suffix in (".onnx", ".sqlite"):
        try:
            p.unlink()
        except OSError:
            pass
