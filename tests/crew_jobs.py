"""Jobs for tests/test_crew.py: module-level, so a spawned leader can import them."""
import os
import time

from editions.errors import EngineUnavailable


def load_token(arg):
    """What the leader loads once: its pid and the argument, and a mark that it was loaded here."""
    return {"loaded_in": os.getpid(), "arg": arg}


def load_fails(arg):
    raise EngineUnavailable(f"cannot load {arg}", hint="install it")


def work(shared, job):
    """``job`` is (value, seconds to take, fail?): the value doubled, who did it, where the shared part came from."""
    value, seconds, fail = job
    time.sleep(seconds)
    if fail:
        raise ValueError(f"job {value} failed")
    return value * 2, os.getpid(), shared["loaded_in"], shared["arg"]
