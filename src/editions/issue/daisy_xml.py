"""The DAISY 2.02 book's documents as text: the NCC, one SMIL 1.0 file per heading, one content document per
article.

Takes plain values (titles, ids, clip times in milliseconds); gives the documents' bytes (UTF-8).  Every text
is escaped for XML (``<``, ``&`` and quotes stay text; a character XML cannot hold is dropped), so a hostile
title can never become markup.  The book's structure is decided in :mod:`.daisy`.
"""
from __future__ import annotations

import re

__all__ = ["esc", "clock", "npt", "ncc_html", "smil", "content_html", "SMIL_DOCTYPE", "XHTML_DOCTYPE"]

XHTML_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                 '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')
SMIL_DOCTYPE = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def esc(text: str) -> str:
    """Text as XML character data or an attribute value (double-quoted)."""
    text = _NOT_XML.sub("", " ".join(str(text).split()))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def clock(ms: int, fraction: bool = True) -> str:
    """A SMIL full clock value, hh:mm:ss.sss (or hh:mm:ss rounded, as ncc:totalTime is written)."""
    if not fraction:
        ms = round(ms / 1000) * 1000
    h, rest = divmod(int(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{rest:03d}" if fraction else f"{h:02d}:{m:02d}:{s:02d}"


def npt(ms: int) -> str:
    return f"npt={ms / 1000:.3f}s"


def _meta(pairs: list[tuple[str, str]]) -> str:
    return "".join(f'<meta name="{esc(k)}" content="{esc(v)}" />\n' for k, v in pairs)


def ncc_html(title: str, lang: str, meta: list[tuple[str, str]], headings: list[tuple]) -> bytes:
    """``headings`` are (level, id, text, href to a SMIL par or text, language); the first is the book's title.
    A heading in another language than the book's says so (a player's voice reads it in its own)."""
    body = []
    for k, (level, hid, text, href, hlang) in enumerate(headings):
        cls = ' class="title"' if k == 0 else ""
        if hlang and hlang != lang:
            cls += f' lang="{esc(hlang)}" xml:lang="{esc(hlang)}"'
        body.append(f'<h{level}{cls} id="{esc(hid)}"><a href="{esc(href)}">{esc(text)}</a></h{level}>')
    doc = (f'<?xml version="1.0" encoding="utf-8"?>\n{XHTML_DOCTYPE}\n'
           f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{esc(lang)}" xml:lang="{esc(lang)}">\n<head>\n'
           '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />\n'
           f"<title>{esc(title)}</title>\n{_meta(meta)}</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
    return doc.encode("utf-8")


def smil(meta: list[tuple[str, str]], pars: list[tuple[str, str, str, str, int, int]], dur_ms: int) -> bytes:
    """``pars`` are (par id, text id, text src, audio src, clip begin ms, clip end ms)."""
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n{SMIL_DOCTYPE}\n<smil>\n<head>\n{_meta(meta)}'
           '<layout>\n<region id="txtView" />\n</layout>\n</head>\n<body>\n'
           f'<seq dur="{dur_ms / 1000:.3f}s">\n']
    for k, (pid, tid, src, audio, begin, end) in enumerate(pars):
        # the clip in a seq of its own: the spec allows it bare too, but readers such as daisy-dtb look for the
        # audio of a par in its seq only (a bare clip was read as a phrase with no sound)
        out.append(f'<par endsync="last" id="{esc(pid)}">\n<text src="{esc(src)}" id="{esc(tid)}" />\n'
                   f'<seq>\n<audio src="{esc(audio)}" clip-begin="{npt(begin)}" clip-end="{npt(end)}" '
                   f'id="{esc(pid)}_a" />\n</seq>\n</par>\n')
    out.append("</seq>\n</body>\n</smil>\n")
    return "".join(out).encode("utf-8")


def content_html(title: str, lang: str, blocks: list[tuple[int, str, list[tuple[str, str, str]]]]) -> bytes:
    """An article's text.  ``blocks`` are (heading level, heading, [(span id, its SMIL href, text)])."""
    body = []
    for level, heading, spans in blocks:
        body.append(f"<h{level}>{esc(heading)}</h{level}>")
        if spans:
            body.append("<p>" + " ".join(f'<span id="{esc(sid)}"><a href="{esc(href)}">{esc(text)}</a></span>'
                                         for sid, href, text in spans) + "</p>")
    doc = (f'<?xml version="1.0" encoding="utf-8"?>\n{XHTML_DOCTYPE}\n'
           f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{esc(lang)}" xml:lang="{esc(lang)}">\n<head>\n'
           '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />\n'
           f"<title>{esc(title)}</title>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")
    return doc.encode("utf-8")
