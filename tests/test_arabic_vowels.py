"""Arabic narration with its vowels: the `arabic` extra (text2tashkeel) writes back the short vowels Arabic leaves
unwritten, for the voice only -- known answers on sentences vowelled by hand, the letters never changed, the same
marks every time, nothing written into the working folder; without the extra, the text as written and one warning
naming it."""
from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editions.config import AudioConfig
from editions.parse import parse_text
from editions.speech.text import build_script, vowels
from editions.speech.text.lexicon import Lexicon

DATA = Path(__file__).parent / "data"
MARKS = re.compile("[\u064b-\u0652\u0670]")
REFERENCE = [l.strip() for l in (DATA / "arabic-vowels.txt").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
needs_extra = pytest.mark.skipif(not vowels.available(), reason="the arabic extra (text2tashkeel) is not installed")


@needs_extra
@pytest.mark.parametrize("k", [2, 3, 5, 10, 13])
def test_known_answers_on_sentences_vowelled_by_hand(k):
    assert vowels.vowelled(MARKS.sub("", REFERENCE[k])) == REFERENCE[k]


@needs_extra
def test_only_marks_are_added_and_only_on_arabic_letters():
    for line in REFERENCE:  # one of them has a hamza seat (ئ) the model itself rewrites as ي
        bare = MARKS.sub("", line)
        assert MARKS.sub("", vowels.vowelled(bare)) == bare
    mixed = vowels.vowelled("أطلقت شركة Apple هاتفها الجديد في 2026")
    assert "Apple" in mixed and "2026" in mixed and MARKS.search(mixed)
    own = vowels.vowelled("قال طالبًا إن المدرسة جديدة")  # a mark the writer put stays as written
    assert "طَالِبًا" in own


@needs_extra
def test_the_narration_is_vowelled_and_the_text_is_not():
    md = "---\ntitle: المكتبة\nlang: ar\n---\n\nأعلنت الحكومة عن خطة جديدة لدعم المزارعين.\n"
    cue = build_script(parse_text(md, "markdown"), AudioConfig(), Lexicon()).cues[-1]
    assert cue.text == "أعلنت الحكومة عن خطة جديدة لدعم المزارعين."  # the transcript, print and EPUB: as written
    assert cue.speech.startswith("أَعْلَنَتِ الْحُكُومَةُ")


_CHILD = """
import json, sys
from editions.speech.text.vowels import vowelled
print(json.dumps([vowelled(line) for line in json.loads(sys.stdin.read())], ensure_ascii=False))
"""


@needs_extra
def test_the_same_marks_every_time_and_nothing_written_outside_a_cache(tmp_path):
    bare = [MARKS.sub("", r) for r in REFERENCE]
    here = [vowels.vowelled(b) for b in bare]
    start = time.time() - 1
    package = Path(__import__("text2tashkeel").__file__).parent
    outs = []
    for run in range(2):
        cwd, home = tmp_path / f"cwd{run}", tmp_path / f"home{run}"
        cwd.mkdir()
        home.mkdir()
        proc = subprocess.run([sys.executable, "-c", _CHILD], input=json.dumps(bare), capture_output=True, text=True,
                              cwd=cwd, env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, timeout=120)
        assert proc.returncode == 0, proc.stderr
        outs.append(json.loads(proc.stdout))
        assert list(cwd.iterdir()) == []  # nothing in the working folder
        made = [p.relative_to(home) for p in home.rglob("*") if p.is_file()]
        assert all(p.parts[0] == ".cache" for p in made), made  # (onnxruntime's own device id, as for English)
    assert outs[0] == outs[1] == here
    assert not [p for p in package.rglob("*") if p.stat().st_mtime > start]  # nor inside its own package


def test_without_the_extra_the_text_goes_as_written_and_the_log_names_it_once(monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "text2tashkeel", None)  # import fails as if not installed
    monkeypatch.setattr(vowels, "_model", vowels._UNSET)
    monkeypatch.setattr(vowels, "_warned", False)
    monkeypatch.setattr(vowels, "available", lambda: False)
    vowels._vowelled.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="editions"):
            assert vowels.vowelled("أعلنت الحكومة") == "أعلنت الحكومة"
            assert vowels.vowelled("خطة جديدة") == "خطة جديدة"
            assert vowels.vowelled("English only") == "English only"
    finally:
        vowels._vowelled.cache_clear()
    warned = [r.getMessage() for r in caplog.records if "arabic" in r.getMessage().lower()]
    assert len(warned) == 1 and "pip install 'editions[arabic]'" in warned[0]
    assert "editions[arabic]" in vowels.status()


@needs_extra
def test_editions_voices_says_what_restores_the_vowels(run_cli):
    code, out, _ = run_cli("voices")
    assert code == 0 and "Arabic: short vowels restored before the voice by text2tashkeel" in out
