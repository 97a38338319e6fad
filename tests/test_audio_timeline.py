"""The audio edition with the deterministic test voice: exact timeline, tags, chapters, VTT, loudness."""
import re

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from editions.speech.loudness import integrated_lufs, true_peak_db
from editions.speech.tags import read_chapters

from editions.speech.engines.test import TestEngine

from .audio_helpers import decode, render_test, silences, write_article

MS_PER_CHAR = 20


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    d = tmp_path_factory.mktemp("audio")
    src = write_article(d)
    return render_test(src, d / "out")


def _expected(script):
    """Independent arithmetic: every cue lasts len(speech) * 20 ms, then its pause."""
    t, spans = 0, []
    for cue in script.cues:
        dur = len(cue.speech) * MS_PER_CHAR
        spans.append((t, t + dur))
        t += dur + round(cue.pause_after * 1000)
    return spans, t


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


def test_chapters_exact(rendered):
    result, mp3, *_ = rendered
    spans, total = _expected(result.script)
    firsts = [ch.first_cue for ch in result.script.chapters]
    starts = [spans[i][0] for i in firsts]
    expected = [(t, s, e) for t, s, e in zip(["Council Backs New Bridge", "Opening", "Money", "Timing"],
                                              starts, starts[1:] + [total])]
    assert result.chapters == expected
    assert read_chapters(mp3) == expected
    assert result.duration_ms == total


def test_vtt_cue_times_exact(rendered):
    result, _, vtt, *_ = rendered
    spans, _ = _expected(result.script)
    text = vtt.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")
    times = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)", text)
    got = [((int(a) * 3600 + int(b) * 60 + int(c)) * 1000 + int(d), (int(e) * 3600 + int(f) * 60 + int(g)) * 1000 + int(h))
           for a, b, c, d, e, f, g, h in times]
    assert got == spans
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
    _, mp3, *_ = rendered
    x, rate = decode(mp3)
    measured = pyloudnorm.Meter(rate).integrated_loudness(x.astype(np.float64) / 32768.0)
    assert -17.0 <= measured <= -15.0
    assert abs(integrated_lufs(x, rate) - measured) < 0.01  # our chunked meter agrees with pyloudnorm
    assert true_peak_db(x, rate) <= -1.0


def test_silences_are_the_pauses(rendered):
    result, mp3, *_ = rendered
    x, rate = decode(mp3)
    spans, total = _expected(result.script)
    found = silences(x, rate, min_ms=400)
    wanted = [(end, end + round(c.pause_after * 1000)) for c, (_, end) in zip(result.script.cues, spans)
              if c.pause_after >= 0.5]
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
    from editions.speech.mix import measure_mp3
    lufs, peak, frames = measure_mp3(mp3, rate)
    assert abs(peak - true_peak_db(x, rate)) < 0.01 and frames == len(x)
    assert abs(lufs - pyloudnorm.Meter(rate).integrated_loudness(y)) < 0.01


def test_offline_voice_refuses_a_non_english_article(tmp_path):
    """Not a warning and an MP3 of English phonemes: an InputError (exit 2) before any narration."""
    import pytest

    from editions.errors import InputError
    from editions.speech.engines import get_engine
    from editions.speech.lexicon import load_lexicon
    src = write_article(tmp_path, "---\ntitle: Bonjour\nlang: fr-FR\n---\nUn court texte.\n", "fr.md")
    eng = get_engine("offline", lexicon=load_lexicon())
    eng.synthesize = lambda *a, **k: pytest.fail("narrated a language the voice does not speak")
    with pytest.raises(InputError, match="speaks English only.*'fr-FR'"):
        render_test(src, tmp_path / "o", engine=eng)