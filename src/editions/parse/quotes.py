"""Pull-quote candidates: direct quotations of 8-40 words found in the body, with their speaker.

Takes the article's sections, gives :class:`~editions.model.PullQuote` objects
that point back at their paragraph.  The speaker is the name the sentence gives
("said X", "X said", "X ..., stating, ..."); a pronoun ("He stated") is resolved
to the last name mentioned before it; a surname is expanded to the fullest form
the article used earlier ("Flores" -> "Arturo Flores").
"""
from __future__ import annotations

import re

from ..model import ParagraphRef, PullQuote, Section

__all__ = ["find_candidates", "locate", "MIN_WORDS", "MAX_WORDS"]

MIN_WORDS, MAX_WORDS = 8, 40
_QUOTE = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_VERBS = r"(?:said|says|stated|states|added|adds|told|wrote|declared|explained|argued|warned|insisted)"
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:de|van|von|da|del|la)?\s*[A-Z][\w'’.-]*)*)"
_AFTER_SAID = re.compile(rf"^[\s,]*{_VERBS}\s+({_NAME})")
_NAME_SAID = re.compile(rf"^[\s,]*({_NAME})\s+{_VERBS}\b")
_PRONOUNS = {"He", "She", "They", "It", "We", "I"}
_TITLES = {"Mayor", "President", "Gov", "Governor", "Sen", "Senator", "Rep", "Dr", "Mr", "Mrs", "Ms", "Gen",
           "Maj", "Lt", "Col", "Sgt", "Chief", "Judge", "Justice", "Secretary", "Minister", "Prime", "Officer",
           "The", "A", "An", "In", "On", "At", "As", "During", "Further", "Amid", "But", "And"}
_CAP_RUN = re.compile(r"\b([A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*)*)")


def _clean_name(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip(" ,.;:"))
    words = [w for w in name.split() if w.rstrip(".") not in _TITLES]
    return " ".join(words)


def _last_name_before(text: str) -> str:
    """The last capitalised run in ``text`` that is not a pronoun or sentence-opening word."""
    found = ""
    for m in _CAP_RUN.finditer(text):
        cand = _clean_name(m.group(1))
        if cand and cand not in _PRONOUNS:
            found = cand
    return found


def _speaker(before: str, after: str) -> str:
    m = _AFTER_SAID.match(after)
    if m:
        return _clean_name(m.group(1))
    m = _NAME_SAID.match(after)
    if m and m.group(1) not in _PRONOUNS:
        return _clean_name(m.group(1))
    sentence = re.split(r"(?<=[.!?])\s+", before)[-1]
    lead = re.match(rf"\s*({_NAME})", sentence)
    if lead:
        name = _clean_name(lead.group(1))
        if name and name not in _PRONOUNS:
            return name
    return ""


def _expand(name: str, earlier: str) -> str:
    """'Flores' -> 'Arturo Flores' when the article said 'Mayor Arturo Flores' earlier."""
    if not name or " " in name:
        return name
    best = name
    # at most six capitalised words before the name: a longer run cannot be matched from each of its words in
    # turn (that took minutes on a page of them), and a name with its titles is never longer
    for m in re.finditer(rf"\b((?:[A-Z][a-z]+\s+){{1,6}}){re.escape(name)}\b", earlier):
        words = [w for w in m.group(1).split() if w not in _TITLES]
        if words:
            best = f"{words[-1]} {name}"
    return best


def find_candidates(sections: tuple[Section, ...], limit: int = 4) -> tuple[PullQuote, ...]:
    """Quotations of MIN_WORDS..MAX_WORDS words, in article order, at most ``limit``."""
    out: list[PullQuote] = []
    history = ""
    for si, section in enumerate(sections):
        for pi, para in enumerate(section.paragraphs):
            text = para.text
            for m in _QUOTE.finditer(text):
                words = (m.group(1) or m.group(2)).split()
                if not MIN_WORDS <= len(words) <= MAX_WORDS:
                    continue
                quote = " ".join(words).strip().rstrip(",;:")
                before, after = text[:m.start()], text[m.end():]
                name = _speaker(before, after)
                if name in _PRONOUNS or not name:
                    name = _last_name_before(history + " " + before) if re.search(
                        r"\b(He|She|They)\s+\w+,?\s*$", before) else name
                name = _expand(name, history + " " + before)
                out.append(PullQuote(text=quote, attribution=name, source=ParagraphRef(si, pi)))
                if len(out) >= limit:
                    return tuple(out)
            history += " " + text
    return tuple(out)


def locate(text: str, sections: tuple[Section, ...]) -> ParagraphRef | None:
    """The paragraph whose text contains ``text`` (whitespace-insensitive), or None."""
    needle = " ".join(text.split()).strip("“”\"").lower()
    if not needle:
        return None
    for si, section in enumerate(sections):
        for pi, para in enumerate(section.paragraphs):
            if needle in " ".join(para.text.split()).lower():
                return ParagraphRef(si, pi)
    return None
