"""The editions, as a registry: each one entry, read by the render, the writer, the freshness check, the
manifest and ``--only``.

An :class:`Edition` names what ``--only`` accepts, the files it writes (:class:`Output`: a key, the file name's
ending, how it is read back before it is renamed into place and what that read-back puts in the manifest),
what it needs (``narration``: the finished MP3 and its timeline) or provides, and the module that holds its
hooks.  The hooks are imported only when the edition is rendered, so a build with nothing to do never loads a
renderer, and the core never imports an edition's package: editions depend on the model and on data handed to
them, never on each other or on this core.

A hooks module defines ``render(job: EditionJob) -> Report`` (the types are in :mod:`editions.hooks`);
optionally ``precheck(article)`` (run for every edition asked for before any of them starts, so a refusal comes
before a minute of narration); ``inputs(src, article, cfg)``, the files besides the article and its photo that
the edition is made from, as ``(what, path)`` (never written over; their changes make the article stale);
``fingerprint(src, article, cfg) -> bytes``, what else its freshness depends on; ``verify(article, out, cfg)
-> (manifest section, report, passed)``, its check by its user's means after it is written (``--verify``); and,
for an edition that
``provides`` something, ``start(job)`` returning a handle whose ``finish()`` gives a :class:`Provided`.  Adding an edition is one package with such a module and one entry in :data:`EDITIONS`
(or :func:`register`).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..errors import ConfigError
from ..hooks import EditionJob, Provided, Report

__all__ = ["Edition", "Output", "EditionJob", "Report", "Provided", "EDITIONS", "register", "unregister",
           "names", "chosen", "output_names", "narrates", "hooks", "optional_hooks", "resolve"]


@dataclass(frozen=True)
class Output:
    """One file an edition writes."""
    key: str
    """Its key in the manifest's ``outputs`` and in the rendered files (``mp3``, ``large_pdf``)."""
    ending: str
    """What follows the article's slug in its file name (``.mp3``, ``.large-print.pdf``)."""
    check: str | None = None
    """``module:function(data, path)``: reads the finished bytes back before they are renamed into place
    (RenderError if they do not); what it returns is recorded as :attr:`fact`."""
    fact: str | None = None
    """The field of the edition's manifest section that takes what :attr:`check` returned (``pages``)."""


@dataclass(frozen=True)
class Edition:
    """One edition: its name, its files, what it needs, and where its hooks are."""
    name: str
    """What ``--only`` accepts, and the edition's section in the manifest."""
    outputs: tuple[Output, ...]
    hooks: str
    """The module holding ``render`` (and ``precheck``, ``start``)."""
    needs: tuple[str, ...] = ()
    """What it is made from besides the article: ``narration`` (the finished MP3 and its timeline);
    ``editions``: the finished files of the other editions made with it (rendered after them all)."""
    provides: str | None = None
    """What its ``start`` makes for others (``narration``): made into temporary files, not kept, when only an
    edition that needs it is asked for."""


_READBACK = "editions.render.readback"

EDITIONS: list[Edition] = [
    Edition("audio", (Output("mp3", ".mp3", check=f"{_READBACK}:check_mp3"), Output("vtt", ".vtt")),
            hooks="editions.speech.edition", provides="narration"),
    Edition("print", (Output("pdf", ".pdf", check=f"{_READBACK}:check_pdf", fact="pages"),
                      Output("large_pdf", ".large-print.pdf", check=f"{_READBACK}:check_pdf",
                             fact="large_print_pages")),
            hooks="editions.press.edition"),
    Edition("epub", (Output("epub", ".epub", check=f"{_READBACK}:check_epub", fact="files"),),
            hooks="editions.epub.edition", needs=("narration",)),
    Edition("web", (Output("html", ".html"), Output("js", ".js")),
            hooks="editions.web.edition", needs=("narration", "editions")),
]
"""Every edition, in the order their files are listed (and renamed into place)."""


def register(edition: Edition) -> None:
    """Add an edition (a name already taken is a ConfigError)."""
    if edition.name in names() or edition.name in ("all", "none"):
        raise ConfigError(f"an edition called '{edition.name}' is already registered", path="editions registry")
    EDITIONS.append(edition)


def unregister(name: str) -> None:
    EDITIONS[:] = [e for e in EDITIONS if e.name != name]


def names() -> list[str]:
    """What ``--only`` accepts."""
    return [e.name for e in EDITIONS]


def chosen(only: str | None) -> list[Edition]:
    """The editions ``only`` asks for (None: every one)."""
    picked = [e for e in EDITIONS if only in (None, e.name)]
    if not picked:
        raise ConfigError(f"no edition called '{only}'", path="--only", hint=f"choose one of {', '.join(names())}")
    return picked


def provider(what: str) -> Edition:
    for e in EDITIONS:
        if e.provides == what:
            return e
    raise ConfigError(f"no edition provides '{what}'", path="editions registry")


def narrates(only: str | None) -> bool:
    """Whether the editions ``only`` asks for need the narration (so the voice may be started early)."""
    return any(e.provides == "narration" or "narration" in e.needs for e in chosen(only))


def output_names(slug: str, only: str | None) -> dict[str, str]:
    """Output key -> file name in the output folder, for the editions ``only`` asks for."""
    return {o.key: f"{slug}{o.ending}" for e in chosen(only) for o in e.outputs}


def hooks(edition: Edition):
    """The edition's hooks module, imported now."""
    return importlib.import_module(edition.hooks)


def optional_hooks(name: str) -> list:
    """Every registered edition's hook ``name`` that it defines, in registry order."""
    return [h for h in (getattr(hooks(e), name, None) for e in EDITIONS) if h is not None]


def resolve(spec: str):
    """``module:function`` -> the function."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)
