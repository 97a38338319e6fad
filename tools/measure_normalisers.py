"""Measure the one-normaliser decision with the real offline voice (phonemes, no audio).

For every case of tests/data/normalise.tsv (written text, what a newsreader says), the phonemes
hibari-tts would speak are compared with the phonemes of the newsreader's words, three ways:

  voice alone   the raw text, the voice's own normaliser on (hibari's default)
  both layers   our words, the voice's normaliser on again (what editions did before)
  ours only     our words, the voice's normaliser off (what editions does now)

Stress marks and punctuation are ignored; a case counts as right when the phoneme strings are equal.
Run: .venv/bin/python tools/measure_normalisers.py [--cases] (prints a Markdown table).
"""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from hibari.g2p import G2P
from hibari.tts import Hibari

from editions.speech.voices.engines import get_engine
from editions.speech.text.lexicon import Lexicon
from editions.speech.voices.phonemes import spell_initialisms
from editions.speech.say import voice_words

ROOT = Path(__file__).resolve().parents[1]


def cases():
    cls = ""
    for line in (ROOT / "tests" / "data" / "normalise.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            cls = line[3:].split(":")[0].split(" and ")[0].strip()
        elif line and not line.startswith("#"):
            src, want = line.split("\t")
            yield cls, src, want


def phonemizer(g2p, normalize):
    voice = Hibari.__new__(Hibari)
    voice._g2p = lambda text: g2p(text, normalize_text=normalize)
    return lambda text: " ".join(voice.phonemize(text))


def key(ps: str) -> str:
    ps = ps.replace("ᵊ", "ə").replace("T", "t")  # vowel and flap variants the voice uses for the same word
    return "".join(re.sub(r"[ˈˌ.,;:!?—…\"“”()\-]", " ", ps).split())  # word boundaries ignored too


def main() -> None:
    g2p = G2P()
    on, off = phonemizer(g2p, True), phonemizer(g2p, False)
    lex = Lexicon()  # no respellings: the comparison is about the rules
    eng = get_engine("offline", lexicon=lex)
    table = defaultdict(lambda: [0, 0, 0, 0])
    wrong_alone = []
    for cls, src, want in cases():
        ours = voice_words(src, eng, lex)
        ref = key(off(spell_initialisms(want)))
        row = table[cls]
        row[0] += 1
        alone, both, only = key(on(src)), key(on(ours)), key(off(ours))
        row[1] += alone == ref
        row[2] += both == ref
        row[3] += only == ref
        if alone != ref:
            wrong_alone.append((cls, src, on(src)))
    total = [sum(r[i] for r in table.values()) for i in range(4)]
    print("| class | cases | voice alone | both layers | ours only |\n|---|---|---|---|---|")
    for cls, (n, a, b, c) in table.items():
        print(f"| {cls} | {n} | {a} | {b} | {c} |")
    n, a, b, c = total
    print(f"| **all** | **{n}** | **{a} ({a / n:.0%})** | **{b} ({b / n:.0%})** | **{c} ({c / n:.0%})** |")
    if "--cases" in sys.argv:
        for cls, src, ps in wrong_alone:
            print(f"voice alone wrong [{cls}] {src!r}: {ps}")


if __name__ == "__main__":
    main()
