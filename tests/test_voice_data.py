"""The offline voice's G2P data kept parsed (speech/voices/phonemes.py ``plain_g2p(store=…)``): the same phonemes as
from hibari's own JSON, a damaged copy never used, a store that cannot be written costs nothing but time."""
import os

import pytest

from editions.speech.voices.phonemes import plain_g2p

TEXT = "The council's 2026 budget, read by Dr. Okonkwo-Hayes, funds 14 ferries in Saint-Étienne."


def _phonemes(g2p) -> str:
    return g2p(TEXT)[0]


def test_stored_data_gives_the_same_phonemes_and_is_used_the_second_time(tmp_path):
    plain = _phonemes(plain_g2p())
    store = tmp_path / "voice"
    assert _phonemes(plain_g2p(store=store)) == plain  # made on first use...
    files = sorted(store.iterdir())
    assert len(files) == 3 and all(f.suffix == ".sqlite" for f in files)  # two lexicons and the tagger
    stamps = [f.stat().st_mtime_ns for f in files]
    assert _phonemes(plain_g2p(store=store)) == plain  # ...read on the next, not made again
    assert [f.stat().st_mtime_ns for f in files] == stamps


def test_every_sentence_of_the_samples_gets_the_same_phonemes_from_the_tables(tmp_path):
    import hibari
    from editions.config import Config
    from editions.parse import load_article
    from editions.speech.voices.engines.offline import OfflineEngine
    from editions.speech.text.lexicon import load_lexicon
    from editions.speech.text.script import build_script
    from .conftest import SAMPLES, SEED
    texts = []
    for src in [*([SEED] if SEED.is_file() else []), *sorted(p for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt"))]:
        art = load_article(src)
        lexicon = load_lexicon(None, art.source_path)
        eng = OfflineEngine(lexicon=lexicon)
        texts += [eng.prepare(c.speech) for c in build_script(art, Config().audio, lexicon).cues]
    assert len(texts) > 300

    def phonemizer(g2p):
        p = hibari.Hibari.__new__(hibari.Hibari)
        p._g2p = g2p
        return p
    tables, whole = phonemizer(plain_g2p(store=tmp_path / "voice")), phonemizer(plain_g2p())
    assert [tables.phonemize(t) for t in texts] == [whole.phonemize(t) for t in texts]


def test_a_damaged_copy_is_not_used_and_is_made_again(tmp_path):
    plain = _phonemes(plain_g2p())
    store = tmp_path / "voice"
    plain_g2p(store=store)
    lexicon = next(f for f in store.iterdir() if f.name.startswith("lexicon_us_gold"))
    blob = bytearray(lexicon.read_bytes())
    blob[len(blob) // 2] ^= 0xFF  # one flipped byte in the middle of the data
    lexicon.write_bytes(bytes(blob))
    assert _phonemes(plain_g2p(store=store)) == plain
    remade = next(f for f in store.iterdir() if f.name.startswith("lexicon_us_gold"))
    assert remade.read_bytes() != bytes(blob) and len(list(store.iterdir())) == 3  # the damaged one is gone
    remade.write_bytes(b"")  # truncated to nothing
    assert _phonemes(plain_g2p(store=store)) == plain


def test_a_store_that_cannot_be_written_still_gives_the_voice(tmp_path):
    store = tmp_path / "voice"
    store.write_text("a file where the folder should be", encoding="utf-8")
    assert _phonemes(plain_g2p(store=store)) == _phonemes(plain_g2p())
    assert store.is_file() and not os.path.isdir(store)


SENTENCES = ["The council voted on Monday to rebuild the seawall, at a cost of twelve million dollars.",
             "Dr. Okonkwo-Hayes said: “We will not wait for the next storm.”",
             "Ferries run every 20 minutes, from 6 a.m. until midnight."]


def test_the_optimised_model_speaks_bit_for_bit_as_the_shipped_one(tmp_path):
    import hibari
    import numpy as np
    from hibari.voices import voice_path
    from editions.speech.voices.voicestore import optimised_model
    shipped = str(voice_path("heart", download_missing=False))
    saved = optimised_model(shipped, tmp_path / "voice")
    assert saved != shipped and saved.endswith("-extended.onnx")
    assert optimised_model(shipped, tmp_path / "voice") == saved  # made once
    g2p = plain_g2p()
    a = hibari.Hibari(voice="heart", model=shipped, threads=1, g2p=g2p)
    b = hibari.Hibari(voice="heart", model=saved, threads=1, g2p=g2p)
    for text in SENTENCES:
        assert np.array_equal(a(text, speed=1.0, seed=1234), b(text, speed=1.0, seed=1234))


def test_a_store_that_cannot_be_written_gives_the_shipped_model(tmp_path):
    from hibari.voices import voice_path
    from editions.speech.voices.voicestore import optimised_model
    shipped = str(voice_path("heart", download_missing=False))
    blocked = tmp_path / "voice"
    blocked.write_text("not a folder", encoding="utf-8")
    assert optimised_model(shipped, blocked) == shipped
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_a_damaged_saved_model_falls_back_to_the_shipped_one(tmp_path, monkeypatch):
    from editions.speech.voices.engines import offline
    store = str(tmp_path / "cache" / ".voice")
    monkeypatch.setattr(offline, "_voice", None)
    monkeypatch.setattr(offline, "_text", None)
    clean = offline._synth("heart", SENTENCES[0], 1.0, store)[0]
    saved = next((tmp_path / "cache" / ".voice").glob("*-extended.onnx"))
    saved.write_bytes(saved.read_bytes()[:1000])  # truncated
    monkeypatch.setattr(offline, "_voice", None)
    assert offline._synth("heart", SENTENCES[0], 1.0, store)[0] == clean
    assert not saved.exists() or saved.stat().st_size > 1000  # forgotten (made again on the next load)
    monkeypatch.setattr(offline, "_voice", None)
    assert offline._synth("heart", SENTENCES[0], 1.0)[0] == clean  # no store at all: the same voice


def test_installs_sharing_a_store_keep_each_others_copies_until_they_are_old(tmp_path):
    """A cluster's shared --cache holds one .voice for every machine; each install's copies are keyed by its
    own files' size and time, so one must not remove another's (each would make its own again on every load)."""
    from editions.speech.voices.voicestore import KEEP_OTHERS, _drop_older
    store = tmp_path / ".voice"
    store.mkdir()
    other = store / "tagger.json.gz-1240667-111-py311-0000aaaa.sqlite"  # another machine's, made just now
    old = store / "tagger.json.gz-1240667-222-py311-0000bbbb.sqlite"  # an old version's
    mine = store / "tagger.json.gz-1240667-333-py311-0000cccc.sqlite"
    for f in (other, old, mine):
        f.write_bytes(b"x")
    stale = old.stat().st_mtime - KEEP_OTHERS - 60
    os.utime(old, (stale, stale))
    _drop_older(store, "tagger.json.gz", mine.name)
    assert other.exists() and mine.exists() and not old.exists()


@pytest.mark.slow
def test_the_voice_store_follows_the_cache_setting(tmp_path):
    """--cache DIR keeps the voice's files in DIR/.voice; --no-cache writes no cache at all (the voice reads its
    own files); with neither, $EDITIONS_CACHE's .voice.  The voice says the same either way."""
    import subprocess
    import sys
    from .audio_helpers import write_article
    src = write_article(tmp_path, "---\ntitle: Seawall\n---\nThe council voted on Monday to rebuild the seawall.\n")
    default, home = tmp_path / "default-cache", tmp_path / "xdg"
    env = {**os.environ, "EDITIONS_CACHE": str(default), "XDG_CACHE_HOME": str(home)}
    ours = home / "editions"  # (onnxruntime keeps a file of its own under XDG_CACHE_HOME)

    def render(*flags):
        out = tmp_path / f"out{len(list(tmp_path.glob('out*')))}"
        proc = subprocess.run([sys.executable, "-m", "editions", "render", str(src), "--out", str(out), "--engine",
                               "offline", "--only", "audio", *flags], capture_output=True, text=True, timeout=120,
                              env=env)
        assert proc.returncode == 0, proc.stderr
        return (out / "short.mp3").read_bytes()

    def kept(folder):
        return sorted(f.suffix for f in (folder / ".voice").iterdir()) if (folder / ".voice").is_dir() else []

    mp3 = render("--cache", str(tmp_path / "mine"))
    assert kept(tmp_path / "mine") == [".onnx", ".sqlite", ".sqlite", ".sqlite"]
    assert not default.exists() and not ours.exists()
    assert render("--no-cache") == mp3
    assert not default.exists() and not ours.exists()
    assert render() == mp3
    assert kept(default) == [".onnx", ".sqlite", ".sqlite", ".sqlite"] and not ours.exists()


def test_the_voice_says_the_same_whether_or_not_scipy_is_loaded(tmp_path):
    """hibari would use scipy's FFT when scipy is installed (last-bit differences in a few samples): editions
    keeps its voice on numpy's, so a clip never depends on what else a process has loaded."""
    import subprocess
    import sys
    code = ("import sys, hashlib\n"
            "if sys.argv[1] == 'scipy-first': import scipy.fft\n"
            "from editions.speech.voices.engines.offline import _synth\n"
            "pcm, _ = _synth('heart', sys.argv[2], 1.0)\n"
            "from hibari import dsp\n"
            "print(dsp.FFT_BACKEND, 'scipy.fft' in sys.modules, hashlib.sha256(pcm).hexdigest())\n")
    out = {}
    for mode in ("scipy-first", "plain"):
        proc = subprocess.run([sys.executable, "-c", code, mode, SENTENCES[0]], capture_output=True, text=True,
                              timeout=120, env={**__import__("os").environ, "EDITIONS_CACHE": str(tmp_path)})
        assert proc.returncode == 0, proc.stderr
        out[mode] = proc.stdout.split()
    assert out["scipy-first"][:2] == ["numpy", "True"]  # scipy was there, the voice did not use it
    assert out["plain"][:2] == ["numpy", "False"]  # and it was never imported just for the voice
    assert out["scipy-first"][2] == out["plain"][2]


def test_the_voice_version_in_cache_keys_is_the_installed_one():
    from importlib.metadata import version
    from editions.speech.voices.engines.offline import OfflineEngine, hibari_version
    assert hibari_version() == version("hibari-tts")
    assert f"hibari-{version('hibari-tts')}:" in OfflineEngine().identity()
