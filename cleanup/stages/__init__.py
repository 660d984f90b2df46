"""Stages, one per rule kind, in the order they run.

Unicode repair comes first, with look-alike letters (later rules see real
characters), then whole lines (boilerplate), then replacements (credits,
duplicated names), then structure and repetition loops (duplicates become
visible once credits are gone), names, foreign and unknown words, the other
MT detectors, and grammar last, on the cleaned text.
"""
from __future__ import annotations

from ..pipeline import Pipeline
from ..rulebook import RuleBook

ORDER = ["unicode", "lookalike", "remove-line", "replace", "structure", "repetition", "names",
         "foreign-words", "words", "script", "consistency", "casing", "word-salad", "grammar", "languagetool"]


def _builders():
    from . import names, remove_line, replace, structure, unicode, words

    def grammar(rules, book):
        from . import grammar as offline

        return offline.build(rules, book)

    def detectors(kind):
        def build(rules, book):
            from . import mt

            return mt.build(kind, rules, book)
        return build

    return {
        **{kind: detectors(kind) for kind in ("lookalike", "repetition", "script", "consistency", "foreign-words",
                                                  "word-salad", "casing")},
        "grammar": grammar,
        "unicode": lambda rules, book: unicode.build(rules),
        "remove-line": lambda rules, book: [remove_line.RemoveLineStage(rules)],
        "replace": lambda rules, book: [replace.ReplaceStage(rules)],
        "structure": lambda rules, book: [structure.StructureStage(rules)],
        "names": lambda rules, book: [names.NamesStage(lexicon_of(book))],
        "words": lambda rules, book: [words.WordsStage(rules, lexicon_of(book), book)],
    }


def lexicon_of(book: RuleBook):
    """The names lexicon of a rule book (every enabled names rule), built once."""
    from ..lexicon import Lexicon

    cached = _LEXICONS.get(id(book))
    if cached is None or cached[0] is not book:
        titles = [t for f in book.files_of("names") for t in f.data.get("titles", [])]
        cached = _LEXICONS[id(book)] = (book, Lexicon.from_rules(book.rules("names"), titles))
    return cached[1]


_LEXICONS: dict = {}


def build_pipeline(book: RuleBook, *, kinds=None, grammar=None) -> Pipeline:
    """A pipeline running the enabled rules of `book` (optionally only some kinds)."""
    builders = _builders()
    stages = []
    for kind in ORDER:
        if kinds is not None and kind not in kinds:
            continue
        rules = book.rules(kind)
        if rules and kind in builders:
            stages.extend(builders[kind](rules, book))
    if grammar is not None and (kinds is None or grammar.backend in kinds):
        if grammar.backend == "harper":
            from . import harper as backend
        else:
            from . import languagetool as backend
        stages.extend(backend.build(grammar, book))
    return Pipeline(stages)
