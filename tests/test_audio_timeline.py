"""The audio edition with the deterministic test voice: exact timeline, tags, chapters, VTT, loudness."""
import re

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from editions.speech.sound.loudness import integrated_lufs, true_peak_db
from editions.speech.sound.tags import read_chapters

from editions.speech.voices.engines.test import TestEngine

from .audio_helpers import decode, ebur128, render_test, silences, write_article

MS_PER_CHAR = 20


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    d = tmp_path_factory.mktemp("audio")
    src = write_article(d)
    return render_test(src, d / "out")


def test_script_order_and_pauses(rendered):
    result, *_ = rendered
    s = result.script
    assert [c.kind for c in s.cues] == ["headline", "deck", "byline", "photo", "sentence", "sentence", "sentence",
                                       "heading", "sentence", "heading", "sentence"]
    assert s.cues[1].speech == "A twelve million dollar crossing wins a five to two vote."
    assert s.cues[2].speech == "By Ada Park. March fourth, twenty twenty-six."
    assert s.cues[3].text == "Photo: The old bridge at dawn. Photo credit: Staff photo."
    pauses = [c.pause_after for c in s.cues]
    assert pauses == [0.6, 0.6, 0.6, 1.0, 0.25, 0.6, 1.5, 0.5, 1.5, 0.5, 0.0]
    assert [ch.title for ch in s.chapters] == ["Council Backs New Bridge", "Opening", "Money", "Timing"]


FRAME = 576  # samples per MP3 frame at 24 kHz


def test_chapters_exact(rendered):
    """Within a chapter every cue sits exactly where the arithmetic says; each chapter is its own MP3 segment,
    so a pause at a chapter's end may change, by at most one frame; chapters start where their first cue does."""
    result, mp3, *_ = rendered
    tl, script = result.timeline, result.script
    rate = tl.rate
    firsts = [ch.first_cue for ch in script.chapters]
    for i, cue in enumerate(script.cues[:-1]):
        (s, e), (ns, _) = tl.cue_spans[i], tl.cue_spans[i + 1]
        assert e - s == len(cue.speech) * MS_PER_CHAR * rate // 1000
        gap, asked = ns - e, round(cue.pause_after * rate)
        if i + 1 in firsts:
            assert abs(gap - asked) <= FRAME, (i, gap, asked)
        else:
            assert gap == asked
    assert [c[0] for c in result.chapters] == ["Council Backs New Bridge", "Opening", "Money", "Timing"]
    assert result.chapters[0][1] == 0
    for (_, start, end), first, (_, nxt, _) in zip(result.chapters, firsts, result.chapters[1:] + [(0, 0, 0)]):
        if first:
            assert start == tl.ms(tl.cue_spans[first][0])
    assert [e for _, _, e in result.chapters[:-1]] == [s for _, s, _ in result.chapters[1:]]
    assert read_chapters(mp3) == result.chapters
    x, rate = decode(mp3)
    assert len(x) == tl.total and result.duration_ms == tl.ms(len(x)) == result.chapters[-1][2]
    assert len(x) % FRAME == 0


def _envelope_db(x, rate):
    ms = rate // 1000
    n = len(x) // ms
    frames = x[: n * ms].astype(np.float64).reshape(n, ms) / 32768.0
    with np.errstate(divide="ignore"):
        return 20 * np.log10(np.sqrt((frames ** 2).mean(axis=1)) + 1e-12)


def test_vtt_cue_times_match_the_audio_within_one_frame(rendered):
    result, mp3, vtt, *_ = rendered
    text = vtt.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT Language: en-US\n\n")  # the article's language on the signature line
    times = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)", text)
    got = [((int(a) * 3600 + int(b) * 60 + int(c)) * 1000 + int(d), (int(e) * 3600 + int(f) * 60 + int(g)) * 1000 + int(h))
           for a, b, c, d, e, f, g, h in times]
    tl = result.timeline
    assert got == [(tl.ms(s), tl.ms(e)) for s, e in tl.cue_spans]
    env = _envelope_db(decode(mp3)[0], tl.rate)
    frame_ms = 24
    for (s, e), (ns, _) in zip(got, got[1:] + [(len(env) + frame_ms, 0)]):
        assert env[s + frame_ms:e - frame_ms].min() > -20, (s, e)  # the tone sounds from start to end of its cue
        assert env[e + frame_ms:ns - frame_ms].max(initial=-99) < -50, (e, ns)  # and the pause after it is silent
    assert "chapter-2\n" in text and "\nMoney\n" in text
    for cue in result.script.cues:
        assert cue.text in text.replace("&amp;", "&")


def test_tags(rendered):
    result, mp3, _, _, art = rendered
    tags = ID3(mp3)
    assert tags["TIT2"].text == ["Council Backs New Bridge"]
    assert tags["TPE1"].text == ["Ada Park"]
    assert tags["TALB"].text == ["editions"]
    assert str(tags["TDRC"].text[0]) == "2026-03-04"
    assert tags["TLAN"].text == ["eng"]
    assert tags.getall("COMM")[0].text == ["A $12 million crossing wins a 5-2 vote."]
    toc = tags.getall("CTOC")[0]
    assert toc.child_element_ids == ["chp0", "chp1", "chp2", "chp3"] and toc.flags & 3 == 3
    info = MP3(mp3).info
    assert info.channels == 1 and info.bitrate == 64000 and info.sample_rate == 24000
    assert abs(info.length * 1000 - result.duration_ms) < 120


def test_loudness_and_true_peak(rendered):
    """Measured on the final MP3 (decoded), not on the pipeline's estimate."""
    result, mp3, *_ = rendered
    lufs, peak = ebur128(mp3)
    assert abs(lufs - -16.0) <= 0.5 and peak <= -1.0
    x, rate = decode(mp3)
    measured = pyloudnorm.Meter(rate).integrated_loudness(x.astype(np.float64) / 32768.0)
    assert abs(measured - -16.0) <= 0.5 and abs(measured - lufs) < 0.15  # two meters agree
    assert abs(integrated_lufs(x, rate) - measured) < 0.01  # our chunked meter agrees with pyloudnorm
    assert true_peak_db(x, rate) <= -1.0
    assert abs(result.lufs - lufs) < 0.3  # the estimate the manifest records is close to what was measured


def test_silences_are_the_pauses(rendered):
    result, mp3, *_ = rendered
    x, rate = decode(mp3)
    tl = result.timeline
    spans = [(tl.ms(s), tl.ms(e)) for s, e in tl.cue_spans]
    found = silences(x, rate, min_ms=400)
    wanted = [(end, nxt) for c, (_, end), (nxt, _) in zip(result.script.cues, spans, spans[1:])
              if c.pause_after >= 0.5]
    for c, (_, end), (nxt, _) in zip(result.script.cues, spans, spans[1:]):
        assert abs(nxt - end - c.pause_after * 1000) <= 24  # every pause as asked, within one MP3 frame
    assert len(found) == len(wanted)
    for (fs, fe), (ws, we) in zip(found, wanted):
        assert abs(fs - ws) <= 30 and abs(fe - we) <= 30, (found, wanted)


def test_photo_description_can_be_switched_off(tmp_path):
    src = write_article(tmp_path)
    result, *_ = render_test(src, tmp_path / "o", describe_photo=False)
    assert "photo" not in [c.kind for c in result.script.cues]


def test_cover_art_from_photo(tmp_path):
    from PIL import Image
    Image.new("RGB", (800, 400), (200, 30, 30)).save(tmp_path / "p.png")
    src = write_article(tmp_path, "---\ntitle: T\nphoto: {path: p.png, caption: Red.}\n---\nBody text.\n", "c.md")
    _, mp3, *_ = render_test(src, tmp_path / "o")
    apic = ID3(mp3).getall("APIC")[0]
    assert apic.mime == "image/jpeg" and apic.data[:2] == b"\xff\xd8"


def test_true_peak_agrees_with_scipy_oversampling(rendered):
    from scipy.signal import resample_poly
    _, mp3, *_ = rendered
    x, rate = decode(mp3)
    y = x.astype(np.float64) / 32768.0
    reference = 20 * np.log10(np.abs(resample_poly(y, 4, 1)).max())  # scipy's longer filter rings a little more
    sample_peak = 20 * np.log10(np.abs(y).max())
    assert sample_peak <= true_peak_db(x, rate) <= reference + 0.01
    assert abs(true_peak_db(x, rate) - reference) < 0.25
    _, ff_peak = ebur128(mp3)  # ffmpeg oversamples further (to 192 kHz): it may find a little more
    assert true_peak_db(x, rate) - 0.1 <= ff_peak <= reference + 0.3


def test_offline_voice_refuses_a_non_english_article(tmp_path):
    """Not a warning and an MP3 of English phonemes: an InputError (exit 2) before any narration."""
    import pytest

    from editions.errors import InputError
    from editions.speech.voices.engines import get_engine
    from editions.speech.text.lexicon import load_lexicon
    src = write_article(tmp_path, "---\ntitle: Bonjour\nlang: fr-FR\n---\nUn court texte.\n", "fr.md")
    eng = get_engine("offline", lexicon=load_lexicon())
    eng.synthesize = lambda *a, **k: pytest.fail("narrated a language the voice does not speak")
    with pytest.raises(InputError, match="speaks English only.*'fr-FR'"):
        render_test(src, tmp_path / "o", engine=eng)