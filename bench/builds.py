"""The runners' benchmarks (bench/run.py build, cluster): ``make editions`` on the samples cold, unchanged and
after an edit; 20 articles with one job and two, and their memory; the same 20 on a Dask LocalCluster, and the
client's own share of an article.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from common import EDITIONS, ROOT, edit_paragraph, run, twenty_articles


def build_bench(tmp: Path, results: dict) -> None:
    arts = tmp / "assets" / "articles"  # photos may live under an assets/ folder, as in the project
    arts.mkdir(parents=True)
    for name in ("harbour-seawall.md", "riverside-library.txt"):  # the two short samples (the long feature
        shutil.copy(ROOT / "assets" / "articles" / name, arts)   # alone narrates for most of an hour)
    shutil.copytree(ROOT / "assets" / "photos", tmp / "assets" / "photos")
    out, cache = tmp / "bout", tmp / "bcache"
    cmd = EDITIONS + ["build", str(arts), "--out", str(out), "--engine", "offline", "--cache", str(cache)]
    cold, _ = run(cmd)
    again = sorted(run(cmd)[0] for _ in range(3))[1]
    f = arts / "riverside-library.txt"
    original = f.read_text(encoding="utf-8")
    edits = []
    for k, day in zip((0.25, 0.5, 0.75), ("Monday", "Tuesday", "Wednesday")):  # three edits: the median
        f.write_text(edit_paragraph(original, k, f"Officials said more details would follow on {day}."),
                     encoding="utf-8")
        edits.append(run(cmd)[0])
    edited = sorted(edits)[1]
    many = twenty_articles(tmp / "many")
    few = tmp / "few"
    few.mkdir()
    for p in sorted(many.iterdir())[:5]:
        shutil.copy(p, few)
    j1, rss20 = run(EDITIONS + ["build", str(many), "--out", str(tmp / "j1"), "--engine", "offline", "--jobs", "1",
                                "--cache", str(tmp / "c1")])
    j2, _ = run(EDITIONS + ["build", str(many), "--out", str(tmp / "j2"), "--engine", "offline", "--jobs", "2",
                            "--cache", str(tmp / "c2")])
    _, rss5 = run(EDITIONS + ["build", str(few), "--out", str(tmp / "j5"), "--engine", "offline", "--jobs", "1",
                              "--cache", str(tmp / "c5")])
    results["build"] = [
        ("make editions on the samples, nothing changed, vs cold (median of 3)", again / cold, "≤ 0.1"),
        ("after editing one paragraph vs cold (median of 3 edits)", edited / cold, "≤ 0.35"),
        ("20 articles, --jobs 2 vs --jobs 1", j2 / j1, "≤ 0.6"),
        ("peak RSS, 20 articles vs 5 (flat: about 1)", rss20 / max(1, rss5), "≈ 1"),
        (f"samples cold {cold:.1f} s; 20 articles {j1:.1f} s with one job, {j2:.1f} s with two", None, ""),
    ]


def cluster_bench(tmp: Path, results: dict) -> None:
    """The same 20 articles through a Dask LocalCluster of two workers (--scheduler local:2) and the local
    pool (--jobs 2), each cold; the cluster's time includes starting its scheduler and worker processes."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return
    many = twenty_articles(tmp / "cmany")
    base = EDITIONS + ["build", str(many), "--engine", "offline"]
    pool, _ = run(base + ["--out", str(tmp / "cp"), "--jobs", "2", "--cache", str(tmp / "cpc")])
    dask, _ = run(base + ["--out", str(tmp / "cd"), "--scheduler", "local:2", "--cache", str(tmp / "cdc")])
    per_worker = 20 / (dask / 60) / 2
    client = _client_share(many / "a00.txt", tmp / "cshare")
    results["cluster"] = [
        ("20 articles, --scheduler local:2 vs --jobs 2 (cold, cluster start included)", dask / pool, "≤ 1.15"),
        ("articles per minute per worker (one core each)", f"{per_worker:.1f}", ""),
        ("client's own time per article, s (choose, check, write)", f"{client:.3f}", ""),
        (f"20 articles {pool:.1f} s with --jobs 2, {dask:.1f} s on local:2: N one-core workers render about "
         f"{per_worker:.0f}×N articles a minute, until the client's {60 / client:.0f} a minute is the limit",
         None, ""),
    ]


def _client_share(src: Path, tmp: Path) -> float:
    """Seconds the client spends on one article it did not render: deciding it is stale, then checking and
    writing what a worker returned (the rest of an article's time is spent on a worker)."""
    from editions.render import check_fresh, render_article, write_rendered
    from editions.config import Config
    cfg = Config().with_overrides(audio={"engine": "test"})
    tmp.mkdir()
    chosen = check_fresh(src, tmp, cfg, None, False)
    rendered = render_article(chosen, cfg, tmp)
    t = time.perf_counter()
    for i in range(10):
        out = tmp / f"o{i}"
        check_fresh(src, out, cfg, None, False)
        write_rendered(rendered, src, chosen, out, cfg, None)
    return (time.perf_counter() - t) / 10
