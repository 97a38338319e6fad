"""Where a photo may live: inside the article's folder, or inside an ``assets`` folder above it."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError

__all__ = ["check_photo_path"]


def check_photo_path(photo: str, article: Path) -> str:
    """Return ``photo`` unchanged if it stays inside the allowed folders, else raise InputError."""
    base = article.resolve().parent
    target = (base / photo).resolve()
    roots = [base] + [p for p in base.parents if p.name == "assets"] + ([base] if base.name == "assets" else [])
    for root in roots:
        try:
            target.relative_to(root)
            return photo
        except ValueError:
            continue
    raise InputError(f"photo path '{photo}' leaves the article's folder", path=article,
                     hint="put the image beside the article or under assets/")
