"""The photo: an image file in (decoded safely), a flowable on the grid out.

- :func:`load_photo` decodes the file with Pillow at a bounded size: a picture of more than
  :data:`MAX_PIXELS` is decoded at a reduced scale (JPEG draft mode, so a 12000x12000 photo never takes
  gigabytes) with a warning, or refused with a warning when it cannot be reduced while decoding; a
  truncated or damaged file is a warning (never half a grey picture); Pillow's own warnings never reach
  the console.  It keeps at most :data:`KEEP_PIXELS` (enough for 300 dpi across a Letter page), turned
  upright as its EXIF Orientation says (a phone's portrait photo is stored landscape); a damaged EXIF block
  is a warning and the picture prints as stored.
- :class:`PhotoBlock` sets the photo exactly as wide as the space it is given (the full measure or one
  column, so its edges line up with the text block); a photo taller than its share of the page is cropped
  around its centre to that height, never squashed or narrowed; the caption and credit sit under it at the
  same width.
- :class:`PhotoNote` stands in for a photo that cannot be printed (``PhotoBlock(None, …)`` gives one): one short "Photo not available:
  caption (credit)" note of at most three lines, not an empty box.
"""
from __future__ import annotations

import warnings as pywarnings

from PIL import Image as PILImage
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from ..errors import RenderError
from ..model import Article
from ..parse.paths import photo_problem
from ..wording import label
from .markup import MarkupParagraph, text_markup
from .spaceless import ShortPara

__all__ = ["load_photo", "PhotoBlock", "PhotoNote", "MAX_PIXELS", "KEEP_PIXELS"]

MAX_PIXELS = 40_000_000
"""Pictures larger than this (40 megapixels) are decoded at a reduced scale, with a warning."""
KEEP_PIXELS = 6_000_000
"""What is kept after decoding (about 3000x2000): 300 dpi across the page."""
NOTE = "printed its caption as a 'Photo not available' note"
_UPRIGHT = {2: PILImage.Transpose.FLIP_LEFT_RIGHT, 3: PILImage.Transpose.ROTATE_180,
            4: PILImage.Transpose.FLIP_TOP_BOTTOM, 5: PILImage.Transpose.TRANSPOSE,
            6: PILImage.Transpose.ROTATE_270, 7: PILImage.Transpose.TRANSVERSE, 8: PILImage.Transpose.ROTATE_90}
"""EXIF Orientation -> the turn (or mirror) that makes the stored picture upright (as ImageOps.exif_transpose)."""
_TIFF = (b"II*\0", b"MM\0*")


def _orientation(im: PILImage.Image, name: str, caught: list) -> tuple[int, str | None]:
    """The EXIF Orientation (1: as stored), and a warning when the EXIF block is too damaged to say
    (``caught``: the warnings Pillow gave so far, which is where it reports a damaged block)."""
    unknown = f"photo's EXIF data is damaged, so which way up it goes is unknown (printed as stored): {name}"
    try:
        exif = im.getexif()
        value = exif.get(0x0112)
    except Exception:  # Pillow's EXIF reader on a hostile block: any error means "unknown"
        return 1, unknown
    if value is None:  # no orientation: none given, or a block Pillow could not read (it warns, or finds no tags)
        raw = im.info.get("exif") or b""
        tiff = raw[6:10] if raw.startswith(b"Exif\0\0") else raw[:4]
        damaged = any("exif" in str(w.message).lower() for w in caught) or (raw and tiff not in _TIFF)
        return 1, unknown if damaged else None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 8:
        return 1, f"photo's EXIF orientation ({str(value)[:20]}) is not one of 1-8 (printed as stored): {name}"
    return value, None


def _decode(path, name: str) -> tuple[PILImage.Image | None, str | None, str | None]:
    """(image, problem, notice): the decoded picture, or why not; ``notice`` is a warning for a picture that
    was printed anyway (reduced)."""
    notice = None
    orientation, turn_notice = 1, None
    with pywarnings.catch_warnings(record=True) as caught:
        pywarnings.simplefilter("always")  # DecompressionBombWarning and friends: kept here, we say it ourselves
        try:
            with PILImage.open(path) as im:
                w, h = im.size
                if w < 1 or h < 1:
                    return None, f"photo is empty: {name}", None
                orientation, turn_notice = _orientation(im, name, caught)
                if w * h > MAX_PIXELS:
                    if im.format == "JPEG":
                        # draft mode decodes at 1/2, 1/4 or 1/8 scale, at least the size asked: ask half
                        scale = (MAX_PIXELS / (w * h)) ** 0.5 / 2
                        im.draft("RGB", (max(1, int(w * scale)), max(1, int(h * scale))))
                        notice = (f"photo is {w}x{h} pixels, over the {MAX_PIXELS // 1_000_000}-megapixel limit: "
                                  f"decoded at a reduced size: {name}")
                    else:
                        return None, (f"photo is {w}x{h} pixels, over the {MAX_PIXELS // 1_000_000}-megapixel "
                                      f"limit (save it smaller, or as a JPEG): {name}"), None
                    if im.size[0] * im.size[1] > MAX_PIXELS:
                        return None, f"photo is {w}x{h} pixels, too large to decode safely: {name}", None
                im.load()
                img = im.convert("RGB") if im.mode not in ("RGB", "L") else im.copy()
        except OSError as e:
            if "truncated" in str(e).lower():
                return None, f"photo file is truncated (damaged or partly downloaded): {name}", None
            return None, f"photo cannot be read ({e.__class__.__name__}): {name}", None
        except (ValueError, PILImage.DecompressionBombError, SyntaxError) as e:
            return None, f"photo cannot be read ({e.__class__.__name__}): {name}", None
    if img.size[0] * img.size[1] > KEEP_PIXELS:
        scale = (KEEP_PIXELS / (img.size[0] * img.size[1])) ** 0.5
        img = img.resize((max(1, int(img.size[0] * scale)), max(1, int(img.size[1] * scale))),
                         PILImage.Resampling.LANCZOS)
    if orientation in _UPRIGHT:  # after the size bounds: the turn costs a copy of the kept picture only
        img = img.transpose(_UPRIGHT[orientation])
    return img, None, "; ".join(n for n in (notice, turn_notice) if n) or None


def load_photo(article: Article, strict: bool) -> tuple[PILImage.Image | None, str | None]:
    """The photo decoded (a Pillow image), or (None, warning).  ``strict``: a photo that cannot be printed
    is an error."""
    if article.photo is None:
        return None, None
    path = article.photo_file()
    if path is None:
        return None, f"the photo has no image file; {NOTE}"
    problem = photo_problem(path)
    if problem:
        problem, img, notice = f"{problem}: {article.photo.path}", None, None
    else:
        img, problem, notice = _decode(path, article.photo.path)
    if img is not None:
        return img, notice
    if strict:
        raise RenderError(problem, path=article.source_path, hint="fix the photo or drop --strict")
    return None, f"{problem}; {NOTE}"


class PhotoBlock(Flowable):
    """The photo across the whole width it is given, cropped around its centre to ``max_height``; caption and
    credit under it at the same width. Never split (the picture shrinks, never below 40 pt, where space is
    short)."""

    def __new__(cls, image, caption, credit, styles, max_height: float = 0, recorder=None, **kw):
        if image is None:  # nothing to print: the short note stands in
            return PhotoNote(caption, credit, styles.caption, recorder, max_lines=kw.get("note_lines", 0),
                             lang=kw.get("lang", "en"))
        return super().__new__(cls)

    def __init__(self, image: PILImage.Image, caption, credit, styles, max_height: float, recorder=None, **_):
        super().__init__()
        self.image, self.styles, self.max_height, self._rec = image, styles, max_height, recorder
        self.caption_text, self.credit_text = caption, credit
        self._crops: dict = {}

    @property
    def reader(self):
        """The picture (what the tagging code asks of a photo block; never None here)."""
        return self.image

    def _size(self, aW, max_h):
        iw, ih = self.image.size
        self.pw = aW
        self.ph = min(aW * ih / iw, max_h)
        self.cap = ShortPara(text_markup(self.caption_text), self.styles.caption) if self.caption_text else None
        self.cred = ShortPara(text_markup(self.credit_text), self.styles.credit) if self.credit_text else None
        h = self.ph
        for p in (self.cap, self.cred):
            if p:
                h += p.wrap(self.pw, 10_000)[1] + p.style.spaceBefore
        return h

    def _cropped(self) -> ImageReader:
        """The picture cut around its centre to the box's proportions (a reader, cached per shape)."""
        iw, ih = self.image.size
        want = self.pw / self.ph  # width / height of the box
        key = round(want, 4)
        if key not in self._crops:
            if iw / ih < want - 1e-3:  # too tall: keep the middle band
                h = max(1, round(iw / want))
                top = (ih - h) // 2
                img = self.image.crop((0, top, iw, top + h))
            elif iw / ih > want + 1e-3:  # too wide (only when space is short): keep the middle
                w = max(1, round(ih * want))
                left = (iw - w) // 2
                img = self.image.crop((left, 0, left + w, ih))
            else:
                img = self.image
            self._crops[key] = ImageReader(img)
        return self._crops[key]

    def wrap(self, aW, aH):
        h = self._size(aW, self.max_height)
        if h > aH:
            text_h = h - self.ph
            if aH - text_h >= 40:
                h = self._size(aW, aH - text_h - 0.5)
        self.width, self.height = aW, h
        self.spaceAfter = self.styles.credit.spaceAfter
        return aW, h

    def split(self, aW, aH):
        """Only when even a shrunken picture and its caption cannot share the space (a very long caption):
        the picture, then caption and credit as paragraphs that may run on."""
        if aH < 40:
            return []
        self._size(aW, min(self.max_height, aH - 1))
        picture = PhotoBlock(self.image, "", "", self.styles, self.ph, self._rec)
        return [picture] + [p for p in (self.cap, self.cred) if p]

    def drawOn(self, canvas, x, y, _sW=0):
        y_top = y + self.height
        if self._rec is not None:
            self._rec.add(canvas, x, y_top - self.ph, self.pw, self.ph, "photo")
        canvas.drawImage(self._cropped(), x, y_top - self.ph, self.pw, self.ph)
        cur = y_top - self.ph
        for p, kind in ((self.cap, "caption"), (self.cred, "credit")):
            if p:
                cur -= p.style.spaceBefore + p.height
                if self._rec is not None:
                    self._rec.add(canvas, x, cur, p.width, p.height, kind)
                p.drawOn(canvas, x, cur)


class PhotoNote(MarkupParagraph):
    """'Photo not available: caption (credit)' in caption type, at most ``max_lines`` lines (a longer
    caption is shortened with an ellipsis; ``max_lines=0``: no limit)."""

    def __init__(self, caption: str, credit: str, style, recorder=None, max_lines: int = 3, lang: str = "en"):
        self._parts = (caption or "").strip(), (credit or "").strip()
        self._max, self._rec, self._lang = max_lines, recorder, lang
        super().__init__(self._markup(self._parts[0]), style)
        self.spaceAfter = 6

    def _markup(self, caption: str) -> str:
        lead = label("photo_missing", self._lang)[0]
        text = lead + (f": {caption}" if caption else "")
        if self._parts[1]:
            text += f" ({self._parts[1]})"
        return f"<b>{text_markup(text[:len(lead)])}</b>{text_markup(text[len(lead):])}"

    def wrap(self, aW, aH):
        w, h = super().wrap(aW, aH)
        words = self._parts[0].split()
        while self._max and len(self.blPara.lines) > self._max and words:
            cut = max(1, len(words) * self._max // len(self.blPara.lines) - 1)
            words = words[:min(cut, len(words) - 1)] if len(words) > 1 else []
            self.__init__(" ".join(words) + "…" if words else "", self._parts[1], self.style, self._rec, self._max,
                          self._lang)
            w, h = super().wrap(aW, aH)
        return w, h

    def split(self, aW, aH):
        return []

    def drawOn(self, canvas, x, y, _sW=0):
        if self._rec is not None:
            self._rec.add(canvas, x, y, self.width, self.height, "photo-missing", lines=len(self.blPara.lines))
        super().drawOn(canvas, x, y, _sW)
