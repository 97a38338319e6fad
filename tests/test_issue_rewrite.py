"""editions issue writes only what changed: after one article's edit the files that already hold their new bytes
(the other article's DAISY audio and content document, its chapters file) are left as they are, and the issue
is byte for byte the one a fresh build makes."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editions.issue.rewrite import Record, Stager, digest, holds, to_write

ARTICLE = """{title}

{title}

PORT ALDER, Ore. — {lead}

The second paragraph has a few more words so the narration has a little length to it.

Later Section

The last paragraph closes the story with one more sentence.
"""


def _issue(folder, out, cache):
    env = {**os.environ, "EDITIONS_SCHEDULER": "none"}
    r = subprocess.run([sys.executable, "-m", "editions", "issue", str(folder), "--out", str(out), "--engine", "test",
                        "--cache", str(cache), "--jobs", "1", "--only", "audio"], capture_output=True, text=True,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    return {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file() and p.name != ".lock"}


def test_holds_only_the_same_bytes_in_a_regular_file(tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"abc" * 500_000)  # more than one block
    assert holds(f, b"abc" * 500_000)
    assert not holds(f, b"abc" * 499_999 + b"abd")  # same size, last block differs
    assert not holds(f, b"abc")
    assert not holds(tmp_path / "missing", b"")
    assert not holds(tmp_path, b"")  # a folder
    (tmp_path / "link").symlink_to(f)
    assert not holds(tmp_path / "link", b"abc" * 500_000)  # a link is replaced by a file, as a write would
    assert to_write([(f, b"abc" * 500_000), (tmp_path / "new", b"x")]) == [(tmp_path / "new", b"x")]


def test_a_file_the_last_issue_json_vouches_for_is_not_read_again(tmp_path, monkeypatch):
    """After one edit, the other articles' DAISY audio (most of the book's 60 MB) is known to hold its bytes from
    what issue.json recorded, as git's index knows a file unchanged -- unless it changed after that record."""
    f = tmp_path / "issue.daisy" / "a001.mp3"
    f.parent.mkdir()
    data = b"frames" * 100_000
    f.write_bytes(data)
    (tmp_path / "issue.json").write_text(json.dumps({"outputs": {"daisy": {"path": "issue.daisy", "files": {
        "a001.mp3": {"bytes": len(data), "sha256": digest(data)}}}}}), encoding="utf-8")
    record = Record.read(tmp_path, "issue.json")
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a[0]) or real_open(*a, **k))
    assert holds(f, data, record, digest(data)) and opened == []
    assert not holds(f, data + b"x", record, digest(data + b"x"))  # other bytes: never vouched for
    # the file changed in place after the record (same size, a later time): read, and found to differ
    f.write_bytes(data[:-6] + b"FRAMES")
    os.utime(f, ns=(time.time_ns(), os.stat(tmp_path / "issue.json").st_mtime_ns + 10**9))
    assert not holds(f, data, record, digest(data)) and opened == [f]
    assert Record.read(tmp_path / "nowhere", "issue.json").files == {}


def test_the_staged_files_are_removed_when_one_cannot_be_written(tmp_path):
    """The issue's MP3 and EPUB are written by threads while the rest is made: a failure leaves no temporary file
    and every target as it was."""
    good, blocked = tmp_path / "issue.mp3", tmp_path / "file" / "issue.epub"
    good.write_bytes(b"old")
    (tmp_path / "file").write_bytes(b"a file where a folder should be")
    stager = Stager(Record({}))
    stager.add(good, [b"new ", b"frames"])
    stager.add(blocked, b"book")
    with pytest.raises(OSError):
        stager.done()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "issue.mp3"] and good.read_bytes() == b"old"
    stager = Stager(Record({}))
    stager.add(good, [b"new ", b"frames"])
    (tmp_path / "same").write_bytes(b"")
    stager.add(tmp_path / "same", b"")
    done = stager.done()
    assert done[tmp_path / "same"] == (None, 0, digest(b""))  # already holds its bytes: nothing written
    tmp, size, sha = done[good]
    assert Path(tmp).read_bytes() == b"new frames" and size == 10 and sha == digest(b"new frames")
    stager.cancel()  # (the assembly failed after all)
    assert not Path(tmp).exists() and good.read_bytes() == b"old"


def test_an_edit_rewrites_only_the_files_it_changes(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, title in (("alpha", "Alpha Harbour Wall Is Rebuilt"), ("beta", "Beta Ferry Strike Ends")):
        (folder / f"{name}.txt").write_text(ARTICLE.format(title=title, lead=f"The {name} story begins here."),
                                            encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    before = {k: os.stat(p) for k, p in _issue(folder, out, cache).items()}
    longer = "The beta story changed: its first paragraph is now a good deal longer than it was."
    (folder / "beta.txt").write_text(ARTICLE.format(title="Beta Ferry Strike Ends", lead=longer), encoding="utf-8")
    after = _issue(folder, out, cache)
    kept = {k for k, p in after.items() if k in before and os.stat(p).st_ino == before[k].st_ino}
    # alpha's DAISY audio, content document and chapters file hold the same bytes: not written again
    assert {"issue.daisy/a001.mp3", "issue.daisy/a001.html", "alpha.chapters.json"} <= kept
    # what the edit changed was written
    assert not {"issue.daisy/a002.mp3", "issue.mp3", "issue.json", "issue.daisy/ncc.html"} & kept
    fresh = _issue(folder, tmp_path / "fresh", tmp_path / "cache2")
    assert set(fresh) == set(after)
    differ = []
    for k in after:
        if k == "issue.json":
            a, b = (json.loads(p.read_text()) for p in (after[k], fresh[k]))
            for m in (a, b):
                m.update(built_at=0, rebuilt=0, articles=[{**e, "rebuilt": 0} for e in m["articles"]])
                m["outputs"].pop("feed")  # (the feed says when it was built)
            differ += [key for key in a if a[key] != b[key]]
        elif (k.endswith((".json", ".epub")) and not k.endswith("chapters.json")) or k == "feed.xml":
            continue  # the articles' manifests and EPUBs, the feed: they hold the time they were made
        elif after[k].read_bytes() != fresh[k].read_bytes():
            differ.append(k)
    assert differ == []
    # a file of the book changed by hand after the issue was written (same size) is written again
    page = after["issue.daisy/a001.html"]
    text = page.read_bytes()
    page.write_bytes(text.replace(b"Alpha", b"ALPHA"))
    os.utime(page, ns=(time.time_ns(), os.stat(after["issue.json"]).st_mtime_ns + 10**9))
    _issue(folder, out, cache)
    assert page.read_bytes() == text


def test_the_command_says_what_it_wrote_briefly(tmp_path):
    """An editor runs `make editions` many times a day: the issue's lines name the files written (the DAISY book's
    as one line) and count those left as they were, not a hundred paths a run."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("alpha", "beta"):
        (folder / f"{name}.txt").write_text(ARTICLE.format(title=f"{name.title()} Harbour Wall Is Rebuilt",
                                                           lead=f"The {name} story begins here."), encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {**os.environ, "EDITIONS_SCHEDULER": "none"}

    def said():
        r = subprocess.run([sys.executable, "-m", "editions", "issue", str(folder), "--out", str(out), "--engine",
                            "test", "--cache", str(cache), "--jobs", "1", "--only", "audio"], capture_output=True,
                           text=True, env=env, timeout=300)
        assert r.returncode == 0, r.stderr
        return [line for line in r.stdout.splitlines() if line.startswith((str(out), *"0123456789"))]

    first = said()
    book = [line for line in first if "issue.daisy" in line]
    assert book == [f"{out / 'issue.daisy'}/ ({sum(1 for _ in (out / 'issue.daisy').iterdir())} files)"]
    assert f"{out / 'issue.mp3'}" in first and not any("unchanged" in line for line in first)
    again = said()
    assert not any("issue.daisy" in line or line.endswith("issue.mp3") for line in again)
    assert again[-1].endswith("files of the issue unchanged") and len(again) <= 4


def test_an_issue_whose_inputs_did_not_change_is_not_assembled_again(tmp_path):
    """An editor runs `make editions` with nothing changed: issue.json is written again (nothing was rebuilt this
    time), every other file of the issue is left as it is -- unless one of them was changed or removed since, or
    the issue's settings changed, or --force was given."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("alpha", "beta"):
        (folder / f"{name}.txt").write_text(ARTICLE.format(title=f"{name.title()} Harbour Wall Is Rebuilt",
                                                           lead=f"The {name} story begins here."), encoding="utf-8")
    (folder / "issue.toml").write_text('title = "The Gazette"\ndate = 2026-03-01\n', encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = _issue(folder, out, cache)
    stamps = {k: os.stat(p).st_mtime_ns for k, p in first.items()}
    manifest = json.loads((out / "issue.json").read_text())
    again = _issue(folder, out, cache)
    assert set(again) == set(first)
    changed = [k for k, p in again.items() if os.stat(p).st_mtime_ns != stamps[k]]
    assert sorted(changed) == ["index.html", "index.json", "issue.json"]  # (the build's index: every build)
    now = json.loads((out / "issue.json").read_text())
    assert now["rebuilt"] == [] and manifest["rebuilt"] == ["alpha", "beta"]
    assert {k: v for k, v in now.items() if k not in ("rebuilt", "articles", "built_at")} == \
        {k: v for k, v in manifest.items() if k not in ("rebuilt", "articles", "built_at")}
    (out / "issue.vtt").unlink()  # a file of the issue removed: assembled again, and it is back
    assert "issue.vtt" in _issue(folder, out, cache)
    (folder / "issue.toml").write_text('title = "The Evening Gazette"\ndate = 2026-03-01\n', encoding="utf-8")
    _issue(folder, out, cache)  # the issue's settings changed: its files say so
    assert b"The Evening Gazette" in (out / "feed.xml").read_bytes()
    assert b"The Evening Gazette" in (out / "issue.daisy" / "ncc.html").read_bytes()
    before = os.stat(out / "issue.mp3").st_mtime_ns
    env = {**os.environ, "EDITIONS_SCHEDULER": "none"}
    r = subprocess.run([sys.executable, "-m", "editions", "issue", str(folder), "--out", str(out), "--engine", "test",
                        "--cache", str(cache), "--jobs", "1", "--only", "audio", "--force"], capture_output=True,
                       text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "issue.json").read_text())["rebuilt"] == ["alpha", "beta"]
    assert os.stat(out / "issue.mp3").st_mtime_ns == before  # assembled again, the same bytes: left as they were
