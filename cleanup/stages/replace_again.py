"""What a later pass of the replace stage takes from the last call of the run.

A later pass is given the last call's text with a few edits: most of it is
copied from the last text, and the pipeline says where (`Context.copied`,
from the edits it applied; a stage called on its own is told nothing, and
reads its text as at a first call). What the last call learnt holds again
where the text was copied:

- a literal the last text did not hold can only occur where it overlaps a
  stretch that was not copied, so it is looked for only there (`FoundAgain`);
- a rule that no part of can match some characters (its walls, see
  `barriers`) finds in a copied stretch, between the first and the last of
  its walls there, what it found there in the last text; it is searched again
  only in the rest (`Again.gaps`), and its other proposals are the last call's,
  moved with their stretch (`Again.merged`); of the rest, only the gaps that
  hold what its matches need (`Again.gaps_holding`: on one long line a few
  thousand small edits make hundreds of gaps, and a rare need is in few).
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from operator import add, itemgetter

from ..core.edits import Proposal
from ..analysis.ascii_folding import fold_ascii
from .replace_reach import WHOLE, Found, Scope, pairs

class Last:
    """What a call learnt: its text's length, the literals' answers (and where a search found them), and each
    rule's proposals (None: not known)."""

    def __init__(self, length: int, found: Found, proposals: list):
        self.length = length
        # (None: not known; []: none; a few as they are: compact pays on a long text's thousands)
        self.proposals = [Kept(p) if p and len(p) > _FEW else p for p in proposals]
        self.seen, self.seen_folded = found.seen, found.seen_folded
        self.at, self.at_folded = found.at, found.at_folded

    def again(self, text: str, margin: int, stretches: list | None) -> Again | None:
        """The text of this call, with `stretches`: what of it is copied from the last call's text
        (Context.copied; None outside a pipeline run: then there is nothing to take again)."""
        return None if stretches is None else Again(self, text, margin, stretches)


class Kept:
    """A rule's proposals, kept for the next call in little room (a long text has thousands, each a Proposal
    of ~190 bytes, held for the rest of the run): their starts and ends in arrays, each replacement once,
    and the rule, message and level they share (a rule's proposals all carry its own: see
    ReplaceStage._proposals)."""

    def __init__(self, proposals: list[Proposal]):
        first = proposals[0]
        self.rule, self.message, self.level = first.rule, first.message, first.level
        self.starts = array("q", map(_START, proposals))
        self.ends = array("q", map(_END, proposals))
        replacements = list(map(_REPLACEMENT, proposals))
        self.replacements = list(map({}.setdefault, replacements, replacements))  # (each text once)

    def moved(self, lo: int, hi: int, by: int):
        """Proposals lo to hi (excluded), `by` characters further on."""
        return map(Proposal, map(add, self.starts[lo:hi], repeat(by)), map(add, self.ends[lo:hi], repeat(by)),
                   self.replacements[lo:hi], repeat(self.rule), repeat(self.message), repeat(self.level))


_START, _END, _REPLACEMENT = itemgetter(0), itemgetter(1), itemgetter(2)  # (a Proposal's, at C speed)
_FEW = 64  # proposals of a rule kept as they are


class FoundAgain(Found):
    """A text's literal answers where a literal the last text did not hold is looked for only in `changes`:
    the stretches not copied from the last text, each widened by the longest literal's length; and one
    the last text held where a copied stretch holds it now is not looked for."""

    def __init__(self, text: str, changes: str, last: Last, copied: list):
        super().__init__(text)
        self.last, self.changes, self.folded_changes = last, changes, None
        self.copied, self.copied_from = copied, None  # (copied_from: the copied stretches' starts in the last text)

    def has(self, literal: str) -> bool:
        found = self.seen.get(literal)
        if found is None:
            if self.last.seen.get(literal) is False:
                found = literal in self.changes
            else:
                where = self._still_at(self.last.at.get(literal), len(literal))
                found = _noted(self.at, literal, self.text.find(literal) if where is None else where)
            self.seen[literal] = found
        return found

    def has_folded(self, literal: str) -> bool:
        found = self.seen_folded.get(literal)
        if found is None:
            if self.last.seen_folded.get(literal) is False:
                if self.folded_changes is None:
                    self.folded_changes = fold_ascii(self.changes)
                found = literal.encode() in self.folded_changes
            else:
                where = self._still_at(self.last.at_folded.get(literal), len(literal))
                found = _noted(self.at_folded, literal,
                               self.folded_text().find(literal.encode()) if where is None else where)
            self.seen_folded[literal] = found
        return found

    def _still_at(self, last_at: int | None, length: int) -> int | None:
        """Where the occurrence at `last_at` in the last text is now, if a copied stretch holds it whole."""
        if last_at is None:
            return None
        if self.copied_from is None:
            self.copied_from = [old_start for _, old_start, _ in self.copied]
        k = bisect_right(self.copied_from, last_at) - 1
        if k < 0:
            return None
        new_start, old_start, copied = self.copied[k]
        return new_start + last_at - old_start if last_at + length <= old_start + copied else None

    def matches(self, source: str) -> bool:
        found = self.seen.get(("re", source))
        if found is None:  # (a literal and a class: a match no longer than its source)
            within = self.changes if self.last.seen.get(("re", source)) is False else self.text
            found = self.seen[("re", source)] = self.pattern(source).search(within) is not None
        return found


def _noted(at: dict, literal: str, where: int) -> bool:
    """Is `where` (a search's answer) an occurrence? It is noted in `at` (see Found.at) if so."""
    if where < 0:
        return False
    at[literal] = where
    return True


FEW_GAPS = 16  # so few gaps are searched faster than told apart by a rule's needs
_BETWEEN = "\0"  # (between the gaps in the held text: the wall of their Scopes)


def in_gaps(need, folded: bool):
    """A rule's Scope in the held text: the gaps that hold its need (see Again.gaps_holding)."""
    return WHOLE if need is None else Scope(_BETWEEN, need, folded)


class Again:
    """The text of a later call, with the stretches it copied from the last call's."""

    def __init__(self, last: Last, text: str, margin: int, stretches: list):
        self.last, self.text = last, text
        self.copied = stretches
        changes, pos = [], None  # pos: where the last copied stretch ends
        for new_start, _, length in self.copied:
            if pos is not None or new_start > 0:  # (a gap, or where two copied stretches meet)
                changes.append(text[max(0, (pos or 0) - margin):new_start + margin])
            pos = new_start + length
        if pos is None or pos < len(text):
            changes.append(text[max(0, (pos or 0) - margin):])
        # ("\0" between them: a literal found across it is found where it is not, never missed)
        self.found = FoundAgain(text, "\0".join(changes), last, stretches)
        self.by_walls: dict[str, tuple] = {}

    def gaps(self, walls: str) -> tuple[list, float]:
        """The stretches to search again ((pos, endpos) pairs, in order: each from a text's end or past a
        wall to past a wall or a text's end), and the share of the text they cover."""
        return self._by_walls(walls)[1:]

    def held(self, walls: str) -> Found:
        """What the gaps hold, with the walls around them."""
        if ("held", walls) not in self.by_walls:
            text = self.text
            gaps = self.gaps(walls)[0]
            held = _BETWEEN.join(text[max(0, pos - 1):endpos] for pos, endpos in gaps)
            self.by_walls[("held", walls)] = Found(held)
        return self.by_walls[("held", walls)]

    def gaps_holding(self, walls: str, scope) -> list:
        """The gaps where `scope` (a rule's: see in_gaps) finds what the rule's matches need: a match lies in
        its gap with all it needs, since no part of it can match a wall. (Each gap searched costs a regex
        call; the held text is read for a rare need at C speed, and most gaps hold none.)"""
        gaps = self.gaps(walls)[0]
        if len(gaps) <= FEW_GAPS:
            return gaps
        held = self.held(walls)
        spans = scope.spans(held.text, held)
        if spans is None:
            return gaps
        if ("starts", walls) not in self.by_walls:  # (where each gap's piece starts in the held text)
            self.by_walls[("starts", walls)] = array("q", accumulate(
                (endpos - max(0, pos - 1) + 1 for pos, endpos in gaps[:-1]), initial=0))
        starts = self.by_walls[("starts", walls)]
        return [gaps[k] for pos, endpos in pairs(spans)
                for k in range(bisect_right(starts, pos) - 1, bisect_right(starts, endpos - 1))]

    def merged(self, i: int, walls: str, found_again: list) -> list:
        """Rule i's proposals: `found_again` in the gaps, the last call's (moved) elsewhere."""
        kept = []
        last = self.last.proposals[i]
        if last:
            compact = isinstance(last, Kept)
            starts = last.starts if compact else [p.start for p in last]
            for a, b, moved in self._by_walls(walls)[0]:
                lo, hi = bisect_left(starts, a - moved), bisect_left(starts, b - moved)
                if lo < hi:  # (most stretches hold none of a rule's)
                    kept.extend(last.moved(lo, hi, moved) if compact else
                                (p._replace(start=p.start + moved, end=p.end + moved) for p in last[lo:hi]))
        if not kept or not found_again:
            return kept or found_again
        return sorted(kept + found_again, key=lambda p: p.start)  # (stable: a stretch's own keep their order)

    def _by_walls(self, walls: str):
        if walls not in self.by_walls:
            self.by_walls[walls] = self._split(walls)
        return self.by_walls[walls]

    def _split(self, wall: str):
        """(kept: (a, b, moved) where the last call's proposals starting at a-moved..b-moved hold here,
        moved; the gaps; the share of the text they cover). A kept stretch runs from past a wall (or both texts' start) to
        past a wall (or both texts' ends: then to the end itself, where an empty match may lie). (One character
        a wall: found by str.find at memchr speed, as a line break that one long line lacks is.)"""
        text, old_length = self.text, self.last.length
        kept, gaps, pos = [], [], 0
        for new_start, old_start, length in self.copied:
            new_end = new_start + length
            first = text.find(wall, new_start, new_end)
            a = 0 if new_start == old_start == 0 else first + 1 if first >= 0 else None
            at_ends = new_end == len(text) and old_start + length == old_length
            final = text.rfind(wall, new_start, new_end)
            b = len(text) + 1 if at_ends else final + 1 if final >= 0 else None
            if a is None or b is None or a >= min(b, len(text)):
                continue  # (no stretch between two walls; or from the text's end: a gap's to search)
            if a > pos:
                gaps.append((pos, a))
            kept.append((a, b, new_start - old_start))
            pos = b
        if pos <= len(text) and not (kept and kept[-1][1] > len(text)):
            gaps.append((pos, len(text)))
        return kept, gaps, sum(endpos - pos for pos, endpos in gaps) / max(1, len(text))
