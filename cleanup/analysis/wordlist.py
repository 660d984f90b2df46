"""Word knowledge from wordfreq: how common a word is, in any of its languages.

The frequency dictionaries are loaded once per process and looked up
directly (wordfreq's own zipf_frequency re-tokenises every call, which is
far too slow for a stage that looks at every word). A stage keeps its
per-word verdicts in a `memo.Memo`, so each distinct word of a corpus is judged once.
"""
from __future__ import annotations

import math
from functools import lru_cache

import wordfreq

from .wordtable import word_table


@lru_cache(maxsize=None)
def _freqs(lang: str):
    """English, looked up for nearly every word, as wordfreq's dict (the fastest lookups); the
    other languages, asked about a few times per document, as compact tries (wordtable.py)."""
    if lang == "en":
        return wordfreq.get_frequency_dict(lang)
    return word_table(lang)


def normal(word: str) -> str:
    return word.lower().replace("’", "'")


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency (0 = unknown, 3 = rare, 5+ = common) of a word."""
    f = _freqs(lang).get(normal(word), 0.0)
    return math.log10(f) + 9 if f else 0.0


def known(word: str, lang: str = "en") -> bool:
    return normal(word) in _freqs(lang)
