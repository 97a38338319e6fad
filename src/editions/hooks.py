"""What an edition's hooks are given and give back (the render core's side of the contract is
:mod:`editions.render.registry`).  On the ground floor beside the model, so that an edition's package depends on
this and the model, never on the core that runs it or on another edition."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config
from .model import Article

__all__ = ["EditionJob", "Report", "Provided"]


@dataclass
class EditionJob:
    """What an edition's hooks are given."""
    article: Article
    cfg: Config
    files: dict[str, Path]
    """Output key -> the temporary file to write it to (renamed into place only after every edition is done)."""
    inputs: dict[str, "Provided"] = field(default_factory=dict)
    """What it needs, by name, finished."""
    cache: Any = None
    """The clip cache (or None)."""
    engine: Any = None
    """A voice engine given by the caller (tests), else the settings choose."""
    show_progress: bool = False


@dataclass
class Report:
    """What rendering an edition gives besides its files."""
    section: dict | None = None
    """Its section of the manifest (None: no section)."""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Provided:
    """What a providing edition made, finished: handed to the editions that need it."""
    value: Any
    """The provider's own result (the narration's timeline, loudness, chapters)."""
    files: dict[str, Path]
    """The provider's files (``mp3``, ``vtt``), complete, under their temporary names."""
    warnings: list[str] = field(default_factory=list)
