"""`editions say` and `editions script`, the offline voice's phonemes on the cases its own rules used to get
wrong ("the zeroth" names, units, fractions), and the same words reaching gTTS (local server)."""
import io
import json
import wave

import pytest
from mutagen.mp3 import MP3

from .audio_helpers import write_article
from .gtts_server import FakeGTTS


def test_say_prints_the_words_the_voice_receives(run_cli):
    code, out, err = run_cli("say", "A $4.2 Million Plan for the U.S. Army", "--engine", "test")
    assert code == 0 and out == "A four point two million dollar Plan for the U.S. Army\n"
    code, out, _ = run_cli("say", "A $4.2 Million Plan for the U.S. Army", "--engine", "offline")
    assert code == 0 and out == "A four point two million dollar Plan for the US Army\n"


def test_say_applies_the_lexicon(run_cli, tmp_path):
    lex = tmp_path / "lex.toml"
    lex.write_text('[respell]\n"Xochitl" = "So-cheel"\n[phonemes]\n"Quay" = "kˈi"\n', encoding="utf-8")
    code, out, _ = run_cli("say", "Xochitl at the Quay", "--engine", "offline", "--lexicon", lex)
    assert code == 0 and out == "So-cheel at the [Quay](/kˈi/)\n"


def test_say_reads_standard_input_one_line_per_line(run_cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("$15/hour\n\n50°F\n(212) 555-1234\n"))
    code, out, _ = run_cli("say", "--engine", "test")
    assert code == 0
    assert out.split("\n")[:-1] == ["fifteen dollars an hour", "", "fifty degrees Fahrenheit",
                                    "two one two, five five five, one two three four"]


# Known answers: the offline voice's phonemes where its own normaliser used to interfere.
@pytest.mark.parametrize("text, phonemes", [
    ("James Cameron directed it.", "ʤˈAmz kˈæməɹɹən dəɹˈɛktᵻd ɪt."),
    ("King Charles spoke.", "kˈɪŋ ʧˈɑɹlz spˈOk."),
    ("King Charles III spoke.", "kˈɪŋ ʧˈɑɹlz ðə θˈɜɹd spˈOk."),
    ("Pope Leo XIV prayed.", "pˈOp lˈiO ðə fˌɔɹtˈinθ pɹˈAd."),
    ("Chapter Lines", "ʧˈæptəɹ lˈInz"),
    ("It was 65 mph.", "ˌɪt wʌz sˈɪkstifˌIv mˈIlz pɜɹ ˈWəɹ."),
    ("12 km", "twˈɛlv kəlˈɑməTəɹz"),
    ("300 MW", "θɹˈi hˈʌndɹəd mˈɛɡəwˌɑts"),
    ("-12°F", "mˈInəs twˈɛlv dəɡɹˈiz fˈɛɹənhˌIt"),
    ("1/2 of voters", "wˈʌn hˈæf ʌv vˈOTəɹz"),
    ("2 1/2 miles", "tˈu ænd ɐ hˈæf mˈIlz"),
    ("3/4 cup", "θɹˈi kwˈɔɹTəɹz kˈʌp"),
    ("the U.S. Army", "ðə jˌuˈɛs ˈɑɹmi"),
])
def test_offline_phonemes_known_answers(run_cli, text, phonemes):
    code, out, _ = run_cli("say", "--engine", "offline", "--phonemes", "--", text)  # "--": "-12°F" is text
    assert code == 0 and out == phonemes + "\n"
    assert "zˈɪɹO" not in out and "zˌɪɹO" not in out


def test_the_voice_the_engine_loads_never_normalises_again():
    from editions.speech.voices.engines.offline import _load
    voice = _load("heart")
    for text in ("James Cameron", "King Charles spoke", "Pope Leo", "Chapter Lines", "Louis CK"):
        assert "zˈɪɹO" not in "".join(voice.phonemize(text)) and "zˌɪɹO" not in "".join(voice.phonemize(text))
    assert "kəlˈɑm" not in voice.phonemize("12 km")[0]  # the voice's own unit rule would say kilometers


def test_phonemes_need_the_offline_voice(run_cli):
    code, out, err = run_cli("say", "x", "--engine", "test", "--phonemes")
    assert code == 2 and out == "" and err.count("\n") == 1 and "offline" in err


def test_say_speaks_to_wav_and_mp3(run_cli, tmp_path):
    code, _, err = run_cli("say", "It cost $4.2 million.", "--engine", "test", "--speak", tmp_path / "a.wav")
    assert code == 0
    with wave.open(str(tmp_path / "a.wav")) as w:
        assert w.getnchannels() == 1 and w.getnframes() > 0.5 * w.getframerate()
    code, _, _ = run_cli("say", "It cost $4.2 million.", "--engine", "test", "--speak", tmp_path / "a.mp3")
    assert code == 0 and MP3(tmp_path / "a.mp3").info.length > 0.5


@pytest.mark.slow
def test_say_speaks_with_the_real_voice(run_cli, tmp_path):
    code, _, _ = run_cli("say", "King Charles III spoke.", "--engine", "offline", "--speak", tmp_path / "k.wav")
    assert code == 0
    with wave.open(str(tmp_path / "k.wav")) as w:
        assert w.getframerate() == 24000 and 0.8 < w.getnframes() / 24000 < 4


def test_say_refuses_an_unknown_audio_type_in_one_line(run_cli, tmp_path):
    code, out, err = run_cli("say", "hello", "--engine", "test", "--speak", tmp_path / "a.ogg")
    assert code == 2 and err.count("\n") == 1 and "a.ogg" in err and ".mp3 or .wav" in err
    assert not (tmp_path / "a.ogg").exists()


def test_the_same_words_reach_gtts(run_cli, monkeypatch, tmp_path):
    from editions.speech.voices.engines import gtts as g
    monkeypatch.setattr(g, "_probed", {})
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    with FakeGTTS() as srv:
        monkeypatch.setenv("EDITIONS_GTTS_URL", srv.url)
        code, out, _ = run_cli("say", "Pope Leo XIV paid $1.5bn for 2 1/2 km of I-405 at 3 p.m. ET.",
                               "--engine", "gtts", "--speak", tmp_path / "g.mp3")
    words = ("Pope Leo the fourteenth paid one point five billion dollars for two and a half kilometers of "
             "I four oh five at three p.m. Eastern Time.")
    assert code == 0 and out == words + "\n" and " ".join(srv.texts) == words  # gTTS cuts at 100 characters


def test_script_json_contract(run_cli, tmp_path):
    src = write_article(tmp_path)
    code, out, _ = run_cli("script", src, "--json", "--engine", "test")
    assert code == 0
    doc = json.loads(out)
    assert doc["version"] == 1 and doc["engine"] == "test" and doc["headline"] == "Council Backs New Bridge"
    assert set(doc) == {"version", "source", "headline", "lang", "engine", "voice", "chapters", "cues"}
    assert [c["title"] for c in doc["chapters"]] == ["Council Backs New Bridge", "Opening", "Money", "Timing"]
    cue = doc["cues"][1]
    assert set(cue) == {"index", "chapter", "chapter_title", "kind", "section", "paragraph", "text", "speech",
                        "pause_after"}
    assert cue["text"] == "A $12 million crossing wins a 5-2 vote."
    assert cue["speech"] == "A twelve million dollar crossing wins a five to two vote."
    assert all(c["index"] == i for i, c in enumerate(doc["cues"]))
    assert doc["cues"][-1]["pause_after"] == 0.0 and all(c["pause_after"] >= 0 for c in doc["cues"])
    for ch in doc["chapters"]:
        assert doc["cues"][ch["first_cue"]]["chapter"] == ch["index"]
    assert any(c["speech"] == "Doctor Lee said it opens in twenty twenty-eight." for c in doc["cues"])


def test_script_text_and_bad_file(run_cli, tmp_path):
    src = write_article(tmp_path)
    code, out, _ = run_cli("script", src, "--engine", "test")
    assert code == 0 and "== chapter 3: Money" in out and "The state pays sixty percent of the cost." in out
    code, out, err = run_cli("script", tmp_path / "missing.md", "--engine", "test")
    assert code == 2 and out == "" and err.count("\n") == 1 and "missing.md" in err


@pytest.mark.parametrize("name", ["harbour-seawall.md", "riverside-library.txt", "transit-budget.md"])
def test_every_number_in_the_samples_reaches_the_voice_as_words(name, run_cli):
    from .conftest import SAMPLES
    code, out, _ = run_cli("script", SAMPLES / name, "--json", "--engine", "offline")
    assert code == 0
    for cue in json.loads(out)["cues"]:
        assert not any(ch.isdigit() for ch in cue["speech"]), cue
        assert "zeroth" not in cue["speech"]


@pytest.mark.slow
def test_the_number_dense_sample_verifies_within_two_percent(tmp_path, run_cli):
    """The real voice narrates assets/articles/transit-budget.md and the recogniser hears what the text says."""
    from .conftest import SAMPLES
    code, out, err = run_cli("render", SAMPLES / "transit-budget.md", "--engine", "offline", "--only", "audio",
                             "--out", tmp_path, "--cache", tmp_path / "cache", "--verify")
    report = json.loads((tmp_path / "transit-budget.verify.json").read_text())
    assert code == 0 and report["wer"] <= 0.02, out
