"""Boilerplate lines: a line matching a rule's pattern, whole, is removed.

All patterns are tried in one combined match per line (one named group per
rule): far cheaper than one match per rule. Each rule's time budget is for
the whole document (RuleClock in core/timed_regex.py), spent line by line;
the combined match has its own (its lines are matched in one run of the
clock, each line with what is left of it), and when it runs out the rules
are tried one by one, so the runaway is stopped and named. A pattern that
cannot join the combination (it refers to its own groups by number) is
tried on its own.

Most lines cannot match at all: each alternative of the patterns starts
with a word ("read", "photo", "©" ...), so a line that starts with none of
them (letter case aside) is not tried on the combination (see `_openings`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import attrgetter, is_, itemgetter, not_
from typing import Literal

import regex

from ..analysis.lines import removal_spans
from ..analysis.regex_needs import ASCII_CASE_PARTNERS
from ..analysis.regex_tree import parse
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
        self.joined = [r for r in rules if r not in self.alone]
        self.by_group = {f"r{i}": r for i, r in enumerate(self.joined)}
        self.openings = _openings([r.settings.pattern for r in self.joined]) if self.joined else None
        self.longest_opening = max(map(len, self.openings), default=0) if self.openings is not None else 0
        self.opens_beyond_ascii = _first_beyond_ascii(self.joined) if self.openings is not None else None
        # compiled when first needed: a text none of whose lines opens as a rule can needs neither
        self._combined, self.compiled = None, False
        self.single = {}

    @property
    def combined(self):
        if not self.compiled:
            self._combined, self.compiled = _combine(self.joined), True
            if self._combined is None:  # e.g. two rules name a group alike: match them one by one
                self.alone, self.openings = list(self.rules), None
        return self._combined

    def _single(self, rule):
        if rule.id not in self.single:
            self.single[rule.id] = compile_rule(rule.settings.pattern, rule.settings.ignore_case)
        return self.single[rule.id]

    def propose(self, text, ctx):
        if "\n" not in text and not self.alone:  # one line (a segment, a headline) opens as no rule can, mostly
            line = text.strip()
            if self.openings is not None and text.isascii():  # (its lowercase start tells: see _may_open)
                may = line[:self.longest_opening].lower().startswith(self.openings)
            else:
                may = line and self._may_open(text, [(0, line)])[0]
            if not may:
                return
        lines = ctx.view(text).lines
        texts = list(map(str.strip, map(_TEXT, lines)))
        stripped = list(compress(enumerate(texts), texts))  # (index, text) of the lines with text
        last = stripped[-1][0] if stripped else -1
        unmatched = ctx.kept(self)  # (for the run: Context.kept) lines the combination matched not, as keys
        tried = list(compress(stripped, self._may_open(text, stripped)))  # (index, line) it may match
        if unmatched:  # a later pass: a line it matched not before, it matches not again
            tried = [(i, line) for i, line in tried if line not in unmatched]
        matches = self._combined_matches(list(map(itemgetter(1), tried)), ctx)  # fewer if it ran out
        # the lines from the one it ran out on are tried rule by rule (if it has no pattern, every rule is
        # left out of it: every line is)
        untried_from = tried[len(matches)][0] if len(matches) < len(tried) else len(lines)
        if self.alone:  # (rules left out of the combination: every line is tried on them)
            found = dict(zip(map(itemgetter(0), tried), matches))
            visits = [(i, line, found.get(i) if i < untried_from else _UNTRIED) for i, line in stripped]
        else:  # (most lines: no rule left to try)
            visits = [(i, line, m) for (i, line), m in zip(tried, matches) if m is not None]
            visits += [(i, line, _UNTRIED) for i, line in stripped if i >= untried_from]
        remove = {}
        for i, line, m in visits:
            rule = self._match(line, i == last, m, ctx)
            if rule:
                remove[i] = rule
        for start, end, rule in removal_spans(text, lines, remove):
            yield Proposal(start, end, "", rule.id, rule.message, rule.level)
        # kept for a later pass only, when the call ends (a line said again in this text is tried again)
        unmatched.update(dict.fromkeys(compress(map(itemgetter(1), tried), map(is_, matches, repeat(None)))))

    def _may_open(self, text, stripped) -> list[bool]:
        """Per stripped line: may the combination match it? (It starts as one of its alternatives can.)"""
        if self.openings is None:
            return [True] * len(stripped)
        # each line's start, lowercase, as long as the longest opening (lower() makes no character shorter,
        # nor a space: the start of the lowercase line, its spaces left out)
        texts = list(map(itemgetter(1), stripped))
        heads = map(str.__getitem__, texts, repeat(slice(self.longest_opening)))
        if not text.isascii() and any(map(text.__contains__, _PARTNERS)):  # rare: "ſ" matches "s" ignoring case
            heads = map(str.translate, heads, repeat(ASCII_CASE_PARTNERS))
        may = list(map(str.startswith, map(str.lower, heads), repeat(self.openings)))
        if not text.isascii():  # a line starting beyond ASCII: its lowercase start does not tell
            beyond = self.opens_beyond_ascii.match
            for k in compress(count(), map(not_, map(str.isascii, map(itemgetter(0), texts)))):
                may[k] = beyond(texts[k]) is not None
        return may

    def _combined_matches(self, lines, ctx) -> list:
        """The combined pattern's fullmatch of each line given (stripped, one it may match), in one run of
        its clock; fewer (the lines before the one it ran out on) if it runs out, none if it has none."""
        out = []
        if not lines or self.combined is None:
            return out

        def run(timeout):
            started = time.monotonic()
            for line in lines:
                left = timeout - (time.monotonic() - started)
                if left <= 0:
                    raise TimeoutError
                out.append(self.combined.fullmatch(line, timeout=left))

        try:  # no Problem for the combination: the rules one by one will name the culprit
            ctx.clock.run(_COMBINED, run, None)
        except Stopped:
            pass
        return out

    def _match(self, line, is_last, m, ctx):
        candidates = self.rules
        if m is not _UNTRIED:
            if m and _fits(self.by_group[m.lastgroup], is_last):
                return self.by_group[m.lastgroup]
            # no match: only the rules left out of the combination remain to try;
            # a match bound to the last line: the other rules may still match
            candidates = self.rules if m else self.alone
        for rule in candidates:
            if not _fits(rule, is_last):
                continue
            single = self._single(rule)
            try:
                if ctx.clock.run(rule.id, lambda t: single.fullmatch(line, timeout=t), ctx.problems):
                    return rule
            except Stopped:
                continue
        return None


_COMBINED = "remove-line (all rules at once)"
_TEXT = attrgetter("text")
_UNTRIED = object()  # a line the combined pattern was not tried on (none, or it ran out of time)


def _fits(rule, is_last: bool) -> bool:
    return rule.settings.position != "last" or is_last


_PARTNERS = tuple(map(chr, ASCII_CASE_PARTNERS))


def _openings(patterns) -> tuple[str, ...] | None:
    """How a line that one of the patterns matches, whole, may start, lowercase; None: any way.

    Each pattern's alternatives are read off its regex tree: the literal text
    each starts with (past anything zero-width, and through groups, optional
    ones with what follows them). Letter case aside, as if every rule
    ignored it. Only their ASCII beginnings are kept: a line starting with
    a character beyond ASCII is tried if an alternative may start so
    (_first_beyond_ascii).
    """
    found = set()
    for pattern in patterns:
        tree = parse(pattern)
        if tree is None or not _followed(tree):
            return None
        starts = _starts(tree.parts if tree.kind == "seq" else [tree])
        if starts is None:
            return None
        for start in starts:
            if start[:1] in _PARTNERS:
                return None  # (an ASCII letter matches it ignoring case)
            if start[0].isascii():  # (one starting beyond ASCII: see _first_beyond_ascii)
                found.add(_ascii_head(start).lower())
    return tuple(sorted(found)) if "" not in found else None


def _first_beyond_ascii(rules):
    """What a line starting beyond ASCII that one of the rules (whose openings are known: _openings)
    matches may start with: ignoring case, the first character beyond ASCII of an alternative, or a
    character matching an ASCII letter ignoring case (an opening's, then)."""
    chars = set(_PARTNERS)
    for rule in rules:
        tree = parse(rule.settings.pattern)
        starts = _starts(tree.parts if tree.kind == "seq" else [tree])
        chars.update(start[0] for start in starts if not start[0].isascii())
    return regex.compile("[%s]" % "".join(map(regex.escape, sorted(chars))), regex.IGNORECASE)


def _ascii_head(text: str) -> str:
    """The text up to its first character beyond ASCII."""
    for i, char in enumerate(text):
        if not char.isascii():
            return text[:i]
    return text


def _followed(tree) -> bool:
    """Every node read as written, but groups with flags of their own (the flags change only letter case)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if not node.understood and not (node.kind == "group" and _CASE_FLAGS.fullmatch(node.text)):
            return False
        stack.extend(node.parts)
    return True


_CASE_FLAGS = regex.compile(r"\(\?(?:i|-i):")


def _starts(items) -> set[str] | None:
    """The literal texts a match of the sequence `items` may start with; None if unknown."""
    run = ""
    for k, item in enumerate(items):
        body, least = (item.parts[0], item.lo) if item.kind == "repeat" else (item, 1)
        if body.literal is not None and item.kind == "atom":
            run += body.literal
            continue
        if run:
            return {run + body.literal} if body.literal is not None and least >= 1 else {run}
        if body.literal is not None:  # a repeated character first
            return {body.literal} if least >= 1 else None
        if body.zero_width and item.kind == "atom" or body.kind == "group" and body.zero_width:
            continue  # consumes nothing: the match starts with what follows
        if body.kind == "alt":
            return _union(_starts(branch.parts) for branch in body.parts)
        if body.kind != "group":
            return None  # a class, a backreference ...: any start
        inner = body.parts[0]
        starts = _union(_starts(b.parts) for b in (inner.parts if inner.kind == "alt" else [inner]))
        if starts is None or "" in starts:
            return None
        if least >= 1:
            return starts
        rest = _starts(items[k + 1:])  # an optional group: the match may start after it
        return None if rest is None else starts | rest
    return {run} if run else None


def _union(sets) -> set[str] | None:
    out = set()
    for s in sets:
        if s is None:
            return None
        out |= s
    return out


def _combine(rules):
    if not rules:
        return None
    parts = [f"(?P<r{i}>{'(?i:' if r.settings.ignore_case else '(?:'}{r.settings.pattern}))"
             for i, r in enumerate(rules)]
    try:
        return regex.compile("|".join(parts), regex.MULTILINE)
    except regex.error:
        return None
