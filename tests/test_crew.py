"""The offline voice's worker processes (speech/engines/crew.py): loaded once by a leader, forked from it,
one job at a time each, failures reported and never hung on."""
import os
import signal
import time

import pytest

from editions.errors import EngineUnavailable, RenderError
from editions.speech.engines.crew import Crew

from . import crew_jobs


@pytest.fixture
def crew():
    made = []

    def start(workers=2, load=crew_jobs.load_token, arg="voice", start_method=None):
        made.append(Crew(workers, load, crew_jobs.work, arg, start_method))
        return made[-1]
    yield start
    for c in made:
        c.close()


def _gone(pid: int, within: float = 3.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        with open(f"/proc/{pid}/stat") as f:  # a zombie nobody has reaped yet is gone too
            if f.read().split(") ")[-1].startswith("Z"):
                return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_the_shared_part_is_loaded_once_and_every_worker_uses_it(crew, start_method):
    c = crew(workers=2, start_method=start_method)
    jobs = [(i, 0.05, False) for i in range(12)]
    results = dict(c.submit(jobs).results())
    assert {i: r[0] for i, r in results.items()} == {i: 2 * i for i in range(12)}
    workers = {r[1] for r in results.values()}
    loaded_in = {r[2] for r in results.values()}
    assert len(workers) == 2  # both took jobs...
    assert loaded_in == {c.proc.pid}  # ...with what the leader loaded, once
    assert {r[3] for r in results.values()} == {"voice"}


def test_jobs_go_out_in_the_order_given(crew):
    c = crew(workers=1)
    order = [3, 0, 2, 1]
    done = [i for i, _ in c.submit([(i, 0.0, False) for i in range(4)], order).results()]
    assert done == order


def test_a_failing_job_raises_its_own_error_and_the_crew_goes_on(crew):
    c = crew(workers=2)
    with pytest.raises(ValueError, match="job 1 failed"):
        list(c.submit([(0, 0.0, False), (1, 0.0, True)]).results())
    assert c.broken is None
    assert sorted(v[0] for _, v in c.submit([(5, 0.0, False), (6, 0.0, False)]).results()) == [10, 12]


def test_a_voice_that_does_not_load_fails_every_job_with_its_error(crew):
    c = crew(workers=2, load=crew_jobs.load_fails, arg="nobody")
    with pytest.raises(EngineUnavailable, match="cannot load nobody"):
        list(c.submit([(i, 0.0, False) for i in range(4)]).results())
    with pytest.raises(EngineUnavailable):
        c.submit([(9, 0.0, False)])


def test_a_worker_killed_mid_job_breaks_the_crew_instead_of_hanging(crew):
    c = crew(workers=2)
    batch = c.submit([(i, 2.0, False) for i in range(4)])
    time.sleep(0.5)  # both workers are in a job
    victim = next(pid for pid in c._pids.values() if pid != c.proc.pid)
    os.kill(victim, signal.SIGKILL)
    t = time.monotonic()
    with pytest.raises(RenderError, match="stopped unexpectedly"):
        list(batch.results())
    assert time.monotonic() - t < 5
    assert c.broken is not None


def test_close_stops_every_worker_at_once(crew):
    c = crew(workers=2)
    list(c.submit([(i, 0.0, False) for i in range(4)]).results())
    pids = list(c._pids.values())
    assert len(pids) == 2
    batch = c.submit([(i, 5.0, False) for i in range(2)])
    t = time.monotonic()
    c.close()
    assert time.monotonic() - t < 3
    assert all(_gone(pid) for pid in pids)
    with pytest.raises(RenderError, match="stopped"):
        list(batch.results())
