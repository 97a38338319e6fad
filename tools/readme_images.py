"""The README's images (make images): page one of the sample's print and large-print editions, and its web page
in a desktop and a phone window, light and dark (Debian's Chromium, as in the browser tests)."""
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions.config import load_config  # noqa: E402
from editions.parse import load_article  # noqa: E402
from editions.press import render_print  # noqa: E402


def main() -> None:
    cfg = load_config(search_from=ROOT)
    art = load_article(ROOT / "assets" / "articles" / "harbour-seawall.md", cfg.parse)
    with tempfile.TemporaryDirectory() as d:
        pdf, large = Path(d) / "p.pdf", Path(d) / "l.pdf"
        render_print(art, pdf, large, cfg)
        for src, name in ((pdf, "sample-print-page1.png"), (large, "sample-large-print-page1.png")):
            page = pdfium.PdfDocument(str(src))[0]
            out = ROOT / "docs" / name
            page.render(scale=1.0).to_pil().convert("RGB").save(out, optimize=True)
            print(out.relative_to(ROOT))
    languages(cfg)
    web_pages()


LANGUAGE_SAMPLES = {"es": "puerto-muelle-es.md", "ar": "biblioteca-ar.md", "hi": "jal-yojana-hi.md",
                    "zh": "gongjiao-zh.md"}
"""The samples in other languages and scripts whose print page one the README shows beside the English one."""


def languages(cfg) -> None:
    """Page one of the print edition of each sample in another language, at half size: the scripts side by side."""
    with tempfile.TemporaryDirectory() as d:
        for lang, name in LANGUAGE_SAMPLES.items():
            art = load_article(ROOT / "assets" / "articles" / name, cfg.parse)
            pdf, large = Path(d) / f"{lang}.pdf", Path(d) / f"{lang}-l.pdf"
            render_print(art, pdf, large, cfg)
            out = ROOT / "docs" / f"sample-print-{lang}-page1.png"
            pdfium.PdfDocument(str(pdf))[0].render(scale=0.75).to_pil().convert("RGB").save(out, optimize=True)
            print(out.relative_to(ROOT))


def web_pages() -> None:
    """Screenshots of the sample's web page, served on 127.0.0.1 with range requests, part-way through playing."""
    import subprocess
    from playwright.sync_api import sync_playwright
    sys.path.insert(0, str(ROOT))
    from tests.web_helpers import ARGS, CHROMIUM, Server
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, "-m", "editions", "render", str(ROOT / "assets" / "articles" /
                        "harbour-seawall.md"), "--out", d, "--engine", "test", "--no-cache"], check=True,
                       capture_output=True)
        server = Server(Path(d))
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                for size, viewport in (("desktop", {"width": 1100, "height": 900}),
                                       ("phone", {"width": 390, "height": 844})):
                    for scheme in ("light", "dark"):
                        page = browser.new_page(viewport=viewport, color_scheme=scheme)
                        page.goto(f"{server.url}/harbour-seawall.html")
                        page.wait_for_function("() => document.getElementById('player').readyState >= 1")
                        page.evaluate("document.getElementById('player').currentTime = 13")
                        page.wait_for_function("() => document.querySelector('[aria-current=true]') !== null")
                        if size == "phone":  # the read-along: the sentence being read, highlighted
                            page.evaluate("document.querySelector('[aria-current=true]').scrollIntoView("
                                          "{block: 'center'})")
                        out = ROOT / "docs" / f"sample-web-{size}-{scheme}.png"
                        page.screenshot(path=str(out))
                        page.close()
                        print(out.relative_to(ROOT))
                browser.close()
        finally:
            server.close()


if __name__ == "__main__":
    main()
