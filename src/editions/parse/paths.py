"""Where a photo may live: inside the article's folder, or inside an ``assets`` folder above it."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import InputError

__all__ = ["check_photo_path", "photo_problem"]

_HINT = "point the photo's path at the image file"


def check_photo_path(photo: str, article: Path) -> str:
    """Return ``photo`` unchanged if it stays inside the allowed folders, else raise InputError.  A path no
    file can have — a NUL in it, or a loop of symbolic links, whose end cannot be known — is refused too."""
    if "\0" in photo:
        raise InputError(f"photo path {photo!r} holds a NUL character", path=article, hint=_HINT)
    base = article.resolve().parent
    loop = InputError(f"photo path '{photo}' is a loop of symbolic links", path=article, hint=_HINT)
    try:
        os.stat(base / photo)
    except OSError as e:  # missing, or a name too long: a warning when the photo is printed
        if e.errno == errno.ELOOP:
            raise loop from None
    try:
        target = (base / photo).resolve()
    except RuntimeError:  # Python 3.11's resolve() on a loop
        raise loop from None
    roots = [base] + [p for p in base.parents if p.name == "assets"] + ([base] if base.name == "assets" else [])
    for root in roots:
        try:
            target.relative_to(root)
            return photo
        except ValueError:
            continue
    raise InputError(f"photo path '{photo}' leaves the article's folder", path=article,
                     hint="put the image beside the article or under assets/")


def photo_problem(path: Path) -> str | None:
    """Why the photo's file cannot be opened, in a few words; None when it is a file.  Never raises: a photo
    that cannot be read is a warning (an error with --strict), whatever the reason."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return "photo file not found"
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            return "photo file name is longer than the file system allows (255 bytes)"
        return f"photo file cannot be opened ({e.strerror or e})"
    return None if stat.S_ISREG(mode) else "photo is not a file"
