"""The web edition's browser harness: Debian's Chromium driven by Playwright (no browser download), pages served
by editions serve on 127.0.0.1 in a child process (no server thread in the test process)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SAMPLES
from .test_epub import HOSTILE

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
        "--autoplay-policy=no-user-gesture-required", "--mute-audio"]


def need_chromium() -> None:
    """Skip without Chromium on a developer's machine; in CI (CI=true) its absence is a failure."""
    if CHROMIUM.is_file():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run installs it (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install --no-install-recommends chromium)")


def build_site(folder: Path) -> Path:
    """Every sample article and the hostile one, all editions, the test voice: ``editions build`` in a child."""
    arts = folder / "assets" / "articles"
    shutil.copytree(SAMPLES, arts)
    shutil.copytree(SAMPLES.parent / "photos", folder / "assets" / "photos")
    (arts / "hostile.json").write_text(json.dumps(HOSTILE), "utf-8")
    out = folder / "site"
    p = subprocess.run([sys.executable, "-m", "editions", "build", str(arts), "--out", str(out), "--engine", "test",
                        "--no-cache"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return out


class Server:
    """``editions serve`` (range requests, 127.0.0.1 only) serving ``folder``: the browser tests preview the pages
    as an editor does."""

    def __init__(self, folder: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen([sys.executable, "-m", "editions", "serve", str(folder), "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.close()
                    raise
                time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=5)


def vtt_cues(path: Path) -> list[tuple[str, float, float]]:
    """(id, start s, end s) of each cue of a WebVTT file."""
    def secs(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)
    cues, lines = [], path.read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        if " --> " in line:
            a, b = line.split(" --> ")
            cues.append((lines[i - 1], secs(a), secs(b.split()[0])))
    return cues


def active_cue(cues, t: float) -> str:
    """The cue the page must highlight at ``t``: among those active, the later; else the last one started."""
    started = [c for c in cues if c[1] <= t + 0.0005]
    active = [c for c in started if t < c[2]]
    return (active or started)[-1][0]
