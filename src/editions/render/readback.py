"""Each edition read back before it is written: the MP3's frames and ID3 tags parse, the PDFs parse, the EPUB
reads as a container with ``mimetype`` first.  A RenderError names what did not."""
from __future__ import annotations

from pathlib import Path

from ..errors import RenderError

__all__ = ["check_pdf", "check_epub", "check_mp3"]


def check_pdf(data: bytes, path: Path) -> int:
    """The PDF's page count; RenderError if it does not parse."""
    import io
    from pypdf import PdfReader
    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception as e:
        raise RenderError(f"the PDF does not parse ({e.__class__.__name__})", path=path) from None


def check_epub(data: bytes, path: Path) -> int:
    """How many files the EPUB container holds; RenderError unless it reads back as one."""
    import io
    import zipfile
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            if not names or names[0] != "mimetype" or z.testzip() is not None:
                raise zipfile.BadZipFile("not an EPUB container")
            return len(names)
    except (zipfile.BadZipFile, OSError) as e:
        raise RenderError(f"the EPUB does not read back ({e})", path=path) from None


def check_mp3(data: bytes, path: Path) -> None:
    """RenderError unless the MP3's frames and ID3 tags parse (the renderer decoded all of it already)."""
    import io
    from mutagen.mp3 import MP3
    try:
        audio = MP3(io.BytesIO(data))
        ok = audio.info.length > 0 and audio.tags is not None
    except Exception:
        ok = False
    if not ok:
        raise RenderError("the MP3 does not parse", path=path, hint="run the build again")
