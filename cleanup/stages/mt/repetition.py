"""Repetition loops: a word or phrase repeated back to back, as a decoder loops.

"Thank you Thank you Thank you Thank you", "ー Site Name ー Site Name ー Site
Name": the same unit of words (and the marks between them) three or more
times in a row, line ends included. One occurrence is kept. A unit that
holds a comma or a full stop is a list, rhetoric or sentences said again
("no, no, no", "Tora! Tora! Tora!"), not a loop; units made only of the rule's
exceptions ("ha ha ha", "very very very") and a quotation that is nothing
but the repetition (a song title, a chant) are left alone -- up to
`max_legitimate_repeats` copies: nobody says "one person," forty-five
times, so beyond that it is a loop whatever its unit holds. Two copies are
the structure rules' business (a word typed twice), or the doubled-phrase
detector's (doubled.py).

Speed: a loop is looked for in Python only where C says one may start. The
text's tokens become one byte each (from their hash, remembered per piece
of text between spaces); XOR of that stream with itself shifted by a unit
size is zero wherever tokens repeat at that distance.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from itertools import accumulate, chain
from operator import itemgetter

import regex

from ...analysis.memo import Memo
from ...core.edits import Level, Proposal
from . import doubled_again
from .doubled import DoubledPhrase, DoubledPhrases


@dataclass(frozen=True)
class Loop:
    min_repeats: int = 3                        # fewest back-to-back copies reported (at most as a suggestion)
    fix_repeats: int = 4                        # from this many copies the collapse has the rule's own level
    max_unit_tokens: int = 12                   # longest repeated unit, in words and marks
    max_legitimate_repeats: int | None = None   # a legitimate-looking unit is a loop beyond this (None: never)
    exceptions: tuple[str, ...] = ()            # words (any case) a unit made only of is legitimate ("ha ha ha")


SETTINGS = {"loop": Loop, "doubled-phrase": DoubledPhrase}

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|\S")
_CLAUSE_MARK = regex.compile(r"[,.;:!?、。，．；：！？]")
_OPEN_QUOTE = regex.compile(r"[\"'“‘«「『„]\s*$")
_CLOSE_QUOTE = regex.compile(r"\s*[\"'”’»」』“]")
# characters str.split() takes for spaces that are tokens here (tests/test_mt_repetition.py checks the list)
_NOT_SPACE = "\x1c\x1d\x1e\x1f"
# From this many characters a text is read by lines (a per-line cost, repaid by a later pass and
# by lines said again); a shorter one's pieces are usually made already (ctx.view) and cheaper whole.
_BY_LINES = 1 << 16
_FOUND = ("doubled phrases found",)  # the run's memo's key for them (no line nor digest is a tuple)


@lru_cache(maxsize=50_000)
def _words(piece: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in _TOKEN.findall(piece))


def _marks(piece: str) -> bytes:
    """A byte per token, from its hash: equal tokens, equal bytes (unequal ones mostly differ)."""
    return bytes(hash(w) & 0xFF for w in _words(piece))


def _joined(facts: list[tuple], width: int) -> list[bytes]:
    """The pieces' facts (tuples of bytes), each kind joined."""
    return [b"".join(map(itemgetter(k), facts)) for k in range(width)]


class _LineWords:
    """A big text's words, read by slices, made a line at a time as the slices need them: a loop
    may start at a few places of a big text (most are the marks' chance equalities), and only
    the lines there need their words."""

    def __init__(self, line_words, facts, lines):
        self.line_words, self.facts, self.lines = line_words, facts, lines
        self.ends = list(accumulate(len(f[0]) for f in facts))  # tokens on lines 0..j (a mark a token)
        self.held, self.base = [], 0  # the words of the lines last read, from token `base` on

    def __len__(self) -> int:
        return self.ends[-1]

    def __getitem__(self, part: slice) -> list[str]:
        start, stop, _ = part.indices(len(self))
        if start >= stop:
            return []
        if not self.base <= start < stop <= self.base + len(self.held):  # (a loop's check reads one place many times)
            first, last = bisect_right(self.ends, start), bisect_right(self.ends, stop - 1)
            self.base = self.ends[first - 1] if first else 0
            self.held = list(chain.from_iterable(map(self.line_words, self.facts[first:last + 1],
                                                     self.lines[first:last + 1])))
        return self.held[start - self.base:stop - self.base]


# A line longer than this is read in chunks of at least _CHUNK characters, cut after a mark and a
# space (at a space when there is none): a later pass, given the line with a few edits, finds its
# chunks again (the cuts follow the text, not offsets) and reads only the changed ones.
_LONG_LINE, _CHUNK = 1 << 14, 1 << 10
_CUT = re.compile(r"[.,;:!?] ")


def _parts(lines: list[str]) -> tuple[list[str], list, list[int] | None]:
    """The lines, each long one cut in chunks; their keys in the run's memo (a line itself, a chunk's
    digest: the memo would otherwise hold a long line's text for the run); and how many parts each
    line has (None when no line was cut)."""
    if max(map(len, lines)) <= _LONG_LINE:
        return lines, lines, None
    parts, keys, per_line = [], [], []
    for line in lines:
        if len(line) <= _LONG_LINE:
            parts.append(line)
            keys.append(line)
            per_line.append(1)
            continue
        chunks = _chunks(line)
        parts += chunks
        keys += [blake2b(c.encode("utf-8", "surrogatepass"), digest_size=16).digest() for c in chunks]
        per_line.append(len(chunks))
    return parts, keys, per_line


def _chunks(line: str) -> list[str]:
    """The line cut at spaces: each cut the first space after a mark from _CHUNK characters on
    (from 8 * _CHUNK, the first space)."""
    out, start = [], 0
    while len(line) - start > 8 * _CHUNK:
        m = _CUT.search(line, start + _CHUNK, start + 8 * _CHUNK)
        cut = m.end() - 1 if m else line.find(" ", start + 8 * _CHUNK)
        if cut < 0:
            break
        out.append(line[start:cut])
        start = cut
    out.append(line[start:])
    return out


def _per_line(counts: list[int], per_line: list[int] | None) -> list[int]:
    """The parts' counts added up for each line."""
    if per_line is None:
        return counts
    through = [0, *accumulate(counts)]
    return [through[end] - through[end - n] for end, n in zip(accumulate(per_line), per_line)]


def _chunk_starts(parts: list[str], counts: list[int], per_line: list[int]) -> tuple[list[int], list[int]]:
    """Where the chunks of the long lines start in the text (a line's first aside): their first
    characters and the numbers of their first pieces (text.split()), both in order."""
    starts_line = b"".join(map(_first_of, per_line))  # byte q: 1 if part q starts its line
    chars = accumulate(map(len, parts), initial=0)  # (line ends aside)
    pieces = accumulate(counts, initial=0)
    lines_through = accumulate(starts_line)
    out = [(c + lines - 1, p) for c, p, lines, first in zip(chars, pieces, lines_through, starts_line) if not first]
    return [c for c, _ in out], [p for _, p in out]


@lru_cache(maxsize=64)
def _first_of(parts: int) -> bytes:
    return b"\1" + bytes(parts - 1)


def build(rules, env):
    return [RepetitionStage(rules)]


class RepetitionStage:
    name = "repetition"

    def __init__(self, rules):
        self.rules = [Loops(r) for r in rules if r.data["detector"] == "loop"]
        self.doubled = [DoubledPhrases(r) for r in rules if r.data["detector"] == "doubled-phrase"]
        self.marks = Memo(_marks)
        self.words = Memo(_words)
        self.facts = Memo(self._piece_facts)
        self.blank = [b"", *(b"" for _ in self.doubled), 0, ()]  # a blank line's facts (no piece)

    def propose(self, text, ctx):
        last_found = ctx.kept(self).pop(_FOUND, None)  # (what a big text's last call found, if it was the last call)
        if any(c in text for c in _NOT_SPACE):
            yield from self.propose_whole(text, ctx)
            return
        if len(text) < _BY_LINES:
            pieces = ctx.view(text).pieces
            streams, counts, anchors = _joined(self.facts.values(pieces), 1 + len(self.doubled)), None, None
            all_words = lambda: list(chain.from_iterable(self.words.values(pieces)))  # noqa: E731
        else:
            # A line's facts (its tokens' marks, its pieces, their doubled-phrase slots) are the same
            # wherever it is: kept for the run, a later pass reads them for the lines it is given again;
            # so are a long line's chunks' (text.split() is their split() one after another: no piece
            # holds a line end, and a chunk ends at a space). What this call learns is kept only when
            # all its lines are read: it serves later passes, not a line said again in this one.
            lines = text.split("\n")
            parts, keys, per_line = _parts(lines)
            kept = ctx.kept(self)
            kept.setdefault("", self.blank)  # (not learnt from the text: the same in every one)
            facts = list(map(kept.get, keys))
            if None in facts:
                fresh = [j for j, f in enumerate(facts) if f is None]
                for j in fresh:
                    facts[j] = self._line_facts(parts[j])
                kept.update((keys[j], facts[j]) for j in fresh)
            streams = [b"".join(map(itemgetter(k), facts)) for k in range(1 + len(self.doubled))]
            part_counts = [f[-2] for f in facts]
            counts = _per_line(part_counts, per_line)
            anchors = _chunk_starts(parts, part_counts, per_line) if per_line else None
            all_words = lambda: _LineWords(self._line_words, facts, parts)  # noqa: E731
        if counts is None:
            for doubled, slots in zip(self.doubled, streams[1:]):
                yield from doubled.propose(text, slots=(slots, None))
        else:
            found = self._doubled_found(text, ctx, streams[1:], (counts, anchors) if anchors else (counts,), last_found)
            yield from (proposal for of_rule in found for _, proposal in of_rule)
        if self.rules:
            yield from self._loops(text, streams[0], all_words)
        if counts is not None:
            ctx.kept(self)[_FOUND] = found

    def _doubled_found(self, text, ctx, streams, where, last_found) -> list[list]:
        """Each doubled rule's (joint start, proposal) of a big text: at a later call, where most of
        it is copied from the last one, the last call's moved and only the rest searched again."""
        copied = ctx.copied(self) if last_found is not None else None
        out = []
        for k, (doubled, slots) in enumerate(zip(self.doubled, streams)):
            parts = doubled_again.trusted(text, copied, doubled.spoken) if copied else []
            if parts and sum(end - start for start, end, _ in parts) >= len(text) - (len(text) >> 2):  # (3/4 copied)
                out.append(doubled_again.found_again(doubled, text, parts, last_found[k]))
            else:
                out.append(doubled.located(text, slots=(slots, *where)))
        return out

    def _piece_facts(self, piece: str) -> tuple[bytes, ...]:
        """Its tokens' marks, and its slots for each doubled-phrase rule: one memo for both."""
        return (_marks(piece), *(d._slots(piece) for d in self.doubled))

    def _line_facts(self, line: str) -> list:
        """[its tokens' marks, each doubled rule's slots..., its number of pieces, its words (when
        asked)]. (Not its pieces: a big file's would all stay alive for the run.)"""
        pieces = line.split()
        return [*_joined(self.facts.values(pieces), 1 + len(self.doubled)), len(pieces), None]

    def _line_words(self, facts: list, line: str) -> tuple:
        if facts[-1] is None:
            facts[-1] = tuple(chain.from_iterable(self.words.values(line.split())))
        return facts[-1]

    def propose_whole(self, text, ctx):
        """The whole text's pieces at once (the way for a text with a space str.split() takes and
        _TOKEN does not, and the oracle of the way by lines)."""
        for doubled in self.doubled:
            yield from doubled.propose(text, ctx.view(text).pieces)
        if not self.rules:
            return
        pieces, marks = self.stream(ctx.view(text))
        yield from self._loops(text, marks, lambda: list(chain.from_iterable(self.words.values(pieces))))

    def _loops(self, text, marks, all_words):
        words, tokens = None, []  # made only when a loop may be there
        for loops in self.rules:
            starts = loops.starts(marks)
            if starts and words is None:
                words = all_words()
            for i, size, count in loops.found(words, starts):
                unit = words[i:i + size]
                bounded = loops.max_legitimate is None or count <= loops.max_legitimate
                if _figures(unit) or (bounded and _legitimate(unit, loops.exceptions)):
                    continue
                if not tokens:
                    tokens.extend(_TOKEN.finditer(text))
                kept, end = _kept_and_end(words, i, size, count)
                first_end, last_end = tokens[i + kept - 1].end(), tokens[end - 1].end()
                if not (bounded and _quoted(text, tokens[i].start(), last_end)):
                    yield self._proposal(text, tokens[i].start(), first_end, last_end, count, loops)

    def stream(self, view) -> tuple[list[str], bytes]:
        """The text's pieces between spaces (no token crosses a space), and its tokens' marks."""
        text = view.text
        pieces = _TOKEN.findall(text) if any(c in text for c in _NOT_SPACE) else view.pieces
        return pieces, b"".join(self.marks.values(pieces))

    @staticmethod
    def _proposal(text, start, first_end, last_end, count, loops) -> Proposal:
        rule = loops.rule
        phrase = text[start:first_end]
        level = rule.level if count >= loops.fix_repeats else max(rule.level, Level.SUGGEST, key=lambda lv: lv.rank)
        return Proposal(first_end, last_end, "", rule.id,
                        f"{rule.message}: '{' '.join(phrase.split())}' {count}× in a row; one is kept", level)


def _figures(unit) -> bool:
    """Figures in a table, a row of dashes: no letter, however many copies."""
    return not any(ch.isalpha() for w in unit for ch in w)


def _kept_and_end(words, i, size, count) -> tuple[int, int]:
    """How many tokens of the first copy stay, and the token position where the loop ends.

    A loop cut off mid-unit ("one person, one person, one person") ends with
    the unit's words without its closing mark: the collapse keeps "one
    person" and takes that last partial copy too, not "one person, one person".
    """
    unit, end = words[i:i + size], i + count * size
    words_only = len(unit)
    while words_only > 1 and _CLAUSE_MARK.fullmatch(unit[words_only - 1]):
        words_only -= 1
    if words_only < size and words[end:end + words_only] == unit[:words_only]:
        return words_only, end + words_only
    return size, end


def _legitimate(unit, exceptions) -> bool:
    if any(map(_CLAUSE_MARK.fullmatch, unit)):
        # Not only at its ends: read from another word, "The talks ended." is
        # "talks ended. The", and the verdict must not depend on where the
        # loop happens to start (an earlier fix can move that start).
        return True
    return all(w in exceptions or not w.isalnum() for w in unit)


def _quoted(text, start, end) -> bool:
    """A quotation that holds nothing but the repetition is a title or a chant."""
    return bool(_OPEN_QUOTE.search(text[max(0, start - 3):start]) and _CLOSE_QUOTE.match(text, end))


class Loops:
    """One loop rule: its settings, and where in a text its loops may start."""

    def __init__(self, rule):
        s = rule.settings
        self.rule = rule
        self.min_repeats, self.max_unit = s.min_repeats, s.max_unit_tokens
        self.fix_repeats = s.fix_repeats
        self.max_legitimate = s.max_legitimate_repeats
        self.exceptions = {w.casefold() for w in s.exceptions}
        # per unit size: in a loop, so many tokens in a row equal the one `size` before them (and their XOR)
        after_first = self.min_repeats - 1
        self.runs = [(size, after_first * size, bytes(after_first * size)) for size in range(1, self.max_unit + 1)]

    def found(self, words, starts):
        """(position, unit size, repetitions) of the loops at `starts`; a loop's tokens are not looked at again."""
        resume = 0
        for i in starts:
            if i >= resume and (loop := _loop_at(words, i, self.min_repeats, self.max_unit)):
                size, count = loop
                resume = i + count * size
                yield i, size, count

    def starts(self, marks: bytes) -> list[int]:
        """Token positions where a loop may start, in order (a superset: _loop_at decides).

        XOR of the marks and the marks shifted by `size` tokens is zero where
        each token equals the one `size` before: one big-integer operation
        per size, instead of comparing words at every position.
        """
        whole, starts = int.from_bytes(marks, "big"), set()
        for size, run, zeros in self.runs:
            if size + run > len(marks):
                break
            same = ((whole >> 8 * size) ^ whole).to_bytes(len(marks), "big")  # byte j: token j against j - size
            if zeros in same:
                for m in re.finditer(b"\0{%d,}" % run, same):
                    starts.update(range(max(m.start() - size, 0), m.end() - size - run + 1))
        return sorted(starts)


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
