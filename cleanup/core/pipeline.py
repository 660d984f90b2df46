"""Run stages in order; map every proposal back to the original text.

Each stage sees the text as the earlier stages left it. Every proposal is
located in the original (textmap), asked about by the Policy, and either
applied (the next stage sees it) or reported. Two applied changes of one
stage never overlap: the later one is kept as a suggestion instead, since
overlapping edits are alternatives for a reviewer, not a combination.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Protocol

from ..analysis.textview import TextView
from .copies import Stretch, since
from .edits import Edit, Level, Proposal
from .policy import DEFAULT_POLICY, Policy
from .result import Problem, Result
from .textmap import Located, TextMap
from .timed_regex import RuleClock


@dataclass
class Context:
    """What a stage may use besides the text: run settings and a problem log."""

    original: str
    language: str = "en-US"
    problems: list[Problem] = field(default_factory=list)
    clock: RuleClock | None = None  # each rule's time budget on this document
    _view: TextView | None = field(default=None, repr=False, compare=False)
    _kept: dict = field(default_factory=dict, repr=False, compare=False)
    _steps: list = field(default_factory=list, repr=False, compare=False)  # the changes of each applied stage
    _calls: dict = field(default_factory=dict, repr=False, compare=False)  # id(stage) -> (steps, length) at its call

    def __post_init__(self):
        if self.clock is None:
            self.clock = RuleClock(self.original)

    def view(self, text: str) -> TextView:
        """The shared analysis of `text` (the text a stage is given): one per text version."""
        if self._view is None or self._view.text is not text:
            self._view = TextView(text)
        return self._view

    def kept(self, owner) -> dict:
        """A dict of `owner`'s (a stage) that lives for this whole run, every pass: for facts about
        a piece of text keyed by its content (a line's matches), which a later pass, given the
        text again with a few lines changed, reads instead of computing them again. Nothing in it
        outlives the document."""
        kept = self._kept.get(id(owner))
        if kept is None:  # (made once a run: setdefault would make a dict at every call)
            kept = self._kept[id(owner)] = {}
        return kept

    def copied(self, owner) -> list[Stretch] | None:
        """The stretches of the text `owner` (a stage) is given now that are copies of the text it
        was given at its last call in this run: (start now, start then, length), in order. None at
        its first call, or where the pipeline does not keep count (a stage called on its own)."""
        last = self._calls.get(id(owner))
        return None if last is None else since(last[1], self._steps[last[0]:])

    def _called(self, owner, text: str) -> None:
        self._calls[id(owner)] = (len(self._steps), len(text))


class Stage(Protocol):
    name: str

    def propose(self, text: str, ctx: Context) -> Iterable[Proposal]: ...


# A pass that changes nothing ends the run, and so does one that gives a text an earlier pass
# gave (an oscillation). Convergence can be slow: "Putinsaidsaidsaidsaid" loses one glued
# "said" per pass (the run-on split, then the repeated word), so this only bounds the worst case.
MAX_PASSES = 16


_START_END = itemgetter(0, 1)  # a Proposal's (start, end), at C speed


class Pipeline:
    """Runs the stages in order, and again while a pass changed the text: a later stage can
    make text an earlier one would change ("saidsaid" split into "said said" after the
    repetition stage ran), and cleaning the output again must change nothing. A stage is
    skipped in a later pass when the text has not changed since it left it unchanged."""

    def __init__(self, stages: Iterable[Stage]):
        self.stages = tuple(stages)

    def run(self, text: str, policy: Policy = DEFAULT_POLICY, *, language: str = "en-US") -> Result:
        ctx = Context(text, language)
        tm = TextMap(text)
        reported: list[Edit] = []
        # Versions, not texts, say what a stage has seen: holding each text a stage left alone
        # would keep a copy of a big text per stage alive.
        version = 0  # counts the changes applied so far
        left_alone = {}  # id(stage) -> the version it was given and did not change: it would not change it again
        seen = set()  # (length, hash) of the text each pass began with
        for _ in range(MAX_PASSES):
            if (len(tm.text), hash(tm.text)) in seen:
                break
            seen.add((len(tm.text), hash(tm.text)))
            version_before = version
            called = (len(ctx._steps), len(tm.text))  # what ctx._called records, the same until the text changes
            for stage in self.stages:
                key = id(stage)
                if left_alone.get(key) == version:
                    continue
                proposals = sorted(stage.propose(tm.text, ctx), key=_START_END)
                ctx._calls[key] = called
                if not proposals:  # (the common case, on a short text nearly every call: nothing to choose)
                    left_alone[key] = version
                    continue
                chosen = self._choose(tm, proposals, policy, reported)
                if any(tm.text[loc.cstart:loc.cend] != (loc.text or "") for loc, _ in chosen):
                    # The old text is let go as soon as the new one's pieces are cut from it (a big
                    # text would otherwise be alive three times over while the new one is joined):
                    # nothing else may hold it then, so the view of it goes first.
                    ctx._view = None
                    tm = tm.apply(chosen, let_go=True)
                    version += 1
                    ctx._steps.append([(loc.cstart, loc.cend, len(loc.text or "")) for loc, _ in chosen])
                    called = (len(ctx._steps), len(tm.text))
                else:  # (edits that give the same text back are still recorded: a rule undone by another)
                    tm = tm.apply(chosen)
                    left_alone[key] = version
            if version == version_before:  # (a text changed and changed back starts a pass seen before)
                break
        reported = list(dict.fromkeys(reported))  # a later pass proposes again what it could not apply
        ctx.problems[:] = dict.fromkeys(ctx.problems)
        # an applied edit that ends where the text began (a rule undone by a later one) shows nothing
        applied = [e for e in tm.applied_edits() if e.replacement != e.original]
        edits = applied + _still_present(reported, applied)
        edits.sort(key=lambda e: (e.start, e.end, e.level.rank, e.rule))
        return Result(text, tm.text, tuple(edits), tuple(ctx.problems))

    @staticmethod
    def _choose(tm: TextMap, proposals: list[Proposal], policy: Policy,
                reported: list[Edit]) -> list[tuple[Located, Edit]]:
        """The changes the policy applies, located and in order; the rest are added to `reported`."""
        chosen = []
        regions: list[tuple[int, int]] = []  # sorted regions of the changes chosen so far
        for p in proposals:
            if (p.replacement is None) != (p.level is Level.FLAG):
                p = p._replace(replacement=None, level=Level.FLAG)  # the contract: nothing to apply <=> a flag
            if p.replacement is not None and tm.text[p.start:p.end] == p.replacement:
                continue  # changes nothing in the text it was given
            loc = tm.locate(p.start, p.end, p.replacement)
            original = tm.original[loc.ostart:loc.oend]
            # (a proposal may still restore the original, undoing an earlier rule: it is
            # applied, so "a rule undone by another" shows in the output and in `rules test`)
            edit = Edit(loc.ostart, loc.oend, original, loc.replacement, p.rule, p.message, p.level)
            apply_it, typed = policy.decide(edit)
            if apply_it and _conflicts(regions, loc):
                reported.append(replace(edit, level=Level.SUGGEST if edit.level is Level.FIX else edit.level,
                                        message=f"{edit.message} (an alternative to an overlapping change; "
                                                "not applied)"))
                continue
            if not apply_it:
                reported.append(edit)
                continue
            if typed is not None:
                loc = loc._replace(text=typed, replacement=typed)
            chosen.append((loc, Edit(loc.ostart, loc.oend, original, loc.replacement, p.rule, p.message, p.level,
                                     applied=True, parents=tm.parents(loc))))
            insort(regions, (loc.cstart, loc.cend))
        chosen.sort(key=lambda c: (c[0].cstart, c[0].cend))
        return chosen


def _still_present(reported: list[Edit], applied: list[Edit]) -> list[Edit]:
    """Drop proposals about text a later applied edit removed or rewrote.

    (A flag on a duplicate line that was then deleted speaks of nothing the
    reader will see. Rejecting the deletion in review brings it back.)
    """
    spans = sorted((e.start, e.end) for e in applied if e.end > e.start)
    starts = [s for s, _ in spans]
    out = []
    for e in reported:
        i = bisect_right(starts, e.start) - 1
        if i >= 0:
            s, t = spans[i]
            covered = (s < e.start and e.end < t) if e.start == e.end else (e.end <= t and (s, t) != (e.start, e.end))
            if covered:
                continue
        out.append(e)
    return out


def _conflicts(regions: list[tuple[int, int]], loc) -> bool:
    """Does loc's region overlap a chosen one (or sit on the same point, if both are empty)?"""
    i = bisect_left(regions, (loc.cstart, loc.cend))
    for a, b in regions[max(i - 1, 0):i + 2]:
        if a == b == loc.cstart == loc.cend or (a < loc.cend and loc.cstart < b):
            return True
    return False
