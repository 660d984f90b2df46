"""Run the examples a rule file carries, alone and within the whole pipeline.

A rule file's examples are its tests (as in LanguageTool): a before/after
pair must come out exactly; an unchanged sentence must not be touched (and
the file's own rules must not even flag it); a flagged sentence must have
each listed span flagged. Each example runs twice: with the file alone,
and with every active rule file, because a rule that works alone but is
undone or broken by another rule is broken for the user.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..core.config import GrammarSettings
from ..core.edits import Level
from ..core.policy import Policy
from ..render.unified import lines_of
from ..render.visible import LINE_BREAK, SPACE, visible
from ..rulebook.loading import Example, RuleBook, RuleFile
from ..stages import build_pipeline


@dataclass(frozen=True)
class ExampleFailure:
    file: RuleFile
    example: Example
    setting: str     # "alone" or "in the whole pipeline"
    problem: str
    detail: str = ""

    @property
    def what(self) -> str:
        """Which example failed, where, and how: "examples[3]: alone: ..."."""
        return f"examples[{self.file.examples.index(self.example)}]: {self.setting}: {self.problem}"

    @property
    def headline(self) -> str:
        """One line naming the file, the example's line and what is wrong."""
        return f"{self.file.where(self.example.line)}: error: {self.what}"

    def __str__(self) -> str:
        return self.headline + ("\n" + self.detail if self.detail else "")


def readable_diff(expected: str, got: str) -> str:
    """A unified diff whose lines show their line breaks (↵) and, when nothing but whitespace
    differs, their spaces (·).

    Without that, a missing final newline or a doubled space gives two lines that look the same.
    """
    spaces = expected.split() == got.split()
    lines = difflib.unified_diff(lines_of(expected) or [""], lines_of(got) or [""], "expected", "got", lineterm="")
    shown = [line.rstrip("\n") if line.startswith(("---", "+++", "@@")) else line[0] + _shown(line[1:], spaces)
             for line in lines]
    return "\n".join(shown) or f"expected {expected!r}\n     got {got!r}"


def _shown(line: str, spaces: bool) -> str:
    body = line.removesuffix("\n")
    words = body.rstrip(" ")
    end = LINE_BREAK if line.endswith("\n") else ""
    return visible(words, spaces=spaces) + SPACE * (len(body) - len(words)) + end


def check_example(rf: RuleFile, ex: Example, pipeline, setting: str) -> ExampleFailure | None:
    def failed(problem: str, detail: str = "") -> ExampleFailure:
        return ExampleFailure(rf, ex, setting, problem, detail)

    level = ex.level if ex.kind == "change" else Level.SUGGEST
    result = pipeline.run(ex.text, Policy(level=level))
    own = [e for e in result.edits if e.rule.split(".", 1)[0] == rf.id]
    if ex.kind == "change":
        if result.text != ex.after:
            return failed(f"the output is not the expected 'after' (level {level.value})",
                          readable_diff(ex.after, result.text))
        if not any(e.applied for e in own):
            return failed("the change is right, but none of this file's rules made it")
    elif ex.kind == "unchanged":
        if result.text != ex.text:
            return failed("the text changed but should not have", readable_diff(ex.text, result.text))
        if setting == "alone" and own:
            return failed("a rule of this file reports this text: "
                          + "; ".join(f"{e.rule} on {e.original!r}" for e in own))
    else:
        for span in ex.spans:
            if not any(e.original == span for e in own):
                got = ", ".join(f"{e.original!r} ({e.rule})" for e in own) or "nothing"
                return failed(f"{span!r} is not flagged (this file reported: {got})")
    for p in result.problems:
        if p.kind != "grammar-skipped":
            return failed(p.message)
    return None


def runs_offline(rf: RuleFile) -> bool:
    """Can the file's rules act without a server? (languagetool rules cannot: their examples wait for one.)"""
    return bool(build_pipeline(RuleBook((rf,)), grammar=_engine_for(rf)).stages)


def _engine_for(rf: RuleFile):
    """Harper runs in process, so a harper rule file's examples run with it; other kinds need no engine."""
    return GrammarSettings(backend="harper", cache=False) if rf.kind == "harper" else None


def rules_exercised(rf: RuleFile, pipeline) -> set[str]:
    """Ids of the rules that act on (change or flag) at least one of the file's examples."""
    seen = set()
    for ex in rf.examples:
        seen.update(e.rule for e in pipeline.run(ex.text, Policy(level=Level.SUGGEST)).edits)
    return seen


def check_rule_file(rf: RuleFile, book: RuleBook) -> list[ExampleFailure]:
    alone = build_pipeline(RuleBook((rf,), book.disabled), grammar=_engine_for(rf))
    whole = build_pipeline(book, grammar=_engine_for(rf), language=rf.run_language)
    failures = []
    for ex in rf.examples:
        for pipeline, setting in ((alone, "alone"), (whole, "in the whole pipeline")):
            f = check_example(rf, ex, pipeline, setting)
            if f:
                failures.append(f)
                break
    return failures
