"""One article, or a folder of them: the lock, the choice of what is stale, a runner that renders, the writes
and ``index.json``.

Takes article files, settings and a :class:`Runner`; gives a :class:`~editions.render.outcome.RenderOutcome`
per article (a :class:`~editions.render.outcome.BuildReport` for a folder).  A runner is how the stale
articles are rendered -- the local process pool (:mod:`editions.build`) or a Dask cluster
(:mod:`editions.cluster`); choosing what to build, the lock, the writes and index.json are the same for both,
here.  Nothing here imports a runner: the command line hands one in.
"""
from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from typing import Callable, Protocol

from ..config import Config
from ..errors import InputError, bad_path_error
from ..model import Article
from ..parse import ARTICLE_SUFFIXES, load_article
from .article import render_article
from .lock import output_lock
from .manifest import INDEX_NAME, is_ours, write_index_safely
from .outcome import BuildReport, RenderOutcome
from .outdir import prepare_output
from .outputs import check_outputs, same_place
from .write import verify_written, write_rendered

__all__ = ["Runner", "render_one", "build_folder", "find_articles"]


class Runner(Protocol):
    """How a batch's articles are rendered."""

    def plan(self, cfg: Config, articles: int) -> Config:
        """Before anything is touched: the settings its renders use (how many voice processes each may start),
        and a usage error for a runner that cannot be (a malformed scheduler address)."""

    def run(self, sources: list[Path], out: Path, cfg: Config, *, cache, only: str | None, force: bool,
            verify: bool, progress: Callable[[int], None], meanwhile: Callable[[], None] | None = None
            ) -> list[RenderOutcome]:
        """Every source's outcome, in order (the caller holds the output folder's lock).  ``meanwhile``, when
        given, may be called once in this thread while other processes render (the workers already started),
        or not at all: work of the caller's that needs no rendered article (the issue's, :mod:`editions.issue`)."""


def render_one(src: Path, out: Path, cfg: Config, *, cache=None, only: str | None = None, verify: bool = False,
               engine=None, show_progress: bool = True, lock: bool = True, article: Article | None = None
               ) -> RenderOutcome:
    """Render the editions of one article into ``out`` (atomically), and its manifest."""
    ctx = output_lock(out) if lock else contextlib.nullcontext()
    with ctx:
        if article is None:
            article = load_article(src, cfg.parse)
            check_outputs(src, article, out, cfg, only)  # never over an input, nor into a folder in the way
        rendered = render_article(article, cfg, out, cache=cache, only=only, engine=engine,
                                  show_progress=show_progress)
        outcome = write_rendered(rendered, src, article, out, cfg, only)
        if verify:
            verify_written(outcome, article, out, cfg)
    if cache is not None and lock:
        cache.prune(cfg.audio.cache_max_mb * 1024 * 1024)
    return outcome


def find_articles(folder: Path, out: Path | None = None) -> list[Path]:
    """The article files in ``folder`` (or ``folder`` itself, a file).  When ``out`` is the same folder, the
    manifests and index.json an earlier build wrote there are ours, not articles."""
    try:
        st = os.stat(folder)
    except OSError as e:
        raise bad_path_error(e, folder) or InputError(
            "folder not found", path=folder, hint="give the folder that holds the articles") from None
    if not stat.S_ISDIR(st.st_mode):
        return [folder]
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                   and not p.name.startswith(".") and not p.name.endswith(".lexicon.toml"))
    if out is not None and same_place(out / INDEX_NAME, folder / INDEX_NAME):
        found = [p for p in found if not (p.suffix == ".json" and is_ours(p))]
    return found


def build_folder(folder: Path, out: Path, cfg: Config, runner: Runner, *, cache=None, only=None,
                 force: bool = False, verify: bool = False, meanwhile: Callable[[], None] | None = None
                 ) -> BuildReport:
    """Render every article in ``folder`` with ``runner``; one article failing does not stop the others."""
    sources = find_articles(folder, out)
    if not sources:
        raise InputError("no article files (.md, .txt, .json) in the folder", path=folder)
    cfg = runner.plan(cfg, len(sources))
    started = time.monotonic()
    try:
        prepare_output(out)
    except InputError as e:  # nothing can be written: say so once, under a summary of what was not rendered
        return BuildReport([RenderOutcome(str(s), status="failed") for s in sources], 0.0, e.one_line(), 2)
    from ..model import slugify
    seen: dict[str, Path] = {}
    clashes: list[RenderOutcome] = []
    for src in list(sources):
        slug = slugify(src.stem)
        if slug in seen:
            sources.remove(src)
            clashes.append(RenderOutcome(str(src), slug, "failed", exit_code=2, error=InputError(
                f"would write the same output files as {seen[slug].name}", path=src,
                hint="rename one of the two articles").one_line()))
        else:
            seen[slug] = src
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(output_lock(out, wait=0))
        except InputError as e:  # a .lock that is not ours: one line, under the summary
            return BuildReport([RenderOutcome(str(s), status="failed") for s in sources], 0.0, e.one_line(), 2)
        from ..progress import Progress
        bar = Progress("building", len(sources))
        results: list[RenderOutcome] = list(clashes)
        more = {"meanwhile": meanwhile} if meanwhile is not None else {}
        results += runner.run(sources, out, cfg, cache=cache, only=only, force=force, verify=verify, progress=bar,
                              **more)
        error, code = write_index_safely(out, results, [*sources, *(Path(p) for p in (cfg.source, cfg.audio.lexicon)
                                                                    if p)])
    if cache is not None:
        cache.prune(cfg.audio.cache_max_mb * 1024 * 1024)
    return BuildReport(results, round(time.monotonic() - started, 2), error, code)
