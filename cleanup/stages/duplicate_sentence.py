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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import filterfalse
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
    return re.compile(re.escape(mark) + _CLOSERS + r"*(?=[ \t]|$)", re.MULTILINE)


_CLOSERS = r"[\"”’)]"
# a sentence end (see _ends_after) with more than spaces after it on its line: the start of a second sentence
_ANOTHER = re.compile(rf"[{_MARKS}]{_CLOSERS}*[ \t]\s*\S")


def one_sentence(line: str) -> bool:
    """Does the line (no newline in it) hold one sentence at most (a single row of _reader)?"""
    return _ANOTHER.search(line) is None


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
    """(line index, start, end, words, letters) of each sentence (see _reader), one line at a time."""
    rows_of = _reader(text, True)
    for i, line in lines:
        yield from rows_of(i, line)


def _reader(text: str, whole: bool, plain: bool | None = None):
    """rows(i, line): (line index, start, end, words, letters) of each sentence of a line, as Sentence holds
    them but for its start, which is its body's (with the spaces before it: see _sentence), and its words,
    None for a plain sentence alone on its line (no sentence on its line to be a near copy of). Plain
    tuples, and a plain sentence's words read by slicing the folded form (see _fold) keep the work per
    sentence small.
    `whole`: the sentence ends and the folded form of the whole text are found at once (most of its lines
    are to be read), when the first line is read (a text of one long line never asks: see _long_line), else
    each line's own when it is read (a sentence ends within its line). `plain`: _plain(text), if known."""
    all_ends = folded = None
    known, plain = plain, False

    def rows(i, line):  # one at a time: a long line's sentences are not all kept
        nonlocal all_ends, folded, plain
        t = line.text
        if not t or t.isspace():  # no sentence
            return
        if whole and all_ends is None:
            all_ends = []
            for mark in _MARKS:
                if mark in text:
                    all_ends += map(_END, _ends_after(mark).finditer(text))
            all_ends.sort()
            folded = _fold(text)  # one character each: offsets are the text's
            plain = _plain(text) if known is None else known
        start, end = line.start, line.end
        if all_ends is not None:
            ends = all_ends[bisect_right(all_ends, start):bisect_right(all_ends, end)]
        else:  # (an end is found in the text, up to the line's end as the text's end: the same ends)
            ends = sorted(e for mark in _MARKS if mark in t for e in map(_END, _ends_after(mark).finditer(text, start, end)))
        if not ends or ends[-1] < end and not text[ends[-1]:end].isspace():  # a last one without its final mark
            ends.append(end)
        f, base = (folded, 0) if folded is not None else (_fold(t), line.start)
        # (a line may be plain in a text that is not)
        if plain or t.isascii() or not _BEYOND_PLAIN.search(text, start, end):
            if len(ends) == 1:  # alone on its line: compared letter for letter only (words when reported)
                yield i, start, ends[0], None, f[start - base:ends[0] - base].replace(" ", "")
                return
            for end in ends:
                words = f[start - base:end - base].split()
                yield i, start, end, words, "".join(words)
                start = end
            return
        for end in ends:  # (a sentence may be plain in a line that is not: its words sliced from the folded form)
            words = _words(text[start:end]) if _BEYOND_PLAIN.search(text, start, end) else \
                f[start - base:end - base].split()
            yield i, start, end, words, "".join(words)
            start = end

    return rows


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
    """_words of a body whose only characters beyond ASCII are COMMON_MARKS, at bytes speed:
    ALNUM_RUN's runs are then those of ASCII letters and figures, and casefold() is lower()."""
    return tuple(body.encode("ascii", "replace").translate(_ALNUM_ONLY).decode().split())


def _some_ascii_words(body: str) -> tuple[str, ...]:
    return _ascii_words(body) if _plain(body) else _words(body)


# ASCII letters (lowercased: str.lower() costs more than this) and figures stay, the rest is a space
_ALNUM_ONLY = bytes(ord(chr(c).lower()) if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
COMMON_MARKS = "’“”‘–—…"  # punctuation (no letters or figures) that news text has most beyond ASCII


# what a text that is not plain (see _plain) has: found at C speed in any stretch of a text, not copying it
_BEYOND_PLAIN = re.compile("[^\x00-\x7f" + COMMON_MARKS + "]")


_PLAIN_WINDOW = 1 << 13  # characters told plain at a time (small: _plain copies them once for each mark)


def _plain(text: str) -> bool:
    """Are the text's only characters beyond ASCII COMMON_MARKS? (Often, in English news.)"""
    if len(text) > _PLAIN_WINDOW:  # (a window at a time: a big text is not copied for each mark it holds)
        return all(_plain(text[at:at + _PLAIN_WINDOW]) for at in range(0, len(text), _PLAIN_WINDOW))
    for mark in COMMON_MARKS:
        if text.isascii():
            return True
        text = text.replace(mark, "")
    return text.isascii()


def copies(text: str, lines, settings: Settings, memo: dict | None = None, carried=None, learnt_long=None,
           plain: bool | None = None):
    """Each sentence that repeats the one before it, on its line or the next (compared with the last one kept).

    `memo` (a dict for one pipeline run, every pass: see Context.kept) keeps what each line read told:
    the letters of its first sentence and of the one kept at its end, and its copies (offsets in the
    line). A line whose first sentence is no copy of the one kept before it finds those copies and
    keeps that sentence whatever came before: given the line again (a later pass changes few lines),
    only its first sentence is compared (a copy there: the line is read).

    `learnt_long` (a dict, or None: not asked) gets what the lines too long for the memo told (see
    _long_line); `carried`, at a later call, is (Context.copied, the last call's learnt_long). `plain`:
    _plain(text), if known.
    """
    min_letters, min_words, similarity = settings.min_letters, settings.min_words, settings.similarity
    if memo is None:
        memo = {}
    if learnt_long is not None:
        learnt_long.update(read=[], found=[])
    if carried is not None:  # (what every long line asks of the last reading, found once)
        copied, last = carried
        carried = (copied, [start for start, _ in last["read"]], last["read"], last["found"],
                   [f[2] for f in last["found"]], {f[2]: f[0] for f in last["found"] if f[6]})
    if memo or carried:  # a later pass: are most lines to be read again?
        lines = list(lines)
        unread = sum(map(len, filterfalse(memo.__contains__, (line.text for _, line in lines
                                                              if not carried or len(line.text) <= _MEMO_LONGEST))))
    rows_of = _reader(text, not memo and not carried or 4 * unread >= len(text), plain)
    # what this call learns is kept for the next (a later pass) only: a text repeating its own lines
    # (the benchmark's big document) would otherwise read as cheaper than one that does not
    learnt = {}
    kept = None  # a row (see _reader)
    for i, line in lines:
        t = line.text
        if not t:  # (no sentence: the most common line but one)
            continue
        if learnt_long is not None and len(t) > _MEMO_LONGEST:
            kept = yield from _long_line(text, i, line, kept, settings, carried, learnt_long)
            continue
        facts = memo.get(t)
        if facts is not None and (kept is None or i - kept[0] > 1 or facts[0] != kept[4] or len(facts[0]) < min_letters):
            for start, end, words, letters, whole, exact in facts[2]:
                yield Copy(Sentence(line.start + start, line.start + end, i, words, letters), whole, exact)
            kept = (i, None, None, None, facts[1])  # (no near copy across lines: its words are not asked for)
            continue
        own, first, found = True, None, []  # the line reads as on its own; its first sentence's letters; its copies
        for row in rows_of(i, line):
            if first is None:
                first = row[4]
            if kept is not None and row[0] - kept[0] <= 1:
                if row[4] == kept[4] and len(row[4]) >= min_letters:
                    s = _sentence(text, row)
                    own = own and kept[0] == i  # (the first sentence a copy of the one before: not on its own)
                    found.append(Copy(s, _alone_on(text, s, line), True))
                    yield found[-1]
                    continue  # the copy goes: the next sentence is compared with the one kept
                if row[0] == kept[0] and min(len(row[3]), len(kept[3])) >= min_words and \
                        _similar(kept[3], row[3], similarity):
                    s = _sentence(text, row)
                    found.append(Copy(s, _alone_on(text, s, line), False))
                    yield found[-1]
            kept = row
        if own and first is not None and len(t) <= _MEMO_LONGEST:
            learnt[t] = (first, kept[4], tuple((c.sentence.start - line.start, c.sentence.end - line.start,
                                              c.sentence.words, c.sentence.letters, c.whole_line, c.exact)
                                             for c in found) if found else ())
    memo.update(learnt)


# a longer line is not kept in the memo: it seldom comes back unchanged, and it would keep its text alive
_MEMO_LONGEST = 20_000


def _long_line(text: str, i: int, line, kept, settings: Settings, carried, learnt: dict):
    """The copies of line i (too long for the memo), as copies() finds them; returns the row kept after it.

    At a later call, a copied stretch is read only until the reading agrees with the last one: between
    its first and last full stop followed by a space (sentence ends in both texts, and the ends between
    them are the same), once a sentence ends that is no exact copy here nor in the last reading, both
    readings keep that sentence, so the last one's copies up to the last full stop are this one's.
    """
    learnt["read"].append((line.start, line.end))
    found = learnt["found"]
    if carried is None:
        return (yield from _compared(text, _rows_between(text, i, line.start, line.end), kept, settings, line, found))
    copied, read_starts, read, last_found, last_ends, exact_ends = carried  # (see copies())
    pos = line.start
    for first, final, shift in _interiors(text, line, copied, read_starts, read):
        kept = yield from _compared(text, _rows_between(text, i, pos, first), kept, settings, line, found)
        pos = first
        while pos < final:
            stop = text.find(". ", pos, final + 1) + 1  # (final is one)
            kept = yield from _compared(text, _rows_between(text, i, pos, stop), kept, settings, line, found)
            pos = stop
            if kept[2] == stop and stop - shift not in exact_ends:  # the readings agree from here
                for row_start, start, end, words, letters, whole, exact in \
                        last_found[bisect_right(last_ends, stop - shift):bisect_right(last_ends, final - shift)]:
                    found.append((row_start + shift, start + shift, end + shift, words, letters, whole, exact))
                    yield Copy(Sentence(start + shift, end + shift, i, words, letters), whole, exact)
                kept = _kept_at(text, i, final, stop, shift, exact_ends, kept)
                pos = final
    return (yield from _compared(text, _rows_between(text, i, pos, line.end), kept, settings, line, found))


def _interiors(text: str, line, copied, starts, last_read):
    """(first, last, shift) of each copied stretch within the line: its first and last full stop followed
    by a space (first < last), and where its text was in the last one (minus shift), on a line read there
    (`last_read`: (start, end) of those lines; `starts`: their starts)."""
    for k in range(max(bisect_left(copied, (line.start,)) - 1, 0), len(copied)):  # (from the line's stretches on)
        start, old, length = copied[k]
        if start >= line.end:
            break
        begin, end = max(start, line.start), min(start + length, line.end)
        if begin >= end:
            continue
        first, final = text.find(". ", begin, end) + 1, text.rfind(". ", begin, end) + 1
        shift = start - old
        read_line = bisect_right(starts, first - shift) - 1
        if 0 < first < final and read_line >= 0 and final - shift <= last_read[read_line][1]:
            yield first, final, shift


def _kept_at(text: str, i: int, at: int, since: int, shift: int, exact_ends: dict, kept):
    """The row kept after the sentence ending at `at` when the readings agree from `since` on: the last
    sentence up to `at` that the last reading found no exact copy (else the one kept at `since`)."""
    while at > since and at - shift in exact_ends:
        at = exact_ends[at - shift] + shift  # (where that copy's row starts: the sentence before ends)
    if at <= since:
        return kept
    begin = text.rfind(". ", since, at - 1) + 1 or since  # a sentence end before it
    return list(_rows_between(text, i, begin, at))[-1]


def _rows_between(text: str, i: int, begin: int, finish: int):
    """The rows (see _reader) of line i's sentences from `begin` (its start or a sentence end) to `finish`
    (a sentence end or its end), read from that stretch only, a window at a time: each window is cut after
    a full stop followed by a space (a sentence end: the rows up to it and from it are those of the whole
    stretch), so that a long line's sentence ends and folded form are not made whole. (A plain sentence
    alone on its line gets its words, which the whole reading leaves to _sentence: the same words.)"""
    while begin < finish:
        cut = text.find(". ", begin + _WINDOW, finish) + 1 or finish
        yield from _rows_of_window(text, i, begin, cut)
        begin = cut


_WINDOW = 1 << 16  # characters of a long line read at a time (or more: to the next full stop and space)


def _rows_of_window(text: str, i: int, begin: int, finish: int):
    """_rows_between, read whole."""
    ends = sorted(e for mark in _MARKS if text.find(mark, begin, finish) >= 0
                  for e in map(_END, _ends_after(mark).finditer(text, begin, finish)))
    last = ends[-1] if ends else begin
    if last < finish and not text[last:finish].isspace():  # a last one without its final mark
        ends.append(finish)
    folded = _fold(text[begin:finish]) if ends else ""
    start = begin
    for end in ends:
        words = _words(text[start:end]) if _BEYOND_PLAIN.search(text, start, end) else \
            folded[start - begin:end - begin].split()
        yield i, start, end, words, "".join(words)
        start = end


def _compared(text: str, rows, kept, settings: Settings, line, found: list):
    """The copies among rows of one line, each against the row kept before it (as copies() compares them;
    each also added to `found` with its row's start); returns the row kept after them."""
    for row in rows:
        if kept is not None and row[0] - kept[0] <= 1:
            exact = row[4] == kept[4] and len(row[4]) >= settings.min_letters
            if exact or row[0] == kept[0] and min(len(row[3]), len(kept[3])) >= settings.min_words and \
                    _similar(kept[3], row[3], settings.similarity):
                s = _sentence(text, row)
                copy = Copy(s, _alone_on(text, s, line), exact)
                found.append((row[1], s.start, s.end, s.words, s.letters, copy.whole_line, exact))
                yield copy
                if exact:
                    continue  # the copy goes: the next sentence is compared with the one kept
        kept = row
    return kept


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


def _alone_on(text: str, s: Sentence, line) -> bool:
    """_whole_line, given the sentence's line: nothing but spaces (str.strip's: \\s) before and after the
    sentence on its line, read only as far as the first other character, and no copy of the line (a
    megabyte line may hold thousands of copies: copying the line for each was quadratic)."""
    return _SPACES.match(text, line.start, s.start).end() == s.start and \
        _SPACES.match(text, s.end, line.end).end() == line.end


_SPACES = re.compile(r"\s*")


def _whole_line(text: str, s: Sentence) -> bool:  # (the plain reading, for the tests)
    begin = text.rfind("\n", 0, s.start) + 1
    finish = text.find("\n", s.end)
    return text[begin:len(text) if finish < 0 else finish].strip() == text[s.start:s.end].strip()
