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
from .procs import Behind, available_cores, capped, start_method, stop_pool, worker_init
from .render import RenderOutcome, check_fresh, clean_leftovers, edited, failed_outcome, render_one
from .render.registry import narrates

__all__ = ["LocalRunner"]


def _worker(args) -> RenderOutcome:
    """One article's outcome; ``article``, when the runner has already found it stale, is rendered as it is."""
    src, out, cfg, cache_root, only, verify, force, article = args
    from .speech.cache import ClipCache
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    started = time.monotonic()
    try:
        cache = ClipCache(cache_root) if cache_root else None
        if narrates(only):
            from .speech.voices import head_start
            head_start(src, cfg, cache)  # an edited article's voice loads while it is checked and parsed
        chosen = article if article is not None else check_fresh(src, out, cfg, only, force)
        if isinstance(chosen, RenderOutcome):
            return chosen
        return render_one(src, out, cfg, cache=cache, only=only, verify=verify, show_progress=False, lock=False,
                          article=chosen)
    except Exception as e:  # one article failing (even by a bug) must not stop the batch
        return failed_outcome(src, e, round(time.monotonic() - started, 2))


def _checked(src: Path, out: Path, cfg: Config, only, force: bool):
    """check_fresh's answer; a failed outcome when it fails (even by a bug: one article must not stop the batch)."""
    try:
        return check_fresh(src, out, cfg, only, force)
    except Exception as e:
        return failed_outcome(src, e, 0.0)


class LocalRunner:
    """``--jobs N`` processes on this machine (default: its cores), each rendering one article at a time."""

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs

    def plan(self, cfg: Config, articles: int) -> Config:
        cores = available_cores()
        jobs = capped(self.jobs, "--jobs") if self.jobs else None  # no more processes than cores
        self.jobs = max(1, min(jobs or cores, articles))
        self._voice_workers = cfg.audio.workers  # as the settings have it (0: as many as suit the cores)
        return self._shared(cfg, self.jobs)

    @staticmethod
    def _shared(cfg: Config, jobs: int) -> Config:
        """The voice's processes share the cores with the articles' (unless the settings name a number)."""
        if jobs > 1 and cfg.audio.workers == 0:
            cfg = dataclasses.replace(cfg, audio=dataclasses.replace(cfg.audio, workers=max(1, available_cores() // jobs)))
        return cfg

    def run(self, sources: list[Path], out: Path, cfg: Config, *, cache, only, force, verify,
            progress: Callable[[int], None], meanwhile: Callable[[], None] | None = None) -> list[RenderOutcome]:
        if narrates(only):  # auto: the voice it chose is said once for all the workers (speech/choice.py)
            from .speech import settle_voice
            settle_voice(cfg)
        if (self.jobs or 1) == 1:
            results: list[RenderOutcome] = []
            for s in sources:
                results.append(_worker((s, out, cfg, str(cache.root) if cache else None, only, verify, force, None)))
                progress(1)
            return results
        # an edited article (its source's bytes are not those its manifest names) is stale whatever else holds:
        # its worker starts at once, and the others are checked while it renders
        first = set() if force else {i for i, s in enumerate(sources) if edited(s, out)}
        if first:
            return self._edited_first(sources, out, cfg, first, cache=cache, only=only, force=force, verify=verify,
                                      progress=progress, meanwhile=meanwhile)
        # else the up-to-date articles are told apart here first (hashes, a fraction of a second), so that the pool
        # is as large as what is stale: a folder of thirty whose settings changed gets every core
        done: dict[int, RenderOutcome] = {}
        stale: dict[int, object] = {}  # index -> the parsed article, rendered by a worker without a second look
        for i, s in enumerate(sources):
            chosen = _checked(s, out, cfg, only, force)
            if isinstance(chosen, RenderOutcome):
                done[i] = chosen
                progress(1)
            else:
                stale[i] = chosen
        jobs = max(1, min(self.jobs, len(stale)))
        cfg = self._for(cfg, jobs)
        args = {i: (sources[i], out, cfg, str(cache.root) if cache else None, only, verify, force, article)
                for i, article in stale.items()}
        if not stale:  # (nothing renders: nothing to read meanwhile; whoever asked reads what it needs itself)
            return [done[i] for i in range(len(sources))]
        pool = self._pool(jobs)

        def start() -> dict:
            futures = {i: pool.submit(_worker, a) for i, a in args.items()}  # never map(): see procs.stop_pool
            if meanwhile is not None:  # the workers are started (all at once): this process is free till results
                meanwhile()
            return futures
        return self._collect(pool, start, done, len(sources), out, progress)

    def _for(self, cfg: Config, jobs: int) -> Config:
        """The settings for ``jobs`` articles at once when fewer than planned: the voice's share of the cores."""
        if jobs < self.jobs and getattr(self, "_voice_workers", None) == 0:
            return self._shared(dataclasses.replace(cfg, audio=dataclasses.replace(cfg.audio, workers=0)), jobs)
        return cfg

    @staticmethod
    def _collect(pool, start, done: dict, n: int, out: Path, progress) -> list[RenderOutcome]:
        """Every article's outcome, in order, once ``start()`` has handed the pool its work (index -> future)."""
        try:
            for i, fut in start().items():
                done[i] = fut.result()
                progress(1)
            results = [done[i] for i in range(n)]
        except BaseException:
            stop_pool(pool)
            clean_leftovers(out)  # the killed workers' temporary files (we still hold the lock)
            raise
        pool.shutdown()
        return results

    def _pool(self, jobs: int):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        return ProcessPoolExecutor(jobs, mp_context=mp.get_context(start_method()), initializer=worker_init,
                                   initargs=(os.getpid(),))

    def _edited_first(self, sources: list[Path], out: Path, cfg: Config, first: set[int], *, cache, only, force,
                      verify, progress, meanwhile) -> list[RenderOutcome]:
        """The edited articles rendered at once, each voice with the cores' share of as many jobs as there are
        edited articles (one edited article: all of them, as alone); the others checked here meanwhile, and any of
        them found stale (a changed photo, lexicon, damaged output) handed to the same pool at the planned share."""
        early = self._for(cfg, max(1, min(self.jobs, len(first))))
        root = str(cache.root) if cache else None
        done: dict[int, RenderOutcome] = {}
        pool = self._pool(self.jobs)

        def start() -> dict:
            futures = {i: pool.submit(_worker, (sources[i], out, early, root, only, verify, force, None))
                       for i in sorted(first)}  # never map(): see procs.stop_pool

            def the_others() -> dict:  # checked (and read ahead) at a lower priority than the render
                more = {}
                for i, s in enumerate(sources):
                    if i in first:
                        continue
                    chosen = _checked(s, out, cfg, only, force)
                    if isinstance(chosen, RenderOutcome):
                        done[i] = chosen
                        progress(1)
                    else:
                        more[i] = pool.submit(_worker, (s, out, cfg, root, only, verify, force, chosen))
                if meanwhile is not None:  # this process is free till the results
                    meanwhile()
                return more
            futures.update(Behind(the_others).result())
            return futures
        return self._collect(pool, start, done, len(sources), out, progress)
