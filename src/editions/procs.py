"""Worker processes that cannot outlive the run that started them, and that leave interruption to it.

Takes nothing; gives :func:`worker_init`, the initializer every process pool of the package runs in each worker,
and :func:`stop_pool`.  A worker

- dies with its parent (``PR_SET_PDEATHSIG`` on Linux; elsewhere it checks its parent's pid between tasks), so
  ``kill -9`` of the main process never leaves workers narrating, and never leaves the output folder locked;
- closes its inherited copy of the output folder's lock (an ``flock`` belongs to the open file, which every forked
  worker shares: the kernel releases it only when the last copy is closed);
- ignores Ctrl-C (the terminal sends it to the whole process group; the main process decides) and dies at once on
  SIGTERM, without a traceback; the main process removes what it left.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys

__all__ = ["Behind", "worker_init", "stop_pool", "hold_lock_fd", "release_lock_fd", "available_cores", "capped",
           "start_method"]

_PR_SET_PDEATHSIG = 1
_lock_fds: set[int] = set()
_parent: int | None = None
_warned: set = set()


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def capped(n: int, what: str) -> int:
    """``n`` processes, but no more than the cores available (each one is a whole voice or render in memory:
    ``--jobs 1000`` asked for 18.5 GB); a warning says when it was lowered."""
    cores = available_cores()
    if n > cores:
        import logging
        if (what, n) in _warned:
            return cores
        _warned.add((what, n))
        logging.getLogger("editions").warning("editions: warning: %s %d lowered to %d, the cores available",
                                              what, n, cores)
        return cores
    return max(1, n)


def start_method() -> str:
    """How to start worker processes from this process now: ``fork`` while this is the only thread (a worker then
    starts with everything already imported), ``spawn`` once any other thread is alive -- a forked child inherits
    every lock held by another thread at that moment and can wait on it forever (a caller that runs
    :func:`editions.cli.main` in a threaded process, a test suite with a Dask client open).  Not ``forkserver``:
    its children are the server's, and a worker must be its starter's child to die with it (:func:`worker_init`)."""
    import threading
    return "fork" if threading.active_count() == 1 else "spawn"


def hold_lock_fd(fd: int) -> None:
    """Record an open lock file descriptor that workers must not keep."""
    _lock_fds.add(fd)


def release_lock_fd(fd: int) -> None:
    _lock_fds.discard(fd)


def _die_with_parent(parent: int) -> None:
    global _parent
    _parent = parent
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: parent_alive() between tasks still stops us
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def parent_alive() -> bool:
    return _parent is None or os.getppid() == _parent


def worker_init(parent: int, then=None, *args) -> None:
    """Initializer for a pool worker: ``ProcessPoolExecutor(initializer=worker_init, initargs=(os.getpid(),))``."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fd in list(_lock_fds):
        with contextlib.suppress(OSError):
            os.close(fd)
        _lock_fds.discard(fd)
    if then is not None:
        then(*args)


def stop_pool(pool) -> None:
    """On an interrupt: kill the worker processes now (each finished result has already been handed back), instead
    of waiting for the queue to drain.

    Futures are never cancelled here: Python 3.11's pool manager then fails every pending future as "broken", and
    setting that on a cancelled future raises InvalidStateError in its thread, which left the pool's threads
    (and the process) hanging.  So callers collect results with ``submit`` and never ``map`` (whose iterator
    cancels what is left when it is closed)."""
    import threading
    threading.excepthook = lambda args: None  # we are stopping: a pool thread's complaint is not the user's news
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.kill()
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False)
    for proc in processes:
        with contextlib.suppress(Exception):
            proc.join(timeout=1)


@contextlib.contextmanager
def interrupts_held():
    """Ctrl-C and SIGTERM wait until the block is done (then arrive as usual): for a step that an interrupt must
    not cut in half, such as a Dask client building a Future (a Future left half made prints a traceback when it
    is collected).  Only the main thread receives signals; elsewhere, or without ``pthread_sigmask``, nothing."""
    import threading
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class Behind:
    """``fn()`` run by a thread at a lower CPU priority than the rest of the process (its own nice value, 10 more,
    on Linux, where a thread has one): what the main process does while its workers render (checking the other
    articles, reading ahead for the issue) then takes only the cores they leave, instead of slowing the render
    it waits for.  :meth:`result` waits and returns what ``fn`` returned, or raises what it raised."""

    def __init__(self, fn):
        import threading
        self._value, self._error = None, None

        def work() -> None:
            if sys.platform.startswith("linux"):
                try:
                    me = threading.get_native_id()
                    os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + 10))
                except (OSError, AttributeError):
                    pass  # (only ever a courtesy)
            try:
                self._value = fn()
            except BaseException as e:  # handed to whoever waits for the result
                self._error = e

        self._thread = threading.Thread(target=work, name="editions-behind")
        self._thread.start()

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value
