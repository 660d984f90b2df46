"""A later call's doubled phrases from the last call's, where the text is a copy of the last one.

A joint's verdict depends only on the text around it: its word before (back
to the last space, tab or line end before it), 120 characters either side,
and the joints before it back to a cut (where a piece starts after a space,
not a spoken joint's word: no joint runs over one, see
doubled._stretches_holding). So inside a stretch copied from the last text,
from a cut past its first such break and 120 characters in, to a cut 121
characters before its end, the joints and their phrases are the last call's,
moved; only the rest of the text is searched again (between cuts: the whole
text's joints there).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from .doubled import _REACH, _cut_at

_WORD_BREAK = re.compile(r"[ \t\n]")  # what _word_before looks back for
_TAIL = _REACH + 1 + 64  # how far before a stretch's end its last cut is looked for


def trusted(text: str, copied, spoken) -> list[tuple[int, int, int]]:
    """(start, end, shift) of the parts of the copied stretches whose joints are the last text's,
    `shift` characters on: each from a cut to a cut, all they depend on inside the stretch."""
    out = []
    for start, old, length in copied:
        end = start + length
        if length < 2 * _TAIL or not (brk := _WORD_BREAK.search(text, start, end)):
            continue
        first = _cut_at(text, max(brk.start() + 1, start + _REACH + 1), end, spoken)
        last = _cut_at(text, max(first, end - _TAIL), end - _REACH - 1, spoken)
        if first < last < end - _REACH - 1:
            out.append((first, last, start - old))
    return out


def found_again(doubled, text: str, parts, last: list) -> list:
    """(joint start, proposal) of the whole text: the last call's `last` (in its order) moved for
    the `parts` (see trusted), searched again elsewhere."""
    out, at = [], 0
    last_starts = [j for j, _ in last]
    for start, end, shift in parts:
        out += doubled.found(text, [(at, start)])
        i, k = bisect_left(last_starts, start - shift), bisect_left(last_starts, end - shift)
        out += [(j + shift, p._replace(start=p.start + shift, end=p.end + shift)) for j, p in last[i:k]]
        at = end
    out += doubled.found(text, [(at, len(text))])
    return out
