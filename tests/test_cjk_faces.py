"""Chinese, Japanese and Korean each in their own face (:mod:`editions.press.cjkfaces`): Japanese in Noto Sans
JP, Korean in Noto Sans KR, traditional Chinese in Noto Sans TC, each a static Regular and Bold made once from the
packaged variable font and kept in the font cache; simplified Chinese in WenQuanYi Micro Hei as before."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from .print_helpers import fonts, render

DATA = Path(__file__).parent / "data" / "scripts"


def test_the_language_chooses_the_glyph_forms():
    from editions.press.cjkfaces import variant
    assert [variant(t) for t in ("ja", "ja-JP", "ko", "ko-KR", "zh-Hant", "zh-TW", "zh-hk", "zh-Hant-TW")] == [
        "ja", "ja", "ko", "ko", "zh-Hant", "zh-Hant", "zh-Hant", "zh-Hant"]
    assert [variant(t) for t in ("zh", "zh-CN", "zh-Hans", "en", "", None)] == [None] * 6


def _small_variable_font(tmp_path: Path) -> Path:
    """Noto Sans JP's variable font cut to a few characters (its gvar kept), to make instances of in no time."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from editions.press.cjkfaces import _source
    font = TTFont(str(_source("ja")))
    sub = subset.Subsetter(subset.Options())
    sub.populate(text="橋あア")
    sub.subset(font)
    out = tmp_path / "Small[wght].ttf"
    font.save(str(out))
    return out


def test_an_instance_is_made_once_at_the_weight_asked_and_kept(tmp_path, monkeypatch, caplog):
    from fontTools.ttLib import TTFont

    from editions.press import cjkfaces
    src = _small_variable_font(tmp_path)
    monkeypatch.setenv("EDITIONS_CACHE", str(tmp_path / "cache"))
    cjkfaces.static_face.cache_clear()
    with caplog.at_level(logging.INFO, logger="editions"):
        regular = cjkfaces.static_face(src, 400, "Small")
        bold = cjkfaces.static_face(src, 700, "Small")
    made = [r.getMessage() for r in caplog.records if r.name == "editions"]
    assert made == ["making Small Regular ready for print (once; about half a minute)",
                    "making Small Bold ready for print (once; about half a minute)"]
    assert not [r for r in caplog.records if r.name.startswith("fontTools")]  # one line each, no more
    assert regular.parent == tmp_path / "cache" / ".fonts" and regular != bold
    thin = TTFont(str(src))
    for path, weight in ((regular, 400), (bold, 700)):
        f = TTFont(str(path))
        assert "fvar" not in f and "gvar" not in f and f["OS/2"].usWeightClass == weight
        g = f.getGlyphSet()[f.getBestCmap()[ord("橋")]]
        assert f["glyf"][f.getBestCmap()[ord("橋")]].coordinates != thin["glyf"][thin.getBestCmap()[ord("橋")]].coordinates
        assert g.width > 0
    # kept: asked again (a new process), it is read, not made
    stamp = regular.stat().st_mtime_ns
    cjkfaces.static_face.cache_clear()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="editions"):
        assert cjkfaces.static_face(src, 400, "Small") == regular
    assert caplog.records == [] and regular.stat().st_mtime_ns == stamp
    assert not list(regular.parent.glob("*.part"))
    cjkfaces.static_face.cache_clear()


def test_a_cache_that_cannot_be_written_is_one_line(tmp_path, monkeypatch):
    from editions.errors import RenderError
    from editions.press import cjkfaces
    src = _small_variable_font(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("EDITIONS_CACHE", str(blocker))
    cjkfaces.static_face.cache_clear()
    with pytest.raises(RenderError, match="could not keep the Small font"):
        cjkfaces.static_face(src, 400, "Small")
    cjkfaces.static_face.cache_clear()


@pytest.mark.parametrize("name, face", [("japanese", "NotoSansJP"), ("korean", "NotoSansKR"),
                                        ("chinese", "WenQuanYi")])
def test_each_language_embeds_its_own_face(tmp_path, name, face):
    result, _, pdf, large = render(DATA / f"{name}.md", tmp_path)  # + PDF/UA-1
    for path in (pdf, large):
        names = fonts(path)
        cjk = [n for n in names if any(k in n for k in ("NotoSans", "WenQuanYi", "wqy", "Cjk"))]
        assert cjk and all(face in n for n in cjk), names
        assert all(names.values())  # embedded
    if face != "WenQuanYi":  # bold headline in the Bold instance
        assert any(n.endswith(f"{face}-Bold") for n in fonts(pdf)), fonts(pdf)
    assert result.warnings == []


def test_each_thread_keeps_its_own_articles_language(monkeypatch):
    """A cluster worker renders articles in several threads at once: a Japanese render in one must not set a
    Chinese render's Han in the Japanese face."""
    import threading

    from editions.press import cjkfaces
    monkeypatch.setattr(cjkfaces, "_register", lambda v: None)
    seen: dict[str, list] = {}
    ready = threading.Barrier(2)

    def render(lang: str) -> None:
        cjkfaces.use_language(lang)
        ready.wait(timeout=10)  # both have set their language before either looks
        seen[lang] = [cjkfaces.current()]
        ready.wait(timeout=10)
        seen[lang].append(cjkfaces.current())

    threads = [threading.Thread(target=render, args=(lang,)) for lang in ("ja", "zh")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert seen == {"ja": ["ja", "ja"], "zh": [None, None]}
