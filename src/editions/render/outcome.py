"""What rendering gives back: one :class:`RenderOutcome` per article, a :class:`BuildReport` per batch."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EditionsError, bad_path_error

__all__ = ["RenderOutcome", "BuildReport", "failed_outcome"]


@dataclass
class RenderOutcome:
    source: str
    slug: str = ""
    status: str = "ok"  # ok | skipped | failed
    outputs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    exit_code: int = 0
    seconds: float = 0.0
    manifest: dict = field(default_factory=dict)
    verify: object = None
    """The VerifyReport when --verify was asked for."""
    article: object = field(default=None, repr=False, compare=False)
    """The Article an up-to-date (skipped) article was parsed into to be found so, when that was done in this
    process: what comes after the build (the issue's assembly) need not parse its source again."""


@dataclass
class BuildReport:
    results: list[RenderOutcome]
    seconds: float
    error: str = ""
    """A problem with the output folder itself (cannot be written; index.json not written), one line."""
    error_code: int = 0

    @property
    def exit_code(self) -> int:
        if self.error_code:
            return self.error_code
        if any(r.status == "failed" for r in self.results):
            return 1
        return max((r.exit_code for r in self.results), default=0)


def failed_outcome(src: Path, e: BaseException, seconds: float = 0.0) -> RenderOutcome:
    """A batch entry for an article that could not be rendered (one line, as the CLI prints it)."""
    e = bad_path_error(e) or e
    if isinstance(e, EditionsError):
        return RenderOutcome(str(src), status="failed", error=e.one_line(), exit_code=e.exit_code, seconds=seconds)
    return RenderOutcome(str(src), status="failed", error=f"internal error: {e.__class__.__name__}: {e}",
                         exit_code=1, seconds=seconds)
