"""The ``editions`` command: ``main(argv) -> int``.

The only place that prints errors and chooses exit codes: 0 ok, 1 a rendering or
runtime failure, 2 bad input or usage.  An error is one line on stderr,
``editions: error: FILE: what is wrong (what to do)``; ``--debug`` adds the traceback.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import stat
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import ConfigError, EditionsError, bad_path_error
from .terminal import shown

__all__ = ["main", "entry", "shown"]

def _emit(text: object = "", *, err: bool = False, multiline: bool = False) -> None:
    """Every line the command prints goes through here (:func:`shown`)."""
    print(shown(text, multiline), file=sys.stderr if err else sys.stdout, flush=True)


class _SafeFormatter(logging.Formatter):
    def format(self, record) -> str:
        return shown(super().format(record), multiline=True)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: one line, exit 2
        raise _Usage(message)


class _Usage(Exception):
    """A usage error (argparse's, or a flag that does not fit): one line, exit 2."""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", metavar="TAG", help="language (BCP 47): over what an article says or what is detected in "
                                                 "plain text; for say, the text's (default en)")
    p.add_argument("--config", metavar="FILE", help="settings file (default: ./editions.toml if present)")
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")


def _render_opts(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="DIR", default="output", help="output folder (default: output/)")
    p.add_argument("--engine", choices=["offline", "gtts", "auto", "test"], help="voice engine (default from config, else auto)")
    p.add_argument("--voice", help="engine voice name")
    p.add_argument("--cache", metavar="DIR", help="clip cache folder (default: $EDITIONS_CACHE or ~/.cache/editions)")
    p.add_argument("--no-cache", action="store_true", help="synthesise every clip afresh")
    from .render.registry import names
    p.add_argument("--only", choices=names(), help="render one edition only")
    p.add_argument("--page-size", choices=["letter", "a4"], help="print page size")
    p.add_argument("--strict", action="store_true", default=None, help="a missing photo is an error, not a warning")
    p.add_argument("--no-photo-description", dest="describe_photo", action="store_false", default=None)
    p.add_argument("--verify", action="store_true", help="listen back with a speech recogniser after rendering")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="editions", description="Render a news article as a narrated MP3 and print PDFs.")
    parser.add_argument("--version", action="version", version=f"editions {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("inspect", help="print the article model")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the model as JSON")
    _common(p)

    p = sub.add_parser("render", help="render one article's editions")
    p.add_argument("file")
    _render_opts(p)
    _common(p)

    for name, what in (("build", "render every article in a folder (incremental)"),
                       ("issue", "build a folder's articles, then assemble them as one issue: MP3, VTT, feed")):
        p = sub.add_parser(name, help=what)
        p.add_argument("dir", nargs="?", default="assets/articles")
        p.add_argument("--jobs", type=int, default=None, help="articles rendered at once (default: cores)")
        p.add_argument("--force", action="store_true", help="re-render even unchanged articles")
        p.add_argument("--scheduler", metavar="ADDRESS",
                       help="render on a Dask cluster: tcp://HOST:8786, or local:N for N worker processes here; "
                            "none for the local process pool (default: $EDITIONS_SCHEDULER, else [build] scheduler)")
        if name == "issue":
            p.add_argument("--base-url", metavar="URL", help="where OUT is published (over issue.toml's base_url)")
        _render_opts(p)
        _common(p)

    p = sub.add_parser("verify", help="transcribe an audio edition and report misread words")
    p.add_argument("file")
    p.add_argument("--out", metavar="DIR", default="output")
    p.add_argument("--max-wer", type=float, default=None, help="highest overall word error rate accepted (0.05 = 5%%)")
    _common(p)

    p = sub.add_parser("say", help="print the words (or phonemes) a voice will be given for a text")
    p.add_argument("text", nargs="?", help="the text (default: standard input, one text per line)")
    p.add_argument("--engine", choices=["offline", "gtts", "auto", "test"], help="voice engine (default from config)")
    p.add_argument("--voice", help="engine voice name")
    p.add_argument("--lexicon", metavar="FILE", help="a pronunciation lexicon to add to the built-in one")
    p.add_argument("--phonemes", action="store_true", help="print the offline voice's phonemes instead")
    p.add_argument("--speak", metavar="FILE", help="also narrate the text to FILE (.mp3 or .wav)")
    _common(p)

    p = sub.add_parser("script", help="print an article's narration script: each cue's words, pause and chapter")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the script as JSON (a documented contract)")
    p.add_argument("--engine", choices=["offline", "gtts", "auto", "test"], help="voice engine (default from config)")
    p.add_argument("--voice", help="engine voice name")
    _common(p)
    sub.add_parser("voices", help="list the languages the voices speak: the offline voice for each, and gTTS")
    p = sub.add_parser("serve", help="preview a folder of editions (default output/) on 127.0.0.1, with seeking")
    p.add_argument("dir", nargs="?", default="output"), p.add_argument("--port", type=int, default=8000)
    return parser


def _config(args):
    from .config import load_config
    cfg = load_config(args.config)
    audio = {"engine": getattr(args, "engine", None), "voice": getattr(args, "voice", None),
             "describe_photo": getattr(args, "describe_photo", None)}
    prn = {"page_size": getattr(args, "page_size", None), "strict": getattr(args, "strict", None)}
    ver = {"max_wer": getattr(args, "max_wer", None)}
    parse = {"lang": getattr(args, "lang", None) if args.command != "say" else None}
    return cfg.with_overrides(audio=audio, print=prn, verify=ver, parse=parse)


def _inspect(args) -> int:
    from .parse import load_article
    cfg = _config(args)
    article = load_article(args.file, cfg.parse)
    if args.json:
        _emit(json.dumps(article.to_dict(), indent=2, ensure_ascii=False), multiline=True)
        return 0
    out = [f"headline:    {article.headline}"]
    for label, value in (("deck", article.deck), ("byline", article.byline), ("date", article.date),
                         ("dateline", article.dateline), ("lang", article.lang)):
        if value:
            out.append(f"{label + ':':<13}{value}")
    if article.photo:
        out.append(f"photo:       {article.photo.path or '(no file)'} — {article.photo.caption}"
                   + (f" [{article.photo.credit}]" if article.photo.credit else ""))
    for i, s in enumerate(article.sections):
        words = sum(len(p.text.split()) for p in s.paragraphs)
        out.append(f"section {i}:   {s.heading or '(lead)'} — {len(s.paragraphs)} paragraph(s), {words} words")
    for q in article.pull_quotes:
        out.append(f"pull quote:  “{q.text}” — {q.attribution or 'unattributed'}")
    if article.credit_line:
        out.append(f"credit line: {article.credit_line}")
    for w in article.warnings:
        out.append(f"warning:     {w}")
    for line in out:
        _emit(line)
    return 0


def _check_home() -> None:
    """$HOME holds the clip cache, the voice's files and ReportLab's settings: a file there is one line, now."""
    home = os.environ.get("HOME")
    if not home:
        return
    try:
        ok = stat.S_ISDIR(os.stat(home).st_mode)
    except FileNotFoundError:  # not made yet: the clip cache makes it
        ok = True
    except OSError:  # a path through a file, a name too long, a loop of links
        ok = False
    if not ok:
        raise ConfigError("HOME is not a folder", path=home,
                          hint="set HOME to your home folder; the clip cache and the voice's files live under it")


def _render(args) -> int:
    _check_home()
    cfg = _config(args)
    cache = _cache(args)
    from .render.registry import narrates
    if narrates(args.only):
        from .speech.voices import head_start
        head_start(Path(args.file), cfg, cache)  # the voice loads while the article is parsed
    from .render import render_one
    result = render_one(Path(args.file), Path(args.out), cfg, cache=cache, only=args.only, verify=args.verify)
    for w in result.warnings:
        _emit(f"editions: warning: {args.file}: {w}", err=True)
    if result.verify is not None:
        from .verify import format_report
        _emit(format_report(result.verify), multiline=True)
    for path in result.outputs:
        _emit(path)
    audio = result.manifest.get("audio")
    if audio:
        _emit(f"voice: {audio['voice']}; {audio['duration_ms'] / 1000:.1f} s, {len(audio['chapters'])} chapters, "
              f"{audio['lufs']} LUFS", err=True)
    return result.exit_code


def _cache(args):
    from .speech.cache import ClipCache
    return None if getattr(args, "no_cache", False) else ClipCache.from_setting(args.cache)


def _build(args) -> int:
    _check_home()
    from .render import build_folder
    cfg = _config(args)
    scheduler = _scheduler(args, cfg)
    if scheduler:
        from .cluster import ClusterRunner
        runner = ClusterRunner(scheduler)
    else:
        from .build import LocalRunner
        runner = LocalRunner(args.jobs)
    kw = dict(cache=_cache(args), only=args.only, force=args.force, verify=args.verify)
    if args.command == "issue":  # the articles built as above, then the issue assembled (editions.issue)
        from .issue import build_issue
        issue = build_issue(Path(args.dir), Path(args.out), cfg, runner, base_url=args.base_url, **kw)
        report, lines = issue.build, [*issue.lines(), *(f"editions: warning: issue: {w}" for w in issue.warnings)]
    else:
        report, lines = build_folder(Path(args.dir), Path(args.out), cfg, runner, **kw), []
    _print_summary(report)
    for line in lines:
        _emit(line, err=line.startswith("editions: warning"))
    return report.exit_code


def _scheduler(args, cfg) -> str | None:
    """--scheduler, else $EDITIONS_SCHEDULER, else [build] scheduler; "none" (or nothing) is the local pool."""
    for value, where in ((args.scheduler, "--scheduler"), (os.environ.get("EDITIONS_SCHEDULER"), "$EDITIONS_SCHEDULER"),
                         (cfg.build.scheduler, f"{cfg.source or 'editions.toml'} [build] scheduler")):
        if value is None or (not value.strip() and where != "--scheduler"):
            continue
        value = value.strip()
        if value.lower() in ("", "none", "off"):
            return None
        from .cluster import parse_scheduler
        parse_scheduler(value, where)  # a malformed address is a usage error naming where it came from
        return value
    return None


def _print_summary(report) -> None:
    """The batch table (article, status, audio length, pages, voice, seconds), then errors and warnings."""
    from .terminal import table
    for line in table(report.results):
        _emit(line)
    from .verify import format_report
    for r in report.results:
        if r.verify is not None:
            _emit(f"{shown(Path(r.source).name)}:\n{format_report(r.verify)}", multiline=True)
        if r.status == "failed" and r.error:
            _emit(f"editions: error: {r.error}", err=True)
        for w in r.warnings:
            _emit(f"editions: warning: {Path(r.source).name}: {w}", err=True)
    counts = {k: sum(r.status == k for r in report.results) for k in ("ok", "skipped", "failed")}
    _emit(f"{counts['ok']} rendered, {counts['skipped']} up to date, {counts['failed']} failed "
          f"in {report.seconds:.1f} s")
    if report.error:
        _emit(f"editions: error: {report.error}", err=True)


def _verify(args) -> int:
    from .verify import format_report, verify_article
    cfg = _config(args)
    report = verify_article(Path(args.file), Path(args.out), cfg)
    _emit(format_report(report), multiline=True)
    return 0 if report.passed else 1


def _say(args) -> int:
    from .speech.text import load_lexicon
    from .speech.say import make_engine, speak_to_file, voice_phonemes, voice_words
    cfg = _config(args)
    args.lang = args.lang or "en"
    lexicon = load_lexicon(args.lexicon or cfg.audio.lexicon or None)
    engine = make_engine(cfg, lexicon, args.lang, args.engine)
    if args.phonemes and engine.name != "offline":
        raise _Usage(f"--phonemes needs the offline voice, not {engine.name} (add --engine offline)")
    if args.text is not None:
        texts = [args.text]
    else:
        try:
            texts = sys.stdin.read().splitlines()
        except UnicodeDecodeError:
            raise _Usage("standard input is not UTF-8 text")
    words = [voice_words(t, engine, lexicon, args.lang) for t in texts]
    for w in words:
        _emit(voice_phonemes(w, engine) if args.phonemes else w)
    if args.speak:
        seconds = speak_to_file(words, engine, Path(args.speak), cfg)
        _emit(f"{args.speak}: {seconds:.1f} s, {engine.name}:{engine.voice}", err=True)
    return 0


def _script(args) -> int:
    from .parse import load_article
    from .speech.say import script_document
    cfg = _config(args)
    article = load_article(args.file, cfg.parse)
    doc = script_document(article, cfg)
    if args.json:
        _emit(json.dumps(doc, indent=2, ensure_ascii=False), multiline=True)
        return 0
    for cue in doc["cues"]:
        if cue["index"] == doc["chapters"][cue["chapter"]]["first_cue"]:
            _emit(f"== chapter {cue['chapter'] + 1}: {cue['chapter_title']}")
        _emit(f"{cue['index']:>4} {cue['kind']:<9} {cue['speech']}  [+{cue['pause_after']:.2f} s]")
    _emit(f"{len(doc['cues'])} cues, {len(doc['chapters'])} chapters, voice {doc['engine']}:{doc['voice']}")
    return 0


def _voices(args) -> int:
    from .speech.voices import voice_lines
    return _emit("\n".join(voice_lines()), multiline=True) or 0


def _serve(args) -> int:
    from .web.serve import serve
    return serve(Path(args.dir), args.port, lambda url: _emit(f"serving {args.dir} at {url} (Ctrl-C stops)"))


def _terminate(signum, frame):
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: temporary files removed, the lock released


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    import signal
    import threading
    owner = threading.current_thread() is threading.main_thread()
    if owner:
        previous = signal.getsignal(signal.SIGTERM)
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return _main(argv)
    finally:
        if owner:  # a caller that runs main() in-process gets its own handler back
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _main(argv: list[str]) -> int:
    debug = "--debug" in argv
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter("%(message)s"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.INFO, handlers=[handler])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return 2
        handler = {"inspect": _inspect, "render": _render, "build": _build, "issue": _build, "verify": _verify,
                   "say": _say, "script": _script, "voices": _voices, "serve": _serve}[args.command]
        return handler(args)
    except _Usage as e:
        _emit(f"editions: error: {e} (see 'editions --help')", err=True)
        return 2
    except EditionsError as e:
        if debug:
            traceback.print_exc()
        _emit(f"editions: error: {e.one_line()}", err=True)
        return e.exit_code
    except KeyboardInterrupt:
        _emit("editions: error: interrupted (outputs already in place are untouched)", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug: still one line unless --debug
        bad = bad_path_error(e)  # ...or a path no file can have (a name too long, a loop of links): bad input
        if bad is not None:
            _emit(f"editions: error: {bad.one_line()}", err=True)
            return bad.exit_code
        if debug:
            traceback.print_exc()
        _emit(f"editions: error: internal error: {e.__class__.__name__}: {' '.join(str(e).split())[:300]} "
              "(run again with --debug and report it)", err=True)
        return 1
    finally:
        _stop_voice()


def _stop_voice() -> None:
    """The offline voice's workers end with the command (busy after a failure: nobody will collect their work)."""
    offline = sys.modules.get("editions.speech.voices.engines.offline")
    if offline is not None:
        offline.shutdown()


def entry() -> None:
    code = main()
    if code == 130:
        # interrupted, cleaned up, the line printed: exit now, not after pool threads wind down (2-second promise)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(130)
    sys.exit(code)
