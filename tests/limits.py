"""Running ``editions`` as a child process under a memory limit (``setrlimit``) and a time limit."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GB = 1024 ** 3


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("editions: error:")]

    def assert_one_line_error(self, code: int = 2, *needles: str) -> str:
        assert self.code == code, (self.code, self.stderr[-2000:])
        assert "Traceback" not in self.stderr and "internal error" not in self.stderr, self.stderr[-2000:]
        lines = self.error_lines()
        assert len(lines) == 1, self.stderr[-2000:]
        for n in needles:
            assert n in lines[0], lines[0]
        assert len(lines[0]) < 600, lines[0]
        return lines[0]


def editions(*argv, memory: int = 2 * GB, timeout: float = 120, cwd: Path | None = None, env: dict | None = None,
             stdin=subprocess.DEVNULL, cpu: int | None = None) -> Run:
    """``python -m editions.cli ARGV`` in a child with RLIMIT_AS = ``memory`` (and RLIMIT_CPU = ``cpu`` seconds: the
    kernel stops the child past it, exit code -SIGXCPU or -SIGKILL, whatever else the machine is doing); the test
    fails past ``timeout``.

    The child sets its own limits as it starts: no ``preexec_fn``, which runs Python in a forked copy of this
    (threaded) test process and can deadlock there."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    cpu_limit = f"resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu + 1})); " if cpu is not None else ""
    start = (f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory})); {cpu_limit}"
             "from editions.cli import entry; entry()")
    p = subprocess.run([sys.executable, "-c", start, *map(str, argv)], capture_output=True, text=True,
                       timeout=timeout, cwd=cwd or ROOT, env=full_env, stdin=stdin)
    return Run(p.returncode, p.stdout, p.stderr)


def leftovers(folder: Path) -> list[str]:
    """Half-written files: temporary files a run left behind."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)
