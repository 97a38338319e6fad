"""Do two revisions make the same editions?  For a move of code that must change no output.

    .venv/bin/python tools/compare_builds.py BASE [HEAD] [--engine test|offline] [--articles DIR] [--issue]

Builds the articles (default: assets/articles) with each revision's code (a temporary git worktree, run with this
venv and PYTHONPATH pointing at its src/) and compares every output byte for byte, except what records the
time: the EPUB's dcterms:modified and the feed's lastBuildDate (compared with them blanked) and the manifests'
``seconds`` and ``built_at`` (and the EPUB's and the feed's size and hash in ``outputs``, which the time changes).
Prints a line per file; exits 1 on a difference.
With ``--issue`` it runs ``editions issue`` instead of ``build`` (the articles and the whole issue; a folder such as
the DAISY book is compared file by file).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODIFIED = re.compile(rb"<meta property=\"dcterms:modified\">[^<]*</meta>")
BUILT = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>")


def build(rev: str, articles: Path, out: Path, engine: str, scratch: Path, command: str = "build") -> None:
    tree = scratch / f"tree-{rev.replace('/', '_')}"
    if rev == "WORKTREE":
        tree = ROOT
    else:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), rev], check=True)
    try:
        env = {**os.environ, "PYTHONPATH": str(tree / "src")}
        subprocess.run([sys.executable, "-m", "editions", command, str(articles), "--out", str(out), "--engine",
                        engine, "--no-cache", "--force"], env=env, check=False, capture_output=True)
    finally:
        if tree != ROOT:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def epub_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: MODIFIED.sub(b"", z.read(n)) for n in z.namelist()}


def manifest(path: Path) -> dict:
    m = json.loads(path.read_text(encoding="utf-8"))
    for key in ("seconds", "built_at"):
        m.pop(key, None)
    for key in ("epub", "feed"):  # their bytes hold the time (the EPUB's compressed, the feed's lastBuildDate)
        if key in m.get("outputs", {}):
            m["outputs"][key] = {"path": m["outputs"][key]["path"]}
    return m


def _names(folder: Path) -> set[str]:
    """Every file under ``folder``, as a path relative to it (a folder's files one by one)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("base")
    p.add_argument("head", nargs="?", default="WORKTREE", help="a revision, or WORKTREE (the default): this checkout")
    p.add_argument("--engine", default="test")
    p.add_argument("--articles", type=Path, default=ROOT / "assets" / "articles")
    p.add_argument("--issue", action="store_true", help="run editions issue (the whole issue too), not build")
    args = p.parse_args()
    command = "issue" if args.issue else "build"
    with tempfile.TemporaryDirectory(prefix="editions-compare-") as tmp:
        scratch = Path(tmp)
        a, b = scratch / "a", scratch / "b"
        build(args.base, args.articles.resolve(), a, args.engine, scratch, command)
        build(args.head, args.articles.resolve(), b, args.engine, scratch, command)
        names = sorted((_names(a) | _names(b)) - {".lock"})
        differ = 0
        for name in names:
            fa, fb = a / name, b / name
            if not fa.exists() or not fb.exists():
                same = False
            elif name.endswith(".epub"):
                same = epub_parts(fa) == epub_parts(fb)
            elif name == "feed.xml":
                same = BUILT.sub(b"", fa.read_bytes()) == BUILT.sub(b"", fb.read_bytes())
            elif name.endswith(".json"):
                same = manifest(fa) == manifest(fb) and list(manifest(fa)) == list(manifest(fb))
            else:
                same = fa.read_bytes() == fb.read_bytes()
            differ += not same
            print(f"{'same' if same else 'DIFFERS'}  {name}")
        print(f"{len(names) - differ} of {len(names)} the same ({args.base} vs {args.head}, engine {args.engine})")
        return 1 if differ or not names else 0


if __name__ == "__main__":
    sys.exit(main())
