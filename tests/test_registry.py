"""Editions as a registry: one entry is all a new edition needs to be rendered, chosen with --only, recorded in
the manifest, read back before it is written, and checked for freshness."""
from __future__ import annotations

import json
import shutil

import pytest

from editions.render import Edition, Output, register, unregister
from editions.render import registry

from .conftest import SAMPLES

TOY = Edition("toy", (Output("txt", ".toy.txt", check="tests.toy_edition:check", fact="lines"),),
              hooks="tests.toy_edition")


@pytest.fixture
def toy():
    register(TOY)
    yield TOY
    unregister("toy")


def test_a_registered_edition_is_rendered_chosen_recorded_and_kept_fresh(toy, tmp_path, run_cli):
    arts = tmp_path / "articles"
    arts.mkdir()
    src = arts / "riverside-library.txt"
    shutil.copy(SAMPLES / "riverside-library.txt", src)
    out = tmp_path / "out"
    code, _, err = run_cli("build", arts, "--out", out, "--engine", "test", "--no-cache", "--jobs", "1",
                           "--only", "toy")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "index.html", "index.json", "riverside-library.json", "riverside-library.toy.txt"]  # --only toy: nothing else
    manifest = json.loads((out / "riverside-library.json").read_text())
    assert manifest["outputs"]["txt"]["path"] == "riverside-library.toy.txt"
    assert manifest["toy"]["words"] > 100 and manifest["toy"]["lines"] > 5  # its section, and its read-back fact
    assert "the toy edition was made" in manifest["warnings"]
    assert "Riverside" in (out / "riverside-library.toy.txt").read_text()
    index = json.loads((out / "index.json").read_text())
    assert index["editions"][0]["outputs"] == {"txt": "riverside-library.toy.txt"}

    code, stdout, _ = run_cli("build", arts, "--out", out, "--engine", "test", "--no-cache", "--only", "toy")
    assert code == 0 and "0 rendered, 1 up to date" in stdout  # fresh: the freshness check knows its file
    (out / "riverside-library.toy.txt").write_text("tampered\n")
    code, stdout, _ = run_cli("build", arts, "--out", out, "--engine", "test", "--no-cache", "--only", "toy")
    assert code == 0 and "1 rendered, 0 up to date" in stdout  # its file changed: rendered again
    assert "Riverside" in (out / "riverside-library.toy.txt").read_text()


def test_every_edition_includes_a_registered_one(toy, tmp_path, run_cli):
    code, _, err = run_cli("render", SAMPLES / "riverside-library.txt", "--out", tmp_path, "--engine", "test",
                           "--no-cache")
    assert code == 0, err
    manifest = json.loads((tmp_path / "riverside-library.json").read_text())
    assert list(manifest["outputs"]) == ["mp3", "vtt", "pdf", "large_pdf", "epub", "html", "js", "txt"]


def test_a_registered_editions_read_back_stops_a_bad_file(tmp_path, run_cli, monkeypatch):
    register(TOY)
    try:
        import tests.toy_edition as toy_module
        monkeypatch.setattr(toy_module, "render", lambda job: (job.files["txt"].write_text("no newline"),
                                                               registry.Report())[1])
        code, _, err = run_cli("render", SAMPLES / "riverside-library.txt", "--out", tmp_path, "--engine", "test",
                               "--no-cache", "--only", "toy")
    finally:
        unregister("toy")
    assert code == 1 and "the toy text has no final newline" in err
    assert not list(tmp_path.glob("riverside-library*"))  # nothing written


def test_the_registry_names_what_only_accepts_and_who_needs_the_voice():
    assert registry.names() == ["audio", "print", "epub", "web"]
    assert registry.narrates(None) and registry.narrates("epub") and registry.narrates("audio")
    assert registry.narrates("web") and registry.output_names("x", "web") == {"html": "x.html", "js": "x.js"}
    assert not registry.narrates("print")
    assert registry.output_names("x", "print") == {"pdf": "x.pdf", "large_pdf": "x.large-print.pdf"}


def test_a_name_taken_twice_is_refused():
    from editions.errors import ConfigError
    with pytest.raises(ConfigError, match="already registered"):
        register(Edition("print", (), hooks="x"))
