"""editions serve: a preview on 127.0.0.1 that answers range requests (a browser seeks in the audio with them)."""
from __future__ import annotations

import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest


@pytest.fixture
def served(tmp_path):
    (tmp_path / "a.mp3").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "editions", "serve", str(tmp_path), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("serving "), (line, proc.stderr.read() if proc.poll() is not None else "")
    url = line.split(" at ")[1].split()[0]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/index.html")
    yield url.rsplit("/", 1)[0]
    proc.send_signal(signal.SIGINT)  # the way a preview ends
    assert proc.wait(timeout=10) == 0


def _get(url, headers=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_whole_files_say_they_take_ranges(served):
    status, headers, body = _get(f"{served}/a.mp3")
    assert status == 200 and headers["Accept-Ranges"] == "bytes" and len(body) == 1024
    assert headers["Content-Type"] == "audio/mpeg"


@pytest.mark.parametrize("asked, first, last", [("bytes=10-19", 10, 19), ("bytes=1000-", 1000, 1023),
                                                ("bytes=-24", 1000, 1023), ("bytes=1000-5000", 1000, 1023)])
def test_a_range_is_answered_with_206_and_those_bytes(served, asked, first, last):
    status, headers, body = _get(f"{served}/a.mp3", {"Range": asked})
    assert status == 206 and headers["Content-Range"] == f"bytes {first}-{last}/1024"
    assert body == (bytes(range(256)) * 4)[first:last + 1]


def test_a_range_past_the_end_is_416_and_folders_are_not_listed(served):
    status, headers, _ = _get(f"{served}/a.mp3", {"Range": "bytes=5000-"})
    assert status == 416 and headers["Content-Range"] == "bytes */1024"
    assert _get(f"{served}/sub/")[0] == 404
    assert _get(f"{served}/../../etc/passwd")[0] == 404


def test_a_folder_that_is_not_one_is_one_line(tmp_path):
    from .limits import editions
    editions("serve", tmp_path / "missing").assert_one_line_error(2, "is not a folder of editions")
