"""The offline voice's G2P data kept parsed (speech/phonemes.py ``plain_g2p(store=…)``): the same phonemes as
from hibari's own JSON, a damaged copy never used, a store that cannot be written costs nothing but time."""
import os

from editions.speech.phonemes import plain_g2p

TEXT = "The council's 2026 budget, read by Dr. Okonkwo-Hayes, funds 14 ferries in Saint-Étienne."


def _phonemes(g2p) -> str:
    return g2p(TEXT)[0]


def test_stored_data_gives_the_same_phonemes_and_is_used_the_second_time(tmp_path):
    plain = _phonemes(plain_g2p())
    store = tmp_path / "voice"
    assert _phonemes(plain_g2p(store=store)) == plain  # made on first use...
    files = sorted(store.iterdir())
    assert len(files) == 4 and all(f.suffix == ".marshal" for f in files)
    stamps = [f.stat().st_mtime_ns for f in files]
    assert _phonemes(plain_g2p(store=store)) == plain  # ...read on the next, not made again
    assert [f.stat().st_mtime_ns for f in files] == stamps


def test_a_damaged_copy_is_not_used_and_is_made_again(tmp_path):
    plain = _phonemes(plain_g2p())
    store = tmp_path / "voice"
    plain_g2p(store=store)
    lexicon = next(f for f in store.iterdir() if f.name.startswith("lexicon_us_gold"))
    blob = bytearray(lexicon.read_bytes())
    blob[len(blob) // 2] ^= 0xFF  # one flipped byte in the middle of the data
    lexicon.write_bytes(bytes(blob))
    assert _phonemes(plain_g2p(store=store)) == plain
    assert lexicon.read_bytes() != bytes(blob)  # rewritten whole
    lexicon.write_bytes(b"")  # truncated to nothing
    assert _phonemes(plain_g2p(store=store)) == plain


def test_a_store_that_cannot_be_written_still_gives_the_voice(tmp_path):
    store = tmp_path / "voice"
    store.write_text("a file where the folder should be", encoding="utf-8")
    assert _phonemes(plain_g2p(store=store)) == _phonemes(plain_g2p())
    assert store.is_file() and not os.path.isdir(store)
