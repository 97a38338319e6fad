"""The installed version of a voice's package, without importing it (part of every clip's cache key): the name
of its dist-info folder beside the package, since importlib.metadata scans every path entry (60 ms a command)."""
from __future__ import annotations

import glob
import importlib.util
import os

__all__ = ["installed_version"]


def installed_version(module: str, dist: str) -> str | None:
    """``dist``'s version, found beside the importable ``module``; None when ``module`` cannot be imported or
    ``dist`` is not installed."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return None
    folder = dist.replace("-", "_")
    site = os.path.dirname(os.path.dirname(spec.origin))
    found = glob.glob(os.path.join(glob.escape(site), f"{folder}-*.dist-info"))
    if len(found) == 1:
        return os.path.basename(found[0])[len(folder) + 1:-len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version  # an unusual install: the slow way
    try:
        return version(dist)
    except PackageNotFoundError:
        return None
