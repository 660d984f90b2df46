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
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from itertools import accumulate, chain, pairwise
from operator import add, itemgetter

import regex

from ...analysis.memo import Memo
from ...core.edits import Level, Proposal
from . import doubled_again
from .doubled import DoubledPhrase, DoubledPhrases, SaidAgain
from .repetition_parts import Parts


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
_SEEN = ("long lines' chunks",)  # and for the chunks it cut (see _SeenChunks)
_LEFT = ("loops left alone",)  # and for the loops it left alone (see _LeftLoops)
_TEXT_PER_LEFT = 1 << 10


@lru_cache(maxsize=50_000)
def _words(piece: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in _TOKEN.findall(piece))


def _words_of(piece: str) -> tuple[str, ...]:
    """_words; a plain ASCII word (the most common piece) is one token without the pattern."""
    return (piece.lower(),) if piece.isascii() and piece.isalnum() else _words(piece)


def _odd_space(text: str) -> bool:
    """Does the text hold a space of _NOT_SPACE? (four string searches, no generator)"""
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text


def _marks(piece: str) -> bytes:
    return _marks_of(_words_of(piece))


def _marks_of(words: tuple[str, ...]) -> bytes:
    """A byte per token, from its hash: equal tokens, equal bytes (unequal ones mostly differ)."""
    return bytes([hash(w) & 0xFF for w in words])


# A line longer than this is read in chunks of at least _CHUNK characters, cut after a mark and a
# space (at a space when there is none): a later pass, given the line with a few edits, finds its
# chunks again (the cuts follow the text, not offsets) and reads only the changed ones.
_LONG_LINE, _CHUNK = 1 << 14, 1 << 10
_CUT = re.compile(r"[.,;:!?] ")
# A big text is read a window of about this many characters at a time (whole lines, or a long
# line's whole chunks): what a call builds over its parts' facts is a window's, not the text's.
_READ = 1 << 17


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
        keys += map(_digest, chunks)
        per_line.append(len(chunks))
    return parts, keys, per_line


def _digest(chunk: str) -> bytes:
    return blake2b(chunk.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _chunks(line: str) -> list[str]:
    """The line cut at spaces (see _cuts)."""
    starts = [0, *_cuts(line, 0, len(line))]
    return [line[a:b] for a, b in pairwise(starts)]


def _cuts(text: str, start: int, end: int, seen: _SeenChunks | None = None):
    """Where the chunks of the line text[start:end] end: each cut the first space after a mark from
    _CHUNK characters on (from 8 * _CHUNK, the first space); the last, at the line's end. `seen`:
    the last call's cuts, taken where the text from a chunk's start to its cut is theirs."""
    while end - start > 8 * _CHUNK:
        cut = seen.cut_again(start) if seen else None
        if cut is None:
            m = _CUT.search(text, start + _CHUNK, start + 8 * _CHUNK)
            cut = m.end() - 1 if m else text.find(" ", start + 8 * _CHUNK, end)
            if cut < 0:
                break
        yield cut
        start = cut
    yield end


def _windows(text: str, seen: _SeenChunks | None = None):
    """The text's parts (see _parts), a window of about _READ characters at a time: its parts, their
    keys, where they start in the text, and whether each starts a line (bytes, 1 where it does).
    `seen`: a long line's chunks the last call saw, and the ones seen now."""
    at = 0
    while True:
        end = len(text) if len(text) - at <= _READ else text.rfind("\n", at, at + _READ)
        longer = end < 0  # (the line from `at` on is longer than a window)
        if longer:
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
        if longer and end - at > _LONG_LINE:
            yield from _long_line(text, at, end, seen or _SeenChunks())
        else:
            yield _lines_window(text, at, end)
        if end == len(text):
            return
        at = end + 1


def _lines_window(text: str, start: int, end: int):
    """The window (see _windows) of the whole lines of text[start:end]."""
    parts, keys, per_line = _parts(text[start:end].split("\n"))
    firsts = b"".join(map(_first_of, per_line)) if per_line else b"\1" * len(parts)
    # (a part starts after the parts before it, and a line end before each line after the first)
    return parts, keys, list(map(add, accumulate(map(len, parts), initial=start - 1), accumulate(firsts))), firsts


def _long_line(text: str, start: int, end: int, seen: _SeenChunks):
    """The windows (see _windows) of a line longer than one, text[start:end]: its chunks, cut from the
    text itself (or as `seen` last time, with their keys)."""
    starts, keys, firsts = [], [], b"\1"
    for cut in _cuts(text, start, end, seen):
        starts.append(start)
        keys.append(seen.key_again(start))
        start = cut
        if cut - starts[0] >= _READ or cut == end:
            parts = [text[a:b] for a, b in pairwise([*starts, cut])]
            keys = [key or _digest(part) for key, part in zip(keys, parts)]
            seen.add(starts, keys, cut if cut < end else None)
            yield parts, keys, starts, firsts + bytes(len(parts) - 1)
            starts, keys, firsts = [], [], b"\0"


class _SeenChunks:
    """A long line's chunks cut at a space, as a call saw them: where each starts, its cut (the space
    that ends it) and its key. A later call, given a text copied from that one's (`copied`, see
    Context.copied) from a chunk's start to its cut, cuts it there too (_cuts reads only that far:
    its search ends at the cut, or finds no mark before 8 * _CHUNK and then the cut's space) and
    takes its key, neither searched nor digested again."""

    def __init__(self, last: tuple | None = None, copied=()):
        self.last, self.copied = last, copied  # (last: the `seen` tuple of the last call)
        self.copied_starts = [now for now, _, _ in copied]
        self.starts, self.cuts, self.keys = array("q"), array("q"), []
        self.hit = (-1, None)  # (start, key) of the chunk cut_again found last

    def cut_again(self, start: int) -> int | None:
        """The cut of the chunk from `start`, if the last call saw it at the copy's place."""
        i = bisect_right(self.copied_starts, start) - 1
        if self.last is None or i < 0:
            return None
        now, then, length = self.copied[i]
        starts, cuts, keys = self.last
        j = bisect_left(starts, start - now + then)
        if j == len(starts) or starts[j] != start - now + then or cuts[j] >= then + length:
            return None
        self.hit = (start, keys[j])
        return cuts[j] + now - then

    def key_again(self, start: int) -> bytes | None:
        return self.hit[1] if self.hit[0] == start else None

    def add(self, starts: list[int], keys: list[bytes], cut: int | None) -> None:
        """A window's chunks; `cut`: the space that ends the last (None: the line's end does)."""
        ends = [*starts[1:], cut] if cut is not None else starts[1:]
        self.starts.extend(starts[:len(ends)])
        self.cuts.extend(ends)
        self.keys += keys[:len(ends)]

    def seen(self) -> tuple:
        return self.starts, self.cuts, self.keys


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
        self.words = Memo(_words_of)
        self.facts = Memo(self._piece_facts)
        self.joined = [itemgetter(k) for k in range(1 + len(self.doubled))]  # (the facts a short text joins)

    def propose(self, text, ctx):
        kept = ctx.kept(self)  # (what a big text's last call found and cut, if it was the last call)
        last = [kept.pop(key, None) for key in (_FOUND, _SEEN, _LEFT)] if kept else [None] * 3
        if _odd_space(text):
            return list(self.propose_whole(text, ctx))
        if len(text) >= _BY_LINES:
            return list(self._propose_by_parts(text, ctx, *last))
        pieces = ctx.view(text).pieces
        facts = self.facts.values(pieces)
        marks, *slots = [b"".join(map(kind, facts)) for kind in self.joined]
        out = [p for doubled, its_slots in zip(self.doubled, slots) for _, p in doubled.located(text, pieces, its_slots)]
        starts = [loops.starts(marks) for loops in self.rules]
        if any(starts):
            out += self._loops(text, starts, lambda: list(chain.from_iterable(map(itemgetter(-1), facts))),
                               lambda: Parts.whole(text, _TOKEN, len(marks)))
        return out

    def _propose_by_parts(self, text, ctx, last_found, last_seen, last_left):
        """A big text's proposals, its parts (lines, a long line's chunks) read a window at a time.

        A part's facts (its tokens' marks, its number of pieces) are the same wherever it is: kept
        for the run, a later pass reads them for the parts it is given again (text.split() is the
        parts' split() one after another: no piece holds a line end, and a chunk ends at a space).
        Its doubled-phrase slots are made again when a call searches: a later one mostly takes
        the last call's phrases (see _doubled_again). What a call learns is kept when it ends."""
        kept = ctx.kept(self)
        found = self._doubled_again(text, ctx, last_found)
        searched = [k for k, doubled in enumerate(self.doubled) if found[k] is None and doubled.by_pieces]
        said = [SaidAgain() for _ in searched]
        starts = [_Starts(loops) for loops in self.rules]
        parts_read, learnt = Parts(text, _TOKEN), {}
        seen = _SeenChunks(last_seen, ctx.copied(self) or ()) if last_seen else _SeenChunks()
        for parts, keys, part_starts, firsts in _windows(text, seen):
            facts = list(map(kept.get, keys))
            slots = [[] for _ in searched]
            for j in range(len(parts)) if searched else [j for j, f in enumerate(facts) if f is None]:
                of_pieces = self.facts.values(parts[j].split())
                if facts[j] is None:
                    facts[j] = learnt[keys[j]] = (b"".join(map(itemgetter(0), of_pieces)), len(of_pieces))
                for of_rule, k in zip(slots, searched):
                    of_rule.append(b"".join(map(itemgetter(1 + k), of_pieces)))
            for of_rule, its_slots in zip(said, slots):
                of_rule.read(its_slots)
            marks = list(map(itemgetter(0), facts))
            for of_rule in starts:
                of_rule.read(marks)
            parts_read.add(part_starts, firsts, map(len, marks), map(itemgetter(1), facts), keys)
        for of_rule in chain(said, starts):
            of_rule.read([], last=True)
        for k, of_rule in zip(searched, said):
            found[k] = self.doubled[k].found(text, self.doubled[k].where(text, of_rule, parts_read.lines_holding))
        for k, doubled in enumerate(self.doubled):
            if found[k] is None:  # (joints the pieces do not show: the whole text searched)
                found[k] = doubled.found(text, [(0, len(text))])
        yield from (proposal for of_rule in found for _, proposal in of_rule)
        left = [_LeftLoops(parts_read, of_rule) for of_rule in last_left or [{}] * len(self.rules)]
        yield from self._loops(text, [of_rule.found for of_rule in starts],
                               lambda: parts_read.words(self._part_words), lambda: parts_read, left)
        kept.update(learnt)
        kept[_LEFT] = [of_rule.now for of_rule in left]
        kept[_FOUND] = found
        if seen.starts:
            kept[_SEEN] = seen.seen()

    def _doubled_again(self, text, ctx, last_found) -> list[list | None]:
        """Each doubled rule's (joint start, proposal) of a big text at a later call, where most of it
        is copied from the last one: the last call's moved, and only the rest searched again (None:
        a call that searches the whole text)."""
        copied = ctx.copied(self) if last_found is not None else None
        out = []
        for k, doubled in enumerate(self.doubled):
            parts = doubled_again.trusted(text, copied, doubled.spoken) if copied else []
            if parts and sum(end - start for start, end, _ in parts) >= len(text) - (len(text) >> 2):  # (3/4 copied)
                out.append(doubled_again.found_again(doubled, text, parts, last_found[k]))
            else:
                out.append(None)
        return out

    def _piece_facts(self, piece: str) -> tuple:
        """Its tokens' marks, its slots for each doubled-phrase rule, and its words (a loop's check):
        one memo for all, looked up once."""
        words = _words_of(piece)
        return (_marks_of(words), *(d._slots(piece) for d in self.doubled), words)

    def _part_words(self, part: str) -> list[str]:
        return list(chain.from_iterable(self.words.values(part.split())))

    def propose_whole(self, text, ctx):
        """The whole text's pieces at once (the way for a text with a space str.split() takes and
        _TOKEN does not, and the oracle of the way by lines)."""
        for doubled in self.doubled:
            yield from doubled.propose(text, ctx.view(text).pieces)
        if not self.rules:
            return
        pieces, marks = self.stream(ctx.view(text))
        yield from self._loops(text, [loops.starts(marks) for loops in self.rules],
                               lambda: list(chain.from_iterable(self.words.values(pieces))),
                               lambda: Parts.whole(text, _TOKEN, len(marks)))

    def _loops(self, text, starts, all_words, placed, left=None):
        """The loops of each rule found from its `starts` (see Loops.starts); `all_words()`: the
        text's words, one a token, made only when a loop may be there; `placed()`: the Parts that
        place its tokens, made only when one is; `left`: each rule's _LeftLoops, if any."""
        words = parts = None
        for loops, its_starts, its_left in zip(self.rules, starts, left or [None] * len(self.rules)):
            if len(its_starts) and words is None:
                words = all_words()
            for i, size, count, left_again in loops.found(words, its_starts, its_left):
                if left_again:
                    continue
                unit = words[i:i + size]
                bounded = loops.max_legitimate is None or count <= loops.max_legitimate
                if _figures(unit) or (bounded and _legitimate(unit, loops.exceptions)):
                    if its_left:  # (_loop_at read up to the copy after the last)
                        its_left.note(i, (count + 1) * size, (size, count))
                    continue
                kept, end = _kept_and_end(words, i, size, count)
                if parts is None:
                    parts = placed()
                start, last_end = parts.token_span(i)[0], parts.token_span(end - 1)[1]
                first_end = parts.token_span(i + kept - 1)[1]
                if not (bounded and _quoted(text, start, last_end)):
                    yield self._proposal(text, start, first_end, last_end, count, loops)

    def stream(self, view) -> tuple[list[str], bytes]:
        """The text's pieces between spaces (no token crosses a space), and its tokens' marks."""
        text = view.text
        pieces = _TOKEN.findall(text) if _odd_space(text) else view.pieces
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
        # a unit of marks and its copies: no match, no loop (one search, cheaper than the shifts on up to
        # `few_marks` marks: from about 70 at 12 tokens a unit, fewer for longer units)
        self.looped = re.compile(rb"(.{1,%d})" % self.max_unit + rb"\1" * after_first, re.DOTALL)  # (\1{2}: slower)
        self.few_marks = 64 * 12 // max(self.max_unit, 12)

    def found(self, words, starts, left: _LeftLoops | None = None):
        """(position, unit size, repetitions, whether `left` says the last call left it alone) of the
        loops at `starts`, where `left` does not say there is none; a loop's tokens are not looked at
        again."""
        resume = 0
        for i in starts:
            if i < resume:
                continue
            again = left.again(i) if left else None
            loop = _loop_at(words, i, self.min_repeats, self.max_unit) if again is None else again
            if loop is None and left:  # (no loop in what it read: () kept, if that is its part's or the next's)
                left.note(i, self.min_repeats * self.max_unit, ())
            if loop:
                size, count = loop
                resume = i + count * size
                yield i, size, count, again is not None

    def starts(self, marks: bytes) -> list[int]:
        """Token positions where a loop may start, in order (a superset: _loop_at decides).

        XOR of the marks and the marks shifted by `size` tokens is zero where
        each token equals the one `size` before: one big-integer operation
        per size, instead of comparing words at every position.
        """
        if len(marks) <= self.few_marks and not self.looped.search(marks):
            return []
        whole, starts = int.from_bytes(marks, "big"), set()
        for size, run, zeros in self.runs:
            if size + run > len(marks):
                break
            same = ((whole >> 8 * size) ^ whole).to_bytes(len(marks), "big")  # byte j: token j against j - size
            if zeros in same:
                for m in re.finditer(b"\0{%d,}" % run, same):
                    starts.update(range(max(m.start() - size, 0), m.end() - size - run + 1))
        return sorted(starts)


class _LeftLoops:
    """A loop rule's starts a call passed over: no loop there (a start is only a place where marks
    repeat), or one left alone (figures, a legitimate unit), where _loop_at read only the words of
    the part the start is in (a line, a long line's chunk), or of it and the next. Kept by the
    parts' keys and the start's token in its part, a later call passes them over again without
    reading the parts' words (they are the parts' own wherever they are, and so are the loop, its
    unit and its verdict). One kept per _TEXT_PER_LEFT characters at most: a text of figures and
    dots would otherwise keep a loop every few words."""

    def __init__(self, parts: Parts, last: dict):
        self.parts, self.last = parts, last
        # (part key, token in it[, next part's key]) -> (unit size, repetitions), or () for none
        self.now: dict[tuple, tuple] = {}
        self.room = len(parts.text) // _TEXT_PER_LEFT

    def again(self, i: int) -> tuple | None:
        """(unit size, repetitions) of the loop at token i the last call left alone, () if it found
        none there, None if it did not say."""
        for place in self._places(i):
            loop = self.last.get(place)
            if loop is not None:
                if len(self.now) < self.room:
                    self.now[place] = loop
                return loop
        return None

    def note(self, i: int, reach: int, loop: tuple) -> None:
        """The start at token i is passed over (`loop`, as again() gives it), read `reach` tokens
        from it on: kept if they are its part's, or its and the next part's."""
        through, j = self.parts.through("token"), self._part(i)
        if len(self.now) < self.room and i + reach <= through[min(j + 1, len(through) - 1)]:
            self.now[self._places(i)[0 if i + reach <= through[j] else 1]] = loop

    def _places(self, i: int) -> list[tuple]:
        """Token i's keys: its part's and its number there, and those with the next part's key."""
        through, keys, j = self.parts.through("token"), self.parts.keys, self._part(i)
        place = (keys[j], i - (through[j - 1] if j else 0))
        return [place, (*place, keys[j + 1])] if j + 1 < len(keys) else [place]

    def _part(self, i: int) -> int:
        return bisect_right(self.parts.through("token"), i)


class _Starts:
    """A loop rule's starts (see Loops.starts) read from the marks a window at a time: a start's
    verdict needs the max_unit * min_repeats marks from it on, so the window's last ones wait for
    the next window, read with it."""

    def __init__(self, loops: Loops):
        self.loops, self.wait = loops, loops.max_unit * loops.min_repeats
        self.tail, self.first = b"", 0  # the marks whose verdicts wait; the number of the first
        self.found = array("q")

    def read(self, marks: list[bytes], last: bool = False) -> None:
        window = b"".join([self.tail, *marks])
        done = len(window) if last else max(len(window) - self.wait, 0)
        if done:
            starts = self.loops.starts(window)
            self.found.extend(map(self.first.__add__, starts[:bisect_left(starts, done)]))
        self.tail, self.first = window[done:], self.first + done


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
