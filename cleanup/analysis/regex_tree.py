"""The syntax tree of a rule's regular expression (Python `regex` module syntax).

One small parser for everything that reads a pattern's shape: the replace
stage's prefilter (which literal text every match needs) and the rule linter
(loops inside loops, witnesses, attack texts). It knows the syntax rule
files use; what it does not know it still passes over, marked so a reader
can refuse to judge it (`Node.understood`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex


@dataclass(eq=False)  # nodes are compared by identity: the same text can appear twice
class Node:
    kind: str                   # "atom", "seq", "alt", "group" or "repeat"
    start: int                  # where it is in the pattern
    end: int
    parts: list = field(default_factory=list)  # seq, alt: items; group, repeat: [body]
    text: str = ""              # atom: its source; group: its opener ("(", "(?:", "(?<=" ...)
    lo: int = 1                 # repeat bounds; hi None = unbounded
    hi: int | None = 1
    atomic: bool = False        # an atomic group or a possessive quantifier: no backtracking into it
    zero_width: bool = False    # lookaround, anchor, inline flags, comment
    literal: str | None = None  # atom: the one character it stands for (plain or escaped punctuation)
    understood: bool = True     # False: syntax only passed over (inline flags, a nested set, a stray brace ...)


_ESCAPE = regex.compile(r"\\(?:[pPNx]\{[^}]*\}|[pP]\w|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}"
                        r"|[gkL]<[^>]*>|\d{1,3}|.)", regex.DOTALL)
_GROUP_OPEN = regex.compile(r"\((?:\?(?:<[=!]|[=!>|]|P?<\w+>|'\w+'|[\w^-]*:|\(\w+\)))?")
_NO_TEXT_GROUP = regex.compile(r"\(\?(?:#[^)]*|[\w^-]*|P=\w+)\)")   # comment, inline flags, backreference
_QUANTIFIER = regex.compile(r"(?:([*+?])|\{(?:(\d+)(?:(,)(\d*))?|,(\d+))\})([?+]?)")
_UNCLOSED_NAMES = {r"\g", r"\k", r"\L"}  # a group or list reference without its <name>
_ANCHORS = {"^", "$", r"\b", r"\B", r"\A", r"\Z", r"\z", r"\G", r"\m", r"\M", r"\K"}
LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
NEGATIVE_LOOKAROUNDS = ("(?!", "(?<!")
_PLAIN_GROUP = regex.compile(r"\((?:\?(?:[:>=!]|<[=!]|P?<\w+>))?")  # groups whose body is matched as written


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
            return Node("atom", start, self.i, text=no_text.group(), zero_width=not backref, understood=False)
        if c == "(":
            return self.group(start)
        if c == "[":
            self.i, nested = self._class_end()
            return Node("atom", start, self.i, text=self.src[start:self.i], understood=not nested)
        if c == "\\":
            self.i = _ESCAPE.match(self.src, start).end()
            text = self.src[start:self.i]
            punctuation = len(text) == 2 and not text[1].isalnum()
            return Node("atom", start, self.i, text=text, zero_width=text in _ANCHORS,
                        literal=text[1] if punctuation else None,
                        understood=text not in _UNCLOSED_NAMES)
        self.i += 1
        # a quantifier with nothing to repeat, or a brace that is not a count ({e<=1}: fuzzy matching)
        stray = c in "*+?{"
        return Node("atom", start, self.i, text=c, zero_width=c in _ANCHORS,
                    literal=None if stray or c in ".^$" else c, understood=not stray)

    def group(self, start: int) -> Node:
        opener = _GROUP_OPEN.match(self.src, start).group()
        self.i = start + len(opener)
        body = self.alt()
        if not self.src.startswith(")", self.i):
            raise ValueError("unclosed group")
        self.i += 1
        plain = _PLAIN_GROUP.fullmatch(opener) is not None
        return Node("group", start, self.i, [body], text=opener, atomic=opener == "(?>",
                    zero_width=opener in LOOKAROUNDS, understood=plain)

    def _class_end(self) -> tuple[int, bool]:
        """Where the class starting here ends, and whether it holds a '[' (a nested set or a POSIX class)."""
        src, i, nested = self.src, self.i + 1, False
        i += src.startswith("^", i)
        i += src.startswith("]", i)          # a ']' first in a class is a literal
        while i < len(src) and src[i] != "]":
            if src[i] == "\\":
                i += 2
                continue
            nested |= src[i] == "["
            if src.startswith("[:", i) and ":]" in src[i:]:
                i = src.index(":]", i) + 2
            else:
                i += 1
        return i + 1, nested

    def quantified(self, node: Node) -> Node:
        while (m := _QUANTIFIER.match(self.src, self.i)):
            symbol, lo, comma, hi, only_hi, mode = m.groups()
            bounds = {"*": (0, None), "+": (1, None), "?": (0, 1)}.get(symbol) or (
                (0, int(only_hi)) if only_hi else (int(lo), (int(hi) if hi else None) if comma else int(lo)))
            self.i = m.end()
            node = Node("repeat", node.start, self.i, [node], lo=bounds[0], hi=bounds[1], atomic=mode == "+")
        return node


def parse(pattern: str) -> Node | None:
    """The pattern's tree, or None for syntax this small parser cannot follow."""
    try:
        return _Parser(pattern).parse()
    except (ValueError, AttributeError, IndexError):
        return None


def walk(node: Node):
    """The node and every node under it, depth first, in pattern order."""
    yield node
    for part in node.parts:
        yield from walk(part)
