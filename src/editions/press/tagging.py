"""Tagging: a ReportLab canvas that writes a tagged PDF (PDF/UA-1) without changing a pixel.

Takes drawing calls plus a *target* set around them (which structure element, or
which kind of artifact, the next marks belong to); gives, at save time, marked
content on every page, a structure tree in story order, a parent tree, /Tabs /S
and /StructParents on each page, /MarkInfo, and XMP metadata with dc:title and
pdfuaid:part 1.

Every painting call (text object, image, path) is wrapped on its own in
``/Role <</MCID n>> BDC … EMC`` or ``/Artifact <<…>> BDC … EMC``, so marked
content never straddles a q/Q pair or a text object and an artifact is never
nested inside tagged content.  Anything drawn with no target is marked as a
layout artifact (and counted in :attr:`TaggedCanvas.stray`).

The structure tree is ordered by each element's story key, not by drawing
order: headline (H1), deck (P), byline (P), photo (Figure with /Alt) and its
caption with credit (Caption), then each section's heading (H2) and paragraphs
(P), then the credit line (P).  A paragraph drawn in several pieces (columns,
pages) is one element whose kids are all its marked-content parts (MCRs where a
part lies on another page than the element's /Pg).  An element whose drawn text
differs from its words (a drop cap drawn apart, words hyphenated at line ends)
carries /ActualText with the whole text, so it is read "Firefighters", not "F
irefighters", and "extraordinary", not "extra- ordinary".
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFString
from reportlab.pdfgen.canvas import Canvas

from .placedtext import PlacedCanvas

__all__ = ["Element", "Tag", "PhotoTarget", "Artifact", "TaggedCanvas", "DocInfo"]

TEXT, IMAGE, PATH = "text", "image", "path"


@dataclass(eq=False)
class Element:
    """One structure element: its role (H1, P, Figure…), where it sits in the story, and its marked content."""

    role: str
    order: tuple
    alt: str = ""
    text: str = ""
    """The element's words as written (used as /ActualText when the drawn text differs)."""
    actual: bool = False
    parts: list[tuple[int, int]] = field(default_factory=list)
    """(page index, MCID) of each marked-content part, in drawing order."""


class Tag:
    """Everything drawn goes into one element."""

    def __init__(self, element: Element):
        self.element = element

    def route(self, kind: str):
        return self.element


class PhotoTarget:
    """A photo block: the picture goes into the Figure, its caption and credit into the Caption, rules and box
    outlines are layout artifacts.  For a missing photo the box's label is the Figure's content."""

    def __init__(self, figure: Element, caption: Element | None, missing: bool):
        self.figure, self.caption, self.missing = figure, caption, missing
        self._label_done = not missing

    def route(self, kind: str):
        if kind == IMAGE:
            return self.figure
        if kind == PATH:
            return Artifact("Layout")
        if not self._label_done:
            self._label_done = True
            return self.figure
        return self.caption or self.figure


class Artifact:
    """Page furniture: /Type Pagination (with /Subtype Header or Footer) or Layout."""

    def __init__(self, type_: str, subtype: str | None = None):
        self.type, self.subtype = type_, subtype

    def route(self, kind: str):
        return self

    def properties(self) -> str:
        sub = f" /Subtype /{self.subtype}" if self.subtype else ""
        return f"<</Type /{self.type}{sub}>>"


_LAYOUT = Artifact("Layout")


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str = ""
    subject: str = ""
    lang: str = "en"


class TaggedCanvas(PlacedCanvas):
    """A Canvas whose drawing is marked content and whose saved file carries the structure tree."""

    def __init__(self, *args, info: DocInfo, **kw):
        super().__init__(*args, **kw)
        self._info = info
        self._targets: list = []
        self._depth = 0
        self._mcid = 0
        self._elements: dict[object, Element] = {}
        self._page_parents: dict[int, list[Element]] = {}
        self._seq = 0
        self.stray = 0
        """How many painting calls had no target (marked as layout artifacts)."""

    # --- targets -------------------------------------------------------------------------------------------
    def element(self, key, role: str, order: tuple, **kw) -> Element:
        """The element for a story key, made on first use (so pieces of one paragraph share one element)."""
        el = self._elements.get(key)
        if el is None:
            self._seq += 1
            el = self._elements[key] = Element(role, tuple(order) + (self._seq,), **kw)
        return el

    def existing(self, key) -> Element | None:
        return self._elements.get(key)

    @contextmanager
    def target(self, target):
        self._targets.append(target)
        try:
            yield target
        finally:
            self._targets.pop()

    def artifact(self, type_: str, subtype: str | None = None):
        return self.target(Artifact(type_, subtype))

    # --- marking every painting call ------------------------------------------------------------------------
    def _open(self, kind: str) -> bool:
        if self._depth:
            self._depth += 1
            return False
        self._depth = 1
        target = self._targets[-1] if self._targets else None
        if target is None:
            self.stray += 1
            dest = _LAYOUT
        else:
            dest = target.route(kind)
        if isinstance(dest, Artifact):
            self._code.append(f"/Artifact {dest.properties()} BDC")
        else:
            page = self._pageNumber - 1
            mcid = self._mcid
            self._mcid += 1
            dest.parts.append((page, mcid))
            self._page_parents.setdefault(page, []).append(dest)
            self._code.append(f"/{dest.role} <</MCID {mcid}>> BDC")
        return True

    def _close(self):
        self._depth -= 1
        if not self._depth:
            self._code.append("EMC")

    def _marked(kind, name):  # noqa: N805 - builds the overriding methods below
        base = getattr(Canvas, name)

        def method(self, *a, **kw):
            self._open(kind)
            try:
                return base(self, *a, **kw)
            finally:
                self._close()
        method.__name__ = name
        method.__doc__ = base.__doc__
        return method

    drawText = _marked(TEXT, "drawText")
    drawImage = _marked(IMAGE, "drawImage")
    drawInlineImage = _marked(IMAGE, "drawInlineImage")
    doForm = _marked(IMAGE, "doForm")
    shade = _marked(PATH, "shade")
    line = _marked(PATH, "line")
    lines = _marked(PATH, "lines")
    grid = _marked(PATH, "grid")
    bezier = _marked(PATH, "bezier")
    arc = _marked(PATH, "arc")
    rect = _marked(PATH, "rect")
    ellipse = _marked(PATH, "ellipse")
    wedge = _marked(PATH, "wedge")
    circle = _marked(PATH, "circle")
    roundRect = _marked(PATH, "roundRect")
    drawPath = _marked(PATH, "drawPath")
    del _marked

    # --- pages ----------------------------------------------------------------------------------------------
    def _setAnnotations(self, page):
        """Called by showPage with the finished page object: give it /StructParents and /Tabs /S."""
        super()._setAnnotations(page)
        page.__NoDefault__ = list(page.__NoDefault__) + ["StructParents", "Tabs"]
        page.StructParents = self._pageNumber - 1
        page.Tabs = PDFName("S")
        self._page_parents.setdefault(self._pageNumber - 1, [])

    def showPage(self):
        if self._depth:
            raise RuntimeError("page ended inside marked content")
        super().showPage()
        self._mcid = 0

    # --- the tree, at save time -----------------------------------------------------------------------------
    def save(self):
        if len(self._code):
            self.showPage()
        self._write_structure()
        super().save()

    def getpdfdata(self):
        if len(self._code):
            self.showPage()
        self._write_structure()
        return super().getpdfdata()

    def _write_structure(self):
        if getattr(self, "_structure_written", False):
            return
        self._structure_written = True
        doc = self._doc
        info = self._info
        page_ref = lambda i: PDFObjectReference(f"Page{i + 1}")  # noqa: E731 - pdfdoc names pages Page1, Page2…
        elements = sorted((e for e in self._elements.values() if e.parts), key=lambda e: e.order)
        root_ref = PDFObjectReference("StructTreeRoot")
        doc_ref = PDFObjectReference("StructDocument")
        refs: dict[int, PDFObjectReference] = {}
        kids = []
        for n, el in enumerate(elements):
            name = f"StructElem{n}"
            first_page = el.parts[0][0]
            k = []
            for page, mcid in el.parts:
                if page == first_page:
                    k.append(mcid)
                else:
                    k.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": page_ref(page), "MCID": mcid}))
            d = {"Type": PDFName("StructElem"), "S": PDFName(el.role), "P": doc_ref, "Pg": page_ref(first_page),
                 "K": k[0] if len(k) == 1 else PDFArray(k)}
            if el.alt:
                d["Alt"] = PDFString(el.alt)
            if el.actual and el.text:
                d["ActualText"] = PDFString(el.text)
            refs[id(el)] = doc.Reference(PDFDictionary(d), name)
            kids.append(refs[id(el)])
        doc.Reference(PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName("Document"), "P": root_ref,
                                     "K": PDFArray(kids)}), "StructDocument")
        nums = []
        for page in range(self._pageNumber - 1):
            nums.append(page)
            nums.append(PDFArray([refs[id(el)] for el in self._page_parents.get(page, [])]))
        parent_tree = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}), "StructParentTree")
        doc.Reference(PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": doc_ref, "ParentTree": parent_tree,
                                     "ParentTreeNextKey": self._pageNumber - 1}), "StructTreeRoot")
        cat = doc.Catalog
        cat.StructTreeRoot = root_ref
        cat.MarkInfo = PDFDictionary({"Marked": "true"})
        xmp = pdfdoc.XMP(creator=lambda _doc: _xmp(info))
        cat.Metadata = xmp


def _xmp(info: DocInfo) -> bytes:
    """The XMP packet: dc:title (matching /Title), creator, description, language, and PDF/UA-1 identification."""
    creator = (f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>"
               if info.author else "")
    desc = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li></rdf:Alt>'
            "</dc:description>" if info.subject else "")
    text = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li></rdf:Alt></dc:title>
   {creator}{desc}
   <dc:language><rdf:Bag><rdf:li>{escape(info.lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>editions</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return text.encode("utf-8")
