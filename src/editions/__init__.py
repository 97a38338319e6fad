"""editions: one news article in, two accessible editions out.

Source file -> ``parse`` -> :class:`~editions.model.Article` -> ``speech`` (MP3 + VTT)
and ``press`` (print PDF + large-print PDF) -> ``build`` (batch, cache, manifest).
"""
from ._version import __version__
from .errors import ConfigError, EditionsError, EngineUnavailable, InputError, RenderError
from .model import Article, Paragraph, Photo, PullQuote, Section, Span

__all__ = [
    "__version__", "Article", "Section", "Paragraph", "Span", "Photo", "PullQuote",
    "EditionsError", "InputError", "ConfigError", "RenderError", "EngineUnavailable",
]
