"""An article's outputs: their names, what may stand in their way, and what a failed write says.

Never write over an input: before an article is rendered (and again before its outputs are written), every
output name it will write in the output folder — its editions, its manifest ``NAME.json``, its
``NAME.verify.json`` — is checked against every file it is read from (the article, its photo, its own lexicon,
the configured lexicon, the settings file).  An output that is the same file (``os.path.samefile``: a hard
link or a symbolic link either way) or the same name in the same folder as an input is refused with one line,
exit 2, naming both; so is a folder standing where an output file goes.  So ``editions render story.json
--out .`` (a JSON article and its manifest share a name) is refused, and nothing is renamed to dodge it: the
output names stay the documented ``NAME.*``.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .config import Config
from .errors import InputError, RenderError
from .model import Article
from .outdir import why

__all__ = ["output_names", "check_outputs", "same_place", "write_error"]


def output_names(slug: str, only: str | None) -> dict[str, str]:
    """Output key -> file name in the output folder, for the editions ``only`` asks for."""
    names = {}
    if only in (None, "audio"):
        names["mp3"], names["vtt"] = f"{slug}.mp3", f"{slug}.vtt"
    if only in (None, "print"):
        names["pdf"], names["large_pdf"] = f"{slug}.pdf", f"{slug}.large-print.pdf"
    if only in (None, "epub"):
        names["epub"] = f"{slug}.epub"
    return names


def article_inputs(src: Path, article: Article, cfg: Config) -> list[tuple[str, Path]]:
    """(what it is, path) of every file an article's editions are made from."""
    from .speech.text import article_lexicon_path
    found = [("the article itself", Path(src))]
    photo = article.photo_file()
    if photo is not None:
        found.append((f"its photo {article.photo.path}", photo))
    own = article_lexicon_path(src)
    if own is not None:
        found.append((f"its lexicon {own.name}", own))
    if cfg.audio.lexicon:
        found.append((f"the lexicon {cfg.audio.lexicon}", Path(cfg.audio.lexicon)))
    if cfg.source:
        found.append((f"the settings file {cfg.source}", Path(cfg.source)))
    return found


def check_outputs(src: Path, article: Article, out: Path, cfg: Config, only: str | None) -> None:
    """InputError unless every output of ``article`` can be written into ``out`` without replacing an input
    or a folder."""
    slug = article.slug
    names = [*output_names(slug, only).values(), f"{slug}.json", f"{slug}.verify.json"]
    inputs = article_inputs(src, article, cfg)
    for name in names:
        target = Path(out) / name
        for what, path in inputs:
            if same_place(target, path):
                raise InputError(f"its output {name} would be written over {what}", path=src,
                                 hint="choose another output folder with --out")
        try:
            in_the_way = stat.S_ISDIR(os.lstat(target).st_mode)
        except OSError:
            in_the_way = False
        if in_the_way:
            raise InputError("is a folder where an output file goes", path=target,
                             hint="remove or rename that folder, or choose another folder with --out")


def same_place(target: Path, path: Path) -> bool:
    """Whether writing ``target`` (a rename onto that name) would replace the file at ``path``: the same file
    (through any link), or the same name in the same folder (``path`` itself a link)."""
    try:
        if os.path.samefile(target, path):
            return True
    except (OSError, ValueError):
        pass
    try:
        return (Path(target).name == Path(path).name
                and os.path.realpath(Path(target).parent) == os.path.realpath(Path(path).parent))
    except (OSError, ValueError):
        return False


def write_error(e: OSError, out: Path, names: dict[str, str] | None = None) -> RenderError:
    """The one line for an output that could not be written: which output (never a temporary file's name),
    why, and what to do; ``names`` maps temporary files to the outputs they were for."""
    filename = str(getattr(e, "filename", "") or "")
    name = (names or {}).get(filename) or Path(filename).name or "the outputs"
    restored = getattr(e, "restored", True)
    if e.errno == errno.EISDIR:
        cause, todo = "a folder of that name is in the way", "remove or rename that folder"
    elif e.errno == errno.ENOSPC:
        cause, todo = why(e), "free some space"
    elif e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        cause, todo = why(e), "fix the output folder's permissions"
    else:
        cause, todo = why(e), "fix the output folder, or choose another with --out"
    kept = ("this article's earlier outputs are untouched" if restored else
            "some of this article's outputs could not be put back: run the build again")
    return RenderError(f"cannot write {name} ({cause})", path=out, hint=f"{todo}; {kept}")
