"""Word knowledge from wordfreq: how common a word is, in any of its languages.

The frequency dictionaries are loaded once per process and looked up
directly (wordfreq's own zipf_frequency re-tokenises every call, which is
far too slow for a stage that looks at every word). A stage keeps its
per-word verdicts in a `memo.Memo`, so each distinct word of a corpus is judged once.

English is looked up for nearly every word, and wordfreq's dict answers fastest,
but building it costs ~0.1 s of CPU (and importing wordfreq more): more than
cleaning a short document. So English starts as its word table (wordtable.py:
a cached trie, opened in a millisecond, the same answers) and becomes the dict
once it has answered enough lookups for the dict to pay (with no cache folder it is
the dict at once: building the table costs more); so do the other languages' small
lists (languages.py). The other languages' full lists, asked about a few times per
document, stay word tables.
"""
from __future__ import annotations

import math

from .cache_folder import cache_folder
from .wordtable import word_table

# lookups. A lookup costs ~0.75 us more in the trie than in the dict, and English's dict costs
# ~0.15 s to build (wordfreq's import and its list): switching when the trie's extra cost has
# reached the dict's price never pays more than twice the better choice made in hindsight.
# (The stages' per-word memos keep lookups few: 3 MB of clean prose makes ~30,000.)
# Another language's "small" list (words of Zipf 3 and up) builds in ~0.02 s: its price is
# reached after ~25,000 lookups.
SWITCH_AFTER = 200_000
SWITCH_SMALL_AFTER = 25_000


class _Warming:
    """A list's word table for its first lookups; then (see frequencies) wordfreq's dict."""

    def __init__(self, key: tuple[str, str], lookups: int):
        self.key, self.table, self.left = key, word_table(*key), lookups

    def get(self, word: str, default=None):
        self.left -= 1
        if self.left > 0:
            return self.table.get(word, default)
        return self._switch().get(word, default)

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def _switch(self) -> dict:
        _TABLES[self.key] = freqs = _dict(*self.key)
        return freqs


_TABLES: dict = {}  # (language, wordfreq list) -> what answers for it now


def frequencies(lang: str, wordlist: str = "best"):
    """What answers for a wordfreq list now (`get(word, default)`, `word in`): English's and the
    other languages' small lists start as word tables and become dicts once looked up enough;
    the other languages' full lists, asked about a few times per document, stay tables."""
    key = (lang, wordlist)
    table = _TABLES.get(key)
    if table is None:
        if lang != "en" and wordlist == "best":
            table = word_table(lang)
        elif cache_folder("wordlists") is None:  # no cache: a table built anew costs more than the dict
            table = _dict(*key)
        else:
            table = _Warming(key, SWITCH_AFTER if wordlist == "best" else SWITCH_SMALL_AFTER)
        _TABLES[key] = table
    return table


def _dict(lang: str, wordlist: str) -> dict:
    import wordfreq

    return wordfreq.get_frequency_dict(lang, wordlist)


def normal(word: str) -> str:
    return word.lower().replace("’", "'")


def zipf(word: str, lang: str = "en") -> float:
    """Zipf frequency (0 = unknown, 3 = rare, 5+ = common) of a word."""
    f = frequencies(lang).get(normal(word), 0.0)
    return math.log10(f) + 9 if f else 0.0


def known(word: str, lang: str = "en") -> bool:
    return normal(word) in frequencies(lang)
