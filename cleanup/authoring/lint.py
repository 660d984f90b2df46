"""Lint rule files: find what makes a rule file wrong or risky before it runs.

Errors (exit 1): a file that does not load (YAML, schema, regex, missing
groups), placeholders left from `cleanup rules new`, a pattern that can
backtrack without end, the same id in two files, two rules that rewrite the
same text differently or undo each other, an example that does not hold.
Warnings (exit 0): a rule no example exercises, a file with no `unchanged`
example. Every finding is one line: "path:line: error: field: what".

Runaway patterns are found by authoring/regex_shape.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from ..core.edits import Level
from ..core.errors import RuleFileError
from ..core.pipeline import Pipeline
from ..core.policy import Policy
from ..core.timed_regex import time_limit
from ..rulebook.loading import RuleBook, RuleFile, RuleLoader, _lines_of, load_rule_file
from ..stages import build_pipeline
from ..stages.registry import configure
from ..stages.replace import ReplaceStage
from .examples import check_rule_file, rules_exercised, runs_offline
from .regex_shape import nested_loops, runs_away, witness


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    severity: str   # "error" or "warning"
    message: str    # starts with the field: "rules[2].pattern: ..."

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def shown(path: Path) -> Path:
    """A path as the user would type it: relative to the working directory when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# -- loading -----------------------------------------------------------------

@dataclass
class Workset:
    """The files to lint or test, and every active file they run with."""

    targets: list[RuleFile] = field(default_factory=list)
    files: list[RuleFile] = field(default_factory=list)   # targets and the other active files
    errors: list[Finding] = field(default_factory=list)   # targets that did not load

    def book(self) -> RuleBook:
        return RuleBook(tuple(self.files))


def load_workset(targets, active) -> Workset:
    """Load `targets` (reporting their errors) and the `active` files they run with."""
    ws, wanted = Workset(), [shown(p) for p in targets]
    for path in dict.fromkeys(wanted + [shown(p) for p in active]):
        try:
            rf = load_rule_file(path)
        except RuleFileError as err:
            if path in wanted:
                ws.errors.append(_finding_from(path, err))
            continue  # a broken file that is not being linted is reported when it is
        ws.files.append(rf)
        if path in wanted:
            ws.targets.append(rf)
    return ws


def _finding_from(path: Path, err: RuleFileError) -> Finding:
    """The error as a Finding of the file linted, at the line and field the error names (else line 1)."""
    what = f"{err.field}: {err.problem}" if err.field else err.problem
    return Finding(str(path), err.line or 1, "error", what)


def engine_errors(rf: RuleFile) -> list[Finding]:
    """What only building the file's stages finds: a setting the schema allows for the kind but not for
    the rule's detector (the stage registry), a lint name Harper does not know (the engine)."""
    try:
        runs_offline(rf)
    except RuleFileError as err:
        return [_finding_from(rf.path, err)]
    return []


def field_lines(rf: RuleFile) -> dict:
    """Field path -> line, for pointing at a field rather than at its rule."""
    return _lines_of(yaml.compose(rf.path.read_text(encoding="utf-8"), Loader=RuleLoader))


# -- the whole lint ----------------------------------------------------------

def lint(ws: Workset, *, examples: bool = True) -> list[Finding]:
    """Every finding about the target files, errors and warnings, by file and line."""
    findings = list(ws.errors)
    book = ws.book()
    for rf in ws.targets:
        findings += runaway_patterns(rf)
        broken = engine_errors(rf)
        findings += broken
        if broken:  # its stages cannot be built: nothing of it can run
            continue
        findings += example_coverage(rf)
        if examples and runs_offline(rf):
            findings += [Finding(str(rf.path), f.example.line, "error", f.what) for f in check_rule_file(rf, book)]
    findings += duplicate_ids(ws)
    findings += rewrite_clashes(ws)
    return sorted(set(findings))


def example_coverage(rf: RuleFile) -> list[Finding]:
    """Warnings: rules no example exercises; no 'unchanged' example to guard against false positives."""
    where = str(rf.path)
    if not rf.enabled:
        return []
    out = []
    if not any(ex.kind == "unchanged" for ex in rf.examples):
        out.append(Finding(where, 1, "warning", "examples: no 'unchanged' example guards against "
                                                 "false positives; add a similar line the rules must leave alone"))
    # names rules are entries of one lexicon, and harper rules settings of one engine (its edits carry
    # Harper's lint names), both tested through the file's examples as a whole; languagetool rules need
    # a server to act
    if rf.kind in ("names", "harper") or not runs_offline(rf):
        return out
    seen = rules_exercised(rf, build_pipeline(RuleBook((rf,))))
    for i, rule in enumerate(rf.rules):
        if rule.enabled and rule.id not in seen:
            out.append(Finding(where, rule.line, "warning", f"rules[{i}]: no example shows {rule.id} at work; "
                                                             "add a before/after or flagged example it acts on"))
    return out


def _id_line(rf: RuleFile) -> int:
    return field_lines(rf).get(("id",), 1)


def duplicate_ids(ws: Workset) -> list[Finding]:
    """Family ids (and so the rule ids under them) must be unique across all active files."""
    out = []
    for rf in ws.targets:
        others = [o for o in ws.files if o.id == rf.id and o.path != rf.path]
        if not others:
            continue
        clashing = sorted({r.id for r in rf.rules} & {r.id for o in others for r in o.rules})
        what = f"; rule id(s) {', '.join(clashing)} defined in both" if clashing else ""
        out.append(Finding(str(rf.path), _id_line(rf), "error",
                           f"id: family id {rf.id!r} is also the id of {', '.join(str(o.path) for o in others)}"
                           + what))
    return out


# -- rules that fight each other ----------------------------------------------

def _rewriters(files) -> list:
    """(file, rule) for every replace rule that changes text."""
    return [(rf, r) for rf in files if rf.enabled and rf.kind == "replace" for r in rf.rules
            if r.enabled and r.level is not Level.FLAG and "replacement" in r.data]


@lru_cache(maxsize=1024)
def _one_rule(rule) -> Pipeline:
    return Pipeline([ReplaceStage([configure(rule)])])


def _apply(rule, text: str):
    return _one_rule(rule).run(text, Policy(level=Level.SUGGEST))


def _samples(rf: RuleFile, rule) -> list[str]:
    """Texts the rule rewrites: its file's 'before' examples, and its literal or a pattern witness."""
    flags = regex.IGNORECASE if rule.data.get("ignore_case") else 0
    own = rule.data.get("literal") or witness(rule.data["pattern"], flags)
    return [ex.text for ex in rf.examples if ex.kind == "change"] + [own]


def rewrite_clashes(ws: Workset) -> list[Finding]:
    """Rules that undo each other, rewrite the same text differently, or rewrite their own output."""
    rules = _rewriters(ws.files)
    targets = {id(rf) for rf in ws.targets}
    out, reported = [], set()
    for rf, a in rules:
        for text in _samples(rf, a):
            first = _apply(a, text)
            if first.text == text:
                continue
            if id(rf) in targets and _apply(a, first.text).text != first.text:
                out.append(_finding(rf, a, f"rewrites its own output again ({_change(first)} → ...): running "
                                           "twice would change the text twice"))
            for other_rf, b in rules:
                pair = frozenset((a.id, b.id))
                if b is a or pair in reported or not targets & {id(rf), id(other_rf)}:
                    continue
                problem = _clash(a, b, other_rf, text, first)
                if problem:
                    reported.add(pair)
                    out.append(_finding(rf, a, problem) if id(rf) in targets else _finding(other_rf, b, problem))
    return out


def _clash(a, b, b_file: RuleFile, text: str, first) -> str | None:
    """What goes wrong between rule a (which turned `text` into `first`) and rule b, if anything."""
    where = f"{b.id} ({b_file.where(b.line)})"
    if _apply(b, first.text).text == text:
        return f"{a.id} turns {_change(first)} and {where} turns it back: the rules undo each other"
    second = _apply(b, text)
    if second.text not in (text, first.text) and _overlap(first.edits, second.edits):
        return (f"{a.id} and {where} rewrite {first.edits[0].original!r} differently "
                f"({first.edits[0].replacement!r} / {second.edits[0].replacement!r})")
    return None


def _change(result) -> str:
    edit = result.edits[0]
    return f"{edit.original!r} into {edit.replacement!r}"


def _finding(rf: RuleFile, rule, problem: str) -> Finding:
    return Finding(str(rf.path), rule.line, "error", f"rules[{rf.rules.index(rule)}]: {problem}")


def _overlap(edits_a, edits_b) -> bool:
    return any((a.start < b.end and b.start < a.end) or a.start == b.start for a in edits_a for b in edits_b)


def runaway_patterns(rf: RuleFile) -> list[Finding]:
    out = []
    for i, rule in enumerate(rf.rules):
        pattern = rule.data.get("pattern")
        if not isinstance(pattern, str):
            continue
        flags = regex.IGNORECASE if rule.data.get("ignore_case") else 0
        line = rule.line_of("pattern")
        where = f"rules[{i}].pattern"
        nested = nested_loops(pattern, flags)
        if nested:
            out.append(Finding(str(rf.path), line, "error",
                               f"{where}: {nested!r} repeats a repetition with nothing between the turns, "
                               "so it can backtrack exponentially; make a quantifier possessive ('++', '*+'), "
                               "use an atomic group '(?>...)', or bound it ('{1,20}')"))
            continue
        attack = runs_away(pattern, flags)
        if attack:
            out.append(Finding(str(rf.path), line, "error",
                               f"{where}: runs away: on {attack[:24]!r}... ({len(attack)} characters) it took "
                               f"longer than the {time_limit(attack):.1f}s regex timeout; it would be skipped "
                               "at run time"))
    return out
