"""The article's own text as HTML, every narrated part an element the read-along can find.

Takes the Article and the narration's timeline; gives the body HTML (header, figure, sections, credit line) and
the cue each element carries.  Each narrated element is ``class="cue"`` with the id of its first cue as the
WebVTT transcript names it (``chapter-N`` for the first cue of chapter N, else ``cue-I``: the rule of
:func:`editions.speech.sound.transcript.to_vtt`) and ``data-t``, the start of every cue read from it in seconds.
A body sentence is also ``class="cue s"`` (the script makes those focusable).  Everything from the article goes
through :func:`esc`, so markup in it stays text.
"""
from __future__ import annotations

import datetime as _dt
import html
import re

from ..langtags import primary, rtl_language
from ..model import Article, Paragraph, format_date
from ..narration import Narration

__all__ = ["esc", "cue_ids", "Body", "build_body", "english"]

_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def esc(text: str | None) -> str:
    """Article text as HTML text or an attribute value: ``& < > " '`` escaped, control characters dropped."""
    return html.escape(_NOT_HTML.sub("", text or ""), quote=True)


def one_line(text: str | None) -> str:
    return esc(" ".join((text or "").split()))


def cue_ids(narr: Narration) -> list[str]:
    """The WebVTT cue id of each cue, in narration order."""
    first: dict[int, int] = {}
    for i, cue in enumerate(narr.cues):
        first.setdefault(cue.chapter, i)
    starts = {i: n for n, i in first.items()}
    return [f"chapter-{starts[i]}" if i in starts else f"cue-{i}" for i in range(len(narr.cues))]


def english(words: str, lang: str, block: bool = False) -> str:
    """The renderer's own English ``words`` (already HTML), marked as English on a page in another language."""
    if primary(lang) == "en":
        return words
    direction = ' dir="ltr"' if rtl_language(lang) and not block else ""
    return f'<span lang="en"{direction}>{words}</span>'


def iso_date(value: str | None) -> str | None:
    try:
        return _dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


class Body:
    """The text's HTML, and what the page needs besides: the element of each cue."""

    def __init__(self, narr: Narration):
        self.narr = narr
        self.ids = cue_ids(narr)
        self.by_kind: dict[str, list[int]] = {}
        for i, cue in enumerate(narr.cues):
            self.by_kind.setdefault(cue.kind, []).append(i)
        self.used: set[int] = set()

    def attrs(self, cues: list[int], extra_class: str = "") -> str:
        """``id``, ``class`` and ``data-t`` for an element that carries ``cues`` ('' when it carries none)."""
        cues = [i for i in cues if i not in self.used]
        if not cues:
            return f' class="{extra_class}"' if extra_class else ""
        self.used.update(cues)
        times = " ".join(f"{self.narr.cues[i].start_ms / 1000:.3f}" for i in cues)
        cls = f"cue {extra_class}".strip()
        return f' id="{self.ids[cues[0]]}" class="{cls}" data-t="{times}"'

    def kind(self, kind: str, section: int | None = None) -> list[int]:
        return [i for i in self.by_kind.get(kind, []) if section is None or self.narr.cues[i].section == section]


def _inline(para: Paragraph, a: int, b: int) -> str:
    """``para.text[a:b]`` as HTML, its emphasis as em/strong."""
    out, pos = [], a
    for sp in para.spans:
        s, e = max(sp.start, pos), min(sp.end, b)
        if s >= e:
            continue
        out.append(esc(para.text[pos:s]))
        tag = "strong" if sp.style == "strong" else "em"
        out.append(f"<{tag}>{esc(para.text[s:e])}</{tag}>")
        pos = e
    out.append(esc(para.text[pos:b]))
    return "".join(out)


def build_header(article: Article, body: Body, lang: str) -> str:
    parts = [f"<h1{body.attrs(body.kind('headline'))}>{one_line(article.headline) or 'Article'}</h1>"]
    if article.deck:
        parts.append(f"<p{body.attrs(body.kind('deck'), 'deck')}>{one_line(article.deck)}</p>")
    if article.byline or article.date:
        line = []
        if article.byline:
            line.append(f"{english('By', lang)} <span class=\"author\">{one_line(article.byline)}</span>")
        if article.date:
            iso = iso_date(article.date)
            when = one_line(format_date(article.date))
            line.append(f'<time datetime="{iso}">{english(when, lang)}</time>' if iso else f"<span>{when}</span>")
        parts.append(f"<p{body.attrs(body.kind('byline'), 'byline')}>{' · '.join(line)}</p>")
    return "\n".join(parts)


def build_figure(article: Article, body: Body, image: str | None) -> str:
    photo = article.photo
    if not photo or not (image or photo.caption or photo.credit):
        return ""
    out = [f"<figure{body.attrs(body.kind('photo'), 'photo')}>"]
    if image:
        out.append(f'<img src="{image}" alt="{one_line(photo.alt or photo.caption)}">')
    if photo.caption or photo.credit:
        cap = []
        if photo.caption:
            cap.append(f'<span class="caption">{one_line(photo.caption)}</span>')
        if photo.credit:
            cap.append(f'<span class="photo-credit">{one_line(photo.credit)}</span>')
        out.append(f"<figcaption>{' '.join(cap)}</figcaption>")
    out.append("</figure>")
    return "\n".join(out)


def build_sections(article: Article, body: Body) -> str:
    sentences: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for i, cue in enumerate(body.narr.cues):
        if cue.kind == "sentence" and cue.section is not None and cue.paragraph is not None:
            sentences.setdefault((cue.section, cue.paragraph), []).append((i, cue.text))
    out = []
    for si, section in enumerate(article.sections):
        if section.heading:
            out.append(f'<section id="sec{si}" aria-labelledby="h-sec{si}">')
            out.append(f'<h2 id="h-sec{si}"><span{body.attrs(body.kind("heading", si))}>'
                       f"{one_line(section.heading)}</span></h2>")
        else:
            out.append(f'<section id="sec{si}">')
        for pi, para in enumerate(section.paragraphs):
            p = []
            if si == 0 and pi == 0 and article.dateline:
                p.append(f"<span{body.attrs(body.kind('dateline'), 'dateline')}>{one_line(article.dateline)}</span>"
                         " — ")
            pos = 0
            for cue, sentence in sentences.get((si, pi), []):
                at = para.text.find(sentence, pos)
                if at < 0:  # cannot happen for a sentence split from this text; the text is still all there
                    continue
                p.append(_inline(para, pos, at))
                p.append(f"<span{body.attrs([cue], 's')}>{_inline(para, at, at + len(sentence))}</span>")
                pos = at + len(sentence)
            p.append(_inline(para, pos, len(para.text)))
            out.append(f"<p>{''.join(p)}</p>")
        if not section.paragraphs and si == 0 and article.dateline:
            out.append(f"<p{body.attrs(body.kind('dateline'), 'dateline')}>{one_line(article.dateline)}</p>")
        out.append("</section>")
    if article.credit_line:
        out.append(f"<footer><p{body.attrs(body.kind('credit'), 'credit-line')}>{one_line(article.credit_line)}"
                   "</p></footer>")
    return "\n".join(out)
