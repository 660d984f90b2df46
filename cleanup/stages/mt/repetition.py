"""Repetition loops: a word or phrase repeated back to back, as a decoder loops.

"Thank you Thank you Thank you Thank you", "ー Site Name ー Site Name ー Site
Name": the same unit of words (and the marks between them) three or more
times in a row, line ends included. One occurrence is kept. A unit that
starts or ends with a comma or a full stop is a list or rhetoric ("no, no,
no", "Tora! Tora! Tora!"), not a loop; units made only of the rule's
exceptions ("ha ha ha", "very very very") and a quotation that is nothing
but the repetition (a song title, a chant) are left alone. Two copies are
the structure rules' business (a word typed twice).
"""
from __future__ import annotations

import regex

from ...edits import Level, Proposal

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|\S")
_CLAUSE_MARK = regex.compile(r"[,.;:!?、。，．；：！？]")
_OPEN_QUOTE = regex.compile(r"[\"'“‘«「『„]\s*$")
_CLOSE_QUOTE = regex.compile(r"\s*[\"'”’»」』“]")


class RepetitionStage:
    name = "repetition"

    def __init__(self, rules):
        self.rules = [r for r in rules if r.data["detector"] == "loop"]

    def propose(self, text, ctx):
        tokens = list(_TOKEN.finditer(text))
        words = [t.group().casefold() for t in tokens]
        for rule in self.rules:
            yield from self._loops(text, tokens, words, rule)

    def _loops(self, text, tokens, words, rule):
        min_repeats = rule.data.get("min_repeats", 3)
        fix_repeats = rule.data.get("fix_repeats", 4)
        max_unit = rule.data.get("max_unit_tokens", 12)
        exceptions = {w.casefold() for w in rule.data.get("exceptions", [])}
        i = 0
        while i < len(words):
            found = _loop_at(words, i, min_repeats, max_unit)
            if not found:
                i += 1
                continue
            size, count = found
            unit = words[i:i + size]
            first_end, last_end = tokens[i + size - 1].end(), tokens[i + count * size - 1].end()
            if not self._legitimate(text, unit, exceptions, tokens[i].start(), last_end):
                phrase = text[tokens[i].start():first_end]
                level = rule.level if count >= fix_repeats else max(rule.level, Level.SUGGEST, key=lambda lv: lv.rank)
                yield Proposal(first_end, last_end, "", rule.id,
                               f"{rule.message}: '{' '.join(phrase.split())}' {count}× in a row; one is kept", level)
            i += count * size

    @staticmethod
    def _legitimate(text, unit, exceptions, start, end) -> bool:
        if not any(ch.isalpha() for w in unit for ch in w):
            return True  # figures in a table, a row of dashes
        if _CLAUSE_MARK.fullmatch(unit[0]) or _CLAUSE_MARK.fullmatch(unit[-1]):
            return True
        if all(w in exceptions or not w.isalnum() for w in unit):
            return True
        # a quotation that holds nothing else is a title or a chant
        return bool(_OPEN_QUOTE.search(text[max(0, start - 3):start]) and _CLOSE_QUOTE.match(text, end))


def _loop_at(words, i, min_repeats, max_unit) -> tuple[int, int] | None:
    """(unit size, repetitions) of the shortest unit starting at i repeated min_repeats+ times."""
    for size in range(1, max_unit + 1):
        if i + size * min_repeats > len(words):
            return None
        unit = words[i:i + size]
        count = 1
        while words[i + count * size:i + (count + 1) * size] == unit:
            count += 1
        if count >= min_repeats:
            return size, count
    return None
