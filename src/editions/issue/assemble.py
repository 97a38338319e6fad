"""``editions issue``: render a folder's articles as ``build`` does, then assemble the issue from their parts.

Takes the articles' folder, the output folder, settings and the runner the command line chose; gives an
:class:`IssueReport` (the build's report, what the issue wrote, its warnings).  The articles are rendered by
the render core's ``build_folder`` (same cache, same incremental rule); the issue's files are then assembled,
under the output folder's lock, from the articles' finished MP3s, VTTs and manifests -- never narrated or laid
out again -- and written all or nothing, ``issue.json`` last.  An article that failed is left out of the issue
with a warning (the others still go out, the exit code stays 1); with no article left, nothing is written.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .._version import __version__
from ..config import Config
from ..errors import InputError, RenderError
from ..files import atomic_write_all
from ..langtags import iso639_2
from ..render import build_folder, find_articles, output_lock
from ..render.manifest import json_bytes
from ..render.outcome import BuildReport
from ..render.outputs import same_place, write_error
from ..procs import Apart
from ..render.registry import narrates
from .ahead import Ahead
from .book_epub import EPUB_NAME, issue_epub
from .current import inputs_key, still_current
from .daisy import DAISY_FOLDER, BookArticle, book_files, book_identifier
from .feed import GUID_NAMESPACE, FeedItem, chapters_json, feed_xml
from .frames import bare_frames, frame_format
from .printed import PRINT_NAMES, issue_pdfs
from .rewrite import Record, Stager, size_of, to_write
from .settings import IssueSettings, load_issue_settings
from .sound import PAUSE_SECONDS, Piece, announce, announcement_text, join, reencode, silence
from .tags import issue_tag
from .transcript import join_vtt

__all__ = ["IssueReport", "build_issue", "ISSUE_NAMES"]

ISSUE_NAMES = {"mp3": "issue.mp3", "vtt": "issue.vtt", "chapters": "issue.chapters.json", "feed": "feed.xml"}
MANIFEST = "issue.json"
RESERVED = {"issue", "feed"}
"""Article slugs whose files would be the issue's (``issue.json``, ``feed.xml``): refused."""


@dataclass
class IssueReport:
    build: BuildReport
    written: list[str] = field(default_factory=list)
    """The issue's files this run wrote (those whose bytes changed)."""
    kept: int = 0
    """How many of its files already held their bytes and were left alone."""
    warnings: list[str] = field(default_factory=list)
    manifest: dict = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return self.build.exit_code

    def lines(self) -> list[str]:
        """What the command says it wrote: each file, a folder's files as one line (the DAISY book's run to a
        hundred), and how many were already as they should be."""
        out: list[str] = []
        folders: dict[str, int] = {}
        for path in self.written:
            parent = str(Path(path).parent)
            if parent.endswith(DAISY_FOLDER):
                folders[parent] = folders.get(parent, 0) + 1
            else:
                out.append(path)
        out += [f"{folder}/ ({n} file{'s' if n != 1 else ''})" for folder, n in folders.items()]
        if self.kept:
            out.append(f"{self.kept} file{'s' if self.kept != 1 else ''} of the issue unchanged")
        return out


def _ordered(folder: Path, out: Path, s: IssueSettings) -> list[Path]:
    found = find_articles(folder, out)
    by_name = {p.name: p for p in found}
    for name in s.order:
        if name not in by_name:
            raise InputError(f"'order' names {name!r}, which is not an article in the folder", path=s.source,
                             hint="list the articles' file names (.md, .txt, .json) as they are in the folder")
    first = [by_name[n] for n in s.order]
    return first + [p for p in found if p.name not in s.order]


def build_issue(folder: Path, out: Path, cfg: Config, runner, *, cache=None, only=None, force: bool = False,
                verify: bool = False, base_url: str | None = None) -> IssueReport:
    """Render the folder's articles, then assemble and write the issue (see the module's docstring)."""
    folder, out = Path(folder), Path(out)
    s = load_issue_settings(folder)
    if same_place(out / MANIFEST, folder / MANIFEST):
        raise InputError("the issue's output folder is the articles' folder", path=folder,
                         hint="choose another output folder with --out: issue.json would be read as an article")
    sources = _ordered(folder, out, s)
    from ..model import slugify
    for src in sources:
        if slugify(src.stem) in RESERVED:
            raise InputError(f"its outputs would be the issue's own ({slugify(src.stem)}.json)", path=src,
                             hint="rename the article")
    ahead = Ahead(out, sources, cfg.parse, cache)  # read while the workers render, if the runner lets it
    if narrates(only):  # the announcement too, from the first article's language
        ahead.later(lambda: _announcement(s, cfg, cache, ahead.article(sources[0]).lang, len(sources)))
    report = build_folder(folder, out, cfg, runner, cache=cache, only=only, force=force, verify=verify,
                          meanwhile=ahead)
    result = IssueReport(report)
    if report.error:
        return result
    base = (base_url if base_url is not None else s.base_url).strip()
    with output_lock(out, wait=10):
        _assemble(folder, out, cfg, s, sources, report, result, cache, base, ahead, only, force)
    return result


def _announcement(s: IssueSettings, cfg: Config, cache, first_lang: str, count: int):
    """((headline, deck, language), the announcement's MP3 bytes and VTT) of an issue of ``count`` articles."""
    head, deck = announcement_text(s.title or cfg.publication, s.date or datetime.date.today().isoformat(), count,
                                   s.number)
    lang = s.language or first_lang
    return (head, deck, lang), announce(head, deck, lang, cfg, cache)


def _iso_date(text: str | None) -> str:
    """An article's date as YYYY-MM-DD, or '' when it is none (the feed then uses the issue's date)."""
    try:
        return datetime.date.fromisoformat((text or "")[:10]).isoformat()
    except ValueError:
        return ""


def _chapters(manifest: dict) -> list[tuple[str, int, int]]:
    """(title, start ms, end ms) of an article's chapters, as its manifest lists them."""
    return [(str(c["title"]), int(c["start_ms"]), int(c["end_ms"])) for c in manifest["audio"]["chapters"]]


def _load(out: Path, slug: str) -> dict:
    try:
        return json.loads((out / f"{slug}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _assemble(folder: Path, out: Path, cfg: Config, s: IssueSettings, sources: list[Path], report: BuildReport,
              result: IssueReport, cache, base: str, ahead: Ahead, only: str | None, force: bool) -> None:
    outcomes = {str(r.source): r for r in report.results}
    articles = []  # (src, article, manifest, outcome)
    for src in sources:
        r = outcomes.get(str(src))
        if r is None or r.status == "failed":
            result.warnings.append(f"{src.name} failed to render and is left out of the issue")
            continue
        article = r.article if r.article is not None else ahead.article(src)  # (parsed when checked, if it was)
        manifest = r.manifest or _load(out, article.slug)
        if not manifest:
            result.warnings.append(f"{src.name} has no manifest in the output folder and is left out of the issue")
            continue
        articles.append((src, article, manifest, r))
    if not articles:
        raise RenderError("no article of the issue was rendered: no issue written", path=folder)
    title = s.title or cfg.publication
    date = s.date or datetime.date.today().isoformat()
    lang = s.language or articles[0][1].lang
    feed_id = (base.split("://", 1)[-1].rstrip("/") if base else f"editions:{title}")
    cover = folder / s.image if s.image else None
    key = inputs_key(settings={"title": title, "number": s.number, "date": date, "description": s.description,
                               "publisher": s.publisher, "language": lang, "base": base, "image": s.image},
                     cfg=cfg, only=only, articles=[(src, m) for src, _, m, _ in articles], cover=cover)
    if not force and all(r.status == "skipped" for r in report.results) and _kept(out, key, cover, result):
        return
    printing = all(k in m.get("outputs", {}) for _, _, m, _ in articles for k in ("pdf", "large_pdf"))
    pdfs = Apart(lambda: issue_pdfs(out, articles, title=title, date=date, lang=lang,  # made beside the rest, by a
                                    publication=s.publisher or cfg.publication,  # process of their own (forked now)
                                    number="" if s.number is None else str(s.number), description=s.description,
                                    page_size=cfg.print.page_size, cache=cache, ahead=ahead)) if printing else None
    stager = Stager(Record.read(out, MANIFEST))  # the MP3 and the EPUB written by threads while the rest is made
    try:
        _assembled(folder, out, cfg, s, articles, report, result, cache, base, ahead, title, date, lang, feed_id,
                   stager, pdfs, inputs=key)
    except BaseException:
        stager.cancel()
        if pdfs is not None:
            pdfs.stop()
        raise


def _kept(out: Path, key: str, cover: Path | None, result: IssueReport) -> bool:
    """Whether the issue in ``out`` is the one these inputs make (:mod:`.current`): then only its manifest is
    written again (no article was rebuilt this time), and every other file is left as it is."""
    current = still_current(out, MANIFEST, key, cover)
    if current is None:
        return False
    old, record = current
    manifest = {**old, "rebuilt": [], "articles": [{**e, "rebuilt": False} for e in old["articles"]],
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    try:
        atomic_write_all([(out / MANIFEST, json_bytes(manifest))])
    except OSError as e:
        raise write_error(e, out) from None
    result.warnings += [str(w) for w in old.get("warnings", [])]
    result.manifest, result.written = manifest, [str(out / MANIFEST)]
    result.kept = (len(record.files) + sum("chapters" in e for e in old["articles"])
                   + (cover is not None and cover.is_file()))
    return True


def _assembled(folder, out, cfg, s, articles, report, result, cache, base, ahead, title, date, lang, feed_id,
               stager, pdfs, inputs: str) -> None:
    files: list[tuple[Path, bytes]] = []
    outputs: dict = {}
    entries = []
    digests: dict[Path, str] = {}  # each file's SHA-256 where already known, so the last record can vouch for it
    audio = all("mp3" in m.get("outputs", {}) and "vtt" in m.get("outputs", {}) and "audio" in m
                for _, _, m, _ in articles)
    if audio:
        mp3, vtt, chapters, pieces = _audio(out, cfg, s, title, date, lang, articles, cache, result, ahead)
        stager.add(out / ISSUE_NAMES["mp3"], mp3)
        files += [(out / ISSUE_NAMES["vtt"], vtt.encode("utf-8")),
                  (out / ISSUE_NAMES["chapters"], json_bytes(chapters_json(chapters, title)))]
        for _, article, m, _ in articles:
            ch = [(t, start) for t, start, _ in _chapters(m)]
            files.append((out / f"{article.slug}.chapters.json", json_bytes(chapters_json(ch, article.headline))))
        items = [FeedItem(title=title, description=s.description or title,
                          guid=str(uuid.uuid5(GUID_NAMESPACE, f"{feed_id}/issue/{s.number or date}")), date=date,
                          mp3=ISSUE_NAMES["mp3"], length=size_of(mp3), duration_s=pieces[-1].end_ms / 1000,
                          vtt=ISSUE_NAMES["vtt"], chapters=ISSUE_NAMES["chapters"], lang=lang)]
        for src, article, m, _ in articles:
            o = m["outputs"]
            items.append(FeedItem(title=article.headline, description=article.deck or article.headline,
                                  guid=str(uuid.uuid5(GUID_NAMESPACE, f"{feed_id}/article/{article.slug}")),
                                  date=_iso_date(article.date) or date, mp3=o["mp3"]["path"], length=o["mp3"]["bytes"],
                                  duration_s=m["audio"]["duration_ms"] / 1000, vtt=o["vtt"]["path"],
                                  chapters=f"{article.slug}.chapters.json", lang=article.lang))
        if not base:
            result.warnings.append("the feed has relative links: podcast apps need absolute addresses, so set "
                                   "base_url in issue.toml (or --base-url) to where the output folder is published")
        image = s.image if s.image and (folder / s.image).is_file() else None
        if s.image and not image:
            result.warnings.append(f"the issue's image {s.image} is not in the folder; the feed has none")
        elif image:
            files.append((out / Path(image).name, (folder / image).read_bytes()))
        files.append((out / ISSUE_NAMES["feed"], feed_xml(title=title, description=s.description, lang=lang,
                                                          base_url=base, author=s.publisher or title,
                                                          image=Path(image).name if image else None, items=items,
                                                          feed_id=feed_id)))
        by_article = {p.article: p for p in pieces if p.article is not None}
        for key, name in ISSUE_NAMES.items():
            if key != "mp3":  # (the MP3's, once its thread has hashed it)
                data = next(d for p, d in files if p == out / name)
                outputs[key] = {"path": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                digests[out / name] = outputs[key]["sha256"]
        book = _daisy(s, title, date, lang, articles, pieces, s.publisher or cfg.publication)
        files += [(out / DAISY_FOLDER / name, data) for name, data in book]
        sums = {name: ahead.digest(d) or hashlib.sha256(d).hexdigest() for name, d in book}  # audio: hashed ahead
        digests.update({out / DAISY_FOLDER / name: sha for name, sha in sums.items()})
        outputs["daisy"] = {"path": DAISY_FOLDER, "bytes": sum(len(d) for _, d in book),
                            "files": {name: {"bytes": len(d), "sha256": sums[name]} for name, d in sorted(book)}}
    else:
        result.warnings.append("the articles' audio is not in the output folder (--only?): the issue has no MP3, "
                               "VTT or feed")
        by_article = {}
    epub_warnings: list[str] = []  # said after the PDFs' own, as before the EPUB was bound first
    epub = issue_epub(out, articles, title=title, number=s.number, date=date, lang=lang, warnings=epub_warnings,
                      publisher=s.publisher or cfg.publication, description=s.description,
                      cover=folder / s.image if s.image else None, ahead=ahead)  # while the PDFs are made
    if epub is not None:
        stager.add(out / EPUB_NAME, epub)
    if pdfs is not None:
        for key, data in pdfs.result().items():
            files.append((out / PRINT_NAMES[key], data))
            outputs[key] = {"path": PRINT_NAMES[key], "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            digests[out / PRINT_NAMES[key]] = outputs[key]["sha256"]
    else:
        result.warnings.append("the articles' PDFs are not in the output folder (--only?): the issue has no PDFs")
    result.warnings += epub_warnings
    staged = stager.done()
    for key, name in (("mp3", ISSUE_NAMES["mp3"]), ("epub", EPUB_NAME)):
        if out / name in staged:
            _, size, sha = staged[out / name]
            outputs[key] = {"path": name, "bytes": size, "sha256": sha}
    order = ("mp3", "vtt", "chapters", "feed", "daisy", "pdf", "large_print", "epub")  # (as issue.json lists them)
    outputs = {**{k: outputs[k] for k in order if k in outputs}, **{k: v for k, v in outputs.items() if k not in order}}
    for k, (src, article, m, r) in enumerate(articles):
        e = {"source": str(src), "slug": article.slug, "headline": article.headline, "manifest": f"{article.slug}.json",
             "rebuilt": r.status == "ok"}
        if k in by_article:
            e.update(start_ms=by_article[k].start_ms, end_ms=by_article[k].end_ms,
                     chapters=f"{article.slug}.chapters.json")
        entries.append(e)
    manifest = {"version": __version__, "title": title, "number": s.number, "date": date, "language": lang,
                "base_url": base, "inputs": inputs, "outputs": outputs, "articles": entries,
                "rebuilt": [e["slug"] for e in entries if e["rebuilt"]],
                "left_out": [Path(r.source).name for r in report.results if r.status == "failed"],
                "warnings": result.warnings, "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    files.append((out / MANIFEST, json_bytes(manifest)))
    try:
        changed = to_write(files, stager.record, digests)
        ready = {p: tmp for p, (tmp, _, _) in staged.items() if tmp}
        atomic_write_all(changed, staged=ready)  # what already holds its bytes (most files, after one edit) is left
        _drop_stale(out / DAISY_FOLDER, {p.name for p, _ in files if p.parent == out / DAISY_FOLDER})
    except OSError as e:
        raise write_error(e, out) from None
    result.manifest = manifest
    result.written = [str(p) for p in ready] + [str(p) for p, _ in changed]
    result.kept = len(files) + len(staged) - len(changed) - len(ready)


def _daisy(s: IssueSettings, title: str, date: str, lang: str, articles, pieces, publisher: str):
    """The DAISY book's files from the pieces the issue's MP3 was joined from (the same bare CBR frames)."""
    arts = [BookArticle(headline=articles[p.article][1].headline, lang=articles[p.article][1].lang, frames=p.frames,
                        count=p.count, vtt=(p.extra or {}).get("vtt", ""),
                        chapters=tuple(_chapters(articles[p.article][2]))) for p in pieces if p.article is not None]
    return book_files(title=title, identifier=book_identifier(title, s.number, date), date=date, publisher=publisher,
                      lang=lang, generator=f"editions {__version__}", rate=frame_format(pieces[0].frames, "").rate,
                      intro=(pieces[0].frames, pieces[0].count), articles=arts)


def _drop_stale(folder: Path, kept: set[str]) -> None:
    """A file a previous build left in the book's folder (an article since removed) would be in no NCC."""
    if folder.is_dir():
        for p in folder.iterdir():
            if p.is_file() and p.name not in kept:
                p.unlink()


def _audio(out: Path, cfg: Config, s: IssueSettings, title: str, date: str, lang: str, articles, cache,
           result: IssueReport, ahead: Ahead):
    """The issue's MP3 (tag + frames), VTT, flat chapters [(title, start ms)] and the pieces laid out."""
    bodies = []
    for src, article, m, _ in articles:
        entry = m["outputs"]["mp3"]
        early = ahead.mp3(out / entry["path"], entry.get("sha256"))  # read while the workers rendered
        data = early[0] if early else (out / entry["path"]).read_bytes()
        if not early and hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise RenderError(f"{entry['path']} is not the file its manifest describes", path=out / entry["path"],
                              hint="run the command again: the article will be rendered afresh")
        bodies.append((data, (out / m["outputs"]["vtt"]["path"]).read_text(encoding="utf-8"), early))
    head, deck = announcement_text(title, date, len(articles), s.number)
    intro_mp3, intro_vtt = ahead.ready((head, deck, lang)) or announce(head, deck, lang, cfg, cache)
    intro_frames, fmt, n = bare_frames(intro_mp3, "the issue's announcement")
    pieces = [Piece(intro_frames, n)]
    pause, pause_n = silence(fmt, PAUSE_SECONDS, cfg, cache)
    for k, ((src, article, m, _), (data, _, early)) in enumerate(zip(articles, bodies)):
        frames, f, n = early[1] if early else bare_frames(data, str(out / m["outputs"]["mp3"]["path"]))
        if (f.version, f.rate, f.kbps, f.mode) != (fmt.version, fmt.rate, fmt.kbps, fmt.mode):
            result.warnings.append(f"{src.name}'s audio is {f}, the issue's {fmt}: it was encoded again to join it")
            frames, n = reencode(data, fmt, cfg, src.name)
        pieces += [Piece(pause, pause_n), Piece(frames, n, article=k, extra={"vtt": bodies[k][1]})]
    body = join(pieces, fmt.rate)
    arts = []
    flat = [(head, 0)]
    vtts = [("intro", intro_vtt, 0)]
    for p in pieces:
        if p.article is None:
            continue
        _, article, m, _ = articles[p.article]
        chs = [(t, a + p.start_ms, b + p.start_ms) for t, a, b in _chapters(m)]
        if chs:
            chs[0] = (article.headline, p.start_ms, chs[0][2])  # a flat player finds the article by its headline
        arts.append((article.headline, chs))
        flat += [(t, a) for t, a, _ in chs]
        vtts.append((f"a{p.article}", bodies[p.article][1], p.start_ms))
    tag = issue_tag(title, s.publisher or cfg.publication, date, iso639_2(lang), s.publisher,
                    f"editions {__version__}", (head, 0, pieces[2].start_ms), arts)
    vtt = join_vtt(vtts, title, lang)
    return [tag, *body], vtt, flat, pieces
