"""Pronunciation lexicon: words or phrases -> respellings (every engine) or phonemes (offline voice).

TOML, two tables::

    [respell]                      # applied to the written text before normalisation
    "Nguyễn" = "Win"
    [phonemes]                     # offline voice only, misaki/Kokoro phoneme alphabet
    "Los Angeles" = "lˌɔs ˈænʤələs"

The built-in lexicon is ``assets/lexicon.toml`` (shipped in the package as
``editions/data/lexicon.toml``); ``audio.lexicon`` in the settings and a
``<article>.lexicon.toml`` beside an article add to it, later entries winning.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ...errors import ConfigError

__all__ = ["Lexicon", "load_lexicon", "article_lexicon_path"]


@dataclass(frozen=True)
class Lexicon:
    respell: dict[str, str] = field(default_factory=dict)
    phonemes: dict[str, str] = field(default_factory=dict)

    def merged(self, other: "Lexicon") -> "Lexicon":
        return Lexicon({**self.respell, **other.respell}, {**self.phonemes, **other.phonemes})

    def digest(self) -> str:
        """Stable hash of the entries, for caches and manifests."""
        blob = json.dumps([sorted(self.respell.items()), sorted(self.phonemes.items())], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    @staticmethod
    def _pattern(keys) -> re.Pattern | None:
        if not keys:
            return None
        alts = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
        return re.compile(rf"(?<![\w]){alts}(?![\w])")

    def apply_respell(self, text: str) -> str:
        pat = self._pattern(self.respell)
        return pat.sub(lambda m: self.respell[m.group(0)], text) if pat else text

    def apply_phonemes(self, text: str) -> str:
        """Wrap each phrase as ``[phrase](/phonemes/)``, the inline form the offline voice reads."""
        pat = self._pattern(self.phonemes)
        return pat.sub(lambda m: f"[{m.group(0)}](/{self.phonemes[m.group(0)]}/)", text) if pat else text


def _read(path: Path) -> Lexicon:
    if "\0" in str(path):
        raise ConfigError("the lexicon's path holds a NUL character", path=repr(str(path)),
                          hint="point audio.lexicon at a .toml file")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a byte order mark is accepted
    except FileNotFoundError:
        raise ConfigError("lexicon file not found", path=path) from None
    except IsADirectoryError:
        raise ConfigError("lexicon is a folder, not a file", path=path,
                          hint="point audio.lexicon at a .toml file") from None
    except OSError as e:
        raise ConfigError(f"cannot read the lexicon ({e.strerror or e})", path=path) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"lexicon is not valid TOML ({e})", path=path, hint="fix the syntax") from None
    unknown = sorted(set(data) - {"respell", "phonemes"})
    if unknown:
        raise ConfigError(f"unknown lexicon table '{unknown[0]}'", path=path, hint="use [respell] and [phonemes]")
    out = {}
    for table in ("respell", "phonemes"):
        entries = data.get(table, {})
        if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.strip()
                                                    for k, v in entries.items()):
            raise ConfigError(f"lexicon [{table}] should map words to strings", path=path)
        out[table] = dict(entries)
    return Lexicon(out["respell"], out["phonemes"])


def builtin() -> Lexicon:
    return _read(Path(str(resources.files("editions") / "data" / "lexicon.toml")))


def article_lexicon_path(source: str | Path | None) -> Path | None:
    if not source:
        return None
    p = Path(source)
    candidate = p.with_name(p.stem + ".lexicon.toml")
    return candidate if os.path.isfile(candidate) else None  # (never raises: the name may be too long to exist)


def load_lexicon(extra: str | Path | None = None, article_source: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, plus the configured one, plus the article's own."""
    lex = builtin()
    if extra:
        lex = lex.merged(_read(Path(extra)))
    own = article_lexicon_path(article_source)
    if own:
        lex = lex.merged(_read(own))
    return lex
