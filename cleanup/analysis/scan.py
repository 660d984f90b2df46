"""First looks at a whole text, at C speed, before a detector does any work.

Most English news holds nothing a detector looks for. Two cheap ways to
know, so that Python runs only where something may be:

- `rare_chars(matters)`: a stdlib `re` class that finds, in one scan, any
  character not known to be harmless. The blocks English text is written in
  are sorted character by character with `matters` once; everything outside
  them counts as possibly mattering. (The `regex` module's script
  properties cost a Python-level check per character.)
- a `memo.Memo` of what a detector needs to know about each piece of text
  between spaces, remembered across texts: most pieces of a corpus recur, so
  a text costs one split (the text view's `pieces`, shared by the stages
  that look at the same text in turn) and a lookup per piece. Only for facts
  that no match across a space can change.
"""
from __future__ import annotations

import re

from .fast_regex import ranges

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
