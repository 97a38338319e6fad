"""The whole issue: a folder's articles as one publication.

Takes the articles' folder (and its optional ``issue.toml``), the output folder, settings and a runner handed
in by the command line; renders each article as ``build`` does (the render core's ``build_folder``), then
assembles the issue's editions from the articles' finished files and manifests, never narrating or laying out
again: one MP3 with nested ID3 chapters and one VTT (:mod:`.sound`, :mod:`.frames`, :mod:`.tags`,
:mod:`.transcript`), the newspaper and large-print PDFs (the articles' own PDFs merged behind a front page,
:mod:`.printed`, :mod:`.pages`), one EPUB with Media Overlays (the articles' EPUBs bound into one,
:mod:`.book_epub`), a podcast feed (:mod:`.feed`), a DAISY 2.02 talking book (:mod:`.daisy`, :mod:`.daisy_xml`),
and ``issue.json`` (:mod:`.assemble`).  Imports no runner and not the command line.
"""
from .assemble import ISSUE_NAMES, IssueReport, build_issue
from .settings import IssueSettings, load_issue_settings

__all__ = ["build_issue", "IssueReport", "IssueSettings", "load_issue_settings", "ISSUE_NAMES"]
