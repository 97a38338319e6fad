"""The read-along EPUB's entry in the render registry: made from the article and the narration (its timeline
and its finished MP3, which the book carries)."""
from __future__ import annotations

from ..hooks import EditionJob, Report

__all__ = ["render"]


def render(job: EditionJob) -> Report:
    from . import render_epub
    narration = job.inputs["narration"]
    book = render_epub(job.article, narration.value.narration, narration.files["mp3"], job.files["epub"],
                       audio_name=f"{job.article.slug}.mp3", publisher=job.cfg.publication)
    return Report({"identifier": book.identifier, "overlay_duration_ms": book.duration_ms,
                   "synchronised_cues": book.pars}, list(book.warnings))
