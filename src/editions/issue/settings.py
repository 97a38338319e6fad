"""``DIR/issue.toml``: the issue's title, number, date and where it is published, checked like editions.toml.

Takes the articles' folder; gives a frozen :class:`IssueSettings` (defaults when there is no file).  An unknown
key or a value of the wrong kind is one :class:`~editions.errors.ConfigError` line naming it; a byte order mark
is accepted; the title, description and publisher get the clean-up every article's field gets (no bidi
override or control character).
"""
from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..parse.characters import scrub

__all__ = ["IssueSettings", "load_issue_settings", "ISSUE_FILE"]

ISSUE_FILE = "issue.toml"

_KINDS = {"title": str, "number": int, "date": str, "description": str, "publisher": str, "language": str,
          "base_url": str, "image": str, "order": list}


@dataclass(frozen=True)
class IssueSettings:
    title: str = ""
    """The issue's title (default: the publication's name from editions.toml)."""
    number: int | None = None
    date: str = ""
    """ISO date (YYYY-MM-DD); default: today."""
    description: str = ""
    publisher: str = ""
    language: str = ""
    """BCP 47; default: the first article's."""
    base_url: str = ""
    """Where the output folder will be published (the feed's links); ``--base-url`` overrides."""
    image: str = ""
    """Cover image, a path relative to the articles' folder."""
    order: tuple[str, ...] = field(default=())
    """The articles' file names in the issue's order; default: file-name order."""
    source: str | None = None


def load_issue_settings(folder: Path) -> IssueSettings:
    path = Path(folder) / ISSUE_FILE
    if not path.is_file():
        return IssueSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read the issue settings ({e.__class__.__name__})", path=path) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", path=path, hint="fix the syntax") from None
    values: dict = {}
    for key, value in data.items():
        kind = _KINDS.get(key)
        if key == "date" and isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            value = value.isoformat()  # TOML's own date (date = 2026-12-06) is the ISO date it looks like
        if kind is None:
            raise ConfigError(f"unknown setting '{key}'", path=path, hint=f"known keys: {', '.join(_KINDS)}")
        if isinstance(value, bool) or not isinstance(value, kind):
            raise ConfigError(f"setting '{key}' should be {'a list of file names' if kind is list else kind.__name__}"
                              f", not {type(value).__name__} {str(value)[:60]!r}", path=path)
        values[key] = value
    for key in ("title", "description", "publisher"):  # the clean-up every article's field gets (bidi overrides,
        if key in values:  # controls): text a feed or a player shows stays what it says
            values[key] = scrub(values[key])[0]
    if "order" in values:
        order = values["order"]
        if not all(isinstance(v, str) and v and "/" not in v for v in order) or len(set(order)) != len(order):
            raise ConfigError("bad value for 'order'", path=path,
                              hint="it should list the articles' file names in the folder, each once")
        values["order"] = tuple(order)
    if "date" in values:
        try:
            values["date"] = datetime.date.fromisoformat(values["date"].strip()).isoformat()
        except ValueError:
            raise ConfigError(f"bad value for 'date': {values['date']!r}", path=path,
                              hint="it should be an ISO date, YYYY-MM-DD") from None
    if "number" in values and values["number"] < 0:
        raise ConfigError("bad value for 'number'", path=path, hint="it should be 0 or more")
    if values.get("base_url") and not values["base_url"].startswith(("http://", "https://")):
        raise ConfigError(f"bad value for 'base_url': {values['base_url']!r}", path=path,
                          hint="it should be an http:// or https:// address")
    return IssueSettings(**values, source=str(path))
