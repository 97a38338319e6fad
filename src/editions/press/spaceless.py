"""Captions and pull quotes in text written without spaces (Chinese, Japanese, Thai): a paragraph of markup in,
lines broken where they may.

ReportLab breaks a paragraph at its spaces and cuts a word wider than the line at any character, so a Chinese
caption could start a line with "，".  :class:`ShortPara` (what captions, credits and pull quotes are set in)
breaks such text with :mod:`.justify` (legal breaks from :mod:`.cjkbreak`, no letter spacing: these are set
ragged); any other text as ReportLab does.
"""
from __future__ import annotations

from reportlab.platypus.paragraph import _HSFrag, _processed_frags

from .cjkbreak import has_ideographic
from .justify import justified_lines, plain_words
from .markup import MarkupParagraph
from .thaibreak import is_thai_drawn

__all__ = ["ShortPara"]


class ShortPara(MarkupParagraph):
    def breakLines(self, width):
        if not any(has_ideographic(getattr(f, "text", "") or "") or is_thai_drawn(getattr(f, "text", "") or "")
                   for f in self.frags
                   if not isinstance(f, list)) and not hasattr(self, "_kp_source"):
            return super().breakLines(width)
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        bl = justified_lines(self, widths, None, tracking=0.0)
        return bl if bl is not None else super().breakLines(width)

    def getPlainText(self, identify=None):
        if not _processed_frags(getattr(self, "frags", None) or []):
            return super().getPlainText(identify)
        out = []
        for w in plain_words(self.frags):
            out.append("".join(t for _, t in w[1:]))
            if isinstance(w, _HSFrag):
                out.append(" ")
        return "".join(out).strip()
