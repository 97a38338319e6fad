"""What the issue's assembly can read before its articles are rendered, while the build's workers render them.

Takes the output folder, the articles' sources, the parse settings and the clip cache; gives :class:`Ahead`, a
callable the build's runner calls once in the main process while its workers render
(:func:`editions.render.build_folder`'s ``meanwhile``): it reads and hashes every article's MP3 (split into bare
frames, whose SHA-256 is the DAISY book's audio file's), PDFs (each page's content without its running heads,
compressed; kept in the cache folder, so an article's pages are taken apart once) and EPUB (read as the issue's
EPUB will hold it) as the output folder holds them now, skipping an article whose source was edited (its files
are about to be replaced); then makes what was asked of it with :meth:`Ahead.later` (the issue's announcement,
narrated from the clip cache).  The assembly then takes from it only what is still true: a file whose SHA-256 is
the one its (new) manifest gives -- the re-rendered article's new files differ and are read again, as everything
is when the runner never calls it (one job, a cluster).  The articles themselves are parsed by the build's
freshness checks (their outcomes carry them); :meth:`Ahead.article` parses the others once.  Nothing here may
fail the build: an article it cannot read is simply not read ahead.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..model import slugify
from ..parse import load_article
from ..render.fresh import edited
from ..epub.bundle import read_part
from .frames import bare_frames
from .pages import kept_bodies

__all__ = ["Ahead"]


def _stamp(path: Path) -> tuple:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


class Ahead:
    def __init__(self, out: Path, sources: list[Path], parse_cfg, cache=None):
        self.out, self.sources, self.parse_cfg, self.cache = Path(out), list(sources), parse_cfg, cache
        self._articles: dict[str, tuple] = {}  # source -> (its stamp, Article)
        self._mp3s: dict[str, tuple] = {}  # MP3 path -> (sha256, bytes, bare_frames' result)
        self._pdfs: dict[str, tuple] = {}  # PDF path -> (sha256, its pages' bodies: pages.page_bodies)
        self._epubs: dict[str, tuple] = {}  # EPUB path -> (sha256, bytes, its part as the a01, a02…)
        self._digests: dict[int, tuple] = {}  # id(bare frames) -> (those frames, their sha256)
        self._later: list = []
        self._ready: dict = {}  # a prepared thing's key -> its value
        self.called = False

    def later(self, fn) -> None:
        """Have ``fn()``, which returns (key, value), run after the articles are read (the issue's announcement,
        narrated from the cache while the workers render); :meth:`ready` gives the value for that key."""
        self._later.append(fn)

    def ready(self, key):
        """The value prepared for ``key`` (see :meth:`later`), or None."""
        return self._ready.get(key)

    def digest(self, data) -> str | None:
        """The SHA-256 of ``data`` if it is the very frames of an MP3 read ahead (the DAISY book's audio), else
        None."""
        got = self._digests.get(id(data))
        return got[1] if got is not None and got[0] is data else None

    def __call__(self) -> None:
        self.called = True
        for i, src in enumerate(self.sources):
            try:
                if edited(src, self.out):  # its files are being made again: reading them would be wasted
                    continue
                outputs = json.loads((self.out / f"{slugify(src.stem)}.json").read_text(encoding="utf-8"))["outputs"]
            except Exception:  # noqa: BLE001 -- not rendered yet
                continue
            for key in ("mp3", "pdf", "large_pdf", "epub"):
                try:
                    path = self.out / outputs[key]["path"]
                    data = path.read_bytes()
                    sha = hashlib.sha256(data).hexdigest()
                    if key == "epub":
                        self._epubs[str(path)] = (sha, data, read_part(data, path, f"a{i + 1:02d}"))
                    elif key == "mp3":
                        bare = bare_frames(data, str(path))
                        self._mp3s[str(path)] = (sha, data, bare)
                        self._digests[id(bare[0])] = (bare[0], hashlib.sha256(bare[0]).hexdigest())
                    else:
                        self._pdfs[str(path)] = (sha, kept_bodies(self.cache, data, sha))
                except Exception:  # noqa: BLE001 -- none, a damaged file: the assembly's own checks say so
                    continue
        for fn in self._later:
            try:
                key, value = fn()
                self._ready[key] = value
            except Exception:  # noqa: BLE001 -- made (and any failure reported) by the assembly itself
                continue

    def article(self, src: Path):
        """The source's Article, parsed once (again if the file has changed since)."""
        got = self._articles.get(str(src))
        try:
            stamp = _stamp(src)
            if got is not None and got[0] == stamp:
                return got[1]
        except OSError:
            return load_article(src, self.parse_cfg)  # (which says what is wrong)
        article = load_article(src, self.parse_cfg)
        self._articles[str(src)] = (stamp, article)
        return article

    def mp3(self, path: Path, sha256: str | None):
        """(bytes, bare_frames' result) of the MP3 at ``path`` if it was read ahead with this SHA-256, else None."""
        got = self._mp3s.get(str(path))
        if got is None or sha256 is None or got[0] != sha256:
            return None
        return got[1], got[2]

    def pdf(self, path: Path, sha256: str | None):
        """The pages' bodies (:func:`.pages.page_bodies`) of the PDF at ``path`` if read ahead with this SHA-256."""
        got = self._pdfs.get(str(path))
        return got[1] if got is not None and sha256 is not None and got[0] == sha256 else None

    def epub(self, path: Path, sha256: str | None, folder: str):
        """The article's EPUB read as the issue's ``folder`` holds it (:func:`editions.epub.bundle.read_part`) if
        it was read ahead with this SHA-256, else None."""
        got = self._epubs.get(str(path))
        if got is None or sha256 is None or got[0] != sha256:
            return None
        return got[2] if got[2].folder == folder else read_part(got[1], path, folder)
