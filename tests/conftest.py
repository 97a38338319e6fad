"""Shared fixtures: the seed article from ../shared (skipped when absent), sample paths, a CLI runner."""
from __future__ import annotations

import os
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
