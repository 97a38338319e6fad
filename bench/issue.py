"""Issue 23's benchmark (bench/run.py issue): the whole issue of 30 generated articles, about two hours of
narration, rendered by ``editions issue`` with the offline English voice.

- Cold: ``editions issue`` on the folder with an empty cache: wall time and the peak RSS of its largest process.
- Unchanged: ``editions issue`` again, nothing edited: every article up to date, the issue assembled again.
- Edit: one article (the middle one, of median length) gets a sentence added to one paragraph; ``editions
  issue`` on the folder (that article rendered again, the issue assembled again) against ``editions build`` of a
  folder holding only that article, given the same kind of edit (its own sentence, so neither finds the other's
  clip in the shared cache).  Five rounds, a different paragraph each, measured back to back; the median ratio.

The articles are written by :func:`make_issue`, deterministically: sentences of the English samples, each made
unique to its article (``In story 7, …``, so nothing is shared in the clip cache), in paragraphs of 1–4
sentences, a section heading every few paragraphs, lengths spread from about 200 to 1,100 words, Markdown
with front matter (headline, deck, byline, date), and an ``issue.toml``.
"""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from common import EDITIONS, ROOT, run

ARTICLES = 30
WORDS = 18_200
"""The articles' body words in all: about two hours of narration at the offline voice's pace with its pauses
(about 150 words a minute, measured on these articles: 15,400 words narrated in 102 minutes)."""
ENGLISH = ("harbour-seawall.md", "harlow-ferry-strike.txt", "north-shore-lights.md", "riverside-library.txt",
           "transit-budget.md")
_LOWER = {"A", "An", "The", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "In", "On", "At",
          "But", "And", "For", "Some", "Most", "After", "Before", "When", "While", "If", "As", "By", "Work", "State"}


def _pool() -> tuple[list[str], list[str]]:
    """(sentences, section headings) of the English samples, in their order (not the seed article, which a
    checkout may lack: the issue is the same wherever it is made)."""
    from editions.parse import load_article
    from editions.speech.text.script import split_sentences
    sentences, headings = [], []
    for path in [ROOT / "assets" / "articles" / n for n in ENGLISH]:
        art = load_article(path)
        for sec in art.sections:
            if sec.heading:
                headings.append(sec.heading)
            for p in sec.paragraphs:
                sentences += [s for s in split_sentences(p.text) if len(s.split()) >= 4]
    return sentences, headings


def _story(n: int, s: str, cycle: int) -> str:
    first, _, rest = s.partition(" ")
    if first in _LOWER:
        s = first.lower() + " " + rest
    return f"In story {n}{f', part {cycle + 1}' if cycle else ''}, {s}"


def make_issue(folder: Path, count: int = ARTICLES, words: int = WORDS) -> list[Path]:
    """``count`` articles of about ``words`` words in all (see the module's docstring) and an issue.toml."""
    folder.mkdir(parents=True)
    rnd = random.Random(23)
    sentences, headings = _pool()
    weights = [rnd.uniform(1, 7) for _ in range(count)]
    paths = []
    for n, w in enumerate(weights, 1):
        target = round(words * w / sum(weights))
        at = rnd.randrange(len(sentences))
        taken, size = [], 0
        while size < target:
            k = at + len(taken)
            taken.append(_story(n, sentences[k % len(sentences)], k // len(sentences) - at // len(sentences)))
            size += len(taken[-1].split())
        deck, body = taken[0], taken[1:]
        blocks, since = [], 0
        while body:
            if since >= rnd.randint(2, 4) and len(body) > 6:
                blocks.append(f"## {headings[rnd.randrange(len(headings))]}, story {n}.{len(blocks)}")
                since = 0
            take = rnd.randint(1, 4)
            blocks.append(" ".join(body[:take]))
            body, since = body[take:], since + 1
        title = f"Story {n}: {headings[(n * 7) % len(headings)]}"
        front = {"title": title, "deck": deck, "byline": f"Desk Reporter {n}", "date": f"2026-12-{1 + n % 6:02d}",
                 "lang": "en-US"}
        path = folder / f"story-{n:02d}.md"
        path.write_text("---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in front.items()) + "---\n\n"
                        + "\n\n".join(blocks) + "\n", encoding="utf-8")
        paths.append(path)
    (folder / "issue.toml").write_text(
        'title = "The Benchmark Weekly"\nnumber = 30\ndate = 2026-12-06\n'
        'description = "Thirty generated stories: the issue benchmark."\npublisher = "editions bench desk"\n'
        'language = "en-US"\nbase_url = "https://example.org/bench/"\n'
        'order = ["story-30.md", "story-01.md"]\n', encoding="utf-8")
    return paths


def edited(text: str, where: float, sentence: str) -> str:
    """A Markdown article with ``sentence`` added to the body paragraph ``where`` (0..1) of the way through."""
    blocks = text.rstrip("\n").split("\n\n")
    body = [i for i, b in enumerate(blocks) if i and not b.startswith(("#", "---"))]
    i = body[min(len(body) - 1, int(where * len(body)))]
    blocks[i] += " " + sentence
    return "\n\n".join(blocks) + "\n"


def issue_bench(tmp: Path, results: dict) -> None:
    folder, out, cache = tmp / "issue" / "articles", tmp / "issue" / "out", tmp / "issue" / "cache"
    paths = make_issue(folder)
    issue = EDITIONS + ["issue", str(folder), "--out", str(out), "--engine", "offline", "--cache", str(cache)]
    cold, rss = run(issue)
    manifest = json.loads((out / "issue.json").read_text(encoding="utf-8"))
    minutes = manifest["articles"][-1]["end_ms"] / 60000
    unchanged, _ = run(issue)
    by_size = sorted(paths, key=lambda p: p.stat().st_size)
    chosen = by_size[len(by_size) // 2]
    solo, solo_out = tmp / "issue" / "solo", tmp / "issue" / "solo-out"
    solo.mkdir()
    shutil.copy(chosen, solo)
    build = EDITIONS + ["build", str(solo), "--out", str(solo_out), "--engine", "offline", "--cache", str(cache)]
    run(build)  # the article's own editions, every clip already in the cache: the state before its edit
    original = chosen.read_text(encoding="utf-8")
    folder_build = EDITIONS + ["build", str(folder), "--out", str(out), "--engine", "offline", "--cache", str(cache)]
    rounds, builds = [], []
    for k, day in zip((0.1, 0.3, 0.5, 0.7, 0.9), ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")):
        chosen.write_text(edited(original, k, f"Officials said more details would follow on {day}."), "utf-8")
        in_issue, _ = run(issue)
        (solo / chosen.name).write_text(edited(original, k, f"The council will meet again on {day}."), "utf-8")
        alone, _ = run(build)
        rounds.append((in_issue / alone, in_issue, alone))
        # the same kind of edit built as a folder (the 29 others checked, not assembled): what the issue adds
        chosen.write_text(edited(original, k, f"The mayor answered questions on {day}."), "utf-8")
        as_folder, _ = run(folder_build)
        builds.append((in_issue / as_folder, as_folder))
    ratio, in_issue, alone = sorted(rounds)[len(rounds) // 2]
    over_build, as_folder = sorted(builds)[len(builds) // 2]
    rebuilt = json.loads((out / "issue.json").read_text(encoding="utf-8"))["rebuilt"]
    mp3 = (out / "issue.mp3").stat().st_size / 1e6
    results["issue"] = [
        (f"{len(paths)} articles, {minutes:.0f} min of narration: cold editions issue, seconds", f"{cold:.0f}", ""),
        ("the same: peak RSS of its largest process (MB)", rss, "< 1000"),
        ("editions issue after one article's edit vs editions build of that article alone after the same kind of "
         f"edit, same cache (median of 5 rounds, a different paragraph each; rebuilt: {', '.join(rebuilt)})",
         ratio, "≤ 1.5"),
        ("editions issue after one article's edit vs editions build of the issue's whole folder after the same "
         "kind of edit (the 29 others checked, nothing assembled: what assembling adds; median of 5)",
         f"{over_build:.3f}", ""),
        (f"cold {cold:.0f} s ({cold / minutes:.2f} s a minute of narration; issue.mp3 {mp3:.0f} MB); nothing "
         f"changed {unchanged:.1f} s; after the edit {in_issue:.1f} s in the issue, {alone:.1f} s alone, "
         f"{as_folder:.1f} s as a build of the folder",
         None, ""),
    ]
