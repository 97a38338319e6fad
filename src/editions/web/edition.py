"""The web edition's entry in the render registry: made from the article, the narration (its timeline and the
finished MP3, whose size the page shows) and the files of the other editions made with it (their sizes)."""
from __future__ import annotations

from ..hooks import EditionJob, Report

__all__ = ["render"]


def render(job: EditionJob) -> Report:
    from . import render_page
    narration = job.inputs["narration"]
    others = job.inputs.get("editions")
    files = {**(others.files if others else {}), **{k: narration.files[k] for k in ("mp3", "vtt")
                                                    if k in narration.files}}
    sizes = {key: path.stat().st_size for key, path in files.items() if path.is_file()}
    narr = narration.value.narration
    render_page(job.article, narr, job.files["html"], job.files["js"], sizes)
    return Report({"read_along_cues": len(narr.cues), "downloads": sorted(sizes)})
