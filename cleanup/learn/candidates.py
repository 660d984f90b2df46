"""From the counts of pass 1, the lines, frames and tails worth a second look.

A line or a frame must recur in enough documents, and sit at an edge of
the document (among the first or last lines) in most of them: furniture
has a place on the page, while a sentence that happens to recur (a section
heading, a quotation) sits anywhere. A tail needs only to recur: it is
glued to lines wherever they are.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .counts import Counts
from .shapes import has_words, to_pattern

EDGE_SHARE = 0.8   # share of its documents in which a line must sit at an edge
NESTED_SHARE = 0.8  # a longer tail replaces a shorter one it ends with when it has this share of its documents


@dataclass(frozen=True)
class Candidate:
    kind: str          # "line", "head" or "tail"
    text: str          # normalised
    docs: int
    positions: tuple   # (position, documents), most common first
    places: tuple      # (source, record, line number)

    @property
    def key(self) -> tuple:
        return (self.kind, self.text)

    @property
    def edge_share(self) -> float:
        middle = dict(self.positions).get("middle", 0)
        return 1 - middle / max(self.docs, 1)


def candidates(counts: Counts, needed: int) -> list[Candidate]:
    found = []
    for (kind, text), e in counts.lines.at_least(needed):
        if not has_words(text):
            continue  # a line that is only a date (a dateline) or a number
        c = Candidate(kind, text, e.docs, tuple((e.positions or {}).items()), tuple(e.places))
        if kind == "tail" or c.edge_share >= EDGE_SHARE:
            found.append(c)
    found.sort(key=lambda c: (-c.docs, c.kind, c.text))
    return _without_nested_tails(found)


def _without_nested_tails(found: list[Candidate]) -> list[Candidate]:
    """Of two tails one of which ends the other, one goes: the short one when the long one is about as
    common ('｜Saga Shimbun LiVE' inside '｜The Saga Shimbun News｜Saga Shimbun LiVE': the specific one is
    safer), else the long one (its extra part varies: '｜Sport｜Harbour Voice', '｜Local｜Harbour Voice'; the
    short one's pattern takes such parts along). '= Seoul' goes when '= <Place>' covers it."""
    tails = [c for c in found if c.kind == "tail"]
    drop = set()
    for short in tails:
        for long in tails:
            if long.text == short.text:
                continue
            if long.text.endswith(short.text):
                drop.add(short.key if long.docs >= NESTED_SHARE * short.docs else long.key)
            elif regex.fullmatch(to_pattern(long.text), short.text):
                drop.add(short.key)
    return [c for c in found if c.key not in drop]
