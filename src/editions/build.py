"""The local runner: a build's stale articles rendered by a pool of processes on this machine.

Takes the articles of a build (the render core, :mod:`editions.render`, holds the lock, chooses and writes);
gives one :class:`~editions.render.RenderOutcome` per article.  Each worker checks its article's freshness,
starts the voice early when the article will be narrated, and renders and writes it through the core.  Workers
die with the build (``procs.worker_init``) and are forked only while no other thread runs.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import sys
import time
from pathlib import Path
from typing import Callable

from .config import Config
from .procs import available_cores, capped, start_method, stop_pool, worker_init
from .render import RenderOutcome, check_fresh, clean_leftovers, failed_outcome, render_one
from .render.registry import narrates

__all__ = ["LocalRunner"]


def _worker(args) -> RenderOutcome:
    src, out, cfg, cache_root, only, verify, force = args
    from .speech.cache import ClipCache
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    started = time.monotonic()
    try:
        cache = ClipCache(cache_root) if cache_root else None
        if narrates(only):
            from .speech.voices import head_start
            head_start(src, cfg, cache)  # an edited article's voice loads while the others are checked
        chosen = check_fresh(src, out, cfg, only, force)
        if isinstance(chosen, RenderOutcome):
            return chosen
        return render_one(src, out, cfg, cache=cache, only=only, verify=verify, show_progress=False, lock=False,
                          article=chosen)
    except Exception as e:  # one article failing (even by a bug) must not stop the batch
        return failed_outcome(src, e, round(time.monotonic() - started, 2))


class LocalRunner:
    """``--jobs N`` processes on this machine (default: its cores), each rendering one article at a time."""

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs

    def plan(self, cfg: Config, articles: int) -> Config:
        cores = available_cores()
        jobs = capped(self.jobs, "--jobs") if self.jobs else None  # no more processes than cores
        self.jobs = max(1, min(jobs or cores, articles))
        if self.jobs > 1 and cfg.audio.workers == 0:  # the voice's processes share the cores with the articles'
            cfg = dataclasses.replace(cfg, audio=dataclasses.replace(cfg.audio, workers=max(1, cores // self.jobs)))
        return cfg

    def run(self, sources: list[Path], out: Path, cfg: Config, *, cache, only, force, verify,
            progress: Callable[[int], None], meanwhile: Callable[[], None] | None = None) -> list[RenderOutcome]:
        if narrates(only):  # auto: the voice it chose is said once for all the workers (speech/choice.py)
            from .speech import settle_voice
            settle_voice(cfg)
        args = [(s, out, cfg, str(cache.root) if cache else None, only, verify, force) for s in sources]
        results: list[RenderOutcome] = []
        if (self.jobs or 1) == 1:
            for a in args:
                results.append(_worker(a))
                progress(1)
            return results
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        pool = ProcessPoolExecutor(self.jobs, mp_context=mp.get_context(start_method()), initializer=worker_init,
                                   initargs=(os.getpid(),))
        try:
            futures = [pool.submit(_worker, a) for a in args]  # never map(): see procs.stop_pool
            if meanwhile is not None:  # the workers are started (all at once): this process is free till results
                meanwhile()
            for fut in futures:
                results.append(fut.result())
                progress(1)
        except BaseException:
            stop_pool(pool)
            clean_leftovers(out)  # the killed workers' temporary files (we still hold the lock)
            raise
        pool.shutdown()
        return results
