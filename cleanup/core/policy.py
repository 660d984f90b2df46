"""Which proposed edits to apply, and which to show at all.

Applying decisions is re-running the pipeline with them (DESIGN.md): the
pipeline asks `Policy.decide` about every edit it meets, keyed by the edit's
stable key, so a rejected edit is vetoed before later stages build on it.

Some edits are out of sight altogether (`Policy.shows` is false): rules not
selected or ignored (--select/--ignore), levels below --min-level, words the
team allows, and passages marked with inline `cleanup: off` comments. They are
never applied, and `screen` drops them from a Result, so no command lists them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from fnmatch import fnmatchcase

from .allowlist import in_regions, is_allowed
from .edits import Edit, Level


def matches(rule: str, globs) -> bool:
    """Does a rule id match one of the globs? A family name ('words') matches its rules too."""
    return any(fnmatchcase(rule, g) or fnmatchcase(rule.split(".", 1)[0], g) for g in globs)


@dataclass(frozen=True)
class Policy:
    level: Level = Level.FIX                 # apply edits up to this level
    accept_rules: tuple[str, ...] = ()       # globs on rule ids: always apply
    reject_rules: tuple[str, ...] = ()       # globs on rule ids: never apply
    accepted: frozenset = frozenset()        # edit keys a reviewer accepted
    rejected: frozenset = frozenset()        # edit keys a reviewer rejected
    rewritten: tuple[tuple[tuple, str], ...] = ()  # (key, replacement typed by a reviewer)
    select: tuple[str, ...] = ()             # globs on rule ids: only these (empty: all)
    ignore: tuple[str, ...] = ()             # globs on rule ids: never shown nor applied
    min_level: Level = Level.FLAG            # show edits at least this sure (fix is the surest)
    allowed_words: frozenset = frozenset()   # words a team accepts as they are
    quiet: tuple[tuple[int, int], ...] = ()  # spans of this text marked `cleanup: off`

    def shows(self, edit: Edit) -> bool:
        """Is this edit in sight at all (selected, sure enough, not about an allowed word)?"""
        if self.select and not matches(edit.rule, self.select):
            return False
        if self.ignore and matches(edit.rule, self.ignore):
            return False
        if edit.level.rank > self.min_level.rank:
            return False
        if self.quiet and in_regions(edit.start, edit.end, self.quiet):
            return False
        return not is_allowed(edit.original, self.allowed_words)

    def decide(self, edit: Edit) -> tuple[bool, str | None]:
        """(apply it?, the replacement to use instead, if a reviewer typed one)."""
        if edit.level is Level.FLAG:
            return False, None
        if self.by_level_alone:
            return edit.level.rank <= self.level.rank, None
        if not self.shows(edit):
            return False, None
        key = edit.key
        for k, text in self.rewritten:
            if k == key:
                return True, text
        if key in self.rejected:
            return False, None
        if key in self.accepted:
            return True, None
        if matches(edit.rule, self.reject_rules):
            return False, None
        if matches(edit.rule, self.accept_rules):
            return True, None
        return edit.level.rank <= self.level.rank, None

    def screen(self, result):
        """The result without the edits out of sight (the pipeline reports what it did not apply)."""
        if not self.hides_anything:
            return result
        return replace(result, edits=tuple(e for e in result.edits if e.applied or self.shows(e)))

    @cached_property
    def by_level_alone(self) -> bool:
        """No decision, rule glob or hidden edit: each edit is decided by its level (the pipeline asks
        about every proposal, so this common case is answered first)."""
        return not (self.accepted or self.rejected or self.rewritten or self.accept_rules or self.reject_rules
                    or self.hides_anything)

    @property
    def hides_anything(self) -> bool:
        return bool(self.select or self.ignore or self.quiet or self.allowed_words) or self.min_level is not Level.FLAG


DEFAULT_POLICY = Policy()
