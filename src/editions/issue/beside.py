"""Running one part of the issue's assembly in a thread beside the rest.

Takes a function and its arguments; gives :class:`Beside`, whose :meth:`Beside.result` waits for the function and
returns what it returned or raises what it raised.  The issue's PDFs (front page and merge: ReportLab and pikepdf,
about half of the assembly's time) are made this way while the main thread joins the audio, writes the DAISY
book and compares the files with the output folder's (reading, hashing, ffmpeg: mostly outside the GIL), so on
two cores the assembly costs about the longer of the two rather than their sum.  Worker processes started while
the thread is alive are spawned, never forked (:func:`editions.procs.start_method`).  The thread is not a daemon:
should the main thread fail first, the thread still ends on its own (it only reads the articles' PDFs).
"""
from __future__ import annotations

import threading
from typing import Any, Callable

__all__ = ["Beside"]


class Beside:
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any):
        self._value: Any = None
        self._error: BaseException | None = None

        def work() -> None:
            try:
                self._value = fn(*args, **kwargs)
            except BaseException as e:  # handed to whoever waits for the result
                self._error = e

        self._thread = threading.Thread(target=work, name=f"editions-{getattr(fn, '__name__', 'beside')}")
        self._thread.start()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value
