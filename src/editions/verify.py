"""Listening back to an audio edition (see issue: `editions verify`). Not built yet."""
from __future__ import annotations

from pathlib import Path

from .config import Config
from .errors import RenderError


def verify_article(src: Path, out: Path, cfg: Config) -> int:
    raise RenderError("'editions verify' is not built yet", hint="render and listen to the MP3 yourself for now")


def verify_rendered(article, out: Path, cfg: Config):
    raise RenderError("'--verify' is not built yet", hint="leave out --verify")
