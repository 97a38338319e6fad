"""Reliability suite, second pass: every hostile case of issue #10, generated here as small files, run as a child
process under a memory limit (setrlimit) and a time limit.

Each case asserts the exit code, a one-line error without "Traceback" or "internal error", and that nothing
half-written is left.
"""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from .limits import GB, editions, leftovers

ARTICLE = "Harbour Wall Rebuilt\n\nThe town rebuilt the harbour wall after the storm.\n"


def md(front: str, body: str = "The town rebuilt the wall.\n") -> bytes:
    return f"---\n{front}\n---\n{body}".encode()


def _laughs(levels: int) -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return md("title: T\ndate: 2026-01-01\n" + "\n".join(lines))


def _deep_yaml(n: int) -> bytes:
    return md("title: T\ndeck: " + "[" * n + "]" * n)


def _json(obj) -> bytes:
    return json.dumps(obj).encode()


PARA = {"headline": "H", "sections": [{"heading": None, "paragraphs": ["Some text here."]}]}

# name: (file bytes, expected exit code, words the one error line must hold (exit 2), extra argv)
CASES = {
    "billion-laughs.md": (_laughs(9), 2, ["YAML alias"]),
    "six-level-aliases.md": (_laughs(6), 2, ["YAML alias"]),
    "yaml-5000-deep.md": (_deep_yaml(5000), 2, ["nested more than"]),
    "yaml-block-deep.md": (md("title: T\ndeck:\n" + "".join("  " * i + "- \n" for i in range(1, 2000))), 2,
                           ["nested more than"]),
    "date-feb-30.md": (md("title: T\ndate: 2026-02-30"), 2, ["not an ISO date", "2026-02-30"]),
    "date-month-13.md": (md("title: T\ndate: 2026-13-01"), 2, ["not an ISO date"]),
    "json-100000-deep.json": (b"[" * 100_000 + b"]" * 100_000, 2, ["nested more than"]),
    "json-huge-int.json": (b'{"headline": "H", "deck": ' + b"9" * 5000 + b"}", 2, ["4,300 digits"]),
    "lone-surrogate.json": (b'{"headline": "H\\ud800 x", "sections": []}', 2, ["lone surrogate"]),
    "lone-surrogate.md": (md('title: "T \\ud800"'), 2, ["lone surrogate"]),
    "overlapping-spans.json": (_json({**PARA, "sections": [{"heading": None, "paragraphs": [
        {"text": "abcdefgh ijk", "emphasis": [[0, 5, "em"], [3, 7, "strong"]]}]}]}), 2, ["overlap"]),
    "hebrew.txt": ("שלום עולם\n\nזה מאמר קצר בעברית.\n".encode(), 0, []),  # was exit 2: no font for Hebrew
    "arabic.md": (md("title: مرحبا بالعالم\nlang: ar", "هذا مقال قصير.\n"), 0, []),  # was exit 2
    "chinese.txt": ("新闻标题\n\n这是一篇简短的新闻文章。\n".encode(), 0, []),  # was exit 2: no font for Han
    "japanese.txt": ("ニュース\n\nこれは短い記事です。\n".encode(), 0, []),  # was exit 2
    "amharic.md": (md("title: ዜና\nlang: am", "ይህ አጭር የዜና ጽሑፍ ነው።\n"), 2, ["Ethiopic script"]),
    "utf16-bom.txt": ("Café Talks\n\nThe café owner spoke.\n".encode("utf-16"), 0, []),
    "utf32-bom.txt": ("Café Talks\n\nThe café owner spoke.\n".encode("utf-32"), 0, []),
    "utf8-one-bad-byte.txt": ("José Talks\n\nJosé said the café was full.\n".encode() + b"Na\xefve \xff.\n", 0, []),
    "greek-and-marks.txt": ("Greek Letters\n\nThe letters αβγ and q\u0303 n\u0308 stay.\n".encode(), 0, []),
    "joiners.txt": ("Joiners\n\nThe word x\u200dy and می\u200cخواهم are kept.\n".encode(), 0, []),  # was exit 2
    "emoji.txt": ("Emoji Day\n\nPeople cheered 🎉 and sang 👍🏽 all night.\n".encode(), 0, []),
    "headline-only.txt": (b"Short\n", 0, []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case(tmp_path, name):
    data, code, needles = CASES[name]
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out"
    r = editions("render", src, "--out", out, "--engine", "test", "--no-cache", memory=2 * GB, timeout=90)
    assert leftovers(out) == []
    if code:
        r.assert_one_line_error(code, name, *needles)
        assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
        return
    assert r.code == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "editions: error" not in r.stderr
    manifest = json.loads((out / f"{src.stem}.json").read_text(encoding="utf-8"),
                          parse_constant=lambda c: pytest.fail(f"{c} in the manifest"))
    if name.startswith(("utf16", "utf32")):
        assert manifest["headline"] == "Café Talks"
    if name == "utf8-one-bad-byte.txt":
        assert manifest["headline"] == "José Talks"  # not 'JosÃ©'
        assert any("2 byte(s) are not valid UTF-8 (the first at byte" in w for w in manifest["warnings"])
    if name == "emoji.txt":
        assert any("left out of the PDFs" in w for w in manifest["warnings"])
    if name == "joiners.txt":  # the joiner in Persian is kept (it shapes the word); the one in Latin is not drawn
        assert any("no glyph for 1 character(s) (\u200d)" in w for w in manifest["warnings"]), manifest["warnings"]
    if name == "headline-only.txt":
        assert manifest["audio"]["lufs"] is None  # too short to measure: null, never -Infinity


def test_joiners_and_combining_marks_are_kept_as_text(tmp_path):
    src = tmp_path / "j.txt"
    src.write_text("Joiners Kept\n\nThe word x\u200dy and the mark n\u0308 stay here.\n", encoding="utf-8")
    r = editions("render", src, "--out", tmp_path / "o", "--engine", "test", "--no-cache")
    assert r.code == 0, r.stderr
    vtt = (tmp_path / "o" / "j.vtt").read_text(encoding="utf-8")
    assert "x\u200dy" in vtt and "n\u0308" in vtt
    from .print_helpers import extract
    text = "".join(extract(tmp_path / "o" / "j.pdf"))
    assert "n\u0308" in text or "\u00f1" in text or "ñ" in text or "n̈" in text


@pytest.mark.parametrize("lang_or_text", ["lang: tlh", "greek"])  # French is spoken now (eSpeak NG); Klingon is not
def test_the_offline_voice_refuses_what_it_cannot_say(tmp_path, lang_or_text):
    src = tmp_path / "a.md"
    front = "title: nuqneH\nlang: tlh" if lang_or_text.startswith("lang") else "title: Letters"
    body = "Qapla' batlh.\n" if lang_or_text.startswith("lang") else "The letters αβγ are Greek.\n"
    src.write_bytes(md(front, body))
    r = editions("render", src, "--out", tmp_path / "o", "--engine", "offline", "--no-cache", "--only", "audio",
                 timeout=60)
    r.assert_one_line_error(2, "a.md", "offline voice", "--engine gtts")


def test_bad_settings_and_output_folders(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "lexdir").mkdir()
    cfg = tmp_path / "lex.toml"
    cfg.write_text(f'[audio]\nlexicon = "{tmp_path / "lexdir"}"\n', encoding="utf-8")
    editions("render", src, "--config", cfg, "--engine", "test", "--out", tmp_path / "o").assert_one_line_error(
        2, "lexicon is a folder")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    editions("render", src, "--engine", "test", "--out", blocker).assert_one_line_error(2, "is a file")
    editions("render", src, "--engine", "test", "--out", blocker / "sub").assert_one_line_error(2, "through a file")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    editions("inspect", fifo, timeout=20).assert_one_line_error(2, "not a regular file")
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    editions("render", zero, "--engine", "test", "--out", tmp_path / "o", memory=1 * GB,
             timeout=20).assert_one_line_error(2, "not a regular file")


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write: chmod 555, or, for root (whom permissions do not stop), /sys."""
    if os.geteuid() == 0:
        return Path("/sys")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    return ro


def test_read_only_output_folder_is_one_line_and_a_build_still_ends_with_its_summary(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE.replace("Harbour", "River"), encoding="utf-8")
    ro = _read_only_folder(tmp_path)
    editions("render", d / "a.txt", "--engine", "test", "--out", ro).assert_one_line_error(2, "cannot write")
    r = editions("build", d, "--engine", "test", "--out", ro)
    r.assert_one_line_error(2, "cannot write")
    assert "0 rendered, 0 up to date, 2 failed" in r.stdout and "a.txt" in r.stdout


def test_names_never_collide_and_index_is_reserved(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    for name in ("新闻.txt", "🎉🎉.txt", "🎉.txt", "index.txt"):
        (d / name).write_text(ARTICLE.replace("Harbour", name.split(".")[0] if name[0] == "i" else "Harbour"),
                              encoding="utf-8")
    (d / "新闻.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    r = editions("build", d, "--engine", "test", "--out", out, "--jobs", "1000")
    assert r.code == 0, r.stderr
    assert "--jobs 1000 lowered to" in r.stderr
    manifests = sorted(p.name for p in out.glob("*.json") if p.name != "index.json")
    assert len(manifests) == 4 and "新闻.json" in manifests and "index-article.json" in manifests
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert len(index["editions"]) == 4
    # manifests and the index are as readable as the media (umask), not mkstemp's 0600
    mode = stat.S_IMODE((out / "新闻.mp3").stat().st_mode)
    assert stat.S_IMODE((out / "新闻.json").stat().st_mode) == mode
    assert stat.S_IMODE((out / "index.json").stat().st_mode) == mode


@pytest.mark.parametrize("suffix", ["$", "%", "th"])
def test_huge_number_before_a_symbol(tmp_path, suffix):
    """(The reading itself is issue #9's, in speech/text/normalise.py; this checks the bound and the exit.)"""
    src = tmp_path / "n.txt"
    src.write_text(f"Big Number\n\nThe sum was {'9' * 5000}{suffix} in all.\n", encoding="utf-8")
    r = editions("render", src, "--out", tmp_path / "o", "--engine", "test", "--no-cache", "--only", "audio",
                 timeout=60)
    assert r.code == 0 and "internal error" not in r.stderr, r.stderr[-500:]


TAG_FLAG = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"
LEAKS = ["\x00", "\x1b", "\x07", "\u202e", "\uf099", "\uffff", "[31m"]


def test_a_hostile_json_article_renders_every_edition_with_nothing_leaked(tmp_path):
    """Issue 20: controls (as JSON escapes), bidi, private use, noncharacters and emoji sequences in every field."""
    import xml.etree.ElementTree as ET
    import zipfile

    from mutagen.id3 import ID3

    from .print_helpers import extract, squash
    body = (f"Press 1️⃣ to vote \u0000now. We ❤️ the \u001b[31mred\u001b[0m wall \u202eevil\u202c and 👍🏽 it. "
            f"The 👨‍👩‍👧 family waved the {TAG_FLAG} flag \uf099 \uffff\u0007 all day.")
    src = tmp_path / "hostile.json"
    src.write_bytes(_json({
        "headline": "Council \u0000votes \u001b[31mred\u001b[0m \u202eevil\u202c ❤️ \uf099",
        "deck": "A deck \u0007with 👍🏽 and \uffff", "byline": "Ann \u001b]0;pwned\u0007Lee",
        "credit_line": "Reuters \u202econtributed\u202c \u001b[1m.",
        "photo": {"path": None, "caption": "A wall \u0000at dusk 1️⃣", "credit": "Photo \uf099 Desk", "alt": ""},
        "sections": [{"heading": None, "paragraphs": [body]},
                     {"heading": "Step 1️⃣ \u001b[2Jnext", "paragraphs": [
                         {"text": "Some \u0007emphasis here ❤️ and more words end.", "emphasis": [[6, 15, "em"]]}]}],
        "pull_quotes": [{"text": "the \u202ered\u202c wall", "attribution": "Ann \u0000Lee"}]}))
    out = tmp_path / "out"
    r = editions("render", src, "--out", out, "--engine", "test", "--no-cache", memory=2 * GB, timeout=120)
    assert r.code == 0, r.stderr[-2000:]  # was exit 2: "text in Variation script … cannot be drawn"
    assert not any(leak in r.stdout + r.stderr for leak in LEAKS[:-1])
    tags = ID3(out / "hostile.mp3")
    id3 = " ".join(str(t) for frame in tags.values() if hasattr(frame, "text") for t in frame.text)
    assert "Council votes red evil" in id3  # a NUL no longer cuts the title to "Council "
    vtt = (out / "hostile.vtt").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "hostile.epub") as z:
        xhtml = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xhtml", ".smil", ".opf"))}
    for doc in xhtml.values():
        ET.fromstring(doc.encode("utf-8"))  # well-formed
    pdfs = ["".join(extract(out / name)) for name in ("hostile.pdf", "hostile.large-print.pdf")]
    for where, text in [("id3", id3), ("vtt", vtt), *xhtml.items(), ("pdf", pdfs[0]), ("large print", pdfs[1])]:
        for leak in LEAKS:
            assert leak not in text, (where, repr(leak))
    content = "".join(xhtml.values())
    assert "👨‍👩‍👧" in content and "1️⃣" in content  # the EPUB keeps an emoji sequence whole
    from .epub_helpers import epubcheck
    fatals, errors, _, messages = epubcheck(out / "hostile.epub")
    assert fatals == errors == 0, messages
    for text in pdfs:
        assert "Press1tovote" in squash(text) and "Step1next" in squash(text)  # the keycap's digit is the text
        assert "\ufe0f" not in text and "\u20e3" not in text and "\U000E0067" not in text
    manifest = json.loads((out / "hostile.json").read_text(encoding="utf-8"))
    assert sum("bidirectional control" in w for w in manifest["warnings"]) == 1
    assert sum("private-use or noncharacter" in w for w in manifest["warnings"]) == 1
