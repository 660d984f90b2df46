"""Literal and regex replacements.

An edit covers only what actually changes: the text a match and its
replacement share at either end is left out of the span, so
"Vladimir Putin (Vladimir Putin)" -> "Vladimir Putin" is reported as the
deletion of " (Vladimir Putin)".

With many rules, most of them cannot match a given text at all: every match
of "\\bpolitical\\s+regulations?(?=\\s+for)" needs "political", "regulation"
and "for" in the text. Each rule's required literals are read off its
pattern once; one Aho-Corasick pass over the text finds which of them occur
(the telling ones: "for" occurs everywhere), and a rule missing one is not
run (it cannot match, so the result is the same). A rule whose literals
cannot be read always runs.
"""
from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
import regex

from ..analysis.regex_tree import required_text
from ..core.edits import Level, Proposal
from ..core.timed_regex import compile_rule, find_all

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


@dataclass(frozen=True)
class Settings:
    pattern: str | None = None       # a regular expression to find (or `literal`)
    literal: str | None = None       # exact text to find instead of a pattern
    replacement: str | None = None   # what a match becomes (\1, \g<name> refer to groups); None: flag only
    ignore_case: bool = False        # letters match in either case


SETTINGS = Settings


def build(rules, env):
    return [ReplaceStage(rules)]


class ReplaceStage:
    name = "replace"

    def __init__(self, rules, *, prefilter: bool = True):
        self.rules = []
        needs = []
        for r in rules:
            s = r.settings
            if s.pattern is not None:
                pattern, literals = s.pattern, required_literals(s.pattern, s.ignore_case)
            else:
                pattern, literals = regex.escape(s.literal), _search_forms([s.literal], s.ignore_case)
            self.rules.append((r, compile_rule(pattern, s.ignore_case)))
            needs.append((literals, s.ignore_case))
        self.prefilter = LiteralPrefilter(needs) if prefilter else None

    def propose(self, text, ctx):
        live = self.prefilter.rules_that_may_match(text) if self.prefilter else None
        for i, (rule, pattern) in enumerate(self.rules):
            if live is not None and i not in live:
                continue
            template = rule.settings.replacement
            for m in find_all(pattern, text, rule.id, ctx.problems, clock=ctx.clock):
                if rule.level is Level.FLAG or template is None:
                    yield Proposal(m.start(), m.end(), None, rule.id, rule.message, Level.FLAG)
                    continue
                new = m.expand(template)  # replacements are checked when the rule file loads
                if new == m.group():
                    continue
                s, e, repl = trim_common(m.start(), m.group(), new)
                yield Proposal(s, e, repl, rule.id, rule.message, rule.level)


# -- the prefilter -----------------------------------------------------------

class LiteralPrefilter:
    """Which rules may match a text: those whose required literals all occur in
    it (case-folded for case-insensitive rules), and those without any."""

    def __init__(self, needs: list[tuple[tuple[str, ...], bool]]):
        """`needs`: per rule, (the literals it requires, ignore_case)."""
        needs = [(_telling(literals), folded) for literals, folded in needs]
        self.needs = [frozenset(literals) for literals, _ in needs]
        self.exact = _automaton({lit for literals, folded in needs if not folded for lit in literals})
        self.folded = _automaton({lit for literals, folded in needs if folded for lit in literals})

    def rules_that_may_match(self, text: str) -> set[int]:
        found = set()
        if self.exact is not None:
            found.update(lit for _, lit in self.exact.iter(text))
        if self.folded is not None:
            found.update(lit for _, lit in self.folded.iter(fold_case(text)))
        return {i for i, need in enumerate(self.needs) if need <= found}


def _telling(literals: tuple[str, ...]) -> tuple[str, ...]:
    """The literals worth looking for: short ones ("the", "(") occur everywhere and
    inside other words, and cost a hit each; checking fewer is still exact."""
    long = tuple(lit for lit in literals if len(lit) >= 4)
    return long or tuple(sorted(literals, key=len)[-1:])


def _automaton(literals: set[str]):
    if not literals:
        return None
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton


# The only characters the regex module matches to an ASCII character under
# IGNORECASE, besides ASCII itself (tests/test_replace_prefilter.py checks
# this against every code point): mapped to ASCII before lowercasing, so a
# case-insensitive ASCII literal is found in the folded text whenever the
# pattern could match.
_ASCII_CASE_PARTNERS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_HAS_PARTNER = regex.compile("[\u0130\u0131\u017f\u212a]")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")


def fold_case(text: str) -> str:
    if _HAS_PARTNER.search(text):  # rare; translate() is slow, lower() is not
        text = text.translate(_ASCII_CASE_PARTNERS)
    return text.lower()


def _search_forms(runs, ignore_case: bool) -> tuple[str, ...]:
    """What to look for: the literals themselves, or for a case-insensitive rule
    their ASCII stretches, lowercased (other letters fold in too many ways)."""
    if ignore_case:
        runs = [part.lower() for run in runs for part in _NON_ASCII.split(run)]
    return tuple(sorted({r for r in runs if r}))


def required_literals(pattern: str, ignore_case: bool = False) -> tuple[str, ...]:
    """Texts every match of `pattern` needs in the text (search forms); () if unknown (see regex_tree)."""
    return _search_forms(required_text(pattern), ignore_case)
