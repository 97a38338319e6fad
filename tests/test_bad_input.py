"""Bad input: a one-line error naming the file, the right exit code, no traceback, nothing lost."""
import pytest

from editions.errors import InputError
from editions.parse import load_article


def _one_line_error(err: str, name: str):
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("editions: error: ") and name in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"  \n\t \r\n ", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
    (b"\x00\x01\x02" * 100, "binary data"),
    (b"\xe2\x80\x8b\xe2\x80\x8b\n", "no text"),
])
def test_refused_files(tmp_path, run_cli, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, out, err = run_cli("inspect", f)
    assert code == 2 and out == ""
    _one_line_error(err, "bad.txt")
    assert message in err


def test_missing_file_and_directory(tmp_path, run_cli):
    code, _, err = run_cli("inspect", tmp_path / "nope.md")
    assert code == 2 and "file not found" in err
    _one_line_error(err, "nope.md")
    code, _, err = run_cli("inspect", tmp_path)
    assert code == 2 and "is a folder" in err


def test_cp1252_fallback_bom_crlf(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes("Caf\xe9 Owners Protest\r\n\r\nThe owner of the caf\xe9 said \x93no\x94 on Monday.\r\n".encode("latin-1"))
    a = load_article(f)
    assert a.headline == "Café Owners Protest"
    assert a.sections[0].paragraphs[0].text == "The owner of the café said “no” on Monday."
    assert any("Windows-1252" in w for w in a.warnings)
    g = tmp_path / "bom.txt"
    g.write_bytes(b"\xef\xbb\xbfHeadline\r\n\r\nBody text here.\r\n")
    b = load_article(g)
    assert b.headline == "Headline" and b.sections[0].paragraphs[0].text == "Body text here." and b.warnings == ()


def test_control_and_zero_width_removed(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("Head\u200bline\x07\n\nBo\u200ddy te\x01xt\u00ad here.", encoding="utf-8")
    a = load_article(f)
    assert a.headline == "Headline"
    assert a.sections[0].paragraphs[0].text == "Bo\u200ddy te xt here."  # a joiner is text (Persian, Indic)
    assert any("removed 4" in w for w in a.warnings)


def test_headline_only(tmp_path):
    f = tmp_path / "h.txt"
    f.write_text("Just A Headline\n", encoding="utf-8")
    a = load_article(f)
    assert a.headline == "Just A Headline" and a.sections == ()
    assert any("no body text" in w for w in a.warnings)


def test_five_megabytes(tmp_path):
    para = "The quick brown fox jumps over the lazy dog near the river bank today. " * 20
    f = tmp_path / "big.txt"
    f.write_text("Big Headline\n\n" + "\n\n".join([para] * 3600), encoding="utf-8")
    assert f.stat().st_size > 5_000_000
    a = load_article(f)
    assert sum(len(s.paragraphs) for s in a.sections) == 3600


def test_huge_word_and_url(tmp_path):
    word = "x" * 10_000
    url = "https://example.org/" + "a/" * 5000
    f = tmp_path / "w.txt"
    f.write_text(f"Headline\n\nA {word} and {url} here.", encoding="utf-8")
    a = load_article(f)
    assert word in a.sections[0].paragraphs[0].text and url in a.sections[0].paragraphs[0].text


@pytest.mark.parametrize("front, message", [
    ("title: [unclosed\n", "not valid YAML"),
    ("title: T\ncolour: red\n", "unknown front matter key 'colour'"),
    ("title: T\nphoto: {path: x.jpg, size: 3}\n", "unknown front matter key 'photo.size'"),
    ("deck: no title\n", "no 'title'"),
    ("title: T\ndate: 26/11/2026\n", "not an ISO date"),
    ("title: T\nphoto: {path: ../../etc/passwd, caption: c}\n", "leaves the article's folder"),
    ("title: T\nlang: 'english please'\n", "not a language tag"),
])
def test_bad_front_matter(tmp_path, run_cli, front, message):
    f = tmp_path / "fm.md"
    f.write_text(f"---\n{front}---\nBody.\n", encoding="utf-8")
    code, out, err = run_cli("inspect", f)
    assert code == 2 and out == ""
    _one_line_error(err, "fm.md")
    assert message in err


def test_unclosed_front_matter(tmp_path):
    f = tmp_path / "u.md"
    f.write_text("---\ntitle: T\nBody.\n", encoding="utf-8")
    with pytest.raises(InputError, match="not closed"):
        load_article(f)


def test_photo_under_assets_is_allowed(tmp_path):
    art = tmp_path / "assets" / "articles"
    art.mkdir(parents=True)
    (tmp_path / "assets" / "photos").mkdir()
    f = art / "a.md"
    f.write_text("---\ntitle: T\nphoto: {path: ../photos/p.jpg, caption: c}\n---\nBody.\n", encoding="utf-8")
    assert load_article(f).photo.path == "../photos/p.jpg"
    f.write_text("---\ntitle: T\nphoto: {path: ../../p.jpg, caption: c}\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_article(f)


@pytest.mark.parametrize("name, body, engine, message", [
    ("hearts", "❤ ❤.", "test", "nothing to narrate"),  # no words at all
    ("marks", "\u0301 \u0301.", "offline", "came out silent"),  # combining marks alone: the voice says silence
])
def test_an_article_with_nothing_a_voice_can_say_is_refused_with_exit_2(tmp_path, run_cli, name, body, engine,
                                                                         message):
    f = tmp_path / f"{name}.txt"
    f.write_text(f"❤ ❤\n\n{body}\n", encoding="utf-8")
    code, out, err = run_cli("render", f, "--out", tmp_path / "o", "--engine", engine, "--only", "audio",
                             "--no-cache")
    assert code == 2 and out == ""
    _one_line_error(err, f"{name}.txt")
    assert message in err and "--only print" in err
    assert not list((tmp_path / "o").glob(f"{name}.*"))  # nothing half-written
