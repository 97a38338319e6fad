"""editions issue writes only what changed: after one article's edit the files that already hold their new bytes
(the other article's DAISY audio and content document, its chapters file) are left as they are, and the issue
is byte for byte the one a fresh build makes."""
import json
import os
import subprocess
import sys

from editions.issue.rewrite import holds, to_write

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
