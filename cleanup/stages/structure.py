"""Structure: duplicated lines, injected teaser pairs, repeated words, site names after a headline.

These need more than one match at a time (a line and its neighbour, a word
and the next), so they are detectors configured by rule files rather than
single patterns.
"""
from __future__ import annotations

import re
from itertools import compress, count
from operator import eq

import regex

from ..analysis.fast_regex import offsets
from ..analysis.lines import removal_spans, split_lines
from ..core.edits import Level, Proposal
from . import duplicate_sentence
from .site_tail import SiteTails

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_REPEAT = regex.compile(r"(?<![\p{L}\p{M}'’-])(\p{L}[\p{L}\p{M}]*)([ \t]+)(\1)(?![\p{L}\p{M}'’-])",
                        regex.IGNORECASE)
_TAG_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}.'’-]*")


def _norm(s: str) -> str:
    return " ".join(s.split())


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def _repeats(text):
    """Matches of _REPEAT, tried only where two neighbouring words are alike.

    The cheap test (all letter runs, compare neighbours, at C speed) fails on
    most texts; where it passes, the backreference pattern (slow when tried
    at every letter) is tried at the few candidate words only. Offsets are
    the text's own, so a lowercase form of another length cannot shift them.
    """
    # pieces: the text between letter runs, and the runs (captured); their lengths give offsets
    lowered = text.lower()
    if len(lowered) == len(text):  # one character each: the same offsets
        pieces = _LETTER_RUN.split(lowered)
        words = pieces[1::2]
    else:  # "İ" lowers to two characters: lower word by word
        pieces = _LETTER_RUN.split(text)
        words = list(map(str.lower, pieces[1::2]))
    for _, start in offsets(pieces, compress(count(), map(eq, words, words[1:]))):  # words i, i + 1 alike
        m = _REPEAT.match(text, start)
        if m:
            yield m


_LETTER_RUN = re.compile(r"([^\W\d_]+)")  # stdlib re: several times faster than `regex` for this


def build(rules, env):
    return [StructureStage(rules)]


class StructureStage:
    name = "structure"

    def __init__(self, rules):
        self.rules = rules
        # repeated-word rules: the words they are limited to, and the exceptions
        self.word_lists = {r.id: (frozenset(w.lower() for w in r.data.get("words", [])),
                                  frozenset(w.lower() for w in r.data.get("exceptions", []))) for r in rules}
        self.site_tails = [SiteTails(r) for r in rules if r.data["detector"] == "site-tail"]

    def propose(self, text, ctx):
        lines = split_lines(text)
        norms = [_norm(line.text) for line in lines]  # whitespace-insensitive line text
        remove = {}
        # Removing lines brings others together (a teaser pair between two copies
        # of a caption): look again at the lines left until nothing more goes, so
        # that cleaning the output once more finds nothing.
        while True:
            before = len(remove)
            for rule in self.rules:
                kind = rule.data["detector"]
                if kind in ("teaser-pair", "duplicate-line"):
                    kept = [i for i in range(len(norms)) if i not in remove]
                    pairs = list(zip(kept, kept[1:]))
                    (self._teasers if kind == "teaser-pair" else self._duplicates)(norms, pairs, rule, remove)
            if len(remove) == before:
                break
        inside = list(self._sentence_copies(text, lines, remove))  # (whole-line copies join `remove`)
        for start, end, rule in removal_spans(text, lines, remove):
            yield Proposal(start, end, "", rule.id, rule.message, rule.level)
        yield from inside
        kept = [line for i, line in enumerate(lines) if i not in remove]
        for tails in self.site_tails:
            for start, end in tails.find(kept):
                rule = tails.rule
                yield Proposal(start, end, "", rule.id, f"{rule.message}: '{text[start:end].strip()}'", rule.level)
        taken = set()
        repeats = None
        for rule in self.rules:
            if rule.data["detector"] == "repeated-word":
                repeats = list(_repeats(text)) if repeats is None else repeats
                yield from self._repeated_words(repeats, rule, taken, remove, lines)

    def _sentence_copies(self, text, lines, remove):
        """A sentence said again right after itself: the copy goes (a whole line through `remove`).

        A near copy is flagged.
        """
        for rule in self.rules:
            if rule.data["detector"] != "duplicate-sentence":
                continue
            kept = [(i, line) for i, line in enumerate(lines) if i not in remove]
            found = duplicate_sentence.copies(text, kept, rule.data.get("min_letters", 30),
                                              rule.data.get("min_words", 6), rule.data.get("similarity", 0.7))
            for copy in found:
                s = copy.sentence
                if not copy.exact:
                    yield Proposal(s.start, s.end, None, rule.id,
                                   f"{rule.message}: nearly the sentence before it, translated again", Level.FLAG)
                elif copy.whole_line:
                    remove[s.line] = rule
                else:
                    start, end = duplicate_sentence.deletion(text, s)
                    yield Proposal(start, end, "", rule.id, f"{rule.message}: the sentence before it, word for word",
                                   rule.level)

    @staticmethod
    def _duplicates(norms, pairs, rule, remove):
        """The later of two neighbouring lines that read the same (a run of copies keeps one).

        Letter case aside: a copy whose first word lost its capital is still a
        copy (and grammar would give it back, making the output change when
        cleaned again).
        """
        min_words = rule.data.get("min_words", 3)
        for a, b in pairs:
            if norms[b] and a not in remove and (norms[a] == norms[b] or norms[a].casefold() == norms[b].casefold()) \
                    and _words(norms[b]) >= min_words:
                remove[b] = rule

    @staticmethod
    def _teasers(norms, pairs, rule, remove):
        """A headline, then a tag and the same headline: both lines."""
        min_words = rule.data.get("min_words", 5)
        max_tag = rule.data.get("max_tag_words", 4)
        for a, b in pairs:
            head, tagged = norms[a], norms[b]
            if not head or a in remove or b in remove or not tagged.endswith(" " + head) \
                    or _words(head) < min_words:
                continue
            tag = tagged[: -len(head) - 1].split()
            if 1 <= len(tag) <= max_tag and all(_TAG_WORD.fullmatch(w) for w in tag):
                remove[a] = rule
                remove[b] = rule

    def _repeated_words(self, repeats, rule, taken, remove, lines):
        only, exceptions = self.word_lists[rule.id]
        removed = [(lines[i].start, lines[i].end) for i in remove]
        for m in repeats:
            word = m.group(1).lower()
            if m.start() in taken or word in exceptions or (only and word not in only):
                continue
            if m.group(3)[0].isupper():  # "Duran Duran", "Sirhan Sirhan": names, not slips
                continue
            if any(a <= m.start() < b for a, b in removed):
                continue
            taken.add(m.start())
            yield Proposal(m.start(2), m.end(3), "", rule.id, f"{rule.message} ('{m.group(1)}')", rule.level)
