"""Literal and regex replacements.

An edit covers only what actually changes: the text a match and its
replacement share at either end is left out of the span, so
"Vladimir Putin (Vladimir Putin)" -> "Vladimir Putin" is reported as the
deletion of " (Vladimir Putin)".
"""
from __future__ import annotations

import regex

from ..edits import Level, Proposal
from ..patterns import compile_rule, find_all


_TOKENS = regex.compile(r"\s+|[\p{L}\p{M}\p{N}]+|.", regex.DOTALL)


def trim_common(start: int, old: str, new: str) -> tuple[int, int, str]:
    """Shrink (start, old -> new) to the whole words (and spaces) that differ."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    head = sum(map(len, a[:p]))
    tail = sum(map(len, a[len(a) - s:]))
    new_tail = sum(map(len, b[len(b) - s:]))
    return start + head, start + len(old) - tail, new[head:len(new) - new_tail]


class ReplaceStage:
    name = "replace"

    def __init__(self, rules):
        self.rules = []
        for r in rules:
            pattern = r.data.get("pattern") or regex.escape(r.data["literal"])
            self.rules.append((r, compile_rule(pattern, r.data.get("ignore_case", False))))

    def propose(self, text, ctx):
        for rule, pattern in self.rules:
            template = rule.data.get("replacement")
            for m in find_all(pattern, text, rule.id, ctx.problems):
                if rule.level is Level.FLAG or template is None:
                    yield Proposal(m.start(), m.end(), None, rule.id, rule.message, Level.FLAG)
                    continue
                new = m.expand(template)
                if new == m.group():
                    continue
                s, e, repl = trim_common(m.start(), m.group(), new)
                yield Proposal(s, e, repl, rule.id, rule.message, rule.level)
