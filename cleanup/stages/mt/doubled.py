"""A phrase said twice, joined by a comma, 'or', 'and' or '/': two source phrases translated alike.

"post-needed, post-needed", "a New Year's gift or New Year's gift": a
system that meets two different words of the same field (Chinese 因事设岗、
因岗定人, Japanese お年賀・お歳暮) renders both with the one English phrase it
knows. Only a translator can say what the second one was, so this is a
flag. A single word twice is rhetoric or a slip ("very, very", "more and
more"; the structure and loop rules look after those); a phrase of proper
names is a place ("New York, New York"); figures are data ("5% and 5%").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...analysis.tokens import LETTER_RUN
from ...core.edits import Proposal


@dataclass(frozen=True)
class DoubledPhrase:
    joints: tuple[str, ...] = (",", "or")  # what may join the two copies: marks (",") or words ("or")
    min_words: int = 2                     # fewest words in the phrase (a hyphenated word's parts count)
    max_words: int = 6                     # longest phrase compared, in words
    exceptions: tuple[str, ...] = ()       # words (any case) a phrase made only of is said twice on purpose

_EDGE_MARKS = "\"'“”‘’«»()[]{}<>,.;:!?…/-–—"
_CLAUSE_END = re.compile(r"[,.;:!?)\]\"”]$")
# words that make a phrase longer but say nothing of their own: "the talks, the talks" is one word said again
_DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())


class DoubledPhrases:
    """One doubled-phrase rule: its joints, word counts and exceptions."""

    def __init__(self, rule):
        s = rule.settings
        self.rule = rule
        self.min_words, self.max_words = s.min_words, s.max_words
        self.exceptions = {w.casefold() for w in s.exceptions}
        joints = s.joints
        spoken = "|".join(re.escape(j) for j in joints if j[0].isalnum())
        marks = "|".join(re.escape(j) for j in joints if not j[0].isalnum())
        parts = [f"(?:{marks})[ \\t]+" if marks else None,
                 f"[ \\t]+(?:{spoken})[ \\t]+" if spoken else None]
        self.joint = re.compile("|".join(p for p in parts if p), re.IGNORECASE)

    def propose(self, text):
        for m in self.joint.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            # the cheap test first: the word before the joint comes again soon after it (its first letter aside)
            word_start = max(text.rfind(" ", line_start, m.start()), text.rfind("\t", line_start, m.start())) + 1
            last = text[max(word_start, line_start):m.start()].strip(_EDGE_MARKS)
            if len(last) < 2 or text.find(last[1:], m.end(), m.end() + 120) < 0:
                continue
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            before = text[max(line_start, m.start() - 120):m.start()]
            if not before or before[-1].isspace():
                continue
            after = text[m.end():min(line_end, m.end() + 120)]
            size = self._doubled(before.split(), after.split())
            if size:
                left = _starts_of(before, size)
                start = m.start() - len(before) + left
                end = m.end() + _end_of(after, size)
                phrase = " ".join(text[start:m.start()].split())
                yield Proposal(start, end, None, self.rule.id, f"{self.rule.message}: '{phrase}'", self.rule.level)

    def _doubled(self, before: list[str], after: list[str]) -> int:
        """The number of pieces of the longest phrase that ends `before` and starts `after`; 0 if none."""
        if not before or not after:
            return 0
        first = after[0].casefold().strip(_EDGE_MARKS)
        tail = before[-self.max_words:]
        # only where a piece of `before` is the first piece of `after` can a phrase start (most joints: nowhere)
        sizes = [len(tail) - k for k, p in enumerate(tail) if p.casefold().strip(_EDGE_MARKS) == first]
        for size in sizes:  # longest first
            if size > len(after):
                continue
            left, right = before[-size:], after[:size]
            if any(_CLAUSE_END.search(p) for p in left[:-1]):
                continue  # the phrase would run over a clause boundary
            if _folded(left) == _folded(right) and self._telling(left):
                return 0 if _third_copy(before, after, size) else size
        return 0

    def _telling(self, pieces: list[str]) -> bool:
        words = [w for p in pieces for w in LETTER_RUN.findall(p) if w.casefold() not in _DETERMINERS]
        if len(words) < self.min_words or not all(LETTER_RUN.search(p) for p in pieces):
            return False  # one word, or a figure among them
        if all(w.casefold() in self.exceptions for w in words):
            return False
        return not all(w[0].isupper() for w in words)  # "New York, New York": a place


def _third_copy(before: list[str], after: list[str], size: int) -> bool:
    """Does the phrase come a third time, right before or after (joined by a mark or a word)? Then it is a loop."""
    phrase = _folded(after[:size])
    return any(_folded(after[at:at + size]) == phrase for at in (size, size + 1) if len(after) >= at + size) or \
        any(_folded(before[-at - size:-at]) == phrase for at in (size, size + 1) if len(before) >= at + size)


def _folded(pieces: list[str]) -> list[str]:
    """The pieces case-folded, the outer punctuation of the first and last taken off."""
    out = [p.casefold() for p in pieces]
    out[0], out[-1] = out[0].strip(_EDGE_MARKS), out[-1].strip(_EDGE_MARKS)
    return out


def _starts_of(before: str, size: int) -> int:
    """Offset in `before` where its last `size` pieces begin (after any opening punctuation)."""
    spans = [m.span() for m in re.finditer(r"\S+", before)][-size:]
    start = spans[0][0]
    while start < len(before) and not before[start].isalnum():
        start += 1
    return start


def _end_of(after: str, size: int) -> int:
    """Offset in `after` where its first `size` pieces end (before any closing punctuation)."""
    spans = [m.span() for m in re.finditer(r"\S+", after)][:size]
    end = spans[-1][1]
    while end > 0 and not after[end - 1].isalnum():
        end -= 1
    return end
