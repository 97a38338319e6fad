"""Building editions: one article or a folder, atomically, incrementally, with manifests.

Takes article files and settings; gives ``<slug>.mp3``, ``<slug>.vtt``,
``<slug>.pdf``, ``<slug>.large-print.pdf``, ``<slug>.epub`` (the read-along,
from the narration's timeline and the MP3), a manifest ``<slug>.json`` per
article and ``index.json`` for the folder.  Every output is written to a
temporary file beside its final name and renamed into place only when complete
and checked (the MP3 decodes, the PDFs parse), so an interrupted build never
leaves a truncated file where a good one stood.  One lock per output folder.

One seam, used by local and cluster builds alike: :func:`render_article` turns an
article into its outputs' bytes and a report (what a Dask worker runs, see
cluster.py), and :func:`write_rendered` checks those and writes them into the
output folder with the manifest (always on the machine that holds the lock).
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import math
import os
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ._version import __version__
from .config import Config
from .errors import EditionsError, InputError, RenderError, bad_path_error
from .files import TMP_MARK, atomic_write_all
from .lock import clean_leftovers, output_lock
from .manifest import INDEX_NAME, is_ours, json_bytes, read_manifest, write_index_safely, write_json
from .procs import available_cores, capped, start_method, stop_pool, worker_init
from .model import Article
from .outdir import prepare_output
from .outputs import check_outputs, output_names, same_place, write_error
from .readback import check_epub, check_mp3, check_pdf
from .parse import ARTICLE_SUFFIXES, load_article

__all__ = ["render_one", "build_folder", "RenderOutcome", "BuildReport", "output_lock", "input_fingerprint",
           "Rendered", "render_article", "write_rendered", "output_names", "check_fresh"]

log = logging.getLogger("editions")


@dataclass
class RenderOutcome:
    source: str
    slug: str = ""
    status: str = "ok"  # ok | skipped | failed
    outputs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    exit_code: int = 0
    seconds: float = 0.0
    manifest: dict = field(default_factory=dict)
    verify: object = None
    """The VerifyReport when --verify was asked for."""


@dataclass
class BuildReport:
    results: list[RenderOutcome]
    seconds: float
    error: str = ""
    """A problem with the output folder itself (cannot be written; index.json not written), one line."""
    error_code: int = 0

    @property
    def exit_code(self) -> int:
        if self.error_code:
            return self.error_code
        if any(r.status == "failed" for r in self.results):
            return 1
        return max((r.exit_code for r in self.results), default=0)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_fingerprint(src: Path, article: Article, cfg: Config, only: str | None) -> str:
    """Everything an edition depends on: source, photo, lexicons, settings, package version."""
    from .speech.text import load_lexicon
    h = hashlib.sha256()
    h.update(src.read_bytes())
    photo = article.photo_file()
    if photo and os.path.isfile(photo):  # (os.path never raises: a photo's name may be too long for the disk)
        h.update(photo.read_bytes())
    h.update(load_lexicon(cfg.audio.lexicon or None, article.source_path).digest().encode())
    # where and how widely it was rendered (scheduler, synthesis processes) does not change an edition
    settings = {k: v for k, v in dataclasses.asdict(cfg).items() if k not in ("source", "build")}
    settings["audio"].pop("workers", None)
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    h.update(f"{__version__}|{only or 'audio+print+epub'}".encode())  # the editions asked for
    return h.hexdigest()


def _tmp(final: Path) -> Path:
    return final.with_name(f".{final.name}{TMP_MARK}{os.getpid()}")


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


@dataclass
class Rendered:
    """One article's editions in memory: what :func:`render_article` gives (on a worker, or here) and
    :func:`write_rendered` checks and writes.  Plain data, so it can cross a process or a network."""
    slug: str
    files: dict[str, bytes]
    """Output key (``mp3``, ``vtt``, ``pdf``, ``large_pdf``, ``epub``) -> the finished file's bytes."""
    sha256: dict[str, str]
    """Output key -> SHA-256 of its bytes, as the renderer computed it (checked again by the writer)."""
    report: dict
    """The manifest's ``audio``, ``print`` and ``epub`` parts (pages and EPUB files are counted by the writer)."""
    warnings: list[str]
    seconds: float
    version: str = __version__


def render_article(article: Article, cfg: Config, workdir: Path, *, cache=None, only: str | None = None,
                   engine=None, show_progress: bool = False) -> Rendered:
    """Render one article's editions to bytes in memory (what a cluster worker runs).

    Scratch files go in ``workdir`` under temporary names and are gone when this returns; nothing else is
    written (the clip cache apart).  Raises EditionsError for a problem with the article or the machine.
    """
    started = time.monotonic()
    slug = article.slug
    names = output_names(slug, only)
    temps = {k: _tmp(Path(workdir) / name) for k, name in names.items()}
    if only == "epub":  # the read-along needs the narration: narrated into temporary files, not kept
        temps["mp3"], temps["vtt"] = _tmp(Path(workdir) / f"{slug}.mp3"), _tmp(Path(workdir) / f"{slug}.vtt")
    report: dict = {}
    warnings = list(article.warnings)
    if "pdf" in temps:  # text the fonts cannot draw is refused before a minute of narration, not after
        from .press.glyphs import check_print
        check_print(article)
    try:
        job = None
        if "mp3" in temps:  # the voice starts on what the cache lacks, and works while the print edition is drawn
            from .speech import start_audio
            job = start_audio(article, temps["mp3"], temps["vtt"], cfg, cache=cache, engine=engine,
                              show_progress=show_progress)
        if "pdf" in temps:
            from .press import render_print
            prn = render_print(article, temps["pdf"], temps["large_pdf"], cfg)
            report["print"] = {"pull_quotes": len(prn.quotes), "page_size": cfg.print.page_size}
        if job is not None:
            audio = job.finish()
            warnings += audio.warnings
            if not math.isfinite(audio.true_peak) or audio.true_peak < -70:  # nothing audible came out
                raise InputError("the narration came out silent: nothing in the article is words a voice can say",
                                 path=article.source_path,
                                 hint="check the article's language and text; try --engine gtts, or --only print")
            report["audio"] = {"duration_ms": audio.duration_ms, "lufs": audio.lufs, "true_peak": audio.true_peak,
                               "voice": audio.voice, "chapters": [{"title": t, "start_ms": s, "end_ms": e}
                                                                  for t, s, e in audio.chapters],
                               "clips": audio.cues, "synthesised": audio.synthesised,
                               "chapters_encoded": audio.encoded_chapters, "gain_db": audio.gain_db}
        if "pdf" in temps:
            warnings += prn.warnings
        if "epub" in names:
            from .epub import render_epub
            book = render_epub(article, audio.narration, temps["mp3"], temps["epub"], audio_name=f"{slug}.mp3",
                               publisher=cfg.publication)
            warnings += book.warnings
            report["epub"] = {"identifier": book.identifier, "overlay_duration_ms": book.duration_ms,
                              "synchronised_cues": book.pars}
        files = {k: temps[k].read_bytes() for k in names}
    except OSError as e:  # nothing is renamed into place yet; a name too long (--cache, --out) is bad input
        raise bad_path_error(e) or write_error(e, Path(workdir), {str(t): t.name[1:].split(TMP_MARK)[0]
                                                                   for t in temps.values()}) from None
    finally:
        for t in temps.values():
            with contextlib.suppress(OSError):
                t.unlink()
    return Rendered(slug, files, {k: hashlib.sha256(v).hexdigest() for k, v in files.items()}, report,
                    list(dict.fromkeys(warnings)), round(time.monotonic() - started, 2))


def write_rendered(rendered: Rendered, src: Path, article: Article, out: Path, cfg: Config,
                   only: str | None) -> RenderOutcome:
    """Check a :class:`Rendered` and write it into ``out`` (the client's half; the caller holds the lock).

    Checks: the renderer's package version is ours, every expected output is there and its bytes are the ones
    the renderer hashed, the MP3's frames and tags parse, the PDFs parse, the EPUB reads back.  Then each output is written
    atomically, and the manifest last, so a manifest never describes files that are not in place.
    """
    names = output_names(article.slug, only)
    check_outputs(src, article, out, cfg, only)  # again, as a cluster's article was checked before it was rendered
    if rendered.version != __version__:
        raise RenderError(f"rendered by editions {rendered.version}, but this is editions {__version__}", path=src,
                          hint="install the same editions version everywhere")
    if rendered.slug != article.slug or set(rendered.files) != set(names):
        raise RenderError(f"the renderer returned {sorted(rendered.files)} for '{rendered.slug}', "
                          f"expected {sorted(names)} for '{article.slug}'", path=src)
    for key, data in rendered.files.items():
        if hashlib.sha256(data).hexdigest() != rendered.sha256.get(key):
            raise RenderError(f"the {key} output arrived damaged (checksum mismatch)", path=src,
                              hint="run the build again")
    manifest: dict = {"source": str(src), "slug": article.slug, "headline": article.headline, "version": __version__,
                      "input_hash": input_fingerprint(src, article, cfg, only), "source_sha256": _sha256(src),
                      **{k: dict(v) for k, v in rendered.report.items()}}
    if "mp3" in names:
        check_mp3(rendered.files["mp3"], src)
    if "pdf" in names:
        manifest["print"]["pages"] = check_pdf(rendered.files["pdf"], out / names["pdf"])
        manifest["print"]["large_print_pages"] = check_pdf(rendered.files["large_pdf"], out / names["large_pdf"])
    if "epub" in names:
        manifest["epub"]["files"] = check_epub(rendered.files["epub"], out / names["epub"])
    manifest["outputs"] = {key: {"path": name, "bytes": len(rendered.files[key]), "sha256": rendered.sha256[key]}
                           for key, name in names.items()}
    manifest["warnings"] = list(rendered.warnings)
    manifest["seconds"] = rendered.seconds
    manifest["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    try:  # all or nothing: all written in full first, then renamed together, the manifest last
        atomic_write_all([(out / name, rendered.files[key]) for key, name in names.items()]
                         + [(out / f"{article.slug}.json", json_bytes(manifest))])
    except OSError as e:
        raise write_error(e, out) from None
    return RenderOutcome(str(src), article.slug, "ok", [str(out / n) for n in names.values()], manifest["warnings"],
                         seconds=rendered.seconds, manifest=manifest)


def verify_written(outcome: RenderOutcome, article: Article, out: Path, cfg: Config) -> None:
    """``--verify``: listen back to the audio edition just written; the result goes into the manifest."""
    if "mp3" not in outcome.manifest.get("outputs", {}):
        return
    from .verify import verify_rendered
    report = verify_rendered(article, out, cfg)
    outcome.manifest["verify"] = {"wer": report.wer, "passed": report.passed, "report": f"{article.slug}.verify.json"}
    write_json(out / f"{article.slug}.json", outcome.manifest)
    outcome.verify = report
    if not report.passed:
        outcome.exit_code = 1


def _up_to_date(src: Path, article: Article, out: Path, cfg: Config, only: str | None) -> dict | None:
    """The article's manifest when its editions in ``out`` are up to date, else None (a manifest that is not
    ours, a list or another program's file, counts as none: the article is rendered again)."""
    old = read_manifest(out / f"{article.slug}.json")
    if old is None or old["input_hash"] != input_fingerprint(src, article, cfg, only):
        return None
    for entry in old["outputs"].values():
        p = out / entry["path"]
        if not p.is_file() or p.stat().st_size != entry["bytes"] or _sha256(p) != entry["sha256"]:
            return None
    return old


def check_fresh(src: Path, out: Path, cfg: Config, only: str | None, force: bool) -> RenderOutcome | Article:
    """The client's choice for one article: a ``skipped`` outcome when its editions are up to date, a ``failed``
    one when it cannot be read or its outputs cannot be written, else the parsed Article to render."""
    started = time.monotonic()
    try:
        article = load_article(src, cfg.parse)
        check_outputs(src, article, out, cfg, only)  # never over an input, nor into a folder in the way
        manifest = None if force else _up_to_date(src, article, out, cfg, only)
        if manifest is not None:
            return RenderOutcome(str(src), article.slug, "skipped", seconds=round(time.monotonic() - started, 2),
                                 manifest=manifest)
        return article
    except EditionsError as e:
        return failed_outcome(src, e)


def failed_outcome(src: Path, e: BaseException, seconds: float = 0.0) -> RenderOutcome:
    """A batch entry for an article that could not be rendered (one line, as the CLI prints it)."""
    e = bad_path_error(e) or e
    if isinstance(e, EditionsError):
        return RenderOutcome(str(src), status="failed", error=e.one_line(), exit_code=e.exit_code, seconds=seconds)
    return RenderOutcome(str(src), status="failed", error=f"internal error: {e.__class__.__name__}: {e}",
                         exit_code=1, seconds=seconds)


def _worker(args) -> RenderOutcome:
    src, out, cfg, cache_root, only, verify, force = args
    from .speech.cache import ClipCache
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    started = time.monotonic()
    try:
        cache = ClipCache(cache_root) if cache_root else None
        from .speech.voices import head_start
        head_start(src, cfg, cache, only)  # an edited article's voice loads while the others are checked
        chosen = check_fresh(src, out, cfg, only, force)
        if isinstance(chosen, RenderOutcome):
            return chosen
        return render_one(src, out, cfg, cache=cache, only=only, verify=verify, show_progress=False, lock=False,
                          article=chosen)
    except Exception as e:  # one article failing (even by a bug) must not stop the batch
        return failed_outcome(src, e, round(time.monotonic() - started, 2))


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


def build_folder(folder: Path, out: Path, cfg: Config, *, cache=None, jobs: int | None = None, only=None,
                 force: bool = False, verify: bool = False, scheduler: str | None = None) -> BuildReport:
    """Render every article in ``folder``; one article failing does not stop the others.

    ``scheduler`` (``tcp://HOST:PORT`` or ``local:N``) renders on a Dask cluster (see cluster.py) instead of
    the local process pool; choosing what to build, the lock, the writes and index.json stay here either way.
    """
    sources = find_articles(folder, out)
    if not sources:
        raise InputError("no article files (.md, .txt, .json) in the folder", path=folder)
    cores = available_cores()
    if jobs and not scheduler:  # processes on this machine: no more than its cores (a cluster has its own)
        jobs = capped(jobs, "--jobs")
    jobs = max(1, min(jobs or cores, len(sources)))
    if jobs > 1 and cfg.audio.workers == 0 and not scheduler:  # a cluster worker picks its own (cluster.py)
        cfg = dataclasses.replace(cfg, audio=dataclasses.replace(cfg.audio, workers=max(1, cores // jobs)))
    started = time.monotonic()
    try:
        prepare_output(out)
    except InputError as e:  # nothing can be written: say so once, under a summary of what was not rendered
        return BuildReport([RenderOutcome(str(s), status="failed") for s in sources], 0.0, e.one_line(), 2)
    from .model import slugify
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
    if scheduler:
        from .cluster import parse_scheduler
        parse_scheduler(scheduler)  # a malformed address is a usage error before anything is touched
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(output_lock(out, wait=0))
        except InputError as e:  # a .lock that is not ours: one line, under the summary
            return BuildReport([RenderOutcome(str(s), status="failed") for s in sources], 0.0, e.one_line(), 2)
        args = [(s, out, cfg, str(cache.root) if cache else None, only, verify, force) for s in sources]
        if not scheduler:  # auto: gTTS probed, and the voice chosen said, once for every worker (speech/choice.py)
            from .speech import settle_voice
            settle_voice(cfg, only)
        from .progress import Progress
        bar = Progress("building", len(args))
        results: list[RenderOutcome] = list(clashes)
        if scheduler:
            from .cluster import render_on_cluster
            results += render_on_cluster(scheduler, sources, out, cfg, cache=cache, only=only, force=force,
                                         verify=verify, progress=bar)
        elif jobs == 1:
            for a in args:
                results.append(_worker(a))
                bar(1)
        else:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor
            pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context(start_method()), initializer=worker_init,
                                       initargs=(os.getpid(),))
            try:
                for fut in [pool.submit(_worker, a) for a in args]:  # never map(): see procs.stop_pool
                    results.append(fut.result())
                    bar(1)
            except BaseException:
                stop_pool(pool)
                clean_leftovers(out)  # the killed workers' temporary files (we still hold the lock)
                raise
            pool.shutdown()
        error, code = write_index_safely(out, results, [*sources, *(Path(p) for p in (cfg.source, cfg.audio.lexicon) if p)])
    if cache is not None:
        cache.prune(cfg.audio.cache_max_mb * 1024 * 1024)
    return BuildReport(results, round(time.monotonic() - started, 2), error, code)
