"""Is an article's set of editions up to date?  Decided from hashes in its manifest, never from file times:
the source, the photo, the lexicons, the settings, the package version and the editions asked for."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from pathlib import Path

from .._version import __version__
from ..config import Config
from ..errors import EditionsError
from ..model import Article
from ..parse import load_article
from . import registry
from .manifest import read_manifest
from .outcome import RenderOutcome, failed_outcome
from .outputs import check_outputs

__all__ = ["input_fingerprint", "check_fresh", "sha256_file", "edited", "settings_json"]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def settings_json(cfg: Config) -> bytes:
    """The settings an edition is made with, as canonical JSON: where and how widely it was rendered (the
    scheduler, the synthesis processes) does not change an edition, so it is left out."""
    settings = {k: v for k, v in dataclasses.asdict(cfg).items() if k not in ("source", "build")}
    settings["audio"].pop("workers", None)
    return json.dumps(settings, sort_keys=True, default=str).encode()


def input_fingerprint(src: Path, article: Article, cfg: Config, only: str | None) -> str:
    """Everything an edition depends on: source, photo, lexicons, settings, package version, editions asked for."""
    h = hashlib.sha256()
    h.update(src.read_bytes())
    photo = article.photo_file()
    if photo and os.path.isfile(photo):  # (os.path never raises: a photo's name may be too long for the disk)
        h.update(photo.read_bytes())
    for fingerprint in registry.optional_hooks("fingerprint"):  # what else an edition is made from (lexicons)
        h.update(fingerprint(src, article, cfg))
    h.update(settings_json(cfg))
    h.update(f"{__version__}|{only or '+'.join(registry.names())}".encode())  # the editions asked for
    return h.hexdigest()


def _up_to_date(src: Path, article: Article, out: Path, cfg: Config, only: str | None) -> dict | None:
    """The article's manifest when its editions in ``out`` are up to date, else None (a manifest that is not
    ours, a list or another program's file, counts as none: the article is rendered again)."""
    old = read_manifest(out / f"{article.slug}.json")
    if old is None or old["input_hash"] != input_fingerprint(src, article, cfg, only):
        return None
    for entry in old["outputs"].values():
        p = out / entry["path"]
        if not p.is_file() or p.stat().st_size != entry["bytes"] or sha256_file(p) != entry["sha256"]:
            return None
    return old


def edited(src: Path, out: Path) -> bool:
    """Whether ``src`` surely needs rendering without parsing it: its manifest in ``out`` was made from this very
    source file but from other bytes (an edited article; its fingerprint holds the source's bytes, so it cannot
    be up to date).  False when unsure (no manifest, another's, unreadable): :func:`check_fresh` decides those.
    A runner starts an edited article's render before it checks the others."""
    from ..model import slugify
    try:
        old = read_manifest(out / f"{slugify(src.stem)}.json")
        return (old is not None and old.get("source") == str(src) and isinstance(old.get("source_sha256"), str)
                and old["source_sha256"] != sha256_file(src))
    except (OSError, ValueError):
        return False


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
                                 manifest=manifest, article=article)
        return article
    except EditionsError as e:
        return failed_outcome(src, e)
