"""A sentence said again right after itself: a translation system's second try.

"At the same time, men prefer to buy only jackets." at the end of one
segment and again as the whole next one: the copy took the place of the
real translation, and goes (letter for letter the same, letter case,
spaces and punctuation aside; on the same line or the next, not across a
paragraph break). Within one line, a sentence followed by a near copy
("… a takeout store specializing in colorful bento boxes …" then "… a
takeout shop specializing in colorful bento …") is one source sentence
translated twice: flagged, since only a reader can choose. Near copies on
different lines are left alone: a headline and a lead that restates it are
news style.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from ..analysis.tokens import ALNUM_RUN

# a sentence ends after final marks (and closing quotes) followed by a space or the line's end,
# or with the line. Looked for in the whole text at once, from each mark it has on its own (the
# last mark before the quotes finds the same end; a literal is found at the speed of a string
# search, a class of them several times slower)
_MARKS = ".!?…"
_END = re.Match.end


@lru_cache(maxsize=None)
def _ends_after(mark: str):
    """Where a sentence ends after this mark (compiled when first used: start-up)."""
    return re.compile(re.escape(mark) + r"[\"”’)]*(?=[ \t]|$)", re.MULTILINE)


@dataclass(frozen=True)
class Settings:
    min_letters: int = 30     # a word-for-word copy goes only from this many letters (spaces aside)
    min_words: int = 6        # a near copy is flagged only between sentences of this many words
    similarity: float = 0.7   # share of words (difflib ratio) that makes a near copy


class Sentence(NamedTuple):
    start: int
    end: int
    line: int              # index of its line
    words: tuple[str, ...]  # case-folded
    # its letters and figures, spaces aside ("".join(words), compared for every sentence):
    # a later split of a glued word, "Poutinsaid", cannot make two copies differ or agree
    letters: str


class Copy(NamedTuple):
    sentence: Sentence
    whole_line: bool       # the copy is all its line holds
    exact: bool


def sentences(text: str, lines) -> list[Sentence]:
    """The sentences of the lines given (pairs of index and Line), in order."""
    return [_sentence(text, row) for row in _rows(text, lines)]


def _rows(text: str, lines):
    """(line index, start, end, words, letters) of each sentence, as Sentence holds them but for
    its start, which is its body's (with the spaces before it: see _sentence), and its words,
    None for a plain sentence alone on its line (no sentence on its line to be a near copy of).
    Plain tuples, the sentence ends of the whole text found at once, and a plain text's words
    read by slicing its folded form keep the work per sentence small; one at a time, so that a
    long text's sentences are not all kept (the garbage collector would go over them again and again)."""
    all_ends = sorted(end for mark in _MARKS if mark in text for end in map(_END, _ends_after(mark).finditer(text)))
    folded = _fold(text) if _plain(text) else None  # one character each: offsets are the text's
    for i, line in lines:
        t = line.text
        if not t or t.isspace():  # no sentence
            continue
        start, end = line.start, line.end
        ends = all_ends[bisect_right(all_ends, start):bisect_right(all_ends, end)]
        if not ends or ends[-1] < end and not text[ends[-1]:end].isspace():  # a last one without its final mark
            ends.append(end)
        if folded is not None or _plain(t):  # (a line may be plain in a text that is not)
            f, base = (folded, 0) if folded is not None else (_fold(t), line.start)
            if len(ends) == 1:  # alone on its line: compared letter for letter only (words when reported)
                yield i, start, ends[0], None, f[start - base:ends[0] - base].replace(" ", "")
                continue
            for end in ends:
                words = f[start - base:end - base].split()
                yield i, start, end, words, "".join(words)
                start = end
        else:
            for end in ends:
                words = _some_ascii_words(text[start:end])
                yield i, start, end, words, "".join(words)
                start = end


def _sentence(text: str, row: tuple) -> Sentence:
    i, start, end, words, letters = row
    body = text[start:end]
    if words is None:
        words = _some_ascii_words(body)
    return Sentence(start + len(body) - len(body.lstrip()), end, i, tuple(words), letters)


def _fold(plain: str) -> str:
    """A plain text (see _plain) with its letters and figures lowercased and all else a space,
    one character for one: the words of any slice are those _ascii_words reads in it."""
    return plain.encode("ascii", "replace").translate(_ALNUM_ONLY).decode()


def _words(body: str) -> tuple[str, ...]:
    return tuple(ALNUM_RUN.findall(body.casefold()))


def _ascii_words(body: str) -> tuple[str, ...]:
    """_words of a body whose only characters beyond ASCII are _COMMON_MARKS, at bytes speed:
    ALNUM_RUN's runs are then those of ASCII letters and figures, and casefold() is lower()."""
    return tuple(body.encode("ascii", "replace").translate(_ALNUM_ONLY).decode().split())


def _some_ascii_words(body: str) -> tuple[str, ...]:
    return _ascii_words(body) if body.isascii() else _words(body)


# ASCII letters (lowercased: str.lower() costs more than this) and figures stay, the rest is a space
_ALNUM_ONLY = bytes(ord(chr(c).lower()) if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
_COMMON_MARKS = "’“”‘–—…"  # punctuation (no letters or figures) that news text has most beyond ASCII


def _plain(text: str) -> bool:
    """Are the text's only characters beyond ASCII _COMMON_MARKS? (Often, in English news.)"""
    for mark in _COMMON_MARKS:
        if text.isascii():
            return True
        text = text.replace(mark, "")
    return text.isascii()


def copies(text: str, lines, settings: Settings):
    """Each sentence that repeats the one before it, on its line or the next (compared with the last one kept)."""
    min_letters, min_words, similarity = settings.min_letters, settings.min_words, settings.similarity
    kept = None  # a row of _rows
    for row in _rows(text, lines):
        if kept is not None and row[0] - kept[0] <= 1:
            if row[4] == kept[4] and len(row[4]) >= min_letters:
                s = _sentence(text, row)
                yield Copy(s, _whole_line(text, s), True)
                continue  # the copy goes: the next sentence is compared with the one kept
            if row[0] == kept[0] and min(len(row[3]), len(kept[3])) >= min_words and \
                    _similar(kept[3], row[3], similarity):
                s = _sentence(text, row)
                yield Copy(s, _whole_line(text, s), False)
        kept = row


def _similar(a: tuple[str, ...], b: tuple[str, ...], similarity: float) -> bool:
    """difflib's ratio of the two word sequences reaches `similarity` (a cheap upper bound asked first).

    No more words can match than those of one sequence that the other has
    at all: most neighbouring sentences stop there, before difflib builds
    its index.
    """
    enough = similarity * (len(a) + len(b))
    if 2 * min(len(a), len(b)) < enough:  # the bound below can be no higher
        return False
    if 2 * sum(map(frozenset(b).__contains__, a)) < enough or 2 * sum(map(frozenset(a).__contains__, b)) < enough:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= similarity


def deletion(text: str, s: Sentence) -> tuple[int, int]:
    """The span that removes a sentence inside a line: with the spaces before it, or after it at a line start."""
    start = s.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start == 0 or text[start - 1] == "\n":
        end = s.end
        while end < len(text) and text[end] in " \t":
            end += 1
        return s.start, end
    return start, s.end


def _whole_line(text: str, s: Sentence) -> bool:
    begin = text.rfind("\n", 0, s.start) + 1
    finish = text.find("\n", s.end)
    return text[begin:len(text) if finish < 0 else finish].strip() == text[s.start:s.end].strip()
