"""Benchmarks (make bench): speed and memory as ratios measured within one run, written into the README.

Not tests: these machines are shared and noisy, so each figure is a ratio of two timings taken minutes apart
on the same machine, and nothing here fails the build.
Run: .venv/bin/python bench/run.py [GROUP ...] [--no-readme], or BENCH="GROUP ..." make bench; the groups are
audio, print, tagging, build, cluster, bounds, verify, issue, lang.  A subset never edits the README's main
table; the lang group (bench/lang.py) and the issue group (bench/issue.py) rewrite their own tables whenever they
run.  Each group lives in its own module (bench/audio.py, layout.py, builds.py, issue.py, lang.py); what they
share is in bench/common.py.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from audio import audio, bounds_bench, verify_bench
from builds import build_bench, cluster_bench
from common import PY, ROOT, SEED, table, write_readme
from issue import issue_bench
from layout import print_bench, tagging_bench

OWN_TABLES = {"lang": "bench-lang", "issue": "bench-issue"}
"""Groups whose rows go in a README table of their own, rewritten whenever the group runs."""


def lang_bench(tmp: Path, results: dict) -> None:
    from lang import lang_bench as measure  # bench/lang.py: every language's narration, every script's layout
    from common import run
    measure(tmp, results, run)


STEPS = (audio, print_bench, tagging_bench, build_bench, cluster_bench, bounds_bench, verify_bench, issue_bench,
         lang_bench)


def chosen_groups(argv: list[str], env: dict) -> list[str]:
    """The groups named on the command line, else in $BENCH (space- or comma-separated); none: every group."""
    named = [a for a in argv if not a.startswith("--")]
    if not named:
        named = env.get("BENCH", "").replace(",", " ").split()
    known = [s.__name__ for s in STEPS]
    for name in named:
        if not any(k.startswith(name) for k in known):
            raise SystemExit(f"bench: no group {name!r}; the groups are audio, print, tagging, build, cluster, "
                             "bounds, verify, issue, lang")
    return named


def main() -> None:
    results: dict = {}
    chosen = chosen_groups(sys.argv[1:], os.environ)
    # bytecode compiled first, as pip does for hibari (the raw engine) and Python does on a first run — unless
    # PYTHONDONTWRITEBYTECODE is set (it is on the machines this was measured on)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        # this run's own default cache folder: its .voice (the voice's files kept ready) is made by the first
        # render below, measured on its own, and is what every later render finds — as on any machine that has
        # rendered once
        os.environ["EDITIONS_CACHE"] = str(tmp / "default-cache")
        for step in STEPS:
            if chosen and not any(step.__name__.startswith(c) for c in chosen):
                continue
            t = time.perf_counter()
            step(tmp, results)
            print(f"{step.__name__}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    own = {g: results.pop(g) for g in OWN_TABLES if g in results}
    if results:
        print(table(results))
    for group, rows in own.items():
        print(table({group: rows}))
    if "--no-readme" in sys.argv:
        return
    when = f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores"
    if results and not chosen:
        write_readme("bench", f"{when} ({'seed article' if SEED.is_file() else 'sample article, seed absent'}):",
                     table(results))
    for group, rows in own.items():
        write_readme(OWN_TABLES[group], f"{when}:", table({group: rows}))


if __name__ == "__main__":
    main()
