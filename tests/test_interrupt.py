"""A lock no dead process holds, and interruptions that are quick, quiet and keep the work done.

SIGKILL of the main process of a build (or a render) with workers: the workers die with it and the next run
starts at once.  Ctrl-C (SIGINT to the whole process group, as a terminal sends it) or SIGTERM during parallel
narration: exit 130 within 2 s, one line, no traceback, and the clips made so far are in the cache.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SENTENCES = ["The harbour wall was rebuilt by the town after the storm of {n}.",
             "Council members met in the old hall on the {n}th to argue about the money.",
             "Fishermen said the new wall, {n} feet long, would keep the boats safe."]


def article(folder: Path, name: str, sentences: int, seed: int = 0) -> Path:
    body = " ".join(SENTENCES[i % 3].format(n=i + seed) for i in range(sentences))
    p = folder / name
    p.write_text(f"Harbour Wall Story {name}\n\n{body}\n", encoding="utf-8")
    return p


def start(*argv, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "editions", *map(str, argv)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def alive_with(marker: str) -> list[int]:
    """Pids of live processes whose command line names ``marker`` (a test's temporary folder)."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes()
                state = (d / "stat").read_text().split(") ")[1][0]
            except OSError:
                continue
            if marker.encode() in cmd and state != "Z":
                pids.append(int(d.name))
    return pids


def wait_for(predicate, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out waiting"
        time.sleep(0.05)


def clips(cache: Path) -> int:
    return len(list(cache.glob("*/*.clip")))


@pytest.mark.parametrize("command", ["build", "render"])
def test_sigkill_of_the_main_process_never_leaves_the_folder_locked(tmp_path, command):
    d = tmp_path / "articles"
    d.mkdir()
    for i in range(2):
        article(d, f"story{i}.txt", 16, seed=i * 100)
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {**os.environ, "EDITIONS_CACHE": str(cache)}
    target = [d, "--jobs", "2"] if command == "build" else [d / "story0.txt"]
    argv = [command, *target, "--out", out, "--engine", "offline", "--only", "audio"]
    proc = start(*argv, env=env)
    wait_for(lambda: clips(cache) >= 1)  # workers are narrating
    assert len(alive_with(str(tmp_path))) > 1
    proc.kill()  # the main process only
    proc.wait()
    wait_for(lambda: not alive_with(str(tmp_path)), timeout=5)  # its workers died with it
    again = subprocess.run([sys.executable, "-m", "editions", *map(str, argv)], env=env, capture_output=True,
                           text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "another build" not in again.stderr
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_parallel_narration_exits_in_2_s_quietly_and_keeps_its_clips(tmp_path, sig):
    src = article(tmp_path, "story.txt", 30)
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {**os.environ, "EDITIONS_CACHE": str(cache)}
    argv = ["render", src, "--out", out, "--engine", "offline", "--only", "audio"]
    for attempt in range(3):  # the hang happened in 1 of 4 tries: try more than once
        for f in cache.glob("*/*"):
            f.unlink()
        proc = start(*argv, env=env)
        wait_for(lambda: clips(cache) >= 2 + attempt)
        sent = time.monotonic()
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # as a terminal does: the whole process group
        else:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=10)
        took = time.monotonic() - sent
        assert proc.returncode == 130, err
        assert took < 2.0, took
        assert "Traceback" not in err and "Error" not in err.replace("error:", ""), err
        lines = [x for x in err.splitlines() if x.strip() and not x.startswith(("narrating", "voice:"))]
        assert lines == ["editions: error: interrupted (outputs already in place are untouched)"], err
        wait_for(lambda: not alive_with(str(tmp_path)), timeout=3)
        assert not list(out.glob(".*.tmp-*")) if out.exists() else True
    kept = clips(cache)
    assert 4 <= kept < 30  # interrupted mid-narration, and what was made before is kept
    done = subprocess.run([sys.executable, "-m", "editions", *map(str, argv)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "story.json").read_text(encoding="utf-8"))
    assert manifest["audio"]["synthesised"] <= manifest["audio"]["clips"] - kept  # resumed from the cache


def test_main_gives_the_callers_sigterm_handler_back(sample_txt, tmp_path):
    """main() in-process (a test, a notebook, another tool) must not leave its SIGTERM handler behind."""
    import signal
    from editions.cli import main

    def mine(signum, frame):
        pass
    before = signal.signal(signal.SIGTERM, mine)
    try:
        assert main(["inspect", str(sample_txt)]) == 0
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, before)


def test_an_interrupt_waits_until_a_held_step_is_done():
    """Ctrl-C or SIGTERM inside a held step (a Dask client making a Future) arrives when the step is done, so the
    step is never left half made (a half-made Future printed a traceback when it was collected)."""
    from editions.procs import interrupts_held
    done = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_held():
            signal.raise_signal(signal.SIGINT)
            done.append("step")
    assert done == ["step"]


def test_the_cluster_submits_each_article_whole_under_an_interrupt():
    from editions.cluster import Cluster

    class Client:
        made = []

        def submit(self, *args, **kwargs):
            signal.raise_signal(signal.SIGINT)  # Ctrl-C while the client builds the Future
            self.made.append(kwargs["key"])
            return "future"

    session = Cluster(Client())
    with pytest.raises(KeyboardInterrupt):
        session.submit(object(), "story")
    assert len(Client.made) == 1 and Client.made[0].startswith("editions-story-")
