"""Benchmarks (make bench): speed and memory as ratios measured within one run, written into the README.

Not tests: these machines are shared and noisy, so each figure is a ratio of two timings taken minutes apart
on the same machine, and nothing here fails the build.
Run: .venv/bin/python bench/run.py [audio|print|tagging|build|cluster|verify|lang ...] [--no-readme]  (a subset never
edits the README's main table; the lang group, bench/lang.py, rewrites its own table whenever it runs)
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed-article.txt"
PY = sys.executable
EDITIONS = [PY, "-m", "editions"]
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


def audio(tmp: Path, results: dict) -> None:
    src = tmp / "seed.txt"
    src.write_text(seed_text(), encoding="utf-8")
    plain = tmp / "plain.txt"
    from editions.parse import load_article
    art = load_article(src)
    plain.write_text("\n".join([art.headline] + [p.text for p in art.paragraphs]), encoding="utf-8")
    out = tmp / "out"

    def render(path: Path, cache: Path) -> tuple[float, int]:
        return run(EDITIONS + ["render", str(path), "--out", str(out), "--engine", "offline", "--only", "audio",
                               "--cache", str(cache)])

    first, _ = render(src, tmp / "first")  # a machine's first render: the voice's files are made ready (.voice)
    # Three rounds, each measured back to back so the machine's noise hits both sides of every ratio: the raw
    # engine, a cold render, a warm re-render of it, one paragraph edited (a different one each round, the edit
    # made to the original text), twice the text cold. Each ratio is the median of its three rounds.
    double = tmp / "double.txt"
    double.write_text(longer(seed_text(), 2), encoding="utf-8")
    original = src.read_text(encoding="utf-8")
    rounds = []
    for i, (k, day) in enumerate(zip((0.25, 0.5, 0.75), ("Monday", "Tuesday", "Wednesday"))):
        raw_i, _ = _raw_engine(plain, tmp)
        cold_i, _ = render(src, tmp / f"cold{i}")
        warm_i, _ = render(src, tmp / f"cold{i}")
        src.write_text(edit_paragraph(original, k, f"Officials said more details would follow on {day}."),
                       encoding="utf-8")
        edit_i, _ = render(src, tmp / f"cold{i}")
        audio_m = json.loads((out / "seed.json").read_text())["audio"]
        src.write_text(original, encoding="utf-8")
        twice_i, _ = render(double, tmp / f"double{i}")
        rounds.append({"cold": cold_i, "raw": raw_i, "ratio": cold_i / raw_i, "warm": warm_i / cold_i,
                       "edit": edit_i / cold_i, "twice": twice_i / cold_i, "encoded": audio_m["chapters_encoded"],
                       "clips": audio_m["synthesised"]})

    def median(key: str) -> dict:
        return sorted(rounds, key=lambda r: r[key])[1]
    ratio, cold, raw = median("ratio")["ratio"], median("ratio")["cold"], median("ratio")["raw"]
    warm, one_para, twice = median("warm")["warm"], median("edit")["edit"], median("twice")["twice"]
    encoded, edit_clips = median("edit")["encoded"], median("edit")["clips"]
    render(src, tmp / "cold0")
    manifest = json.loads((out / "seed.json").read_text())
    hour = tmp / "hour.txt"
    hour.write_text(longer(seed_text(), 12, "Hour"), encoding="utf-8")
    hour_t, hour_rss = render(hour, tmp / "cache3")
    minutes = json.loads((out / "hour.json").read_text())["audio"]["duration_ms"] / 60000
    seed_minutes = json.loads((out / "seed.json").read_text())["audio"]["duration_ms"] / 60000
    numpy_t, clips, ffmpeg_t, ffmpeg_tp, level_t = _meters(tmp / "cold0")
    results["audio"] = [
        ("full audio edition of the seed, cold, vs the raw engine (hibari CLI) on its plain text "
         "(median of 3 rounds)", ratio, "≤ 1.0"),
        ("warm re-render (every clip cached) vs cold (median of 3 rounds)", warm, "≤ 0.1"),
        (f"one edited paragraph vs cold (median of 3 rounds, a different paragraph each; {edit_clips} clip "
         f"synthesised, {encoded} of {len(manifest['audio']['chapters'])} chapters re-encoded)", one_para, "≤ 0.35"),
        ("twice the text vs the seed, cold (median of 3 rounds)", twice, "≤ 2.1"),
        (f"{minutes:.0f}-minute narration, peak RSS (MB)", hour_rss, "< 500"),
        ("loudness of the seed's clips: numpy, clip by clip (as the workers do), vs ffmpeg ebur128 on the "
         "joined audio (raw speed; the numpy work overlaps synthesis)", numpy_t / ffmpeg_t, ""),
        (f"loudness after the edit: numpy on its {edit_clips} new clips vs ffmpeg ebur128 on the programme again",
         numpy_t / clips * edit_clips / ffmpeg_t, "≪ 1"),
        ("levelling the seed's audio (numpy: true peaks where they could reach the ceiling, limiter, gain) vs "
         "ffmpeg ebur128 only measuring its true peak", level_t / ffmpeg_tp, ""),
        (f"seed: {seed_minutes:.1f} min of audio in {cold:.1f} s cold ({first:.1f} s the first time on a machine, "
         f"making .voice); raw engine {raw:.1f} s; "
         f"{minutes:.0f}-minute narration {hour_t:.0f} s; measuring loudness: numpy {numpy_t:.2f} s, "
         f"ffmpeg ebur128 {ffmpeg_t:.2f} s ({ffmpeg_tp:.2f} s with true peak); levelling: numpy {level_t:.2f} s",
         None, ""),
    ]


def _meters(cache: Path) -> tuple[float, int, float, float, float]:
    """Seconds to measure the loudness of every clip in ``cache``: numpy clip by clip (what each worker does
    as it makes a clip), and ffmpeg's ebur128 filter on the same audio joined (without and with true peak);
    and seconds to level the joined audio as the chapters are levelled (true-peak limiter at the gain the
    programme needs)."""
    import numpy as np
    from editions.config import Config
    from editions.speech.cache import ClipCache
    from editions.speech.sound.loudness import analyse, level, programme_gain
    from editions.speech.sound.mix import ffmpeg_exe
    from editions.speech.pipeline import MP3_LOUDNESS_LOSS
    from editions.speech.sound.segments import TRUE_PEAK_MARGIN
    store = ClipCache(cache)
    clips = [store.get(p.stem) for p in sorted(cache.rglob("*.clip"))]
    pcm = [np.frombuffer(c.pcm, dtype="<i2") for c in clips if c is not None]
    analyse(pcm[0], 24000)  # the filter's spectrum is made once per process
    t = time.perf_counter()
    analyses = [analyse(x, 24000) for x in pcm]
    numpy_t = time.perf_counter() - t
    joined = np.concatenate(pcm)
    a, audio = np.concatenate(analyses, axis=1).astype(np.float64), Config().audio
    ceiling = audio.true_peak - TRUE_PEAK_MARGIN
    gain, _ = programme_gain(a[0], a[1], 24, 24000, audio.loudness + MP3_LOUDNESS_LOSS, ceiling)
    x = joined.copy()
    t = time.perf_counter()
    level(x, 24000, gain, ceiling)
    level_t = time.perf_counter() - t
    timings = []
    for af in ("ebur128", "ebur128=peak=true"):
        t = time.perf_counter()
        subprocess.run([ffmpeg_exe(), "-nostats", "-f", "s16le", "-ar", "24000", "-ac", "1", "-i", "pipe:0",
                        "-af", af, "-f", "null", "-"], input=joined.tobytes(), capture_output=True, check=True)
        timings.append(time.perf_counter() - t)
    return numpy_t, len(pcm), timings[0], timings[1], level_t


def _raw_engine(plain: Path, tmp: Path) -> tuple[float, int]:
    """The hibari CLI narrating the plain text, its FFT on numpy's as the edition keeps its voice (hibari would
    take scipy's, which the test extra installs: no faster here, 0.15-0.2 s more to import; both ways are
    measured the same way, see speech/voices/engines/offline.py)."""
    code = "import sys; sys.modules['scipy.fft'] = None; from hibari.cli import main; sys.exit(main())"
    return run([PY, "-c", code, plain.read_text(encoding="utf-8"), "-o", str(tmp / "raw.wav"), "--seed", "1"])


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


def twenty_articles(folder: Path) -> Path:
    """20 short articles made from the seed, every one with its own sentences (nothing shared in the cache)."""
    folder.mkdir()
    body = seed_text().strip().split("\n\n")
    for i in range(20):
        text = "\n\n".join([f"Article {i + 1}: " + body[1]] + [re.sub(r"^", f"Story {i + 1}. ", b) for b in body[3:6]])
        (folder / f"a{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


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


def bounds_bench(tmp: Path, results: dict) -> None:
    """Bounded synthesis: a run-on sentence is narrated in pieces, so memory does not grow with its length."""
    import random
    rnd = random.Random(1)
    vocab = ("the harbour wall was rebuilt by our town after a storm and council members met in an old hall "
             "to argue about money").split()
    peaks = {}
    for n in (300, 1200):
        src = tmp / f"runon{n}.txt"
        src.write_text(f"Run On\n\nOfficials said {' '.join(rnd.choice(vocab) for _ in range(n))} today.\n",
                       encoding="utf-8")
        _, peaks[n] = run(EDITIONS + ["render", str(src), "--out", str(tmp / "bout"), "--engine", "offline",
                                      "--only", "audio", "--no-cache"])
    results["bounds"] = [
        ("1,200-word run-on sentence, peak RSS (MB; unsplit it took 4,800)", peaks[1200], "< 1000"),
        ("peak RSS, 1,200-word vs 300-word run-on (flat: about 1)", peaks[1200] / max(1, peaks[300]), "≈ 1"),
    ]


def verify_bench(tmp: Path, results: dict) -> None:
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        return
    src = tmp / "vseed.txt"
    src.write_text(seed_text(), encoding="utf-8")
    out = tmp / "vout"
    run(EDITIONS + ["render", str(src), "--out", str(out), "--engine", "offline", "--only", "audio",
                    "--cache", str(tmp / "vcache")])
    t, _ = run(EDITIONS + ["verify", str(src), "--out", str(out), "--max-wer", "1"])
    minutes = json.loads((out / "vseed.json").read_text())["audio"]["duration_ms"] / 1000
    results["verify"] = [("editions verify on the seed's audio vs its duration", t / minutes, "≪ 0.1")]


def lang_bench(tmp: Path, results: dict) -> None:
    from lang import lang_bench as measure  # bench/lang.py: every language's narration, every script's layout
    measure(tmp, results, run)


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


def main() -> None:
    results: dict = {}
    # bytecode compiled first, as pip does for hibari (the raw engine) and Python does on a first run — unless
    # PYTHONDONTWRITEBYTECODE is set (it is on the machines this was measured on)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        # this run's own default cache folder: its .voice (the voice's files kept ready) is made by the first
        # render below, measured on its own, and is what every later render finds — as on any machine that has
        # rendered once
        os.environ["EDITIONS_CACHE"] = str(tmp / "default-cache")
        chosen = [a for a in sys.argv[1:] if not a.startswith("--")]
        for step in (audio, print_bench, tagging_bench, build_bench, cluster_bench, bounds_bench,
                     verify_bench, lang_bench):
            if chosen and not any(step.__name__.startswith(c) for c in chosen):
                continue
            t = time.perf_counter()
            step(tmp, results)
            print(f"{step.__name__}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    langs = {"lang": results.pop("lang")} if "lang" in results else {}
    text = table(results)
    if results:
        print(text)
    if langs:
        print(table(langs))
    if "--no-readme" not in sys.argv:
        if results and not chosen:
            write_readme("bench", f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores "
                         f"({'seed article' if SEED.is_file() else 'sample article, seed absent'}):", text)
        if langs:
            write_readme("bench-lang", f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores:",
                         table(langs))


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


if __name__ == "__main__":
    main()
