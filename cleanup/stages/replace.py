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
always runs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..analysis.fast_regex import FastPattern
from ..analysis.regex_tree import NEGATIVE_LOOKAROUNDS, parse, required_text, walk
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
            pattern = s.pattern if s.pattern is not None else regex.escape(s.literal)
            self.rules.append((r, compile_rule(pattern, s.ignore_case)))
            needs.append((requirement(pattern, s.ignore_case), s.ignore_case))
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
    """Which rules may match a text: those whose required literals occur in it
    (case-folded for case-insensitive rules), and those that require none."""

    def __init__(self, needs: list[tuple[object, bool]]):
        """`needs`: per rule, (what its matches need (see `requirement`), ignore_case)."""
        self.needs = needs
        self.tests = [None if need is None else _test(need, folded) for need, folded in needs]

    def __getstate__(self):  # (a pipeline travels to batch workers pickled: its tests are built again)
        return {"needs": self.needs}

    def __setstate__(self, state):
        self.__init__(state["needs"])

    def rules_that_may_match(self, text: str) -> set[int]:
        found = _Found(text)
        return {i for i, test in enumerate(self.tests) if test is None or test(found)}


def _test(need, folded: bool):
    """The need as a function of the text's answers (a _Found), with `and` and `or` short-circuiting:
    a call per literal asked, and each literal asked of the text at most once."""
    if isinstance(need, str):
        return (lambda found: found.has_folded(need)) if folded else (lambda found: found.has(need))
    kind, parts = need
    if kind == "re":
        return lambda found: found.matches(parts)
    tests = [_test(part, folded) for part in parts]
    if kind == "and":
        return lambda found: all(test(found) for test in tests)
    return lambda found: any(test(found) for test in tests)


class _Found:
    """Which literals a text holds (case-folded or not), each asked at most once."""

    def __init__(self, text: str):
        self.text, self.folded = text, None
        self.seen: dict = {}
        self.seen_folded: dict = {}

    def has(self, literal: str) -> bool:
        found = self.seen.get(literal)
        if found is None:
            found = self.seen[literal] = literal in self.text
        return found

    def has_folded(self, literal: str) -> bool:
        found = self.seen_folded.get(literal)
        if found is None:
            if self.folded is None:
                self.folded = fold_case(self.text)
            found = self.seen_folded[literal] = literal in self.folded
        return found

    def matches(self, source: str) -> bool:
        """Does the pattern (a literal and a class: see requirement) match? Asked once per text."""
        found = self.seen.get(("re", source))
        if found is None:
            found = self.seen[("re", source)] = _fast(source)(self.text).search(self.text) is not None
        return found


# -- what a pattern's matches need ---------------------------------------------

def requirement(pattern: str, ignore_case: bool = False):
    """What every match of `pattern` needs in the text: a literal (a search form, see
    _search_forms), ("and", needs), ("or", needs), ("re", a pattern: a literal and the
    class that follows it); None if nothing is known.

    Read off the regex tree as required_text reads it (literal characters and
    escaped punctuation, in groups and positive lookarounds that must
    match), and beyond it: one of a group's alternatives must match, and a
    group with flags of its own ("(?i:...)") changes nothing outside it, and
    a literal followed by a class, or by a group or backreference that starts
    with one, is followed by one of its characters ("\\(\\p{Lu}").
    """
    tree = parse(pattern)
    if tree is None or not all(_followed(node) for node in _outside_flag_groups(tree)):
        return None
    groups = [n for n in walk(tree) if n.kind == "group" and _CAPTURING.fullmatch(n.text)]
    try:
        return _simplify(_need(tree, dict(enumerate(groups, 1))), ignore_case)
    except _Unknown:
        return None


class _Unknown(Exception):
    pass


# flags of a group's own that leave the syntax inside as the parser reads it ("x" would not)
_FLAG_GROUP = regex.compile(r"\(\?(?:[imsafuw]+(?:-[imsafuw]+)?|-[imsafuw]+):")


def _outside_flag_groups(node):
    yield node
    if node.kind == "group" and _FLAG_GROUP.fullmatch(node.text):
        return
    for part in node.parts:
        yield from _outside_flag_groups(part)


def _followed(node) -> bool:
    if node.kind == "group" and _FLAG_GROUP.fullmatch(node.text):
        return True
    return node.understood and not (node.kind == "repeat" and node.parts[0].kind == "repeat")


def _need(node, groups):
    """The need of a sequence or an alternation, before case folding (None: none).
    `groups`: the capturing groups by number."""
    if node.kind == "alt":
        needs = [_need(branch, groups) for branch in node.parts]
        return None if any(n is None for n in needs) else ("or", needs)
    if node.kind != "seq":
        raise _Unknown
    needs, run = [], ""
    for item in node.parts:
        body, least, quantified = (item.parts[0], item.lo, True) if item.kind == "repeat" else (item, 1, False)
        if body.literal is not None:
            if not quantified:
                run += body.literal
                continue
            if least >= 1:
                run += body.literal  # "ab+" still contains "ab"; what follows the repeat is another stretch
        if run and (first := _first_class(item, groups)):
            needs.append(("re", re.escape(run) + first))
        needs.append(run)
        run = ""
        if body.kind == "group" and least >= 1 and body.text not in NEGATIVE_LOOKAROUNDS \
                and not _FLAG_GROUP.fullmatch(body.text):
            needs.append(_need(body.parts[0], groups))
    needs.append(run)
    needs = [n for n in needs if n]
    return ("and", needs) if needs else None


_CAPTURING = regex.compile(r"\((?:\?P?<\w+>)?")
_PLAIN_OPENER = regex.compile(r"\((?:\?:|\?P?<\w+>)?")
_CLASS_ATOM = regex.compile(r"\[\^?[^\]\[\\]+\]|\\p\{\w+\}")  # as FastPattern reads them: a plain [class], a \p{..}
_BACKREF_ATOM = regex.compile(r"\\[1-9][0-9]?")


def _first_class(item, groups, depth: int = 0) -> str | None:
    """The class a match of `item` starts with (its source), if one must: a class, or a group or a
    backreference whose group starts with one."""
    body, least = (item.parts[0], item.lo) if item.kind == "repeat" else (item, 1)
    if least < 1 or depth > 10:
        return None
    if body.kind == "atom":
        if _CLASS_ATOM.fullmatch(body.text):
            return body.text
        group = groups.get(int(body.text[1:])) if _BACKREF_ATOM.fullmatch(body.text) else None
        return _first_class_of(group.parts[0], groups, depth + 1) if group else None
    if body.kind == "group" and _PLAIN_OPENER.fullmatch(body.text):
        return _first_class_of(body.parts[0], groups, depth + 1)
    return None


def _first_class_of(seq, groups, depth: int) -> str | None:
    """_first_class of a sequence's first item that consumes text."""
    if seq.kind != "seq":
        return None
    for item in seq.parts:
        if item.zero_width:
            continue  # consumes nothing
        return _first_class(item, groups, depth)
    return None


@lru_cache(maxsize=256)
def _fast(source: str) -> FastPattern:
    return FastPattern(source)


def _simplify(need, ignore_case: bool):
    """Literals as searched for (case-insensitive: ASCII stretches, lowercased), needs of one need
    merged into it; None for what needs nothing."""
    if need is None:
        return None
    if isinstance(need, str):
        forms = _search_forms([need], ignore_case)
        return None if not forms else forms[0] if len(forms) == 1 else ("and", list(forms))
    kind, parts = need
    if kind == "re":  # (letter case folds classes in ways FastPattern does not follow)
        return None if ignore_case else need
    parts = [_simplify(part, ignore_case) for part in parts]
    if kind == "or" and any(p is None for p in parts):
        return None
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    # longest literals first: the rarest, so an absent one is found soonest
    return kind, sorted(parts, key=lambda p: -len(p) if isinstance(p, str) else 0)


# The only characters the regex module matches to an ASCII character under
# IGNORECASE, besides ASCII itself (tests/test_replace_prefilter.py checks
# this against every code point): mapped to ASCII before lowercasing, so a
# case-insensitive ASCII literal is found in the folded text whenever the
# pattern could match.
_ASCII_CASE_PARTNERS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_PARTNERS = "\u0130\u0131\u017f\u212a"
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")


def fold_case(text: str) -> str:
    if not text.isascii() and any(partner in text for partner in _PARTNERS):  # rare; translate() is slow
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
