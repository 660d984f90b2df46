"""Drafts into ordinary rule files, every example checked by the engine before it is written.

Each draft's `after` is what the rule alone makes of its `before` (so an
example can never disagree with the engine), and an `unchanged` sentence is
kept only if the rule leaves it alone. The files are then checked as
`cleanup rules test` and `cleanup rules lint` check them, with the shipped
rules: an example that fails is dropped, a rule left with no example of a
change, or with a lint error, is dropped with the reason, and the check runs
again until everything holds.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from ..authoring.examples import check_rule_file
from ..authoring.lint import Workset, lint
from ..core.edits import Level
from ..core.policy import Policy
from ..rulebook.loading import RuleBook, load_rule_file
from ..stages import build_pipeline
from .draft import Draft, slug

FILES = {  # family -> (rule-file kind, description)
    "boilerplate": ("remove-line", "Lines the corpus repeats around its articles (site furniture), learned by "
                                   "`cleanup learn`. Each rule's note gives its evidence."),
    "tails": ("replace", "Credits and site names glued to the end of lines across the corpus, learned by "
                         "`cleanup learn`. Each rule's note gives its evidence."),
    "names": ("names", "Names spelled several ways across the corpus, merged into the commonest or known "
                       "spelling, learned by `cleanup learn`. Each rule's note gives its evidence."),
    "glued": ("replace", "Words run together across the corpus, learned by `cleanup learn`. Each rule's note "
                         "gives its evidence."),
}
MAX_ROUNDS = 12


def file_id(family: str) -> str:
    return f"learned-{family}"


def build(drafts: list[Draft], header: str, shipped: RuleBook) -> dict[str, str]:
    """family -> the YAML text of its rule file, for the drafts that hold up (the others say why not).

    shipped: the shipped rules, which the files must work with."""
    kept = [d for d in drafts if not d.dropped]
    taken: dict[str, set] = {}
    shipped_pipeline = build_pipeline(shipped)
    with tempfile.TemporaryDirectory() as tmp:
        for d in kept:
            d.rule["id"] = slug(d.rule.get("name") or d.evidence.get("key") or d.evidence.get("token", ""),
                                taken.setdefault(d.family, set()))
            _examples(d, Path(tmp), shipped_pipeline)
        for round_ in range(MAX_ROUNDS):
            texts = _texts(kept, header)
            # dropping rules or examples cannot make a lint error: lint the first round only
            if not _settle(kept, texts, Path(tmp), shipped, lint_too=round_ == 0):
                return texts
    # every round drops at least one failing example, so this is reached only on a pathological corpus
    return _texts(kept, header)


def _texts(kept: list[Draft], header: str) -> dict[str, str]:
    texts = {f: _yaml(f, [d for d in kept if d.family == f and not d.dropped], header) for f in FILES}
    return {f: t for f, t in texts.items() if t}


def _examples(d: Draft, tmp: Path, shipped_pipeline) -> None:
    """before/after pairs from what the rule alone does; unchanged texts it leaves alone."""
    alone = build_pipeline(RuleBook((load_rule_file(_write(tmp / "one.yaml", _data(d.family, [d])),),)))
    policy = Policy(level=Level.SUGGEST)
    d.changes, d.guards = [], []
    for text in d.before:
        after = alone.run(text, policy).text
        if after != text:
            d.changes.append({"before": text, "after": after} | ({"level": "suggest"} if d.level == "suggest" else {}))
    for text in d.unchanged:
        result = alone.run(text, policy)
        if result.text == text and not result.edits:
            d.guards.append({"unchanged": text})
    if not d.changes:
        d.dropped = "the rule does not change the real lines it was learned from"
        return
    text, after = d.changes[0]["before"], d.changes[0]["after"]
    shipped = shipped_pipeline.run(text, policy)
    if shipped.text == after:
        rules = sorted({e.rule for e in shipped.edits if e.applied})
        d.dropped = f"the shipped rules already do this ({', '.join(rules)})"


def _settle(kept: list[Draft], texts: dict, tmp: Path, shipped: RuleBook, lint_too: bool) -> bool:
    """Write the files, check them as `rules test` and `rules lint` do; drop what fails. Anything dropped?"""
    folder = tmp / "out"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    targets = [load_rule_file(_write(folder / f"{file_id(f)}.yaml", t)) for f, t in texts.items()]
    ws = Workset(targets, [*shipped.files, *targets])
    changed = False
    for finding in (f for f in (lint(ws, examples=False) if lint_too else []) if f.severity == "error"):
        d = _draft_at(kept, ws, finding.path, finding.line)
        if d is not None:
            d.dropped, changed = f"lint: {finding.message}", True
    book = ws.book()
    for rf in ws.targets:
        for failure in check_rule_file(rf, book):
            d = _draft_of_example(kept, rf, failure.example)
            if d is not None:
                d.changes = [ex for ex in d.changes if _text(ex) != failure.example.text]
                d.guards = [ex for ex in d.guards if _text(ex) != failure.example.text]
                if not d.changes:
                    d.dropped = f"no example of it holds with the shipped rules ({failure.problem})"
                changed = True
    return changed


def _draft_at(kept, ws, path, line):
    for rf in ws.targets:
        if str(rf.path).endswith(Path(path).name):
            rules = [r for r in rf.rules if r.line <= line]
            if rules:
                return _draft_of_rule(kept, rf, rules[-1].id.split(".", 1)[1])
    return None


def _draft_of_rule(kept, rf, rule_id):
    return next((d for d in kept if file_id(d.family) == rf.id and d.rule["id"] == rule_id and not d.dropped), None)


def _draft_of_example(kept, rf, example):
    return next((d for d in kept if file_id(d.family) == rf.id and not d.dropped
                 and any(_text(ex) == example.text for ex in d.examples)), None)


def _text(ex: dict) -> str:
    return ex.get("before", ex.get("unchanged"))


def _data(family: str, drafts: list[Draft]) -> dict:
    kind, description = FILES[family]
    return {"id": file_id(family), "kind": kind, "description": description,
            "rules": [d.rule for d in drafts], "examples": [ex for d in drafts for ex in d.examples]}


def _yaml(family: str, drafts: list[Draft], header: str) -> str:
    if not drafts:
        return ""
    body = yaml.safe_dump(_data(family, drafts), allow_unicode=True, sort_keys=False, width=110)
    return header + body


def _write(path: Path, data) -> Path:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path
