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
from difflib import SequenceMatcher
from typing import NamedTuple

# a sentence: up to a final mark followed by a space or the line's end, or the rest of the line
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?…]+[\"”’)]*(?=[ \t]|$)|$)", re.MULTILINE)
_WORD = re.compile(r"[^\W_]+")


class Sentence(NamedTuple):
    start: int
    end: int
    line: int              # index of its line
    words: tuple[str, ...]  # case-folded

    @property
    def letters(self) -> str:
        """Its letters and figures, spaces aside: a later split of a glued word ("Poutinsaid") cannot make two copies differ or agree."""
        return "".join(self.words)


class Copy(NamedTuple):
    sentence: Sentence
    whole_line: bool       # the copy is all its line holds
    exact: bool


def sentences(text: str, lines) -> list[Sentence]:
    """The sentences of the lines given (a list of Line), in order."""
    out = []
    for i, line in lines:
        for m in _SENTENCE.finditer(line.text):
            body = m.group()
            lead = len(body) - len(body.lstrip())
            if body.strip():
                words = tuple(w.casefold() for w in _WORD.findall(body))
                out.append(Sentence(line.start + m.start() + lead, line.start + m.end(), i, words))
    return out


def copies(text: str, lines, min_letters: int, min_words: int, similarity: float):
    """Each sentence that repeats the one before it, on its line or the next (compared with the last one kept)."""
    kept = None
    for s in sentences(text, lines):
        if kept is not None and s.line - kept.line <= 1:
            if s.letters == kept.letters and len(s.letters) >= min_letters:
                yield Copy(s, _whole_line(text, s), True)
                continue  # the copy goes: the next sentence is compared with the one kept
            if s.line == kept.line and min(len(s.words), len(kept.words)) >= min_words and \
                    SequenceMatcher(None, kept.words, s.words, autojunk=False).ratio() >= similarity:
                yield Copy(s, _whole_line(text, s), False)
        kept = s


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
