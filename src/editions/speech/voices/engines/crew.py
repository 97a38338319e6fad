"""The offline voice's worker processes: one prepares every job's text, the others turn it into sound.

Takes a :class:`Stage` for each side (how to load it, how to do one job with it) and a number of sound
workers; gives :class:`Crew`, whose :meth:`Crew.submit` hands jobs out in the order given and returns a
:class:`Batch` that yields each result as it lands.

Why two stages: loading the voice is two loads that need not wait for each other.  Its text side (imports,
the pronouncing lexicons and tagger: plain Python data, most of the load) is needed once, for a millisecond
or two of work per sentence; its sound side (an onnxruntime session, which must never cross a fork) is needed
in every worker.  So one text process loads the text side and turns each job's text into what the sound
side takes (phonemes), while the sound workers load their sessions at the same time.  Sound workers start
loading as the jobs need them (an edit of one sentence loads one), up to the number asked for.  All are
started from the main process as soon as it knows the voice will be needed (:mod:`..headstart`), so they load
while it parses the article and reads the cache.

Each process talks to the main process over its own pipe, one message at a time.  A thread in the main
process receives each reply: a prepared job goes to the next idle sound worker, a result to its batch, so the
voice keeps working while the main thread draws the print edition.  A process that dies (its pipe closes)
breaks the crew: every job not yet done fails with :class:`RenderError`, and the owner starts a new crew.

Workers die with their parent, ignore Ctrl-C, hold no copy of the output folder's lock
(:func:`...procs.worker_init`), and leave when their pipe closes (the main process has gone or let them go).
"""
from __future__ import annotations

import importlib
import itertools
import multiprocessing as mp
import os
import pickle
import queue
import sys
import threading
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_any
from typing import Any, Callable, Iterator, Sequence

from ....errors import RenderError
from ....procs import start_method as _start_method, worker_init

__all__ = ["Crew", "Batch", "Stage"]

HELLO, DONE, ERROR, DEAD = b"h", b"o", b"e", b"d"
"""What a process's message is: its pid (it has loaded), a result, a job's exception, its side did not load."""
LOAD = "load"
"""To a sound worker not yet loaded: load now (jobs are coming)."""


@dataclass(frozen=True)
class Stage:
    """One side of the voice: ``load(arg)`` once per process, then ``work(loaded, job)`` per job (module-level
    functions, so a spawned process can import them)."""

    load: Callable[[Any], Any]
    work: Callable[[Any, Any], Any]


def _portable(e: BaseException) -> BaseException:
    """``e`` if it survives a trip through a pipe, else a RenderError that says what it was."""
    try:
        pickle.loads(pickle.dumps(e))
        return e
    except Exception:
        return RenderError(f"{e.__class__.__name__}: {e}")


def _reply(conn, tag: bytes, value: Any) -> None:
    """One message to the main process: a tag byte (it can act before unpacking), then the pickled value."""
    conn.send_bytes(tag + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _process(parent: int, conn, stage: Stage, arg: Any, eager: bool) -> None:
    """A crew process: load its side (at once if ``eager``, else when told to or given its first job), say so,
    then a job in and its result (or exception) out, until the pipe closes.  If its side does not load, it says
    why and leaves."""
    worker_init(parent)  # dies with the main process, ignores Ctrl-C, holds no lock
    loaded, ready = None, False
    while True:
        if eager and not ready:
            msg = LOAD
        else:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                return
        if msg is None:
            return
        if not ready:
            try:
                loaded, ready = stage.load(arg), True
            except Exception as e:
                try:
                    _reply(conn, DEAD, _portable(e))
                except OSError:
                    pass
                return
            _reply(conn, HELLO, os.getpid())
        if msg == LOAD:
            continue
        key, payload = msg
        try:
            result = stage.work(loaded, payload)
        except Exception as e:
            _reply(conn, ERROR, (key, _portable(e)))
        else:
            _reply(conn, DONE, (key, result))


class Batch:
    """The results of one :meth:`Crew.submit`, as they land."""

    def __init__(self, n: int):
        self.n = n
        self._q: queue.SimpleQueue = queue.SimpleQueue()

    def put(self, index: int, result: Any = None, error: BaseException | None = None) -> None:
        self._q.put((index, result, error))

    def results(self) -> Iterator[tuple[int, Any]]:
        """``(index, result)`` for every job, in the order they finish; a job's exception is raised here."""
        for _ in range(self.n):
            index, result, error = self._q.get()
            if error is not None:
                raise error
            yield index, result


class Crew:
    """One ``text`` process and up to ``workers`` ``sound`` processes: a job's text is prepared by the first,
    then made into its result by one of the others, one job at a time each."""

    def __init__(self, workers: int, text: Stage, sound: Stage, arg: Any, start_method: str | None = None,
                 preload: Sequence[str] = ()):
        # a process that has onnxruntime loaded is never forked (its threads would not come along): spawn then;
        # nor one where another thread is alive (procs.start_method)
        self._ctx = mp.get_context(start_method or ("spawn" if "onnxruntime" in sys.modules else _start_method()))
        self._arg, self.workers = arg, max(1, workers)
        self._lock = threading.Lock()
        self._procs: list = []  # [text, sound 1, sound 2, ...]
        self._conns: list = []
        self._pids: dict[int, int] = {}
        """Process number -> its pid, while its pipe is open (a pid is never signalled after it could be reused)."""
        self._keys = itertools.count()
        self._preparing: dict[int, tuple[Batch, int]] = {}  # sent to the text process
        self._todo: deque = deque()  # prepared: (batch, index, key, prepared job), for the next idle sound worker
        self._busy: dict[int, tuple[Batch, int]] = {}  # sound worker -> its job
        self._idle: list[int] = []
        self.broken: BaseException | None = None
        self._closed = False
        # every process is started now, before the receiver thread (no fork while a thread runs): the text
        # process and the first sound worker load at once, the others when jobs need them
        self._start(text, eager=True)
        for k in range(self.workers):
            self._start(sound, eager=k == 0)
        self._loading = 1  # sound workers told to load
        # what unpickling the replies imports (numpy, for the clips' analyses) is imported here, in the calling
        # thread, before the receiver thread can need it: two threads importing numpy at once may find it half
        # initialised ("cannot import name ... from partially initialized module"), which broke a build
        for name in preload:
            importlib.import_module(name)
        self._thread = threading.Thread(target=self._receive, name="editions-voice-crew", daemon=True)
        self._thread.start()

    def _start(self, stage: Stage, eager: bool) -> None:
        a, b = self._ctx.Pipe()
        proc = self._ctx.Process(target=_process, args=(os.getpid(), b, stage, self._arg, eager), daemon=True,
                                 name="editions-voice")
        proc.start()
        b.close()
        self._procs.append(proc)
        self._conns.append(a)
        if len(self._conns) > 1:
            self._idle.append(len(self._conns) - 1)

    def submit(self, jobs: Sequence[Any], order: Sequence[int] | None = None) -> Batch:
        """Hand ``jobs`` out now (in ``order``, default as given); the batch's indices are positions in ``jobs``."""
        batch = Batch(len(jobs))
        with self._lock:
            if self.broken is not None:
                raise self.broken
            for i in (order if order is not None else range(len(jobs))):
                key = next(self._keys)
                self._preparing[key] = (batch, i)
                try:
                    self._conns[0].send((key, jobs[i]))
                except OSError:  # the text process is gone: the receiver fails what it had (this job too)
                    pass
            wanted = min(self.workers, len(self._preparing) + len(self._todo) + len(self._busy))
            while self._loading < wanted:  # more jobs than loaded workers: the next one loads now, not at its job
                self._loading += 1
                try:
                    self._conns[self._loading].send(LOAD)
                except OSError:
                    pass
        return batch

    def _feed(self) -> None:  # the lock is held
        while self._idle and self._todo and self.broken is None:
            w = self._idle.pop(0)
            batch, i, key, job = self._todo.popleft()
            self._busy[w] = (batch, i)
            try:
                self._conns[w].send((key, job))
            except OSError:  # that worker is gone; its pipe's end reports it to the receiver
                pass

    def _receive(self) -> None:
        live = list(self._conns)
        while live and not self._closed:
            try:
                ready = wait_any(live)
            except (OSError, ValueError):
                return
            for conn in ready:
                w = self._conns.index(conn)
                try:
                    data = conn.recv_bytes()
                except (EOFError, OSError):
                    live.remove(conn)
                    self._pids.pop(w, None)
                    if not self._closed:
                        self._fail(RenderError("a worker of the offline voice stopped unexpectedly"))
                    continue
                try:
                    self._handle(w, data)
                except Exception as e:  # never a silent end of this thread: the batches would wait forever
                    self._fail(RenderError(f"the offline voice's crew failed: {e.__class__.__name__}: {e}"))

    def _handle(self, w: int, data: bytes) -> None:
        tag, done = data[:1], None
        if w and tag in (DONE, ERROR):
            with self._lock:  # the next job goes out before this result is unpacked
                done = self._busy.pop(w, None)
                self._idle.append(w)
                self._feed()
        try:
            value = pickle.loads(data[1:])
        except Exception as e:
            tag, value = DEAD, RenderError(f"a worker of the offline voice sent a damaged reply ({e})")
        if tag == HELLO:
            self._pids[w] = value
        elif tag == DEAD or tag not in (DONE, ERROR):
            self._fail(value if isinstance(value, BaseException) else RenderError("the offline voice failed"))
        elif w == 0:  # the text process: a job prepared, for the sound workers
            key, result = value
            with self._lock:
                job = self._preparing.pop(key, None)  # None: the crew failed meanwhile, and said so to its batch
                if job is not None and tag == DONE:
                    self._todo.append((*job, key, result))
                    self._feed()
            if job is not None and tag == ERROR:
                job[0].put(job[1], error=result)
        elif done is not None:
            batch, i = done
            _, result = value
            batch.put(i, result if tag == DONE else None, result if tag == ERROR else None)

    def _fail(self, error: BaseException) -> None:
        with self._lock:
            if self.broken is None:
                self.broken = error
            pending = (list(self._preparing.values()) + list(self._busy.values())
                       + [(batch, i) for batch, i, _, _ in self._todo])
            self._preparing.clear()
            self._busy.clear()
            self._todo.clear()
        for batch, i in pending:
            batch.put(i, error=error)

    def close(self) -> None:
        """Stop every process now (a finished result has already been handed back; one being made is dropped)."""
        if self._closed:
            return
        self._closed = True
        for proc in self._procs:
            proc.kill()
        for proc in self._procs:
            proc.join(timeout=1)
        self._thread.join(timeout=1)
        for c in self._conns:
            try:
                c.close()
            except OSError:
                pass
        self._fail(RenderError("the offline voice was stopped"))

    @property
    def pids(self) -> dict[int, int]:
        """Process number (0 the text process, then the sound workers) -> pid, for those still running."""
        return dict(self._pids)
