"""The clip cache: unchanged articles synthesise nothing, an edit re-synthesises only itself, corruption heals."""
import pytest

from editions.errors import RenderError
from editions.speech.cache import ClipCache
from editions.speech.voices.engines.test import TestEngine

from .audio_helpers import SHORT, render_test, write_article


def test_warm_render_synthesises_nothing(tmp_path):
    src = write_article(tmp_path)
    cache = ClipCache(tmp_path / "cache")
    first, mp3, *_ = render_test(src, tmp_path / "o", cache=cache)
    assert first.synthesised == first.cues
    before = mp3.read_bytes()
    eng = TestEngine()
    again, mp3b, *_ = render_test(src, tmp_path / "o2", cache=cache, engine=eng)
    assert again.synthesised == 0 and eng.calls == []
    assert again.chapters == first.chapters
    assert mp3b.read_bytes()[-20000:] == before[-20000:]  # same audio frames


def test_editing_one_paragraph_resynthesises_only_it(tmp_path):
    src = write_article(tmp_path)
    cache = ClipCache(tmp_path / "cache")
    render_test(src, tmp_path / "o", cache=cache)
    src.write_text(SHORT.replace("Residents cheered the decision.", "Residents booed the decision loudly."),
                   encoding="utf-8")
    eng = TestEngine()
    result, *_ = render_test(src, tmp_path / "o", cache=cache, engine=eng)
    assert eng.calls == ["Residents booed the decision loudly."]
    assert result.synthesised == 1


def test_corrupt_entry_is_replaced(tmp_path):
    src = write_article(tmp_path)
    cache = ClipCache(tmp_path / "cache")
    render_test(src, tmp_path / "o", cache=cache)
    for mix in (tmp_path / "cache").rglob("*.mix"):
        mix.unlink()  # make the render go back to its clips
    entries = sorted((tmp_path / "cache").rglob("*.clip"))
    entries[0].write_bytes(entries[0].read_bytes()[:-100])  # truncated
    entries[1].write_bytes(b"garbage")
    eng = TestEngine()
    result, *_ = render_test(src, tmp_path / "o", cache=cache, engine=eng)
    assert len(eng.calls) == 2 and result.synthesised == 2 and cache.corrupt == 2
    assert ClipCache(tmp_path / "cache").get(entries[0].stem) is not None


def test_read_only_cache_is_a_clear_error(tmp_path):
    import os
    if os.geteuid() == 0:
        # root ignores permission bits; simulate with a file where the cache folder should be
        (tmp_path / "cache").write_text("not a folder")
    else:
        (tmp_path / "cache").mkdir()
        (tmp_path / "cache").chmod(0o500)
    src = write_article(tmp_path)
    with pytest.raises(RenderError, match="cannot write to the clip cache"):
        render_test(src, tmp_path / "o", cache=ClipCache(tmp_path / "cache"))


def test_identical_sentences_synthesised_once(tmp_path):
    src = write_article(tmp_path, "---\ntitle: Echo\n---\nSay it again.\n\nSay it again.\n", "e.md")
    eng = TestEngine()
    render_test(src, tmp_path / "o", engine=eng)
    assert eng.calls.count("Say it again.") == 1


def test_same_narration_reuses_the_finished_mp3(tmp_path):
    src = write_article(tmp_path)
    cache = ClipCache(tmp_path / "cache")
    first, mp3, *_ = render_test(src, tmp_path / "o", cache=cache)
    again_cache = ClipCache(tmp_path / "cache")
    again, mp3b, *_ = render_test(src, tmp_path / "o2", cache=again_cache)
    assert again_cache.hits == 0 and again_cache.misses == 0  # not one clip was read
    assert again.chapters == first.chapters and again.lufs == first.lufs
    from mutagen.id3 import ID3
    assert ID3(mp3b)["TIT2"].text == ID3(mp3)["TIT2"].text
    mix = next((tmp_path / "cache").rglob("*.mix"))
    mix.write_bytes(mix.read_bytes()[:-10])  # damaged: detected, and the clips are mixed again
    third_cache = ClipCache(tmp_path / "cache")
    third, *_ = render_test(src, tmp_path / "o3", cache=third_cache)
    assert third_cache.corrupt == 1 and third.synthesised == 0 and third_cache.hits >= third.cues
    assert third.chapters == first.chapters


def test_prune_removes_least_recently_used_first(tmp_path):
    import os
    import time
    from editions.speech.voices.engines import Clip
    cache = ClipCache(tmp_path / "cache")
    keys = [ClipCache.key("test", f"text {i}") for i in range(5)]
    for i, k in enumerate(keys):
        cache.put(k, Clip(b"\0\0" * 1000, 24000))
        path = next((tmp_path / "cache").rglob(f"{k}.clip"))
        os.utime(path, (time.time() - 100 + i, time.time() - 100 + i))
    assert cache.get(keys[0]) is not None  # just used: now the most recent
    size = next((tmp_path / "cache").rglob(f"{keys[0]}.clip")).stat().st_size
    assert cache.prune(2 * size) == 3
    left = {p.stem for p in (tmp_path / "cache").rglob("*.clip")}
    assert left == {keys[0], keys[4]}


def test_render_keeps_the_cache_within_its_limit(tmp_path, run_cli):
    (tmp_path / "editions.toml").write_text("[audio]\ncache_max_mb = 0\n", encoding="utf-8")
    src = write_article(tmp_path)
    code, _, err = run_cli("render", src, "--out", tmp_path / "o", "--engine", "test", "--cache", tmp_path / "c",
                           "--config", tmp_path / "editions.toml")
    assert code == 0, err
    assert not list((tmp_path / "c").rglob("*.clip")) and not list((tmp_path / "c").rglob("*.mix"))


def _segments(mp3, result):
    """The audio bytes of each chapter's segment in a rendered MP3 (64 kb/s at 24 kHz: 192 bytes a frame)."""
    from mutagen.id3 import ID3
    from editions.speech.sound.mix import LAME_DELAY
    data = mp3.read_bytes()[ID3(mp3).size:]
    tl, firsts = result.timeline, [ch.first_cue for ch in result.script.chapters]
    starts = [0] + [tl.cue_spans[f][0] - LAME_DELAY for f in firsts[1:]] + [tl.total]
    return [data[s // 576 * 192:e // 576 * 192] for s, e in zip(starts, starts[1:])]


def test_an_edit_reencodes_only_its_chapter(tmp_path):
    from .audio_helpers import ebur128
    src = write_article(tmp_path)
    cache = ClipCache(tmp_path / "cache")
    first, mp3, *_ = render_test(src, tmp_path / "o", cache=cache)
    assert first.encoded_chapters == 4
    before = _segments(mp3, first)
    src.write_text(SHORT.replace("Residents cheered the decision.", "Residents booed the decision loudly."),
                   encoding="utf-8")
    second, mp3, *_ = render_test(src, tmp_path / "o", cache=cache)
    assert second.encoded_chapters == 1 and second.gain_db == first.gain_db and not second.relevelled
    after = _segments(mp3, second)
    assert [a == b for a, b in zip(before, after)] == [True, False, True, True]  # bit-identical, from the cache
    lufs, peak = ebur128(mp3)  # the concatenation, measured whole
    assert abs(lufs - -16.0) <= 0.5 and peak <= -1.0


def test_a_new_level_relevels_every_chapter_and_says_so(tmp_path, caplog):
    import logging
    src = write_article(tmp_path)
    cache = ClipCache(tmp_path / "cache")
    first, *_ = render_test(src, tmp_path / "o", cache=cache)
    with caplog.at_level(logging.INFO, logger="editions"):
        second, mp3, *_ = render_test(src, tmp_path / "o2", cache=cache, loudness=-18.0)
    assert second.relevelled and second.encoded_chapters == 4 and second.synthesised == 0
    assert abs(second.gain_db - first.gain_db - -2.0) < 0.15
    assert "re-levelling every chapter" in caplog.text
    from .audio_helpers import ebur128
    assert abs(ebur128(mp3)[0] - -18.0) <= 0.5


def test_clip_entries_from_before_analyses_are_still_used(tmp_path):
    import hashlib
    import json
    from editions.speech.cache import MAGIC_V1
    src = write_article(tmp_path)
    cache = ClipCache(tmp_path / "cache")
    first, *_ = render_test(src, tmp_path / "o", cache=cache)
    for p in (tmp_path / "cache").rglob("*"):
        if p.suffix in (".mix", ".seg"):
            p.unlink()
        elif p.suffix == ".clip":  # rewrite as the old format: PCM only
            clip = cache.get(p.stem)
            head = json.dumps({"rate": clip.rate, "width": 2, "channels": 1, "bytes": len(clip.pcm),
                               "sha256": hashlib.sha256(clip.pcm).hexdigest()}).encode()
            p.write_bytes(MAGIC_V1 + head + b"\n" + clip.pcm)
            assert cache.get(p.stem).analysis is None
    eng = TestEngine()
    again, *_ = render_test(src, tmp_path / "o2", cache=cache, engine=eng)
    assert eng.calls == [] and again.chapters == first.chapters and again.gain_db == first.gain_db
