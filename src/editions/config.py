"""Settings: defaults, ``editions.toml``, then command-line flags, in that order.

Takes a TOML file (``editions.toml`` at the project root, or ``--config FILE``) and
gives a frozen :class:`Config`.  An unknown table or key, or a value of the wrong
kind, is a :class:`~editions.errors.ConfigError` naming it.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Config", "ParseConfig", "AudioConfig", "PrintConfig", "VerifyConfig", "BuildConfig", "load_config", "DEFAULT_CREDIT_WORDS"]

DEFAULT_CREDIT_WORDS = (
    "Associated Press", "AP Photo", "AP", "Reuters", "Getty Images", "AFP via Getty Images", "AFP",
    "Flick International", "Bloomberg", "EPA", "EPA-EFE", "Shutterstock", "Staff", "Staff photo",
    "Pool", "iStock", "Alamy", "NurPhoto", "Anadolu", "Sipa USA", "ZUMA Press",
)


DEFAULT_DROP_LINES = (
    "Advertisement", "Story continues below advertisement", "Continue reading", "Continue reading below",
    "Skip to content", "Sign up for our newsletter", "Share this article", "Read more:*", "READ MORE:*",
    "Related:*", "RELATED:*", "Click here to subscribe*",
)


@dataclass(frozen=True)
class ParseConfig:
    credit_words: tuple[str, ...] = DEFAULT_CREDIT_WORDS
    """Agencies and credit words that mark the start of a scraped photo line ("Flick International Dusk view of ...")."""
    drop_lines: tuple[str, ...] = DEFAULT_DROP_LINES
    """Whole lines a scraper leaves in the text that are not the article ("Advertisement"); a trailing * matches
    any line that starts so. What is left out is listed in the article's warnings, never dropped silently."""
    lang: str = ""
    """The articles' language (BCP 47), over what a file says (``--lang``); empty: the front matter's or the
    JSON's ``lang``, and for plain text the language detected from the text (a warning names it)."""


@dataclass(frozen=True)
class AudioConfig:
    engine: str = "auto"
    """Voice engine: ``offline`` (hibari, in the wheel), ``gtts`` (network), ``auto`` (gTTS if reachable, else offline), ``test``."""
    voice: str = ""
    """Engine-specific voice name; empty picks the engine's default (hibari ``heart``, gTTS ``com``)."""
    speed: float = 1.0
    """Speaking rate for engines that support it (offline: 0.5 .. 2.0)."""
    describe_photo: bool = True
    """Narrate the photo ("Photo: ..." from alt text, else caption, with credit)."""
    pause_after_headline: float = 1.0
    """Seconds of silence after the headline block (headline, deck, byline, photo)."""
    pause_paragraph: float = 0.6
    """Seconds between paragraphs."""
    pause_before_heading: float = 1.5
    """Seconds before a section heading is announced."""
    pause_after_heading: float = 0.5
    """Seconds after a section heading."""
    loudness: float = -16.0
    """Integrated loudness target, LUFS (ITU-R BS.1770)."""
    true_peak: float = -1.0
    """True-peak ceiling, dBTP."""
    bitrate: str = "64k"
    """MP3 constant bitrate."""
    encoder_quality: int = 7
    """LAME quality, 0 (best, slowest) .. 9 (fastest); 7 is twice as fast as 3 and clean for speech at 64k."""
    workers: int = 0
    """Synthesis worker processes for the offline voice; 0 = one per core."""
    cache_max_mb: int = 2048
    """Largest the clip cache may grow; after a render the least recently used entries beyond it are deleted."""
    lexicon: str = ""
    """Extra pronunciation lexicon (TOML) on top of the built-in one; an article may also have ``<slug>.lexicon.toml`` beside it."""


@dataclass(frozen=True)
class PrintConfig:
    page_size: str = "letter"
    """``letter`` or ``a4``."""
    column_rule: bool = True
    """Draw a hairline between the two columns."""
    photo_columns: int = 2
    """How many columns the photo spans on page one (1 or 2)."""
    strict: bool = False
    """Treat a missing or unreadable photo as an error instead of a labelled box and a warning."""


@dataclass(frozen=True)
class VerifyConfig:
    max_wer: float = 0.05
    """Highest overall word error rate ``editions verify`` accepts (0.05 = 5%)."""


@dataclass(frozen=True)
class BuildConfig:
    scheduler: str = ""
    """Where ``editions build`` renders: empty = the local process pool; ``tcp://HOST:8786`` = a Dask scheduler;
    ``local:N`` = a Dask LocalCluster of N worker processes here.  ``$EDITIONS_SCHEDULER`` and ``--scheduler``
    override it.  Not part of an edition's fingerprint: where it was rendered does not change what it is."""


@dataclass(frozen=True)
class Config:
    publication: str = "editions"
    """Series or publication name: MP3 album (TALB) and the print running head."""
    parse: ParseConfig = field(default_factory=ParseConfig)
    audio: AudioConfig = field(default_factory=AudioConfig)
    print: PrintConfig = field(default_factory=PrintConfig)
    verify: VerifyConfig = field(default_factory=VerifyConfig)
    build: BuildConfig = field(default_factory=BuildConfig)
    source: str | None = field(default=None, compare=False)
    """The file these settings came from (None for built-in defaults)."""

    def with_overrides(self, **sections: dict[str, Any]) -> "Config":
        """A copy with command-line values laid over (``None`` values are ignored)."""
        cfg = self
        for name, values in sections.items():
            values = {k: v for k, v in values.items() if v is not None}
            if not values:
                continue
            if name == "top":
                cfg = replace(cfg, **{k: _coerce(cfg, k, v, "flag") for k, v in values.items()})
                continue
            part = getattr(cfg, name)
            new = replace(part, **{k: _coerce(part, k, v, f"flag for {name}") for k, v in values.items()})
            cfg = replace(cfg, **{name: new})
        _validate(cfg, cfg.source or "command line")
        return cfg


def _coerce(obj, key: str, value: Any, where: str):
    types = {f.name: f.type for f in fields(obj)}
    if key not in types:
        raise ConfigError(f"unknown setting '{key}'", path=where)
    current = getattr(obj, key)
    kind = type(current)
    if kind is bool:
        ok = isinstance(value, bool)
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind is tuple:
        ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok else value
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise ConfigError(f"setting '{key}' should be {kind.__name__}, not {value!r}", path=where)
    return value


def _validate(cfg: Config, where: str) -> None:
    a, p = cfg.audio, cfg.print
    checks = [
        (a.engine in ("auto", "offline", "gtts", "test"), "audio.engine", "one of auto, offline, gtts, test"),
        (0.5 <= a.speed <= 2.0, "audio.speed", "between 0.5 and 2.0"),
        (all(0 <= x <= 10 for x in (a.pause_after_headline, a.pause_paragraph, a.pause_before_heading,
                                     a.pause_after_heading)), "audio.pause_*", "between 0 and 10 seconds"),
        (-40 <= a.loudness <= -5, "audio.loudness", "between -40 and -5 LUFS"),
        (-10 <= a.true_peak <= 0, "audio.true_peak", "between -10 and 0 dBTP"),
        (a.bitrate in ("32k", "48k", "64k", "96k", "128k", "160k", "192k"), "audio.bitrate",
         "one of 32k 48k 64k 96k 128k 160k 192k"),
        (0 <= a.workers <= 64, "audio.workers", "between 0 and 64"),
        (0 <= a.encoder_quality <= 9, "audio.encoder_quality", "between 0 and 9"),
        (a.cache_max_mb >= 0, "audio.cache_max_mb", "0 or more"),
        (p.page_size.lower() in ("letter", "a4"), "print.page_size", "letter or a4"),
        (p.photo_columns in (1, 2), "print.photo_columns", "1 or 2"),
        (0 <= cfg.verify.max_wer <= 1, "verify.max_wer", "between 0 and 1"),
    ]
    for ok, name, should in checks:
        if not ok:
            raise ConfigError(f"bad value for '{name}'", path=where, hint=f"it should be {should}")


def load_config(path: str | Path | None = None, *, search_from: Path | None = None) -> Config:
    """Read ``path``, or ``editions.toml`` in ``search_from`` (default: the working folder) if it exists."""
    if path is None:
        candidate = (search_from or Path.cwd()) / "editions.toml"
        if not candidate.is_file():
            return Config()
        path = candidate
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # a byte order mark is accepted, as in articles
    except FileNotFoundError:
        raise ConfigError("configuration file not found", path=path, hint="check the --config path") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read configuration ({e.__class__.__name__})", path=path) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", path=path, hint="fix the syntax") from None
    cfg = Config(source=str(path))
    sections = {"parse": cfg.parse, "audio": cfg.audio, "print": cfg.print, "verify": cfg.verify, "build": cfg.build}
    top = {}
    for key, value in data.items():
        if key in sections:
            if not isinstance(value, dict):
                raise ConfigError(f"'{key}' should be a table ([{key}])", path=path)
            part = sections[key]
            sections[key] = replace(part, **{k: _coerce(part, k, v, f"{path} [{key}]") for k, v in value.items()})
        elif key == "publication":
            top[key] = _coerce(cfg, key, value, str(path))
        else:
            raise ConfigError(f"unknown setting '{key}'", path=path,
                              hint="known tables: parse, audio, print, verify, build; top-level key: publication")
    cfg = replace(cfg, **sections, **top)
    _validate(cfg, str(path))
    return cfg
