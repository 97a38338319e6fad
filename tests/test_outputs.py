"""Nothing lost (issue 20): no output is ever written over an input, the lock never follows a link, and an
article's outputs are replaced all together or not at all."""
from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest

from .limits import editions, leftovers

ARTICLE = "Harbour Wall Rebuilt\n\nThe town rebuilt the harbour wall after the storm.\n"
JSON_ARTICLE = {"headline": "Harbour Wall Rebuilt", "sections": [
    {"heading": None, "paragraphs": ["The town rebuilt the harbour wall after the storm."]}]}
FAST = ("--engine", "test", "--no-cache", "--only", "print")


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".")}


def _jpeg(path: Path) -> bytes:
    from PIL import Image
    Image.new("RGB", (40, 30), (90, 120, 200)).save(path, "JPEG")
    return path.read_bytes()


# --- 1. an output never replaces an input ---------------------------------------------------------------

def test_render_into_the_json_articles_own_folder_is_refused_and_the_article_kept(tmp_path):
    src = tmp_path / "story.json"
    src.write_text(json.dumps(JSON_ARTICLE), encoding="utf-8")
    before = src.read_bytes()
    r = editions("render", src, "--out", tmp_path, *FAST)
    r.assert_one_line_error(2, "story.json", "would be written over the article itself", "--out")
    assert src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["story.json"]


def test_build_into_the_articles_folder_renders_the_others_and_never_reads_its_own_outputs(tmp_path):
    (tmp_path / "story.json").write_text(json.dumps(JSON_ARTICLE), encoding="utf-8")
    (tmp_path / "other.txt").write_text(ARTICLE, encoding="utf-8")
    before = (tmp_path / "story.json").read_bytes()
    r = editions("build", tmp_path, "--out", tmp_path, "--jobs", "1", *FAST)
    assert r.code == 1, r.stderr
    assert "1 rendered, 0 up to date, 1 failed" in r.stdout
    assert [x for x in r.error_lines() if "story.json" in x and "would be written over" in x]
    assert (tmp_path / "story.json").read_bytes() == before
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert [e["slug"] for e in index["editions"]] == ["other"] and index["failed"][0]["source"].endswith("story.json")
    # again: other.json (a manifest) and index.json are ours, not articles; story.json is still refused
    r = editions("build", tmp_path, "--out", tmp_path, "--jobs", "1", *FAST)
    assert "0 rendered, 1 up to date, 1 failed" in r.stdout, r.stdout + r.stderr
    assert len(r.error_lines()) == 1 and (tmp_path / "story.json").read_bytes() == before


def test_an_article_called_index_json_in_the_output_folder_is_never_overwritten_by_the_index(tmp_path):
    (tmp_path / "index.json").write_text(json.dumps(JSON_ARTICLE), encoding="utf-8")
    before = (tmp_path / "index.json").read_bytes()
    r = editions("build", tmp_path, "--out", tmp_path, *FAST)
    assert r.code == 2, r.stderr
    assert "1 rendered, 0 up to date, 0 failed" in r.stdout  # as index-article.*
    assert [x for x in r.error_lines() if "index.json not written" in x]
    assert (tmp_path / "index.json").read_bytes() == before and (tmp_path / "index-article.pdf").is_file()


def _case(tmp_path: Path, kind: str) -> tuple[list, Path]:
    """(argv, the input that must not change) for an input named like one of the article's outputs."""
    d = tmp_path / "d"
    d.mkdir()
    if kind == "article named x.pdf":
        src = d / "x.pdf"
        src.write_text(ARTICLE, encoding="utf-8")
        return ["render", src, "--out", d, *FAST], src
    src = d / "x.md"
    if kind == "photo named like an output":
        _jpeg(d / "x.large-print.pdf")
        src.write_text("---\ntitle: T\nphoto:\n  path: x.large-print.pdf\n  caption: C\n---\nThe wall.\n",
                       encoding="utf-8")
        return ["render", src, "--out", d, *FAST], d / "x.large-print.pdf"
    src = d / "x.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    if kind == "settings file named like the manifest":
        cfg = d / "x.json"
        cfg.write_text('publication = "Harbour News"\n', encoding="utf-8")
        return ["render", src, "--config", cfg, "--out", d, *FAST], cfg
    if kind == "lexicon named like the transcript":
        lex = d / "x.vtt"
        lex.write_text('[respell]\nquay = "key"\n', encoding="utf-8")
        cfg = tmp_path / "editions.toml"
        cfg.write_text(f'[audio]\nlexicon = "{lex}"\n', encoding="utf-8")
        return ["render", src, "--config", cfg, "--out", d, "--engine", "test", "--no-cache", "--only", "audio"], lex
    out = tmp_path / "out"
    out.mkdir()
    if kind == "output name a symbolic link to the article":
        (out / "x.pdf").symlink_to(src)
    elif kind == "output name a hard link to the article":
        os.link(src, out / "x.pdf")
    elif kind == "article a symbolic link in the output folder":
        real = tmp_path / "elsewhere.json"
        real.write_text(json.dumps(JSON_ARTICLE), encoding="utf-8")
        (out / "x.json").symlink_to(real)
        return ["render", out / "x.json", "--out", out, *FAST], out / "x.json"
    return ["render", src, "--out", out, *FAST], src


@pytest.mark.parametrize("kind", [
    "article named x.pdf", "photo named like an output", "settings file named like the manifest",
    "lexicon named like the transcript", "output name a symbolic link to the article",
    "output name a hard link to the article", "article a symbolic link in the output folder"])
def test_no_output_is_ever_written_over_an_input(tmp_path, kind):
    argv, kept = _case(tmp_path, kind)
    link = os.readlink(kept) if kept.is_symlink() else None
    before = kept.read_bytes()
    r = editions(*argv)
    r.assert_one_line_error(2, "would be written over", "--out")
    assert kept.read_bytes() == before and (os.readlink(kept) if kept.is_symlink() else None) == link


# --- 2. the lock ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["symbolic link", "hard link", "someone's file"])
def test_a_lock_that_is_not_ours_is_refused_and_what_it_points_at_untouched(tmp_path, kind):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = tmp_path / "precious.dat"
    target.write_text("do not truncate me\n", encoding="utf-8")
    if kind == "symbolic link":
        (out / ".lock").symlink_to(target)
    elif kind == "hard link":
        os.link(target, out / ".lock")
    else:
        target = out / ".lock"
        target.write_text("do not truncate me\n", encoding="utf-8")
    r = editions("render", src, "--out", out, *FAST)
    r.assert_one_line_error(2, ".lock")
    assert target.read_text(encoding="utf-8") == "do not truncate me\n"
    r = editions("build", tmp_path, "--out", out, *FAST)  # one line, under the summary
    assert r.code == 2 and "0 rendered, 0 up to date, 1 failed" in r.stdout and len(r.error_lines()) == 1
    assert target.read_text(encoding="utf-8") == "do not truncate me\n"


def test_a_lock_left_by_an_earlier_build_is_taken_again(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").write_text("12345", encoding="utf-8")
    r = editions("render", src, "--out", out, *FAST)
    assert r.code == 0, r.stderr
    assert (out / ".lock").read_text() != "12345"


# --- 3. all or nothing ------------------------------------------------------------------------------------

def _rendered(tmp_path: Path) -> tuple[Path, Path, dict]:
    src = tmp_path / "x.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert editions("render", src, "--out", out, "--engine", "test", "--no-cache").code == 0
    src.write_text(ARTICLE.replace("storm", "storm and the flood"), encoding="utf-8")
    return src, out, _snapshot(out)


def test_a_folder_in_the_way_of_one_output_leaves_every_output_as_it_was(tmp_path):
    src, out, good = _rendered(tmp_path)
    (out / "x.epub").unlink()
    (out / "x.epub").mkdir()
    del good["x.epub"]
    r = editions("render", src, "--out", out, "--engine", "test", "--no-cache")
    line = r.assert_one_line_error(2, "x.epub", "folder")
    assert ".tmp-" not in line and "untouched" not in line
    assert _snapshot(out) == good and leftovers(out) == []


def test_a_rename_failing_midway_puts_the_earlier_outputs_back(tmp_path, run_cli, monkeypatch):
    """The targets were all checked, yet the EPUB's rename fails (a disk error): the MP3, VTT and both PDFs
    already renamed are put back, and the one line names x.epub and the cause, never a temporary file."""
    src, out, good = _rendered(tmp_path)
    real = os.replace

    def failing(a, b, *args, **kw):
        if str(b).endswith("x.epub"):
            raise OSError(errno.EIO, "Input/output error")
        return real(a, b, *args, **kw)
    monkeypatch.setattr("editions.files.os.replace", failing)
    code, _, err = run_cli("render", src, "--out", out, "--engine", "test", "--no-cache")
    lines = [x for x in err.splitlines() if x.startswith("editions: error:")]
    assert code == 1 and len(lines) == 1, err
    assert "cannot write x.epub (Input/output error)" in lines[0] and ".tmp-" not in lines[0]
    assert "earlier outputs are untouched" in lines[0]
    assert _snapshot(out) == good and leftovers(out) == []


def test_atomic_write_all_checks_every_target_first(tmp_path):
    from editions.files import WriteError, atomic_write_all
    (tmp_path / "a").write_bytes(b"old a")
    (tmp_path / "c").mkdir()
    with pytest.raises(WriteError) as e:
        atomic_write_all([(tmp_path / "a", b"new a"), (tmp_path / "b", b"new b"), (tmp_path / "c", b"new c")])
    assert e.value.filename == str(tmp_path / "c") and e.value.errno == errno.EISDIR
    assert (tmp_path / "a").read_bytes() == b"old a" and not (tmp_path / "b").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "c"]


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_atomic_write_all_restores_what_it_replaced_when_a_rename_fails(tmp_path, monkeypatch, failure):
    from editions.files import atomic_write_all
    (tmp_path / "a").write_bytes(b"old a")
    (tmp_path / "c").write_bytes(b"old c")
    real, calls = os.replace, []

    def third_fails(a, b, *args, **kw):
        calls.append(b)
        if len(calls) == 3:
            raise failure
        return real(a, b, *args, **kw)
    monkeypatch.setattr("editions.files.os.replace", third_fails)
    with pytest.raises(type(failure)) as e:
        atomic_write_all([(tmp_path / "a", b"new a"), (tmp_path / "b", b"new b"), (tmp_path / "c", b"new c")])
    if isinstance(failure, OSError):
        assert e.value.filename == str(tmp_path / "c") and e.value.restored
    assert (tmp_path / "a").read_bytes() == b"old a" and (tmp_path / "c").read_bytes() == b"old c"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "c"]  # b never was; no temporary file or backup


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_atomic_write_all_takes_files_already_staged_and_removes_them_when_it_fails(tmp_path, monkeypatch, failure):
    """The issue's MP3 is written to its temporary file by a thread (write_temp, from a list of pieces), then
    renamed into place with the rest, all or nothing."""
    from editions.files import atomic_write_all, write_temp
    (tmp_path / "big").write_bytes(b"old big")
    (tmp_path / "c").write_bytes(b"old c")
    atomic_write_all([(tmp_path / "c", b"new c")], staged={tmp_path / "big": write_temp(tmp_path / "big", [b"new ",
                                                                                                           b"big"])})
    assert (tmp_path / "big").read_bytes() == b"new big" and (tmp_path / "c").read_bytes() == b"new c"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "c"]
    real = os.replace
    monkeypatch.setattr("editions.files.os.replace", lambda a, b, *r, **k: (_ for _ in ()).throw(failure)
                        if Path(b).name == "c" else real(a, b, *r, **k))
    with pytest.raises(type(failure)):
        atomic_write_all([(tmp_path / "c", b"newer c")], staged={tmp_path / "big": write_temp(tmp_path / "big",
                                                                                              b"newer big")})
    assert (tmp_path / "big").read_bytes() == b"new big" and (tmp_path / "c").read_bytes() == b"new c"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "c"]  # no temporary file, no backup
    (tmp_path / "d").mkdir()  # a folder where a file should go: the staged file is removed before anything moves
    with pytest.raises(OSError):
        atomic_write_all([(tmp_path / "d", b"x")], staged={tmp_path / "big": write_temp(tmp_path / "big", b"z")})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "c", "d"]
    assert (tmp_path / "big").read_bytes() == b"new big"
