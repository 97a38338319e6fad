"""editions.issue.beside: the issue's PDFs are made in a thread beside the audio; what the function returns or
raises reaches whoever waits for it, as if it had been called there."""
import threading

import pytest

from editions.errors import RenderError
from editions.issue.beside import Beside


def test_the_result_and_the_error_reach_the_caller():
    gate = threading.Event()

    def made(x, *, y):
        gate.wait(5)
        return x + y

    job = Beside(made, 2, y=3)
    assert job._thread.is_alive()  # it runs beside the caller until asked for
    gate.set()
    assert job.result() == 5

    def fails():
        raise RenderError("issue.pdf: not the file its manifest describes")

    with pytest.raises(RenderError, match="not the file"):
        Beside(fails).result()
