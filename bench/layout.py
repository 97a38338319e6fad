"""The print editions' benchmarks (bench/run.py print, tagging): Knuth–Plass against greedy line breaking (loose
lines measured from the PDFs, layout time, linear growth), and what PDF/UA tagging costs in time and bytes.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from common import ROOT, longer, seed_text


def _print_once(path: Path, tmp: Path, name: str, optimal: bool) -> tuple[float, object, Path]:
    from editions.config import Config
    from editions.parse import load_article
    from editions.press import flowables, render_print
    flowables.OPTIMAL = optimal
    flowables._BROKEN.clear()  # each timing breaks its paragraphs afresh (the cache only serves trial layouts)
    try:
        art = load_article(path)
        t = time.perf_counter()
        r = render_print(art, tmp / f"{name}.pdf", tmp / f"{name}.large.pdf", Config())
        return time.perf_counter() - t, r, tmp / f"{name}.pdf"
    finally:
        flowables.OPTIMAL = True


def print_bench(tmp: Path, results: dict) -> None:
    """Both PDFs: time (10x article vs the seed; Knuth–Plass vs ReportLab's greedy breaking) and loose lines
    measured from the PDFs with pdfplumber (a full justified line whose mean word gap is over 1.5x the
    natural space), greedy vs Knuth–Plass."""
    sys.path.insert(0, str(ROOT))
    from tests.print_helpers import loose_share
    src, big = tmp / "pseed.txt", tmp / "p10.txt"
    src.write_text(seed_text(), encoding="utf-8")
    big.write_text(longer(seed_text(), 10), encoding="utf-8")
    arts = {"seed": src, "10x": big}
    for name in ("harlow-ferry-strike.txt", "north-shore-lights.md"):  # the long samples
        arts[Path(name).stem] = ROOT / "assets" / "articles" / name
    _print_once(src, tmp, "warm", True)  # fonts and imports
    times, rows = {}, []
    for name, path in arts.items():
        figures = {}
        repeats = 3 if name in ("seed", "10x") else 1  # the timed ones: alternating, the fastest of three each
        for mode, optimal in (("greedy", False), ("kp", True)) * repeats:
            t, r, pdf = _print_once(path, tmp, f"{name}-{mode}", optimal)
            times[(name, mode)] = min(t, times.get((name, mode), t))
            figures[mode] = loose_share(pdf) + (r.pages,)
        g, k = figures["greedy"], figures["kp"]
        rows.append((f"{name}: loose lines, greedy {g[0]:.1%} (worst {g[1]:.2f}x) -> Knuth–Plass", k[0], "≤ 0.10"))
        rows.append((f"{name}: Knuth–Plass worst word gap (x natural; {k[2]} full lines, {k[3]} pages)", k[1],
                     "< 2"))
    results["print"] = rows + [
        ("both PDFs, 10x longer article vs the seed (linear: about 10)", times[("10x", "kp")] / times[("seed", "kp")],
         "≤ 11"),
        ("10x article: Knuth–Plass vs greedy layout time", times[("10x", "kp")] / times[("10x", "greedy")], "≤ 1.5"),
        (f"seed {times[('seed', 'kp')]:.2f} s, 10x {times[('10x', 'kp')]:.2f} s (greedy {times[('10x', 'greedy')]:.2f} s)",
         None, ""),
    ]


def tagging_bench(tmp: Path, results: dict) -> None:
    """What PDF/UA tagging costs: both PDFs of the 10x article drawn tagged vs on a plain canvas."""
    from editions.config import Config
    from editions.parse import load_article
    from editions.press import drawing, render_print
    big = tmp / "t10.txt"
    big.write_text(longer(seed_text(), 10), encoding="utf-8")
    art = load_article(big)
    render_print(art, tmp / "tw.pdf", tmp / "tw.l.pdf", Config())  # warm fonts and imports
    times, sizes = {}, {}
    for tagged in (False, True) * 3:  # alternating, the fastest of three each (a shared, noisy machine)
        drawing.TAGGED = tagged
        t = time.perf_counter()
        render_print(art, tmp / f"t{tagged}.pdf", tmp / f"t{tagged}.l.pdf", Config())
        times[tagged] = min(times.get(tagged, 1e9), time.perf_counter() - t)
        sizes[tagged] = (tmp / f"t{tagged}.pdf").stat().st_size + (tmp / f"t{tagged}.l.pdf").stat().st_size
    drawing.TAGGED = True
    results["tagging"] = [
        ("both PDFs of the 10x article, tagged vs untagged: time", times[True] / times[False], "≤ 1.15"),
        ("the same: bytes (the structure elements, uncompressed: ReportLab writes no object streams)",
         sizes[True] / sizes[False], "≤ 1.3"),
    ]
