"""`cleanup learn`: propose rule files from a corpus. Options in, learner run, files and a table out.

Exit codes: 0 proposals made (or none to make); 2 nothing was done (bad
options, a missing input, no readable document); 130 interrupted.
"""
from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..core.errors import CleanupError
from ..core.files import write_atomic
from .options import EncodingOpt, MaxBytesOpt
from .terminal import err
from .terminal import fail as _fail

INTERRUPTED = 130



class ReportFormat(str, Enum):
    table = "table"
    json = "json"


def learn_command(
    inputs: List[str] = typer.Argument(..., metavar="CORPUS...", show_default=False,
                                       help="Files, folders (searched recursively) or JSONL files (.jsonl, .ndjson)."),
    output: Path = typer.Option(..., "--output", "-o", metavar="DIR", help="Folder for the proposed rule files."),
    min_docs: int = typer.Option(3, "--min-docs", min=1, metavar="N",
                                 help="A proposal needs at least this many documents."),
    min_share: float = typer.Option(0.0, "--min-share", min=0.0, max=1.0, metavar="SHARE",
                                    help="...and at least this share of all documents (0.05 = 5%)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would be proposed and why; write nothing."),
    report_format: ReportFormat = typer.Option(ReportFormat.table, "--format", metavar="table|json",
                                               help="The report: a table, or JSON."),
    glob: Optional[str] = typer.Option(None, "--glob", metavar="PATTERN",
                                       help="Files to take from folders (default *.txt, or *.jsonl with --jsonl)."),
    jsonl: Optional[bool] = typer.Option(None, "--jsonl/--text", show_default=False,
                                         help="Read inputs as JSON Lines or as plain text (default: JSON Lines "
                                              "for .jsonl/.ndjson files, else text)."),
    text_field: str = typer.Option("text", "--field", metavar="NAME",
                                   help="With --jsonl: the field that holds the text."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                       help="Worker processes (default: the number of cores)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress."),
    encoding: Optional[str] = EncodingOpt, max_bytes: int = MaxBytesOpt,
):
    """Propose rule files from a corpus: boilerplate lines, credits, name variants, glued words, with evidence."""
    # (imported here: every other command's start-up would pay for them)
    from rich.console import Console

    from ..batch import run as batch
    from ..learn import LearnSettings

    try:
        if jsonl is None:
            jsonl = batch.jsonl_by_default(inputs)
        settings = LearnSettings(output=output, jsonl=jsonl, glob=glob, field=text_field, encoding=encoding,
                                 max_bytes=max_bytes, jobs=jobs or batch.default_jobs(), min_docs=min_docs,
                                 min_share=min_share)
        from ..learn.learner import learn  # late: the learner loads word lists, which `--help` need not wait for

        outcome = learn(inputs, settings, lambda step: _progress(quiet, step))
        if not dry_run:
            _write(outcome, output)
    except CleanupError as e:
        _fail(str(e))
        raise typer.Exit(2)
    except KeyboardInterrupt:
        _fail("interrupted; nothing was written")
        raise typer.Exit(INTERRUPTED)
    for failure in outcome.failures:
        _fail(f"{failure} (skipped)")
    if report_format is ReportFormat.json:
        print(json.dumps(report(outcome), ensure_ascii=False, indent=1))
    else:
        Console(highlight=False, markup=False).print(_table(outcome))
    if not dry_run and outcome.files:
        err.print(f"wrote {', '.join(outcome.files)} to {output}; check them with: cleanup rules test {output}")
    elif not dry_run:
        err.print("nothing to propose; no file written")


def _write(outcome, output: Path) -> None:
    from ..learn.rulefiles import FILES, file_id

    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CleanupError(f"{output}: cannot create the folder: {e.strerror}") from None
    for name, text in outcome.files.items():
        write_atomic(output / name, text.encode("utf-8"))
    for family in FILES:  # a file an earlier run wrote and this one has nothing for would mix two runs
        stale = output / f"{file_id(family)}.yaml"
        if stale.name not in outcome.files and stale.exists():
            stale.unlink()
            err.print(f"removed {stale}: this run proposes nothing for it")


def report(outcome) -> dict:
    return {
        "documents": outcome.documents, "failed": outcome.failed, "needed_documents": outcome.needed,
        "count_may_fall_short_by": outcome.forgotten,
        "proposed": [_entry(d) for d in outcome.proposed],
        "dropped": [_entry(d) | {"why": d.dropped} for d in outcome.drafts if d.dropped],
        "files": sorted(outcome.files),
    }


def _entry(d) -> dict:
    from ..learn.rulefiles import file_id

    what = d.rule.get("pattern") or d.rule.get("name")
    return {"file": file_id(d.family), "rule": d.rule.get("id") or None, "kind": d.kind, "level": d.level,
            "what": what, "replacement": d.rule.get("replacement"), "variants": d.rule.get("variants"),
            "note": d.rule.get("note"), "evidence": {k: v for k, v in d.evidence.items() if k != "lines"}}


def _table(outcome):
    from rich.table import Table

    from ..learn.rulefiles import file_id

    t = Table(title=f"cleanup learn: {outcome.documents:,} documents ({outcome.failed:,} unreadable); a proposal "
                    f"needs {outcome.needed:,}", title_justify="left")
    for name in ("", "rule", "level", "docs", "what", "why (the note has the rest)"):
        t.add_column(name, overflow="fold")
    for d in sorted(outcome.drafts, key=lambda d: (bool(d.dropped), d.family, -_docs(d))):
        rule = file_id(d.family) + (f".{d.rule['id']}" if d.rule.get("id") else "")
        t.add_row("✗" if d.dropped else "✓", rule, d.level, f"{_docs(d):,}", _what(d), d.dropped or _why(d))
    return t


def _what(d) -> str:
    """What the rule is about, as a reader says it: the line or tail seen, or the name and its variants."""
    e = d.evidence
    if "variants" in e:
        return f"{d.rule['name']} ← {', '.join(v['variant'] for v in e['variants']) or '(glued forms)'}"
    if "token" in e:
        return f"{e['token']} → {e['split']}"
    return e["key"] + (" …" if e.get("kind") == "head" else "")


def _why(d) -> str:
    e = d.evidence
    if "variants" in e:
        return "; ".join(f"{v['variant']}: {v['documents']} docs, {v['ratio']}% alike, context {v['context']}"
                         for v in e["variants"]) or f"glued: {', '.join(e['glued'])}"
    if "token" in e:
        return "unknown to the word lists; splits into common words"
    where = max(e["positions"].items(), key=lambda kv: kv[1])[0] if e.get("positions") else ""
    return (f"{100 * e['share']:.1f}% of documents" + (f", mostly at {where}" if where and e["kind"] != "tail" else "")
            + f"; in article text in {e['inside_article_text']}")


def _docs(d) -> int:
    return d.evidence.get("documents", 0)


def _progress(quiet: bool, step: int):
    from ..batch.progress import shown_on

    return shown_on(err, quiet, f"learning, pass {step} of 2", f"cleanup learn: pass {step} of 2")


def register(app: typer.Typer) -> None:
    app.command("learn")(learn_command)
