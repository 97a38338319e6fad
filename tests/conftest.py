"""Shared fixtures: the seed article from ../shared (skipped when absent), sample paths, a CLI runner."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "assets" / "articles"
SEED = Path(os.environ.get("EDITIONS_SEED", ROOT.parent / "shared" / "corpus" / "seed-article.txt"))

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("dev", max_examples=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

_PYTEST_PID = os.getpid()
_threaded_forks: list[list[str]] = []


def _before_fork() -> None:
    """Note every fork of the test process made while another thread is alive: the child inherits any lock that
    thread held at that moment and can wait on it forever (a suite that hung at 8% for ten minutes)."""
    if os.getpid() == _PYTEST_PID:
        others = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
        if others:
            _threaded_forks.append(others)


os.register_at_fork(before=_before_fork)


@pytest.fixture(autouse=True)
def _no_fork_while_threads_run():
    """Fail any test that forks the test process while a thread is alive (use spawn, forkserver or a child
    process; the production pools choose fork only when no other thread runs)."""
    _threaded_forks.clear()
    yield
    if _threaded_forks:
        found = list(_threaded_forks)
        _threaded_forks.clear()
        pytest.fail(f"forked the test process while threads were alive: {found[0]}", pytrace=False)


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article not present at {SEED}")
    return SEED


@pytest.fixture
def sample_md() -> Path:
    return SAMPLES / "harbour-seawall.md"


@pytest.fixture
def sample_txt() -> Path:
    return SAMPLES / "riverside-library.txt"


@pytest.fixture
def run_cli(capsys):
    """Run ``editions`` in-process; returns (exit code, stdout, stderr)."""
    from editions.cli import main

    def run(*argv):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run
