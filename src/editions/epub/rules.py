"""The EPUB 3.3 and Media Overlays 3.3 rules this renderer follows, in one place.

Takes strings, times and file contents; gives the container's fixed parts
(``mimetype``, ``META-INF/container.xml``), XML serialisation that escapes
whatever the article says, SMIL clock values, the stable identifier, a
well-formed language tag, media types sniffed from bytes, and the zip itself
(``mimetype`` first and stored, everything else deflated except audio and images).
"""
from __future__ import annotations

import datetime as _dt
import re
import shutil
import uuid
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

__all__ = ["NS", "ROOT", "clean", "xml_text", "serialise", "clock", "clock_ms", "identifier", "language", "modified",
           "pub_date", "image_type", "write_container"]

NS = {
    "xhtml": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "smil": "http://www.w3.org/ns/SMIL",
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
}

ROOT = "EPUB"
"""Folder inside the container that holds the package document and every publication resource."""

MIMETYPE = b"application/epub+zip"

CONTAINER = f"""<?xml version="1.0" encoding="UTF-8"?>
<container xmlns="{NS['container']}" version="1.0">
  <rootfiles>
    <rootfile full-path="{ROOT}/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

_NAMESPACE_ID = uuid.UUID("6f0d1a52-8c1e-5e53-9a5f-0e6b3c2f7a10")
"""Fixed namespace for the edition identifiers (uuid5), so the same article always gets the same one."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""Characters XML 1.0 forbids, or that EPUBCheck reports as discouraged (C1 controls, non-characters)."""

_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def xml_text(text: str | None) -> str:
    """Article text as XML character data: the characters XML forbids dropped, nothing else touched.

    Escaping ``& < > "`` is the serialiser's job (ElementTree), so markup in the article stays text."""
    return _NOT_XML.sub("", text or "")


def clean(text: str | None) -> str:
    """:func:`xml_text` with whitespace runs made one space (metadata, headings, captions)."""
    return " ".join(xml_text(text).split())


def serialise(root: ET.Element, doctype: bool = False) -> bytes:
    """An element tree as a UTF-8 XML document (with ``<!DOCTYPE html>`` for XHTML content documents)."""
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + ("<!DOCTYPE html>\n" if doctype else "")
    return (head + body + "\n").encode("utf-8")


def clock(ms: int) -> str:
    """A SMIL full clock value, ``H:MM:SS.mmm`` (clipBegin, clipEnd and media:duration all use it)."""
    h, rest = divmod(int(ms), 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, rest = divmod(rest, 1000)
    return f"{h}:{m:02d}:{s:02d}.{rest:03d}"


def clock_ms(value: str) -> int:
    """A SMIL clock value (full clock, partial clock or timecount: ``1:02:03.5``, ``2:03.5``, ``3.5s``,
    ``350ms``, ``0.1h``) in milliseconds; ValueError when it is none."""
    value = value.strip()
    for unit, scale in (("ms", 1), ("min", 60_000), ("h", 3_600_000), ("s", 1000)):
        if value.endswith(unit) and ":" not in value:
            return round(float(value[: -len(unit)]) * scale)
    parts = value.split(":")
    if len(parts) > 3 or not all(p.replace(".", "", 1).isdigit() for p in parts):
        raise ValueError(f"not a SMIL clock value: {value!r}")
    seconds = 0.0
    for p in parts:
        seconds = seconds * 60 + float(p)
    return round(seconds * 1000)


def identifier(slug: str, date: str | None) -> str:
    """``urn:uuid:…`` derived from the article's file name and date: a rebuild (or an edit) keeps it."""
    name = f"{slug}|{pub_date(date) or ''}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE_ID, name)}"


def language(tag: str | None) -> str:
    """A well-formed BCP 47 tag for dc:language and xml:lang; 'und' (undetermined) when the article's is not one."""
    tag = (tag or "").strip()
    return tag if _LANG.match(tag) else "und"


def pub_date(iso: str | None) -> str | None:
    """The article's date when it is a real ISO date (dc:date must be W3CDTF), else None."""
    try:
        return _dt.date.fromisoformat(iso).isoformat() if iso else None
    except ValueError:
        return None


def modified(when: _dt.datetime | None = None) -> str:
    """dcterms:modified: UTC, to the second, ``CCYY-MM-DDThh:mm:ssZ``."""
    when = (when or _dt.datetime.now(_dt.timezone.utc)).astimezone(_dt.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


_IMAGE_TYPES = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "GIF": ("image/gif", "gif"),
                "WEBP": ("image/webp", "webp")}


def image_type(path: Path) -> tuple[bytes, str, str] | None:
    """(bytes, media type, extension) of a photo in a core image format; other formats are converted to PNG.

    None when the file is missing or is not an image (the print edition warns about that already)."""
    from io import BytesIO

    from PIL import Image
    try:
        data = path.read_bytes()
        with Image.open(BytesIO(data)) as im:
            kind = _IMAGE_TYPES.get(im.format or "")
            if kind:
                im.verify()
                return data, kind[0], kind[1]
            buf = BytesIO()
            im.convert("RGBA" if "A" in im.getbands() else "RGB").save(buf, "PNG")
            return buf.getvalue(), "image/png", "png"
    except Exception:
        return None


_STORED = (".mp3", ".jpg", ".png", ".gif", ".webp")


def write_container(path, files: dict[str, bytes | Path], when: _dt.datetime | None = None) -> None:
    """The OCF zip (``path``: a file name or a binary file): ``mimetype`` first, stored, no extra field; then
    ``files`` (paths inside the container to their bytes, or to anything with ``open("rb")``, a file on disk or
    a member of another zip (:class:`zipfile.Path`), which is copied in chunks, as the MP3 is)."""
    stamp = (when or _dt.datetime.now()).timetuple()[:6]
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", stamp), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("META-INF/container.xml", stamp), CONTAINER.encode(),
                   compress_type=zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            info = zipfile.ZipInfo(name, stamp)
            kind = zipfile.ZIP_STORED if name.endswith(_STORED) else zipfile.ZIP_DEFLATED
            if not isinstance(data, (bytes, bytearray)):
                info.compress_type = kind
                with data.open("rb") as src, z.open(info, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            else:
                z.writestr(info, data, compress_type=kind)
