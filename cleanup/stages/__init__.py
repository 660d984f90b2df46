"""Stages, one per rule kind, in the order they run.

Unicode repair comes first (later rules see real characters), then whole
lines (boilerplate), then replacements (credits, duplicated names), then
structure (duplicates become visible once credits are gone), names and
words, the MT detectors, and grammar last, on the cleaned text.
"""
from __future__ import annotations

from ..pipeline import Pipeline
from ..rulebook import RuleBook

ORDER = ["unicode", "remove-line", "replace", "structure", "names", "words",
         "lookalike", "repetition", "script", "consistency", "foreign-words", "grammar", "languagetool"]


def _builders():
    from . import remove_line, replace, structure, unicode

    return {
        "unicode": unicode.build,
        "remove-line": lambda rules: [remove_line.RemoveLineStage(rules)],
        "replace": lambda rules: [replace.ReplaceStage(rules)],
        "structure": lambda rules: [structure.StructureStage(rules)],
    }


def build_pipeline(book: RuleBook, *, kinds=None, grammar=None) -> Pipeline:
    """A pipeline running the enabled rules of `book` (optionally only some kinds)."""
    builders = _builders()
    stages = []
    for kind in ORDER:
        if kinds is not None and kind not in kinds:
            continue
        rules = book.rules(kind)
        if rules and kind in builders:
            stages.extend(builders[kind](rules))
    return Pipeline(stages)
