"""In-document name consistency: one person, several spellings.

A translation system guesses a foreign name afresh in every sentence, so
one article says "Anneliese" three times and "Annelise" once. Capitalised
words (possessives and plurals counted with their name) are grouped when
their spellings are close: the same first letters, one differing letter
per five letters (rapidfuzz's Levenshtein distance), neither merely
extends the other (Russia / Russian, Daniel / Daniela are different words)
and they differ in more than accents (Zurich / Zürich is a convention).
The dominant spelling, the most frequent by a clear margin or the one the
names lexicon knows, is proposed for each minority occurrence: a suggestion
when the evidence is strong, a flag otherwise, with the counts.

Distinct people must not merge, so a minority spelling is left alone when
it is a common word or name in its own right, in English or another
language (Marco beside Mario, Repubblica beside Republican), or an
inflected English word (Linguists beside Linguistic), when the lexicon
knows it (the names stage judges those), or when it stands in a different
full name than the dominant one ("Sergey Shoigu" beside "Sergei Lavrov").
Short names (Xi, Li, Un, Il) differ in too few letters to judge.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import NamedTuple

import regex
from rapidfuzz.distance import Levenshtein

from ...edits import Level, Proposal
from ...lexicon import key
from ...wordlist import zipf
from ..words import inflected
from .languages import most_common_in, unaccented
from .scan import PieceMemo, pieces

_NAME = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{Ll}\p{M}]+(?![\p{L}\p{M}\p{N}])")
CONTEXT_ZIPF = 5.0  # words this common (The, President, China) say nothing about who is meant


class Mention(NamedTuple):
    start: int
    end: int
    form: str
    context: tuple  # the other words of the full name it stands in


class ConsistencyStage:
    name = "consistency"

    def __init__(self, rules, lexicon):
        self.rules = [r for r in rules if r.data["detector"] == "name-consistency"]
        self.lex = lexicon
        self.names = PieceMemo(_names)  # no name crosses a space

    def propose(self, text, ctx):
        if not self.rules:
            return
        # only two close spellings make a group: most texts have none, and need no more
        forms = set().union(*self.names.values(pieces(text)))
        rules = [r for r in self.rules if _any_close(forms, r.data)]
        if not rules:
            return
        mentions = _mentions(text)
        for rule in rules:
            yield from self._inconsistencies(mentions, rule)

    def _inconsistencies(self, mentions, rule):
        d = rule.data
        counts = Counter(m.form for m in mentions)
        contexts = defaultdict(set)
        for m in mentions:
            contexts[m.form].add(m.context)
        exceptions = {w.casefold() for w in d.get("exceptions", [])}
        for head, members in self._groups(counts, d).items():
            group = [head, *members]
            target, by_lexicon = self._target(group)
            for form in group:
                if form == target or form.casefold() in exceptions or key(form) in self.lex:
                    continue
                if self._word_in_own_right(form, d):
                    continue
                level = self._level(counts[target], counts[form], by_lexicon, rule)
                if level is None:
                    continue
                tally = ", ".join(f"{counts[f]}× {f}" for f in sorted(group, key=lambda f: -counts[f]))
                lexicon = f"; {target} is the names lexicon's spelling" if by_lexicon else ""
                message = f"{form} → {target}? {rule.message} ({tally} in this document{lexicon})"
                replacement = None if level is Level.FLAG else target
                for m in mentions:
                    if m.form == form and _same_person(m.context, contexts[target]):
                        yield Proposal(m.start, m.end, replacement, rule.id, message, level)

    def _groups(self, counts, d) -> dict[str, list[str]]:
        """Each form joins the first more frequent form close to it."""
        groups: dict[str, list[str]] = {}
        for form in sorted(counts, key=lambda f: (-counts[f], f)):
            head = next((h for h in groups if _close(h, form, d)), None)
            if head is None:
                groups[form] = []
            else:
                groups[head].append(form)
        return {h: m for h, m in groups.items() if m}

    def _target(self, group) -> tuple[str, bool]:
        """The lexicon's spelling when exactly one of the group is it, else the most frequent."""
        known = [f for f in group if any(h.form == f and h.role != "variant" for h in self.lex.lookup(key(f)))]
        return (known[0], True) if len(known) == 1 else (group[0], False)

    @staticmethod
    def _word_in_own_right(form: str, d) -> bool:
        """A common word or name (Marco, Linguists, Repubblica) is someone or something else, not a slip."""
        common = d.get("max_zipf", 3.0)
        foreign = most_common_in(form, d.get("languages", []))
        return zipf(form) >= common or inflected(form) or bool(foreign and foreign[1] >= common)

    @staticmethod
    def _level(dominant: int, minority: int, by_lexicon: bool, rule) -> Level | None:
        d = rule.data
        if by_lexicon or (dominant >= minority * d.get("strong_dominance", 3) and
                          dominant >= d.get("strong_dominance", 3)):
            return rule.level
        if dominant >= minority * d.get("dominance", 2) and dominant >= 2:
            return Level.FLAG
        return None


def _mentions(text: str) -> list[Mention]:
    words = list(_NAME.finditer(text))
    forms = {m.group() for m in words}
    runs, current = [], []
    for m in words:  # a full name: capitalised words joined by single spaces or hyphens
        if current and text[current[-1].end():m.start()] not in (" ", "-"):
            runs.append(current)
            current = []
        current.append(m)
    runs.append(current)
    out = []
    for run in runs:
        names = [_singular(m.group(), forms) for m in run]
        for i, m in enumerate(run):
            context = tuple(g for j, g in enumerate(names) if j != i and zipf(g) < CONTEXT_ZIPF)
            out.append(Mention(m.start(), m.start() + len(names[i]), names[i], context))
    return out


def _names(piece: str) -> frozenset:
    return frozenset(_NAME.findall(piece))


def _any_close(forms: set, d) -> bool:
    """Are two of `forms` close? (The mentions' forms are among them: a plural's singular is one too.)"""
    prefix, shortest = d.get("shared_prefix", 2), d.get("min_length", 5)
    by_prefix = defaultdict(list)
    for form in forms:
        if len(form) >= shortest:
            by_prefix[form.casefold()[:prefix]].append(form)
    return any(_close(a, b, d) for group in by_prefix.values() for a, b in combinations(group, 2))


def _singular(form: str, forms: set) -> str:
    """The Kennedys count with Kennedy (when the document has Kennedy)."""
    return form[:-1] if form.endswith("s") and form[:-1] in forms else form


def _close(a: str, b: str, d) -> bool:
    shorter = min(len(a), len(b))
    prefix = d.get("shared_prefix", 2)
    x, y = a.casefold(), b.casefold()
    if shorter < d.get("min_length", 5) or x[:prefix] != y[:prefix] or x.startswith(y) or y.startswith(x):
        return False
    allowed = shorter // d.get("letters_per_edit", 5)
    if Levenshtein.distance(x, y, score_cutoff=allowed) > allowed:
        return False
    # Zurich / Zürich, Ichiyo / Ichiyō: the same name in plain letters, a convention
    return unaccented(x) != unaccented(y)


def _same_person(context: tuple, target_contexts: set) -> bool:
    """Does this mention's full name fit the dominant spelling's (or say nothing)?"""
    return not context or context in target_contexts or target_contexts <= {()}
