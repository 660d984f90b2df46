"""First looks at a whole text, at C speed, before a detector does any work.

Most English news holds nothing a detector looks for. Two cheap ways to
know, so that Python runs only where something may be:

- `rare_chars(matters)`: a stdlib `re` class that finds, in one scan, any
  character not known to be harmless. The blocks English text is written in
  are sorted character by character with `matters` once; everything outside
  them counts as possibly mattering. (The `regex` module's script
  properties cost a Python-level check per character.)
- `PieceMemo`: what a detector needs to know about each piece of text
  between spaces, remembered across texts (`wordlist.Sieve` when the answer
  is yes or no). Most pieces of a corpus recur, so a text costs one split
  (the text view's `pieces`, shared by the stages that look at the same
  text in turn) and a lookup per piece. Only for facts that no match
  across a space can change.
"""
from __future__ import annotations

import re

from .fast_regex import ranges
from .wordlist import MEMO_SIZE

# ASCII to combining marks, Latin Extended Additional, punctuation to arrows, maths and symbols
_USUAL = (range(0x0000, 0x0370), range(0x1E00, 0x1F00), range(0x2000, 0x2C00))


def rare_chars(matters) -> re.Pattern:
    """A pattern for the characters `matters(ch)` accepts, and for all outside the usual blocks."""
    spans: list[list[int]] = []  # the harmless ones, as [start, stop)
    for c in (c for r in _USUAL for c in r if not matters(chr(c))):
        if spans and spans[-1][1] == c:
            spans[-1][1] = c + 1
        else:
            spans.append([c, c + 1])
    return re.compile("[^" + ranges(spans) + "]")


class PieceMemo:
    """`compute(piece)` for pieces of text, each computed once (until `size` are remembered)."""

    def __init__(self, compute, size: int = MEMO_SIZE):
        self.compute, self.size, self.seen = compute, size, {}

    def __getstate__(self):  # what a process has seen stays with it (values may hash with its seed)
        return {**self.__dict__, "seen": {}}

    def values(self, pieces: list[str]) -> list:
        seen = self.seen
        if len(seen) > self.size:
            seen = self.seen = {}  # a new one: a text looked at meanwhile in another thread keeps the old
        try:
            return list(map(seen.__getitem__, pieces))
        except KeyError:  # pieces not seen before
            seen.update((p, self.compute(p)) for p in set(pieces).difference(seen))
            return list(map(seen.__getitem__, pieces))
