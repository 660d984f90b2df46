"""Pass 2: real occurrences of the candidates, and the article lines that hold the same words.

Only the candidates of pass 1 are looked for, so what is kept is small: a
few occurrences with the lines around them (before/after examples, and the
shape of a frame's variable part), the lines of article text that contain a
candidate's words without being furniture (the rule must leave them alone:
`unchanged` examples, or a reason to drop it), and for words the sentences
they occur in and which of them share a document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .observe import TOKEN, text_lines, without_possessive
from .shapes import head_of, normalise, tail_text, tails_of, to_pattern

SAMPLES_KEPT = 20       # occurrences kept per candidate
INSIDE_KEPT = 5         # article lines kept per candidate
SENTENCES_KEPT = 6      # sentences kept per word
MAX_SAMPLE_CHARS = 400  # longer lines make unreadable examples

_SENTENCE_END = regex.compile(r"(?<=[.!?][\"”’»]?)\s+(?=[\"“‘«]?\p{Lu})")


@dataclass(frozen=True)
class Targets:
    """What pass 2 looks for (sent to the workers)."""
    lines: frozenset = frozenset()
    heads: frozenset = frozenset()
    tails: frozenset = frozenset()
    words: frozenset = frozenset()   # name spellings and glued tokens

    @property
    def finder(self):
        """One regex that finds any candidate in a raw line (most lines have none: one search each)."""
        keys = [("line", t) for t in self.lines] + [("head", t) for t in self.heads] + [("tail", t) for t in self.tails]
        return _finder(tuple(sorted(keys)))


@lru_cache(maxsize=4)
def _finder(keys: tuple):
    if not keys:
        return None
    return regex.compile("|".join(f"(?:{search_pattern(kind, text)})" for kind, text in keys))


def search_pattern(kind: str, text: str) -> str:
    """What finds a candidate's text in a raw line (a tail without its separator, any spacing after marks)."""
    return to_pattern(tail_text(text), loose=True) if kind == "tail" else to_pattern(text)


@lru_cache(maxsize=1024)
def _compiled(kind: str, text: str):
    return regex.compile(search_pattern(kind, text))


@dataclass
class DocumentEvidence:
    """What one document shows of the candidates being verified (pass 2, in a worker)."""

    furniture: list = field(default_factory=list)  # (key, prev, line, next, line number)
    inside: list = field(default_factory=list)     # (key, line)
    sentences: dict = field(default_factory=dict)  # word -> (a sentence holding it, one near it)


def find(text: str, targets: Targets) -> DocumentEvidence:
    found = DocumentEvidence()
    lines = text_lines(text)
    finder = targets.finder
    for i, (number, line) in enumerate(lines):
        if finder is not None and finder.search(line):
            prev = lines[i - 1][1] if i else ""
            after = lines[i + 1][1] if i + 1 < len(lines) else ""
            _furniture(line, prev, after, number, targets, found)
        if targets.words:
            for m in TOKEN.finditer(line):
                word = without_possessive(m.group())
                if word in targets.words and word not in found.sentences:
                    sentence = sentence_at(line, m.start())
                    if len(sentence) <= MAX_SAMPLE_CHARS:
                        near = lines[i + 1][1] if i + 1 < len(lines) else lines[i - 1][1] if i else ""
                        found.sentences[word] = (sentence, sentence_at(near, 0))
    return found


def _furniture(line, prev, after, number, targets: Targets, found: DocumentEvidence) -> None:
    norm = normalise(line)
    keys = {("line", norm)} & {("line", t) for t in targets.lines}
    head = head_of(line)
    if head in targets.heads:
        keys.add(("head", head))
    keys |= {("tail", t) for t in tails_of(line) if t in targets.tails}
    for key in keys:
        found.furniture.append((key, prev, line, after, number))
    for kind, texts in (("line", targets.lines), ("head", targets.heads), ("tail", targets.tails)):
        for t in texts:
            m = None if (kind, t) in keys else _compiled(kind, t).search(line)
            if m:
                found.inside.append(((kind, t), sentence_at(line, m.start())))


def sentence_at(line: str, start: int) -> str:
    """The sentence of `line` that holds the character at `start`."""
    begin = 0
    for m in _SENTENCE_END.finditer(line):
        if m.end() > start:
            return line[begin:m.start()]
        begin = m.end()
    return line[begin:]
