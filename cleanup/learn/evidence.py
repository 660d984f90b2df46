"""Pass 2 in the main process: what was found, merged over the documents, in bounded memory."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .verify import INSIDE_KEPT, MAX_SAMPLE_CHARS, SAMPLES_KEPT, SENTENCES_KEPT, DocumentEvidence


@dataclass
class Sample:
    place: str      # "corpus/a.txt:12"
    prev: str       # the line before ("" at the start)
    line: str
    next: str       # the line after ("" at the end)


@dataclass
class CandidateEvidence:
    """What the documents show of one candidate, merged over them (a few samples kept)."""

    docs: int = 0                                  # documents where it is furniture
    samples: list = field(default_factory=list)    # Sample
    inside_docs: int = 0                           # documents where its words sit in article text
    inside: list = field(default_factory=list)     # sentences


@dataclass
class Evidence:
    found: dict = field(default_factory=dict)       # candidate key -> CandidateEvidence
    sentences: dict = field(default_factory=dict)   # word -> [(place, sentence, a sentence near it)]
    word_docs: Counter = field(default_factory=Counter)
    together: Counter = field(default_factory=Counter)  # (word, word) -> documents holding both
    pairs: frozenset = frozenset()                  # the pairs worth counting

    def __post_init__(self):
        self._partners: dict = {}  # variant -> the names it pairs with: a look per word found, not per pair
        for a, b in self.pairs:
            self._partners.setdefault(a, set()).add(b)

    def add(self, where: str, record: int, doc: DocumentEvidence) -> None:
        """where: the input file; record: the JSONL line (0 for a text file)."""
        seen = set()
        for key, prev, line, after, number in doc.furniture:
            f = self.found.setdefault(key, CandidateEvidence())
            if key not in seen:
                f.docs += 1
                seen.add(key)
                if len(f.samples) < SAMPLES_KEPT and len(line) <= MAX_SAMPLE_CHARS:
                    place = f"{where}:{record} (line {number} of the text)" if record else f"{where}:{number}"
                    f.samples.append(Sample(place, _short(prev), line, _short(after)))
        inside = set()
        for key, sentence in doc.inside:
            f = self.found.setdefault(key, CandidateEvidence())
            if key not in inside:
                f.inside_docs += 1
                inside.add(key)
            if len(f.inside) < INSIDE_KEPT and len(sentence) <= MAX_SAMPLE_CHARS and sentence not in f.inside:
                f.inside.append(sentence)
        for word, (sentence, near) in doc.sentences.items():
            self.word_docs[word] += 1
            kept = self.sentences.setdefault(word, [])
            if len(kept) < SENTENCES_KEPT:
                kept.append((f"{where}:{record}" if record else where, sentence, near))
        for a in doc.sentences.keys() & self._partners.keys():
            for b in self._partners[a]:
                if b in doc.sentences:
                    self.together[a, b] += 1

    def of(self, key) -> CandidateEvidence:
        return self.found.get(key) or CandidateEvidence()


def _short(line: str) -> str:
    return line if len(line) <= MAX_SAMPLE_CHARS else ""
