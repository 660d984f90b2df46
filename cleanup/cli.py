"""The command line: parse options, call the library, render. Nothing else.

Exit codes (also in docs/cli.md):
  0  nothing to do / done
  1  (check) fixes are pending
  2  an error: bad input, a broken rule file, a rule that ran away
  4  (check, added to 0 or 1) grammar checks were skipped: no LanguageTool
"""
from __future__ import annotations

import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .cli_options import (AcceptOpt, EncodingOpt, FilesArg, GrammarOpt, LangOpt, LanguageToolOpt,
                          LanguageToolTimeoutOpt, LevelChoice, LevelOpt, MaxBytesOpt, RejectOpt, RulesOpt,
                          build_options)
from .edits import Level
from .errors import CleanupError
from .render.records import LineIndex, records
from .render.text import diff_renderables, finding_line
from .render.unified import unified_diff
from .runner import Tally, clean_file
from .files import write_atomic

app = typer.Typer(
    help="Clean machine-translated, web-scraped English text and show every change for review.",
    no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"cleanup {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_print_version, is_eager=True,
                                       help="Print the version and exit.")):
    """Clean machine-translated, web-scraped English text and show every change for review."""


class DiffFormat(str, Enum):
    text = "text"
    unified = "unified"
    json = "json"
    html = "html"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


def _options(**values):
    try:
        return build_options(**values)
    except CleanupError as e:
        _fail(str(e))
        raise typer.Exit(2)


def _fail(message: str) -> None:
    err.print(f"[red]cleanup: error:[/red] {escape(message)}", markup=True, highlight=False)


_warned: set = set()


def _warn_problems(name, result) -> None:
    """Print problems; one that is the same for every file (no grammar server) only once."""
    for p in result.problems:
        if p.kind == "grammar-skipped":
            if p.message in _warned:
                continue
            _warned.add(p.message)
            err.print(f"[yellow]cleanup: warning:[/yellow] {escape(p.message)}")
        else:
            err.print(f"[yellow]cleanup: warning:[/yellow] {escape(name)}: {escape(p.message)}")


def _cleaned(files, opts, tally: Tally):
    """(name, document, result) for each file that could be cleaned; errors are reported and counted."""
    for name in files:
        try:
            doc, result = clean_file(name, opts)
        except CleanupError as e:
            _fail(str(e))
            tally.errors += 1
            continue
        _warn_problems(name, result)
        tally.note(result)
        yield name, doc, result


def _summary(name, result) -> None:
    applied = [e for e in result.edits if e.applied]
    counts = {}
    for e in applied:
        counts[e.rule] = counts.get(e.rule, 0) + 1
    proposed = sum(1 for e in result.edits if not e.applied and e.level is Level.SUGGEST)
    flags = sum(1 for e in result.edits if e.level is Level.FLAG)
    rules = ", ".join(f"{r} {n}" for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    err.print(f"{name}: {len(applied)} change(s) applied" + (f" ({rules})" if rules else "")
              + f"; {proposed} suggestion(s) not applied; {flags} flag(s)")


@app.command()
def fix(
    files: List[str] = FilesArg,
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write here (a folder when there are several files)."),
    in_place: bool = typer.Option(False, "--in-place", "-i", help="Overwrite each input, atomically."),
    rules: List[Path] = RulesOpt, level: Optional[LevelChoice] = LevelOpt,
    accept: List[str] = AcceptOpt, reject: List[str] = RejectOpt,
    encoding: Optional[str] = EncodingOpt, max_bytes: int = MaxBytesOpt,
    grammar: Optional[bool] = GrammarOpt, languagetool: Optional[str] = LanguageToolOpt,
    lang: Optional[str] = LangOpt, languagetool_timeout: Optional[float] = LanguageToolTimeoutOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on standard error."),
):
    """Write the cleaned text (standard output for one file without -o)."""
    opts = _options(rules=rules, level=level, accept=accept, reject=reject, encoding=encoding,
                    max_bytes=max_bytes, grammar=grammar, languagetool=languagetool, lang=lang,
                    languagetool_timeout=languagetool_timeout)
    if in_place and output:
        _fail("give either --in-place or --output, not both")
        raise typer.Exit(2)
    if len(files) > 1 and not (in_place or output):
        _fail("several files need --output FOLDER or --in-place")
        raise typer.Exit(2)
    if in_place and "-" in files:
        _fail("standard input cannot be cleaned in place; use --output")
        raise typer.Exit(2)
    tally = Tally()
    for name, doc, result in _cleaned(files, opts, tally):
        try:
            data = doc.to_bytes(result.text)
            if in_place:
                if result.changed:
                    write_atomic(name, data)
            elif output and (len(files) > 1 or output.is_dir()):
                output.mkdir(parents=True, exist_ok=True)
                write_atomic(output / Path(name).name, data)
            elif output:
                write_atomic(output, data)
            else:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
        except CleanupError as e:
            _fail(str(e))
            tally.errors += 1
            continue
        if not quiet:
            _summary(name, result)
    raise typer.Exit(2 if tally.errors else 0)


@app.command()
def diff(
    files: List[str] = FilesArg,
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f",
                                      help="text: every change with its rule; unified: for patch -p0 / git "
                                           "apply -p0; json: one record per edit; html: a review page."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the diff here instead of stdout."),
    rules: List[Path] = RulesOpt, level: Optional[LevelChoice] = LevelOpt,
    accept: List[str] = AcceptOpt, reject: List[str] = RejectOpt,
    encoding: Optional[str] = EncodingOpt, max_bytes: int = MaxBytesOpt,
    grammar: Optional[bool] = GrammarOpt, languagetool: Optional[str] = LanguageToolOpt,
    lang: Optional[str] = LangOpt, languagetool_timeout: Optional[float] = LanguageToolTimeoutOpt,
):
    """Show every proposed change with the rule that made it and why."""
    if format is DiffFormat.html and len(files) > 1:
        _fail("an HTML report covers one file; run diff --format html once per file")
        raise typer.Exit(2)
    opts = _options(rules=rules, level=level, accept=accept, reject=reject, encoding=encoding,
                    max_bytes=max_bytes, grammar=grammar, languagetool=languagetool, lang=lang,
                    languagetool_timeout=languagetool_timeout)
    tally = Tally()
    chunks, all_records = [], []
    console = Console(file=sys.stdout, highlight=False, soft_wrap=True) if not output else \
        Console(record=True, file=io.StringIO(), highlight=False, soft_wrap=True, width=120)
    for name, doc, result in _cleaned(files, opts, tally):
        if format is DiffFormat.json:
            all_records.extend({"file": name, **r} for r in records(result))
        elif format is DiffFormat.unified:
            patch = unified_diff(result.original, result.edits, name, newline=doc.newline or "\n",
                                 bom="\ufeff" if doc.bom else "")
            chunks.append(patch.encode(doc.encoding, errors="replace"))
        elif format is DiffFormat.html:
            from .render.html import render_html

            chunks.append(render_html(result.original, records(result), title=name))
        else:
            for r in diff_renderables(result, name):
                console.print(r)
    if format is DiffFormat.json:
        chunks.append(json.dumps(all_records, ensure_ascii=False, indent=1) + "\n")
    if format is DiffFormat.text and output:
        chunks.append(console.export_text())
    # a unified diff is bytes in each file's own encoding, so patch can apply it
    data = b"".join(c if isinstance(c, bytes) else c.encode("utf-8") for c in chunks)
    if output:
        write_atomic(output, data)
    elif data:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    raise typer.Exit(2 if tally.errors else 0)


@app.command()
def check(
    files: List[str] = FilesArg,
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text or json."),
    rules: List[Path] = RulesOpt, level: Optional[LevelChoice] = LevelOpt,
    accept: List[str] = AcceptOpt, reject: List[str] = RejectOpt,
    encoding: Optional[str] = EncodingOpt, max_bytes: int = MaxBytesOpt,
    grammar: Optional[bool] = GrammarOpt, languagetool: Optional[str] = LanguageToolOpt,
    lang: Optional[str] = LangOpt, languagetool_timeout: Optional[float] = LanguageToolTimeoutOpt,
):
    """List findings. Exit 0: nothing to fix; 1: fixes pending; 2: errors; +4: grammar skipped."""
    opts = _options(rules=rules, level=level, accept=accept, reject=reject, encoding=encoding,
                    max_bytes=max_bytes, grammar=grammar, languagetool=languagetool, lang=lang,
                    languagetool_timeout=languagetool_timeout)
    tally = Tally()
    out = []
    for name, doc, result in _cleaned(files, opts, tally):
        if format is CheckFormat.json:
            out.extend({"file": name, **r} for r in records(result))
        else:
            lines = LineIndex(result.original)
            for e in result.edits:
                print(finding_line(e, name, lines))
    if format is CheckFormat.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    code = 2 if tally.errors else (1 if tally.pending else 0)
    if tally.grammar_skipped and code != 2:
        code += 4
    if format is CheckFormat.text:
        err.print(f"{len(files)} file(s): {tally.pending} with fixes pending, {tally.errors} error(s)"
                  + (", grammar skipped" if tally.grammar_skipped else ""))
    raise typer.Exit(code)


def _register_command_groups() -> None:
    """Commands that live in their own modules."""
    from . import cli_batch, cli_review, cli_rules

    for module in (cli_review, cli_rules, cli_batch):
        module.register(app)


_register_command_groups()
