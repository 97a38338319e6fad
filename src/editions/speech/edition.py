"""The audio edition's entry in the render registry: the narrated MP3 and its VTT, and the narration it
provides to the editions that need it (the read-along EPUB).

``start`` begins narrating (the voice works while the print edition is drawn); ``finish`` gives the narration,
refusing one that came out silent; ``render`` gives the manifest's ``audio`` section.
"""
from __future__ import annotations

import math
from pathlib import Path

from ..errors import InputError
from ..hooks import EditionJob, Provided, Report

__all__ = ["start", "render", "inputs", "fingerprint", "verify"]


class _Narrating:
    def __init__(self, job: EditionJob):
        from . import start_audio
        self.files = job.files
        self.source = job.article.source_path
        self.audio = start_audio(job.article, job.files["mp3"], job.files["vtt"], job.cfg, cache=job.cache,
                                 engine=job.engine, show_progress=job.show_progress)

    def finish(self) -> Provided:
        audio = self.audio.finish()
        if not math.isfinite(audio.true_peak) or audio.true_peak < -70:  # nothing audible came out
            raise InputError("the narration came out silent: nothing in the article is words a voice can say",
                             path=self.source,
                             hint="check the article's language and text; try --engine gtts, or --only print")
        return Provided(audio, dict(self.files), list(audio.warnings))


def start(job: EditionJob) -> _Narrating:
    return _Narrating(job)


def render(job: EditionJob) -> Report:
    audio = job.inputs["narration"].value
    return Report({"duration_ms": audio.duration_ms, "lufs": audio.lufs, "true_peak": audio.true_peak,
                   "voice": audio.voice, "chapters": [{"title": t, "start_ms": s, "end_ms": e}
                                                      for t, s, e in audio.chapters],
                   "clips": audio.cues, "synthesised": audio.synthesised,
                   "chapters_encoded": audio.encoded_chapters, "gain_db": audio.gain_db})


def inputs(src, article, cfg) -> list[tuple[str, Path]]:
    """The pronunciation lexicons the narration reads besides the article: its own ``NAME.lexicon.toml`` and
    the configured one."""
    from .text import article_lexicon_path
    found = []
    own = article_lexicon_path(src)
    if own is not None:
        found.append((f"its lexicon {own.name}", own))
    if cfg.audio.lexicon:
        found.append((f"the lexicon {cfg.audio.lexicon}", Path(cfg.audio.lexicon)))
    return found


def fingerprint(src, article, cfg) -> bytes:
    """The lexicons' digest: a changed pronunciation makes the narration stale."""
    from .text import load_lexicon
    return load_lexicon(cfg.audio.lexicon or None, article.source_path).digest().encode()


def verify(article, out, cfg):
    """``--verify``: the MP3 just written, listened back by a recogniser; (manifest section, report, passed).
    A language no recogniser covers is not checked: the section says why (a warning), and the render stands."""
    from ..recognisers import NotCovered
    from ..verify import verify_rendered
    try:
        report = verify_rendered(article, out, cfg)
    except NotCovered as e:
        return {"checked": False, "reason": e.message}, None, True
    return ({"wer": report.wer, "passed": report.passed, "report": f"{article.slug}.verify.json"}, report,
            report.passed)
