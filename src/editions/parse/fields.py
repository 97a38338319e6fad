"""Values every input format checks the same way: a text field is text, and a language tag is one.

:func:`front_text` is the one way a front-matter value becomes text (a mapping or a list where text is expected is
refused by its key, never printed as Python's ``{'name': …}``); :func:`check_lang` is the one language-tag check,
for every format (the tag reaches the PDFs' ``/Lang``, the EPUB and the MP3's tags).
"""
from __future__ import annotations

import datetime as _dt
import re

from ..errors import InputError
from . import comments

__all__ = ["front_text", "check_lang", "LANG_TAG", "MAX_LANG"]

LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
"""A BCP 47 tag's shape: a language, then subtags of letters and digits joined by hyphens (``en-US``,
``zh-Hant-TW``)."""
MAX_LANG = 35
"""Longest tag taken (BCP 47 asks every reader to take at least 35 characters)."""


def check_lang(tag: str, path, what: str = "'lang'") -> str:
    """``tag`` if it is a language tag; else an InputError naming it (shortened, on one line)."""
    if len(tag) > MAX_LANG or not LANG_TAG.fullmatch(tag):
        shown = tag if len(tag) <= 40 else tag[:40] + "…"
        raise InputError(f"{what} is not a language tag: {shown!r}", path=path, hint="use a BCP 47 tag such as en-US")
    return tag


def _kind(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    return f"a {type(value).__name__}"


def front_text(value, key: str, path, removed: list[int] | None = None) -> str:
    """A front-matter value that is printed and read out, as text: None is empty, a date or a number is the text
    it was written as, whitespace runs become one space, HTML comments are left out (counted in ``removed``).
    A mapping or a list is refused, naming ``key`` (``pull_quotes[0].attribution``)."""
    if value is None:
        return ""
    if isinstance(value, (_dt.date, int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        name = key.rsplit(".", 1)[-1].split("[", 1)[0]
        raise InputError(f"front matter '{key}' should be text, not {_kind(value)}", path=path,
                         hint=f"write it as one line of text: '{name}: …'")
    if comments.OPEN in value:
        _, open_at = comments.find(value)
        if open_at is not None:
            raise InputError(f"front matter '{key}' holds an HTML comment that is never closed", path=path,
                             hint="end it with '-->', or remove the '<!--'")
        value, count = comments.remove(value, path)
        if removed is not None:
            removed.append(count)
    return " ".join(value.split())
