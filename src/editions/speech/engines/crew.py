"""The offline voice's worker processes: one loads what they share, the others are forked from it.

Takes a function that loads the shared part of a voice, a function that does one job with it, and a number
of workers; gives :class:`Crew`, whose :meth:`Crew.submit` hands jobs out in the order given and returns a
:class:`Batch` that yields each result as it lands.

Why not a ``ProcessPoolExecutor``: each of its workers loads the voice on its own, and most of that second
is the voice's text side (imports, the pronouncing lexicon and the tagger: plain Python data, the same in
every worker).  Here the leader, the one process started from the main process, loads it once and then forks
the other workers from itself, so they share it copy-on-write; each worker (the leader too) then opens what
must not cross a fork itself (an onnxruntime session: ``load`` and ``work`` decide what that is).  Started as
soon as the main process knows the voice will be needed, the leader loads while the main process parses the
article and reads the cache.

Each worker talks to the main process over its own pipe: a job in, a result or an exception out, one at a
time.  A thread in the main process receives each result and sends that worker its next job at once, so the
voice keeps working while the main thread draws the print edition.  A worker that dies (its pipe closes)
breaks the crew: every job not yet done fails with :class:`RenderError`, and the owner starts a new crew.

Workers die with their parent (the leader with the main process, the others with the leader), ignore
Ctrl-C, hold no copy of the output folder's lock (:func:`...procs.worker_init`), and leave when their pipe
closes (the main process has gone or let them go).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import queue
import signal
import sys
import threading
from collections import deque
from multiprocessing.connection import wait as wait_any
from typing import Any, Callable, Iterator, Sequence

from ...errors import RenderError
from ...procs import worker_init

__all__ = ["Crew", "Batch"]

HELLO, DONE, ERROR, DEAD = b"h", b"o", b"e", b"d"
"""What a worker's message is: its pid (it has started), a result, a job's exception, the voice did not load."""


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


def _serve(conn, work: Callable[[Any, Any], Any], shared: Any) -> None:
    """A worker's loop: a job in, its result (or the exception it raised) out, until the pipe closes."""
    _reply(conn, HELLO, os.getpid())
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = work(shared, job)
        except Exception as e:
            _reply(conn, ERROR, _portable(e))
        else:
            _reply(conn, DONE, result)


def _leader(parent: int, conns: list, load: Callable[[Any], Any], work: Callable[[Any, Any], Any], arg: Any) -> None:
    """The first worker: load the shared part, fork the others from itself, then work as one of them."""
    worker_init(parent)  # dies with the main process, ignores Ctrl-C, holds no lock
    try:
        shared = load(arg)
    except Exception as e:  # every worker's pipe says why, and the jobs fail with it
        for c in conns:
            try:
                _reply(c, DEAD, _portable(e))
            except OSError:
                pass
        return
    me = os.getpid()
    for k in range(1, len(conns)):
        pid = os.fork()
        if pid == 0:  # worker k: its own pipe only
            code = 0
            try:
                for j, c in enumerate(conns):
                    if j != k:
                        c.close()
                worker_init(me)
                _serve(conns[k], work, shared)
            except BaseException:
                code = 1
            finally:
                os._exit(code)  # never the leader's exit handlers
        conns[k].close()
    for c in conns[1:]:
        c.close()
    _serve(conns[0], work, shared)


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
    """``workers`` processes sharing what ``load(arg)`` made, doing ``work(shared, job)`` one job at a time each."""

    def __init__(self, workers: int, load: Callable[[Any], Any], work: Callable[[Any, Any], Any], arg: Any,
                 start_method: str | None = None):
        # a process that has onnxruntime loaded is never forked (its threads would not come along): spawn then
        ctx = mp.get_context(start_method or ("spawn" if "onnxruntime" in sys.modules else "fork"))
        self.conns, ends = [], []
        for _ in range(max(1, workers)):
            a, b = ctx.Pipe()
            self.conns.append(a)
            ends.append(b)
        self.proc = ctx.Process(target=_leader, args=(os.getpid(), ends, load, work, arg), daemon=True,
                                name="editions-voice")
        self.proc.start()
        for b in ends:
            b.close()
        self._pids: dict[int, int] = {}
        """Worker -> its pid, while its pipe is open (so a pid is never signalled after it could be reused)."""
        self.broken: BaseException | None = None
        self._lock = threading.Lock()
        self._todo: deque = deque()
        self._busy: dict[int, tuple[Batch, int]] = {}
        self._idle = list(range(len(self.conns)))
        self._closed = False
        self._thread = threading.Thread(target=self._receive, name="editions-voice-crew", daemon=True)
        self._thread.start()

    def submit(self, jobs: Sequence[Any], order: Sequence[int] | None = None) -> Batch:
        """Hand ``jobs`` out now (in ``order``, default as given); the batch's indices are positions in ``jobs``."""
        batch = Batch(len(jobs))
        with self._lock:
            if self.broken is not None:
                raise self.broken
            for i in (order if order is not None else range(len(jobs))):
                self._todo.append((batch, i, jobs[i]))
            self._feed()
        return batch

    def _feed(self) -> None:  # the lock is held
        while self._idle and self._todo and self.broken is None:
            w = self._idle.pop(0)
            batch, i, job = self._todo.popleft()
            self._busy[w] = (batch, i)
            try:
                self.conns[w].send(job)
            except OSError:  # that worker is gone; its pipe's end reports it to the receiver
                pass

    def _receive(self) -> None:
        live = list(self.conns)
        while live and not self._closed:
            try:
                ready = wait_any(live)
            except OSError:
                return
            for conn in ready:
                w = self.conns.index(conn)
                try:
                    data = conn.recv_bytes()
                except (EOFError, OSError):
                    live.remove(conn)
                    self._pids.pop(w, None)
                    if not self._closed:
                        self._fail(RenderError("a worker of the offline voice stopped unexpectedly"))
                    continue
                tag, done = data[:1], None
                if tag in (DONE, ERROR):
                    with self._lock:  # the next job goes out before this result is unpacked
                        done = self._busy.pop(w, None)
                        self._idle.append(w)
                        self._feed()
                try:
                    value = pickle.loads(data[1:])
                except Exception as e:
                    tag, value = ERROR, RenderError(f"a worker of the offline voice sent a damaged reply ({e})")
                if tag == HELLO:
                    self._pids[w] = value
                elif tag == DEAD or tag not in (DONE, ERROR):
                    self._fail(value if isinstance(value, BaseException) else RenderError("the offline voice failed"))
                elif done is not None:
                    batch, i = done
                    batch.put(i, value if tag == DONE else None, value if tag == ERROR else None)

    def _fail(self, error: BaseException) -> None:
        with self._lock:
            if self.broken is None:
                self.broken = error
            for batch, i in self._busy.values():
                batch.put(i, error=error)
            for batch, i, _ in self._todo:
                batch.put(i, error=error)
            self._busy.clear()
            self._todo.clear()

    def close(self) -> None:
        """Stop every worker now (a finished result has already been handed back; one being made is dropped)."""
        if self._closed:
            return
        self._closed = True
        for pid in list(self._pids.values()):
            if pid != self.proc.pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        self.proc.kill()  # its workers die with it (they also leave when their pipes close)
        self.proc.join(timeout=1)
        self._thread.join(timeout=1)
        for c in self.conns:
            try:
                c.close()
            except OSError:
                pass
        self._fail(RenderError("the offline voice was stopped"))
