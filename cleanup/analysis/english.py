"""What the stages know about English words in particular (other languages get their own module).

Inflection: a known stem with a common English suffix is a word, not a slip.
Script: English is written in Latin letters; a word in another script is no English word to judge.
"""
from __future__ import annotations

import regex

from .wordlist import known

_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ism", "isms", "ation", "ations")
_LATIN_LETTERS = regex.compile(r"[\p{Latin}\p{M}]+")


def inflected(word: str) -> bool:
    """A known stem with a common suffix ("counteractions", "echoisms"): a word, not a slip."""
    w = word.lower()
    return any(w.endswith(suf) and len(w) - len(suf) >= 4 and known(w[:-len(suf)]) for suf in _SUFFIXES)


def in_latin_letters(word: str) -> bool:
    """Is `word` all Latin letters (with their marks), as an English word would be?"""
    return _LATIN_LETTERS.fullmatch(word) is not None
