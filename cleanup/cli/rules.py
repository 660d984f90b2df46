"""`cleanup rules list|show|test|lint|new` and `cleanup config`: writing and checking rules.

Exit codes: 0 all good (lint: warnings allowed); 1 a rule file is broken, a
lint error or a failing example; 2 the command could not run (an unknown
rule id, a file that exists, a bad config).
"""
from __future__ import annotations

import json
import textwrap
from enum import Enum
from pathlib import Path
from typing import List, Optional

import regex
import typer

from ..authoring.skeletons import kinds, render
from ..core.config import load_config
from ..core.edits import Level
from ..core.errors import CleanupError
from ..core.policy import Policy, matches
from ..rulebook.loading import SHIPPED_RULES, RuleBook, load_rulebook, rule_paths
from .options import IgnoreOpt, RulesOpt, SelectOpt, build_options, warn_unmatched_globs
from .terminal import fail, warn

# (the linter, rapidfuzz, yaml and the stages are imported by the commands that use them: every
# other command, `cleanup fix` first, would pay for them at start-up)

rules_app = typer.Typer(help="List, show, test, lint and create rule files.", no_args_is_help=True,
                        rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
PathsArg = typer.Argument(None, help="Rule files or folders (default: every active rule file).",
                          metavar="[PATH]...", show_default=False)


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
    app.command("config")(config)


def _stop(message: str, code: int = 2):
    fail(message)
    raise typer.Exit(code)


def _active(extra) -> tuple[list[Path], tuple[str, ...]]:
    """The rule files every command runs (shipped, config, --rules) and the config's disabled ids."""
    try:
        opts = build_options(rules=extra)
        return rule_paths([SHIPPED_RULES, *opts.rules]), opts.disabled
    except CleanupError as e:
        _stop(str(e))


def _book(extra) -> RuleBook:
    paths, disabled = _active(extra)
    try:
        return load_rulebook(paths, shipped=False, disabled=disabled)
    except CleanupError as e:
        _stop(str(e))


def _workset(paths, extra):
    from ..authoring import lint as linting

    active, _ = _active(extra)
    try:
        targets = rule_paths(paths) if paths else active
    except CleanupError as e:
        _stop(str(e))
    return linting.load_workset(targets, active)


# -- list and show ------------------------------------------------------------

class ListFormat(str, Enum):
    table = "table"
    json = "json"


def _why_off(book: RuleBook, rf, rule) -> str:
    if not rf.enabled:
        return "file has enabled: false"
    if not rule.enabled:
        return "enabled: false"
    if not book.is_enabled(rule):
        return "config: disable"
    return ""


def _selected(select, ignore, ids) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """--select/--ignore over the config's, as every cleaning command takes them; a glob naming no rule warned."""
    try:
        opts = build_options(select=select, ignore=ignore)
    except CleanupError as e:
        _stop(str(e))
    warn_unmatched_globs(opts, ids)
    return opts.select, opts.ignore


@rules_app.command("list")
def list_rules(rules: List[Path] = RulesOpt,
               format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", metavar="table|json",
                                                 help="table or json."),
               select: List[str] = SelectOpt, ignore: List[str] = IgnoreOpt):
    """Every active rule file and rule: id, kind, level, where it is defined, enabled or not."""
    from ..authoring import lint as linting

    book = _book(rules)
    select, ignore = _selected(select, ignore, [r.id for rf in book.files for r in rf.rules])
    rows = [{"id": r.id, "kind": r.kind, "level": r.level.value, "enabled": not _why_off(book, rf, r),
             "disabled_by": _why_off(book, rf, r) or None, "file": str(linting.shown(rf.path)), "line": r.line,
             "message": r.message} for rf in book.files for r in rf.rules
            if (not select or matches(r.id, select)) and not matches(r.id, ignore)]
    if format is ListFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = [("RULE", "KIND", "LEVEL", "ENABLED", "DEFINED AT")] + [
        (r["id"], r["kind"], r["level"], "yes" if r["enabled"] else f"no ({r['disabled_by']})",
         f"{r['file']}:{r['line']}") for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4])
    files = len({r["file"] for r in rows})
    print(f"{files} rule file(s), {len(rows)} rule(s), {sum(r['enabled'] for r in rows)} enabled")


@rules_app.command("show")
def show(rule_id: str = typer.Argument(..., metavar="ID", help="A rule id, e.g. boilerplate.read-on."),
         rules: List[Path] = RulesOpt):
    """One rule: its message, fields, its file's examples and where it is defined."""
    import yaml
    from rapidfuzz import fuzz, process

    from ..authoring import lint as linting
    from ..stages import build_pipeline

    book = _book(rules)
    found = book.find(rule_id)
    if found is None:
        ids = [r.id for rf in book.files for r in rf.rules]
        near = [m[0] for m in process.extract(rule_id, ids, scorer=fuzz.WRatio, limit=3, score_cutoff=70)]
        _stop(f"no rule {rule_id!r}" + (f"; did you mean {', '.join(near)}?" if near else
                                         "; 'cleanup rules list' shows every rule id"))
    rf, rule = found
    where = linting.shown(rf.path)
    off = _why_off(book, rf, rule)
    print(f"{rule.id}\n  kind:       {rule.kind}\n  level:      {rule.level.value}\n"
          f"  enabled:    {'no (' + off + ')' if off else 'yes'}\n  defined at: {where}:{rule.line}\n"
          f"  message:    {rule.message}\n  fields:")
    fields = {k: v for k, v in rule.data.items() if k not in ("id", "message")}
    print(textwrap.indent(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10**6), "    "), end="")
    alone = build_pipeline(RuleBook((rf,)))
    print(f"examples in {where} (* = this rule acts on it):")
    for ex in rf.examples:
        acts = any(e.rule == rule.id for e in alone.run(ex.text, Policy(level=Level.SUGGEST)).edits)
        head = f"{'*' if acts else ' '} {where}:{ex.line}: "
        print(head + ("\n" + " " * len(head)).join(_example_fields(ex)))


def _example_fields(ex) -> list[str]:
    def quoted(text):
        return json.dumps(text, ensure_ascii=False)

    if ex.kind == "change":
        return [f"before: {quoted(ex.text)}", f"after:  {quoted(ex.after)}"]
    if ex.kind == "flagged":
        return [f"flagged: {quoted(ex.text)}", f"spans:   {quoted(list(ex.spans))}"]
    return [f"unchanged: {quoted(ex.text)}"]


# -- test and lint --------------------------------------------------------------

@rules_app.command("test")
def test(paths: Optional[List[Path]] = PathsArg, rules: List[Path] = RulesOpt):
    """Run every example of the rule files, alone and within the whole pipeline; a diff per failure."""
    from ..authoring import lint as linting
    from ..authoring.examples import check_rule_file, runs_offline

    ws = _workset(paths, rules)
    errors = [f for f in linting.lint(ws, examples=False) if f.severity == "error"]
    for f in errors:
        print(f)
    broken = {f.path for f in errors}
    book, failed, total, notes = ws.book(), 0, 0, []
    for rf in ws.targets:
        if str(rf.path) in broken:
            notes.append(f"{rf.path}: not run; fix the errors above first")
        elif not runs_offline(rf):
            notes.append(f"{rf.path}: not run; its rules act only with a LanguageTool server")
        else:
            total += len(rf.examples)
            for failure in check_rule_file(rf, book):
                failed += 1
                print(failure)
    for note in notes:
        print(note)
    files = len(ws.targets) + len(ws.errors)
    print(f"{files} rule file(s): {len(errors)} error(s); {total} example(s): {total - failed} passed, "
          f"{failed} failed")
    raise typer.Exit(1 if failed or errors else 0)


@rules_app.command("lint")
def lint(paths: Optional[List[Path]] = PathsArg, rules: List[Path] = RulesOpt):
    """Find broken or risky rules: schema, regexes that run away, clashing rules, missing examples."""
    from ..authoring import lint as linting

    ws = _workset(paths, rules)
    findings = linting.lint(ws)
    for f in findings:
        print(f)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    files = len(ws.targets) + len(ws.errors)
    print(f"{files} rule file(s): " + (f"{errors} error(s), {warnings} warning(s)" if findings else "no problems"))
    raise typer.Exit(1 if errors else 0)


# -- new ----------------------------------------------------------------------

@rules_app.command("new")
def new(name: str = typer.Argument(..., help="The family id and file name, e.g. read-also."),
        kind: str = typer.Option(..., "--kind", "-k", help=f"The rule kind: {', '.join(kinds())}."),
        folder: Path = typer.Option(Path("."), "--dir",
                                    help="Folder to write NAME.yaml into (default: the current folder).")):
    """Write a commented rule file skeleton to fill in, and say what to run next."""
    from rapidfuzz import fuzz, process

    if not regex.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        _stop(f"{name!r}: a rule file name is lowercase letters, digits and hyphens (e.g. read-also)")
    if kind not in kinds():
        near = process.extractOne(kind, kinds(), scorer=fuzz.WRatio)
        _stop(f"unknown kind {kind!r}; did you mean {near[0]}? (kinds: {', '.join(kinds())})")
    path = folder / f"{name}.yaml"
    if path.exists():
        _stop(f"{path} already exists; choose another name or remove it")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(render(name, kind, path), encoding="utf-8")
    print(f"Wrote {path}: a {kind} rule file with placeholders (TODO).\n"
          f"Next: replace every TODO with a real line from your documents (docs/tutorial-new-rule.md), then run\n"
          f"  cleanup rules test {path}\n"
          f"Use it with: cleanup fix --rules {path} FILE")


# -- config -------------------------------------------------------------------

def _toml(value) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()


def config():
    """Print the effective configuration and where each value came from."""
    from rapidfuzz import fuzz, process

    try:
        cfg = load_config()
    except CleanupError as e:
        _stop(str(e))
    print(f"# configuration file: {cfg.file or 'none (no cleanup.toml or [tool.cleanup] found upward)'}")
    width = max(len(f"{k} = {_toml(v)}") for k, v in cfg.values.items())
    for key, value in cfg.values.items():
        print(f"{key} = {_toml(value)}".ljust(width) + f"  # {cfg.sources[key]}")
    book = _book([])
    known = {r.id for rf in book.files for r in rf.rules} | {rf.id for rf in book.files}
    for name in cfg.get("disable"):
        if name not in known:
            near = process.extractOne(name, known, scorer=fuzz.WRatio, score_cutoff=70)
            warn(f"disable: {name!r} is no rule or family id" + (f"; did you mean {near[0]}?" if near else ""))
