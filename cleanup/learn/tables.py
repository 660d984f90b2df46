"""Counting keys per document in bounded memory.

A corpus has millions of distinct lines and words, and furniture is the
few that recur. A `Table` keeps at most `capacity` keys; when it is full,
the keys seen in the fewest documents go until half of it is free (lossy
counting). What recurs in a fair share of documents is seen again and again
between two clean-ups and stays; `forgotten` says by how much any count may
fall short (the highest count ever dropped), and the report prints it.
"""
from __future__ import annotations

from collections import Counter

PLACES_KEPT = 3       # example locations kept per key
NEIGHBOURS_KEPT = 40  # context words kept per capitalised word


class Entry:
    __slots__ = ("docs", "positions", "places", "neighbours")

    def __init__(self):
        self.docs = 0
        self.positions: Counter | None = None   # position bucket -> documents
        self.places: list = []                  # (source, line, index of the line in the document)
        self.neighbours: Counter | None = None  # "<word" before, ">word" after -> documents

    def seen(self, place, position: str | None = None, neighbours=()) -> None:
        self.docs += 1
        if len(self.places) < PLACES_KEPT:
            self.places.append(place)
        if position is not None:
            self.positions = self.positions or Counter()
            self.positions[position] += 1
        if neighbours:
            self.neighbours = self.neighbours or Counter()
            self.neighbours.update(neighbours)
            if len(self.neighbours) > 2 * NEIGHBOURS_KEPT:
                self.neighbours = Counter(dict(self.neighbours.most_common(NEIGHBOURS_KEPT)))


class Table:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self.entries: dict = {}
        self.forgotten = 0

    def entry(self, key) -> Entry:
        e = self.entries.get(key)
        if e is None:
            if len(self.entries) >= self.capacity:
                self._prune()
            e = self.entries[key] = Entry()
        return e

    def _prune(self) -> None:
        counts = sorted(e.docs for e in self.entries.values())
        cut = counts[len(counts) // 2]
        self.entries = {k: e for k, e in self.entries.items() if e.docs > cut}
        self.forgotten = max(self.forgotten, cut)

    def at_least(self, docs: int):
        return ((k, e) for k, e in self.entries.items() if e.docs >= docs)

    def get(self, key) -> Entry | None:
        return self.entries.get(key)
