"""The shape of a regular expression: can it backtrack without end?

Two ways to tell. Statically: a loop inside a loop ("(a+)+") whose turns
nothing separates can split a run of text in exponentially many ways; the
`regex` module survives some of these at run time, but not all, so they are
reported as written. Dynamically: each loop is pumped with text built from
the pattern's own characters and a character that makes the match fail,
under the time budget a run gives a rule (core/timed_regex.py). The
pattern's tree comes from analysis/regex_tree.py, the parser the replace
stage's prefilter reads too.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..analysis.regex_tree import Node, parse, walk
from ..core.timed_regex import RuleClock, Stopped, compile_rule

# Characters that stand for the classes a pattern uses: what an atom matches is
# judged by which of these it matches (plus the pattern's own literal characters).
ALPHABET = "aZ09 \t\n.,;:!?-_'\"’()[]/\\@#&©%+*=<>|éßЖ中\u00a0\u200b\x00"


@lru_cache(maxsize=4096)
def _chars(atom: str, flags: int, alphabet: str) -> frozenset | None:
    """The alphabet characters an atom matches; None when it cannot be judged alone (a backreference)."""
    try:
        one = regex.compile(atom, flags)
    except regex.error:
        return None
    return frozenset(c for c in alphabet if one.fullmatch(c))


def _loops(node: Node) -> list[Node]:
    """The unbounded, backtracking loops inside a node (atomic parts and lookarounds excluded)."""
    out = []
    for part in node.parts:
        if part.atomic or part.zero_width:
            continue
        if part.kind == "repeat" and part.hi is None:
            out.append(part)
        out.extend(_loops(part))
    return out


def _top_items(node: Node) -> list[Node]:
    """The items a loop body is a sequence of, looking through plain groups."""
    if node.kind == "group" and not (node.atomic or node.zero_width):
        return _top_items(node.parts[0])
    if node.kind == "seq":
        return [item for part in node.parts for item in _top_items(part)]
    return [node]


def _atoms(node: Node) -> list[Node]:
    return [n for n in walk(node) if n.kind == "atom" and not n.zero_width]


def nested_loops(pattern: str, flags: int = 0) -> str | None:
    """The part of the pattern that is a loop in a loop with nothing to keep its turns apart, if any.

    A turn of the outer loop is kept apart from the next by a separator: a
    required item that matches none of the characters the other items match.
    "(\\w+,)+" has one (the comma); so has "(\\s+\\p{Lu}+)*" (each run of spaces
    lies between capitals). "(\\w+\\s?)+" has none: with the space left out,
    "abc" splits into turns in four ways, a longer word in exponentially many.
    """
    tree = parse(pattern)
    if tree is None:
        return None
    alphabet = _alphabet(tree)

    def chars(node: Node) -> set:
        out = set()
        for atom in _atoms(node):
            found = _chars(atom.text, flags, alphabet)
            out |= set(alphabet) if found is None else found
        return out

    for outer in walk(tree):
        if outer.kind != "repeat" or outer.hi is not None or outer.atomic or not _loops(outer):
            continue
        items = [i for i in _top_items(outer.parts[0]) if not i.zero_width]
        required = [i for i in items if _witness(i, alphabet, flags)]
        for sep in required:
            apart = not chars(sep) & set().union(*(chars(i) for i in items if i is not sep))
            # a looping separator needs another required item, or two turns' runs of it merge
            if apart and (sep.kind == "atom" or len(required) > 1):
                break
        else:
            return pattern[outer.start:outer.end]
    return None


_MARK = "\uffff"  # where the loop under attack goes in a witness


def _alphabet(tree: Node) -> str:
    return ALPHABET + "".join(sorted({n.text for n in _atoms(tree) if len(n.text) == 1}))


def _witness(node: Node, alphabet: str, flags: int, target: Node | None = None) -> str:
    """A short text shaped like `node`: each atom's first alphabet character, loops taken their minimum."""
    def build(node: Node) -> str:
        if node is target:
            return _MARK
        if node.kind == "atom":
            chars = None if node.zero_width else _chars(node.text, flags, alphabet)
            return min(chars, key=alphabet.index) if chars else ""
        if node.kind == "group":
            return "" if node.zero_width else build(node.parts[0])
        if node.kind == "alt":
            return build(next((b for b in node.parts if any(n is target for n in walk(b))), node.parts[0]))
        if node.kind == "repeat":
            body = build(node.parts[0])
            return body if _MARK in body else body * node.lo
        return "".join(build(p) for p in node.parts)
    return build(node)


def witness(pattern: str, flags: int = 0) -> str:
    """A text the pattern plausibly matches, for trying rules on each other ("" if not parsed)."""
    tree = parse(pattern)
    return _witness(tree, _alphabet(tree), flags) if tree else ""


def _attacks(pattern: str, flags: int):
    """Texts that pump each loop of the pattern, then fail: where backtracking explodes."""
    tree = parse(pattern)
    if tree is None:
        return
    alphabet = _alphabet(tree)
    for loop in (n for n in walk(tree) if n.kind == "repeat" and not n.atomic and (n.hi is None or n.hi > 16)):
        before = _witness(tree, alphabet, flags, target=loop).partition(_MARK)[0]
        body = loop.parts[0]
        while body.kind == "group" and not body.zero_width:
            body = body.parts[0]
        pumps = {_witness(b, alphabet, flags) for b in (body.parts if body.kind == "alt" else [body])}
        for pump in sorted(p for p in pumps if p):
            for killer in ("!", "\x00", "\n"):
                yield before + pump * 64 + killer


def runs_away(pattern: str, flags: int) -> str | None:
    """An attack text on which the pattern would be stopped at run time, if one is found.

    Each attack gets the budget a run gives a rule on that text (a fresh RuleClock for
    each way of matching: a rule searches, or matches whole lines, not both).
    """
    compiled = compile_rule(pattern, bool(flags & regex.IGNORECASE))
    for text in _attacks(pattern, flags):
        for match in (compiled.search, compiled.fullmatch):
            try:
                RuleClock(text).run(pattern, lambda limit, m=match, t=text: m(t, timeout=limit), None)
            except Stopped:
                return text
    return None
