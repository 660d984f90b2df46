"""Pass 1: what one document shows (runs in a worker; pure).

For every non-blank line: its keys (see shapes.py) and where the line sits
(the first lines, the last lines, or the middle). For every capitalised
word: the words around it (context, to tell two spellings of one name from
two names). Pairs of capitalised words ("Olaf Scholz": full names), and
tokens no word list knows (glued words).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..analysis.wordlist import known, zipf
from ..analysis.english import inflected
from .shapes import head_of, is_short, normalise, tails_of

EDGE_LINES = 3            # a line among the first or last three is at an edge of the document
COMMON_AT_START = 3.0     # a capitalised word this common in English, starting a sentence, is a word
MIN_GLUED_LENGTH = 6

TOKEN = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
_TOKEN_SPLIT = regex.compile(f"({TOKEN.pattern})")
_POSSESSIVE = regex.compile(r"['’]s$")


def without_possessive(token: str) -> str:
    """The word of a token: "Putin's" is counted, and looked for, as "Putin"."""
    return _POSSESSIVE.sub("", token)


@dataclass
class Seen:
    lines: list = field(default_factory=list)    # (key, position, line number)
    words: dict = field(default_factory=dict)    # capitalised word -> set of neighbour marks
    fulls: set = field(default_factory=set)      # "First Last"
    unknown: set = field(default_factory=set)    # tokens no word list knows
    line_count: int = 0


def position(index: int, count: int) -> str:
    """Which edge a line is at: "start0" is the first line (the headline), "end0" the last."""
    from_end = count - 1 - index
    if index <= from_end:
        return f"start{index}" if index < EDGE_LINES else "middle"
    return f"end{from_end}" if from_end < EDGE_LINES else "middle"


def text_lines(text: str) -> list[tuple[int, str]]:
    """The non-blank lines, stripped, with their 1-based line numbers."""
    return [(n, ln.strip()) for n, ln in enumerate(text.split("\n"), 1) if ln.strip()]


def observe(text: str, _arg=None) -> Seen:
    lines = text_lines(text)
    seen = Seen(line_count=len(lines))
    for i, (number, line) in enumerate(lines):
        where = position(i, len(lines))
        keys = [("tail", t) for t in tails_of(line)]
        if is_short(line):
            keys.append(("line", normalise(line)))
            head = head_of(line)
            if head:
                keys.append(("head", head))
        seen.lines.extend((k, where, number) for k in keys)
        _words(line, seen)
    return seen


def _words(line: str, seen: Seen) -> None:
    # split keeps the separators: pieces[2j] is what precedes token j (a sentence end, a space ...)
    pieces = _TOKEN_SPLIT.split(line)
    tokens = pieces[1::2]
    seen.unknown.update(t for t in set(tokens) if unknown_token(t))
    for j, token in enumerate(tokens):
        if not token[:1].isupper():
            continue  # most tokens: one test each
        word = without_possessive(token)
        if not capitalised(word) or (_starts_sentence(pieces[2 * j], j) and zipf(word) >= COMMON_AT_START):
            continue
        marks = seen.words.setdefault(word, set())
        if j > 0:
            prev = tokens[j - 1]
            marks.add("<" + prev.lower())
            if pieces[2 * j] == " " and capitalised(prev):
                seen.fulls.add(f"{prev} {word}")
        if j + 1 < len(tokens):
            marks.add(">" + tokens[j + 1].lower())


def capitalised(word: str) -> bool:
    return len(word) >= 3 and word[0].isupper() and not word.isupper() and word[1:].islower()


def _starts_sentence(before: str, index: int) -> bool:
    """Does a token start a sentence, given the text between it and the token before?"""
    mark = before.rstrip(" \"“‘'(«")
    return (index == 0 and not mark) or (bool(mark) and mark[-1] in ".!?:;")


@lru_cache(maxsize=200_000)
def unknown_token(token: str) -> bool:
    """A token no word list knows, long enough to be two words run together."""
    if len(token) < MIN_GLUED_LENGTH or not token.isalpha() or token.isupper():
        return False
    if known(token) or inflected(token):
        return False
    return True
