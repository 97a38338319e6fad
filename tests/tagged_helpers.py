"""Helpers for the tagged-PDF tests: both validators, and the structure tree read back in its own order."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pikepdf


def page_validation_failures(pdf: Path) -> list[str]:
    """``page-validation``'s PDF/UA-1 failures, one line each (empty when the file conforms)."""
    import page
    report = page.validate_pdf(str(pdf), profile="ua1")
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


def pdfua_errors(pdf: Path) -> list[str]:
    """``pdfua``'s findings at error severity or worse, one line each."""
    import pdfua
    report = pdfua.validate(str(pdf))
    return [f"{f.rule_id}: {f.message}" for f in report.findings if f.severity.name not in ("INFO", "WARNING")]


@dataclass
class Node:
    role: str
    text: str
    """The text of its marked content, in the element's own order (lines joined by a space)."""
    actual: str | None = None
    alt: str | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)
    """(page index, MCID) per marked-content part."""

    @property
    def read(self) -> str:
        """What a screen reader reads: /Alt for a figure, else /ActualText, else the marked text."""
        if self.alt is not None:
            return self.alt
        return self.actual if self.actual is not None else self.text


def mcid_texts(pdf: Path) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], list] = {}
    with pdfplumber.open(str(pdf)) as doc:
        for pi, page in enumerate(doc.pages):
            for ch in page.chars:
                if ch.get("mcid") is not None:
                    out.setdefault((pi, ch["mcid"]), []).append(ch)
    texts = {}  # (page index, MCID) -> its text, lines joined as a reader joins them
    for key, chars in out.items():
        s, prev = [], None
        for ch in chars:
            if prev is not None and abs(ch["top"] - prev["top"]) > prev["size"] / 2:  # a new line
                if s[-1] == "\u00ad":  # a soft hyphen ends a hyphenated line: join the word (PDF 14.8.2.2.3)
                    s.pop()
                elif not s[-1].endswith(" "):
                    s.append(" ")
            s.append(ch["text"])
            prev = ch
        texts[key] = "".join(s)
    return texts


def structure(pdf: Path) -> list[Node]:
    """The structure elements under /Document, in tree order, each with its text."""
    return list(_structure(str(pdf)))


@lru_cache(maxsize=16)
def _structure(pdf: str) -> tuple[Node, ...]:
    texts = mcid_texts(pdf)
    with pikepdf.open(str(pdf)) as doc:
        pages = {p.objgen: i for i, p in enumerate(doc.pages)}
        root = doc.Root.StructTreeRoot
        top = root.K
        if top.get("/S") == "/Document":
            kids = top.K
        else:
            kids = [top]
        nodes = []
        for el in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            pg = pages.get(el.Pg.objgen) if "/Pg" in el else None
            k = el.K
            parts = []
            for item in (k if isinstance(k, pikepdf.Array) else [k]):
                if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/MCR":
                    parts.append((pages[item.Pg.objgen], int(item.MCID)))
                elif isinstance(item, int) or (hasattr(item, "__int__") and not isinstance(item, pikepdf.Dictionary)):
                    parts.append((pg, int(item)))
                else:
                    raise AssertionError(f"unexpected kid {item!r} in {el.S}")
            text = ""
            for p in parts:  # pieces of one paragraph: a soft hyphen at a piece's end joins the word too
                piece = texts.get(p, "")
                text = text[:-1] + piece if text.endswith("\u00ad") else (text + " " + piece if text else piece)
            nodes.append(Node(str(el.S)[1:], " ".join(text.split()),
                              str(el.ActualText) if "/ActualText" in el else None,
                              str(el.Alt) if "/Alt" in el else None, parts))
        return tuple(nodes)


