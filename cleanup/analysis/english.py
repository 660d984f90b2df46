"""What the stages know about English words in particular (other languages get their own module).

Inflection: a known stem with a common English suffix is a word, not a slip.
"""
from __future__ import annotations

from .wordlist import known

_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ism", "isms", "ation", "ations")


def inflected(word: str) -> bool:
    """A known stem with a common suffix ("counteractions", "echoisms"): a word, not a slip."""
    w = word.lower()
    return any(w.endswith(suf) and len(w) - len(suf) >= 4 and known(w[:-len(suf)]) for suf in _SUFFIXES)
