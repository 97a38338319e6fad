"""Honest errors (issue 20): paths no file can have, a HOME that is not a folder, JSON in the output folder that
is not our manifest, a photo name too long, a settings file with a byte order mark.  Each is one line (exit 2)
or a warning, never an "internal error"; a build reports it for that article and still ends with its summary
table and index.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .limits import editions, leftovers

ARTICLE = "Harbour Wall Rebuilt\n\nThe town rebuilt the harbour wall after the storm.\n"
FAST = ("--engine", "test", "--no-cache", "--only", "print")
LONG = "x" * 300  # one path component over the 255 bytes a file name may have


def _md_photo(path: str) -> str:
    return f"---\ntitle: Harbour Wall\nphoto:\n  path: {json.dumps(path)}\n  caption: The wall.\n---\nThe wall.\n"


def _json_photo(path: str) -> str:
    return json.dumps({"headline": "Harbour Wall", "photo": {"path": path, "caption": "The wall."},
                       "sections": [{"heading": None, "paragraphs": ["The wall."]}]})


def _build_reports(r, name: str, *needles: str) -> None:
    """The build went on: one error line for ``name``, the summary table, and the other article rendered."""
    lines = [x for x in r.error_lines() if name in x]
    assert len(lines) == 1 and all(n in lines[0] for n in needles), r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr[-2000:]
    assert "1 rendered, 0 up to date, 1 failed" in r.stdout, r.stdout


PHOTO_PATHS = {"nul.md": (_md_photo("a\0b.jpg"), "NUL"), "nul.json": (_json_photo("a\0b.jpg"), "NUL"),
               "loop.md": (_md_photo("loop.jpg"), "loop of symbolic links")}


@pytest.mark.parametrize("name", sorted(PHOTO_PATHS))
def test_a_photo_path_no_file_can_have_is_one_line(tmp_path, name):
    text, needle = PHOTO_PATHS[name]
    d = tmp_path / "articles"
    d.mkdir()
    (d / "loop.jpg").symlink_to("loop.jpg")
    (d / name).write_text(text, encoding="utf-8")
    (d / "fine.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    editions("render", d / name, "--out", out, *FAST).assert_one_line_error(2, name, needle)
    r = editions("build", d, "--out", out, "--jobs", "1", *FAST)
    _build_reports(r, name, needle)
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["failed"][0]["source"].endswith(name)


def test_a_name_over_255_bytes_in_out_or_the_article_is_one_line(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    editions("render", tmp_path / f"{LONG}.txt", "--out", tmp_path / "o", *FAST).assert_one_line_error(
        2, "longer than the file system allows")
    editions("build", tmp_path / f"{LONG}.txt", "--out", tmp_path / "o", *FAST).assert_one_line_error(
        2, "longer than the file system allows")
    editions("render", src, "--out", tmp_path / LONG, *FAST).assert_one_line_error(2, "longer than the file system")
    editions("render", src, "--out", tmp_path / "o", "--engine", "test", "--only", "audio", "--cache",
             tmp_path / LONG).assert_one_line_error(2, "longer than the file system allows")
    r = editions("build", tmp_path, "--out", tmp_path / LONG, *FAST)
    r.assert_one_line_error(2, "longer than the file system allows")
    assert "0 rendered, 0 up to date, 1 failed" in r.stdout  # the summary still comes first


def test_an_article_name_of_83_chinese_letters_gets_outputs_a_file_system_can_hold(tmp_path):
    src = tmp_path / ("新" * 83 + ".txt")  # 253 bytes: the article's name fits, "<name>.large-print.pdf" did not
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "o"
    r = editions("render", src, "--out", out, *FAST)
    assert r.code == 0, r.stderr[-2000:]
    assert all(len(p.name.encode()) <= 255 for p in out.iterdir()) and leftovers(out) == []
    assert len([p for p in out.iterdir() if p.name.endswith(".large-print.pdf")]) == 1


@pytest.mark.parametrize("command", ["render", "build"])
def test_a_home_that_is_not_a_folder_is_one_line(tmp_path, command):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "home-is-a-file"
    home.write_text("x")
    r = editions(command, src, "--out", tmp_path / "o", "--engine", "test", env={"HOME": str(home)})
    r.assert_one_line_error(2, "HOME is not a folder", str(home))


def test_json_in_the_output_folder_that_is_not_our_manifest_is_stale_not_fatal(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE.replace("Harbour", "River"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("[1, 2]", encoding="utf-8")  # a.txt's manifest name, but a list
    (out / "notes.json").write_text('{"outputs": [1], "by": "another program"}', encoding="utf-8")
    (out / "odd.json").write_text('{"outputs": {"x": {"path": 3}}, "slug": 1}', encoding="utf-8")
    (out / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    r = editions("build", d, "--out", out, "--jobs", "1", *FAST)
    assert r.code == 0 and "2 rendered, 0 up to date, 0 failed" in r.stdout, r.stderr[-2000:]
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["slug"] == "a"  # rendered, and replaced
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(e["manifest"] for e in index["editions"]) == ["a.json", "b.json"]
    assert (out / "notes.json").read_text(encoding="utf-8").startswith('{"outputs": [1]')  # not ours: left alone
    r = editions("build", d, "--out", out, "--jobs", "1", *FAST)
    assert r.code == 0 and "0 rendered, 2 up to date" in r.stdout, r.stderr[-2000:]


def test_a_photo_name_too_long_is_a_photo_that_cannot_be_read(tmp_path):
    src = tmp_path / "long.md"
    src.write_text(_md_photo(f"{'p' * 300}.jpg"), encoding="utf-8")
    out = tmp_path / "o"
    r = editions("render", src, "--out", out, "--engine", "test", "--no-cache")  # the MP3's cover and the EPUB too
    assert r.code == 0, r.stderr[-2000:]
    assert "longer than the file system allows" in r.stderr and "Photo not available" in r.stderr
    r = editions("render", src, "--out", out, *FAST, "--strict")
    line = r.assert_one_line_error(1, "long.md", "longer than the file system allows", "--strict")
    assert "free some space" not in line and "cannot write" not in line


def test_a_settings_file_with_a_byte_order_mark_is_read(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    cfg = tmp_path / "editions.toml"
    cfg.write_bytes(b'\xef\xbb\xbfpublication = "Harbour News"\n[print]\npage_size = "a4"\n')
    lex = tmp_path / "words.toml"
    lex.write_bytes('\ufeff[respell]\nquay = "key"\n'.encode("utf-8"))
    r = editions("render", src, "--config", cfg, "--out", tmp_path / "o", *FAST)
    assert r.code == 0, r.stderr
    assert json.loads((tmp_path / "o" / "a.json").read_text(encoding="utf-8"))["print"]["page_size"] == "a4"
    cfg.write_bytes(b'\xef\xbb\xbf[audio]\nlexicon = "' + str(lex).encode() + b'"\n')
    r = editions("render", src, "--config", cfg, "--out", tmp_path / "o", "--engine", "test", "--no-cache",
                 "--only", "audio")
    assert r.code == 0, r.stderr


def test_a_nul_in_the_configured_lexicon_path_is_one_line(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    cfg = tmp_path / "editions.toml"
    cfg.write_text('[audio]\nlexicon = "a\\u0000b.toml"\n', encoding="utf-8")
    editions("render", src, "--config", cfg, "--out", tmp_path / "o", "--engine", "test", "--no-cache",
             "--only", "audio").assert_one_line_error(2, "NUL")
