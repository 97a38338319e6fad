"""editions build --scheduler: a real Dask scheduler and workers on 127.0.0.1, faults, errors, the shared cache.

The cluster here is real (`python -m dask scheduler` and `python -m dask worker` processes on random loopback
ports); renders use the exact-length `test` voice, since the voice is not what is tested.  Every wait is bounded.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from editions.render import build_folder  # noqa: E402
from editions.cluster import ClusterRunner  # noqa: E402
from editions.config import Config, load_config  # noqa: E402
from editions.speech.cache import ClipCache  # noqa: E402
from editions.speech.voices.engines import Clip  # noqa: E402

from .audio_helpers import SHORT  # noqa: E402
from .conftest import ROOT, SAMPLES  # noqa: E402

PY = sys.executable
OUTPUT_KINDS = (".mp3", ".vtt", ".pdf", ".large-print.pdf")


class LoopbackCluster:
    """A `dask scheduler` and `dask worker` processes on 127.0.0.1, started and stopped by the tests."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.env = {**os.environ, "EDITIONS_CACHE": str(tmp / "worker-cache"), "PYTHONPATH": str(ROOT / "src")}
        sched_file = tmp / "scheduler.json"
        self.scheduler = self._spawn([PY, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
                                      "--no-dashboard", "--scheduler-file", str(sched_file), "--idle-timeout", "900"],
                                     "scheduler")
        deadline = time.monotonic() + 90
        while not (sched_file.is_file() and sched_file.stat().st_size):
            assert self.scheduler.poll() is None, "the dask scheduler exited at start"
            assert time.monotonic() < deadline, "the dask scheduler did not start within 90 s"
            time.sleep(0.1)
        time.sleep(0.1)
        self.address = json.loads(sched_file.read_text())["address"]
        self.workers: list[subprocess.Popen] = []
        self.client = distributed.Client(self.address, timeout=30, set_as_default=False)

    def _spawn(self, cmd, name):
        log = open(self.tmp / f"{name}.log", "ab")
        return subprocess.Popen(cmd, env=self.env, stdout=log, stderr=log, start_new_session=True, cwd=self.tmp)

    def ensure_workers(self, n: int) -> None:
        self.workers = [w for w in self.workers if w.poll() is None]
        while len(self.workers) < n:
            i = len(self.workers) + int(time.monotonic() * 1000) % 100000
            self.workers.append(self._spawn(
                [PY, "-m", "dask", "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--death-timeout", "60", "--local-directory", str(self.tmp / f"w{i}"),
                 "--name", f"w{i}"], f"worker{i}"))
        deadline = time.monotonic() + 90
        while len(self.client.scheduler_info(n_workers=-1)["workers"]) != n:
            assert time.monotonic() < deadline, f"{n} dask workers did not join within 90 s"
            time.sleep(0.2)

    def worker_pids(self) -> dict[str, int]:
        return self.client.run(os.getpid)

    def stop(self) -> None:
        self.client.close(timeout=5)
        for p in self.workers + [self.scheduler]:  # nothing to keep: no need to wait for a graceful close
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            p.wait(timeout=30)


@pytest.fixture(scope="module")
def loopback(tmp_path_factory):
    cluster = LoopbackCluster(tmp_path_factory.mktemp("dask"))
    try:
        yield cluster
    finally:
        cluster.stop()


def _samples(folder: Path) -> Path:
    """The project's sample articles, the photo under assets/ as in the project."""
    arts = folder / "assets" / "articles"
    shutil.copytree(SAMPLES, arts)
    shutil.copytree(ROOT / "assets" / "photos", folder / "assets" / "photos")
    return arts


def _shorts(folder: Path, n: int) -> Path:
    """``n`` small articles, each with its own words."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"short-{i + 1}.md").write_text(SHORT.replace("New Bridge", f"Bridge Number {i + 1}")
                                                  .replace("Monday", f"day {i + 1}"), encoding="utf-8")
    return folder


def _cli(*args, timeout=240, env=None):
    started = time.monotonic()
    proc = subprocess.run([PY, "-m", "editions", *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})})
    return proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.name.endswith(OUTPUT_KINDS)}


def _epub_entries(path: Path) -> list[tuple[str, bytes]]:
    import re
    import zipfile
    with zipfile.ZipFile(path) as z:
        return [(n, re.sub(rb'<meta property="dcterms:modified">[^<]*</meta>', b"", z.read(n))) for n in z.namelist()]


def _whole(out: Path) -> dict:
    """index.json, after checking that no temporary file is left and every output matches its manifest."""
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name]
    index = json.loads((out / "index.json").read_text())
    for entry in index["editions"]:
        manifest = json.loads((out / entry["manifest"]).read_text())
        for o in manifest["outputs"].values():
            assert hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"], o["path"]
    return index


@pytest.mark.slow
def test_cluster_build_is_byte_identical_to_a_local_build(loopback, tmp_path, run_cli):
    loopback.ensure_workers(2)
    arts = _samples(tmp_path)
    code, _, err = run_cli("build", arts, "--out", tmp_path / "local", "--engine", "test", "--no-cache", "--jobs", "1")
    assert code == 0, err
    client_cache = tmp_path / "client-cache"
    code, stdout, err, _ = _cli("build", arts, "--out", tmp_path / "remote", "--engine", "test",
                                "--scheduler", loopback.address, env={"EDITIONS_CACHE": str(client_cache)})
    assert code == 0, err
    stems = sorted(p.stem for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".json"))
    assert f"{len(stems)} rendered, 0 up to date, 0 failed" in stdout and "harbour-seawall.md" in stdout
    # each worker used its own default cache (its $EDITIONS_CACHE), not the client's
    assert list((loopback.tmp / "worker-cache").rglob("*.clip")) and not client_cache.exists()
    local, remote = _outputs(tmp_path / "local"), _outputs(tmp_path / "remote")
    assert len(local) == 4 * len(stems) and sorted(local) == sorted(remote)
    # MP3 and VTT byte for byte; the PDFs too: ReportLab's invariant mode fixes their dates and document ids,
    # and the photo is embedded from its bytes, so nothing in them depends on where or when they were made
    for name in local:
        assert local[name] == remote[name], f"{name} differs between the local and the cluster build"
    # the EPUBs apart from the one thing that records when they were made (dcterms:modified)
    for name in (f"{stem}.epub" for stem in stems):
        assert _epub_entries(tmp_path / "local" / name) == _epub_entries(tmp_path / "remote" / name)
    for name in (f"{stem}.json" for stem in stems):
        a, b = (json.loads((tmp_path / d / name).read_text()) for d in ("local", "remote"))
        for m in (a, b):
            m.pop("seconds"), m.pop("built_at")
            m["outputs"]["epub"].pop("sha256"), m["outputs"]["epub"].pop("bytes")  # its date, compressed: as above
        assert a == b
    assert json.loads((tmp_path / "local" / "index.json").read_text()) == _whole(tmp_path / "remote")
    # the work went through the scheduler, and a second run decides on the client that nothing changed
    prefixes = loopback.client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes))
    assert any(p.startswith("editions") for p in prefixes)
    code, stdout, err = run_cli("build", arts, "--out", tmp_path / "remote", "--engine", "test", "--no-cache",
                                "--scheduler", loopback.address)
    assert code == 0 and f"0 rendered, {len(stems)} up to date" in stdout, err
    # --cache DIR is one folder for every worker (here a shared file system is simply the same disk)
    shared = tmp_path / "shared-cache"
    for run in (1, 2):
        code, stdout, err = run_cli("build", arts, "--out", tmp_path / f"shared{run}", "--engine", "test",
                                    "--cache", shared, "--scheduler", loopback.address)
        assert code == 0, err
    assert list(shared.rglob("*.clip")) and _outputs(tmp_path / "shared2") == local
    assert json.loads((tmp_path / "shared2" / "harbour-seawall.json").read_text())["audio"]["synthesised"] == 0


def _start_build(arts, out, address) -> subprocess.Popen:
    """``editions build`` of ``arts`` on the cluster at ``address``, in the background (test voice, no cache)."""
    return subprocess.Popen([PY, "-m", "editions", "build", str(arts), "--out", str(out), "--engine", "test",
                             "--no-cache", "--scheduler", address],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


@pytest.mark.slow
def test_a_worker_killed_mid_article_does_not_lose_it(loopback, tmp_path):
    loopback.ensure_workers(2)
    arts = _shorts(tmp_path / "articles", 4)
    out = tmp_path / "out"
    build = _start_build(arts, out, loopback.address)

    def rendering(dask_worker):
        return [str(ts.key) for ts in dask_worker.state.executing if str(ts.key).startswith("editions-")]
    pids = loopback.worker_pids()
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and build.poll() is None and time.monotonic() < deadline:
        busy = {w: keys for w, keys in loopback.client.run(rendering).items() if keys}
        if busy:
            victim = sorted(busy)[0]
            os.kill(pids[victim], signal.SIGKILL)
        else:
            time.sleep(0.05)
    stdout, stderr = build.communicate(timeout=240)
    assert victim is not None, "no worker was caught rendering an article"
    assert build.returncode == 0, stderr
    assert "4 rendered, 0 up to date, 0 failed" in stdout, stdout + stderr
    index = _whole(out)
    assert len(index["editions"]) == 4 and index["failed"] == []
    from mutagen.mp3 import MP3
    for entry in index["editions"]:
        assert MP3(out / entry["outputs"]["mp3"]).info.length > 5


@pytest.mark.slow
def test_interrupt_cancels_the_cluster_work_and_keeps_the_folder_whole(loopback, tmp_path, run_cli):
    loopback.ensure_workers(2)
    arts = _shorts(tmp_path / "articles", 6)
    out = tmp_path / "out"
    build = _start_build(arts, out, loopback.address)
    deadline = time.monotonic() + 120
    while not list(out.glob("*.mp3")) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.05)  # at least one article written, the rest in flight
    build.send_signal(signal.SIGTERM)  # what Ctrl-C does, through the same path
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130 and "interrupted" in err and "Traceback" not in err
    _whole_or_untouched(out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the client's futures were cancelled: the scheduler forgets them
        left = loopback.client.run_on_scheduler(
            lambda dask_scheduler: [str(k) for k in dask_scheduler.tasks if str(k).startswith("editions-")])
        if not left:
            break
        time.sleep(0.2)
    assert not left
    code, stdout, err = run_cli("build", arts, "--out", out, "--engine", "test", "--no-cache",
                                "--scheduler", loopback.address)
    assert code == 0, err  # the lock was released; what was written is kept, the rest is rendered now
    assert len(_whole(out)["editions"]) == 6 and " up to date" in stdout


@pytest.mark.slow
def test_an_article_that_kills_every_worker_is_given_up_and_the_rest_complete(tmp_path, monkeypatch):
    """On a LocalCluster (--scheduler local:2), whose nanny restarts a dead worker: the render of one article
    ends its worker's process every time; after the scheduler's allowed failures it is reported as failed."""
    from editions import cluster as cl
    arts = _shorts(tmp_path / "articles", 3)
    real = cl.render_job

    def deadly(job):  # shipped to the workers by value
        if job.relpath.endswith("short-2.md"):
            os._exit(1)
        return real(job)
    monkeypatch.setattr(cl, "render_job", deadly)
    cfg = Config().with_overrides(audio={"engine": "test"})
    report = build_folder(arts, tmp_path / "out", cfg, ClusterRunner("local:2"))
    status = {Path(r.source).name: r.status for r in report.results}
    assert status == {"short-1.md": "ok", "short-2.md": "failed", "short-3.md": "ok"}
    index = _whole(tmp_path / "out")
    assert [e["slug"] for e in index["editions"]] == ["short-1", "short-3"]
    assert "died on every try" in index["failed"][0]["error"] and "short-2.md" in index["failed"][0]["error"]


def _whole_or_untouched(out: Path) -> None:
    assert not [p.name for p in out.iterdir() if ".tmp-" in p.name]
    for m in out.glob("*.json"):
        if m.name == "index.json":
            continue
        manifest = json.loads(m.read_text())
        for o in manifest["outputs"].values():
            assert hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"]


def test_scheduler_unreachable_is_one_line_quickly(tmp_path, run_cli):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    code, stdout, err = run_cli("build", SAMPLES, "--out", tmp_path / "out", "--engine", "test",
                                "--no-cache", "--scheduler", f"tcp://127.0.0.1:{port}")
    seconds = time.monotonic() - started
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("editions: error:") and "cannot reach the Dask scheduler" in lines[0]
    assert f"127.0.0.1:{port}" in lines[0] and "dask scheduler" in lines[0]
    assert seconds < 30
    assert not [p for p in (tmp_path / "out").iterdir() if p.name != ".lock"]  # nothing was written


def test_a_build_with_nothing_to_do_never_contacts_the_cluster(tmp_path, run_cli):
    arts = _shorts(tmp_path / "articles", 1)
    code, _, err = run_cli("build", arts, "--out", tmp_path / "out", "--engine", "test", "--no-cache", "--jobs", "1")
    assert code == 0, err
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, stdout, err = run_cli("build", arts, "--out", tmp_path / "out", "--engine", "test", "--no-cache",
                                "--scheduler", f"tcp://127.0.0.1:{port}")
    assert code == 0 and "0 rendered, 1 up to date" in stdout, err


def test_missing_extra_is_one_line_with_the_install_command(tmp_path, run_cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask[distributed] were not installed
    code, _, err = run_cli("build", SAMPLES, "--out", tmp_path / "out", "--engine", "test", "--no-cache",
                           "--scheduler", "local:1")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "pip install 'editions[cluster]'" in err


def test_bad_scheduler_address_is_a_usage_error(tmp_path, run_cli):
    code, _, err = run_cli("build", SAMPLES, "--out", tmp_path / "out", "--scheduler", "not an address")
    assert code == 2 and "bad scheduler" in err and len(err.strip().splitlines()) == 1


def test_scheduler_setting_flag_over_environment_over_config(tmp_path, monkeypatch):
    from editions.cli import _scheduler, build_parser
    (tmp_path / "editions.toml").write_text('[build]\nscheduler = "tcp://10.1.2.3:8786"\n')
    cfg = load_config(tmp_path / "editions.toml")
    parse = build_parser().parse_args
    monkeypatch.delenv("EDITIONS_SCHEDULER", raising=False)
    assert _scheduler(parse(["build"]), Config()) is None  # the local process pool stays the default
    assert _scheduler(parse(["build"]), cfg) == "tcp://10.1.2.3:8786"
    monkeypatch.setenv("EDITIONS_SCHEDULER", "local:2")
    assert _scheduler(parse(["build"]), cfg) == "local:2"
    assert _scheduler(parse(["build", "--scheduler", "tcp://h:1"]), cfg) == "tcp://h:1"
    assert _scheduler(parse(["build", "--scheduler", "none"]), cfg) is None


def test_where_an_edition_is_rendered_is_not_part_of_its_fingerprint(sample_md):
    import dataclasses
    from editions.render import input_fingerprint
    from editions.config import BuildConfig
    from editions.parse import load_article
    art = load_article(sample_md)
    base = Config()
    other = dataclasses.replace(base, build=BuildConfig(scheduler="tcp://h:1"),
                                audio=dataclasses.replace(base.audio, workers=3))
    assert input_fingerprint(sample_md, art, base, None) == input_fingerprint(sample_md, art, other, None)
    louder = dataclasses.replace(base, audio=dataclasses.replace(base.audio, loudness=-14.0))
    assert input_fingerprint(sample_md, art, base, None) != input_fingerprint(sample_md, art, louder, None)


# ------------------------------------------------------------------ in-process cluster: retries and version checks

@pytest.fixture
def threads_cluster(monkeypatch):
    """A Dask cluster inside this process (threads), so a test can make a render fail on purpose."""
    from editions import cluster as cl
    client = distributed.Client(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=":0",
                                set_as_default=False)

    def connect(cls, scheduler):
        c = cls(client, None, scheduler)
        c._check_workers()
        return c
    monkeypatch.setattr(cl.Cluster, "connect", classmethod(connect))
    try:
        yield cl
    finally:
        client.close(timeout=10)


def test_an_article_failing_on_every_try_is_reported_and_the_rest_complete(threads_cluster, tmp_path, monkeypatch):
    cl = threads_cluster
    arts = _shorts(tmp_path / "articles", 2)
    tries = tmp_path / "tries"  # a file: Dask pickles the task function, so a list here would stay empty
    real = cl.render_job

    def flaky(job):
        if job.relpath.endswith("short-2.md"):
            with open(tries, "a") as f:
                f.write("x")
            raise RuntimeError("the worker ran out of something")
        return real(job)
    monkeypatch.setattr(cl, "render_job", flaky)
    cfg = Config().with_overrides(audio={"engine": "test"})
    report = build_folder(arts, tmp_path / "out", cfg, ClusterRunner("local:1"))
    assert len(tries.read_text()) == 1 + cl.RETRIES  # bounded retries
    status = {Path(r.source).name: r.status for r in report.results}
    assert status == {"short-1.md": "ok", "short-2.md": "failed"}
    assert report.exit_code == 1
    index = _whole(tmp_path / "out")
    assert [e["slug"] for e in index["editions"]] == ["short-1"]
    assert len(index["failed"]) == 1 and "failed on every try" in index["failed"][0]["error"]
    assert "short-2.md" in index["failed"][0]["error"] and "RuntimeError" in index["failed"][0]["error"]


def test_a_bad_article_fails_once_with_its_own_message(threads_cluster, tmp_path):
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "gone.md").write_text("---\ntitle: A photo that is not there\nphoto:\n  path: gone.jpg\n  caption: x\n---\n"
                                  "The body of the story, in one short paragraph.\n")
    cfg = Config().with_overrides(audio={"engine": "test"}, print={"strict": True})
    report = build_folder(arts, tmp_path / "out", cfg, ClusterRunner("local:1"))
    (r,) = report.results
    assert r.status == "failed" and "photo file not found: gone.jpg" in r.error
    assert str(arts) in r.error and "editions-" not in r.error  # named as on the client, not the worker's copy


def test_lexicons_travel_with_the_article(threads_cluster, tmp_path, run_cli, monkeypatch):
    """The article's own NAME.lexicon.toml and the configured extra lexicon reach the worker: the narration
    (exact-length test voice: its length follows the words) matches a local build's, and differs without them."""
    arts = _shorts(tmp_path / "articles", 1)
    (arts / "short-1.lexicon.toml").write_text('[respell]\n"Residents" = "The many many residents of the town"\n')
    extra = tmp_path / "extra.toml"
    extra.write_text('[respell]\n"Money" = "Where the money comes from, and how much"\n')
    monkeypatch.chdir(tmp_path)
    (tmp_path / "editions.toml").write_text('[audio]\nlexicon = "extra.toml"\n')
    runs = {}
    for name, extra_args in (("local", ["--jobs", "1"]), ("cluster", ["--scheduler", "local:1"])):
        code, _, err = run_cli("build", arts, "--out", tmp_path / name, "--engine", "test", "--no-cache",
                               *extra_args)
        assert code == 0, err
        runs[name] = (tmp_path / name / "short-1.mp3").read_bytes()
    assert runs["local"] == runs["cluster"]
    (tmp_path / "editions.toml").unlink()
    (arts / "short-1.lexicon.toml").unlink()
    code, _, err = run_cli("build", arts, "--out", tmp_path / "plain", "--engine", "test", "--no-cache", "--jobs", "1")
    assert code == 0, err
    assert len((tmp_path / "plain" / "short-1.mp3").read_bytes()) < len(runs["local"])


def test_a_worker_with_another_version_is_refused(threads_cluster, tmp_path, monkeypatch, run_cli):
    cl = threads_cluster
    monkeypatch.setattr(cl, "_worker_version", lambda: "0.0.1+0123456789ab")
    code, _, err = run_cli("build", SAMPLES, "--out", tmp_path / "out", "--engine", "test", "--no-cache",
                           "--scheduler", "tcp://127.0.0.1:1")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "another editions version" in err and "0.0.1" in err
    assert not _outputs(tmp_path / "out")


def test_a_job_from_another_version_is_never_written(threads_cluster, tmp_path, monkeypatch):
    import dataclasses
    cl = threads_cluster
    real = cl.make_job
    monkeypatch.setattr(cl, "make_job", lambda *a, **k: dataclasses.replace(real(*a, **k), version="0.0.1"))
    from editions.errors import ClusterError
    with pytest.raises(ClusterError, match="another editions version|client 0.0.1"):
        build_folder(SAMPLES, tmp_path / "out", Config().with_overrides(audio={"engine": "test"}),
                     ClusterRunner("local:1"))
    assert not _outputs(tmp_path / "out")


# --------------------------------------------------------------------------------- a clip cache shared by workers

def _hammer(root: str, seed: int, rounds: int) -> int:
    """Write and read the same entries as the other processes; return how many damaged reads were seen."""
    cache = ClipCache(root)
    bad = 0
    for r in range(rounds):
        for k in range(12):
            key = ClipCache.key("shared-test", f"sentence {k}")
            clip = Clip(bytes([k]) * (4000 + 997 * k), 24000, 2, 1)
            if (r + seed + k) % 2:
                cache.put(key, clip)
            got = cache.get(key)
            if got is not None and got.pcm != clip.pcm:
                bad += 1
            cache.put_mix(key, bytes([k]) * 3000, {"n": k})
            mix = cache.get_mix(key)
            if mix is not None and mix[0] != bytes([k]) * 3000:
                bad += 1
    return bad + cache.corrupt


def test_shared_cache_survives_concurrent_writers(tmp_path):
    root = tmp_path / "shared-cache"
    ctx = multiprocessing.get_context("spawn")  # never fork the test process: earlier tests leave threads alive
    with ctx.Pool(4) as pool:
        damaged = pool.starmap(_hammer, [(str(root), i, 25) for i in range(4)], chunksize=1)
    assert damaged == [0, 0, 0, 0]
    cache = ClipCache(root)
    for k in range(12):
        assert cache.get(ClipCache.key("shared-test", f"sentence {k}")).pcm == bytes([k]) * (4000 + 997 * k)
    assert cache.corrupt == 0
    assert not [p for p in root.rglob("*") if ".tmp-" in p.name]


def test_outputs_written_from_bytes_keep_the_usual_permissions(tmp_path, run_cli):
    """Outputs now reach the folder through atomic_write (local and cluster builds alike): readable by others
    as a file made with open() would be, not mkstemp's 0600."""
    old = os.umask(0o022)
    try:
        code, _, err = run_cli("build", _shorts(tmp_path / "a", 1), "--out", tmp_path / "out", "--engine", "test",
                               "--no-cache", "--jobs", "1")
    finally:
        os.umask(old)
    assert code == 0, err
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")}
    assert set(modes.values()) == {0o644}, modes
