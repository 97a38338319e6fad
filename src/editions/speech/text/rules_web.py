"""Normalisation rules for things of the web: URLs, e-mail addresses, hashtags and @handles.

A URL is read as its domain ("example dot com"), since a path read aloud helps no
listener; an e-mail address is read whole ("tips at example dot com"); a hashtag is
"hashtag" and its words ("#MeToo" -> "hashtag Me Too"); a handle is "at" and its name.
"""
from __future__ import annotations

import re

__all__ = ["read_emails", "read_urls", "read_hashtags"]

_TLD = r"(?:com|org|net|edu|gov|mil|io|co|uk|us|ca|au|de|fr|info|news|ai|app|dev|tv|me|ly|int|eu)"


def _dots(host: str) -> str:
    return " dot ".join(p for p in host.split(".") if p)


def _words(name: str) -> str:
    """'BlackLivesMatter' -> 'Black Lives Matter', 'NWS_LosAngeles' -> 'NWS Los Angeles', 'covid19' -> 'covid 19'."""
    name = name.replace("_", " ")
    name = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", name)
    return " ".join(name.split())


def read_emails(text: str) -> str:
    """tips@example.com -> tips at example dot com."""
    def mail(m: re.Match) -> str:
        user = re.sub(r"[._-]", lambda d: {".": " dot ", "_": " underscore ", "-": " dash "}[d.group(0)], m.group(1))
        return f"{user} at {_dots(m.group(2))}"
    # bounded repeats (RFC 5321 lengths) keep a hostile 40,000-character token linear
    return re.sub(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64})@((?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24})\b",
                  mail, text)


def read_urls(text: str) -> str:
    """URLs and bare domains are read as their domain: 'portalder dot example dot org'."""
    def domain(m: re.Match) -> str:
        host = re.sub(r"^(?:https?://|ftp://)?(?:www\.)?", "", m.group(0), flags=re.I).split("/")[0].split("?")[0]
        return _dots(host.split(":")[0])
    pattern = (rf"(?:\b(?:https?://|ftp://|www\.)[^\s<>\"”]{{1,2000}}?"
               rf"|(?<![a-z0-9-]\.)\b(?:[a-z0-9-]{{1,63}}\.){{1,6}}{_TLD}\b(?:/[^\s<>\"”]{{0,2000}}?)?)"
               r"(?=[.,;:!?)”\"’]*(?:\s|$))")
    return re.sub(pattern, domain, text, flags=re.I)


def read_hashtags(text: str) -> str:
    """#MeToo -> hashtag Me Too; #1 -> number 1; @nytimes -> at nytimes."""
    text = re.sub(r"(?<![\w&#])#(?=\d)", "number ", text)
    text = re.sub(r"(?<![\w&#])#([A-Za-z][\w]*)", lambda m: f"hashtag {_words(m.group(1))}", text)
    return re.sub(r"(?<![\w@])@([A-Za-z_][\w]*)", lambda m: f"at {_words(m.group(1))}", text)
