"""Literal and regex replacements.

An edit covers only what actually changes: the text a match and its
replacement share at either end is left out of the span, so
"Vladimir Putin (Vladimir Putin)" -> "Vladimir Putin" is reported as the
deletion of " (Vladimir Putin)".

With many rules, most of them cannot match a given text at all: every match
of "\\bpolitical\\s+regulations?(?=\\s+for)" needs "political", "regulation"
and "for" in the text, and every match of "\\b(?:conversation|talks?)\\s+on"
needs "on" and one of "conversation" and "talk". What each rule's matches
need is read off its pattern once (literals, all or one of which must
occur); a text is asked only for the literals it takes to tell (str's `in`,
at C speed, each at most once per text), and a rule that cannot match is
not run (so the result is the same). A rule whose needs cannot be read
always runs. The literals that start with a capital letter are all looked
for in one search (`_Capitals`); a rule whose pattern starts with a literal
is asked only for the first literal it needs, then run (the regex module
skips to its literal as fast as a string search).

In a long text every common literal occurs somewhere, so a rule that may
match is run only on the stretches that can hold a match: a pattern none
of whose parts (lookarounds included) can match a newline, or a full stop
..., finds the same matches between two of them as in the whole text
(`barriers`), so it is run only between the barriers around the
occurrences of one of its needs (`_Scope`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial

import regex

from ..analysis.fast_regex import FastPattern
from ..analysis.regex_needs import BARRIER_CANDIDATES, barriers, ends_at_line_end, fold_case, lead, opens_with_literal, requirement
from ..core.edits import Level, Proposal
from ..core.timed_regex import compile_rule, find_all, find_at, find_in_spans

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
        self.rules = list(rules)
        self.patterns = [None] * len(self.rules)  # each compiled when first run: most never run on a short text
        needs = []
        for r in self.rules:
            s = r.settings
            needs.append((requirement(_source(s), s.ignore_case), s.ignore_case))
        self.prefilter = LiteralPrefilter(needs) if prefilter else None
        self.scopes = [None] * len(self.rules) if prefilter else None  # each read when first needed
        self.leads = [None] * len(self.rules)  # each rule's _Starts, read when first needed
        self.direct: set[int] | None = None  # the rules asked only for their first literal (see _direct)

    def propose(self, text, ctx):
        found = _Found(text, self.prefilter.capitals if self.prefilter else None)
        live = self.prefilter.rules_that_may_match(text, found, self._direct()) if self.prefilter else None
        learnt = {}  # what this call finds in stretches, kept when it ends: for later passes only
        for i, rule in enumerate(self.rules):
            if live is not None and i not in live:
                continue
            pattern = self.patterns[i] or self._compile(i)
            long = len(text) > _SHORT and self.scopes
            starts = self._start(i).starts(text, found) if long else None
            matches = None if starts is None else find_at(pattern, text, starts, rule.id, ctx.problems,
                                                         clock=ctx.clock)
            if matches is None:
                spans = self._scope(i).spans(text, found) if long else None
                if spans is not None and len(text) > _KEEP_FROM:
                    yield from self._in_spans(i, pattern, text, spans, ctx, learnt)
                    continue
                if spans is not None:
                    matches = find_in_spans(pattern, text, spans, rule.id, ctx.problems, clock=ctx.clock)
                else:
                    matches = find_all(pattern, text, rule.id, ctx.problems, clock=ctx.clock)
            yield from self._proposals(rule, matches)
        ctx.kept(self).update(learnt)

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

    def _start(self, i: int):
        if self.leads[i] is None:
            s = self.rules[i].settings
            # (a pattern that starts with a literal is searched for as fast as its starts would be tried)
            # (a pattern that cannot match a character that ends a sentence or a clause has stretches
            # as short as its starts would be, found faster)
            short = set(barriers(_source(s), s.ignore_case)) & _SHORT_STRETCHES
            found = None if i in self._direct() or short else lead(_source(s))
            walls = barriers(_source(s), s.ignore_case, behind=False).replace("\n", "") \
                if found and ends_at_line_end(_source(s)) else ""
            self.leads[i] = _Starts(*found, s.ignore_case, walls) if found else _WHOLE
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
            self.scopes[i] = _Scope(walls, need, s.ignore_case) if walls else _WHOLE
        return self.scopes[i]


def _source(settings) -> str:
    return settings.pattern if settings.pattern is not None else regex.escape(settings.literal)


_SHORT = 1000  # a text this short is searched whole: finding its stretches would cost more
_CHARS_PER_STRETCH = 500  # more stretches than one per this many characters: the whole text is searched


class _Whole:
    def spans(self, text, found):
        return None

    def starts(self, text, found):
        return None


_WHOLE = _Whole()


class _Scope:
    """Where a rule can match in a text: between the barriers (characters no part of its pattern can
    match) around each occurrence of one of its needs."""

    def __init__(self, walls: str, need, folded: bool):
        self.need, self.folded = _anchor(need), folded
        self.key = (walls, repr(self.need), folded)  # rules alike in these have the same stretches
        self.next_wall = re.compile(f"[{re.escape(walls)}]")
        self.last_wall = regex.compile(f"[{regex.escape(walls)}]", regex.REVERSE)

    def spans(self, text: str, found: "_Found"):
        """(pos, endpos) of the stretches that may hold a match, in order, adjacent ones joined;
        None when they would not save much (the whole text is then searched). Found once per text."""
        if self.key not in found.spans:
            found.spans[self.key] = self._spans(text, found)
        return found.spans[self.key]

    def _spans(self, text: str, found: "_Found"):
        ends: dict[int, int] = {}  # the stretches' (start: end)
        most = len(text) // _CHARS_PER_STRETCH
        for kind, what in _leaves(self.need):
            if kind == "re":
                pattern = found.pattern(what)
                find = lambda pos: (m.start() if (m := pattern.search(text, pos)) else -1)  # noqa: E731
            else:
                within = found.folded_text() if self.folded else text
                if len(within) != len(text):
                    return None  # (a character that lowercases to two: offsets differ)
                find = lambda pos: within.find(what, pos)  # noqa: E731
            at = find(0)
            while at >= 0:
                wall = self.next_wall.search(text, at)
                end = wall.end() if wall else len(text)
                before = self.last_wall.search(text, 0, at)
                ends[before.end() if before else 0] = end
                if len(ends) > most:
                    return None
                at = find(end)
        spans = []
        for start in sorted(ends):
            if spans and spans[-1][1] >= start:
                spans[-1][1] = max(spans[-1][1], ends[start])
            else:
                spans.append([start, ends[start]])
        return spans


_KEEP_FROM = 100_000  # a longer text keeps its stretches' proposals for a later pass (a shorter one: no gain)
_SHORT_STRETCHES = set(BARRIER_CANDIDATES) - {"\n"}
_CHARS_PER_START = 50  # more starts than one per this many characters: stretches are searched instead


class _Starts:
    """Where a rule's match can start in a text: in the run of characters its pattern's first atoms
    take right before an occurrence of the literal that follows them (`lead`), or at it: a rule
    whose match may reach past every barrier (one long line) is then tried only there."""

    def __init__(self, atoms: list[str], literal: str, folded: bool, walls: str = ""):
        """`walls`: for a pattern that ends in `$`, characters no match nor lookahead can step over:
        none may lie between a start and the end of its line."""
        flags = regex.MULTILINE | (regex.IGNORECASE if folded else 0)
        self.key = ("starts", tuple(atoms), literal, folded, walls)  # rules alike in these start alike
        self.next_wall = re.compile(f"[{re.escape(walls)}]") if walls else None
        self.literal = literal
        self.back = regex.compile(f"(?:{'|'.join(atoms)})*", flags | regex.REVERSE) if atoms else None
        self.occurrence = regex.compile(regex.escape(literal), flags) if folded else None

    def starts(self, text: str, found: "_Found"):
        """The positions, in order; None when there are too many to try one by one. Found once per text."""
        if self.key not in found.spans:
            found.spans[self.key] = self._starts(text)
        return found.spans[self.key]

    def _starts(self, text: str):
        if self.occurrence is not None:
            at = (m.start() for m in self.occurrence.finditer(text, overlapped=True))
        else:
            at = _occurrences(text, self.literal)
        out, most = [], len(text) // _CHARS_PER_START
        for a in at:
            first = self.back.match(text, 0, a).start() if self.back else a
            out.extend(range(max(first, out[-1] + 1 if out else 0), a + 1))
            if len(out) > most:
                return None
        return self._to_line_end(text, out) if self.next_wall else out

    def _to_line_end(self, text: str, starts: list[int]) -> list[int]:
        """The starts from which the end of the line can be reached: no wall before it."""
        kept, wall = [], -1
        for p in starts:
            if wall < p:  # (no wall between the last start and the wall found from it)
                m = self.next_wall.search(text, p)
                wall = m.start() if m else len(text)
            if wall == len(text) or text.find("\n", p, wall) >= 0:
                kept.append(p)
        return kept


def _occurrences(text: str, literal: str):
    """Where the literal starts in the text, overlapping ones too."""
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + 1)


def _anchor(need):
    """The need with each "and" cut down to its most telling part: fewer, rarer stretches."""
    if isinstance(need, str) or need[0] == "re":
        return need
    kind, parts = need
    parts = [_anchor(p) for p in parts]
    return max(parts, key=_rarity) if kind == "and" else (kind, parts)


def _rarity(need) -> int:
    if isinstance(need, str):
        return len(need)
    kind, parts = need
    return 4 if kind == "re" else min(map(_rarity, parts))


def _leaves(need):
    """("re", source) or ("literal", text) for each alternative of an anchored need."""
    if isinstance(need, str):
        yield "literal", need
    elif need[0] == "re":
        yield need
    else:
        for part in need[1]:
            yield from _leaves(part)


# -- the prefilter -----------------------------------------------------------

class LiteralPrefilter:
    """Which rules may match a text: those whose required literals occur in it
    (case-folded for case-insensitive rules), and those that require none."""

    def __init__(self, needs: list[tuple[object, bool]]):
        """`needs`: per rule, (what its matches need (see `requirement`), ignore_case)."""
        self.needs = needs
        self.tests = [None if need is None else _test(need, folded) for need, folded in needs]
        self.first_tests = [None if need is None else _test(_first(need), folded) for need, folded in needs]
        capitals = {lit for need, folded in needs if not folded for lit in _literals(need) if _CAPITAL.match(lit)}
        self.capitals = _Capitals(capitals) if capitals else None

    def __getstate__(self):  # (a pipeline travels to batch workers pickled: its tests are built again)
        return {"needs": self.needs}

    def __setstate__(self, state):
        self.__init__(state["needs"])

    def rules_that_may_match(self, text: str, found: "_Found | None" = None, shallow=frozenset()) -> set[int]:
        """(`shallow`: rules asked only for the first part of what they need: the rarest literal.)"""
        found = found or _Found(text, self.capitals)
        return {i for i, test in enumerate(self.tests)
                if test is None or (self.first_tests[i] if i in shallow else test)(found)}


def _first(need):
    """What an "and" needs first (its parts are in order, the rarest literal first)."""
    return _first(need[1][0]) if not isinstance(need, str) and need[0] == "and" else need


def _literals(need):
    if isinstance(need, str):
        yield need
    elif need is not None and need[0] != "re":
        for part in need[1]:
            yield from _literals(part)


_CAPITAL = re.compile(r"[A-Z].")  # (two characters at least: one alone is found as fast by `in`)


class _Capitals:
    """The literals that start with a capital letter, all looked for in one search (capitals are
    rare in a text: the `re` module skips to them at C speed), where each would take a scan of
    its own. The search finds no two overlapping: a literal inside one found is there too, one
    that may start inside one found (its start is the other's end) is looked for on its own."""

    def __init__(self, literals):
        self.literals = set(literals)
        self.pattern = re.compile("|".join(map(re.escape, sorted(literals, key=len, reverse=True))))
        self.inside = {y: {x for x in literals if x in y} for y in literals}
        self.hidden = {y: {x for x in literals if any(x.startswith(y[k:]) for k in range(1, len(y)))}
                       for y in literals}

    def answers(self, text: str) -> dict:
        """Per literal: in the text (True), not (False), or not known (None)."""
        out = dict.fromkeys(self.literals, False)
        found = set(self.pattern.findall(text))
        for y in found:
            out.update(dict.fromkeys(self.hidden[y]))
        for y in found:
            out.update(dict.fromkeys(self.inside[y], True))
        return out


def _test(need, folded: bool):
    """The need as a function of the text's answers (a _Found), with `and` and `or` short-circuiting:
    a call per literal asked, and each literal asked of the text at most once."""
    # (partial() calls at C speed: one Python call per literal and per "and" or "or" asked)
    if isinstance(need, str):
        return partial(_Found.has_folded if folded else _Found.has, literal=need)
    kind, parts = need
    if kind == "re":
        return partial(_Found.matches, source=parts)
    return partial(_all if kind == "and" else _any, [_test(part, folded) for part in parts])


def _all(tests, found) -> bool:
    for test in tests:
        if not test(found):
            return False
    return True


def _any(tests, found) -> bool:
    for test in tests:
        if test(found):
            return True
    return False


class _Found:
    """Which literals a text holds (case-folded or not), each asked at most once."""

    def __init__(self, text: str, capitals: _Capitals | None = None):
        self.text, self.folded = text, None
        self.capitals, self.capitals_found = capitals, None
        self.seen: dict = {}
        self.seen_folded: dict = {}
        self.spans: dict = {}     # the stretches of the rules' scopes (see _Scope)
        self.patterns: dict = {}  # the FastPattern forms chosen for this text

    def has(self, literal: str) -> bool:
        found = self.seen.get(literal)
        if found is None:
            if self.capitals is not None and literal in self.capitals.literals:
                if self.capitals_found is None:
                    self.capitals_found = self.capitals.answers(self.text)
                found = self.capitals_found[literal]
            if found is None:
                found = literal in self.text
            self.seen[literal] = found
        return found

    def has_folded(self, literal: str) -> bool:
        found = self.seen_folded.get(literal)
        if found is None:
            found = self.seen_folded[literal] = literal in self.folded_text()
        return found

    def folded_text(self) -> str:
        if self.folded is None:
            self.folded = fold_case(self.text)
        return self.folded

    def matches(self, source: str) -> bool:
        """Does the pattern (a literal and a class: see requirement) match? Asked once per text."""
        found = self.seen.get(("re", source))
        if found is None:
            found = self.seen[("re", source)] = self.pattern(source).search(self.text) is not None
        return found

    def pattern(self, source: str):
        if source not in self.patterns:
            self.patterns[source] = _fast(source)(self.text)
        return self.patterns[source]


@lru_cache(maxsize=256)
def _fast(source: str) -> FastPattern:
    return FastPattern(source)
