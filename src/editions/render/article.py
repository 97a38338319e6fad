"""Rendering one article's editions to bytes in memory: what a local worker and a cluster worker both run.

Takes an :class:`~editions.model.Article`, the settings and the editions asked for; gives a :class:`Rendered`
(plain data that can cross a process or a network).  The stages, for whatever editions the registry holds:

1. every chosen edition's ``precheck`` (text the fonts cannot draw is refused before a minute of narration);
2. the providers the chosen editions need are started (the voice works on what the cache lacks...);
3. ...while the editions that need nothing but the article are rendered (the print edition);
4. the providers finish; the editions that need them are rendered (the audio report, the read-along EPUB);
5. last, the editions that need ``editions`` (the web page, which shows the others' sizes) are handed the
   finished files of every other edition made in this render.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ..config import Config
from ..errors import bad_path_error
from ..files import TMP_MARK
from ..model import Article
from . import registry
from .outputs import write_error
from .registry import EditionJob, Provided

__all__ = ["Rendered", "render_article"]


@dataclass
class Rendered:
    """One article's editions in memory: what :func:`render_article` gives (on a worker, or here) and
    :func:`~editions.render.write.write_rendered` checks and writes."""
    slug: str
    files: dict[str, bytes]
    """Output key (``mp3``, ``vtt``, ``pdf``, ``large_pdf``, ``epub``...) -> the finished file's bytes."""
    sha256: dict[str, str]
    """Output key -> SHA-256 of its bytes, as the renderer computed it (checked again by the writer)."""
    report: dict
    """Each edition's section of the manifest (read-back facts such as pages are added by the writer)."""
    warnings: list[str]
    seconds: float
    version: str = __version__


def _tmp(final: Path) -> Path:
    return final.with_name(f".{final.name}{TMP_MARK}{os.getpid()}")


def render_article(article: Article, cfg: Config, workdir: Path, *, cache=None, only: str | None = None,
                   engine=None, show_progress: bool = False) -> Rendered:
    """Render one article's editions to bytes in memory.

    Scratch files go in ``workdir`` under temporary names and are gone when this returns; nothing else is
    written (the clip cache apart).  Raises EditionsError for a problem with the article or the machine.
    """
    started = time.monotonic()
    chosen = registry.chosen(only)
    providers = {e.provides: e for e in chosen if e.provides}
    for e in chosen:  # what a chosen edition needs is made even when its provider's files are not kept
        for need in e.needs:
            if need != "editions":
                providers.setdefault(need, registry.provider(need))
    running = chosen + [p for p in providers.values() if p not in chosen]
    temps = {e.name: {o.key: _tmp(Path(workdir) / f"{article.slug}{o.ending}") for o in e.outputs}
             for e in running}

    def job(e, inputs=None) -> EditionJob:
        return EditionJob(article, cfg, temps[e.name], inputs or {}, cache, engine, show_progress)

    for e in chosen:
        precheck = getattr(registry.hooks(e), "precheck", None)
        if precheck is not None:
            precheck(article)
    reports: dict[str, registry.Report] = {}
    provided: dict[str, Provided] = {}
    try:
        handles = {what: registry.hooks(p).start(job(p)) for what, p in providers.items()}
        for e in chosen:
            if not e.needs and not e.provides:
                reports[e.name] = registry.hooks(e).render(job(e))
        for what, handle in handles.items():
            provided[what] = handle.finish()
        for last in (False, True):
            for e in chosen:
                if (e.needs or e.provides) and ("editions" in e.needs) == last:
                    inputs = {n: provided[n] for n in (*e.needs, *([e.provides] if e.provides else []))
                              if n != "editions"}
                    if last:
                        inputs["editions"] = Provided(None, {o.key: temps[x.name][o.key] for x in chosen
                                                             if "editions" not in x.needs for o in x.outputs})
                    reports[e.name] = registry.hooks(e).render(job(e, inputs))
        files = {o.key: temps[e.name][o.key].read_bytes() for e in chosen for o in e.outputs}
    except OSError as e:  # nothing is renamed into place yet; a name too long (--cache, --out) is bad input
        raise bad_path_error(e) or write_error(e, Path(workdir), {
            str(t): t.name[1:].split(TMP_MARK)[0] for paths in temps.values() for t in paths.values()}) from None
    finally:
        for paths in temps.values():
            for t in paths.values():
                with contextlib.suppress(OSError):
                    t.unlink()
    warnings = list(article.warnings)
    for p in provided.values():
        warnings += p.warnings
    for e in chosen:
        if e.name in reports:
            warnings += reports[e.name].warnings
    report = {name: r.section for name, r in reports.items() if r.section is not None}
    return Rendered(article.slug, files, {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}, report,
                    list(dict.fromkeys(warnings)), round(time.monotonic() - started, 2))
