"""`cleanup batch`: clean folders and JSONL corpora. Options in, engine (batch/run.py) run, summary out.

Exit codes: 0 every document cleaned; 1 some documents failed (each is
listed with its reason, the others are written); 2 nothing was done (bad
options, a missing input, a broken rule file); 130 interrupted.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..core.errors import CleanupError
from ..core.files import write_atomic
from ..rulebook.loading import load_rulebook
from .options import (
    AcceptOpt,
    AllowFileOpt,
    AllowOpt,
    EncodingOpt,
    IgnoreOpt,
    LevelChoice,
    LevelOpt,
    MaxBytesOpt,
    RejectOpt,
    RulesOpt,
    SelectOpt,
    build_options,
)
from .terminal import err
from .terminal import fail as _fail

INTERRUPTED = 130
FAILURES_SHOWN = 20  # failures listed on the terminal; the report has them all

def batch_command(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...", show_default=False,
                                       help="Files, folders (searched recursively) or JSONL files (.jsonl, .ndjson)."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the cleaned files; it mirrors the inputs."),
    glob: Optional[str] = typer.Option(None, "--glob", metavar="PATTERN",
                                       help="Files to take from folders (default *.txt, or *.jsonl with --jsonl)."),
    jsonl: Optional[bool] = typer.Option(None, "--jsonl/--text", show_default=False,
                                         help="Read inputs as JSON Lines (one JSON object per line) or as plain "
                                              "text (default: JSON Lines for .jsonl/.ndjson files, else text)."),
    text_field: str = typer.Option("text", "--field", help="With --jsonl: the field that holds the text."),
    edits: bool = typer.Option(False, "--edits", help="With --jsonl: add the edit records, not just their count."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes (default: the number of cores)."),
    dask: Optional[str] = typer.Option(None, "--dask", metavar="ADDRESS|local",
                                       help="Run on a Dask cluster: a scheduler address, or 'local' for a "
                                            "cluster of -j workers on this machine."),
    resume: bool = typer.Option(False, "--resume", help="Skip inputs whose output is already complete."),
    report: Optional[Path] = typer.Option(None, "--report", metavar="FILE", help="Write the summary as JSON."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary (failures are listed)."),
    rules: List[Path] = RulesOpt, level: Optional[LevelChoice] = LevelOpt,
    accept: List[str] = AcceptOpt, reject: List[str] = RejectOpt,
    encoding: Optional[str] = EncodingOpt, max_bytes: int = MaxBytesOpt,
    select: List[str] = SelectOpt, ignore: List[str] = IgnoreOpt,
    allow: List[str] = AllowOpt, allow_file: List[Path] = AllowFileOpt,
):
    """Clean many documents: folders of text files, or JSONL corpora, in parallel."""
    from ..batch import run as batch  # (here: other commands' start-up need not pay for it)

    if jsonl is None:
        try:
            jsonl = batch.jsonl_by_default(inputs)
        except CleanupError as e:
            _fail(str(e))
            raise typer.Exit(2)
    if edits and not jsonl:
        _fail("--edits adds edit records to JSONL records; it needs --jsonl")
        raise typer.Exit(2)
    try:
        options = build_options(rules=rules, level=level, accept=accept, reject=reject, encoding=encoding,
                                max_bytes=max_bytes, select=select, ignore=ignore, allow=allow,
                                allow_files=allow_file)
        load_rulebook(options.rules, disabled=options.disabled)  # a broken rule file stops us here, once
        settings = batch.BatchSettings(output=output, glob=glob, jsonl=jsonl, field=text_field, edit_records=edits,
                                       jobs=jobs or batch.default_jobs(), dask=dask, resume=resume)
        summary = batch.run_batch(inputs, options, settings, _progress(quiet))
    except CleanupError as e:
        _fail(str(e))
        raise typer.Exit(2)
    except KeyboardInterrupt:
        _fail("interrupted; outputs written so far are whole (use --resume to go on)")
        raise typer.Exit(INTERRUPTED)
    _list_failures(summary)
    if not quiet:
        err.print(_summary_table(summary))
        if summary.rules:
            err.print(_rules_table(summary))
    if report:
        try:
            write_atomic(report, (json.dumps(summary.report(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        except CleanupError as e:
            _fail(f"{e} (the outputs are written; only the report is missing)")
            raise typer.Exit(2)
    raise typer.Exit(1 if summary.failed else 0)


def _progress(quiet: bool):
    from ..batch.progress import shown_on

    return shown_on(err, quiet, "cleaning", "cleanup batch")


def _list_failures(summary) -> None:
    for f in summary.failures[:FAILURES_SHOWN]:
        _fail(str(f))
    if summary.failed > FAILURES_SHOWN:
        _fail(f"... and {summary.failed - FAILURES_SHOWN:,} more failed documents (--report lists them)")


def _summary_table(summary):
    from rich.table import Table

    t = Table(title="cleanup batch", show_header=False, title_justify="left")
    t.add_column(justify="left")
    t.add_column(justify="right")
    rate = summary.read / summary.seconds if summary.seconds else 0
    for label, value in (("documents read", summary.read), ("changed", summary.changed),
                         ("failed", summary.failed), ("inputs already complete (--resume)", summary.skipped)):
        t.add_row(label, f"{value:,}")
    t.add_row("megabytes", f"{summary.bytes / 1e6:,.2f}")
    t.add_row("seconds", f"{summary.seconds:,.1f}  ({rate:,.0f} docs/s)")
    return t


def _rules_table(summary):
    from rich.table import Table

    t = Table(title="edits per rule (most applied first)", title_justify="left")
    for name in ("rule", "applied", "proposed", "flagged"):
        t.add_column(name, justify="left" if name == "rule" else "right")
    for rule, (applied, proposed, flagged) in sorted(summary.rules.items(), key=lambda kv: (-kv[1][0], kv[0])):
        t.add_row(rule, f"{applied:,}", f"{proposed:,}", f"{flagged:,}")
    return t


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
