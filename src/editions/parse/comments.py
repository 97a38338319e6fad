"""HTML comments (``<!-- … -->``): notes for the newsroom, never part of an edition.

A comment is found by plain string search (linear in the text, whatever it holds): it runs from ``<!--`` to the
first ``-->`` after it (``<!-->`` and ``<!--->`` are empty comments, as in HTML).  A ``<!--`` that is never
closed is an :class:`~editions.errors.InputError` naming its line: leaving out everything after it would lose
the article, keeping it would publish the note.

Markdown and scraped text leave comments out (:mod:`.markdown`, :mod:`.plaintext`); JSON is the model's text and
is taken as written, with a warning (:func:`first_in`).
"""
from __future__ import annotations

from ..errors import InputError

__all__ = ["OPEN", "find", "remove", "remove_lines", "unclosed", "first_in"]

OPEN, CLOSE = "<!--", "-->"


def find(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """``(start, end)`` of every complete comment, in order, and the offset of a ``<!--`` never closed (or None)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        start = text.find(OPEN, pos)
        if start < 0:
            return spans, None
        body = start + len(OPEN)
        if text.startswith(">", body):
            end = body + 1
        elif text.startswith("->", body):
            end = body + 2
        else:
            close = text.find(CLOSE, body)
            if close < 0:
                return spans, start
            end = close + len(CLOSE)
        spans.append((start, end))
        pos = end


def unclosed(offset: int, text: str, path, first_line: int = 1) -> InputError:
    """The error for a ``<!--`` at ``offset`` of ``text`` (whose first line is line ``first_line`` of the file)."""
    line = first_line + text.count("\n", 0, offset)
    return InputError(f"an HTML comment opened at line {line} is never closed", path=path,
                      hint="end it with '-->', or remove the '<!--'")


def remove(text: str, path, first_line: int = 1) -> tuple[str, int]:
    """``text`` without its comments, and how many there were; InputError for one never closed."""
    if OPEN not in text:
        return text, 0
    spans, open_at = find(text)
    if open_at is not None:
        raise unclosed(open_at, text, path, first_line)
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out), len(spans)


_GONE = "\x00"
"""Marks where a comment was (clean-up has already replaced every NUL of the source by a space)."""


def remove_lines(text: str, path) -> tuple[str, int]:
    """Like :func:`remove`, for text whose blank lines mean something (scraped text): a line that held only
    comments goes with them, so a comment between two lines of a paragraph does not split it in two."""
    if OPEN not in text:
        return text, 0
    spans, open_at = find(text)
    if open_at is not None:
        raise unclosed(open_at, text, path)
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(_GONE)
        pos = end
    out.append(text[pos:])
    lines = "".join(out).split("\n")
    kept = [line.replace(_GONE, "") for line in lines if not (_GONE in line and not line.replace(_GONE, "").strip())]
    return "\n".join(kept), len(spans)


def first_in(value, where: str = "") -> str | None:
    """Where the first ``<!--`` in a JSON value is (``sections[1].paragraphs[0]``), or None."""
    if isinstance(value, str):
        return (where or "text") if OPEN in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = first_in(item, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}" if where else key)
        if found:
            return found
    return None
