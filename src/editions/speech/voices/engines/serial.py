"""What the in-process voices share (eSpeak NG, Kokoro's Japanese): one text at a time in the render's own process,
here (:meth:`Serial.synthesize`) or on a background thread (:meth:`Serial.submit`) while the print edition is
drawn; the voice's library lets go of the GIL while it works.  A voice says one text in ``_one``."""
from __future__ import annotations

import os
import threading
from typing import Callable, Iterator, Sequence, TypeVar

from . import Clip, OnClip, Progress

__all__ = ["Serial", "per_process"]

T = TypeVar("T")


def per_process(make: Callable[[], T]) -> Callable[[], T]:
    """A getter of one ``make()`` per process, made on first use: a forked child makes its own (the parent's
    library state, and any lock it held at the fork, are no use to it)."""
    held: list = [None, None]  # (pid, object)
    lock = threading.Lock()

    def get() -> T:
        with lock:
            if held[0] != os.getpid():
                held[1], held[0] = make(), os.getpid()
            return held[1]
    return get


class Serial:
    def _one(self, text: str) -> Clip:
        raise NotImplementedError

    def submit(self, texts: Sequence[str]) -> Callable[[Progress | None], Iterator[tuple[int, Clip]]]:
        """Start saying ``texts`` on a background thread now; the returned function yields ``(index, clip)``."""
        import queue
        done: queue.SimpleQueue = queue.SimpleQueue()
        stop = threading.Event()

        def work() -> None:
            for i, t in enumerate(texts):
                if stop.is_set():
                    return
                try:
                    done.put((i, self._one(t), None))
                except BaseException as e:  # handed to the collector, who raises it
                    done.put((i, None, e))
                    return

        threading.Thread(target=work, name=f"editions-{type(self).__name__}", daemon=True).start()

        def collect(progress: Progress | None = None) -> Iterator[tuple[int, Clip]]:
            try:
                for _ in range(len(texts)):
                    i, clip, error = done.get()
                    if error is not None:
                        raise error
                    if progress:
                        progress(1)
                    yield i, clip
            finally:
                stop.set()
        return collect

    def synthesize(self, texts: Sequence[str], progress: Progress | None = None,
                   on_clip: OnClip | None = None) -> list[Clip]:
        out = []
        for i, t in enumerate(texts):
            out.append(self._one(t))
            if on_clip:
                on_clip(i, out[-1])
            if progress:
                progress(1)
        return out
