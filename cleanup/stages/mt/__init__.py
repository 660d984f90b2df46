"""Detectors for artefacts only machine translation makes (docs/mt-detectors.md).

One module per rule kind: consistency (one name spelled several ways),
repetition (a phrase looping), script (untranslated writing systems and CJK
punctuation), lookalike (Cyrillic or Greek letters inside Latin words),
foreign_words (words left in the source language), word_salad (lines
whose words barely form English) and casing (letter case guessed wrong).
The pipeline calls `build(kind, rules, book)` for each of these kinds.
"""
from __future__ import annotations

from . import casing, consistency, foreign_words, lookalike, repetition, script, word_salad


def build(kind: str, rules, book) -> list:
    from .. import lexicon_of

    if kind == "consistency":
        return [consistency.ConsistencyStage(rules, lexicon_of(book))]
    if kind == "repetition":
        return [repetition.RepetitionStage(rules)]
    if kind == "script":
        return [script.ScriptStage(rules, lexicon_of(book))]
    if kind == "lookalike":
        return [lookalike.LookalikeStage(rules)]
    if kind == "foreign-words":
        return [foreign_words.ForeignWordsStage(rules, lexicon_of(book))]
    if kind == "word-salad":
        return [word_salad.WordSaladStage(rules)]
    if kind == "casing":
        return [casing.CasingStage(rules, lexicon_of(book))]
    raise ValueError(f"not a machine-translation detector kind: {kind!r}")


def claims(token: str, book) -> bool:
    """Does the foreign-words detector report `token`? (The words stage then leaves it alone.)"""
    return foreign_words.claims(token, book)
