"""A local server on 127.0.0.1 that speaks gTTS's batchexecute protocol, with scripted failures.

It answers the real gTTS client (only its base URL is changed) with a real MP3:
a tone of 10 ms per character of the requested text, encoded by imageio-ffmpeg.
"""
from __future__ import annotations

import base64
import json
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import imageio_ffmpeg


def tone_mp3(seconds: float) -> bytes:
    proc = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i",
                           f"sine=frequency=330:sample_rate=24000:duration={seconds:.3f}", "-ac", "1",
                           "-b:a", "32k", "-f", "mp3", "pipe:1"], capture_output=True, check=True)
    return proc.stdout


class FakeGTTS:
    """``actions`` is consumed one per request: 'ok', an HTTP status int, 'timeout' or 'garbage'.
    When it runs out, ``default`` is used."""

    def __init__(self, actions=(), default="ok", timeout_sleep=1.5):
        self.actions = list(actions)
        self.default = default
        self.texts: list[str] = []
        self.langs: list[str] = []
        self.requests = 0
        self.in_flight = self.max_in_flight = 0
        self.timeout_sleep = timeout_sleep
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                with fake.lock:
                    fake.requests += 1
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                    action = fake.actions.pop(0) if fake.actions else fake.default
                try:
                    rpc = json.loads(parse_qs(body)["f.req"][0])
                    text, lang = json.loads(rpc[0][0][1])[:2]
                    if action == "timeout":
                        time.sleep(fake.timeout_sleep)
                        action = "ok"
                    if isinstance(action, int):
                        self.send_response(action)
                        self.end_headers()
                        self.wfile.write(b"error")
                        return
                    if action == "garbage":
                        payload = b")]}'\n\n[[\"wrb.fr\",\"other\",null]]\n"
                    else:
                        with fake.lock:
                            fake.texts.append(text)
                            fake.langs.append(lang)
                        audio = base64.b64encode(tone_mp3(max(0.05, len(text) * 0.01))).decode()
                        inner = json.dumps([audio], separators=(",", ":"))
                        line = json.dumps([["wrb.fr", "jQ1olc", inner, None, None, None, "generic"]],
                                          separators=(",", ":"))
                        payload = (")]}'\n\n" + line + "\n").encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with fake.lock:
                        fake.in_flight -= 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
