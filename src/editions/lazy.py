"""A package face whose names are imported when first asked for: ``__getattr__ = lazy_names(__name__, {...})``.

A face (``speech``, ``press``, ``parse``…) hands on names from its modules; importing those modules up front
would cost every command that never uses them (ReportLab a quarter of a second, Markdown and YAML 40 ms).  The
name is looked up in its module at every use (never copied into the package), so a test that replaces it in
its module replaces it here too.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

__all__ = ["lazy_names"]


def lazy_names(package: str, where: dict[str, str], renamed: dict[str, str] | None = None) -> Callable[[str], object]:
    """The module ``__getattr__`` of ``package``: a name of ``where`` comes from the module it maps to (relative
    to the package), under its name there (``renamed`` where that differs); any other name is an AttributeError."""
    renamed = renamed or {}

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), renamed.get(name, name))

    return __getattr__
