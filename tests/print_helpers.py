"""Helpers for print tests: render, extract, normalise text for comparison."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from pypdf import PdfReader

from editions.config import Config
from editions.parse import load_article
from editions.press import render_print


def render(src: Path, out: Path, validate: bool = True, **print_opts):
    """Render both editions; unless told not to, check both with the PDF/UA-1 validators (every PDF the tests
    render must conform)."""
    cfg = Config()
    if print_opts:
        cfg = dataclasses.replace(cfg, print=dataclasses.replace(cfg.print, **print_opts))
    art = load_article(src)
    out.mkdir(parents=True, exist_ok=True)
    pdf, large = out / f"{art.slug}.pdf", out / f"{art.slug}.large-print.pdf"
    result = render_print(art, pdf, large, cfg)
    if validate:
        from .tagged_helpers import page_validation_failures, pdfua_errors
        for path in (pdf, large):
            bad = page_validation_failures(path) + pdfua_errors(path)
            assert not bad, f"{path.name} is not PDF/UA-1: {bad}"
    return result, art, pdf, large


def squash(text: str) -> str:
    """Compare text across line breaks: no whitespace, no hyphens, one kind of quote."""
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return re.sub(r"[\s\-\u00ad]+", "", text)


def extract(pdf: Path) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]


def fonts(pdf: Path) -> dict[str, bool]:
    """BaseFont name -> embedded (has a FontFile2/FontFile3), over every page."""
    out = {}
    for page in PdfReader(str(pdf)).pages:
        res = page.get("/Resources", {})
        for f in (res.get("/Font") or {}).values():
            f = f.get_object()
            desc = f.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in f:
                desc = f["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            out[str(f["/BaseFont"])] = any(k in desc for k in ("/FontFile2", "/FontFile3", "/FontFile"))
    return out


def justified_gaps(pdf: Path, body_size: float = 9.5) -> tuple[list[float], float]:
    """Measured from the PDF (pdfplumber): mean word gap / natural space for every full justified body line,
    and the natural space (the median gap on the ragged last lines of paragraphs)."""
    import statistics

    import pdfplumber
    full, ragged = [], []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            words = [w for w in page.extract_words(x_tolerance=1, extra_attrs=["size", "fontname"])
                     if abs(w["size"] - body_size) < 0.05 and "Serif" in w["fontname"]]
            mid = page.width / 2
            for col in (0, 1):
                ws = [w for w in words if (w["x0"] < mid) == (col == 0)]
                if not ws:
                    continue
                right = max(w["x1"] for w in ws)
                rows: dict[int, list] = {}
                for w in ws:
                    rows.setdefault(round(w["bottom"]), []).append(w)
                for row in rows.values():
                    row.sort(key=lambda w: w["x0"])
                    gaps = [b["x0"] - a["x1"] for a, b in zip(row, row[1:])]
                    if not gaps:
                        continue
                    (full if row[-1]["x1"] >= right - 0.6 else ragged).append(sum(gaps) / len(gaps))
    natural = statistics.median(ragged) if ragged else 1.0
    return [g / natural for g in full], natural


def loose_share(pdf: Path) -> tuple[float, float, int]:
    """(share of full justified lines looser than 1.5x, the loosest line's ratio, number of full lines)."""
    ratios, _ = justified_gaps(pdf)
    return sum(r > 1.5 for r in ratios) / max(1, len(ratios)), max(ratios, default=0.0), len(ratios)
