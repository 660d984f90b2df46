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
from collections import Counter
from itertools import compress

import regex

# a cut with the character after it in the text (so, searched up to a stretch's end, in the stretch)
_CUT = regex.compile(r" (?!\p{Lu})(?=[\s\S])")
_LAST_CUT = regex.compile(r"(?r) (?!\p{Lu})(?=[\s\S])")
SAMPLE = 4  # places kept of a run that spells someone right and has no name to decide


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
    """What a call found, for the next: where the runs naming someone stand, and the glued names.

    Every run with a name to decide, and a few (SAMPLE) of each run that only spells someone right:
    those say the person is spelled right in the text (evidence for the rest) as long as one stands
    where the text is copied; `more` holds the runs some of whose places are not kept, which a later
    call cannot say are gone when none of those kept is left (it then reads the whole text).
    (Compact: a run is a number in `which`, its place in `distinct`, shared by the calls on a text.)
    """

    def __init__(self, length: int, last: Found | None = None):
        self.starts = array("i" if length < 1 << 31 else "q")  # (where in a text of `length` each run starts)
        self.which, self.glued = array("i"), []
        self.distinct: list[str] = [] if last is None else last.distinct
        self.number: dict[str, int] = {} if last is None else last.number
        self.more: set[int] = set() if last is None else set(last.more)
        self.kept = Counter()  # run number -> how many places of it are kept

    def add_runs(self, offsets, tokens: list[str], deciding: set, right: set) -> None:
        """Adds the runs `deciding` and `right` among `tokens` (a window's runs, at `offsets`, an iterable): all
        places of the first, the first SAMPLE of the others."""
        for run in (deciding | right).difference(self.number):
            self.number[run] = len(self.distinct)
            self.distinct.append(run)
        counts = Counter(compress(tokens, map(right.__contains__, tokens)))
        capped = {run for run, n in counts.items() if self.kept[self.number[run]] + n > SAMPLE}
        wanted = list(map((deciding | right - capped).__contains__, tokens))
        for run in capped:
            number = self.number[run]
            self.more.add(number)
            at = -1
            for _ in range(SAMPLE - self.kept[number]):
                at = tokens.index(run, at + 1)
                wanted[at] = True
        self.starts.extend(compress(offsets, wanted))
        numbers = list(map(self.number.__getitem__, compress(tokens, wanted)))
        self.which.extend(numbers)
        self.kept.update(numbers)

    def runs(self):
        """(start, run) for each run kept, in order."""
        return zip(self.starts, map(self.distinct.__getitem__, self.which))

    def take(self, last: Found, start: int, end: int, by: int) -> None:
        """Adds what `last` found from start + by to end + by in its text, where it stands now."""
        lo, hi = bisect_left(last.starts, start + by), bisect_left(last.starts, end + by)
        self.starts.extend(map((-by).__add__, last.starts[lo:hi]))
        self.which.extend(last.which[lo:hi])
        self.kept.update(last.which[lo:hi])
        lo, hi = bisect_left(last.glued, start + by, key=_start), bisect_left(last.glued, end + by, key=_start)
        self.glued += [f._replace(start=f.start - by, end=f.end - by) for f in last.glued[lo:hi]]

    def lost_track(self) -> bool:
        """Is a run some of whose places are not kept without a place kept (so it may stand in the text or not)?"""
        return any(self.kept[number] == 0 for number in self.more)


def _start(found) -> int:
    return found.start
