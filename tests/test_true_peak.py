"""True peak on the final MP3, with the real voice on real text: the encoder may overshoot what the limiter
left by more than a decibel, so the ceiling before encoding keeps a margin (speech/sound/segments.py)."""
import pytest

from .audio_helpers import ebur128, render_test
from .conftest import SAMPLES


@pytest.mark.slow
def test_a_section_whose_encoding_overshoots_stays_under_minus_1_dbtp(tmp_path):
    """Section 13 of the long feature, narrated alone: with 1 dB of margin its MP3 peaked at -0.7 dBTP."""
    from editions.parse import load_article
    from editions.speech.voices.engines import get_engine
    from editions.speech.text.lexicon import load_lexicon
    article = load_article(SAMPLES / "north-shore-lights.md")
    section = article.sections[12]
    src = tmp_path / "section.txt"
    src.write_text(section.heading + "\n\n" + "\n\n".join(p.text for p in section.paragraphs) + "\n",
                   encoding="utf-8")
    result, mp3, *_ = render_test(src, tmp_path / "o", engine=get_engine("offline", lexicon=load_lexicon()))
    lufs, peak = ebur128(mp3)
    assert abs(lufs - -16.0) <= 0.5
    assert peak <= -1.0, f"true peak {peak} dBTP"
