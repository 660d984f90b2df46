"""Pass 1 in the main process: the documents' keys counted into bounded tables."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..batch.run import FailedDocument
from .observe import Seen
from .tables import Table


@dataclass
class Counts:
    capacity: int
    documents: int = 0
    failures: list = field(default_factory=list)   # FailedDocument, the first few
    failed: int = 0

    def __post_init__(self):
        self.lines = Table(self.capacity)          # ("line"|"head"|"tail", text) -> documents, positions
        self.words = Table(self.capacity // 4)     # capitalised word -> documents, neighbours
        self.fulls = Table(self.capacity // 4)     # "First Last" -> documents
        self.unknown = Table(self.capacity // 4)   # unknown token -> documents

    def add(self, place: tuple, seen: Seen) -> None:
        """place: (source index, JSONL line or 0)."""
        self.documents += 1
        done = set()
        for key, where, number in seen.lines:
            if key not in done:
                done.add(key)
                self.lines.entry(key).seen(place + (number,), where)
        for word, marks in seen.words.items():
            self.words.entry(word).seen(place, neighbours=marks)
        for full in seen.fulls:
            self.fulls.entry(full).seen(place)
        for token in seen.unknown:
            self.unknown.entry(token).seen(place)

    def fail(self, failure: FailedDocument) -> None:
        self.failed += 1
        if len(self.failures) < 20:
            self.failures.append(failure)

    @property
    def forgotten(self) -> int:
        return max(t.forgotten for t in (self.lines, self.words, self.fulls, self.unknown))
