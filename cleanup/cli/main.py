"""The command line: parse options, call the library, render. Nothing else.

Exit codes (also in docs/cli.md):
  0  nothing to do / done
  1  (check) fixes are pending; (diff --exit-code) there are changes
  2  an error: bad input, a broken rule file, a rule that ran away, a usage error
  4  (check, added to 0 or 1) grammar checks were skipped: the grammar engine could not run
"""
from __future__ import annotations

import functools
import gc
import inspect
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.text import Text
from typer.exceptions import TyperException

from ..api.runner import Tally, clean_file_or_error
from ..core.errors import CleanupError
from ..core.files import write_atomic, write_in_place
from ..render.formats import Checked, formats
from ..render.visible import safe
from ..rulebook.loading import load_rulebook
from .discovery import Input, discover, overwritten_input
from .options import (
    AcceptOpt,
    AllowFileOpt,
    AllowOpt,
    EncodingOpt,
    ExcludeOpt,
    FilesArg,
    GrammarOpt,
    IgnoreOpt,
    IncludeOpt,
    JobsOpt,
    LangOpt,
    LanguageToolOpt,
    LanguageToolTimeoutOpt,
    LevelChoice,
    LevelOpt,
    MaxBytesOpt,
    MinLevel,
    MinLevelOpt,
    RejectOpt,
    RulesOpt,
    SelectOpt,
    build_options,
    conventional_help,
    warn_unmatched_globs,
)
from .terminal import emit, err, fail, warn

USAGE_ERROR = 2
INTERRUPTED = 130


class CleanupApp(typer.Typer):
    """typer, with errors as `cleanup: error: ...` on one line and a closed pipe as a normal end."""

    def __call__(self, args=None, prog_name: str | None = "cleanup", **extra):
        command = typer.main.get_command(self)
        if args is None:  # the command is the whole process (and batch's forked workers)
            # A big text keeps millions of small objects alive (its pieces, their facts), and the
            # cyclic collector's default thresholds walk them all again and again: 5-11 % of the
            # CPU of `cleanup fix` on 10-64 MB (docs/performance.md). Rarer collections cost
            # nothing in memory here: the pipeline makes few reference cycles.
            gc.set_threshold(100_000, 50, 100)
        try:
            code = command.main(args=args, prog_name=prog_name or "cleanup", standalone_mode=False, **extra)
        except typer.Abort:
            code = INTERRUPTED
        except TyperException as e:  # a usage error: unknown option, bad value, missing argument
            code = _usage_error(e)
        except SystemExit as e:  # typer's own answer to a closed pipe is exit 1: it is a normal end
            code = 0 if type(sys.stdout).__name__ == "PacifyFlushWrapper" else e.code
        if args is None:
            # The process ends here (console script, python -m cleanup). Its exit still runs atexit,
            # flushes and frees everything, but the cyclic collections of the interpreter's shutdown
            # skip the frozen objects: ~0.07 s of CPU after a short command, for nothing.
            gc.freeze()
        sys.exit(code or 0)


def _usage_error(e: TyperException) -> int:
    if type(e).__name__ == "NoArgsIsHelpError":  # `cleanup`, `cleanup rules`: the help, as asked
        try:
            emit(e.format_message() + "\n")
        except typer.Exit:
            pass
    else:
        fail(" ".join(getattr(e, "format_message", e.__str__)().split()))
    return USAGE_ERROR


conventional_help()
app = CleanupApp(
    help="Clean machine-translated, web-scraped English text and show every change for review.",
    no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"cleanup {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_print_version, is_eager=True,
                                       help="Print the version and exit.")):
    """Clean machine-translated, web-scraped English text and show every change for review."""


# -- options every cleaning command shares --------------------------------------------

_SHARED = [  # (parameter, annotation, typer option): added to fix, diff and check by @cleaning_command
    ("include", List[str], IncludeOpt), ("exclude", List[str], ExcludeOpt),
    ("rules", List[Path], RulesOpt), ("level", Optional[LevelChoice], LevelOpt),
    ("accept", List[str], AcceptOpt), ("reject", List[str], RejectOpt),
    ("select", List[str], SelectOpt), ("ignore", List[str], IgnoreOpt),
    ("min_level", Optional[MinLevel], MinLevelOpt),
    ("allow", List[str], AllowOpt), ("allow_file", List[Path], AllowFileOpt),
    ("encoding", Optional[str], EncodingOpt), ("max_bytes", int, MaxBytesOpt),
    ("grammar", Optional[bool], GrammarOpt), ("languagetool", Optional[str], LanguageToolOpt),
    ("lang", Optional[str], LangOpt), ("languagetool_timeout", Optional[float], LanguageToolTimeoutOpt),
    ("jobs", Optional[int], JobsOpt),
]


def cleaning_command(func):
    """Give a command the shared options; it receives `inputs` (files found) and `opts` (Options) instead."""
    own = [p for p in inspect.signature(func).parameters.values() if p.name not in ("inputs", "opts")]
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
              for name, annotation, default in _SHARED]

    @functools.wraps(func)
    def command(**values):
        given = {name: values.pop(name) for name, _, _ in _SHARED}
        include, exclude, jobs = given.pop("include"), given.pop("exclude"), given.pop("jobs")
        inputs = _inputs(values["files"], include, exclude)
        opts = _options(allow_files=given.pop("allow_file"), jobs=jobs or _default_jobs(inputs), **given)
        return func(inputs=inputs, opts=opts, **values)

    command.__signature__ = inspect.Signature(own + shared)
    return command


def _options(**values):
    try:
        opts = build_options(**values)
        book = load_rulebook(opts.rules, disabled=opts.disabled)  # a broken rule file: one error, up front
    except CleanupError as e:
        fail(str(e))
        raise typer.Exit(2)
    warn_unmatched_globs(opts, (r.id for rf in book.files for r in rf.rules))
    return opts


def _inputs(files, include, exclude) -> list[Input]:
    try:
        found = discover(files, include, exclude)
    except CleanupError as e:
        fail(str(e))
        raise typer.Exit(2)
    if not found:
        warn("no text files found in " + ", ".join(files) + " (--include names others)")
    return found


def _warn_problems(name, result, warned: set) -> None:
    """Print problems; one that is the same for every file (no grammar server) once a command
    (`warned`: the messages said so far)."""
    for p in result.problems:
        if p.kind == "grammar-skipped":
            if p.message in warned:
                continue
            warned.add(p.message)
            warn(p.message)
        else:
            warn(f"{name}: {p.message}")


def _default_jobs(inputs: list[Input]) -> int:
    """Workers pay for themselves on many files; a few are cleaned here."""
    if len(inputs) < 8:
        return 1
    from ..batch.run import default_jobs  # (here: a command on a few files need not import the batch engine)

    return default_jobs()


def _cleaned(inputs: list[Input], opts, tally: Tally):
    """A Checked for each file that could be cleaned, in input order; errors are reported and counted."""
    warned: set = set()
    for item, outcome in zip(inputs, _outcomes(inputs, opts)):
        if isinstance(outcome, str):
            fail(outcome)
            tally.errors += 1
            continue
        doc, result = outcome
        if doc.detected:
            warn(f"{item.name}: not UTF-8; read as {doc.encoding} (detected; if that is wrong, name the "
                 "encoding with --encoding)")
        _warn_problems(item.name, result, warned)
        tally.note(result)
        yield Checked(item.name, doc, result)


def _outcomes(inputs: list[Input], opts):
    """clean_file_or_error for each input, in order: here, or in worker processes with -j (at most a
    few files per worker in flight, so memory does not grow with the number of files)."""
    if opts.jobs <= 1 or len(inputs) < 2 or any(i.name == "-" for i in inputs):
        yield from (clean_file_or_error(i.name, opts) for i in inputs)
        return
    from collections import deque

    from ..batch.run import WorkerPool

    pool = WorkerPool(min(opts.jobs, len(inputs)), opts)
    try:
        waiting, pending = iter(inputs), deque()
        for item in waiting:
            pending.append(pool.submit(clean_file_or_error, item.name, opts))
            if len(pending) >= 4 * pool.slots:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.close()


def _summary(name, result) -> None:
    counts = result.counts()
    applied = sorted(((rule, n.applied) for rule, n in result.counts_by_rule().items() if n.applied),
                     key=lambda rn: (-rn[1], rn[0]))
    rules = ", ".join(f"{r} {n}" for r, n in applied)
    err.print(Text(safe(f"{name}: {counts.applied} change(s) applied" + (f" ({rules})" if rules else "")
                        + f"; {counts.proposed} suggestion(s) not applied; {counts.flagged} flag(s)")))


def _refuse_overwriting(targets, inputs: list[Input]) -> None:
    clash = overwritten_input(targets, [i.name for i in inputs])
    if clash:
        fail(f"{clash[0]}: is the input {clash[1]}; the output must be another file (or use --in-place)")
        raise typer.Exit(2)


def _same_target(targets: dict) -> tuple[str, str] | None:
    """Two inputs with one output (a/x.txt and b/x.txt into one folder)?"""
    seen = {}
    for name, target in targets.items():
        if target in seen:
            return seen[target], name
        seen[target] = name
    return None


def _output_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        fail(f"{folder}: exists and is not a folder; several inputs need an output folder")
        raise typer.Exit(2)
    except OSError as e:
        fail(f"{folder}: cannot create the output folder: {e.strerror}")
        raise typer.Exit(2)


# -- commands -------------------------------------------------------------------

@app.command()
@cleaning_command
def fix(
    inputs, opts,
    files: List[str] = FilesArg,
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PATH",
                                          help="Write here: a file, or a folder when there are several inputs "
                                               "(it mirrors the folders given)."),
    in_place: bool = typer.Option(False, "--in-place", "-i", help="Overwrite each input, atomically."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on standard error."),
):
    """Write the cleaned text (standard output for one file without -o)."""
    several = len(inputs) > 1 or any(f != "-" and os.path.isdir(f) for f in files)
    if in_place and output:
        fail("give either --in-place or --output, not both")
        raise typer.Exit(2)
    if several and not (in_place or output):
        fail("several files need --output FOLDER or --in-place")
        raise typer.Exit(2)
    if in_place and any(i.name == "-" for i in inputs):
        fail("standard input cannot be cleaned in place; use --output")
        raise typer.Exit(2)
    into_folder = bool(output) and (several or output.is_dir())
    targets = {i.name: (output / i.relative if into_folder else output) for i in inputs} if output else {}
    _refuse_overwriting(targets.values(), inputs)
    clash = _same_target(targets)
    if clash:
        fail(f"{clash[0]} and {clash[1]} would both be written to {targets[clash[0]]}; clean them in separate runs")
        raise typer.Exit(2)
    if into_folder:
        _output_folder(output)
    tally = Tally()
    for item in _cleaned(inputs, opts, tally):
        name, doc, result = item.name, item.doc, item.result
        try:
            data = doc.to_chunks(result.text)  # (a big file's bytes are written as they are made)
            if in_place and result.incomplete:
                fail(f"{name}: not rewritten in place: {result.incomplete[0].message}")
                continue  # (the problem is already counted as an error)
            if in_place:
                if result.changed:
                    write_in_place(doc, data)
            elif output:
                if into_folder and targets[name].parent != output:
                    _output_folder(targets[name].parent)
                write_atomic(targets[name], data)
            else:
                for piece in data:
                    emit(piece)
        except CleanupError as e:
            fail(str(e))
            tally.errors += 1
            continue
        if not quiet:
            _summary(name, result)
    raise typer.Exit(2 if tally.errors else 0)


def _format_choice(command: str) -> type[Enum]:
    """The registered formats of a command, as the choices of its --format."""
    return Enum(f"{command.title()}Format", {name: name for name in formats(command)}, type=str)


def _format_option(command: str):
    names = formats(command)
    return typer.Option("text", "--format", "-f", metavar="|".join(names),
                        help="; ".join(f"{n}: {desc}" for n, (_, desc) in names.items()) + ".")


DiffFormat, CheckFormat = _format_choice("diff"), _format_choice("check")


def _renderer(command: str, format: Enum, opts, *, to_terminal: bool):
    return formats(command)[format.value][0](terminal=to_terminal, opts=opts)


def _render(checked, renderer, output: Optional[Path]) -> None:
    """Each file's rendering as it is ready (to stdout), or everything at once into `output`."""
    chunks, failed = [], False
    for item in checked:
        try:
            chunk = renderer.file(item)
        except CleanupError as e:  # a patch the file's encoding cannot hold: that file is left out
            fail(str(e))
            failed = True
            continue
        if output:
            chunks.append(chunk)
        elif chunk:
            emit(chunk)
    chunks.append(renderer.end())
    data = b"".join(c if isinstance(c, bytes) else c.encode("utf-8") for c in chunks)
    if output:
        try:
            write_atomic(output, data)
        except CleanupError as e:
            fail(str(e))
            raise typer.Exit(2)
    elif data:
        emit(data)
    if failed:
        raise typer.Exit(2)


@app.command()
@cleaning_command
def diff(
    inputs, opts,
    files: List[str] = FilesArg,
    format: DiffFormat = _format_option("diff"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the diff here instead of standard output."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when there are changes (as git diff does)."),
):
    """Show every proposed change with the rule that made it and why."""
    if output:
        _refuse_overwriting([output], inputs)
    renderer = _renderer("diff", format, opts, to_terminal=not output and sys.stdout.isatty())
    tally = Tally()
    _render(_cleaned(inputs, opts, tally), renderer, output)
    raise typer.Exit(2 if tally.errors else (1 if exit_code and tally.pending else 0))


@app.command()
@cleaning_command
def check(
    inputs, opts,
    files: List[str] = FilesArg,
    format: CheckFormat = _format_option("check"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when fixes are pending (errors still "
                                                             "exit 2)."),
):
    """List findings. Exit 0: nothing to fix; 1: fixes pending; 2: errors; +4: grammar skipped."""
    renderer = _renderer("check", format, opts, to_terminal=sys.stdout.isatty())
    tally = Tally()
    _render(_cleaned(inputs, opts, tally), renderer, None)
    code = 2 if tally.errors else (1 if tally.pending and not exit_zero else 0)
    if tally.grammar_skipped and code != 2:
        code += 4
    if renderer.for_people:  # (a machine reading json, sarif or github output gets no line of prose)
        err.print(f"{len(inputs)} file(s): {tally.pending} with fixes pending, {tally.errors} error(s)"
                  + (", grammar skipped" if tally.grammar_skipped else ""))
    raise typer.Exit(code)


def _register_command_groups() -> None:
    """Commands that live in their own modules."""
    from . import batch as cli_batch
    from . import learn as cli_learn
    from . import review as cli_review
    from . import rules as cli_rules

    for module in (cli_review, cli_rules, cli_batch, cli_learn):
        module.register(app)


_register_command_groups()
