"""``index.html``: the editions of an output folder as a page for people (index.json's list, escaped).

Takes index.json's ``editions`` entries; gives a static HTML page: each headline linking to its web page
(``NAME.html``, when the folder has one) and its other files.  No script; the same CSP as the article pages."""
from __future__ import annotations

import html

__all__ = ["index_html"]

_LABELS = {"html": "Web page", "mp3": "MP3", "vtt": "Captions", "pdf": "PDF", "large_pdf": "Large-print PDF",
           "epub": "EPUB"}
_STYLE = ("body{margin:0 auto;max-width:42rem;padding:1rem;font-family:system-ui,sans-serif;line-height:1.6;"
          "background:#fff;color:#1a1a1a}a{color:#0b57d0;display:inline-block;min-height:24px}"
          ":focus-visible{outline:3px solid currentColor;outline-offset:2px}li{margin:.5rem 0;overflow-wrap:anywhere}"
          "@media (prefers-color-scheme:dark){body{background:#121212;color:#ececec}a{color:#8ab4f8}}")


def _e(text) -> str:
    return html.escape(str(text or ""), quote=True)


def index_html(editions: list[dict]) -> bytes:
    import base64
    import hashlib
    digest = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    items = []
    for ed in editions:
        outputs = ed.get("outputs") or {}
        title = _e(ed.get("headline") or ed.get("slug"))
        head = f'<a href="{_e(outputs["html"])}">{title}</a>' if "html" in outputs else title
        files = " · ".join(f'<a href="{_e(path)}">{_LABELS.get(key, _e(key))}</a>'
                           for key, path in outputs.items() if key in _LABELS and key != "html")
        items.append(f"<li>{head}<br>{files}</li>" if files else f"<li>{head}</li>")
    body = "\n".join(items) or "<li>No editions yet.</li>"
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'">
<title>Editions</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>Editions</h1>
<ul>
{body}
</ul>
</main>
</body>
</html>
"""
    return page.encode("utf-8")
