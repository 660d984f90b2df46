"""What a later call of the names stage takes from its last call: the runs and glued names in what was copied.

A later pass gives the stage the text again with a few stretches changed,
and the pipeline says which stretches are copies of the last call's text
(`Context.copied`). Between two cuts (name_windows: a space no capital
follows, where no run of capitalised words and no letter run crosses) the
runs and the glued names depend on those characters alone; so where a copied
stretch holds two cuts, with the characters that make them cuts, what lies
between them is what the last call found there, moved, and only the rest of
the text is read again.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left

import regex

# a cut with the character after it in the text (so, searched up to a stretch's end, in the stretch)
_CUT = regex.compile(r" (?!\p{Lu})(?=[\s\S])")
_LAST_CUT = regex.compile(r"(?r) (?!\p{Lu})(?=[\s\S])")


def areas(text: str, copied) -> list[tuple[int, int, int | None]]:
    """The text in consecutive areas (start, end, by), each from a cut (or the start) to a cut (or the
    end): a copy of the last call's text `by` characters further on there, or one to read (by None)."""
    out, pos = [], 0
    for new_start, old_start, length in copied:
        end = new_start + length
        first = _CUT.search(text, new_start, end)
        last = _LAST_CUT.search(text, new_start, end) if first else None
        if last is None or last.end() <= first.end():
            continue  # (no two cuts in it: read again)
        if first.end() > pos:
            out.append((pos, first.end(), None))
        out.append((first.end(), last.end(), old_start - new_start))
        pos = last.end()
    if pos < len(text) or not out:
        out.append((pos, len(text), None))
    return out


class Found:
    """What a call found, for the next: where each run naming someone stands, and the glued names.
    (Compact: a run is a number in `which`, its place in `distinct`, shared by the calls on a text.)"""

    def __init__(self, length: int, last: Found | None = None):
        self.starts = array("i" if length < 1 << 31 else "q")  # (where in a text of `length` each run starts)
        self.which, self.glued = array("i"), []
        self.distinct: list[str] = [] if last is None else last.distinct
        self.number: dict[str, int] = {} if last is None else last.number

    def add_runs(self, starts, runs: list[str]) -> None:
        for run in set(runs).difference(self.number):
            self.number[run] = len(self.distinct)
            self.distinct.append(run)
        self.starts.extend(starts)
        self.which.extend(map(self.number.__getitem__, runs))

    def runs(self):
        """(start, run) for each run, in order."""
        return zip(self.starts, map(self.distinct.__getitem__, self.which))

    def take(self, last: Found, start: int, end: int, by: int) -> None:
        """Adds what `last` found from start + by to end + by in its text, where it stands now."""
        lo, hi = bisect_left(last.starts, start + by), bisect_left(last.starts, end + by)
        self.starts.extend(map((-by).__add__, last.starts[lo:hi]))
        self.which.extend(last.which[lo:hi])
        lo, hi = bisect_left(last.glued, start + by, key=_start), bisect_left(last.glued, end + by, key=_start)
        self.glued += [f._replace(start=f.start - by, end=f.end - by) for f in last.glued[lo:hi]]


def _start(found) -> int:
    return found.start
