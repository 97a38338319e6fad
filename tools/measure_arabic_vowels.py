"""How far eSpeak NG's Arabic is from a hand-vowelled reading, with and without a diacritiser.

    .venv/bin/python tools/measure_arabic_vowels.py [tests/data/arabic-vowels.txt]

For each line of the reference (news sentences vowelled by hand), the marks are stripped and the bare text is
given to each diacritiser installed here (text2tashkeel's bundled models, editions' own path through it, and,
when installed in this environment, mishkal and dengjen-tashkeel-py); eSpeak NG's IPA for the result is compared
with its IPA for the hand-vowelled line: phoneme error = edit distance over IPA characters (stress marks and
spaces left out) / the reference's length.  "without case endings" drops each word's last mark on both sides
first (a newsreader often leaves the case ending off).  Also: words eSpeak NG gives no vowel at all, load time,
time per sentence, whether a second pass gives the same text, and whether the letters came back unchanged.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from editions.speech.voices.engines.espeak import phonemes, voice_for

MARKS = re.compile("[\u064b-\u0652\u0670]")
VOWEL = re.compile("[aeiouəɑɐɛɪʊɔ]")


def lev(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def candidates():
    yield "none (the bare text)", lambda: (lambda t: t)
    try:
        from text2tashkeel import Diacritizer, available_models
        for name in available_models(bundled_only=True):
            yield f"text2tashkeel {name}", lambda name=name: Diacritizer(name).diacritize
    except ImportError:
        pass
    try:
        from editions.speech.text.vowels import _load, vowelled
        if _load() is not None:
            yield "editions (text2tashkeel marks on the text's letters)", lambda: vowelled
    except ImportError:
        pass
    try:
        import mishkal.tashkeel
        yield "mishkal", lambda: mishkal.tashkeel.TashkeelClass().tashkeel
    except ImportError:
        pass
    try:
        import dengjen_tashkeel_py
        yield "dengjen-tashkeel-py", lambda: dengjen_tashkeel_py.tashkeel
    except ImportError:
        pass


def main(path: str) -> None:
    ref = [l.strip() for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip() and l[0] != "#"]
    bare = [MARKS.sub("", r) for r in ref]
    voice = voice_for("ar")

    def ipa(t: str) -> str:
        return re.sub(r"[\sˈˌ]", "", phonemes(voice, t))

    def pausal(t: str) -> str:
        return re.sub(r"[\u064b-\u0650\u0652]+(?=[\s.،؛]|$)", "", t)

    ref_ipa, ref_pausal = [ipa(r) for r in ref], [ipa(pausal(r)) for r in ref]
    n, n_pausal = sum(map(len, ref_ipa)), sum(map(len, ref_pausal))
    print(f"{len(ref)} sentences, {sum(len(r.split()) for r in ref)} words")
    for name, make in candidates():
        t0 = time.perf_counter()
        f = make()
        f(bare[0])
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        out = [f(b) for b in bare]
        per = (time.perf_counter() - t1) / len(bare) * 1000
        same = out == [f(b) for b in bare]
        letters = sum(MARKS.sub("", o) == b for o, b in zip(out, bare))
        err = sum(lev(ipa(o), r) for o, r in zip(out, ref_ipa)) / n
        err_p = sum(lev(ipa(pausal(o)), r) for o, r in zip(out, ref_pausal)) / n_pausal
        silent = sum(not VOWEL.search(w) for o in out for w in phonemes(voice, o).split())
        print(f"{name:52s} phoneme error {err:.3f}  without case endings {err_p:.3f}  no-vowel words {silent:3d}  "
              f"load {load:.2f} s  {per:.1f} ms/sentence  same twice {same}  letters kept {letters}/{len(bare)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent.parent / "tests/data/arabic-vowels.txt"))
