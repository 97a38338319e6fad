"""Progress for long steps: a bar on a terminal, plain log lines otherwise."""
from __future__ import annotations

import logging
import sys
import time

__all__ = ["Progress"]

log = logging.getLogger("editions")


class Progress:
    def __init__(self, label: str, total: int, stream=None, enabled: bool = True):
        self.label, self.total, self.done = label, max(0, total), 0
        self.stream = stream or sys.stderr
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.enabled = enabled and total > 0
        self.started = time.monotonic()
        self._next_log = 0.25

    def __call__(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if not self.enabled:
            return
        frac = self.done / self.total if self.total else 1.0
        if self.tty:
            width = 28
            filled = int(width * frac)
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif frac >= self._next_log or self.done >= self.total:
            log.info("%s: %d/%d (%d%%)", self.label, self.done, self.total, int(frac * 100))
            while self._next_log <= frac:
                self._next_log += 0.25
