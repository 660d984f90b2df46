"""Detectors for artefacts only machine translation makes (docs/mt-detectors.md).

One module per rule kind: consistency (one name spelled several ways),
repetition (a phrase looping), script (untranslated writing systems and CJK
punctuation), lookalike (Cyrillic or Greek letters inside Latin words),
foreign_words (words left in the source language), word_salad (lines
whose words barely form English) and casing (letter case guessed wrong).
The stage registry (stages/registry.py) builds them like every other kind.
"""
