"""The offline voice's head start (speech/voices/headstart.py): started before parsing when a render will need it,
never when the cache already holds this very narration."""
import dataclasses
import subprocess
import sys

import pytest

from editions.config import Config
from editions.speech.cache import ClipCache
from editions.speech.voices.engines import offline
from editions.speech.voices.headstart import head_start, remember, source_key

from .audio_helpers import write_article

STARTS = "the offline voice starts loading now"


def _cfg(engine="offline", **audio):
    cfg = Config()
    return dataclasses.replace(cfg, audio=dataclasses.replace(cfg.audio, engine=engine, **audio))


@pytest.fixture(autouse=True)
def _stop_voice():
    yield
    offline.shutdown()


def test_the_voice_gets_a_head_start_unless_this_narration_is_in_the_cache(tmp_path):
    src, cache = write_article(tmp_path), ClipCache(tmp_path / "cache")
    assert head_start(src, _cfg(), cache) and offline._crew is not None
    offline.shutdown()
    key = source_key(src, _cfg())
    remember(cache, src, _cfg(), "ab" * 32)
    assert cache.said(key) == "ab" * 32
    assert head_start(src, _cfg(), cache)  # recorded, but the narration itself is no longer in the cache
    offline.shutdown()
    cache.put_mix("ab" * 32, b"\xff\xf3" * 10, {})
    assert not head_start(src, _cfg(), cache) and offline._crew is None
    assert head_start(src, _cfg(speed=1.1), cache)  # other settings: another narration
    offline.shutdown()
    src.write_text(src.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert head_start(src, _cfg(), cache)  # an edit: the voice will be needed


def test_no_head_start_where_the_offline_voice_is_not_wanted(tmp_path):
    src, cache = write_article(tmp_path), ClipCache(tmp_path / "cache")
    assert not head_start(src, _cfg(), cache, only="print")
    assert not head_start(src, _cfg("test"), cache)
    assert not head_start(src, _cfg("gtts"), cache)
    assert not head_start(tmp_path / "missing.md", _cfg(), cache)  # the parser will say what is wrong
    assert offline._crew is None
    assert head_start(src, _cfg(), None)  # no cache: every clip will be said


def test_source_key_follows_what_the_narration_depends_on(tmp_path):
    src = write_article(tmp_path)
    base = source_key(src, _cfg())
    assert source_key(src, _cfg(workers=1)) == base  # how many processes narrate changes nothing
    assert source_key(src, _cfg(voice="heart")) != base
    cfg = _cfg()
    assert source_key(src, dataclasses.replace(cfg, print=dataclasses.replace(cfg.print, page_size="a4"))) == base


@pytest.mark.slow
def test_a_rerender_does_not_start_the_voice_and_an_edit_does(tmp_path):
    src = write_article(tmp_path)
    cmd = [sys.executable, "-m", "editions", "render", str(src), "--out", str(tmp_path / "out"), "--engine",
           "offline", "--only", "audio", "--cache", str(tmp_path / "cache"), "--debug"]

    def render():
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stderr, (tmp_path / "out" / "short.mp3").read_bytes()
    first, mp3 = render()
    assert STARTS in first
    again, mp3_again = render()
    assert STARTS not in again and mp3_again == mp3
    src.write_text(src.read_text(encoding="utf-8").replace("Residents cheered", "Residents loudly cheered"), encoding="utf-8")
    edited, _ = render()
    assert STARTS in edited and "1 synthesised" in edited


@pytest.mark.parametrize("body", ["Речной трамвай вернулся на Волгу после пяти лет перерыва.",
                                  "افتتحت المكتبة العامة في الحي القديم أبوابها صباح السبت.",
                                  "江滨区第一条社区微循环公交线路于周一早上六点半正式开通。"])
def test_no_head_start_for_a_plain_text_whose_letters_are_not_latin(tmp_path, body):
    # its language is detected only when it is parsed: English's voice started for it is a waste (seconds)
    src = tmp_path / "story.txt"
    src.write_text(f"{body}\n\n{body} {body}\n", encoding="utf-8")
    assert not head_start(src, _cfg(), None) and offline._crew is None
    src.write_text("The river tram is back on the Volga after five years.\n\nA brand name, Волга.\n",
                   encoding="utf-8")
    assert head_start(src, _cfg(), None)  # mostly Latin letters: probably English
