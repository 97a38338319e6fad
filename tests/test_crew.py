"""The offline voice's worker processes (speech/engines/crew.py): one text process prepares every job, sound
workers (loaded as jobs need them) make the results; failures are reported and never hung on."""
import os
import signal
import time

import pytest

from editions.errors import EngineUnavailable, RenderError
from editions.speech.voices.engines.crew import Crew, Stage

from . import crew_jobs

TEXT = Stage(crew_jobs.load_text, crew_jobs.prepare)
SOUND = Stage(crew_jobs.load_sound, crew_jobs.work)


@pytest.fixture
def crew():
    made = []

    def start(workers=2, text=TEXT, sound=SOUND, start_method=None):
        made.append(Crew(workers, text, sound, "voice", start_method))
        return made[-1]
    yield start
    for c in made:
        c.close()


def _gone(pid: int, within: float = 3.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            with open(f"/proc/{pid}/stat") as f:  # a zombie nobody has reaped yet is gone too
                if f.read().split(") ")[-1].startswith("Z"):
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def _loaded(c, n, within=10.0):
    end = time.monotonic() + within
    while len(c.pids) < n and time.monotonic() < end:
        time.sleep(0.02)
    return c.pids


@pytest.mark.parametrize("start_method", [None, "spawn"])
def test_one_text_process_prepares_every_job_and_every_sound_worker_takes_some(crew, start_method):
    c = crew(workers=2, start_method=start_method)
    results = dict(c.submit([(i, 0.05, None) for i in range(12)]).results())
    assert {i: r[0] for i, r in results.items()} == {i: 2 * i for i in range(12)}
    pids = c.pids
    assert len({r[1] for r in results.values()}) == 2  # both sound workers took jobs...
    assert {r[2] for r in results.values()} == {pids[0]}  # ...prepared by the one text process
    assert {r[3] for r in results.values()} == {"voice"}
    assert pids[0] not in {r[1] for r in results.values()}


def test_a_single_job_loads_one_sound_worker_only(crew):
    c = crew(workers=3)
    assert [v for _, v in c.submit([(1, 0.0, None)]).results()][0][0] == 2
    time.sleep(0.3)
    assert sorted(c.pids) == [0, 1]  # the text process and the first sound worker; the others never loaded
    list(c.submit([(i, 0.1, None) for i in range(6)]).results())
    assert sorted(_loaded(c, 4)) == [0, 1, 2, 3]  # more jobs than workers: all load


def test_jobs_go_out_in_the_order_given(crew):
    c = crew(workers=1)
    order = [3, 0, 2, 1]
    done = [i for i, _ in c.submit([(i, 0.0, None) for i in range(4)], order).results()]
    assert done == order


@pytest.mark.parametrize("where", ["text", "sound"])
def test_a_failing_job_raises_its_own_error_and_the_crew_goes_on(crew, where):
    c = crew(workers=2)
    with pytest.raises(ValueError, match="job 1 "):
        list(c.submit([(0, 0.0, None), (1, 0.0, where)]).results())
    assert c.broken is None
    assert sorted(v[0] for _, v in c.submit([(5, 0.0, None), (6, 0.0, None)]).results()) == [10, 12]


@pytest.mark.parametrize("side", ["text", "sound"])
def test_a_side_that_does_not_load_fails_every_job_with_its_error(crew, side):
    broken = Stage(crew_jobs.load_fails, crew_jobs.prepare if side == "text" else crew_jobs.work)
    c = crew(workers=2, **{side: broken})
    with pytest.raises(EngineUnavailable, match="cannot load voice"):
        list(c.submit([(i, 0.0, None) for i in range(4)]).results())
    with pytest.raises(EngineUnavailable):
        c.submit([(9, 0.0, None)])


def test_a_worker_killed_mid_job_breaks_the_crew_instead_of_hanging(crew):
    c = crew(workers=2)
    batch = c.submit([(i, 2.0, None) for i in range(4)])
    victim = _loaded(c, 3)[2]
    time.sleep(0.3)  # both sound workers are in a job
    os.kill(victim, signal.SIGKILL)
    t = time.monotonic()
    with pytest.raises(RenderError, match="stopped unexpectedly"):
        list(batch.results())
    assert time.monotonic() - t < 5
    assert c.broken is not None


def test_close_stops_every_process_at_once(crew):
    c = crew(workers=2)
    list(c.submit([(i, 0.0, None) for i in range(4)]).results())
    pids = list(_loaded(c, 3).values())
    assert len(pids) == 3
    batch = c.submit([(i, 5.0, None) for i in range(2)])
    t = time.monotonic()
    c.close()
    assert time.monotonic() - t < 3
    assert all(_gone(pid) for pid in pids)
    with pytest.raises(RenderError, match="stopped"):
        list(batch.results())


def test_what_the_replies_need_is_imported_before_the_receiver_can_need_it(crew):
    """The voice's replies carry numpy arrays: unpickled in the receiver thread while the main thread imported
    numpy too, numpy was sometimes half initialised in one of them (a --jobs 2 build failed an article in
    three of six runs).  The crew imports what it is told to in the calling thread first."""
    import sys
    import threading
    sys.modules.pop("tests.crew_probe", None)
    before = threading.active_count()
    c = Crew(1, TEXT, SOUND, "voice", preload=("tests.crew_probe",))
    try:
        assert "tests.crew_probe" in sys.modules  # imported by the constructor, in this thread...
        assert threading.active_count() == before + 1  # ...which has started the receiver by now
        assert dict(c.submit([(1, 0.0, None)]).results())[0][0] == 2
    finally:
        c.close()


@pytest.mark.slow
def test_a_parallel_build_with_the_real_voice_renders_every_article(tmp_path):
    """Twenty short articles, two jobs, each with its own voice crew: every one rendered (before the preload,
    one or two failed in about half of such builds)."""
    import subprocess
    import sys
    from .conftest import SAMPLES
    body = (SAMPLES / "riverside-library.txt").read_text(encoding="utf-8").strip().split("\n\n")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(20):
        paragraphs = [f"Article {i + 1}: {body[1]}"] + [f"Story {i + 1}. {b}" for b in body[3:5]]
        (folder / f"a{i:02d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "editions", "build", str(folder), "--out", str(tmp_path / "o"),
                           "--engine", "offline", "--jobs", "2", "--cache", str(tmp_path / "c")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "20 rendered, 0 up to date, 0 failed" in proc.stderr + proc.stdout


def test_workers_are_forked_only_while_no_other_thread_runs():
    from editions.procs import start_method
    import threading
    stop = threading.Event()
    t = threading.Thread(target=stop.wait, daemon=True)
    t.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        t.join()
    if threading.active_count() == 1:  # earlier tests may leave threads of their own (a Dask client's)
        assert start_method() == "fork"


def test_a_forked_crew_works_in_a_process_with_one_thread():
    """The production default where nothing else runs: fork. Run in a fresh interpreter, never in this threaded one."""
    import subprocess
    import sys
    from pathlib import Path
    code = ("from editions.speech.voices.engines.crew import Crew, Stage\n"
            "from tests import crew_jobs\n"
            "c = Crew(2, Stage(crew_jobs.load_text, crew_jobs.prepare), Stage(crew_jobs.load_sound, crew_jobs.work),"
            " 'voice')\n"
            "assert c._ctx.get_start_method() == 'fork', c._ctx.get_start_method()\n"
            "print(sorted(r[0] for _, r in c.submit([(i, 0.0, None) for i in range(6)]).results()))\n"
            "c.close()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[0, 2, 4, 6, 8, 10]"
