"""wordfreq's word list of a language as a compact trie, for languages asked about rarely.

wordfreq's own dictionary of one language costs 0.1-0.35 s of CPU to build
and 30-130 MB of memory, and the word-salad stage asks six of them whether a
glued word is theirs: on a big document that was 2.5 s and 290 MB before any
cleaning. A marisa trie of the same list is 1-2 MB on disk, is opened in
under a millisecond (memory-mapped, so batch workers share its pages) and
answers a lookup in under a microsecond; the stages' per-word memos keep
those lookups few.

A table gives exactly the answers of `wordfreq.get_frequency_dict(lang)`:
the same words, each with the frequency of the last band that lists it. It
is built once per wordfreq version and language into the cache folder (see
cache_folder.py); where that folder cannot be written it is built in
memory, with the same answers.
"""
from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import marisa_trie

from .cache_folder import cache_folder, store_entry

_FORMAT = "<H"  # the band's index: frequency 10 ** (-index / 100), as wordfreq computes it


class WordTable:
    """A word list with the dict interface the stages use: `word in table`, `table.get(word, 0.0)`."""

    def __init__(self, trie: marisa_trie.RecordTrie):
        self._trie = trie

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def get(self, word: str, default=None):
        if "\0" in word:  # (marisa's keys end at a NUL: asked one, it fails) no list has one
            return default
        try:
            found = self._trie.get(word)
        except UnicodeEncodeError:  # a lone surrogate (text decoded with surrogateescape): in no list
            return default
        return 10 ** (-found[0][0] / 100) if found else default  # wordfreq.cB_to_freq(-index), as its dict has it


def word_table(lang: str, wordlist: str = "best") -> WordTable:
    """The word list of `lang` (a wordfreq code; its "best" list or another), read from the cache or built."""
    path = _cached_path(lang, wordlist)
    if path is not None and path.exists():
        try:
            trie = marisa_trie.RecordTrie(_FORMAT)
            trie.mmap(str(path))
            return WordTable(trie)
        except Exception:  # a damaged entry: build it again
            pass
    trie = _build(lang, wordlist)
    if path is not None:
        store_entry(path, trie.save)
    return WordTable(trie)


def _build(lang: str, wordlist: str = "best") -> marisa_trie.RecordTrie:
    import wordfreq  # (here: a table read from the cache needs neither it nor what it imports, ftfy and langcodes)

    bands = {}
    for index, band in enumerate(wordfreq.get_frequency_list(lang, wordlist)):
        for word in band:
            bands[word] = index  # a word listed twice keeps its last band, as wordfreq's dict does
    return marisa_trie.RecordTrie(_FORMAT, ((word, (index,)) for word, index in bands.items()))


def _cached_path(lang: str, wordlist: str = "best") -> Path | None:
    where = cache_folder("wordlists")
    if where is None:
        return None
    return where / f"wordfreq-{version('wordfreq')}-{lang}-{wordlist}.marisa"
