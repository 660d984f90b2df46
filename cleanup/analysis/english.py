"""What the stages know about English words in particular (other languages get their own module).

Inflection: a known stem with a common English suffix is a word, not a slip.
Script: English is written in Latin letters; a word in another script is no English word to judge.
The indefinite article: 'a' or 'an', from how the word's spelling is said.
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


VOWEL_LETTER_NAMES = set("AEFHILMNORSX")  # letters whose name starts with a vowel sound: "an F-16"
_HEAD_END, _VOWEL, _YOU = regex.compile(r"[-.'’]"), regex.compile(r"[AEIOU]"), regex.compile(r"u[^aeiouy][aeiou]")


def indefinite_article(word: str) -> str | None:
    """'a' or 'an' before `word`, or None when its spelling does not tell how it is said."""
    lower = word.casefold()
    head = _HEAD_END.split(word, maxsplit=1)[0]
    if not head or head[0].isdigit():
        return None
    if len(head) == 1:
        return "an" if head.upper() in VOWEL_LETTER_NAMES else "a"
    if head.isupper():  # an abbreviation: spelled out (MP) or read as a word (NATO)
        if head[0] in "AEIO":
            return "an"
        if head[0] in VOWEL_LETTER_NAMES:
            return None if _VOWEL.search(head) else "an"
        return "a"
    if any(c.isupper() for c in head[1:]):
        return None  # McDonald's, mRNA
    if lower[0] in "aeio":
        return "an"
    if lower[0] == "u":
        # "use", "usual", "Ugandan" sound "you-"; "utter", "urban" and un- words do not
        you = not lower.startswith("un") and _YOU.match(lower)
        return "a" if you else "an"
    return "a"
