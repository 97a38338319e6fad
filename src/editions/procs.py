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

__all__ = ["Apart", "Behind", "worker_init", "stop_pool", "hold_lock_fd", "release_lock_fd", "available_cores", "capped",
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
    """``fn()`` run by a thread beside the caller, by default at a lower CPU priority than the rest of the process
    (its own nice value, ``nice`` more, on Linux, where a thread has one): what the main process does while its
    workers render (checking the other articles, reading ahead for the issue) then takes only the cores they
    leave, instead of slowing the render it waits for; with ``nice=0``, work that spends its time outside the
    interpreter's lock (hashing and writing the issue's 60 MB files).  :meth:`result` waits and returns what
    ``fn`` returned, or raises what it raised.  The thread is not a daemon: should the caller fail first, it
    still ends on its own.  Worker processes started while it is alive are spawned, never forked
    (:func:`start_method`)."""

    def __init__(self, fn, nice: int = 10):
        import threading
        self._value, self._error = None, None

        def work() -> None:
            if nice and sys.platform.startswith("linux"):
                try:
                    me = threading.get_native_id()
                    os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + nice))
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


class Apart:
    """``fn()`` run by a child process forked now, beside this one: work that holds the interpreter's lock most
    of the time (the issue's PDFs: pikepdf and ReportLab) then runs on the other core instead of taking turns
    with this process's.  The child sees everything this process holds (nothing is copied or pickled on the way
    in) and sends back ``fn()``'s value, pickled.  Only when this is the process's one thread (a fork then
    inherits no lock held by another), else by a thread.  Should the child fail in any way, :meth:`result` runs
    ``fn()`` here -- so its value, or its error, is always this process's own.  The child dies with this
    process (``PR_SET_PDEATHSIG``) and ignores Ctrl-C, which is this process's to handle."""

    def __init__(self, fn):
        import threading
        self._fn, self._pid, self._reader, self._thread = fn, None, None, None
        if start_method() != "fork" or not hasattr(os, "fork"):
            self._thread = Behind(fn, nice=0)
            return
        r, w = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(r)
                _die_with_parent(parent)
                for fd in list(_lock_fds):  # (the output folder's lock is the parent's)
                    with contextlib.suppress(OSError):
                        os.close(fd)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                import pickle
                data = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(w, "wb") as f:
                    f.write(data)
                code = 0
            except BaseException:  # noqa: BLE001 -- the parent runs fn() itself and meets the error there
                pass
            os._exit(code)
        os.close(w)
        self._pid = pid
        chunks: list[bytes] = []

        def read() -> None:
            with os.fdopen(r, "rb") as f:
                while chunk := f.read(1 << 20):
                    chunks.append(chunk)
        self._chunks = chunks
        self._reader = threading.Thread(target=read, name="editions-apart")
        self._reader.start()

    def result(self):
        if self._thread is not None:
            return self._thread.result()
        if self._pid is not None:
            try:
                self._reader.join()
                _, status = os.waitpid(self._pid, 0)
            except BaseException:
                self.stop()
                raise
            self._pid = None
            if os.waitstatus_to_exitcode(status) == 0:
                import pickle
                try:
                    return pickle.loads(b"".join(self._chunks))
                except Exception:  # noqa: BLE001 -- made here instead
                    pass
        return self._fn()

    def stop(self) -> None:
        """Kill the child (this process was interrupted)."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            self._pid = None
