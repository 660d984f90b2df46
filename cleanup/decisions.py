"""Which proposed edits to apply: the level, review decisions and rule globs.

Applying decisions is re-running the pipeline with them (DESIGN.md): the
pipeline asks `Policy.decide` about every edit it meets, keyed by the edit's
stable key, so a rejected edit is vetoed before later stages build on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from .edits import Edit, Level


@dataclass(frozen=True)
class Policy:
    level: Level = Level.FIX                 # apply edits up to this level
    accept_rules: tuple[str, ...] = ()       # globs on rule ids: always apply
    reject_rules: tuple[str, ...] = ()       # globs on rule ids: never apply
    accepted: frozenset = frozenset()        # edit keys a reviewer accepted
    rejected: frozenset = frozenset()        # edit keys a reviewer rejected
    rewritten: tuple[tuple[tuple, str], ...] = ()  # (key, replacement typed by a reviewer)

    def decide(self, edit: Edit) -> tuple[bool, str | None]:
        """(apply it?, the replacement to use instead, if a reviewer typed one)."""
        if edit.level is Level.FLAG or edit.replacement is None:
            return False, None
        key = edit.key
        for k, text in self.rewritten:
            if k == key:
                return True, text
        if key in self.rejected:
            return False, None
        if key in self.accepted:
            return True, None
        if any(fnmatchcase(edit.rule, g) for g in self.reject_rules):
            return False, None
        if any(fnmatchcase(edit.rule, g) for g in self.accept_rules):
            return True, None
        return edit.level.rank <= self.level.rank, None


DEFAULT_POLICY = Policy()
