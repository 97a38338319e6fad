"""Rendering a build on a Dask distributed cluster (``editions build --scheduler``).

A runner beside the local one (:mod:`editions.build`): takes the articles of a build (the client decides which
are stale, holds the output folder's lock, and writes everything, through the render core,
:mod:`editions.render`) and gives back one RenderOutcome per article.  Each stale article travels to a
worker as a :class:`Job` — its source file, photo and lexicons as bytes, and the settings; the worker lays them
out in its own scratch folder, runs :func:`editions.render.render_article` and returns the finished outputs'
bytes with their report; the client checks and writes them with :func:`editions.render.write_rendered`, exactly
as a local build does.  A worker never sees the client's output folder.

Faults: a worker that dies mid-article makes the scheduler run the article elsewhere (at most
``distributed.scheduler.allowed-failures`` times, 3 by default); an exception inside a render is retried
:data:`RETRIES` times; an article that fails on every try is reported as failed and the others complete.
Dask is the optional extra ``editions[cluster]``, imported only here and only when a scheduler is asked for.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import uuid
from pathlib import Path

from .clusterjob import (Failed, Job, _host, _prune_cache, _worker_version, code_identity, make_job,
                         render_job)
from .config import Config
from .errors import ClusterError, ConfigError, EditionsError
from .procs import interrupts_held

__all__ = ["ClusterRunner", "render_on_cluster", "Cluster", "Job", "make_job", "render_job", "parse_scheduler", "RETRIES",
           "INSTALL"]

log = logging.getLogger("editions")

INSTALL = "pip install 'editions[cluster]'"
RETRIES = 2
"""How many times an article whose render raised is tried again (a dead worker is the scheduler's count)."""
CONNECT_TIMEOUT = 5.0
"""Seconds to reach the scheduler before giving up."""
WORKER_WAIT = 30.0
"""Seconds to wait for a first worker to join the scheduler."""


def parse_scheduler(value: str, where: str = "--scheduler") -> tuple[str, object]:
    """``local:N`` -> ("local", N); ``tcp://HOST:PORT`` (or ``tls://``, or ``HOST:PORT``) -> ("remote", value)."""
    value = value.strip()
    m = re.fullmatch(r"local(?::(\d+))?", value)
    if m:
        n = int(m.group(1) or (os.cpu_count() or 1))
        if not 1 <= n <= 256:
            raise ConfigError(f"bad scheduler '{value}'", path=where, hint="local:N needs 1 to 256 workers")
        return "local", n
    if re.fullmatch(r"(?:(?:tcp|tls|ucx|inproc)://)?[\w.\-\[\]:]+:\d+", value):
        return "remote", value
    raise ConfigError(f"bad scheduler '{value}'", path=where,
                      hint="give tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786), local:N, or none")


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ClusterError("rendering on a Dask cluster needs the 'cluster' extra, which is not installed",
                           hint=f"{INSTALL} — on this machine and on every worker") from None
    return distributed


# ------------------------------------------------------------------------------------------ the client's half

class ClusterRunner:
    """``--scheduler ADDRESS``: a build's stale articles rendered on a Dask cluster (``local:N`` starts one)."""

    def __init__(self, scheduler: str, where: str = "--scheduler"):
        parse_scheduler(scheduler, where)  # a malformed address is a usage error before anything is touched
        self.scheduler = scheduler

    def plan(self, cfg: Config, articles: int) -> Config:
        return cfg  # each worker picks its own voice processes (render_job)

    def run(self, sources: list[Path], out: Path, cfg: Config, *, cache, only, force, verify, progress,
            meanwhile=None) -> list:  # meanwhile is not called: the client checks freshness as it goes
        return render_on_cluster(self.scheduler, sources, out, cfg, cache=cache, only=only, force=force,
                                 verify=verify, progress=progress)


def render_on_cluster(scheduler: str, sources: list[Path], out: Path, cfg: Config, *, cache=None,
                      only: str | None = None, force: bool = False, verify: bool = False, progress=None) -> list:
    """Render the stale ones of ``sources`` on the cluster and write them into ``out`` (the caller holds its
    lock); one RenderOutcome per source, in the order of ``sources``.

    The client checks which articles changed as it goes, and connects (or starts the LocalCluster) only when it
    meets the first one: a build with nothing to do never touches the cluster.  At most twice as many articles
    as the cluster has threads are in flight, so an archive never sits in memory at once.
    """
    from .render import RenderOutcome, check_fresh, failed_outcome
    spec = None if cache is None else (os.path.abspath(cache.root) if getattr(cache, "explicit", True) else "")
    results: dict[int, object] = {}
    flying: dict = {}
    pending = iter(enumerate(sources))
    state: dict = {}

    def tick():
        if progress is not None:
            progress(1)

    def submit_next() -> None:
        for i, src in pending:
            chosen = check_fresh(src, out, cfg, only, force)
            if isinstance(chosen, RenderOutcome):
                results[i] = chosen
                tick()
                continue
            if "cluster" not in state:  # the first article to render: now the cluster is needed
                state["cluster"] = stack.enter_context(Cluster.connect(scheduler))
                state["threads"] = state["cluster"].host_threads()
                from distributed import as_completed
                state["done"] = as_completed(loop=state["cluster"].client.loop)
            try:
                job = make_job(src, chosen, cfg, only, spec, state["threads"])
            except OSError as e:
                results[i] = failed_outcome(src, ClusterError(f"cannot read ({e.strerror or e})",
                                                              path=getattr(e, "filename", None) or src))
                tick()
                continue
            fut = state["cluster"].submit(job, chosen.slug)
            flying[fut] = (i, src, chosen)
            state["done"].add(fut)
            return

    with contextlib.ExitStack() as stack:
        try:
            submit_next()
            if "cluster" in state:
                cluster = state["cluster"]
                for _ in range(max(2, 2 * sum(state["threads"].values())) - 1):
                    submit_next()
                for fut in state["done"]:
                    i, src, article = flying.pop(fut)
                    results[i] = cluster.collect(fut, src, article, out, cfg, only, verify)
                    fut.release()
                    tick()
                    submit_next()
                if cache is not None:
                    with contextlib.suppress(Exception):
                        cluster.client.run(_prune_cache, spec, cfg.audio.cache_max_mb * 1024 * 1024)
        except BaseException:
            if flying:
                with contextlib.suppress(Exception):
                    state["cluster"].client.cancel(list(flying), force=True)
            raise
    return [results[i] for i in sorted(results)]


class Cluster:
    """A connection to a Dask scheduler (or a LocalCluster started for the build); a context manager."""

    def __init__(self, client, local=None, address: str = ""):
        self.client, self.local, self.address = client, local, address

    @classmethod
    def connect(cls, scheduler: str) -> "Cluster":
        """Reach the scheduler, wait for a worker, and check every worker runs this editions version."""
        kind, value = parse_scheduler(scheduler)
        distributed = _distributed()
        import dask
        if not log.isEnabledFor(logging.DEBUG):
            for name in ("distributed", "tornado"):
                logging.getLogger(name).setLevel(logging.ERROR)
        local = None
        try:
            if kind == "local":
                # worker processes that may start the offline voice's own process pool; three deaths of a worker
                # under one article and that article is given up; workers started by a fork server, never forked
                # from this process, whose IO loop thread is alive by then (a forked child can inherit a lock
                # that thread holds and wait on it forever); each quietens its signals as it starts
                with dask.config.set({"distributed.worker.daemon": False,
                                      "distributed.scheduler.allowed-failures": 3,
                                      "distributed.worker.multiprocessing-method": "forkserver",
                                      "distributed.worker.preload": ["editions.clusterjob"]}):
                    local = distributed.LocalCluster(n_workers=value, threads_per_worker=1, processes=True,
                                                     host="127.0.0.1", dashboard_address=None, memory_limit=0,
                                                     silence_logs=logging.CRITICAL)
                client = distributed.Client(local, set_as_default=False)
            else:
                client = distributed.Client(value, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except Exception as e:
            if local is not None:
                local.close()
            if kind == "local":
                raise ClusterError(f"cannot start a local Dask cluster ({e.__class__.__name__}: {e})",
                                   path=scheduler, hint="run with --debug to see why, or use --jobs") from None
            raise ClusterError(f"cannot reach the Dask scheduler ({' '.join(str(e).split())[:160]})", path=scheduler,
                               hint="start it with 'dask scheduler', or check the address and the firewall") from None
        self = cls(client, local, scheduler)
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise
        return self

    def _check_workers(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT)
        except (TimeoutError, OSError):
            raise ClusterError(f"no worker joined the scheduler in {WORKER_WAIT:.0f} s", path=self.address,
                               hint=f"start workers with 'dask worker {self.address}'") from None
        try:
            versions = self.client.run(_worker_version)
        except Exception as e:  # a worker without editions cannot even unpickle the function
            raise ClusterError(f"a worker cannot run editions ({e.__class__.__name__}: {e})", path=self.address,
                               hint=f"{INSTALL} on every worker, then restart them") from None
        wrong = {w: v for w, v in versions.items() if v != code_identity()}
        if wrong:
            listed = ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items()))
            raise ClusterError(f"workers run another editions version than this client ({code_identity()}): "
                               f"{listed}", path=self.address,
                               hint="install the same editions version on every machine")

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close(timeout=5)
        if self.local is not None:
            with contextlib.suppress(Exception):
                self.local.close(timeout=10)

    def host_threads(self) -> dict[str, int]:
        threads: dict[str, int] = {}
        try:
            info = self.client.scheduler_info(n_workers=-1)  # every worker (since 2025.4 the default is 5)
        except TypeError:  # an older distributed lists them all anyway
            info = self.client.scheduler_info()
        for addr, w in info.get("workers", {}).items():
            host = w.get("host") or _host(addr)
            threads[host] = threads.get(host, 0) + int(w.get("nthreads", 1))
        return threads

    def submit(self, job: Job, slug: str):
        with interrupts_held():  # an interrupt inside Future() left it half made: a traceback when collected
            return self.client.submit(render_job, job, key=f"editions-{slug}-{uuid.uuid4().hex[:12]}", pure=False,
                                      retries=RETRIES)

    def collect(self, fut, src: Path, article, out: Path, cfg: Config, only, verify):
        from .render import RenderOutcome, Rendered, failed_outcome, verify_written, write_rendered
        try:
            value = fut.result()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # the render's own exception, KilledWorker, or cancelled (scheduler lost)
            why = f"{e.__class__.__name__}: {' '.join(str(e).split())[:200]}"
            if e.__class__.__name__ == "KilledWorker":
                why = "the worker rendering it died on every try"
            return RenderOutcome(str(src), article.slug, "failed", exit_code=1,
                                 error=f"{src}: failed on every try on the cluster ({why})")
        if isinstance(value, Failed):
            if value.fatal:
                raise ClusterError(value.message, path=self.address)
            return RenderOutcome(str(src), article.slug, "failed", error=value.message, exit_code=value.exit_code)
        if not isinstance(value, Rendered):
            return RenderOutcome(str(src), article.slug, "failed", exit_code=1,
                                 error=f"{src}: a worker answered with {type(value).__name__}, not an edition")
        try:
            outcome = write_rendered(value, src, article, out, cfg, only)
            if verify:
                verify_written(outcome, article, out, cfg)
            return outcome
        except EditionsError as e:
            return failed_outcome(src, e, value.seconds)
