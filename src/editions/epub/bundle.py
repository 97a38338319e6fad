"""The issue's EPUB: the articles' finished EPUBs in, one EPUB 3.3 with Media Overlays for the whole issue out.

Takes each article's EPUB file (as the read-along edition wrote it, in the issue's order) and the issue's
metadata; gives one book.  Every publication resource of an article (its content document, media overlay,
stylesheet, pictures and MP3) is copied byte for byte into a folder of its own (``a01/``, ``a02/``, …), so no
file name of one article can meet another's, the overlays' and documents' relative links hold unchanged, and
nothing is narrated or laid out again; only the manifest ids are renamed (``a01-content``).  Made here: the
front page (``front.xhtml``: the issue's title, date, number, publisher, description and the contents), the
navigation document (each article's own table of contents -- its headline with its sections under it -- one
after the other, the landmarks, and a page list when the articles have one) and the package document, whose
overlay durations are summed from the overlays' own clips, so each is exact and they add up to the total.
Each article keeps its language: its documents are its own (``xml:lang``, ``lang``, ``dir="rtl"``), its
entries on the front page and in the nav say it too, and every language is a ``dc:language``.
"""
from __future__ import annotations

import datetime as _dt
import io
import posixpath
import zipfile
import xml.etree.ElementTree as ET
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError
from ..langtags import rtl_language
from ..wording import format_date, label
from . import rules
from .content import STYLESHEET, _english, _page
from .package import Item, package_document

__all__ = ["bundle_epub", "read_part", "FRONT", "NAV"]

FRONT, NAV, CSS = "front.xhtml", "nav.xhtml", "style.css"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_OPF, _DC, _X, _E = (f"{{{rules.NS[k]}}}" for k in ("opf", "dc", "xhtml", "epub"))

FRONT_STYLE = """.issue-line, .publisher { font-weight: bold; }
.description { font-style: italic; }
img.cover { display: block; max-width: 100%; height: auto; margin: 1em 0; }
"""


@dataclass
class _Part:
    """One article's book, read from its EPUB and renamed into its folder."""
    folder: str
    base: str
    """The folder of the article's package document inside its container (what ``folder/`` stands for)."""
    title: str
    lang: str
    start: str
    """The href (in the issue) the article begins at."""
    items: list[Item] = field(default_factory=list)
    spine: list[str] = field(default_factory=list)
    overlay_ms: dict[str, int] = field(default_factory=dict)
    files: dict[str, zipfile.Path] = field(default_factory=dict)
    navs: dict[str, list[ET.Element]] = field(default_factory=dict)
    """The article's nav lists by kind (``toc``, ``page-list``): their top-level ``li``, hrefs as they are."""
    nav_dir: str = ""
    auditory: bool = True
    modified: _dt.datetime | None = None
    """The article EPUB's ``dcterms:modified``: the issue's is the latest of them, so an issue bound again from
    the same articles is the same bytes (an editor's rebuild rewrites nothing)."""


def _bad(path: Path, what: str) -> RenderError:
    return RenderError(f"the article's EPUB {what}", path=path,
                       hint="run the command again with --force: the article will be rendered afresh")


def _xml(z: zipfile.ZipFile, name: str, path: Path) -> ET.Element:
    try:
        return ET.fromstring(z.read(name))
    except (KeyError, ET.ParseError, zipfile.BadZipFile) as e:
        raise _bad(path, f"has no readable {name} ({e})") from None


def _inside(base: str, href: str, path: Path) -> str:
    """``href`` (relative to the folder ``base`` inside the container) as a path inside the container."""
    name = posixpath.normpath(posixpath.join(base, href.split("#", 1)[0]))
    if name.startswith(("../", "/")) or name == "..":
        raise _bad(path, f"links outside itself ({href!r})")
    return name


def _stamp(text: str | None) -> _dt.datetime | None:
    try:
        return _dt.datetime.strptime((text or "").strip(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        return None


def _read(z: zipfile.ZipFile, path: Path, folder: str) -> _Part:
    root = _xml(z, "META-INF/container.xml", path).find(f".//{{{rules.NS['container']}}}rootfile")
    opf_name = root.get("full-path", "") if root is not None else ""
    opf = _xml(z, opf_name, path)
    base = posixpath.dirname(opf_name)

    def moved(name: str) -> str:
        return _moved(folder, base, name, path)

    md = opf.find(f"{_OPF}metadata")
    title = "".join(md.find(f"{_DC}title").itertext()) if md is not None and md.find(f"{_DC}title") is not None else ""
    lang = md.findtext(f"{_DC}language") if md is not None else None
    part = _Part(folder, base, rules.clean(title), rules.language(lang or opf.get(_XML_LANG)), start="")
    part.auditory = any(m.get("property") == "schema:accessModeSufficient" and m.text == "auditory"
                        for m in opf.iter(f"{_OPF}meta"))
    part.modified = _stamp(next((m.text for m in opf.iter(f"{_OPF}meta") if m.get("property") == "dcterms:modified"),
                                None))
    hrefs: dict[str, str] = {}
    for it in opf.iter(f"{_OPF}item"):
        name = _inside(base, it.get("href", ""), path)
        props = (it.get("properties") or "").split()
        if "nav" in props:
            nav = _xml(z, name, path)
            part.nav_dir = posixpath.dirname(name)
            for n in nav.iter(f"{_X}nav"):
                kind = n.get(f"{_E}type", "")
                if kind in ("toc", "page-list") and n.find(f"{_X}ol") is not None:
                    part.navs[kind] = list(n.find(f"{_X}ol").findall(f"{_X}li"))
            continue
        if name not in z.namelist():
            raise _bad(path, f"lists {name}, which it does not hold")
        new_id = f"{folder}-{it.get('id')}"
        hrefs[it.get("id")] = moved(name)
        overlay = it.get("media-overlay")
        part.items.append(Item(new_id, moved(name), it.get("media-type", ""),
                               " ".join(p for p in props if p != "cover-image"),
                               f"{folder}-{overlay}" if overlay else ""))
        part.files[f"{rules.ROOT}/{moved(name)}"] = zipfile.Path(z, name)
        if it.get("media-type") == "application/smil+xml":
            part.overlay_ms[new_id] = _clips_ms(_xml(z, name, path), path)
    for ref in opf.iter(f"{_OPF}itemref"):
        if ref.get("idref") not in hrefs:
            raise _bad(path, f"has a spine item {ref.get('idref')!r} its manifest lacks")
        part.spine.append(f"{folder}-{ref.get('idref')}")
    if not part.spine:
        raise _bad(path, "has an empty spine")
    part.start = hrefs[part.spine[0].removeprefix(f"{folder}-")]
    toc = part.navs.get("toc")
    first = toc[0].find(f"{_X}a") if toc else None
    if first is not None and first.get("href"):
        part.start = moved(_inside(part.nav_dir, first.get("href"), path)) + _fragment(first.get("href"))
    if not part.title:
        part.title = rules.clean("".join(first.itertext())) if first is not None else ""
    return part


def read_part(data: bytes, path: Path, folder: str) -> _Part:
    """An article's EPUB (its bytes; ``path`` names it in errors) read as the issue's ``folder`` (``a01``…) would
    hold it: what :func:`bundle_epub` takes for an article read before (while the articles rendered).  Its
    files are read from ``data`` when the book is bound."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise _bad(path, f"cannot be opened ({e})") from None
    return _read(z, path, folder)


def _moved(folder: str, base: str, name: str, path: Path) -> str:
    """A path inside an article's container -> its href in the issue (relative to the issue's package)."""
    rel = posixpath.relpath(name, base) if base else name
    if rel.startswith("../"):
        raise _bad(path, f"holds {name} outside its package's folder")
    return f"{folder}/{rel}"


def _fragment(href: str) -> str:
    return "#" + href.split("#", 1)[1] if "#" in href else ""


def _clips_ms(smil: ET.Element, path: Path) -> int:
    """What an overlay plays: the sum of its clips (its media:duration)."""
    total = 0
    for audio in smil.iter("{http://www.w3.org/ns/SMIL}audio"):
        try:
            total += max(0, rules.clock_ms(audio.get("clipEnd", "")) - rules.clock_ms(audio.get("clipBegin", "0")))
        except ValueError as e:
            raise _bad(path, f"has an overlay clip without a clock value ({e})") from None
    return total


def _lang(li: ET.Element, lang: str, around: str) -> ET.Element:
    """Mark a list item as in ``lang`` (an article's) when the page around it is in ``around``; when that is
    written the other way, each link in it gets the article's direction too (a link is isolated from the text
    around it), while the item keeps the page's, so the list's numbers stay on one side."""
    if lang != around:
        li.set("xml:lang", lang)
        li.set("lang", lang)
    if rtl_language(lang) != rtl_language(around):
        for a in li.iter("a"):
            a.attrib.setdefault("dir", "rtl" if rtl_language(lang) else "ltr")
    return li


def _copy_list(items: list[ET.Element], parent: ET.Element, rebase) -> None:
    """An article's nav list items under ``parent`` (an ``ol``): links rebased, text kept as text."""
    for li in items:
        new = ET.SubElement(parent, "li")
        for child in li:
            if child.tag in (f"{_X}a", f"{_X}span"):
                attrs = {"href": rebase(child.get("href"))} if child.tag == f"{_X}a" else {}
                for src, dst in ((_XML_LANG, "xml:lang"), ("lang", "lang"), ("dir", "dir")):
                    if child.get(src):
                        attrs[dst] = child.get(src)
                ET.SubElement(new, child.tag.replace(_X, ""), attrs).text = rules.clean("".join(child.itertext()))
            elif child.tag == f"{_X}ol":
                _copy_list(child.findall(f"{_X}li"), ET.SubElement(new, "ol"), rebase)


def _nav(parts: list[_Part], lang: str, paths: list[Path]) -> bytes:
    contents, words = label("contents", lang)
    html, body = _page(lang, contents, own_title=words)
    toc = ET.SubElement(body, "nav", {"epub:type": "toc", "id": "toc", "role": "doc-toc"})
    _english(ET.SubElement(toc, "h1"), lang, block=True, words=words).text = contents
    ol = ET.SubElement(toc, "ol")
    pages = []
    for part, path in zip(parts, paths):
        def rebase(href, part=part, path=path):
            return _moved(part.folder, part.base, _inside(part.nav_dir, href or "", path), path) + _fragment(href or "")
        before = len(ol)
        _copy_list(part.navs.get("toc") or [], ol, rebase)
        if len(ol) == before:  # an article without a table of contents is still listed, by its title
            ET.SubElement(ET.SubElement(ol, "li"), "a", {"href": part.start}).text = part.title or part.folder
        for li in ol[before:]:
            _lang(li, part.lang, lang)
        pages.append((part, rebase))
    if any(p.navs.get("page-list") for p in parts):
        plist = ET.SubElement(body, "nav", {"epub:type": "page-list", "id": "page-list", "hidden": "hidden"})
        _english(ET.SubElement(plist, "h2"), lang, block=True).text = "Pages"
        pol = ET.SubElement(plist, "ol")
        for part, rebase in pages:
            _copy_list(part.navs.get("page-list") or [], pol, rebase)
    marks = ET.SubElement(body, "nav", {"epub:type": "landmarks", "id": "landmarks", "hidden": "hidden"})
    _english(ET.SubElement(marks, "h2"), lang, block=True).text = "Landmarks"
    mol = ET.SubElement(marks, "ol")
    for kind, href, text in (("titlepage", FRONT, "Front page"), ("toc", f"{FRONT}#contents", "Contents"),
                             ("bodymatter", parts[0].start, "Start of the first article")):
        _english(ET.SubElement(ET.SubElement(mol, "li"), "a", {"epub:type": kind, "href": href}), lang).text = text
    return rules.serialise(html, doctype=True)


def _front(parts: list[_Part], *, title: str, lang: str, date: str, number: str, publisher: str,
           description: str, cover: str | None) -> bytes:
    html, body = _page(lang, title)
    body.set("epub:type", "frontmatter")
    top = ET.SubElement(body, "section", {"id": "title-page", "epub:type": "titlepage"})
    ET.SubElement(top, "h1", {"id": "title"}).text = rules.clean(title) or "Issue"
    line = ET.SubElement(top, "p", {"id": "issue-line", "class": "issue-line"})
    if date:
        when = ET.SubElement(line, "time", {"datetime": rules.pub_date(date)} if rules.pub_date(date) else {})
        when.text, words = format_date(date, lang)
        _english(when, lang, words=words)
    if number:
        ET.SubElement(line, "span", {"class": "number"}).text = f"{' · ' if date else ''}No. {rules.clean(number)}"
    if not len(line):
        top.remove(line)
    if rules.clean(publisher):
        ET.SubElement(top, "p", {"class": "publisher"}).text = rules.clean(publisher)
    if rules.clean(description):
        ET.SubElement(top, "p", {"class": "description"}).text = rules.clean(description)
    if cover:
        ET.SubElement(top, "img", {"src": cover, "alt": "", "class": "cover"})  # decorative: the title is above
    contents, words = label("contents", lang)
    nav = ET.SubElement(body, "nav", {"id": "contents", "aria-labelledby": "contents-title"})
    _english(ET.SubElement(nav, "h2", {"id": "contents-title"}), lang, block=True, words=words).text = contents
    ol = ET.SubElement(nav, "ol")
    for part in parts:
        li = ET.SubElement(ol, "li")
        ET.SubElement(li, "a", {"href": part.start}).text = part.title or part.folder
        _lang(li, part.lang, lang)
    return rules.serialise(html, doctype=True)


def bundle_epub(epubs: list[Path], *, identifier: str, title: str, lang: str, date: str = "", number: str = "",
                publisher: str = "", description: str = "", cover: Path | None = None,
                when: _dt.datetime | None = None, ready: dict[int, _Part] | None = None) -> bytes:
    """The issue's EPUB (its bytes) from the articles' EPUB files in the issue's order (see the module's
    docstring); ``cover``: the issue's picture (a file; not a picture: none); ``when``: its dcterms:modified
    (default: the latest of the articles' own, so the same articles bind to the same bytes); ``ready``: the
    articles already read (:func:`read_part`), by their place in ``epubs`` (0, 1, …)."""
    if not epubs:
        raise RenderError("an issue's EPUB needs at least one article")
    lang = rules.language(lang)
    with ExitStack() as stack:
        parts = []
        for k, path in enumerate(epubs, 1):
            got = (ready or {}).get(k - 1)
            if got is not None and got.folder == f"a{k:02d}":
                parts.append(got)
                continue
            try:
                z = stack.enter_context(zipfile.ZipFile(path))
            except (OSError, zipfile.BadZipFile) as e:
                raise _bad(path, f"cannot be opened ({e})") from None
            parts.append(_read(z, path, f"a{k:02d}"))
        stamps = [p.modified for p in parts]
        if when is None and all(stamps):
            when = max(stamps)
        files: dict[str, bytes | zipfile.Path] = {}
        items = [Item("nav", NAV, "application/xhtml+xml", properties="nav"), Item("css", CSS, "text/css"),
                 Item("front", FRONT, "application/xhtml+xml")]
        image = rules.image_type(cover) if cover is not None else None
        cover_href = None
        if image is not None:
            data, media_type, ext = image
            cover_href = f"images/cover.{ext}"
            files[f"{rules.ROOT}/{cover_href}"] = data
            items.append(Item("cover", cover_href, media_type, properties="cover-image"))
        files[f"{rules.ROOT}/{FRONT}"] = _front(parts, title=title, lang=lang, date=date, number=number,
                                                publisher=publisher, description=description, cover=cover_href)
        files[f"{rules.ROOT}/{NAV}"] = _nav(parts, lang, epubs)
        files[f"{rules.ROOT}/{CSS}"] = (STYLESHEET + FRONT_STYLE).encode("utf-8")
        overlay_ms: dict[str, int] = {}
        for part in parts:
            items += part.items
            overlay_ms.update(part.overlay_ms)
            files.update(part.files)
        n = len(parts)
        summary = (f"A news issue of {n} article{'s' if n != 1 else ''}, each with its narration synchronised "
                   "sentence by sentence: the text is highlighted as it is read aloud, and the whole of it can be "
                   "read, heard, or both. The front page and the table of contents list every article, and the "
                   "table of contents its sections; headings mark every section; the text reflows at any size."
                   + (" Every picture has a text alternative or is decorative." if any(
                       it.media_type.startswith("image/") for it in items) else "")
                   + " No flashing, motion or sound hazards.")
        opf = package_document(identifier=identifier, title=title or "Issue", lang=lang,
                               modified=rules.modified(when), items=items,
                               spine=["front"] + [s for p in parts for s in p.spine], overlay_ms=overlay_ms,
                               summary=summary, auditory=all(p.auditory for p in parts),
                               languages=tuple(p.lang for p in parts),
                               date=rules.pub_date(date), description=description, publisher=publisher)
        buf = io.BytesIO()
        rules.write_container(buf, {f"{rules.ROOT}/package.opf": opf, **files}, when)
        return buf.getvalue()
