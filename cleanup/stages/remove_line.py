"""Boilerplate lines: a line matching a rule's pattern, whole, is removed.

All patterns are tried in one combined match per line (one named group per
rule): far cheaper than one match per rule. Each rule's time budget is for
the whole document (RuleClock in core/timed_regex.py), spent line by line;
the combined match has its own, and when it runs out the rules are tried one by one, so
the runaway is stopped and named. A pattern that cannot join the combination
(it refers to its own groups by number) is tried on its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from ..analysis.lines import removal_spans
from ..core.edits import Proposal
from ..core.timed_regex import Stopped, compile_rule

_BACKREF = regex.compile(r"\\[1-9]|\(\?P=|\\g<")


@dataclass(frozen=True)
class Settings:
    pattern: str                             # must match the whole line, its outer whitespace removed
    ignore_case: bool = False                # letters match in either case
    position: Literal["any", "last"] = "any"  # last: only the document's last non-blank line


SETTINGS = Settings


def build(rules, env):
    return [RemoveLineStage(rules)]


class RemoveLineStage:
    name = "remove-line"

    def __init__(self, rules):
        self.rules = rules
        self.alone = [r for r in rules if _BACKREF.search(r.settings.pattern)]
        joined = [r for r in rules if r not in self.alone]
        self.combined = _combine(joined)
        if self.combined is None:  # e.g. two rules name a group alike: match them one by one
            self.alone, joined = list(rules), []
        self.by_group = {f"r{i}": r for i, r in enumerate(joined)}
        self.single = {r.id: compile_rule(r.settings.pattern, r.settings.ignore_case) for r in rules}

    def propose(self, text, ctx):
        lines = ctx.view(text).lines
        last = max((i for i, ln in enumerate(lines) if not ln.blank), default=-1)
        remove = {}
        for i, line in enumerate(lines):
            stripped = line.text.strip()
            if stripped:
                rule = self._match(stripped, i == last, ctx)
                if rule:
                    remove[i] = rule
        for start, end, rule in removal_spans(text, lines, remove):
            yield Proposal(start, end, "", rule.id, rule.message, rule.level)

    def _match(self, line, is_last, ctx):
        candidates = self.rules
        if self.combined is not None:
            try:  # no Problem for the combination: the rules one by one will name the culprit
                m = ctx.clock.run(_COMBINED, lambda t: self.combined.fullmatch(line, timeout=t), None)
            except Stopped:
                pass
            else:
                if m and _fits(self.by_group[m.lastgroup], is_last):
                    return self.by_group[m.lastgroup]
                # no match: only the rules left out of the combination remain to try;
                # a match bound to the last line: the other rules may still match
                candidates = self.rules if m else self.alone
        for rule in candidates:
            if not _fits(rule, is_last):
                continue
            single = self.single[rule.id]
            try:
                if ctx.clock.run(rule.id, lambda t: single.fullmatch(line, timeout=t), ctx.problems):
                    return rule
            except Stopped:
                continue
        return None


_COMBINED = "remove-line (all rules at once)"


def _fits(rule, is_last: bool) -> bool:
    return rule.settings.position != "last" or is_last


def _combine(rules):
    if not rules:
        return None
    parts = [f"(?P<r{i}>{'(?i:' if r.settings.ignore_case else '(?:'}{r.settings.pattern}))"
             for i, r in enumerate(rules)]
    try:
        return regex.compile("|".join(parts), regex.MULTILINE)
    except regex.error:
        return None
