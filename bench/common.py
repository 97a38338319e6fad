"""What every benchmark group shares: where things are, timing a child process, the seed article and the texts
made from it, and the README's tables.

Each group (bench/audio.py, layout.py, builds.py, issue.py, lang.py) is a function ``NAME(tmp, results)`` that
adds its rows to ``results[group]``: (what was measured, the ratio or figure, the goal); a row whose figure is
None is an info row (set in italics).  bench/run.py runs the groups and writes the tables.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(os.environ.get("EDITIONS_SEED", ROOT.parent / "shared" / "corpus" / "seed-article.txt"))
"""The seed article (as the tests find it: $EDITIONS_SEED names it in a checkout whose ../shared is not there)."""
PY = sys.executable
EDITIONS = [PY, "-m", "editions"]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def run(cmd, env=None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of a child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"benchmark command failed: {' '.join(map(str, cmd))}\n{err[-2000:]}")
    return time.perf_counter() - t, usage.ru_maxrss // 1024


def seed_text() -> str:
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8")
    return (ROOT / "assets" / "articles" / "riverside-library.txt").read_text(encoding="utf-8")


def longer(text: str, times: int, tag: str = "Part") -> str:
    """The article with its body repeated ``times`` times, every repeat's sentences made unique."""
    blocks = text.strip().split("\n\n")
    head, body, tail = blocks[:3], blocks[3:-1], blocks[-1:]
    out = list(head)
    for i in range(times):
        for b in body:
            words = b.split()
            if len(words) <= 12 and not b.endswith("."):  # a heading
                out.append(f"{b} {tag} {i + 1}")
            elif i:
                from editions.speech.text.script import split_sentences  # keeps "Maj. Gen." in one sentence
                out.append(" ".join(f"In {tag.lower()} {i + 1}: {s}" for s in split_sentences(b)))
            else:
                out.append(b)
    return "\n\n".join(out + tail) + "\n"


def edit_paragraph(text: str, where: float, sentence: str) -> str:
    """``text`` with ``sentence`` added to the body paragraph ``where`` (0..1) of the way through."""
    blocks = text.strip().split("\n\n")
    body = [i for i in range(3, len(blocks) - 1) if len(blocks[i].split()) > 12]  # paragraphs, not headings
    i = body[min(len(body) - 1, int(where * len(body)))]
    blocks[i] = blocks[i].rstrip() + " " + sentence
    return "\n\n".join(blocks) + "\n"


def twenty_articles(folder: Path) -> Path:
    """20 short articles made from the seed, every one with its own sentences (nothing shared in the cache)."""
    folder.mkdir()
    body = seed_text().strip().split("\n\n")
    for i in range(20):
        text = "\n\n".join([f"Article {i + 1}: " + body[1]] + [re.sub(r"^", f"Story {i + 1}. ", b) for b in body[3:6]])
        (folder / f"a{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def table(results: dict) -> str:
    lines = ["| benchmark | ratio | goal |", "|---|---|---|"]
    for group, rows in results.items():
        for name, value, goal in rows:
            if value is None:
                lines.append(f"| _{group}: {name}_ | | |")
            else:
                v = f"{value:.3f}" if isinstance(value, float) else str(value)
                lines.append(f"| {group}: {name} | {v} | {goal} |")
    return "\n".join(lines)


def write_readme(marker: str, stamp: str, text: str) -> None:
    """The README's block between ``<!-- marker:start -->`` and ``<!-- marker:end -->``, rewritten."""
    readme = ROOT / "README.md"
    body = readme.read_text(encoding="utf-8")
    block = f"<!-- {marker}:start -->\n{stamp}\n\n{text}\n<!-- {marker}:end -->"
    if f"<!-- {marker}:start -->" in body:
        body = re.sub(rf"<!-- {marker}:start -->.*<!-- {marker}:end -->", lambda m: block, body, flags=re.S)
    else:
        body = body.rstrip() + "\n\n" + block + "\n"
    readme.write_text(body, encoding="utf-8")
