"""The Result of cleaning: final text plus every edit with its provenance."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple

from .edits import Edit, Level


@dataclass(frozen=True)
class Problem:
    """Something that stopped part of the work (a runaway rule, no grammar server)."""

    kind: str      # "rule-timeout", "rule-error", "grammar-skipped"
    message: str
    rule: str = ""


class EditCounts(NamedTuple):
    """Edits by what became of them: every command that counts them counts them this way."""

    applied: int = 0
    proposed: int = 0  # changes not applied (a suggestion at --level fix, a rejected fix)
    flagged: int = 0   # findings for a human: never applied


def count_edits(edits: Iterable[Edit]) -> EditCounts:
    applied = proposed = flagged = 0
    for e in edits:
        if e.applied:
            applied += 1
        elif e.level is Level.FLAG:
            flagged += 1
        else:
            proposed += 1
    return EditCounts(applied, proposed, flagged)


@dataclass(frozen=True)
class Result:
    original: str
    text: str
    edits: tuple[Edit, ...]          # applied, proposed and flagged; by position
    problems: tuple[Problem, ...] = ()

    @property
    def applied(self) -> list[Edit]:
        return [e for e in self.edits if e.applied]

    def counts(self) -> EditCounts:
        return count_edits(self.edits)

    def counts_by_rule(self) -> dict[str, EditCounts]:
        """{rule id: its edits' counts}, by rule id."""
        by_rule: dict[str, list[Edit]] = {}
        for e in self.edits:
            by_rule.setdefault(e.rule, []).append(e)
        return {rule: count_edits(by_rule[rule]) for rule in sorted(by_rule)}

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def incomplete(self) -> list[Problem]:
        """Problems that left rules unrun (a runaway, a broken replacement): the text is not
        the whole cleaning, so it must not replace the input in place."""
        return [p for p in self.problems if p.kind in ("rule-timeout", "rule-error")]
