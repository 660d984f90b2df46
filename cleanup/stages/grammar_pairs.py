"""Quotes and brackets that do not pair up: the grammar stage's walk over a text's marks.

Marks pair within a line. An open quotation may go on past a line break in
mid-sentence (hard-wrapped text); one still open at a paragraph that opens
with a quote mark again is a quotation over several paragraphs. Wherever no
mark is open, those that pair up in turn from there need no look (the common
case): a pattern (`in_turn`) jumps over them, at C speed, and the walk meets
the others one by one.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"'}
BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}"}
_LIST_MARKER = regex.compile(r"[\p{L}\p{N}]{1,3}\)")  # "1)", "b)": not a bracket


def in_turn(*kinds: dict) -> re.Pattern:
    """A text whose marks of each kind pair up in turn within lines (the common case): none is unpaired.

    A pair may hold pairs of the other kinds, not of its own; a straight
    quote opens one only where it cannot be inches (12").
    """
    marks = re.escape("".join(sorted({mark for pairs in kinds for pair in pairs.items() for mark in pair})))

    def pairs_of(pairs, inside=()):
        within = "|".join((f"[^{marks}\\n]++", *inside))
        return "|".join(("(?<![^\\W_])" if o == '"' else "") + f"{re.escape(o)}(?:{within})*+{re.escape(c)}"
                        for o, c in pairs.items())
    nested = [pairs_of(pairs, [pairs_of(other) for other in kinds if other is not pairs]) for pairs in kinds]
    return re.compile(f"(?:[^{marks}]++|{'|'.join(nested)})*+")


class _Walk:
    """One kind of marks (quotes or brackets) as the walk meets them, in turn: which are open, which unpaired.

    The open marks are kept a stack per opening character: a closer closes the last one opened
    of its own character, found at the top of its stack (one stack for all, searched back past
    the other characters' marks, was quadratic on "([([ ... ))))").
    """

    def __init__(self, pairs: dict):
        self.pairs, self.closers = pairs, {c: o for o, c in pairs.items()}
        self.stacks: dict[str, list[int]] = {o: [] for o in pairs}
        self.unpaired: list[int] = []

    @property
    def open(self) -> bool:
        return any(self.stacks.values())

    def meet(self, text: str, i: int) -> None:
        """The mark at i opens, closes the last one of its kind opened, or is unpaired."""
        tops = [stack[-1] for stack in self.stacks.values() if stack]
        last_open = text[max(tops)] if tops else None  # (marks are met in order: the latest is the largest)
        role = _role(text, i, self.pairs, last_open, bool(self.stacks.get("(")))
        if role == "open":
            self.stacks[text[i]].append(i)
        elif role == "close":
            stack = self.stacks[self.closers[text[i]]]
            if stack:
                stack.pop()
            else:
                self.unpaired.append(i)

    def line_ends(self, text: str, line_end: int, resumed: re.Match | None) -> None:
        """The line that ends at line_end leaves marks open; `resumed`: the next non-blank character, if any."""
        if self.pairs is QUOTE_PAIRS and resumed and resumed.group() in "“«\"":
            self._close_all()  # the next paragraph goes on with the quotation
        elif line_end == len(text) or not resumed or text.find("\n", line_end + 1, resumed.start()) >= 0 \
                or ends_sentence(text, line_end):  # no line follows, a blank one does, or the sentence ends
            for stack in self.stacks.values():
                self.unpaired.extend(stack)
            self._close_all()

    def _close_all(self) -> None:
        for stack in self.stacks.values():
            stack.clear()


def unpaired(text: str, in_turn: re.Pattern, quotes: bool = True, brackets: bool = True) -> tuple[list, list]:
    """Offsets of the quotes, and of the brackets, opened and never closed or closed and never opened.

    `in_turn`: what pairs up in turn for the kinds walked (see `in_turn()`);
    the walk jumps over it wherever no mark is open, within a line as across
    lines. (A kind not asked for is not walked: its list is empty.)
    """
    size = len(text)
    pos = _pairs_up_to(in_turn, text, 0)
    if pos == size:
        return [], []
    both = (_Walk(QUOTE_PAIRS) if quotes else None, _Walk(BRACKET_PAIRS) if brackets else None)
    walks = [walk for walk in both if walk]
    walk_of = {mark: walk for walk in walks for pair in walk.pairs.items() for mark in pair}
    marks = _marks_of(tuple(walk_of))
    line_end = -1
    while True:
        if pos > line_end:
            line_end = text.find("\n", pos)
            line_end = size if line_end < 0 else line_end
        m = marks.search(text, pos, line_end)
        if m:
            pos = m.start()
            walk_of[text[pos]].meet(text, pos)
            pos += 1
        else:
            resumed = None
            for walk in walks:
                if walk.open:
                    resumed = resumed or NOT_SPACE.search(text, line_end + 1)
                    walk.line_ends(text, line_end, resumed)
            if line_end == size:
                break
            pos = line_end + 1
        if not any(walk.open for walk in walks):
            # `in_turn` stops at a mark it cannot pair (or the text's end); what it passes leaves nothing open
            pos = _pairs_up_to(in_turn, text, pos)
            if pos == size:
                break
    quotes, brackets = (sorted(walk.unpaired) if walk else [] for walk in both)
    return quotes, brackets


NOT_SPACE = re.compile(r"\S")


def ends_sentence(text: str, line_end: int) -> bool:
    """Does the line that ends at line_end end a sentence: . ! ? or …, then closing quotes or brackets, then spaces?

    (Read back from its end: a long line costs no more than its tail.)
    """
    at = line_end
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    while at > 0 and text[at - 1] in "\"”’)]":
        at -= 1
    return at > 0 and text[at - 1] in ".!?…"


def _pairs_up_to(in_turn: re.Pattern, text: str, start: int) -> int:
    """How far from `start` the marks pair up in turn."""
    m = in_turn.match(text, start)
    return m.end() if m else start


@lru_cache(maxsize=8)
def _marks_of(marks: tuple) -> re.Pattern:
    return re.compile("[" + re.escape("".join(sorted(marks))) + "]")


def _role(text: str, i: int, pairs: dict, last_open: str | None, paren_open: bool) -> str | None:
    """Does the mark at i open, close, or neither? (`last_open`: the mark last opened and still open,
    if any; `paren_open`: whether a "(" is open.)"""
    ch = text[i]
    if ch == '"':  # straight quotes take turns: open, close, open...
        if last_open == ch:
            return "close"
        return None if i and text[i - 1].isdigit() else "open"  # 12" is inches
    if ch in pairs:
        return "open"
    if ch == ")" and not paren_open and _is_list_marker(text, i):
        return None
    return "close"


def _is_list_marker(text: str, i: int) -> bool:
    """Is the ")" at i the end of a token that is a list marker ("1)", "b)")?

    (The token is read no further than a marker's length: a long one is no marker.)
    """
    if i + 1 < len(text) and not text[i + 1].isspace():
        return False
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
        if i - start > 3:
            return False
    return bool(_LIST_MARKER.fullmatch(text, start, i + 1))
