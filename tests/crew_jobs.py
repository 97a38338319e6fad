"""Stages for tests/test_crew.py: module-level, so a spawned process can import them."""
import os
import time

from editions.errors import EngineUnavailable


def load_text(arg):
    """The text side, loaded once: where it was loaded."""
    return {"loaded_in": os.getpid(), "arg": arg}


def load_fails(arg):
    raise EngineUnavailable(f"cannot load {arg}", hint="install it")


def prepare(text_side, job):
    """``job`` is (value, seconds to take, where to fail or None): prepared by the text process."""
    value, seconds, fail = job
    if fail == "text":
        raise ValueError(f"job {value} could not be prepared")
    return value, seconds, fail, text_side["loaded_in"]


def load_sound(arg):
    return {"pid": os.getpid(), "arg": arg}


def work(sound_side, prepared):
    value, seconds, fail, text_pid = prepared
    time.sleep(seconds)
    if fail == "sound":
        raise ValueError(f"job {value} failed")
    return value * 2, os.getpid(), text_pid, sound_side["arg"]
