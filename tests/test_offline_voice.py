"""End to end with the real offline voice: the MP3 decodes, is mono, lasts as long as speech should, is not silent."""
import numpy as np
import pytest
from mutagen.mp3 import MP3

from editions.speech.voices.engines import get_engine
from editions.speech.text.lexicon import load_lexicon

from .audio_helpers import decode, render_test, write_article


@pytest.mark.slow
def test_real_voice_end_to_end(tmp_path):
    src = write_article(tmp_path)
    eng = get_engine("offline", lexicon=load_lexicon())
    result, mp3, vtt, *_ = render_test(src, tmp_path / "o", engine=eng)
    info = MP3(mp3).info
    assert info.channels == 1 and info.sample_rate == 24000
    words = sum(len(c.speech.split()) for c in result.script.cues)
    seconds = result.duration_ms / 1000
    assert words / 4.5 < seconds < words / 1.2  # between ~270 and ~70 words a minute, plus pauses
    x, rate = decode(mp3)
    rms_db = 20 * np.log10(np.sqrt((x.astype(np.float64) / 32768) ** 2).mean() + 1e-12)
    assert rms_db > -40
    assert -17 <= result.lufs <= -15 and result.true_peak <= -1.0


def test_offline_voice_is_deterministic_and_uses_lexicon_phonemes():
    eng = get_engine("offline", lexicon=load_lexicon(), workers=1)
    assert eng.prepare("in Los Angeles today") == "in [Los Angeles](/lɔs ˈænʤələs/) today"
    a, b = eng.synthesize(["Same words, same sound."]), eng.synthesize(["Same words, same sound."])
    assert a[0].pcm == b[0].pcm and a[0].rate == 24000


def test_unknown_engine_and_voice_are_one_line_errors():
    from editions.errors import EngineUnavailable
    with pytest.raises(EngineUnavailable, match="unknown voice engine 'espeak'"):
        get_engine("espeak")
    with pytest.raises(EngineUnavailable, match="unknown offline voice"):
        get_engine("offline", voice="nobody")


def test_a_voice_that_would_need_downloading_is_refused(monkeypatch, tmp_path):
    from hibari.voices import VOICES
    from editions.errors import EngineUnavailable
    monkeypatch.setenv("HIBARI_HOME", str(tmp_path))  # an empty voice cache
    other = next(name for name, v in VOICES.items() if not v.get("bundled"))
    with pytest.raises(EngineUnavailable, match="not on this machine"):
        get_engine("offline", voice=other)


def test_the_crew_speaks_exactly_as_the_voice_does_in_one_process():
    """The crew's text process makes phonemes and its sound workers speak them: the same clip, bit for bit, as
    hibari saying the text in one call (one noise generator through a long sentence's several chunks)."""
    from editions.speech.voices.engines import offline
    long = ("When the council met again on Thursday, after a week in which the harbour road flooded twice, "
            "the fish market closed for three days, the ferry ran late every morning, and the mayor, who had "
            "promised a decision by spring, asked for one more study, the members voted, seven to two, to begin "
            "the work at once, to pay for it from the reserve, and to report on its progress every month, to the "
            "harbour board, to the ferry company, to the traders of the fish market and to anyone who asks.")
    texts = ["The council voted on Monday to rebuild the seawall.", long, "Yes."]
    eng = offline.OfflineEngine(workers=2)
    try:
        got = dict(eng.submit(texts)())
    finally:
        offline.shutdown()
    from editions.speech.voices.phonemes import phonemizer
    assert len(phonemizer(offline._load_text("heart")[2]).phonemize(long)) > 1  # really several chunks
    for i, text in enumerate(texts):
        assert got[i].pcm == offline._synth("heart", text, 1.0)[0]
