"""Other languages: their word lists (wordfreq) and their English names (langcodes).

Another language only matters where a word is common in it, so its list is
wordfreq's "small" one (words of Zipf 3 and up): a seventh of the memory
and load time of the full lists, which matters with a dozen languages.
"""
from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

import langcodes
import wordfreq

from .wordlist import normal


@lru_cache(maxsize=None)
def _common_words(lang: str) -> dict:
    return wordfreq.get_frequency_dict(lang, wordlist="small")


def zipf_in(word: str, lang: str) -> float:
    """Zipf frequency of `word` in `lang`; 0 when it is not among that language's common words."""
    f = _common_words(lang).get(normal(word), 0.0)
    return math.log10(f) + 9 if f else 0.0


@lru_cache(maxsize=None)
def language_name(code: str) -> str:
    """'fr' -> 'French'."""
    return langcodes.Language.get(code).display_name()


def most_common_in(word: str, languages) -> tuple[str, float] | None:
    """The language whose list has `word` most often, with its Zipf frequency."""
    best = max(((zipf_in(word, lang), lang) for lang in languages), default=(0.0, ""))
    return (best[1], best[0]) if best[0] > 0 else None


def probable_language(words: list[str], languages) -> str | None:
    """The one language whose list knows most of `words` (at least half), or None when unclear."""
    known = sorted(((sum(zipf_in(w, lang) > 0 for w in words), lang) for lang in languages), reverse=True)
    if not known or known[0][0] * 2 < len(words) or known[0][0] == 0:
        return None
    if len(known) > 1 and known[1][0] == known[0][0]:
        return None  # Russian or Ukrainian? Chinese or Japanese? not ours to guess
    return known[0][1]


@lru_cache(maxsize=4096)
def is_language_name(word: str) -> bool:
    """'Greek', 'Russian', 'Mandarin': a language's English name (not 'Russia', not 'Putin')."""
    try:
        found = langcodes.find(word)
    except (LookupError, ValueError):
        return False
    return found.display_name().casefold().startswith(word.casefold())


def unaccented(word: str) -> str:
    """naïve -> naive: the word in plain letters, as English often writes borrowed words."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
