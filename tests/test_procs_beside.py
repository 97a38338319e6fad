"""Work beside the caller: a thread (editions.procs.Behind: the other articles' checks at a lower priority, the
issue's large files hashed and written) or a forked process (editions.procs.Apart: the issue's PDFs, which hold
the interpreter's lock); what the function returns or raises reaches whoever waits for it, as if it had been
called there."""
import os
import sys
import threading

import pytest

from editions import procs
from editions.errors import RenderError
from editions.procs import Apart, Behind


def test_the_result_and_the_error_reach_the_caller():
    gate = threading.Event()

    def made():
        gate.wait(5)
        return 5

    job = Behind(made, nice=0)
    assert job._thread.is_alive()  # it runs beside the caller until asked for
    gate.set()
    assert job.result() == 5

    def fails():
        raise RenderError("issue.pdf: not the file its manifest describes")

    with pytest.raises(RenderError, match="not the file"):
        Behind(fails).result()


CHILD = """
import os, sys, threading
from editions.errors import RenderError
from editions.procs import Apart
assert threading.active_count() == 1
here = os.getpid()
got = Apart(lambda: (os.getpid(), b"%PDF" * 100_000)).result()
assert got[0] != here and got[1] == b"%PDF" * 100_000, got[0]  # made there, 400 kB back
# the child fails (here: only there) or makes what cannot be sent: made here instead, its error ours
assert Apart(lambda: "here" if os.getpid() == here else sys.exit(3)).result() == "here"
assert Apart(lambda: (lambda: os.getpid())).result()() == here  # a function cannot be pickled
def fails():
    raise RenderError("issue.pdf: not the file its manifest describes")
try:
    Apart(fails).result()
    raise SystemExit("no error")
except RenderError as e:
    assert "not the file" in str(e)
gate = threading.Event()
job = Apart(lambda: gate.wait(60))
pid = job._pid
assert pid
job.stop()
try:
    os.waitpid(pid, os.WNOHANG)
    raise SystemExit("the child is still there")
except ChildProcessError:
    pass  # killed and reaped
print("ok")
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a process is forked only where there is fork")
def test_apart_runs_in_a_child_process_and_its_value_comes_back():
    """Run in a Python of its own, whose one thread may fork (this test process runs others)."""
    import subprocess
    r = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_apart_is_a_thread_when_forking_is_not_safe(monkeypatch):
    monkeypatch.setattr(procs, "start_method", lambda: "spawn")  # another thread is running
    here = os.getpid()
    job = Apart(lambda: os.getpid())
    assert job._thread is not None and job.result() == here
