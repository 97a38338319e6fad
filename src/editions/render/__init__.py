"""The render core: one article in, its editions checked and written; a folder in, every article's.

Takes an article file (or a parsed :class:`~editions.model.Article`), the settings and the editions asked for;
gives the finished files in the output folder, each article's manifest ``NAME.json`` and the folder's
``index.json``.  Its rooms:

- :mod:`.registry` -- the editions, one entry each (name, files, needs, hooks); everything below reads it;
- :mod:`.article` -- an article's editions rendered to bytes in memory (what every worker runs);
- :mod:`.write` -- those bytes read back, then written all or nothing with the manifest, under the lock;
- :mod:`.fresh` -- is an article up to date (hashes, never file times);
- :mod:`.batch` -- one article or a folder, with a runner handed in by the command line;
- :mod:`.lock`, :mod:`.outputs`, :mod:`.outdir`, :mod:`.manifest`, :mod:`.readback` -- the folder's lock, output
  names and what may stand in their way, the folder checked writable, manifests and index.json, read-back checks.

The runners (:mod:`editions.build`, the local process pool; :mod:`editions.cluster`, Dask) import this core;
it imports neither, nor any edition's package (their hooks are named in the registry and imported when used).
"""
from __future__ import annotations

from .article import Rendered, render_article
from .batch import Runner, build_folder, find_articles, render_one
from .fresh import check_fresh, edited, input_fingerprint
from .lock import clean_leftovers, output_lock
from .outcome import BuildReport, RenderOutcome, failed_outcome
from .registry import EDITIONS, Edition, EditionJob, Output, Provided, Report, register, unregister
from .write import verify_written, write_rendered

__all__ = ["Rendered", "render_article", "Runner", "build_folder", "find_articles", "render_one", "check_fresh",
           "edited", "input_fingerprint", "clean_leftovers", "output_lock", "BuildReport", "RenderOutcome",
           "failed_outcome", "EDITIONS", "Edition", "EditionJob", "Output", "Provided", "Report", "register",
           "unregister", "verify_written", "write_rendered"]
