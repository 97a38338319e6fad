"""Render page one of the sample's print and large-print editions to PNG for the README (make images)."""
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


if __name__ == "__main__":
    main()
