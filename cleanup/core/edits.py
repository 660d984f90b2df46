"""Edits: what a stage proposes and what the pipeline reports.

A stage speaks in `Proposal`s whose spans index the text as that stage saw it.
The pipeline turns each one into an `Edit` whose span indexes the ORIGINAL
text, so that a diff hunk, a review decision and a JSON record all name the
same characters.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class Level(str, Enum):
    """How sure a rule is. Ordered: fix < suggest < flag."""

    FIX = "fix"          # applied by default
    SUGGEST = "suggest"  # applied when accepted, or with --level suggest
    FLAG = "flag"        # never applied: a finding for a human

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Level.FIX: 0, Level.SUGGEST: 1, Level.FLAG: 2}


class Proposal(NamedTuple):
    """A change a stage wants, in the coordinates of the text it was given."""

    start: int
    end: int
    replacement: str | None  # None: a flag, nothing to apply (the pipeline holds None <=> Level.FLAG)
    rule: str
    message: str
    level: Level


class EditKey(NamedTuple):
    """An edit's identity for review decisions, in original coordinates: it survives re-runs and new rules."""

    rule: str
    start: int
    end: int
    original: str
    replacement: str | None


@dataclass(frozen=True, slots=True)
class Edit:
    """One change (or finding) with its provenance, spanning the original text.

    `replacement` is what `original[start:end]` becomes when the edit is
    applied; it already includes the effect of `parents`, the earlier edits
    this one was built on (a later stage rewrote text an earlier one inserted).
    """

    start: int
    end: int
    original: str
    replacement: str | None
    rule: str
    message: str
    level: Level
    applied: bool = False
    parents: tuple["Edit", ...] = field(default=(), compare=False)

    @property
    def key(self) -> EditKey:
        return EditKey(self.rule, self.start, self.end, self.original, self.replacement)

    @property
    def family(self) -> str:
        return self.rule.split(".", 1)[0]


def apply_edits(text: str, edits) -> str:
    """Apply non-overlapping edits (original coordinates) to `text`."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}: {e.rule}")
        out.append(text[pos:e.start])
        out.append(e.replacement or "")
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
