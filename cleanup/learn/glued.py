"""Glued words: a token no word list knows that splits into a known word and a name, or two words.

"Scholzsaid" is the corpus's own name glued to a common word: the names
stage splits such tokens for every name its lexicon knows, so the proposal
is to add the name to the lexicon. "fourhours" splits into two words; the
shipped run-on detector already splits those whose parts are common, so
only the others are proposed, each as a replacement of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..analysis.lexicon import Lexicon, key
from ..analysis.wordlist import zipf
from ..stages.words import best_split
from .counts import Counts

COMMON_WORD = 5.0   # the word glued to a name is a very common one ("said", "and"), not "net"
SPLIT_ZIPF = 2.5    # each part of a two-word split
SHIPPED_ZIPF = 3.0  # what the shipped run-on detector asks of each part (cleanup/rules/words.yaml)


@dataclass
class Glued:
    token: str
    docs: int
    split: str          # "Scholz said" / "four hours"
    name: str = ""      # the name part, when the token holds one


def glued_words(counts: Counts, needed: int, names: dict, lexicon: Lexicon) -> list[Glued]:
    """names: the corpus's names (word -> documents), frequent ones only."""
    out = []
    for token, e in counts.unknown.at_least(needed):
        found = _name_and_word(token, names, lexicon) or _two_words(token)
        if found:
            out.append(Glued(token, e.docs, *found))
    return sorted(out, key=lambda g: (-g.docs, g.token))


def _name_and_word(token: str, names: dict, lexicon: Lexicon):
    for cut in range(3, len(token) - 1):
        left, right = token[:cut], token[cut:]
        for name, word in ((left, right), (right, left)):
            if name in names and word.islower() and zipf(word) >= COMMON_WORD:
                if lexicon.lookup(key(name)):
                    return None  # the names stage already splits what is glued to a name it knows
                return f"{left} {right}", name
    return None


def _two_words(token: str):
    if not token.islower() or best_split(token, SHIPPED_ZIPF, 3):
        return None
    split = best_split(token, SPLIT_ZIPF, 2)
    return (split, "") if split else None
