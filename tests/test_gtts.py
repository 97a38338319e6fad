"""gTTS contract tests against a local batchexecute server (never Google)."""
import pytest

from editions.errors import RenderError
from editions.speech.voices.engines.gtts import GTTSEngine, reachable

from .audio_helpers import write_article
from .gtts_server import FakeGTTS


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    from editions.speech.voices.engines import gtts as g
    monkeypatch.setattr(g, "_probed", {})
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("EDITIONS_GTTS_BACKOFF", "0.01")


def engine(url, **kw):
    return GTTSEngine(base_url=url, timeout=kw.pop("timeout", 3.0), **kw)


def test_success_decodes_real_mp3():
    with FakeGTTS() as srv:
        clips = engine(srv.url).synthesize(["Hello there, listener.", "Second sentence here."])
    assert sorted(srv.texts) == ["Hello there, listener.", "Second sentence here."]  # two in flight: any order
    assert all(c.rate == 24000 and c.channels == 1 and c.width == 2 for c in clips)
    assert abs(clips[0].frames / 24000 - 0.22) < 0.08  # 22 characters at 10 ms


def test_429_then_success():
    with FakeGTTS([429]) as srv:
        clips = engine(srv.url).synthesize(["Retry me please."])
    assert srv.requests == 2 and clips[0].frames > 0


def test_500s_until_give_up():
    with FakeGTTS(default=500) as srv:
        with pytest.raises(RenderError, match="gave up after 4 tries"):
            engine(srv.url).synthesize(["Never works."])
    assert srv.requests == 4


def test_403_is_not_retried():
    with FakeGTTS(default=403) as srv:
        with pytest.raises(RenderError):
            engine(srv.url).synthesize(["Forbidden."])
    assert srv.requests == 1


def test_timeout_then_success():
    with FakeGTTS(["timeout"], timeout_sleep=1.0) as srv:
        clips = engine(srv.url, timeout=0.3).synthesize(["Slow then fine."])
    assert srv.requests == 2 and clips[0].frames > 0


def test_garbage_body_gives_up_cleanly():
    with FakeGTTS(default="garbage") as srv:
        with pytest.raises(RenderError, match="gTTS gave up"):
            engine(srv.url).synthesize(["Garbage back."])


def test_at_most_two_in_flight():
    with FakeGTTS(["timeout"] * 6, timeout_sleep=0.2) as srv:
        engine(srv.url).synthesize([f"Sentence number {i}." for i in range(6)])
    assert srv.max_in_flight == 2


def test_reachable_probe(monkeypatch):
    from editions.speech.voices.engines import gtts as g
    with FakeGTTS() as srv:
        assert reachable(srv.url)
    assert reachable(srv.url)  # remembered for a minute
    monkeypatch.setattr(g, "PROBE_TTL", 0.0)
    assert not reachable(srv.url, timeout=0.2)


def test_auto_uses_gtts_when_reachable(tmp_path, monkeypatch):
    with FakeGTTS() as srv:
        monkeypatch.setenv("EDITIONS_GTTS_URL", srv.url)
        src = write_article(tmp_path)
        from editions.config import Config
        from editions.parse import load_article
        from editions.speech import render_audio
        art = load_article(src)
        result = render_audio(art, tmp_path / "a.mp3", tmp_path / "a.vtt", Config(), show_progress=False)
    assert result.engine == "gtts" and result.warnings == []
    assert len(srv.texts) == result.cues


@pytest.mark.slow
def test_auto_falls_back_to_offline_for_the_whole_edition(tmp_path, monkeypatch):
    with FakeGTTS(["ok", "ok"], default=500) as srv:  # fails mid-edition
        monkeypatch.setenv("EDITIONS_GTTS_URL", srv.url)
        src = write_article(tmp_path)
        from editions.config import Config
        from editions.parse import load_article
        from editions.speech import render_audio
        result = render_audio(load_article(src), tmp_path / "a.mp3", tmp_path / "a.vtt", Config(),
                              show_progress=False)
    assert result.engine == "offline" and result.synthesised == result.cues
    assert "narrated by the offline voice" in result.warnings[0]


def test_pinned_gtts_fails_cleanly_through_the_cli(tmp_path, monkeypatch, run_cli):
    with FakeGTTS(default=500) as srv:
        monkeypatch.setenv("EDITIONS_GTTS_URL", srv.url)
        src = write_article(tmp_path)
        code, out, err = run_cli("render", src, "--out", tmp_path / "o", "--engine", "gtts", "--no-cache",
                                 "--only", "audio")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[-1].startswith("editions: error: gTTS gave up after 4 tries") and "--engine offline" in lines[-1]
    assert "Traceback" not in err and not list((tmp_path / "o").glob("*.mp3"))


def test_accent_follows_the_article_region():
    assert GTTSEngine(lang="en-GB").tld == "co.uk" and GTTSEngine(lang="en-US").tld == "com"
    assert GTTSEngine(lang="fr-CA").voice == "fr-ca" and GTTSEngine(lang="en-GB", voice="ie").tld == "ie"


def _closed_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _build(tmp_path, url, *extra):
    """`editions build` of three one-sentence articles with two workers (a child process: it starts a pool)."""
    import os
    import subprocess
    import sys
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for i in range(3):
        write_article(folder, f"---\ntitle: Notice {i}\n---\nThe council met on Monday, for the {i + 1}th time.\n",
                      f"notice-{i}.md")
    env = {**os.environ, "EDITIONS_GTTS_URL": url, "EDITIONS_GTTS_BACKOFF": "0.01",
           "EDITIONS_CACHE": str(tmp_path / "default-cache")}
    proc = subprocess.run([sys.executable, "-m", "editions", "build", str(folder), "--out", str(tmp_path / "out"),
                           "--engine", "auto", "--only", "audio", "--jobs", "2", "--cache", str(tmp_path / "cache"),
                           *extra], capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("reachable_", [False, True], ids=["unreachable", "reachable"])
def test_a_build_says_which_voice_auto_chose_once(tmp_path, reachable_):
    """Every worker chooses the voice for its own articles; the build says the choice once, not per article."""
    import contextlib
    server = FakeGTTS() if reachable_ else contextlib.nullcontext()
    with server as srv:
        url = srv.url if reachable_ else f"http://127.0.0.1:{_closed_port()}"
        out, err = _build(tmp_path, url)
        said = "voice: gTTS is reachable" if reachable_ else "voice: gTTS not reachable; using the offline voice"
        assert err.count(said) == 1 and err.count("voice: gTTS") == 1, err
        assert out.count("gtts:en-com" if reachable_ else "offline:heart") == 3, out
        again_out, again = _build(tmp_path, url)  # nothing to narrate: nothing said
    assert "voice:" not in again and "3 up to date" in again_out, (again_out, again)
