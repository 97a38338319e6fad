"""Progress: a bar on a terminal, plain log lines otherwise."""
import io
import logging

from editions.progress import Progress


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_bar_on_a_terminal():
    out = FakeTTY()
    bar = Progress("narrating", 4, stream=out)
    for _ in range(4):
        bar(1)
    text = out.getvalue()
    assert text.count("\r") == 4 and text.endswith("] 4/4\n") and "[" + "#" * 28 + "]" in text


def test_log_lines_when_not_a_terminal(caplog):
    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger="editions"):
        bar = Progress("narrating", 8, stream=out)
        for _ in range(8):
            bar(1)
    assert out.getvalue() == ""
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["narrating: 2/8 (25%)", "narrating: 4/8 (50%)", "narrating: 6/8 (75%)", "narrating: 8/8 (100%)"]
