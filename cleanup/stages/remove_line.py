"""Boilerplate lines: a line matching a rule's pattern, whole, is removed."""
from __future__ import annotations

from ..edits import Proposal
from ..lines import removal_spans, split_lines
from ..patterns import compile_rule, time_limit
from ..result import Problem


class RemoveLineStage:
    name = "remove-line"

    def __init__(self, rules):
        self.rules = [(r, compile_rule(r.data["pattern"], r.data.get("ignore_case", False)),
                       r.data.get("position", "any")) for r in rules]

    def propose(self, text, ctx):
        lines = split_lines(text)
        last = max((i for i, ln in enumerate(lines) if not ln.blank), default=-1)
        remove = {}
        dead = set()
        limit = time_limit(text)
        for i, line in enumerate(lines):
            stripped = line.text.strip()
            if not stripped:
                continue
            for rule, pattern, position in self.rules:
                if rule.id in dead or (position == "last" and i != last):
                    continue
                try:
                    hit = pattern.fullmatch(stripped, timeout=limit)
                except TimeoutError:
                    dead.add(rule.id)
                    ctx.problems.append(Problem("rule-timeout", f"rule {rule.id} ran away on a line and was "
                                                "skipped (run 'cleanup rules lint')", rule.id))
                    continue
                if hit:
                    remove[i] = rule
                    break
        for start, end, rule in removal_spans(text, lines, remove):
            yield Proposal(start, end, "", rule.id, rule.message, rule.level)
