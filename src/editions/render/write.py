"""Checking a :class:`~editions.render.article.Rendered` and writing it into the output folder with its
manifest (always on the machine that holds the folder's lock), and ``--verify`` after it."""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from .._version import __version__
from ..config import Config
from ..errors import RenderError
from ..files import atomic_write_all
from ..model import Article
from . import registry
from .article import Rendered
from .fresh import input_fingerprint, sha256_file
from .manifest import json_bytes, write_json
from .outcome import RenderOutcome
from .outputs import check_outputs, output_names, write_error

__all__ = ["write_rendered", "verify_written"]


def write_rendered(rendered: Rendered, src: Path, article: Article, out: Path, cfg: Config,
                   only: str | None) -> RenderOutcome:
    """Check a :class:`Rendered` and write it into ``out`` (the caller holds the lock).

    Checks: the renderer's package version is ours, every expected output is there and its bytes are the ones
    the renderer hashed, and each output reads back as its edition says (the MP3's frames and tags parse, the
    PDFs parse, the EPUB reads back).  Then every output is written in full and all are renamed into place
    together, the manifest last, so a manifest never describes files that are not in place.
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
                      "input_hash": input_fingerprint(src, article, cfg, only), "source_sha256": sha256_file(src),
                      **{k: dict(v) for k, v in rendered.report.items()}}
    for edition in registry.chosen(only):
        for o in edition.outputs:
            if o.check is None:
                continue
            fact = registry.resolve(o.check)(rendered.files[o.key], out / names[o.key])
            if o.fact is not None:
                manifest.setdefault(edition.name, {})[o.fact] = fact
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
    """``--verify``: each written edition that can be checked by its user's means (the audio edition: listened
    back by a recogniser) is; the result goes into the manifest, and a failed check makes the exit code 1."""
    written = outcome.manifest.get("outputs", {})
    for edition in registry.EDITIONS:
        check = getattr(registry.hooks(edition), "verify", None)
        if check is None or not all(o.key in written for o in edition.outputs):
            continue
        section, report, passed = check(article, out, cfg)
        outcome.manifest["verify"] = section
        write_json(out / f"{article.slug}.json", outcome.manifest)
        outcome.verify = report
        if section.get("checked") is False:
            outcome.warnings.append(f"not verified: {section['reason']}")
        if not passed:
            outcome.exit_code = 1
