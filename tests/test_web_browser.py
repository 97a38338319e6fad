"""The web edition in a real browser (issue 24): Debian's Chromium, Playwright, axe-core, a range-capable server.

Skipped only when /usr/bin/chromium is absent outside CI (in CI, .ci/run installs it and its absence fails)."""
from __future__ import annotations

import json

import pytest

from .conftest import SAMPLES
from .web_helpers import ARGS, CHROMIUM, Server, active_cue, build_site, need_chromium, vtt_cues

pytestmark = pytest.mark.slow
SAMPLE = "harbour-seawall"
PAGES = [*sorted(p.stem for p in SAMPLES.iterdir() if p.suffix in (".md", ".txt", ".json")), "hostile"]
"""Every sample article's page (every script and direction the samples have) and the hostile one."""
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    need_chromium()
    return build_site(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def server(site):
    s = Server(site)
    yield s
    s.close()


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright
    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
    yield b
    b.close()
    pw.stop()


def _open(browser, server, name, **context):
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    page.goto(f"{server.url}/{name}.html")
    return ctx, page


def _ready(page):
    """The script has run and the audio's metadata is loaded."""
    page.wait_for_function("() => !document.getElementById('controls').hidden && "
                           "document.getElementById('player').readyState >= 1", timeout=15000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES + ["index"])
def test_no_wcag_violation_in_light_and_dark(browser, server, name, scheme):
    from axe_playwright_python.sync_playwright import Axe
    ctx, page = _open(browser, server, name, color_scheme=scheme, bypass_csp=True)  # axe is injected as script
    try:
        if name != "index":
            _ready(page)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        found = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
        assert found == []
    finally:
        ctx.close()


def test_the_audio_loads_plays_and_its_chapters_seek_with_the_highlight_following(browser, server, site):
    manifest = json.loads((site / f"{SAMPLE}.json").read_text())
    cues = vtt_cues(site / f"{SAMPLE}.vtt")
    ctx, page = _open(browser, server, SAMPLE)
    try:
        _ready(page)
        duration = page.evaluate("document.getElementById('player').duration")
        assert duration == pytest.approx(manifest["audio"]["duration_ms"] / 1000, abs=0.1)
        page.evaluate("document.getElementById('player').play()")
        page.wait_for_function("() => document.getElementById('player').currentTime > 0.5", timeout=10000)
        page.evaluate("document.getElementById('player').pause()")
        for n, chapter in enumerate(manifest["audio"]["chapters"]):
            page.click(f'nav.chapters li:nth-child({n + 1}) a')
            page.wait_for_function("() => document.querySelectorAll('[aria-current=true]').length === 1 && "
                                   "!document.getElementById('player').seeking", timeout=5000)
            t = page.evaluate("document.getElementById('player').currentTime")
            assert chapter["start_ms"] / 1000 <= t < chapter["end_ms"] / 1000, chapter["title"]
            current = page.eval_on_selector_all("[aria-current=true]", "els => els.map(e => e.id)")
            assert current == [active_cue(cues, t)]
    finally:
        ctx.close()


def test_keyboard_reaches_player_chapters_speed_and_sentences_in_order_and_enter_plays(browser, server, site):
    cues = {c[0]: c[1] for c in vtt_cues(site / f"{SAMPLE}.vtt")}
    ctx, page = _open(browser, server, SAMPLE)
    try:
        _ready(page)
        seen = []
        while not (seen and seen[-1].startswith("sentence:")) and len(seen) < 60:
            page.keyboard.press("Tab")
            seen.append(page.evaluate("""() => { const e = document.activeElement;
                return e.id === 'player' ? 'player' : e.closest('nav.chapters') ? 'chapter'
                     : e.id === 'speed' ? 'speed' : e.classList.contains('s') ? 'sentence:' + e.id : e.tagName; }"""))
        order = [k for k in ("player", "chapter", "speed") if k in seen]
        assert order == ["player", "chapter", "speed"], seen
        first_sentence = next(i for i, k in enumerate(seen) if k.startswith("sentence:"))
        assert seen.index("player") < seen.index("chapter") < seen.index("speed") < first_sentence
        sentence = seen[first_sentence].split(":", 1)[1]
        page.keyboard.press("Enter")
        page.wait_for_function("() => !document.getElementById('player').paused", timeout=5000)
        t = page.evaluate("document.getElementById('player').currentTime")
        assert cues[sentence] - 0.01 <= t < cues[sentence] + 1.5
        page.wait_for_function(f"() => document.getElementById({sentence!r}).getAttribute('aria-current') === 'true'")
        # speed from the keyboard
        page.focus("#speed")
        page.select_option("#speed", "1.5")
        assert page.evaluate("document.getElementById('player').playbackRate") == 1.5
    finally:
        ctx.close()


def test_without_javascript_the_audio_captions_chapters_text_and_downloads_are_there(browser, server, site):
    ctx, page = _open(browser, server, SAMPLE, java_script_enabled=False)
    try:
        assert page.get_attribute("audio", "src") == f"{SAMPLE}.mp3"
        assert page.get_attribute("audio track", "kind") == "captions"
        assert page.get_attribute("audio track", "src") == f"{SAMPLE}.vtt"
        assert page.is_hidden("#controls")
        chapters = page.inner_text("nav.chapters")
        assert "0:00" in chapters and "Opening" in chapters
        assert "The city council voted 4-1" in page.inner_text("#text")
        downloads = page.inner_text(".downloads")
        assert "MP3" in downloads and "EPUB" in downloads and "kB" in downloads
    finally:
        ctx.close()


@pytest.mark.parametrize("larger", [False, True])
def test_320_px_wide_no_sideways_scrolling_even_with_larger_text(browser, server, larger):
    ctx, page = _open(browser, server, SAMPLE, viewport={"width": 320, "height": 640})
    try:
        _ready(page)
        if larger:
            page.click("#larger")
            assert page.get_attribute("#larger", "aria-pressed") == "true"
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.reload()  # the toggle is remembered
        _ready(page)
        assert page.evaluate("document.documentElement.classList.contains('larger')") == larger
    finally:
        ctx.close()


def test_the_listening_position_is_remembered(browser, server):
    ctx, page = _open(browser, server, SAMPLE)
    try:
        _ready(page)
        page.evaluate("const a = document.getElementById('player'); a.currentTime = 30; a.pause();"
                      "a.dispatchEvent(new Event('pause'))")
        page.reload()
        _ready(page)
        page.wait_for_function("() => document.getElementById('player').currentTime > 29", timeout=5000)
    finally:
        ctx.close()


def test_the_hostile_article_opens_no_dialog_and_adds_no_element(browser, server):
    ctx = browser.new_context()
    page = ctx.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{server.url}/hostile.html")
        _ready(page)
        for selector in ("h1", ".s", "nav.chapters a"):
            page.locator(selector).first.click()
        page.wait_for_timeout(300)
        assert dialogs == [] and errors == []
        assert page.evaluate("document.scripts.length") == 1
        for tag in ("img", "font", "para", "iframe", "object", "embed", "form", "b"):
            assert page.locator(tag).count() == 0, tag
        assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some("
                             "a => a.name.startsWith('on'))).length") == 0
        assert page.locator('a[href^="javascript"]').count() == 0
        assert "<script>alert(1)</script>" in page.inner_text("h1")
    finally:
        ctx.close()


def test_the_index_page_lists_every_edition_and_keeps_a_hostile_headline_as_text(browser, server):
    ctx = browser.new_context()
    page = ctx.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{server.url}/index.html")
        links = page.eval_on_selector_all("li > a:first-child", "as => as.map(a => a.getAttribute('href'))")
        assert sorted(links) == sorted(f"{name}.html" for name in PAGES)
        assert page.evaluate("document.scripts.length") == 0 and dialogs == []
        assert page.locator("img, font, para, b").count() == 0
        assert "<script>alert(1)</script>" in page.inner_text("main")
    finally:
        ctx.close()
