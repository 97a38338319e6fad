"""Issue 22's benchmarks (bench/run.py lang): every language's narration and every script's layout.

- Narration: for the Spanish, Russian, Arabic, Hindi and Chinese samples, a cold ``editions render --only audio
  --no-cache`` (the article's eSpeak NG voice) against the raw engine: a child process that loads libespeak-ng
  through ctypes and synthesises every cue's speech text once (the very texts the render gives its voice,
  taken from the narration script beforehand), nothing else.  Three alternating rounds; the median ratio.
- Layout: both PDFs (``render_print``, what ``--only print`` runs, here in this process, fonts already loaded)
  of a long Chinese (~6,000 characters) and a long Arabic (~3,000 words) article against a long Spanish one
  (~3,000 words), each made from its sample's paragraphs repeated, every repeat numbered (so no paragraph is laid out twice from a cache).  Three alternating rounds;
  the fastest of each.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "assets" / "articles"
PY = sys.executable
EDITIONS = [PY, "-m", "editions"]
NARRATED = {"es": "puerto-muelle-es.md", "ru": "rechnoy-tramvay.txt", "ar": "biblioteca-ar.md",
            "hi": "jal-yojana-hi.md", "zh": "gongjiao-zh.md"}
LAID_OUT = {"Latin (es)": ("puerto-muelle-es.md", "words", 3000), "Arabic": ("biblioteca-ar.md", "words", 3000),
            "Chinese": ("gongjiao-zh.md", "chars", 6000)}

# The raw engine: libespeak-ng through ctypes, as the eSpeak NG documentation shows it (synchronous output into
# a callback), the voice the render chose, its default rate; every text synthesised once.
RAW = r"""
import ctypes, json, sys
import espeakng_loader
voice, texts = json.load(open(sys.argv[1], encoding="utf-8"))
lib = ctypes.CDLL(espeakng_loader.get_library_path())
lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
lib.espeak_SetSynthCallback.argtypes = [CB]
lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                             ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
assert lib.espeak_Initialize(2, 0, espeakng_loader.get_data_path().encode(), 0x8000) == 22050
chunks = []
def collect(wav, n, events):
    if n > 0 and wav:
        chunks.append(ctypes.string_at(wav, n * 2))
    return 0
cb = CB(collect)
lib.espeak_SetSynthCallback(cb)
assert lib.espeak_SetVoiceByName(voice.encode()) == 0
for t in texts:
    b = t.encode("utf-8")
    assert lib.espeak_Synth(b, len(b) + 1, 0, 1, 0, 1, None, None) == 0
print(sum(map(len, chunks)) // 2)
"""


def _speech(path: Path) -> tuple[str, list[str]]:
    """The eSpeak NG voice a render of ``path`` uses and the speech text of each cue it gives that voice."""
    from editions.config import Config
    from editions.parse import load_article
    from editions.speech.say import make_engine, script_document
    from editions.speech.text import load_lexicon
    cfg = Config().with_overrides(audio={"engine": "offline"})
    art = load_article(path)
    engine = make_engine(cfg, load_lexicon(None, path), art.lang)
    doc = script_document(art, cfg, engine)
    return engine.espeak.identifier, [c["speech"] for c in doc["cues"] if c["speech"].strip()]


def _long(name: str, unit: str, target: int, tmp: Path) -> tuple[Path, int]:
    """The sample ``name`` with its body repeated to about ``target`` words or characters; each repeat's
    headings and paragraphs numbered. Returns the file and its body's length in ``unit``."""
    text = (ARTICLES / name).read_text(encoding="utf-8")
    m = re.match(r"(---\n.*?\n---\n)(.*)", text, re.S)
    head, body = (m.group(1), m.group(2)) if m else ("", text)
    blocks = [b.strip() for b in body.strip().split("\n\n") if b.strip()]
    size = (lambda s: len(s.split())) if unit == "words" else (lambda s: len(re.sub(r"\s", "", s)))
    per = sum(size(b) for b in blocks)
    out, n = [], 0
    while n * per < target:
        n += 1
        for b in blocks:
            out.append(f"{b} {n}" if b.startswith("#") else f"({n}) {b}")
    path = tmp / f"long-{Path(name).stem}{Path(name).suffix}"
    path.write_text(head + "\n\n".join(out) + "\n", encoding="utf-8")
    return path, sum(size(b) for b in out)


def lang_bench(tmp: Path, results: dict, run) -> None:
    out = tmp / "lout"
    rows = []
    for lang, name in NARRATED.items():
        src = ARTICLES / name
        voice, texts = _speech(src)
        job = tmp / f"raw-{lang}.json"
        job.write_text(json.dumps([voice, texts]), encoding="utf-8")
        cmd = EDITIONS + ["render", str(src), "--out", str(out), "--engine", "offline", "--only", "audio",
                          "--no-cache"]
        run(cmd)  # once untimed: files read into the page cache, bytecode written
        rounds = []
        for _ in range(3):  # back to back, so the machine's noise hits both sides of each ratio
            raw, _ = run([PY, "-c", RAW, str(job)])
            cold, _ = run(cmd)
            rounds.append((cold / raw, cold, raw))
        ratio, cold, raw = sorted(rounds)[1]
        minutes = json.loads((out / f"{src.stem}.json").read_text())["audio"]["duration_ms"] / 60000
        rows.append((f"narration, {lang} ({name}, {len(texts)} cues, {minutes:.1f} min, voice {voice}): "
                     f"cold render {cold:.2f} s vs raw eSpeak NG {raw:.2f} s", ratio, ""))
    longs = {script: _long(name, unit, target, tmp) for script, (name, unit, target) in LAID_OUT.items()}
    from editions.config import Config
    from editions.parse import load_article
    from editions.press import flowables, render_print
    arts = {script: load_article(path) for script, (path, _) in longs.items()}

    def layout(script: str) -> tuple[float, object]:
        flowables._BROKEN.clear()  # every paragraph broken afresh
        t = time.perf_counter()
        r = render_print(arts[script], tmp / "l.pdf", tmp / "l.large.pdf", Config())
        return time.perf_counter() - t, r

    for script in arts:
        layout(script)  # each script's fonts loaded and its shaping ready, as in any render after the first
    times: dict = {s: [] for s in arts}
    for _ in range(3):  # alternating rounds
        for script in arts:
            t, r = layout(script)
            times[script].append((t, r.pages))
    base = "Latin (es)"
    for script, (path, size) in longs.items():
        (t, pages), unit = min(times[script]), LAID_OUT[script][1]
        if script == base:
            rows.append((f"layout, {script}: {size:,} {unit}, {pages} pages, both PDFs {t:.2f} s", None, ""))
        else:
            rows.append((f"layout, {script} ({size:,} {unit}, {pages} pages) vs Latin: both PDFs {t:.2f} s",
                         t / min(times[base])[0], ""))
    results["lang"] = rows
