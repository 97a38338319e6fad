"""An offline voice for every language eSpeak NG speaks (speech/voices/engines/espeak.py, speech/voices/languages.py):
speech of plausible length and loudness per language, the voice chosen by the article's lang, whole renders,
refusals, ``editions voices``, the cache key, and gTTS given the article's language (a local server only)."""
import json
import threading

import numpy as np
import pytest

from editions.speech.cache import ClipCache
from editions.speech.voices.engines.espeak import OUT_RATE, RATE, EspeakEngine, to_out_rate, voice_for

from .gtts_server import FakeGTTS
from .limits import editions

SENTENCES = {  # one news sentence of our own per language
    "es": "El gobierno anunció ayer un nuevo plan de transporte para la ciudad de Madrid.",
    "fr": "Le gouvernement a annoncé hier un nouveau plan de transport pour la ville.",
    "de": "Die Regierung hat gestern einen neuen Verkehrsplan für die Stadt angekündigt.",
    "pt": "O governo anunciou ontem um novo plano de transporte para a cidade.",
    "ru": "Правительство вчера объявило о новом плане транспорта для города.",
    "ar": "أعلنت الحكومة أمس عن خطة جديدة للنقل في المدينة.",
    "hi": "सरकार ने कल शहर के लिए एक नई परिवहन योजना की घोषणा की।",
    "zh": "政府昨天宣布了一项新的城市交通计划。",
}


def _expected_seconds(lang: str, text: str) -> float:
    """A newsreader's time for ``text``: 175 words a minute (eSpeak NG's rate), four Chinese characters a second."""
    if lang == "zh":
        return sum(1 for c in text if "\u4e00" <= c <= "\u9fff") / 4.0
    return len(text.split()) / (175 / 60)


def _voiced(pcm: np.ndarray, rate: int) -> float:
    """The share of 10 ms windows louder than -45 dBFS."""
    win = rate // 100
    n = len(pcm) // win
    frames = pcm[: n * win].astype(np.float64).reshape(n, win) / 32768.0
    return float((np.sqrt((frames ** 2).mean(axis=1)) > 10 ** (-45 / 20)).mean())


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_the_offline_voice_speaks_each_language_at_a_plausible_length(lang):
    """Not silence, not letter names spelt one by one (another language's voice reading a script it lacks takes
    several times as long), not a clipped fragment."""
    text = SENTENCES[lang]
    clip = EspeakEngine(lang=lang).synthesize([text])[0]
    assert clip.rate == OUT_RATE and clip.width == 2 and clip.channels == 1
    pcm = np.frombuffer(clip.pcm, dtype="<i2")
    seconds, expected = len(pcm) / clip.rate, _expected_seconds(lang, text)
    assert 0.5 * expected < seconds < 1.6 * expected, (seconds, expected)
    rms_db = 20 * np.log10(np.sqrt(np.mean((pcm / 32768.0) ** 2)))
    assert rms_db > -35, rms_db
    assert _voiced(pcm, clip.rate) > 0.6
    assert clip.analysis is not None  # measured where it was made, as the other offline voice does


@pytest.mark.parametrize("tag, name", [("es", "es"), ("es-MX", "es-419"), ("pt-BR", "pt-BR"), ("pt", "pt"),
                                       ("zh", "cmn"), ("zh-Hans-CN", "cmn"), ("zh-HK", "yue"), ("ar-EG", "ar"),
                                       ("hi-IN", "hi"), ("ru", "ru"), ("sr-Latn", "sr"), ("fr-CA", "fr")])
def test_the_voice_is_chosen_by_the_language_tag(tag, name):
    assert voice_for(tag).name == name


def test_a_language_no_voice_speaks_has_no_voice():
    from editions.speech.voices.languages import offline_voice
    assert voice_for("tlh") is None and offline_voice("tlh") is None
    assert offline_voice("en-GB") == "hibari" and offline_voice("") == "hibari"
    assert offline_voice("es-ES") == "espeak-ng:es"


def test_the_same_text_gives_the_same_clip_even_from_two_threads_at_once():
    """The cache relies on it; the library is not re-entrant, so two narrations at once take turns."""
    es, ru = EspeakEngine(lang="es"), EspeakEngine(lang="ru")
    alone = [es.synthesize([SENTENCES["es"]])[0].pcm, ru.synthesize([SENTENCES["ru"]])[0].pcm]
    got: dict[int, list[bytes]] = {}

    def say(k, eng, text):
        got[k] = [c.pcm for c in eng.synthesize([text] * 4)]
    threads = [threading.Thread(target=say, args=(0, es, SENTENCES["es"])),
               threading.Thread(target=say, args=(1, ru, SENTENCES["ru"]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got[0] == [alone[0]] * 4 and got[1] == [alone[1]] * 4


def test_submit_says_the_texts_in_the_background():
    eng = EspeakEngine(lang="de")
    texts = [SENTENCES["de"], "Guten Morgen."]
    landed = dict(eng.submit(texts)(None))
    assert [landed[0].pcm, landed[1].pcm] == [c.pcm for c in eng.synthesize(texts)]


def test_a_clip_is_never_served_for_another_voice():
    """The cache key holds the engine, the voice, its version and its rate: hibari, eSpeak NG's Spanish and its
    Latin-American Spanish, or another speed, never share a clip."""
    from editions.speech.voices.engines.offline import OfflineEngine
    ids = {OfflineEngine().identity(), EspeakEngine(lang="es").identity(), EspeakEngine(lang="es-MX").identity(),
           EspeakEngine(lang="es", speed=1.2).identity()}
    assert len(ids) == 4
    assert len({ClipCache.key(i, "Hola.") for i in ids}) == 4
    assert "espeak-ng" in EspeakEngine(lang="es").identity()
    assert EspeakEngine(lang="es").voice == "espeak-ng:es"


# -- whole renders (child processes) ---------------------------------------------------------------------------

SPANISH = """---
title: La ciudad estrena un tranvía nocturno
lang: es
---
El ayuntamiento puso en marcha anoche un servicio de tranvía que circula hasta las tres de la madrugada.

La línea une el centro con los barrios del norte y tendrá paradas cada diez minutos.
"""

RUSSIAN = """---
title: В городе открылся ночной трамвай
lang: ru
---
Вчера вечером городские власти запустили трамвай, который будет ходить до трёх часов ночи.

Линия соединит центр с северными районами, а остановки будут каждые десять минут.
"""

ARABIC_MIXED = """---
title: شركة Apple تفتح متجرا جديدا
lang: ar
---
افتتحت شركة Apple أمس متجرا جديدا في وسط المدينة يضم 120 موظفا.
"""


def _render(tmp_path, name, text, *extra, env=None):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    return editions("render", src, "--out", tmp_path / "out", "--only", "audio", "--cache", tmp_path / "cache",
                    *extra, env=env), tmp_path / "out" / (src.stem + ".mp3")


@pytest.mark.parametrize("name, text, voice", [("es.md", SPANISH, "offline:espeak-ng:es"),
                                               ("ru.md", RUSSIAN, "offline:espeak-ng:ru")])
def test_a_spanish_or_russian_article_is_narrated_offline_by_espeak(tmp_path, name, text, voice):
    from mutagen.id3 import ID3
    from editions.speech.sound.mix import decode_mp3_file
    run, mp3 = _render(tmp_path, name, text, "--engine", "offline")
    assert run.code == 0, run.stderr[-2000:]
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["audio"]["voice"] == voice
    assert f"voice {voice}" in str(ID3(mp3).getall("TSSE")[0])
    samples, rate = decode_mp3_file(mp3)
    seconds = len(samples) / rate
    words = len(text.split("---")[-1].split()) + len(text.splitlines()[1].split())
    expected = words / (175 / 60)
    assert 0.8 * expected < seconds < 2.0 * expected, (seconds, expected)  # plus the pauses between sentences


def test_latin_letters_and_digits_inside_an_arabic_article_are_narrated_by_its_voice(tmp_path):
    run, mp3 = _render(tmp_path, "ar.md", ARABIC_MIXED, "--engine", "offline")
    assert run.code == 0, run.stderr[-2000:]
    assert json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))["audio"]["voice"] == "offline:espeak-ng:ar"


@pytest.mark.parametrize("engine", ["offline", "auto"])
def test_a_language_no_offline_voice_speaks_is_one_line_exit_2(tmp_path, engine):
    """auto asks nothing of the network for a language gTTS does not speak either."""
    run, mp3 = _render(tmp_path, "k.md", "---\ntitle: nuqneH\nlang: tlh\n---\nQapla' batlh.\n", "--engine", engine)
    line = run.assert_one_line_error(2, "k.md", "'tlh'", "editions voices")
    assert "--only print" in line and not mp3.exists()


def test_an_english_article_with_letters_of_another_script_is_still_refused_by_hibari(tmp_path):
    run, _ = _render(tmp_path, "en.md", "---\ntitle: A visit\nlang: en\n---\nThe minister said Привет.\n",
                     "--engine", "offline")
    run.assert_one_line_error(2, "Latin letters only", "Cyrillic")


def test_editions_voices_lists_the_voice_of_every_language(run_cli):
    code, out, err = run_cli("voices")
    assert code == 0 and err == ""
    rows = {line.split("  ")[0].strip(): line for line in out.splitlines()[1:-1]}
    assert "hibari:heart" in rows["en"] and rows["en"].endswith("yes")
    assert "espeak-ng:es" in rows["es"] and "Spanish" in rows["es"] and rows["es"].endswith("yes")
    assert "espeak-ng:es-419" in rows["es-mx, es-419"]
    zh = next(line for key, line in rows.items() if key.startswith("zh,"))
    assert "espeak-ng:cmn" in zh and zh.endswith("yes")
    for lang in ("fr, fr-fr", "de", "pt, pt-pt", "ru", "ar", "hi"):
        assert "espeak-ng:" in rows[lang], lang
    assert rows["an"].endswith("no")  # Aragonese: eSpeak NG has it, gTTS not
    assert "tlh" not in rows and not any("xex" in line for line in rows.values())
    assert len(rows) > 100 and "GPL-3.0" in out.splitlines()[-1]


def test_say_shows_espeak_phonemes_for_another_language(run_cli):
    code, out, _ = run_cli("say", "--lang", "es", "--engine", "offline", "--phonemes", "Hola")
    assert code == 0 and out.strip() == "ˈola"


def test_no_head_start_for_the_english_voice_when_the_article_is_in_another_language(tmp_path):
    import dataclasses
    from editions.config import Config
    from editions.speech.voices.engines import offline
    from editions.speech.voices.headstart import head_start
    cfg = Config()
    cfg = dataclasses.replace(cfg, audio=dataclasses.replace(cfg.audio, engine="offline"))
    src = tmp_path / "es.md"
    src.write_text(SPANISH, encoding="utf-8")
    try:
        assert not head_start(src, cfg, None) and offline._crew is None
        (tmp_path / "es.json").write_text(json.dumps({"headline": "x", "lang": "es-MX", "body": "y"}))
        assert not head_start(tmp_path / "es.json", cfg, None)
        assert not head_start(tmp_path / "x.txt", dataclasses.replace(cfg, parse=dataclasses.replace(cfg.parse,
                                                                                                  lang="ru")), None)
    finally:
        offline.shutdown()


# -- gTTS is given the article's language ----------------------------------------------------------------------

@pytest.mark.parametrize("tag, code", [("es", "es"), ("zh", "zh-CN"), ("zh-Hant-TW", "zh-TW"), ("he", "iw"),
                                       ("ar", "ar"), ("hi", "hi"), ("pt-BR", "pt"), ("tlh", None)])
def test_gtts_language_codes(tag, code):
    from editions.speech.voices.engines.gtts import gtts_lang
    assert gtts_lang(tag) == code


@pytest.mark.parametrize("name, text, lang", [("es.md", SPANISH, "es"),
                                              ("zh.md", "---\ntitle: 城市交通\nlang: zh\n---\n政府宣布了新的计划。\n",
                                               "zh-CN")])
def test_gtts_is_given_the_article_language(tmp_path, monkeypatch, name, text, lang):
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    with FakeGTTS() as srv:
        run, mp3 = _render(tmp_path, name, text, "--engine", "gtts", env={"EDITIONS_GTTS_URL": srv.url})
    assert run.code == 0, run.stderr[-2000:]
    assert srv.langs and set(srv.langs) == {lang}


def test_gtts_refuses_a_language_it_does_not_speak_in_one_line(tmp_path):
    run, _ = _render(tmp_path, "k.md", "---\ntitle: nuqneH\nlang: tlh\n---\nQapla'.\n", "--engine", "gtts")
    run.assert_one_line_error(2, "k.md", "gTTS does not speak", "'tlh'")


def test_espeak_clips_are_at_the_english_voices_rate_and_keep_their_sound():
    """One sample rate for every edition: an issue of English and Spanish articles joins their frames as they are
    (eSpeak's 22,050 Hz clips made every English article be encoded again)."""
    import numpy as np
    assert OUT_RATE == 24000
    t = np.arange(RATE) / RATE  # one second of 440 Hz
    tone = (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes()
    out = np.frombuffer(to_out_rate(tone), dtype="<i2").astype(float)
    assert out.size == OUT_RATE
    spectrum = np.abs(np.fft.rfft(out[2400:-2400]))
    freqs = np.fft.rfftfreq(out[2400:-2400].size, 1 / OUT_RATE)
    assert abs(freqs[spectrum.argmax()] - 440) < 2  # the same pitch
    assert abs(np.sqrt(np.mean(out[2400:-2400] ** 2)) - 8000 / np.sqrt(2)) < 80  # the same level
    assert to_out_rate(b"") == b""


def test_an_in_process_voice_is_made_once_per_process(monkeypatch):
    """eSpeak NG's library and the Japanese voice are made once per process and made again in a forked child
    (whose copy of the parent's, and of any lock held at the fork, is no use to it)."""
    import os

    from editions.speech.voices.engines import serial
    made = []
    get = serial.per_process(lambda: made.append(1) or object())
    first = get()
    assert get() is first and len(made) == 1
    pid = os.getpid()
    monkeypatch.setattr(serial.os, "getpid", lambda: pid + 1)  # as in a forked child
    assert get() is not first and len(made) == 2
