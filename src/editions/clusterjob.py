"""A Dask worker's half of ``editions build --scheduler``: the job an article travels as, and what a worker
does with it.

Takes a :class:`Job` (the article's source, photo and lexicons as bytes, and the settings); gives the render
core's :class:`~editions.render.Rendered` (the finished outputs' bytes and their report) or :class:`Failed`.
A worker lays the files out in its own scratch folder and never sees the client's output folder.  Imported by
the client (:mod:`editions.cluster`) and, by name, on every worker.
"""
from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ._version import __version__
from .config import Config
from .errors import EditionsError

__all__ = ["Job", "make_job", "Failed", "render_job", "code_identity", "dask_setup", "LEXICON_DIR"]

LEXICON_DIR = "_lexicon"


# --------------------------------------------------------------------------------------------- the job (data)

@dataclass(frozen=True)
class Job:
    """One article as a worker receives it: everything it needs, nothing of the client's file system."""
    source: str
    """The article's path on the client (errors and warnings name it)."""
    root: str
    """The client folder ``files`` are relative to (paths in messages are mapped back to it)."""
    relpath: str
    """The source's path inside ``files``."""
    files: dict[str, bytes]
    """Relative path -> bytes: the source, its photo, its ``NAME.lexicon.toml``, the configured extra lexicon."""
    lexicon: str | None
    """The client path of ``audio.lexicon`` (shipped as ``_lexicon/NAME``), or None."""
    cfg: Config
    only: str | None
    cache: str | None
    """None: no clip cache; "": the worker's own default cache; else a folder (a shared file system)."""
    host_threads: dict[str, int]
    """Host -> render threads the cluster has there, so the offline voice does not oversubscribe the cores."""
    version: str = ""
    """The client's editions version and code digest (see :func:`code_identity`); set by make_job."""


def make_job(src: Path, article, cfg: Config, only: str | None, cache: str | None,
             host_threads: dict[str, int]) -> Job:
    """Pack an article for a worker (on the client, after the article was parsed and found stale)."""
    from .speech.text import article_lexicon_path
    src = Path(src).resolve()
    extras = [p for p in (article.photo_file(), article_lexicon_path(src)) if p is not None and os.path.isfile(p)]
    # the folder above all of them, kept by name: a photo under "assets/" must stay under a folder so named
    common = Path(os.path.commonpath([src.parent, *(Path(p).resolve().parent for p in extras)]))
    root = common.parent if common.parent != common else common
    files = {src.relative_to(root).as_posix(): src.read_bytes()}
    for p in extras:
        p = Path(p).resolve()
        files[p.relative_to(root).as_posix()] = p.read_bytes()
    lexicon = None
    if cfg.audio.lexicon:
        lexicon = str(Path(cfg.audio.lexicon))
        files[f"{LEXICON_DIR}/{Path(cfg.audio.lexicon).name}"] = Path(cfg.audio.lexicon).read_bytes()
    return Job(str(src), str(root), src.relative_to(root).as_posix(), files, lexicon, cfg, only, cache,
               dict(host_threads), code_identity())


@dataclass
class Failed:
    """A worker's answer for an article that cannot be rendered (bad input, full disk): not worth a retry."""
    message: str
    exit_code: int = 1
    fatal: bool = False
    """True when the worker itself is unfit (another editions version): the build stops."""


# ------------------------------------------------------------------------------------------ the worker's half

def render_job(job: Job):
    """What a worker runs for one article: a :class:`~editions.render.Rendered`, or :class:`Failed`.

    An unexpected exception propagates, so that Dask retries the article (on this or another worker).
    """
    if job.version != code_identity():
        return Failed(f"a worker runs editions {code_identity()} but the client {job.version} (install the same "
                      "version on every machine)", fatal=True)
    from .render import render_article
    from .parse import load_article
    from .speech.cache import ClipCache
    scratch, host, nthreads = None, "", 1
    with contextlib.suppress(ImportError, ValueError):
        from distributed import get_worker
        worker = get_worker()
        scratch, nthreads = worker.local_directory, worker.state.nthreads
        host = _host(worker.address)
    base = Path(tempfile.mkdtemp(prefix="editions-", dir=scratch)).resolve()

    def client_paths(text: str) -> str:
        if job.lexicon:
            text = text.replace(str(base / LEXICON_DIR / Path(job.lexicon).name), job.lexicon)
        return text.replace(str(base), job.root)
    try:
        for rel, data in job.files.items():
            path = base / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        audio = job.cfg.audio
        if job.lexicon:
            audio = dataclasses.replace(audio, lexicon=str(base / LEXICON_DIR / Path(job.lexicon).name))
        if audio.workers == 0:
            share = max(1, (os.cpu_count() or 1) // max(1, job.host_threads.get(host, nthreads)))
            if multiprocessing.current_process().daemon:  # a daemonic worker may not start a process pool
                share = 1
            audio = dataclasses.replace(audio, workers=share)
        cfg = dataclasses.replace(job.cfg, audio=audio)
        article = load_article(base / job.relpath, cfg.parse)
        cache = None if job.cache is None else ClipCache.from_setting(job.cache or None)
        rendered = render_article(article, cfg, base, cache=cache, only=job.only)
        rendered.warnings = [client_paths(w) for w in rendered.warnings]
        return rendered
    except EditionsError as e:
        return Failed(client_paths(e.one_line()), e.exit_code)
    finally:
        shutil.rmtree(base, ignore_errors=True)


_identity: str | None = None


def code_identity() -> str:
    """``VERSION+DIGEST``: the package version and a digest of its code and data files, so that two machines
    with the same version number but different code (an unreleased checkout) are told apart too."""
    global _identity
    if _identity is None:
        import hashlib
        package = Path(__file__).resolve().parent
        h = hashlib.sha256()
        for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".toml") and p.is_file()):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        _identity = f"{__version__}+{h.hexdigest()[:12]}"
    return _identity


def _worker_version() -> str:
    return code_identity()


def _prune_cache(cache: str | None, max_bytes: int) -> int:
    from .speech.cache import ClipCache
    return ClipCache.from_setting(cache or None).prune(max_bytes)


def dask_setup(worker=None) -> None:
    """Run in each LocalCluster worker as it starts (``distributed.worker.preload``): Ctrl-C is the client's to
    handle (it cancels the work and closes the cluster), and SIGTERM simply ends the worker, instead of each
    worker printing a KeyboardInterrupt traceback on the terminal."""
    import signal
    import threading
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _host(address: str) -> str:
    m = re.match(r"^(?:\w+://)?\[?([^\]]+?)\]?:\d+$", address)
    return m.group(1) if m else address
