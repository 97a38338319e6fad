"""Read a DAISY 2.02 book with daisy-dtb and print what it found as JSON (run by tests/test_issue_daisy.py in
the venv `make test` makes here): the title, language, depth, every heading (level, text) and every clip
(its SMIL, its par, its audio file, begin and end in seconds)."""
import json
import sys

from loguru import logger

logger.remove()

from daisy_dtb.book import DaisyBook  # noqa: E402
from daisy_dtb.sources import FolderDtbSource  # noqa: E402

book = DaisyBook(FolderDtbSource(sys.argv[1].rstrip("/") + "/"))
clips, pars = [], 0
for smil in book.smils:
    for par in smil.sections:
        pars += 1
        for c in par.clips:
            clips.append([smil.reference.resource, par.id, c.src, c.begin, c.end])
print(json.dumps({"title": book.title, "lang": book.langage, "depth": book.navigation_depth,
                  "headings": [[e.level, e.text] for e in book.toc_entries], "pars": pars, "clips": clips}))
