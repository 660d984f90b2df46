"""Literal and regex replacements.

An edit covers only what actually changes: the text a match and its
replacement share at either end is left out of the span, so
"Vladimir Putin (Vladimir Putin)" -> "Vladimir Putin" is reported as the
deletion of " (Vladimir Putin)".

Which rules may match a text, and where in a long one, is replace_reach.py's
business: the stage runs each rule only where it can match, and finds what it
would find in the whole text.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from ..analysis.regex_needs import (
    BARRIER_CANDIDATES,
    barriers,
    ends_at_line_end,
    lead,
    opens_with_literal,
    requirement,
)
from ..core.edits import Level, Proposal
from ..core.timed_regex import Stopped, compile_rule, find_all, find_at, find_in_spans
from .replace_again import Last, in_gaps
from .replace_reach import (
    WHOLE,
    Backwards,
    Found,
    LiteralPrefilter,
    Scope,
    Starts,
    pairs,
    same_backwards,
)

_TOKENS = regex.compile(r"\s+|[\p{L}\p{M}\p{N}]+|.", regex.DOTALL)

SHORT_TEXT = 1000  # a text this short is searched whole: finding its stretches would cost more
KEEP_FROM = 100_000  # a longer text keeps its stretches' proposals for a later pass (a shorter one: no gain)
# (only for a rule a later pass cuts at line breaks alone: on one long line it would read the whole text again;
# at a full stop or a comma, a later pass reads only what changed, and the keys would keep the stretches' text)
SHORT_STRETCHES = set(BARRIER_CANDIDATES) - {"\n"}
MOST_AGAIN = 0.25  # a later pass searches no more than this share of a text again: the first look's ways pay more
_LAST = "last call"  # (the key in the run's memo of what the last call learnt: see replace_again.py)


def trim_common(start: int, old: str, new: str) -> tuple[int, int, str]:
    """Shrink (start, old -> new) to the whole words (and spaces) that differ."""
    if not old or not new or (old[0] != new[0] and old[-1] != new[-1]):
        return start, start + len(old), new  # (their first words differ, and their last: nothing to shrink)
    return trim_by_words(start, old, new)


def trim_by_words(start: int, old: str, new: str) -> tuple[int, int, str]:
    """trim_common without its first look: the words alike at either end left out."""
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
        self.rules = list(rules)
        self.patterns = [None] * len(self.rules)  # each compiled when first run: most never run on a short text
        needs = []
        for r in self.rules:
            s = r.settings
            needs.append((requirement(_source(s), s.ignore_case), s.ignore_case))
        self.prefilter = LiteralPrefilter(needs) if prefilter else None
        self.scopes = [None] * len(self.rules) if prefilter else None  # each read when first needed
        self.leads = [None] * len(self.rules)  # each rule's Starts, read when first needed
        self.walls = [None] * len(self.rules)  # each rule's walls in a later pass, read when first needed
        self.gap_scopes = [None] * len(self.rules)  # each rule's Scope in a later pass's gaps, made when first needed
        self.ends = [None] * len(self.rules)  # each rule's Backwards (False: none), made when first needed
        self.direct: set[int] | None = None  # the rules asked only for their first literal (see _direct)

    def propose(self, text, ctx):
        kept = ctx.kept(self)
        last = kept.pop(_LAST, None)
        # (a short text is looked at afresh in a later pass: cheaper than taking the last call's answers)
        keeps = self.prefilter is not None and len(text) > SHORT_TEXT
        again = last.again(text, self.prefilter.margin, ctx.copied(self)) if last is not None and keeps else None
        # (a short text's literals are asked of it straight: see rules_that_may_match)
        found = again.found if again else Found(text, self.prefilter.capitals) if keeps else None
        if again or not self.prefilter:
            live = range(len(self.rules))
        else:
            live = sorted(self.prefilter.rules_that_may_match(text, found, self._direct()))
        learnt = {}  # what this call finds in stretches, kept when it ends: for later passes only
        proposals = [[] for _ in self.rules] if keeps else None  # each rule's, for the next call (None: not known)
        for i in live:
            rule = self.rules[i]
            cuts = again is not None and last.proposals[i] is not None and self._walls_again(i)
            walls, gaps, share = self._cut_again(cuts, again) if cuts else ("", None, 1.0)
            if walls and share <= MOST_AGAIN:  # (searched only where the text was not copied from the last call's)
                may = gaps and self._may_match(i, again.held(walls))
                gaps = again.gaps_holding(walls, self._in_gaps(i)) if may else ()
                matches = find_in_spans(self.patterns[i] or self._compile(i), text, gaps, rule.id, ctx.problems,
                                        clock=ctx.clock) if gaps else ()
                new = list(self._proposals(rule, matches)) if matches else []
                mine = again.merged(i, walls, new) if new or last.proposals[i] else []
            elif again is not None and not self._may_match(i, found):
                continue
            else:
                mine = list(self._find(i, text, found, ctx, learnt))
            if rule.id in ctx.clock.stopped:  # (a rule stopped part way found less)
                mine = None
            if keeps:
                proposals[i] = mine
            yield from mine or ()
        kept.update(learnt)
        if keeps:  # (no text is kept: the pipeline tells what a later one copies)
            kept[_LAST] = Last(len(text), found, proposals)

    def _may_match(self, i: int, found: Found) -> bool:
        test = (self.prefilter.first_tests if i in self._direct() else self.prefilter.tests)[i]
        return test is None or test(found)

    def _find(self, i: int, text: str, found: Found, ctx, learnt: dict):
        """Rule i's proposals in the whole text: tried at its starts, or in its stretches, or everywhere."""
        rule = self.rules[i]
        pattern = self.patterns[i] or self._compile(i)
        long = len(text) > SHORT_TEXT and self.scopes
        if long and self._backwards(i) and self.ends[i].none_in(text, found, self._run(rule, ctx)):
            return ()
        starts = self._start(i).starts(text, found) if long else None
        matches = None if starts is None else find_at(pattern, text, starts, rule.id, ctx.problems, clock=ctx.clock)
        if matches is None:
            spans = self._scope(i).spans(text, found) if long else None
            if spans is not None and len(text) > KEEP_FROM and self._walls_again(i) == ("\n",):
                return self._in_spans(i, pattern, text, pairs(spans), ctx, learnt)
            if spans is not None:
                matches = find_in_spans(pattern, text, pairs(spans), rule.id, ctx.problems, clock=ctx.clock)
            else:
                matches = find_all(pattern, text, rule.id, ctx.problems, clock=ctx.clock)
        return self._proposals(rule, matches)

    def _in_spans(self, i: int, pattern, text: str, spans, ctx, learnt: dict):
        """The rule's proposals in the stretches, each stretch's kept for the run: a later pass reads
        them for a stretch it is given again. (Keyed by the stretch with the barrier before it, and
        whether it starts or ends the text: all that its matches may look at. Not read in the pass
        that found them: a stretch repeated within one text is looked at again, as a real text's
        first pass would.)"""
        rule, kept = self.rules[i], ctx.kept(self)
        for pos, endpos in spans:
            key = (i, text[pos - 1 if pos else 0:endpos], pos == 0, endpos == len(text))
            found = kept.get(key)
            if found is None:
                matches = find_in_spans(pattern, text, [(pos, endpos)], rule.id, ctx.problems, clock=ctx.clock)
                found = [p._replace(start=p.start - pos, end=p.end - pos) for p in self._proposals(rule, matches)]
                if rule.id not in ctx.clock.stopped:  # (a rule stopped part way found less)
                    learnt[key] = found
            for p in found:
                yield p._replace(start=p.start + pos, end=p.end + pos)

    @staticmethod
    def _proposals(rule, matches):
        template = rule.settings.replacement
        for m in matches:
            if rule.level is Level.FLAG or template is None:
                yield Proposal(m.start(), m.end(), None, rule.id, rule.message, Level.FLAG)
                continue
            new = m.expand(template)  # replacements are checked when the rule file loads
            if new == m.group():
                continue
            s, e, repl = trim_common(m.start(), m.group(), new)
            yield Proposal(s, e, repl, rule.id, rule.message, rule.level)

    def _direct(self) -> set[int]:
        """The rules whose pattern starts with a literal: the regex module looks for it as fast as the
        prefilter would look for their literals, so the prefilter asks only for the first one they need
        (the longest)."""
        if self.direct is None:
            self.direct = {i for i, r in enumerate(self.rules) if opens_with_literal(_source(r.settings))}
        return self.direct

    def _compile(self, i: int):
        s = self.rules[i].settings
        self.patterns[i] = compile_rule(_source(s), s.ignore_case)
        return self.patterns[i]

    def _walls_again(self, i: int) -> tuple[str, ...]:
        """The walls a later pass may cut rule i's text at (see replace_again.py), each alone, the first
        that leaves little to search again taken (_cut_again): of the characters no part of its pattern can
        match, the full stop (sentences are short), else the line break, then the comma (a rule that reads
        full stops, as names do, on one long line); none: the rule is searched as in a first look. One
        wall at a time: rules share their cuts."""
        if self.walls[i] is None:
            s = self.rules[i].settings
            walls = barriers(_source(s), s.ignore_case)
            self.walls[i] = (".",) if "." in walls else tuple(wall for wall in "\n," if wall in walls)
        return self.walls[i]

    def _backwards(self, i: int) -> bool:
        """Is rule i one that a line can be matched backwards for (see Backwards)?"""
        if self.ends[i] is None:
            source = _source(self.rules[i].settings)
            self.ends[i] = ends_at_line_end(source) and same_backwards(source) and \
                Backwards(source, self.rules[i].settings.ignore_case)
        return bool(self.ends[i])

    @staticmethod
    def _run(rule, ctx):
        """A rule's match run under its time budget: None, as no match, once the budget is spent (the rule
        then finds nothing more, and its proposals are not kept)."""
        def run(match):
            try:
                return ctx.clock.run(rule.id, match, ctx.problems)
            except Stopped:
                return None
        return run

    def _in_gaps(self, i: int):
        if self.gap_scopes[i] is None:
            self.gap_scopes[i] = in_gaps(*self.prefilter.needs[i])
        return self.gap_scopes[i]

    @staticmethod
    def _cut_again(cuts: tuple[str, ...], again):
        """(walls, gaps, share): the first of `cuts` whose gaps (see Again.gaps) cover no more than
        MOST_AGAIN of the text, else the last."""
        for walls in cuts:
            gaps, share = again.gaps(walls)
            if share <= MOST_AGAIN:
                break
        return walls, gaps, share

    def _start(self, i: int):
        if self.leads[i] is None:
            s = self.rules[i].settings
            # (a pattern that starts with a literal is searched for as fast as its starts would be tried)
            # (a pattern that cannot match a character that ends a sentence or a clause has stretches
            # as short as its starts would be, found faster)
            short = set(barriers(_source(s), s.ignore_case)) & SHORT_STRETCHES
            found = None if i in self._direct() or short else lead(_source(s))
            walls = barriers(_source(s), s.ignore_case, behind=False).replace("\n", "") \
                if found and ends_at_line_end(_source(s)) else ""
            self.leads[i] = Starts(*found, s.ignore_case, walls) if found else WHOLE
        return self.leads[i]

    def _scope(self, i: int):
        if self.scopes[i] is None:
            s = self.rules[i].settings
            need = self.prefilter.needs[i][0]
            # (a pattern that starts with a literal is searched for as fast as its stretches would be;
            # stretches longer than a sentence or a line, between rarer barriers, cost more than they save)
            skip = need is None or i in self._direct()
            walls = "" if skip else barriers(_source(s), s.ignore_case)
            walls = walls if "\n" in walls or "." in walls else ""
            self.scopes[i] = Scope(walls, need, s.ignore_case) if walls else WHOLE
        return self.scopes[i]


def _source(settings) -> str:
    return settings.pattern if settings.pattern is not None else regex.escape(settings.literal)
