"""``editions serve [DIR]``: a preview server for editors, on 127.0.0.1 only, that answers HTTP range requests.

Takes a folder of editions (default ``output/``); gives it over HTTP on the loopback address so the pages can be
opened in a browser as a reader would.  Python's own ``http.server`` ignores ``Range``, and a browser then
cannot seek in the audio (the chapter links and the read-along's click-to-play need it): this handler answers
``Range: bytes=START-END`` (and ``START-`` and ``-SUFFIX``) with 206 and ``Content-Range``, an unsatisfiable
range with 416, and says ``Accept-Ranges: bytes`` on every file.  A preview, not a production server: one
process, files only (no directory listings), nothing outside the folder.
"""
from __future__ import annotations

import os
import re
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["RangeHandler", "make_server", "serve", "HOST"]

HOST = "127.0.0.1"
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


class RangeHandler(SimpleHTTPRequestHandler):
    """Files with ``Accept-Ranges: bytes``; a single byte range answered with 206."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".vtt": "text/vtt", ".mp3": "audio/mpeg",
                      ".epub": "application/epub+zip", ".js": "text/javascript", ".json": "application/json"}

    def list_directory(self, path):  # a preview of editions, not a file browser
        self.send_error(HTTPStatus.NOT_FOUND, "No listing here: open index.html")
        return None

    def log_message(self, format, *args):  # quiet: the command prints its address once
        pass

    def end_headers(self):
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def send_head(self):
        match = _RANGE.match(self.headers.get("Range", "").strip())
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, last = match.groups()
        if first:
            start, end = int(first), min(int(last), size - 1) if last else size - 1
        elif last:  # the last N bytes
            start, end = max(0, size - int(last)), size - 1
        else:
            return super().send_head()
        if start >= size or start > end:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        f = open(path, "rb")
        f.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return _Slice(f, end - start + 1)


class _Slice:
    """The part of an open file a range asked for, read by ``copyfile`` like a whole file."""

    def __init__(self, f, length: int):
        self.f, self.left = f, length

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        data = self.f.read(n)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.f.close()


def make_server(folder: Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1:``port`` (0: any free port), not yet serving."""
    return ThreadingHTTPServer((HOST, port), partial(RangeHandler, directory=str(folder)))


def serve(folder: Path, port: int, say) -> int:
    """Serve ``folder`` until Ctrl-C; ``say(url)`` is told the address to open.  InputError for a folder that
    is not one or a port that cannot be had."""
    from ..errors import InputError
    if not folder.is_dir():
        raise InputError("is not a folder of editions", path=folder, hint="run 'make editions' first, or name the folder")
    try:
        server = make_server(folder, port)
    except OSError as e:
        raise InputError(f"cannot listen on {HOST}:{port} ({e.strerror or e})", path=folder,
                         hint="choose another port with --port") from None
    page = "index.html" if (folder / "index.html").is_file() else ""
    say(f"http://{HOST}:{server.server_address[1]}/{page}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # the way a preview ends: not an error
        pass
    finally:
        server.server_close()
    return 0
