"""Word knowledge from wordfreq: how common a word is, in any of its languages.

The frequency dictionaries are loaded once per process and looked up
directly (wordfreq's own zipf_frequency re-tokenises every call, which is
far too slow for a stage that looks at every word). `memo` keeps a stage's
per-word verdicts, so each distinct word of a corpus is judged once.
"""
from __future__ import annotations

import math
from functools import lru_cache

import wordfreq


@lru_cache(maxsize=None)
def _freqs(lang: str) -> dict:
    return wordfreq.get_frequency_dict(lang)


def normal(word: str) -> str:
    return word.lower().replace("’", "'")


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency (0 = unknown, 3 = rare, 5+ = common) of a word."""
    f = _freqs(lang).get(normal(word), 0.0)
    return math.log10(f) + 9 if f else 0.0


def known(word: str, lang: str = "en") -> bool:
    return normal(word) in _freqs(lang)


MEMO_SIZE = 50_000  # entries per memo (a few MB): the words that make up most of any corpus
_MISSING = object()


def memo(cache: dict, key, compute):
    """cache[key], computed once per word; the cache is emptied when it is full.

    For the stages' per-word judgements, which depend on the word alone.
    """
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        if len(cache) >= MEMO_SIZE:
            cache.clear()
        value = cache[key] = compute(key)
    return value


class Sieve:
    """The tokens of a set that pass a test of the token alone, each distinct token tested once.

    Per text it is set operations, no loop over tokens. Safe with threads
    sharing it: the sets only grow (a token joins `tested` after `passed`),
    and starting over swaps in new ones.
    """

    def __init__(self, test):
        self.test = test
        self._sets: tuple[set, set] = (set(), set())  # tokens tested, and those that passed

    def __call__(self, tokens: set) -> set:
        tested, passed = self._sets
        fresh = tokens - tested
        if fresh:
            if len(tested) + len(fresh) > MEMO_SIZE:
                tested, passed, fresh = set(), set(), tokens
            passed |= {t for t in fresh if self.test(t)}
            tested |= fresh
            self._sets = (tested, passed)
        return tokens & passed
