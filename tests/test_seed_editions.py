"""The issues' 'done when' on the real seed article: offline voice, both PDFs, the EPUB, and listening back."""
import json

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3

from editions.parse import load_article
from editions.speech.text.script import split_sentences
from editions.speech.sound.tags import read_chapters

from .audio_helpers import decode, ebur128, silences
from .test_parse_seed import SEED_HEADINGS


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    from .conftest import SEED
    if not SEED.is_file():
        pytest.skip("seed article not present")
    from editions.cli import main
    out = tmp_path_factory.mktemp("seed-out")
    code = main(["render", str(SEED), "--out", str(out), "--engine", "offline", "--no-cache"])
    assert code == 0
    return SEED, out


@pytest.mark.slow
def test_seed_audio_edition(seed_out):
    seed, out = seed_out
    mp3 = out / "seed-article.mp3"
    chapters = read_chapters(mp3)
    assert [c[0] for c in chapters] == [load_article(seed).headline, "Opening"] + SEED_HEADINGS[1:]
    x, rate = decode(mp3)
    assert ID3(mp3)["TIT2"].text[0].startswith("Los Angeles Mayors")
    lufs = pyloudnorm.Meter(rate).integrated_loudness(x.astype(np.float64) / 32768)
    ff_lufs, ff_peak = ebur128(mp3)  # measured on the final MP3, not the pipeline's estimate
    assert abs(lufs - -16) <= 0.5 and abs(ff_lufs - -16) <= 0.5 and ff_peak <= -1.0
    manifest = json.loads((out / "seed-article.json").read_text())
    assert manifest["audio"]["true_peak"] <= -1.0 and manifest["audio"]["voice"] == "offline:heart"
    assert abs(manifest["audio"]["lufs"] - ff_lufs) <= 0.3
    quiet = silences(x, rate, min_ms=300, floor_db=-50)
    for title, start, _ in chapters[2:]:  # every section with a heading: 1.5 s before it
        assert any(fs <= start - 1400 and fe >= start - 60 for fs, fe in quiet), (title, start)
    assert len(x) / rate * 1000 == chapters[-1][2]  # whole frames: the decoded length is exactly the last end


@pytest.mark.slow
def test_seed_vtt_covers_every_sentence(seed_out):
    seed, out = seed_out
    vtt = (out / "seed-article.vtt").read_text(encoding="utf-8")
    article = load_article(seed)
    for p in article.paragraphs:
        for sentence in split_sentences(p.text):
            assert f"\n{sentence}\n" in vtt, sentence
    assert vtt.count(" --> ") == len([c for c in vtt.split("\n\n") if " --> " in c])


@pytest.mark.slow
def test_seed_print_editions(seed_out):
    _, out = seed_out
    from pypdf import PdfReader
    assert len(PdfReader(str(out / "seed-article.pdf")).pages) == 2
    assert "Photo not available" in PdfReader(str(out / "seed-article.pdf")).pages[0].extract_text()
    assert len(PdfReader(str(out / "seed-article.large-print.pdf")).pages) >= 3
    from .tagged_helpers import page_validation_failures, pdfua_errors
    for name in ("seed-article.pdf", "seed-article.large-print.pdf"):  # tagged, PDF/UA-1
        assert not page_validation_failures(out / name) and not pdfua_errors(out / name)


@pytest.mark.slow
def test_seed_verifies_under_two_percent(seed_out):
    seed, out = seed_out
    from editions.cli import main
    code = main(["verify", str(seed), "--out", str(out)])
    report = json.loads((out / "seed-article.verify.json").read_text())
    assert code == 0 and report["wer"] <= 0.02
    assert len(report["sections"]) == 8
    assert not [m for m in report["mismatches"] if "angeles" in m["expected"]]  # the lexicon fix holds


@pytest.mark.slow
def test_seed_epub_passes_epubcheck_and_follows_the_narration(seed_out):
    from .epub_helpers import Book, epubcheck, text_of, vtt_cues
    seed, out = seed_out
    fatals, errors, warnings, messages = epubcheck(out / "seed-article.epub")
    assert (fatals, errors, warnings) == (0, 0, 0), "\n".join(messages)
    book = Book(out / "seed-article.epub")
    assert [(b, e) for _, b, e in book.pars()] == [(b, e) for b, e, _ in vtt_cues(out / "seed-article.vtt")]
    ids = book.by_id()
    article = load_article(seed)
    for si, section in enumerate(article.sections):
        for pi, p in enumerate(section.paragraphs):
            assert [text_of(ids[f"s{si}-{pi}-{k}"]) for k, _ in enumerate(split_sentences(p.text))] == \
                split_sentences(p.text)
