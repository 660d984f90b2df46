"""Run-on words and unknown words, judged by wordfreq's English word list.

A token is left alone when it is a known word, a name in the lexicon, part
of a URL, e-mail, hashtag or handle, a code with digits (Tu-95MS, COVID-19),
an acronym, or a mixed-case brand (iPhone, YouTube). A lowercase token no
list knows that splits into two or three common words is a run-on
("fourhours" -> "four hours"); "theUnited" splits at the case change. What
is left unknown is flagged for a human, with the closest lexicon name when
one is close.
"""
from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz import fuzz, process

from ..edits import Level, Proposal
from ..lexicon import key
from ..wordlist import known, zipf

_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.-])[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*")
_SKIP_ZONES = regex.compile(
    r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|[#@][\w.]+|\b[\w-]+(?:\.[a-z]{2,})+(?:/\S*)?", regex.IGNORECASE)
_CASE_SPLIT = regex.compile(r"^(\p{Ll}{2,})(\p{Lu}\p{Ll}+)$")


class WordsStage:
    name = "words"

    def __init__(self, rules, lexicon):
        self.lex = lexicon
        self.runon = next((r for r in rules if r.data["detector"] == "run-on"), None)
        self.unknown = next((r for r in rules if r.data["detector"] == "unknown-word"), None)
        self.exceptions = {w.lower() for r in rules for w in r.data.get("exceptions", [])}
        self.min_zipf = self.runon.data.get("min_zipf", 3.0) if self.runon else 3.0
        self.max_parts = self.runon.data.get("max_parts", 3) if self.runon else 3
        self._names = None

    def propose(self, text, ctx):
        zones = [m.span() for m in _SKIP_ZONES.finditer(text)]
        z = 0
        for m in _WORD.finditer(text):
            while z < len(zones) and zones[z][1] <= m.start():
                z += 1
            if z < len(zones) and zones[z][0] < m.end():
                continue
            token = m.group()
            if any(ch.isdigit() for ch in token):
                continue
            for part, offset in _parts(token):
                p = self._judge(part, m.start() + offset, text)
                if p:
                    yield p

    def _judge(self, word, start, text):
        bare = regex.sub(r"['’]s$", "", word)
        if len(bare) < 2 or bare.lower() in self.exceptions or known(bare) or known(word):
            return None
        if key(bare) in self.lex:
            return None
        end = start + len(bare)
        split = self._split(bare)
        if split and self.runon:
            return Proposal(start, end, split, self.runon.id,
                            f"{self.runon.message}: '{bare}' → '{split}'", self.runon.level)
        if bare.isupper() or _mixed_case(bare) or not regex.fullmatch(r"[\p{Latin}\p{M}]+", bare):
            return None  # acronyms, brands, other scripts
        if not self.unknown:
            return None
        near = self._closest_name(bare)
        hint = f"; did you mean '{near}'?" if near else ""
        return Proposal(start, end, None, self.unknown.id, f"{self.unknown.message}: '{bare}'{hint}", Level.FLAG)

    def _split(self, word: str) -> str | None:
        m = _CASE_SPLIT.match(word)
        if m:  # "theUnited": a common word glued to a capitalised one
            if zipf(m.group(1)) >= 5.0 and zipf(m.group(2)) >= self.min_zipf:
                return f"{m.group(1)} {m.group(2)}"
            return None
        if not word.islower() or len(word) < 6:
            return None
        return best_split(word, self.min_zipf, self.max_parts)

    def _closest_name(self, word: str) -> str | None:
        if self._names is None:
            self._names = sorted({h.form for hits in self.lex.forms.values() for h in hits
                                  if h.role in ("name", "short")})
        if not self._names:
            return None
        best = process.extractOne(word, self._names, scorer=fuzz.ratio, score_cutoff=80)
        return best[0] if best else None


def _parts(token: str):
    """Hyphenated compounds are judged part by part."""
    pos = 0
    for part in regex.split(r"-", token):
        yield part, pos
        pos += len(part) + 1


def _mixed_case(word: str) -> bool:
    return any(ch.isupper() for ch in word[1:]) and not word.isupper()


@lru_cache(maxsize=65536)
def best_split(word: str, min_zipf: float, max_parts: int) -> str | None:
    """The split into 2..max_parts common words whose rarest part is most common."""
    best, best_score = None, 0.0
    n = len(word)
    for i in range(2, n - 1):
        a, b = word[:i], word[i:]
        za = zipf(a)
        if za < min_zipf:
            continue
        zb = zipf(b)
        if zb >= min_zipf and min(za, zb) > best_score:
            best, best_score = f"{a} {b}", min(za, zb)
        if max_parts >= 3:
            for j in range(2, len(b) - 1):
                c, d = b[:j], b[j:]
                zc, zd = zipf(c), zipf(d)
                # three short parts fit too many strings: ask more of each
                if min(zc, zd) >= min_zipf + 1 and min(za, zc, zd) > best_score + 0.5:
                    best, best_score = f"{a} {c} {d}", min(za, zc, zd) - 0.5
    return best
