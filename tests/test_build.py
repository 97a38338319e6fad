"""The build: render and build commands, manifests, incremental skips, locks, atomic writes, failures."""
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from editions.render import output_lock

from .audio_helpers import SHORT

OUTPUTS = ("short.mp3", "short.vtt", "short.pdf", "short.large-print.pdf", "short.epub", "short.html", "short.js",
           "short.json")


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "short.md").write_text(SHORT, encoding="utf-8")
    (d / "other.txt").write_text("Other Headline\n\nA body paragraph with enough words in it.\n", encoding="utf-8")
    return d


def test_render_writes_five_outputs_and_manifest(folder, tmp_path, run_cli):
    out = tmp_path / "out"
    code, stdout, err = run_cli("render", folder / "short.md", "--out", out, "--engine", "test", "--no-cache")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(OUTPUTS)
    m = json.loads((out / "short.json").read_text())
    assert m["audio"]["voice"] == "test:tone" and len(m["audio"]["chapters"]) == 4
    assert m["print"]["pages"] >= 1 and m["print"]["large_print_pages"] >= 1
    from .tagged_helpers import page_validation_failures, pdfua_errors
    for name in ("short.pdf", "short.large-print.pdf"):  # tagged, PDF/UA-1
        assert not page_validation_failures(out / name) and not pdfua_errors(out / name)
    for key, entry in m["outputs"].items():
        assert (out / entry["path"]).stat().st_size == entry["bytes"]
    assert "voice: test:tone" in err


def test_build_is_incremental(folder, tmp_path, run_cli):
    out = tmp_path / "out"
    code, stdout, _ = run_cli("build", folder, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1")
    assert code == 0 and "2 rendered, 0 up to date" in stdout
    index = json.loads((out / "index.json").read_text())
    assert sorted(e["slug"] for e in index["editions"]) == ["other", "short"]
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, stdout, _ = run_cli("build", folder, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1")
    assert code == 0 and "0 rendered, 2 up to date" in stdout
    assert (out / "short.mp3").stat().st_mtime_ns == before["short.mp3"]
    (folder / "other.txt").write_text("Other Headline\n\nA changed body paragraph.\n", encoding="utf-8")
    code, stdout, _ = run_cli("build", folder, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1")
    assert "1 rendered, 1 up to date" in stdout
    (out / "short.pdf").write_bytes(b"damaged")  # a damaged output is rebuilt too
    code, stdout, _ = run_cli("build", folder, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1")
    assert "1 rendered, 1 up to date" in stdout and (out / "short.pdf").read_bytes().startswith(b"%PDF")


def test_one_bad_article_does_not_stop_the_batch(folder, tmp_path, run_cli):
    (folder / "bad.md").write_text("---\ntitle: [oops\n---\nBody\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run_cli("build", folder, "--out", out, "--engine", "test", "--no-cache", "--jobs", "2")
    assert code == 1
    assert "2 rendered, 0 up to date, 1 failed" in stdout
    assert "bad.md" in stdout and "failed" in stdout
    assert "editions: error: " in err and "bad.md: front matter is not valid YAML" in err
    assert "Traceback" not in err
    index = json.loads((out / "index.json").read_text())
    assert index["failed"][0]["source"].endswith("bad.md")


def test_two_articles_with_one_name_do_not_overwrite_each_other(folder, tmp_path, run_cli):
    (folder / "short.txt").write_text("Another Short\n\nA different story.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run_cli("build", folder, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1")
    assert code == 1 and "short.txt: would write the same output files as short.md" in err
    assert "2 rendered, 0 up to date, 1 failed" in stdout
    assert json.loads((out / "short.json").read_text())["source"].endswith("short.md")


def test_second_build_refuses_the_lock(folder, tmp_path, run_cli):
    out = tmp_path / "out"
    with output_lock(out):
        code, _, err = run_cli("build", folder, "--out", out, "--engine", "test", "--no-cache")
    assert code == 1 and "another build is writing to this folder" in err and len(err.strip().splitlines()) == 1


def test_failure_mid_render_keeps_previous_outputs(folder, tmp_path, run_cli, monkeypatch):
    out = tmp_path / "out"
    run_cli("render", folder / "short.md", "--out", out, "--engine", "test", "--no-cache")
    good = {n: (out / n).read_bytes() for n in OUTPUTS}
    import editions.press as press

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(press, "render_print", boom)
    (folder / "short.md").write_text(SHORT.replace("Residents cheered", "Residents cried"), encoding="utf-8")
    code, _, err = run_cli("render", folder / "short.md", "--out", out, "--engine", "test", "--no-cache")
    assert code == 1 and "no space left on the device" in err and len(err.strip().splitlines()) == 1
    assert {n: (out / n).read_bytes() for n in OUTPUTS} == good
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_unwritable_output_folder(folder, tmp_path, run_cli):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    code, _, err = run_cli("render", folder / "short.md", "--out", blocker / "sub", "--engine", "test", "--no-cache")
    assert code == 2 and "Traceback" not in err  # --out is bad input: exit 2, one line
    assert [x for x in err.splitlines() if x.startswith("editions: error:")] == [
        f"editions: error: {blocker / 'sub'}: the output folder's path runs through a file (give a folder with --out)"]


def test_leftovers_from_a_killed_run_are_cleaned(folder, tmp_path, run_cli):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".short.mp3.tmp-999").write_bytes(b"half")
    code, _, _ = run_cli("render", folder / "short.md", "--out", out, "--engine", "test", "--no-cache")
    assert code == 0 and not (out / ".short.mp3.tmp-999").exists()


def _outputs_whole(out, good):
    """Every article's outputs are either untouched or a complete new set that matches its new manifest."""
    import hashlib
    now = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    for name, data in now.items():
        if name.endswith(".json") or data == good.get(name):
            continue
        manifest = json.loads(now[name.split(".")[0] + ".json"])
        entry = next(e for e in manifest["outputs"].values() if e["path"] == name)
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{name} changed without its manifest"


@pytest.mark.slow
def test_sigkill_mid_build_never_corrupts_output(tmp_path):
    from .conftest import SAMPLES
    d = tmp_path / "articles"
    d.mkdir()
    shutil.copy(SAMPLES / "riverside-library.txt", d)
    out = tmp_path / "out"
    env = {**os.environ, "EDITIONS_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "editions", "build", str(d), "--out", str(out), "--engine", "offline", "--jobs", "1"]
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    good = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    (d / "riverside-library.txt").write_text((SAMPLES / "riverside-library.txt").read_text() + "\nOne more line.\n")
    shutil.rmtree(tmp_path / "cache")  # make the re-render slow enough to interrupt
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(2.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    _outputs_whole(out, good)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]
    from mutagen.mp3 import MP3
    assert MP3(out / "riverside-library.mp3").info.length > 10


@pytest.mark.slow
def test_sigterm_mid_build_cleans_up_and_keeps_outputs(tmp_path):
    from .conftest import SAMPLES
    d = tmp_path / "articles"
    d.mkdir()
    for name in ("riverside-library.txt",):
        shutil.copy(SAMPLES / name, d)
    (d / "second.txt").write_text((SAMPLES / "riverside-library.txt").read_text().replace("Riverside", "Lakeside"))
    out = tmp_path / "out"
    env = {**os.environ, "EDITIONS_CACHE": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "editions", "build", str(d), "--out", str(out), "--engine", "offline", "--jobs", "2"]
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    good = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    for f in d.iterdir():
        f.write_text(f.read_text() + "\nOne more closing line for the story.\n")
    shutil.rmtree(tmp_path / "cache")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]
    _outputs_whole(out, good)


def test_an_edited_article_renders_first_and_its_voice_gets_every_core(tmp_path, monkeypatch):
    """An editor edits one article of thirty: its voice gets every core, as it would alone -- not the share of the
    cores planned for the whole folder -- and it starts rendering before the others are checked; one of the others
    found stale meanwhile (its output damaged) is handed to the same pool at the planned share."""
    import concurrent.futures

    import editions.build
    from editions.build import LocalRunner
    from editions.config import Config
    from editions.render import build_folder
    arts = tmp_path / "articles"
    arts.mkdir()
    for k in range(3):
        (arts / f"story-{k}.txt").write_text(f"Headline {k}\n\nHeadline {k}\n\n{SHORT}\n", encoding="utf-8")
    cfg = Config().with_overrides(audio={"engine": "test"})
    pools: list[tuple[int, list]] = []

    class InProcess:  # the pool, run here, so what each render is given can be seen
        def __init__(self, max_workers, **_):
            pools.append((max_workers, []))

        def submit(self, fn, args):
            pools[-1][1].append(args[2].audio.workers)
            fut = concurrent.futures.Future()
            fut.set_result(fn(args))
            return fut

        def shutdown(self, *a, **k):
            pass

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", InProcess)
    monkeypatch.setattr("editions.build.available_cores", lambda: 4)
    monkeypatch.setattr("editions.procs.available_cores", lambda: 4)
    first = build_folder(arts, tmp_path / "out", cfg, LocalRunner(2), only="audio")
    assert first.exit_code == 0 and pools == [(2, [2, 2, 2])]  # all stale: two at a time, two voice processes each
    (arts / "story-1.txt").write_text(f"Headline 1\n\nHeadline 1\n\n{SHORT} Edited.\n", encoding="utf-8")
    (tmp_path / "out" / "story-2.mp3").write_bytes(b"damaged")
    events: list = []
    real_check = editions.build.check_fresh
    monkeypatch.setattr("editions.build.check_fresh", lambda src, *a: events.append(("check", src.name))
                        or real_check(src, *a))
    submitted = InProcess.submit
    monkeypatch.setattr(InProcess, "submit", lambda self, fn, args: events.append(("render", args[0].name))
                        or submitted(self, fn, args))
    again = build_folder(arts, tmp_path / "out", cfg, LocalRunner(2), only="audio")
    assert [r.status for r in again.results] == ["skipped", "ok", "ok"]
    # the edited article's voice as many processes as suit the cores; the damaged one's, the planned share
    assert pools[1] == (2, [0, 2])
    assert events.index(("render", "story-1.txt")) < events.index(("check", "story-0.txt")), events
    assert events[-1] == ("render", "story-2.txt"), events
    before = list(events)
    third = build_folder(arts, tmp_path / "out", cfg, LocalRunner(2), only="audio")  # nothing edited: no pool
    assert [r.status for r in third.results] == ["skipped"] * 3 and len(pools) == 2
    assert [e for e in events[len(before):] if e[0] == "render"] == []


def test_what_the_main_process_does_while_its_workers_render_runs_at_a_lower_priority():
    """The other articles' checks and the issue's read-ahead take only the cores the edited article's render
    leaves (its own nice value, on Linux), and hand back what they made or raised."""
    import threading

    from editions.procs import Behind
    me = threading.get_native_id()
    if not sys.platform.startswith("linux"):
        pytest.skip("a thread has a nice value of its own on Linux")
    base = os.getpriority(os.PRIO_PROCESS, me)
    seen = Behind(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())).result()
    assert seen == min(19, base + 10) and os.getpriority(os.PRIO_PROCESS, me) == base  # this thread unchanged

    def fails():
        raise ValueError("checked")
    with pytest.raises(ValueError, match="checked"):
        Behind(fails).result()
