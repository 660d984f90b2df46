"""The Result of cleaning: final text plus every edit with its provenance."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .edits import Edit, Level


@dataclass(frozen=True)
class Problem:
    """Something that stopped part of the work (a runaway rule, no grammar server)."""

    kind: str      # "rule-timeout", "rule-error", "grammar-skipped"
    message: str
    rule: str = ""


@dataclass(frozen=True)
class Result:
    original: str
    text: str
    edits: tuple[Edit, ...]          # applied, proposed and flagged; by position
    problems: tuple[Problem, ...] = ()

    @property
    def applied(self) -> list[Edit]:
        return [e for e in self.edits if e.applied]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def incomplete(self) -> list[Problem]:
        """Problems that left rules unrun (a runaway, a broken replacement): the text is not
        the whole cleaning, so it must not replace the input in place."""
        return [p for p in self.problems if p.kind in ("rule-timeout", "rule-error")]

    def pending(self, level: Level) -> list[Edit]:
        """Edits of exactly this level that were not applied."""
        return [e for e in self.edits if not e.applied and e.level is level]

    def counts(self) -> Counter:
        """Edits per rule, counting the earlier edits merged into applied ones."""
        c = Counter()
        for e in self.edits:
            c[e.rule] += 1
            for p in _ancestors(e):
                c[p.rule] += 1
        return c


def _ancestors(edit: Edit):
    for p in edit.parents:
        yield p
        yield from _ancestors(p)
