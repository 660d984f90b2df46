"""The shape of a regular expression: can it backtrack without end?

Two ways to tell. Statically: a loop inside a loop ("(a+)+") whose turns
nothing separates can split a run of text in exponentially many ways; the
`regex` module survives some of these at run time, but not all, so they are
reported as written. Dynamically: each loop is pumped with text built from
the pattern's own characters and a character that makes the match fail,
under the run-time regex timeout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..core.timed_regex import compile_rule, time_limit


@dataclass(eq=False)  # nodes are compared by identity: the same text can appear twice
class Node:
    kind: str                   # "atom", "seq", "alt", "group" or "repeat"
    start: int                  # where it is in the pattern
    end: int
    parts: list = field(default_factory=list)  # seq, alt: items; group, repeat: [body]
    text: str = ""              # atom: its source
    lo: int = 1                 # repeat bounds; hi None = unbounded
    hi: int | None = 1
    atomic: bool = False        # an atomic group or a possessive quantifier: no backtracking into it
    zero_width: bool = False    # lookaround, anchor, inline flags, comment


_ESCAPE = regex.compile(r"\\(?:[pPNx]\{[^}]*\}|[pP]\w|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}"
                        r"|[gk]<[^>]*>|\d{1,3}|.)", regex.DOTALL)
_GROUP_OPEN = regex.compile(r"\((?:\?(?:<[=!]|[=!>|]|P?<\w+>|'\w+'|[\w^-]*:|\(\w+\)))?")
_NO_TEXT_GROUP = regex.compile(r"\(\?(?:#[^)]*|[\w^-]*|P=\w+)\)")   # comment, inline flags, backreference
_QUANTIFIER = regex.compile(r"(?:([*+?])|\{(?:(\d+)(?:(,)(\d*))?|,(\d+))\})([?+]?)")
_ANCHORS = {"^", "$", r"\b", r"\B", r"\A", r"\Z", r"\z", r"\G", r"\m", r"\M", r"\K"}


class _Parser:
    def __init__(self, source: str):
        self.src, self.i = source, 0

    def parse(self) -> Node:
        node = self.alt()
        if self.i != len(self.src):
            raise ValueError(f"unexpected {self.src[self.i]!r} at {self.i}")
        return node

    def alt(self) -> Node:
        start, branches = self.i, [self.seq()]
        while self.src.startswith("|", self.i):
            self.i += 1
            branches.append(self.seq())
        return branches[0] if len(branches) == 1 else Node("alt", start, self.i, branches)

    def seq(self) -> Node:
        start, items = self.i, []
        while self.i < len(self.src) and self.src[self.i] not in "|)":
            items.append(self.quantified(self.item()))
        return Node("seq", start, self.i, items)

    def item(self) -> Node:
        start, c = self.i, self.src[self.i]
        no_text = _NO_TEXT_GROUP.match(self.src, start)
        if no_text:
            self.i = no_text.end()
            backref = no_text.group().startswith("(?P=")
            return Node("atom", start, self.i, text=no_text.group(), zero_width=not backref)
        if c == "(":
            opener = _GROUP_OPEN.match(self.src, start).group()
            self.i = start + len(opener)
            body = self.alt()
            if not self.src.startswith(")", self.i):
                raise ValueError("unclosed group")
            self.i += 1
            return Node("group", start, self.i, [body], atomic=opener == "(?>",
                        zero_width=opener in ("(?=", "(?!", "(?<=", "(?<!"))
        if c == "[":
            self.i = self._class_end()
        elif c == "\\":
            self.i = _ESCAPE.match(self.src, start).end()
        else:
            self.i += 1
        text = self.src[start:self.i]
        return Node("atom", start, self.i, text=text, zero_width=text in _ANCHORS)

    def _class_end(self) -> int:
        src, i = self.src, self.i + 1
        i += src.startswith("^", i)
        i += src.startswith("]", i)          # a ']' first in a class is a literal
        while i < len(src) and src[i] != "]":
            if src[i] == "\\":
                i += 2
            elif src.startswith("[:", i) and ":]" in src[i:]:
                i = src.index(":]", i) + 2
            else:
                i += 1
        return i + 1

    def quantified(self, node: Node) -> Node:
        while (m := _QUANTIFIER.match(self.src, self.i)):
            symbol, lo, comma, hi, only_hi, mode = m.groups()
            bounds = {"*": (0, None), "+": (1, None), "?": (0, 1)}.get(symbol) or (
                (0, int(only_hi)) if only_hi else (int(lo), (int(hi) if hi else None) if comma else int(lo)))
            self.i = m.end()
            node = Node("repeat", node.start, self.i, [node], lo=bounds[0], hi=bounds[1], atomic=mode == "+")
        return node


def parse_pattern(pattern: str) -> Node | None:
    """The pattern's tree, or None for syntax this small parser does not know (no static check then)."""
    try:
        return _Parser(pattern).parse()
    except (ValueError, AttributeError, IndexError):
        return None


def _walk(node: Node):
    yield node
    for part in node.parts:
        yield from _walk(part)


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
    return [n for n in _walk(node) if n.kind == "atom" and not n.zero_width]


def nested_loops(pattern: str, flags: int = 0) -> str | None:
    """The part of the pattern that is a loop in a loop with nothing to keep its turns apart, if any.

    A turn of the outer loop is kept apart from the next by a separator: a
    required item that matches none of the characters the other items match.
    "(\\w+,)+" has one (the comma); so has "(\\s+\\p{Lu}+)*" (each run of spaces
    lies between capitals). "(\\w+\\s?)+" has none: with the space left out,
    "abc" splits into turns in four ways, a longer word in exponentially many.
    """
    tree = parse_pattern(pattern)
    if tree is None:
        return None
    alphabet = _alphabet(tree)

    def chars(node: Node) -> set:
        out = set()
        for atom in _atoms(node):
            found = _chars(atom.text, flags, alphabet)
            out |= set(alphabet) if found is None else found
        return out

    for outer in _walk(tree):
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
            return build(next((b for b in node.parts if any(n is target for n in _walk(b))), node.parts[0]))
        if node.kind == "repeat":
            body = build(node.parts[0])
            return body if _MARK in body else body * node.lo
        return "".join(build(p) for p in node.parts)
    return build(node)


def witness(pattern: str, flags: int = 0) -> str:
    """A text the pattern plausibly matches, for trying rules on each other ("" if not parsed)."""
    tree = parse_pattern(pattern)
    return _witness(tree, _alphabet(tree), flags) if tree else ""


def _attacks(pattern: str, flags: int):
    """Texts that pump each loop of the pattern, then fail: where backtracking explodes."""
    tree = parse_pattern(pattern)
    if tree is None:
        return
    alphabet = _alphabet(tree)
    for loop in (n for n in _walk(tree) if n.kind == "repeat" and not n.atomic and (n.hi is None or n.hi > 16)):
        before = _witness(tree, alphabet, flags, target=loop).partition(_MARK)[0]
        body = loop.parts[0]
        while body.kind == "group" and not body.zero_width:
            body = body.parts[0]
        pumps = {_witness(b, alphabet, flags) for b in (body.parts if body.kind == "alt" else [body])}
        for pump in sorted(p for p in pumps if p):
            for killer in ("!", "\x00", "\n"):
                yield before + pump * 64 + killer


def runs_away(pattern: str, flags: int) -> str | None:
    """An attack text on which the pattern hits the run-time regex timeout, if one is found."""
    compiled = compile_rule(pattern, bool(flags & regex.IGNORECASE))
    for text in _attacks(pattern, flags):
        for match in (compiled.search, compiled.fullmatch):
            try:
                match(text, timeout=time_limit(text))
            except TimeoutError:
                return text
    return None
