"""Structure: duplicated lines, injected teaser pairs, repeated words.

These need more than one match at a time (a line and its neighbour, a word
and the next), so they are detectors configured by rule files rather than
single patterns.
"""
from __future__ import annotations

import regex

from ..edits import Proposal
from ..lines import removal_spans, split_lines

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_REPEAT = regex.compile(r"(?<![\p{L}\p{M}'’-])(\p{L}[\p{L}\p{M}]*)([ \t]+)(\1)(?![\p{L}\p{M}'’-])",
                        regex.IGNORECASE)
_TAG_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}.'’-]*")


def _norm(s: str) -> str:
    return " ".join(s.split())


def _words(s: str) -> int:
    return len(_WORD.findall(s))


class StructureStage:
    name = "structure"

    def __init__(self, rules):
        self.rules = rules

    def propose(self, text, ctx):
        lines = split_lines(text)
        remove = {}
        for rule in self.rules:
            kind = rule.data["detector"]
            if kind == "duplicate-line":
                self._duplicates(lines, rule, remove)
            elif kind == "teaser-pair":
                self._teasers(lines, rule, remove)
        for start, end, rule in removal_spans(text, lines, remove):
            yield Proposal(start, end, "", rule.id, rule.message, rule.level)
        taken = set()
        for rule in self.rules:
            if rule.data["detector"] == "repeated-word":
                yield from self._repeated_words(text, rule, taken, remove, lines)

    @staticmethod
    def _duplicates(lines, rule, remove):
        min_words = rule.data.get("min_words", 3)
        for i in range(1, len(lines)):
            line = lines[i]
            if i in remove or line.blank or _words(line.text) < min_words:
                continue
            # compare with the nearest kept line above, so a run of copies keeps one
            j = i - 1
            while j in remove and j > 0:
                j -= 1
            if _norm(lines[j].text) == _norm(line.text):
                remove[i] = rule

    @staticmethod
    def _teasers(lines, rule, remove):
        min_words = rule.data.get("min_words", 5)
        max_tag = rule.data.get("max_tag_words", 4)
        for i in range(len(lines) - 1):
            head, tagged = _norm(lines[i].text), _norm(lines[i + 1].text)
            if not head or i in remove or _words(head) < min_words:
                continue
            if not tagged.endswith(" " + head):
                continue
            tag = tagged[: -len(head) - 1].split()
            if 1 <= len(tag) <= max_tag and all(_TAG_WORD.fullmatch(w) for w in tag):
                remove[i] = rule
                remove[i + 1] = rule

    @staticmethod
    def _repeated_words(text, rule, taken, remove, lines):
        only = {w.lower() for w in rule.data.get("words", [])}
        exceptions = {w.lower() for w in rule.data.get("exceptions", [])}
        removed = [(lines[i].start, lines[i].end) for i in remove]
        for m in _REPEAT.finditer(text):
            word = m.group(1).lower()
            if m.start() in taken or word in exceptions or (only and word not in only):
                continue
            if m.group(3)[0].isupper():  # "Duran Duran", "Sirhan Sirhan": names, not slips
                continue
            if any(a <= m.start() < b for a, b in removed):
                continue
            taken.add(m.start())
            yield Proposal(m.start(2), m.end(3), "", rule.id, f"{rule.message} ('{m.group(1)}')", rule.level)
