"""The print editions: an Article in, a two-column PDF and a large-print PDF out.

Stages: :mod:`.styles` and :mod:`.fonts` -> :mod:`.layout` (Article -> flowables, with :mod:`.linebreak` and
:mod:`.justify` setting the lines, :mod:`.dropcap`, :mod:`.photo`) -> :mod:`.drawing` (the only code that talks
to ReportLab canvases, through :mod:`.tagging` and :mod:`.storytags` for the tagged PDF).  :mod:`.compose` wires
them (pull quotes placed, the last page balanced); :mod:`.largeprint` makes the large-print edition;
:mod:`.glyphs` says what the fonts can draw; :mod:`.edition` is the print editions' entry in the render registry.
"""
from __future__ import annotations

from ..lazy import lazy_names

__all__ = ["render_print", "PrintResult", "quote_rule_problems"]

# imported when first asked for: ReportLab costs a build with nothing to draw (which reads the registry's hooks
# for freshness) a quarter of a second
__getattr__ = lazy_names(__name__, dict.fromkeys(__all__, "compose"))
