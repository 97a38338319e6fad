"""The one module that touches hibari-tts beyond what it exports: every use of the offline voice's package goes
through here, so an upgrade that moves its internals breaks one file, and ``tests/test_hibari_contract.py``
says which name moved.

hibari-tts exports ``Hibari``, ``SAMPLE_RATE``, ``write_wav`` and ``__version__``.  editions also relies on:

- ``hibari.voices.VOICES`` and ``voice_path(name, download_missing=False)`` (documented in that module, not
  exported by the package): which voices exist, whether each is British, where its model is;
- ``hibari.g2p.G2P`` and its ``__call__(text, normalize_text=…)``: the G2P, with its own normaliser switched
  off (editions normalises once, itself);
- ``hibari.g2p._load_json`` and ``hibari.g2p.ASSETS``: the G2P's asset reader and folder, swapped while a G2P
  loads so its lexicons and tagger are read from the voice store (:mod:`.voicestore`);
- ``hibari.dsp.rfft``, ``irfft`` and ``FFT_BACKEND``: its FFT, kept on numpy's whatever else is installed;
- ``Hibari._g2p`` (what its ``g2p`` property returns) and ``Hibari.__new__`` without ``__init__``: its text side
  alone, with no model loaded; ``Hibari.ids`` and ``Hibari.from_ids(ids, speed, rng)``: phonemes to sound;
- the ``hibari_tts-VERSION.dist-info`` folder beside the package: its version without importing it.

:data:`CONTRACT` lists them; :func:`check` tells what an installed hibari-tts lacks.  Checked against
:data:`REQUIREMENT`, which is also the dependency in ``pyproject.toml``.
"""
from __future__ import annotations

import contextlib
import inspect
import sys
from typing import Any, Callable

__all__ = ["REQUIREMENT", "CONTRACT", "version", "load", "voices", "voice_file", "new_voice", "plain_g2p",
           "phonemizer", "check", "in_range"]

REQUIREMENT = "hibari-tts>=0.2.1,<0.3"
"""The versions this adapter was checked against (also the dependency in ``pyproject.toml``)."""

CONTRACT: dict[str, tuple[str, ...]] = {
    "hibari.Hibari": ("voice", "model", "threads", "g2p"),
    "hibari.Hibari.__call__": ("text", "speed", "seed"),
    "hibari.Hibari.phonemize": ("text",),
    "hibari.Hibari.ids": ("phonemes",),
    "hibari.Hibari.from_ids": ("ids", "speed", "rng"),
    "hibari.Hibari.g2p": (),
    "hibari.voices.VOICES": (),
    "hibari.voices.voice_path": ("name", "download_missing"),
    "hibari.g2p.G2P": ("british",),
    "hibari.g2p.G2P.__call__": ("text", "normalize_text"),
    "hibari.g2p._load_json": ("name",),
    "hibari.g2p.ASSETS": (),
    "hibari.dsp.rfft": ("x", "axis"),
    "hibari.dsp.irfft": ("x", "n", "axis"),
    "hibari.dsp.FFT_BACKEND": (),
}
"""Every name of hibari-tts editions uses -> the parameters it passes to it (by name or position)."""


def version() -> str:
    """The installed hibari-tts version (part of every clip's cache key), without importing it."""
    from ...errors import EngineUnavailable
    from .installed import installed_version
    found = installed_version("hibari", "hibari-tts")
    if found is None:
        raise EngineUnavailable("the offline voice needs hibari-tts", hint="pip install hibari-tts")
    return found


def load():
    """Import hibari with its signal processing on numpy's FFT, whatever else is installed; the package.

    hibari uses scipy's FFT when scipy happens to be installed.  Measured here, the voice synthesises no faster
    with it, importing it costs each voice 0.15-0.2 s, and its results differ from numpy's in the last bit of a
    few samples: the same text would give another clip depending on whether some other package brought scipy
    in.  So scipy's FFT is kept out while hibari is imported, and if hibari was imported with it before (in a
    process that had loaded scipy), its two FFT functions are pointed at numpy's as its own fallback does."""
    blocked = "scipy.fft" not in sys.modules and "hibari.dsp" not in sys.modules
    if blocked:
        sys.modules["scipy.fft"] = None  # type: ignore[assignment]  (an import of it fails: the fallback)
    try:
        from hibari import dsp
    finally:
        if blocked and "scipy.fft" in sys.modules and sys.modules["scipy.fft"] is None:
            del sys.modules["scipy.fft"]
    if getattr(dsp, "FFT_BACKEND", "numpy") != "numpy":
        import numpy as np
        dsp.rfft = lambda x, axis: np.fft.rfft(x, axis=axis).astype(np.complex64)
        dsp.irfft = lambda x, n, axis: np.fft.irfft(x, n=n, axis=axis).astype(np.float32)
        dsp.FFT_BACKEND = "numpy"
    import hibari
    return hibari


def voices() -> dict:
    """Voice name -> hibari's description of it (``british``: whether its G2P reads British English)."""
    load()
    from hibari.voices import VOICES
    return VOICES


def voice_file(name: str) -> str:
    """The model file of voice ``name``, never downloaded (FileNotFoundError when it is not on this machine)."""
    load()
    from hibari.voices import voice_path
    return voice_path(name, download_missing=False)


def new_voice(voice: str, model, g2p=None):
    """A hibari voice with its own onnxruntime session on one thread, from ``model``, with ``g2p`` (None:
    hibari's own)."""
    return load().Hibari(voice=voice, model=model, threads=1, g2p=g2p)


def plain_g2p(british: bool = False, reader: Callable[[Callable[[str], Any], str], Callable[[str], Any]] | None = None):
    """hibari's G2P with its own text normalisation switched off (a G2P object ``Hibari(g2p=…)`` accepts).

    ``reader``: given hibari's asset reader and its assets folder, the reader to load this G2P's data with (the
    voice store's); without it, or if this hibari has no such reader, its own."""
    load()
    from hibari import g2p as hg

    class PlainG2P(hg.G2P):
        def __call__(self, text, normalize_text=False):  # editions has normalised the text already
            return super().__call__(text, normalize_text=False)

    original, assets = getattr(hg, "_load_json", None), getattr(hg, "ASSETS", None)
    if reader is None or original is None or assets is None:
        return PlainG2P(british=british)
    hg._load_json = reader(original, assets)
    try:
        return PlainG2P(british=british)
    finally:
        hg._load_json = original


def phonemizer(g2p):
    """hibari's text side alone -- its sentence splitting and ``phonemize`` with ``g2p`` -- with no model loaded."""
    hibari = load()
    voice = hibari.Hibari.__new__(hibari.Hibari)
    voice._g2p = g2p
    return voice


def _release(text: str) -> tuple[int, ...]:
    """'0.2.1' -> (0, 2, 1); a pre-release or local part ('0.3.0rc1', '0.2.1+x') counts as its release."""
    import re
    return tuple(int(n) for n in re.findall(r"\d+", re.split(r"[^\d.]", text, maxsplit=1)[0]))


def in_range(installed: str) -> bool:
    """Whether version ``installed`` lies in :data:`REQUIREMENT` (its ``>=`` and ``<`` bounds)."""
    have = _release(installed)
    for bound in REQUIREMENT.split("hibari-tts", 1)[1].split(","):
        op, ver = bound[:2] if bound.startswith((">=", "<=")) else bound[:1], bound.lstrip("<>=")
        limit = _release(ver)
        if not {">=": have >= limit, "<": have < limit, "<=": have <= limit, ">": have > limit}[op]:
            return False
    return True


def _find(dotted: str) -> Any:
    """The object named ``dotted`` (``hibari.g2p.G2P.__call__``), importing modules as needed; AttributeError or
    ImportError when it is not there."""
    import importlib
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            if cut == 1:
                raise
            continue
        for name in parts[cut:]:
            if inspect.isclass(obj):  # its own or an ancestor's, not what every class has from object or type
                found = [k.__dict__[name] for k in obj.__mro__ if k is not object and name in k.__dict__]
                if not found:
                    raise AttributeError(name)
                obj = found[0]
            else:
                obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


def _parameters(obj: Any) -> list[str] | None:
    """The parameter names ``obj`` takes when called (a class: its ``__init__``), or None if it cannot say."""
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    if isinstance(obj, property):
        return []
    try:
        return list(inspect.signature(obj).parameters)
    except (TypeError, ValueError):
        return None


def check() -> list[str]:
    """What the installed hibari-tts lacks of :data:`CONTRACT`: one line per missing name or parameter, naming it,
    the installed version and the range this adapter was checked against (empty: all there)."""
    try:
        installed = version()
    except Exception as e:  # noqa: BLE001 - not installed at all is one more thing to say
        return [f"hibari-tts is not installed ({e}); editions needs {REQUIREMENT}"]
    where = f"installed hibari-tts {installed}; editions.speech.voices.hibari_adapter was checked against {REQUIREMENT}"
    problems = [] if in_range(installed) else [f"hibari-tts {installed} is outside the checked range ({where})"]
    with contextlib.suppress(Exception):
        load()
    try:  # the text side alone: a voice made without __init__, given a G2P, phonemizes with it
        said = phonemizer(lambda sentence: f"<{sentence}>").phonemize("One. Two.")
        if said != ["<One.>", "<Two.>"]:
            problems.append(f"hibari.Hibari made without __init__ with _g2p set phonemizes as {said!r} ({where})")
    except Exception as e:  # noqa: BLE001
        problems.append(f"hibari.Hibari made without __init__ with _g2p set cannot phonemize "
                        f"({e.__class__.__name__}: {e}; {where})")
    for dotted, wanted in CONTRACT.items():
        try:
            obj = _find(dotted)
        except (ImportError, AttributeError):
            problems.append(f"{dotted} is gone ({where})")
            continue
        if not wanted:
            continue
        have = _parameters(obj)
        missing = [p for p in wanted if have is not None and p not in have]
        if have is None or missing:
            problems.append(f"{dotted} no longer takes {', '.join(missing) or 'the parameters editions passes'} "
                            f"({where})")
    return problems
