"""Parsing: an article file in, an :class:`~editions.model.Article` out.

One module per input format (:mod:`.plaintext` scraped text, :mod:`.markdown`
front matter + Markdown, :mod:`.jsonfile` the inspect JSON); :mod:`.source` reads
and decodes the bytes; :mod:`.cleanup` is the list of clean-up steps for raw text, :mod:`.characters` the one
clean-up every text field of the finished model gets; :mod:`.fields` holds the checks every format shares and
:mod:`.comments` finds HTML comments (:mod:`.nesting` keeps over-deep Markdown as text).
"""
from __future__ import annotations

from pathlib import Path

from ..config import ParseConfig
from ..lazy import lazy_names
from ..model import Article
from .source import decode, read_text

__all__ = ["load_article", "parse_text", "decode", "ARTICLE_SUFFIXES", "parse_plain", "parse_markdown", "parse_json"]

_FORMATS = {"parse_plain": "plaintext", "parse_markdown": "markdown", "parse_json": "jsonfile"}
"""Each format's parser, imported when first asked for (Markdown and YAML cost 40 ms a command that reads text)."""
__getattr__ = lazy_names(__name__, _FORMATS)


ARTICLE_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".json": "json"}


def parse_text(text: str, fmt: str, *, cfg: ParseConfig = ParseConfig(), source_path: str | None = None,
               warnings: list[str] | None = None) -> Article:
    """Parse already-decoded text in the named format (``text``, ``markdown`` or ``json``), then give every text
    field of the model the one character clean-up (:mod:`.characters`), whatever the format."""
    from .characters import clean_article
    if fmt == "markdown":
        from .markdown import parse_markdown
        article = parse_markdown(text, source_path=source_path, warnings=warnings)
    elif fmt == "json":
        from .jsonfile import parse_json
        article = parse_json(text, source_path=source_path, warnings=warnings)
    else:
        from .plaintext import parse_plain
        article = parse_plain(text, cfg=cfg, source_path=source_path, warnings=warnings)
    return _language(clean_article(article), fmt, cfg, source_path)


def _language(article: Article, fmt: str, cfg: ParseConfig, source_path: str | None) -> Article:
    """``--lang`` over what the file says; a plain-text article, which says nothing, gets the language detected
    from its text, and a warning names it unless it is English (the default)."""
    import dataclasses
    if cfg.lang:
        from .fields import check_lang
        return dataclasses.replace(article, lang=check_lang(cfg.lang, "--lang"))
    if fmt != "text":
        return article
    from .language import DEFAULT_LANG, detect_language, language_name
    text = "\n".join([article.headline, *(p.text for p in article.paragraphs)])
    lang = detect_language(text)
    if lang == DEFAULT_LANG:
        return article
    note = (f"no language given: detected {language_name(lang)} ({lang}) from the text "
            "(set it with --lang, or write the article as Markdown with 'lang:' in its front matter)")
    return dataclasses.replace(article, lang=lang, warnings=(*article.warnings, note))


def detect_format(path: Path, text: str) -> str:
    fmt = ARTICLE_SUFFIXES.get(path.suffix.lower())
    if fmt:
        return fmt
    if text.startswith("---\n"):
        return "markdown"
    if text.lstrip().startswith("{"):
        return "json"
    return "text"


def load_article(path: str | Path, cfg: ParseConfig = ParseConfig()) -> Article:
    """Read and parse one article file; InputError for anything that is not one."""
    path = Path(path)
    text, warnings = read_text(path)
    return parse_text(text, detect_format(path, text), cfg=cfg, source_path=str(path), warnings=warnings)
