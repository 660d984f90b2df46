"""Keep track of where every character of the working text came from.

The working text is a sequence of segments: runs copied unchanged from the
original, and runs inserted by an applied edit (which replaced a span of the
original; a deletion is an inserted run of length 0). With that, any span of
the working text maps back to a span of the original, and the applied edits,
read off the inserted segments, always reproduce the working text.

When a later edit touches text an earlier edit inserted, the two merge into
one inserted segment and the later edit records the earlier one as a parent.
That keeps the applied edits non-overlapping in original coordinates, so
applying them in order is unambiguous. Zero-width changes also merge with an
inserted segment they touch: two insertions at one original position would
otherwise have no defined order.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from .edits import Edit


class Segment(NamedTuple):
    ostart: int
    oend: int
    length: int               # length in the working text
    edit: Edit | None = None  # None: copied from the original


class Located(NamedTuple):
    """A working-text change mapped to the original."""

    ostart: int
    oend: int
    replacement: str | None  # what original[ostart:oend] becomes (None: a flag)
    cstart: int              # the working-text region it rewrites...
    cend: int
    text: str | None         # ...and what that region becomes
    involved: tuple[int, ...]  # indices of the inserted segments it merges with


_POSITION_AND_TIE = itemgetter(0, 1, 2)  # (working start, end, tie): never the segments themselves


class TextMap:
    def __init__(self, original: str, text: str | None = None, segments: list[Segment] | None = None):
        self.original = original
        self.text = original if text is None else text
        self.segments = segments if segments is not None else [Segment(0, len(original), len(original))]
        self._starts = list(accumulate((s.length for s in self.segments[:-1]), initial=0))

    def applied_edits(self) -> list[Edit]:
        return [seg.edit for seg in self.segments if seg.edit is not None]

    def parents(self, loc: Located) -> tuple[Edit, ...]:
        return tuple(self.segments[i].edit for i in loc.involved) if loc.involved else ()

    def _bounds(self, i: int) -> tuple[int, int]:
        return self._starts[i], self._starts[i] + self.segments[i].length

    def _first_near(self, p: int) -> int:
        """Index of the first segment that ends at or after p."""
        i = max(bisect_right(self._starts, p) - 1, 0)
        while i > 0 and self._bounds(i - 1)[1] >= p:
            i -= 1
        return i

    def _orig_at(self, p: int, *, end: bool) -> int:
        """Original position of working position p, as a span start or end.

        A start skips deletions sitting at p (they precede the span); an end
        stops before them. Inside inserted text, a start maps to the start of
        what it replaced and an end to its end.
        """
        for i in range(self._first_near(p), len(self.segments)):
            seg = self.segments[i]
            cs, ce = self._bounds(i)
            if cs > p:
                break
            inside = (cs < p <= ce) if end else (cs <= p < ce)
            if seg.length and inside:
                if seg.edit is None:
                    return seg.ostart + (p - cs)
                return seg.oend if end else seg.ostart
        # only at the very start (as an end) or the very end (as a start)
        return 0 if end else len(self.original)

    def locate(self, s: int, e: int, replacement: str | None) -> Located:
        if len(self.segments) == 1 and self.segments[0].edit is None:  # nothing applied yet: same coordinates
            return Located(s, e, replacement, s, e, replacement, ())
        # The common case: the span lies inside one copied segment, touching neither of its ends
        # (where an inserted or deleted neighbour would merge with it). It maps by an offset.
        i = bisect_right(self._starts, s) - 1
        cs = self._starts[i]
        seg = self.segments[i]
        if seg.edit is None and cs < s and e < cs + seg.length:
            shift = seg.ostart - cs
            return Located(s + shift, e + shift, replacement, s, e, replacement, ())
        return self._locate_across(s, e, replacement)

    def _locate_across(self, s: int, e: int, replacement: str | None) -> Located:
        """`locate` for any span: one that touches or crosses segment ends, or lies in inserted text."""
        involved = []
        for i in range(self._first_near(s), len(self.segments)):
            cs, ce = self._bounds(i)
            if cs > e:
                break
            if self.segments[i].edit is not None and ((cs < e and ce > s) or (s == e and cs <= s <= ce)):
                involved.append(i)
        cs = min([s] + [self._bounds(i)[0] for i in involved])
        ce = max([e] + [self._bounds(i)[1] for i in involved])
        if s == e and not involved:
            os = oe = self._orig_at(s, end=False)
        else:
            os = min([self._orig_at(s, end=False)] + [self.segments[i].ostart for i in involved])
            oe = max([self._orig_at(e, end=True)] + [self.segments[i].oend for i in involved])
        text = None if replacement is None else self.text[cs:s] + replacement + self.text[e:ce]
        return Located(os, oe, text, cs, ce, text, tuple(involved))

    def apply(self, changes: list[tuple[Located, Edit]], *, let_go: bool = False) -> "TextMap":
        """A new map with `changes` (sorted, non-overlapping regions) applied. With `let_go`, this
        map gives up its text once the new text's pieces are cut from it (this map is then done
        with): if nothing else holds it, a big text is not alive beside both its pieces and the
        new text.

        Every old segment is either kept, replaced (an inserted one a change
        merged with) or cut around the change regions (a copied one); the new
        segments are then put in working-text order. At equal positions an
        empty segment sorts first, which puts a deletion before the text that
        follows it and an insertion before the copied text it precedes.
        """
        if not changes:
            return self
        merged = {i for loc, _ in changes for i in loc.involved}
        items = []  # (working start, working end, tie, segment)
        k = 0
        for i, seg in enumerate(self.segments):
            cs, ce = self._bounds(i)
            if seg.edit is not None:
                if i not in merged:
                    items.append((cs, ce, i, seg))
                continue
            pos = cs
            j = k
            while j < len(changes) and changes[j][0].cstart < ce:
                a, b = changes[j][0].cstart, changes[j][0].cend
                if b > cs or (a == b and a > cs):
                    if a > pos:
                        items.append((pos, a, i, Segment(seg.ostart + pos - cs, seg.ostart + a - cs, a - pos)))
                    pos = max(pos, b)
                j += 1
            if pos < ce or (cs == ce and not items):
                items.append((pos, ce, i, Segment(seg.ostart + pos - cs, seg.oend, ce - pos)))
            while k < len(changes) and changes[k][0].cend <= ce:
                k += 1
        pieces, cur = [], 0
        for loc, edit in changes:
            items.append((loc.cstart, loc.cend, -1, Segment(loc.ostart, loc.oend, len(loc.text or ""), edit)))
            pieces.append(self.text[cur:loc.cstart])
            pieces.append(loc.text or "")
            cur = loc.cend
        pieces.append(self.text[cur:])
        if let_go:
            self.text = None
        items.sort(key=_POSITION_AND_TIE)
        return TextMap(self.original, "".join(pieces), [t[3] for t in items])
