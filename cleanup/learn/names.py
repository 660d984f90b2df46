"""Name variants: capitalised words spelled alike, used alike, one far more common.

A variant must be rare next to its name (`DOMINANCE`), spelled close to it
(rapidfuzz's ratio), not a word English lists know (then it is a word or a
name of its own: Austria is not a slip for Australia), and found in the
same company of words (the cosine of their neighbours). The canonical form
is the name the names lexicon knows, or else the most common spelling;
its full name is the most common "First Last" pair that ends with it.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..analysis.lexicon import Lexicon, key
from ..analysis.wordlist import zipf
from .counts import Counts
from .glued import COMMON_WORD

DOMINANCE = 2.0        # the name is in at least this many times as many documents as a variant
MIN_RATIO = 80         # rapidfuzz ratio of the two spellings
MIN_CONTEXT = 0.15     # cosine of the neighbour counts
MAX_VARIANT_ZIPF = 3.0  # a variant this common in English is a word, not a slip
MIN_LENGTH = 4
GIVEN_NAME_ZIPF = 4.5  # a first name is not a common word ("The Scholz ...")


@dataclass
class NameCluster:
    name: str                 # full name
    short: str                # the canonical word
    docs: int                 # documents with the canonical word
    variants: list            # (variant, documents, ratio, context)
    lexicon_name: str = ""    # the names lexicon's person, when it knows the name


def name_clusters(counts: Counts, needed: int, lexicon: Lexicon) -> list[NameCluster]:
    words = counts.words.entries
    names = sorted((w for w, e in words.items() if e.docs >= needed and len(w) >= MIN_LENGTH),
                   key=lambda w: (-words[w].docs, w))
    clusters: dict[str, NameCluster] = {}
    for variant, e in sorted(words.items(), key=lambda we: (we[1].docs, we[0])):
        if len(variant) < MIN_LENGTH or zipf(variant) >= MAX_VARIANT_ZIPF or _known_right(variant, lexicon):
            continue
        best = _closest(variant, e, names, words)
        if best is None:
            continue
        canon, ratio, context = best
        if _known_garble(variant, lexicon):
            continue  # the shipped names rules already fix it
        cluster = clusters.get(canon) or cluster_for(canon, counts, lexicon)
        clusters[canon] = cluster
        cluster.variants.append((variant, e.docs, ratio, context))
    # a name that is itself someone's variant is not a canonical form
    variants = {v for c in clusters.values() for v, *_ in c.variants}
    return sorted((c for c in clusters.values() if c.short not in variants), key=lambda c: (-c.docs, c.short))


def _closest(variant: str, e, names: list[str], words: dict):
    best = None
    for canon, ratio, _ in process.extract(variant, names, scorer=fuzz.ratio, score_cutoff=MIN_RATIO, limit=5):
        ce = words[canon]
        if canon == variant or ce.docs < DOMINANCE * e.docs or key(canon) == key(variant) or \
                variant.lower() in (canon.lower() + "s", canon.lower() + "es") or _glued(variant, canon):
            continue  # not rare enough, the same letters (the engine derives those), a plural, or glued
        context = cosine(e.neighbours, ce.neighbours)
        if context >= MIN_CONTEXT and (best is None or (ratio, context) > best[1:]):
            best = (canon, ratio, context)
    return best


def _glued(variant: str, canon: str) -> bool:
    """'Marchettiand' is the name glued to a word (glued.py proposes it), not a misspelling of it."""
    low, name = variant.lower(), canon.lower()
    rest = low[len(name):] if low.startswith(name) else low[:-len(name)] if low.endswith(name) else ""
    return len(rest) >= 2 and zipf(rest) >= COMMON_WORD  # not a case ending: "Omicronom", "Zealander"


def cosine(a: Counter | None, b: Counter | None) -> float:
    if not a or not b:
        return 0.0
    dot = sum(n * b.get(k, 0) for k, n in a.items())
    return dot / (math.sqrt(sum(n * n for n in a.values())) * math.sqrt(sum(n * n for n in b.values())))


def _known_right(word: str, lexicon: Lexicon) -> bool:
    """A spelling the lexicon holds as right (a name, short form or alternative)."""
    return any(h.role != "variant" and word in h.person.exact for h in lexicon.lookup(key(word)))


def _known_garble(word: str, lexicon: Lexicon) -> bool:
    return any(h.role == "variant" for h in lexicon.lookup(key(word)))


def cluster_for(canon: str, counts: Counts, lexicon: Lexicon) -> NameCluster:
    people = [h.person for h in lexicon.lookup(key(canon)) if h.role in ("name", "short")]
    if people:
        return NameCluster(people[0].name, canon, counts.words.entries[canon].docs, [], people[0].name)
    titles = {t.lower() for t in lexicon.titles}
    fulls = [(e.docs, full) for full, e in counts.fulls.entries.items()
             if full.endswith(" " + canon) and full.split()[0].lower() not in titles
             and zipf(full.split()[0]) < GIVEN_NAME_ZIPF]
    name = max(fulls)[1] if fulls else canon
    return NameCluster(name, canon, counts.words.entries[canon].docs, [])
