"""The Result of cleaning: final text plus every edit with its provenance."""
from __future__ import annotations

from dataclasses import dataclass

from .edits import Edit


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
