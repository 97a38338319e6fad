"""The print editions' entry in the render registry: the two-column PDF and the large-print PDF.

``precheck`` refuses text the fonts cannot draw before anything else is rendered; ``render`` draws both PDFs.
"""
from __future__ import annotations

from ..model import Article
from ..hooks import EditionJob, Report

__all__ = ["precheck", "render"]


def precheck(article: Article) -> None:
    from .glyphs import check_print
    check_print(article)


def render(job: EditionJob) -> Report:
    from . import render_print
    prn = render_print(job.article, job.files["pdf"], job.files["large_pdf"], job.cfg)
    return Report({"pull_quotes": len(prn.quotes), "page_size": job.cfg.print.page_size}, list(prn.warnings))
