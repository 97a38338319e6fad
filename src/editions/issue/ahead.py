"""What the issue's assembly can read before its articles are rendered, while the build's workers render them.

Takes the output folder, the articles' sources and the parse settings; gives :class:`Ahead`, a callable the
build's runner calls once in the main process while its workers render (:func:`editions.render.build_folder`'s
``meanwhile``): it parses every source and reads, hashes and splits into bare frames every article's MP3 as the
output folder holds it now.  The assembly then takes from it only what is still true: an article whose source
has the same size, time and inode, an MP3 whose SHA-256 is the one its (new) manifest gives -- the re-rendered
article's new MP3 differs and is read again, as everything is when the runner never calls it (one job, a
cluster).  Nothing here may fail the build: an article it cannot read is simply not read ahead.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..model import slugify
from ..parse import load_article
from .frames import bare_frames
from .pages import page_bodies

__all__ = ["Ahead"]


def _stamp(path: Path) -> tuple:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_ino


class Ahead:
    def __init__(self, out: Path, sources: list[Path], parse_cfg):
        self.out, self.sources, self.parse_cfg = Path(out), list(sources), parse_cfg
        self._articles: dict[str, tuple] = {}  # source -> (its stamp, Article)
        self._mp3s: dict[str, tuple] = {}  # MP3 path -> (sha256, bytes, bare_frames' result)
        self._pdfs: dict[str, tuple] = {}  # PDF path -> (sha256, its pages' bodies: pages.page_bodies)
        self.called = False

    def __call__(self) -> None:
        self.called = True
        for src in self.sources:
            try:
                stamp = _stamp(src)
                self._articles[str(src)] = (stamp, load_article(src, self.parse_cfg))
            except Exception:  # noqa: BLE001 -- read again (and reported) after the build
                continue
            try:
                outputs = json.loads((self.out / f"{slugify(src.stem)}.json").read_text(encoding="utf-8"))["outputs"]
            except Exception:  # noqa: BLE001 -- not rendered yet
                continue
            for key in ("mp3", "pdf", "large_pdf"):
                try:
                    path = self.out / outputs[key]["path"]
                    data = path.read_bytes()
                    sha = hashlib.sha256(data).hexdigest()
                    if key == "mp3":
                        self._mp3s[str(path)] = (sha, data, bare_frames(data, str(path)))
                    else:
                        self._pdfs[str(path)] = (sha, page_bodies(data))
                except Exception:  # noqa: BLE001 -- none, a damaged file: the assembly's own checks say so
                    continue

    def article(self, src: Path):
        """The source's Article as parsed ahead, or parsed now if the file has changed since (or was not read)."""
        got = self._articles.get(str(src))
        try:
            if got is not None and got[0] == _stamp(src):
                return got[1]
        except OSError:
            pass
        return load_article(src, self.parse_cfg)

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
