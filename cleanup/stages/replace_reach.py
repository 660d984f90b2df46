"""Where a replace rule can match: which rules a text may hold a match of, and where in a long text.

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
occurrences of one of its needs (`Scope`). A pattern whose matches end at a
line end (`$`) is, on a text without a line break, first matched backwards
from the text's end (`Backwards`): where that finds nothing, nothing is
searched.
"""
from __future__ import annotations

import heapq
import re
from array import array
from functools import lru_cache, partial
from operator import methodcaller

import regex

from ..analysis.fast_regex import FastPattern
from ..analysis.regex_tree import parse, walk
from ..analysis.ascii_folding import fold_ascii

_CHARS_PER_STRETCH = 500  # more stretches than one per this many characters: the whole text is searched
_FEW_STRETCHES = 16  # so few are searched faster than told apart by a rule's other needs


class _Whole:
    def spans(self, text, found):
        return None

    def starts(self, text, found):
        return None


WHOLE = _Whole()


class Scope:
    """Where a rule can match in a text: between the barriers (characters no part of its pattern can
    match) around each occurrence of one of its needs, that hold its other needs too."""

    def __init__(self, walls: str, need, folded: bool):
        self.need, self.folded = _anchor(need), folded
        self.others = _others(need)
        self.key = (walls, repr(self.need), repr(self.others), folded)  # rules alike in these: the same stretches
        self.next_wall = re.compile(f"[{re.escape(walls)}]")
        self.last_wall = regex.compile(f"[{regex.escape(walls)}]", regex.REVERSE)

    def spans(self, text: str, found: "Found"):
        """The stretches that may hold a match, in order, adjacent ones joined, as a flat array (start,
        end, start, end ...: a pair a stretch would take ~130 bytes, and a long text has thousands;
        `pairs` reads them); None when they would not save much (the whole text is then searched).
        Found once per text."""
        if self.key not in found.spans:
            found.spans[self.key] = self._spans(text, found)
        return found.spans[self.key]

    def _spans(self, text: str, found: "Found"):
        most = len(text) // _CHARS_PER_STRETCH
        # (a leaf the prefilter found absent has no occurrence to look for)
        streams = [self._stretches(text, found, kind, what) for kind, what in _leaves(self.need)
                   if not found.lacks(kind, what, self.folded)]
        spans, count, last_start = array("q"), 0, -1
        for start, end in streams[0] if len(streams) == 1 else heapq.merge(*streams):
            if start != last_start:  # (the needs' occurrences in one stretch give it again)
                count, last_start = count + 1, start
                if count > most:
                    return None
            if spans and spans[-1] >= start:
                spans[-1] = max(spans[-1], end)
            else:
                spans.extend((start, end))
        return self._holding_others(text, found, spans) if self.others and len(spans) > 2 * _FEW_STRETCHES else spans

    def _holding_others(self, text: str, found: "Found", spans):
        """The spans that hold the need's other parts too: a match holds them all, within its stretch (no
        part of a need can be a barrier). (A string search each, where a search for the rule would
        cost more: "tea" is rarer than "talk" or "meeting", though shorter.)"""
        holding = array("q")
        for pos, endpos in pairs(spans):
            if all(_holds(part, text, found, self.folded, pos, endpos) for part in self.others):
                holding.extend((pos, endpos))
        return holding

    def _stretches(self, text: str, found: "Found", kind: str, what: str):
        """(start, end) of the stretch around each occurrence of one need, in order."""
        if kind == "re":
            pattern = found.pattern(what)
            find = lambda pos: (m.start() if (m := pattern.search(text, pos)) else -1)  # noqa: E731
        else:
            within, what = (found.folded_text(), what.encode()) if self.folded else (text, what)
            find = lambda pos: within.find(what, pos)  # noqa: E731
        at = find(0)
        while at >= 0:
            wall = self.next_wall.search(text, at)
            end = wall.end() if wall else len(text)
            before = self.last_wall.search(text, 0, at)
            yield before.end() if before else 0, end
            at = find(end)


def pairs(spans):
    """(pos, endpos) of each stretch of Scope.spans."""
    flat = iter(spans)
    return zip(flat, flat)


_CHARS_PER_START = 50  # more starts than one per this many characters: stretches are searched instead


class Starts:
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

    def starts(self, text: str, found: "Found"):
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


class Backwards:
    """Whether a rule whose every match ends at a line end (`$`) matches one line (a text without a line
    break) at all: its pattern matched backwards (the regex module's REVERSE) from the text's end, where
    every match would end; a search tries it at every place it could start, on one long line each full
    stop or space. Only for a pattern whose matches are found either way (`same_backwards`)."""

    def __init__(self, source: str, folded: bool):
        self.pattern = regex.compile(source, regex.MULTILINE | regex.REVERSE | (regex.IGNORECASE if folded else 0))

    def none_in(self, text: str, found: "Found", run) -> bool:
        """Does the one-line text hold no match? (`run(match)`: the match under the rule's time budget.)"""
        if "one line" not in found.spans:
            found.spans["one line"] = "\n" not in text
        return found.spans["one line"] and run(lambda timeout: self.pattern.match(text, timeout=timeout)) is None


def same_backwards(source: str) -> bool:
    """Does a match exist backwards wherever one exists forwards: the pattern holds nothing that
    commits to a choice (an atomic group, a possessive quantifier, a verb) or refers back to a group
    (matched backwards, a backreference comes before its group), and no syntax the parser only passed over?"""
    tree = parse(source)
    return tree is not None and not any(
        not node.understood or node.atomic or node.kind == "atom" and _BACK_REFERENCE.match(node.text)
        for node in walk(tree))


# (\G: where the search began, and \K: where the match is said to start: other places backwards)
_BACK_REFERENCE = regex.compile(r"\\(?:\d|[gkGK])")


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


def _others(need) -> tuple:
    """The parts of a need's "and" that its anchor (see _anchor) leaves out."""
    if isinstance(need, str) or need[0] != "and":
        return ()
    anchored = [_anchor(part) for part in need[1]]
    left_out = anchored.index(max(anchored, key=_rarity))
    return tuple(part for k, part in enumerate(need[1]) if k != left_out)


def _holds(need, text: str, found: "Found", folded: bool, pos: int, endpos: int) -> bool:
    """Does text[pos:endpos] hold the need (case-folded, see fold_ascii, for a folded one)?"""
    if isinstance(need, str):
        return (found.folded_text().find(need.encode(), pos, endpos) if folded else text.find(need, pos, endpos)) >= 0
    kind, parts = need
    if kind == "re":
        return found.pattern(parts).search(text, pos, endpos) is not None
    return (all if kind == "and" else any)(_holds(part, text, found, folded, pos, endpos) for part in parts)


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
        capitals = {lit for need, folded in needs if not folded for lit in _literals(need) if _CAPITAL.match(lit)}
        self.capitals = _Capitals(capitals) if capitals else None
        # (what the one search for the capitals answers is asked first: it costs no search of its own)
        needs = [(_capitals_first(need, capitals) if not folded else need, folded) for need, folded in needs]
        self.tests = [None if need is None else _test(need, folded) for need, folded in needs]
        self.first_tests = [None if need is None else _test(_first(need), folded) for need, folded in needs]
        # (a short text's gate: literals one of which each rule's test needs (see _keys), looked for first)
        self.ungated, by_key, self.by_folded = [], {}, {}  # (a literal -> the rules it gates)
        self.folds = any(folded for _, folded in needs)
        for i, (need, folded) in enumerate(needs):
            keys = _keys(need)
            if keys is None:
                self.ungated.append(i)
            for key in keys or ():
                (self.by_folded if folded else by_key).setdefault(key, []).append(i)
        # (the keys the capitals' search finds, or may have hidden, by what it finds; the others by a scan each)
        caps = self.capitals.literals if self.capitals else set()
        self.by_capital = {y: sorted({i for x in {y} | self.capitals.inside[y] | self.capitals.hidden[y]
                                      for i in by_key.get(x, ())}) for y in caps}
        self.by_key = {key: rules for key, rules in by_key.items() if key not in caps}
        # (the longest literal or pattern asked of a text: how far an occurrence reaches)
        self.margin = max((len(leaf) for need, _ in needs if need is not None for _, leaf in _leaves(need)), default=0)

    def __getstate__(self):  # (a pipeline travels to batch workers pickled: its tests are built again)
        return {"needs": self.needs}

    def __setstate__(self, state):
        self.__init__(state["needs"])

    def rules_that_may_match(self, text: str, found: "Found | None" = None, shallow=frozenset()) -> set[int]:
        """(`shallow`: rules asked only for the first part of what they need: the rarest literal. `found`: for a
        text longer than GATED, what is known of it, told what the tests learn.)"""
        if len(text) > GATED:
            found, asked = found or Found(text, self.capitals), range(len(self.tests))
        else:  # (only the rules one of whose keys the text holds: a scan each, at C speed; see also _Asked)
            # (an ASCII text folds as it lowers; a str is searched faster than bytes)
            folded = (text.lower() if text.isascii() else fold_ascii(text).decode()) if self.folds else ""
            found = _Asked(text, folded)
            asked = set(self.ungated).union(
                *map(self.by_key.__getitem__, filter(text.__contains__, self.by_key)),
                *map(self.by_folded.__getitem__, filter(folded.__contains__, self.by_folded)))
            if self.capitals:
                asked.update(*map(self.by_capital.__getitem__, self.capitals.pattern.findall(text)))
        tests, first_tests = self.tests, self.first_tests
        return {i for i in asked if tests[i] is None or (first_tests[i] if i in shallow else tests[i])(found)}


GATED = 1000  # a text this short is asked for every rule's keys first (a longer one holds most of them)


def _keys(need) -> list[str] | None:
    """Literals one of which the text holds if the need's test passes (the first part of each "and",
    as asked first, and of "or", every part); None: not known (a pattern)."""
    if isinstance(need, str):
        return [need]
    if need is None or need[0] == "re":
        return None
    kind, parts = need
    if kind == "and":
        return _keys(parts[0])
    keys = list(map(_keys, parts))
    return None if None in keys else [key for part in keys for key in part]


def _capitals_first(need, capitals: set):
    """The need with the parts of each "and" that the capitals' search answers (all their literals
    start with a capital) put first, the others after them in their order."""
    if need is None or isinstance(need, str) or need[0] == "re":
        return need
    kind, parts = need
    parts = [_capitals_first(part, capitals) for part in parts]
    if kind == "and":
        parts.sort(key=lambda part: not _all_capitals(part, capitals))  # (stable)
    return kind, parts


def _all_capitals(need, capitals: set) -> bool:
    return all(kind == "literal" and what in capitals for kind, what in _leaves(need))


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
        # (the longest that matches where one does; grouped by first letter, so a capital tries one group)
        by_first: dict[str, list[str]] = {}
        for literal in sorted(literals, key=len, reverse=True):
            by_first.setdefault(literal[0], []).append(re.escape(literal[1:]))
        self.pattern = re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})"
                                           for first, rests in by_first.items()))
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
    """The need as a function of the text's answers (a Found), with `and` and `or` short-circuiting:
    a call per literal asked, and each literal asked of the text at most once."""
    # (partial() and methodcaller() call at C speed: one Python call per literal and per "and" or "or" asked)
    if isinstance(need, str):
        return methodcaller("has_folded" if folded else "has", need)
    kind, parts = need
    if kind == "re":
        return methodcaller("matches", parts)
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


class _Asked:
    """A short text's answers to the tests (see _test), asked of it each time: its literals straight, at C speed
    (a search of so short a text costs less than a look-up of what was found), in `folded` (fold_ascii's
    form, as a str) for a folded one."""

    __slots__ = ("has", "has_folded", "text")

    def __init__(self, text: str, folded: str):
        self.text, self.has, self.has_folded = text, text.__contains__, folded.__contains__

    def matches(self, source: str) -> bool:
        return _fast(source)(self.text).search(self.text) is not None


class Found:
    """Which literals a text holds (case-folded or not), each asked at most once."""

    def __init__(self, text: str, capitals: _Capitals | None = None):
        self.text, self.folded = text, None
        self.capitals, self.capitals_found = capitals, None
        self.seen: dict = {}
        self.seen_folded: dict = {}
        self.at: dict = {}  # where a literal found by a search of its own occurs (a later pass reads it)
        self.at_folded: dict = {}
        self.spans: dict = {}     # the stretches of the rules' scopes (see Scope)
        self.patterns: dict = {}  # the FastPattern forms chosen for this text

    def has(self, literal: str) -> bool:
        found = self.seen.get(literal)
        if found is None:
            if self.capitals is not None and literal in self.capitals.literals:
                if self.capitals_found is None:
                    self.capitals_found = self.capitals.answers(self.text)
                found = self.capitals_found[literal]
            if found is None:
                where = self.text.find(literal)
                found = where >= 0
                if found:
                    self.at[literal] = where
            self.seen[literal] = found
        return found

    def has_folded(self, literal: str) -> bool:
        found = self.seen_folded.get(literal)
        if found is None:
            where = self.folded_text().find(literal.encode())
            found = self.seen_folded[literal] = where >= 0
            if found:
                self.at_folded[literal] = where
        return found

    def lacks(self, kind: str, what: str, folded: bool) -> bool:
        """Is a leaf of a need (see _leaves) known not to occur: asked already, and not found?"""
        if kind == "re":
            return self.seen.get(("re", what)) is False
        return (self.seen_folded if folded else self.seen).get(what) is False

    def folded_text(self) -> bytes | bytearray:
        if self.folded is None:
            self.folded = fold_ascii(self.text)
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
