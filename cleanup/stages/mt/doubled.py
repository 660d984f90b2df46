"""A phrase said twice, joined by a comma, 'or', 'and' or '/': two source phrases translated alike.

"post-needed, post-needed", "a New Year's gift or New Year's gift": a
system that meets two different words of the same field (Chinese 因事设岗、
因岗定人, Japanese お年賀・お歳暮) renders both with the one English phrase it
knows. Only a translator can say what the second one was, so this is a
flag. A single word twice is rhetoric or a slip ("very, very", "more and
more"; the structure and loop rules look after those); a phrase of proper
names is a place ("New York, New York"); figures are data ("5% and 5%").

Speed: most texts hold no joint with its word before it again just after
it, and that is known from the text's pieces between spaces without finding
the joints (see `SaidAgain`); only the other texts are searched, and only
on the lines where that test found a piece said again.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, groupby

from ...analysis.memo import Memo
from ...analysis.tokens import LETTER_RUN
from ...core.edits import Proposal


@dataclass(frozen=True)
class DoubledPhrase:
    joints: tuple[str, ...] = (",", "or")  # what may join the two copies: marks (",") or words ("or")
    min_words: int = 2                     # fewest words in the phrase (a hyphenated word's parts count)
    max_words: int = 6                     # longest phrase compared, in words
    exceptions: tuple[str, ...] = ()       # words (any case) a phrase made only of is said twice on purpose

_EDGE_MARKS = "\"'“”‘’«»()[]{}<>,.;:!?…/-–—"
_CLAUSE_END = re.compile(r"[,.;:!?)\]\"”]$")
_WINDOW = 120  # characters looked at on either side of a joint
_ODD_SPACE = re.compile(r"[^\S\n ]")  # a space that is not " " nor a line end
# the same spaces one by one (str.isspace(), as \s and str.split() take them), the most common first
_ODD_SPACES = ("\xa0\t\r\u3000\u2009\u202f\u2002\u2003\u200a\u2028\u2029\x0b\x0c\x85"
               "\u2000\u2001\u2004\u2005\u2006\u2007\u2008\u205f\u1680\x1c\x1d\x1e\x1f")
_IN_LINE_SPACES = re.compile(r"[^\S\n]*")
# A piece's bytes for SaidAgain (see _slots): three slots of three, and two facts
_SLOTS, _FACTS, _LENGTH = 11, 9, 10
_NONE = b"\xff\xff\xff"
# words that make a phrase longer but say nothing of their own: "the talks, the talks" is one word said again
_DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())


class DoubledPhrases:
    """One doubled-phrase rule: its joints, word counts and exceptions."""

    def __init__(self, rule):
        s = rule.settings
        self.rule = rule
        self.min_words, self.max_words = s.min_words, s.max_words
        self.exceptions = {w.casefold() for w in s.exceptions}
        joints = s.joints
        spoken = "|".join(re.escape(j) for j in joints if j[0].isalnum())
        marks = "|".join(re.escape(j) for j in joints if not j[0].isalnum())
        parts = [f"(?:{marks})[ \\t]+" if marks else None,
                 f"[ \\t]+(?:{spoken})[ \\t]+" if spoken else None]
        self.joint = re.compile("|".join(p for p in parts if p), re.IGNORECASE)
        self.marks = tuple(j for j in joints if not j[0].isalnum())
        self.spoken = re.compile(f"(?:{spoken})", re.IGNORECASE) if spoken else None
        # the pieces view is only good for joints without spaces in them (one piece each), and
        # marks without letters (the joint pattern ignores case; endswith does not)
        self.by_pieces = not any(ch.isspace() for j in joints for ch in j) and \
            all(m.lower() == m.upper() for m in self.marks)
        self.slots = Memo(self._slots)

    def propose(self, text, pieces=None, slots=None):
        """The doubled phrases of `text`; `pieces` (text.split(), if known) may show there are none,
        or the only lines that may hold one. So may `slots`: the pieces' slots (see _slots) joined,
        and how many pieces each line of text.split("\n") holds."""
        yield from (proposal for _, proposal in self.located(text, pieces, slots))

    def located(self, text, pieces=None, slots=None) -> list[tuple[int, Proposal]]:
        """(joint start, proposal) of the doubled phrases of `text` (see propose)."""
        if self.by_pieces and (slots is not None or pieces is not None):
            if slots is None:
                slots = b"".join(self.slots.values(pieces))
            # (a text at hand: its gap first; in one no longer than the windows, none cuts a piece whatever it is)
            said = SaidAgain(0 if len(text) <= _WINDOW else _widest_gap(text, slots[_LENGTH::_SLOTS]))
            said.read([slots], last=True)
            lines = self.where(text, said, _lines_holding, pieces)
            return self.found(text, lines) if lines else []
        return self.found(text, [(0, len(text))])

    def where(self, text: str, said: SaidAgain, lines_holding, pieces=None) -> list[tuple[int, int]]:
        """The (start, end) spans of `text` that may hold a doubled phrase, from all its pieces' slots
        `said` has read: the whole text when its windows may cut a piece, else the lines holding a
        piece said again (`lines_holding(text, pieces)`: see _lines_holding), or the stretches of
        them that hold one; none: certainly nowhere. With the text's `pieces` at hand, only the
        pieces said again whose joint may join a phrase to its copy (see _may_join_again)."""
        if not said.first:
            return []  # (no piece)
        if said.spread(text):
            return [(0, len(text))]
        wanted = said.pieces if pieces is None else \
            [j for j in said.pieces if self._may_join_again(pieces, j, said.gap)]
        return _spans(text, lines_holding(text, wanted), self.spoken) if wanted else []

    def _may_join_again(self, pieces: list[str], j: int, gap: int) -> bool:
        """Might the joint after piece j join a phrase to its copy? _doubled's comparison there, made
        on the pieces: a piece said again is mostly a word met again nearby, not a phrase's copy.
        The copy after the joint is whole (else `spread`); the phrase before it is unless its pieces
        and gaps (`gap`: the widest) may pass the window, which keeps the joint."""
        piece = pieces[j]
        mark = [m for m in self.marks if piece.endswith(m)]
        phrase_ends = []  # (the phrase's last piece, where its copy starts): after a mark, or a spoken joint
        if mark and len(piece) > len(mark[0]):
            phrase_ends.append((piece[:-len(mark[0])], j + 1))
        if self.spoken and j + 1 < len(pieces) and self.spoken.fullmatch(pieces[j + 1]):
            phrase_ends.append((piece, j + 2))
        for last, copy_start in phrase_ends:
            before, end = [*pieces[max(0, j + 1 - self.max_words):j], last], _key(last)
            for size in range(1, len(before) + 1):
                left, right = before[-size:], pieces[copy_start:copy_start + size]
                if len(right) < size:
                    break
                if _key(right[-1]) != end:
                    continue  # (the copy's last piece is not the phrase's: whole, however the window falls)
                if sum(map(len, left)) + (size - 1) * gap > _REACH:
                    return True
                if _folded(left) == _folded(right) and self._telling(left) and \
                        not any(_CLAUSE_END.search(p) for p in left[:-1]):
                    return True
        return False

    def found(self, text: str, lines) -> list[tuple[int, Proposal]]:
        """(joint start, proposal) of the doubled phrases at the joints in the spans `lines`."""
        return list(self._at_joints(text, lines))

    def _at_joints(self, text, lines):
        # (a joint holds no line end: each line's joints are those the whole text's search finds there)
        for m in (m for a, b in lines for m in self.joint.finditer(text, a, b)):
            # the cheap test first: the word before the joint comes again soon after it (its first letter aside)
            last = _word_before(text, m.start())
            if last is None or len(last) < 2 or text.find(last[1:], m.end(), m.end() + _REACH) < 0:
                continue
            # (searches for the line's ends stay within reach: to the ends of one long line was quadratic)
            line_start = text.rfind("\n", max(0, m.start() - _REACH), m.start()) + 1
            before = text[max(line_start, m.start() - _REACH):m.start()]
            if not before or before[-1].isspace():
                continue
            line_end = text.find("\n", m.end(), m.end() + _REACH)
            after = text[m.end():line_end if line_end >= 0 else m.end() + _REACH]
            size = self._doubled(before.split(), after.split())
            if size:
                left = _starts_of(before, size)
                start = m.start() - len(before) + left
                end = m.end() + _end_of(after, size)
                phrase = " ".join(text[start:m.start()].split())
                yield m.start(), Proposal(start, end, None, self.rule.id, f"{self.rule.message}: '{phrase}'",
                                          self.rule.level)

    def _slots(self, piece: str) -> bytes:
        """A piece's slots for SaidAgain: its key; its key less a mark it ends with (all ones
        if none, or no letter is left); its key if it has a letter and no mark (else all ones);
        whether it is a spoken joint; its length (at most 255)."""
        mark = [m for m in self.marks if piece.endswith(m)]
        last = piece[:-len(mark[0])] if mark else piece  # the phrase's last word, if the piece ends one
        letters = bool(LETTER_RUN.search(last))
        spoken = bool(self.spoken and self.spoken.fullmatch(piece))
        length = 255 if len(mark) > 1 else min(len(piece), 255)  # (two marks: no shortcut)
        key = _slot(_key(piece))
        if not letters:
            return key + _NONE + _NONE + bytes((spoken, length))
        if mark:
            return key + _slot(_key(last)) + _NONE + bytes((spoken, length))
        return key + _NONE + key + bytes((spoken, length))

    def _doubled(self, before: list[str], after: list[str]) -> int:
        """The number of pieces of the longest phrase that ends `before` and starts `after`; 0 if none."""
        if not before or not after:
            return 0
        first = after[0].casefold().strip(_EDGE_MARKS)
        tail = before[-self.max_words:]
        # only where a piece of `before` is the first piece of `after` can a phrase start (most joints: nowhere)
        sizes = [len(tail) - k for k, p in enumerate(tail) if p.casefold().strip(_EDGE_MARKS) == first]
        for size in sizes:  # longest first
            if size > len(after):
                continue
            left, right = before[-size:], after[:size]
            if any(_CLAUSE_END.search(p) for p in left[:-1]):
                continue  # the phrase would run over a clause boundary
            if _folded(left) == _folded(right) and self._telling(left):
                return 0 if _third_copy(before, after, size) else size
        return 0

    def _telling(self, pieces: list[str]) -> bool:
        words = [w for p in pieces for w in LETTER_RUN.findall(p) if w.casefold() not in _DETERMINERS]
        if len(words) < self.min_words or not all(LETTER_RUN.search(p) for p in pieces):
            return False  # one word, or a figure among them
        if all(w.casefold() in self.exceptions for w in words):
            return False
        return not all(w[0].isupper() for w in words)  # "New York, New York": a place


class SaidAgain:
    """Where might a doubled phrase be? Read from the pieces' slots (see DoubledPhrases._slots), a
    window of them at a time: the numbers of the pieces that may end a phrase said again after
    them (none: certainly nowhere), and whether the method's windows may cut a piece (`spread`).

    A phrase ends with the piece before its joint, less the mark ("needed,"
    for "post-needed, post-needed"), and its copy ends with one of the six
    pieces after the joint ("or" is a piece of its own): equal once
    case-folded and stripped of outer marks (see _folded), and with a
    letter. Unless such a piece is equal to one of the seven pieces after
    it, there is none. Each piece's key is hashed to two bytes; one search
    of a stream of five bytes a piece (see _verdicts) finds, at C speed, the
    pieces that may end a phrase (a few) whose key comes again in the seven
    after. That holds for whole pieces: see `spread` for when the method's
    windows may cut one.

    A piece's verdicts need the seven pieces after it: a window is read with
    the last seven pieces of the one before, whose verdicts waited for it.
    """

    def __init__(self, gap: int | None = None):
        """`gap`: the text's widest gap between two pieces of a line (see _widest_gap), if known;
        else spread() measures it once all is read."""
        self.tail, self.first = b"", 0  # the slots of the pieces whose verdicts wait; the number of the first
        self.pieces: list[int] = []  # the pieces that may end a phrase said again after them, in order
        self.long = False  # a piece of 100 characters or more was read (or one with two marks)
        self.gap, self.nonspace = gap, 0  # (nonspace: characters of the pieces read, while none is long)
        self.seven = 0  # the most characters in the seven pieces after a phrase's end, as a threshold of spread()
        # seven pieces shorter than this fit in the window with the gap (known) between them
        self.short = 1 if gap is None else (_WINDOW - 6 * gap) // 7 + 1

    def read(self, slots: list[bytes], last: bool = False) -> None:
        """Read the next pieces' slots (`last`: they end the text)."""
        if self.long:
            return  # (the whole text is searched)
        window = b"".join([self.tail, *slots]) if self.tail else b"".join(slots)
        n = len(window) // _SLOTS
        done = n if last else max(n - _AFTER, 0)  # pieces whose seven after are read
        if done:
            self._verdicts(window, n, done)
        self.tail, self.first = window[done * _SLOTS:], self.first + done

    def _verdicts(self, window: bytes, n: int, done: int) -> None:
        lengths = window[_LENGTH::_SLOTS]
        if 1 in lengths[:done].translate(_at_least(_WINDOW - 20)):
            self.long = True
            return
        if self.gap is None:
            self.nonspace += sum(lengths[:done])
        # 0 where a piece may end a phrase: a mark after a letter (its marked slot's last byte 0), or a
        # word (its words slot's) before a spoken joint ("or" a piece of its own)
        not_before_spoken = window[_SLOTS + _FACTS::_SLOTS].translate(_ENDS_MASK) + b"\xff"
        ends = _bytewise_and(window[5::_SLOTS], _bytewise_or(window[8::_SLOTS], not_before_spoken))
        if ends.count(0):
            # the slots with no byte 0 (no key byte is 0), but its key's last where a piece may end a phrase
            stream = bytearray(window.translate(_NO_ZERO))
            stream[2::_SLOTS] = ends
            said_again = (m.start() // _SLOTS for m in _SAID_AGAIN.finditer(stream))
            self.pieces += [self.first + j for j in said_again if j < done]
        if self.short > 0 and 1 in (long_pieces := lengths.translate(_at_least(self.short))):
            # (only a piece up to seven before one of `short` characters or more may reach a threshold)
            if long_pieces.count(1) <= _FEW:
                self.seven = max(self.seven, _seven_before(long_pieces, lengths, ends, done))
            else:
                self.seven = max(self.seven, _seven_after_ends(lengths, ends, done))

    def spread(self, text: str) -> bool:
        """Might the method's 120-character windows cut a piece it compares (`text`: all of it read)?

        The piece before a joint is whole when shorter than 100 characters; the
        six after it are when they and their gaps fit in 120: seven pieces
        after a phrase's end, with the widest gap of the text between them.
        """
        if self.long:
            return True
        gap = _widest_gap(text, self.nonspace) if self.gap is None else self.gap
        return gap > _SEVEN_GAPS or self.seven >= _WINDOW + 1 - 6 * gap


_AFTER = 7  # pieces after a phrase's end that may end its copy
_SEVEN_GAPS = (_WINDOW + 1) // 6  # (a wider gap: any seven pieces may pass the window)
# the thresholds of spread(), one per gap, widest first: byte n becomes the widest one n meets (else 0)
_THRESHOLDS = [_WINDOW + 1 - 6 * gap for gap in range(1, _SEVEN_GAPS + 1)]
_THRESHOLD_MET = bytes(next((t for t in _THRESHOLDS if t <= n), 0) for n in range(256))
_ENDS_MASK = bytes([0xFF] + [0] * 255)  # (a translation table: 0 becomes 0xFF, the rest 0)
_NO_ZERO = bytes([1]) + bytes(range(1, 256))  # (a translation table: 0 becomes 1)
# a piece that may end a phrase (0, see _verdicts) whose end key, its words slot's when its marked slot
# is all ones (else that one's), is the key of one of the seven pieces after it: that key, k pieces on,
# is 11 * k - 8 bytes after the words slot's key, 11 * k - 5 after the marked one's (alternatives: no
# repeat to backtrack in)
_SAID_AGAIN = re.compile(rb"\0(?=\xff\xff.(..)(?:%s)|(..)(?:%s))" % (
    b"|".join(rb".{%d}\1" % (_SLOTS * k - 8) for k in range(1, _AFTER + 1)),
    b"|".join(rb".{%d}\2" % (_SLOTS * k - 5) for k in range(1, _AFTER + 1))), re.DOTALL)


def _bytewise_and(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") & int.from_bytes(b, "big")).to_bytes(len(a), "big")


def _bytewise_or(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") | int.from_bytes(b, "big")).to_bytes(len(a), "big")


def _seven_after_ends(lengths: bytes, ends: bytes, done: int) -> int:
    """The widest threshold of spread() met by the characters of the seven pieces after one of the
    first `done` pieces that may end a phrase (`ends`: zero). (The sums are 16-bit digits of one
    number, shifted and added; no piece is longer than 99.)"""
    n = len(lengths)
    digits, at_ends = bytearray(2 * n), bytearray(2 * n)
    digits[0::2] = lengths  # (little-endian: digit i is piece i's length)
    at_ends[0::2] = at_ends[1::2] = ends.translate(_ENDS_MASK)
    one_each = int.from_bytes(digits, "little")
    seven = sum(one_each >> 16 * k for k in range(1, _AFTER + 1))  # digit i: pieces i+1 .. i+7 (at most 693)
    sums = (seven & int.from_bytes(at_ends, "little")).to_bytes(2 * n, "little")[:2 * done]
    if sums[1::2].count(0) < done:
        return _THRESHOLDS[0]  # (256 or more)
    met = sums[0::2].translate(_THRESHOLD_MET)
    return next((t for t in _THRESHOLDS if t in met), 0)


_FEW = 16  # long pieces whose ends before them are read one by one


def _seven_before(long_pieces: bytes, lengths: bytes, ends: bytes, done: int) -> int:
    """_seven_after_ends, of the pieces up to seven before a long one (`long_pieces`: 1 there)."""
    most, at = 0, long_pieces.find(1)
    while at >= 0:
        for j in range(max(at - _AFTER, 0), min(at, done)):
            if not ends[j]:
                most = max(most, sum(lengths[j + 1:j + 1 + _AFTER]))
        at = long_pieces.find(1, at + 1)
    return _THRESHOLDS[0] if most > 255 else _THRESHOLD_MET[most]


def _lines_holding(text: str, pieces: list[int]) -> list[tuple]:
    """(start, end, first piece, wanted, anchors) of each line of `text` (text.split("\n")) holding
    pieces at `pieces` (numbers in text.split(), sorted): where it starts and ends, the number of its
    first piece, the wanted pieces on it; no anchors (see _stretches_holding).

    A doubled phrase's joint is on the line of the piece that ends the phrase's
    first copy (it starts in or right after that piece, and holds no line end).
    """
    if "\n" not in text:
        return [(0, len(text), 0, pieces, None)]
    lines = text.split("\n")
    through = list(accumulate(map(len, map(str.split, lines))))  # pieces on lines 0..j
    ends = list(accumulate(map(len, lines)))  # characters of lines 0..j, line ends aside
    return [(ends[j] + j - len(lines[j]), ends[j] + j, through[j - 1] if j else 0, list(wanted), None)
            for j, wanted in groupby(pieces, lambda i: bisect_right(through, i))]


def _spans(text: str, lines, spoken) -> list[tuple[int, int]]:
    """The (start, end) spans to search of the `lines` (see _lines_holding): a line, or of a long
    one only its stretches holding the wanted pieces."""
    spans = []
    for start, end, first, wanted, anchors in lines:
        if end - start <= 2 * _STRETCH:
            spans.append((start, end))
        else:  # (one long line, as a file without line ends: searching all its joints was most of the cost)
            spans += _stretches_holding(text, start, end, first, wanted, spoken, anchors)
    return spans


_STRETCH = 1024  # characters, about, of a long line's stretches
_SPACE_THEN_PIECE = re.compile(r"\s(?=\S)")


def _stretches_holding(text, start, end, first, wanted, spoken, anchors=None) -> list[tuple[int, int]]:
    """The stretches of the line text[start:end] (its pieces numbered from `first`) that hold
    the pieces at `wanted` (sorted). A stretch ends where a piece starts after a space, not with
    a spoken joint's word: no piece and no joint runs over that (a joint is marks then spaces,
    or spaces, a word, spaces), so its joints are those the whole line's search finds there.
    So a stretch may start at any such place: with `anchors` (places and the numbers of the
    pieces starting there), the walk jumps to the last one before the next wanted piece
    instead of counting the pieces of every stretch on the way."""
    out, k = [], 0
    while start < end and k < len(wanted):
        if anchors:
            start, first = _jump(text, start, end, first, wanted[k], spoken, anchors)
        cut = _cut_at(text, start + _STRETCH, end, spoken)
        first += len(text[start:cut].split())
        if wanted[k] < first:
            out.append((start, cut))
            while k < len(wanted) and wanted[k] < first:
                k += 1
        start = cut
    return out


def _jump(text, start, end, first, wanted, spoken, anchors) -> tuple[int, int]:
    """The place to walk on from toward piece `wanted`, and the number of the piece there: a cut
    after the last anchor before it (or the one before that), if that is ahead of `start`."""
    places, numbers = anchors
    for j in (bisect_right(numbers, wanted) - 1, bisect_right(numbers, wanted) - 2):
        if j < 0 or not start < places[j] < end:
            break
        cut = _cut_at(text, places[j], end, spoken)
        pieces = numbers[j] + len(text[places[j]:cut].split())
        if cut < end and pieces <= wanted:  # (the wanted piece is not before the cut)
            return cut, pieces
    return start, first


def _cut_at(text, pos, end, spoken) -> int:
    """The first place from `pos` where a piece starts after a space, not a spoken joint's word; else `end`."""
    while (m := _SPACE_THEN_PIECE.search(text, pos, end)) is not None:
        cut = m.end()
        if text[cut - 1].isspace() and not text[cut].isspace() and not (spoken and spoken.match(text, cut)):
            return cut
        pos = cut
    return end


@cache
def _at_least(least: int) -> bytes:
    """A translation table: byte n becomes 1 if n >= least, else 0 (made when first needed)."""
    return bytes(int(n >= least) for n in range(256))


def _widest_gap(text: str, lengths) -> int:
    """The most characters between two pieces of a line (`lengths`: the pieces' exact lengths, or
    their sum).

    A run of more than one holds two spaces or a space other than " " and a
    line end. Those are found by string search, which stops once it has found
    as many as the counts show (most texts have none, or a few of one kind);
    by one pattern's scan when they are many. Each run is measured as it is
    found, and the search goes on from its end (no list of places).
    """
    nonspace = lengths if isinstance(lengths, int) else sum(lengths)
    if not isinstance(lengths, int) and _one_space_gaps(text, nonspace, lengths):
        return 1
    others = len(text) - nonspace - text.count(" ") - text.count("\n")  # spaces not " " nor "\n"
    widest = max((end - start for start, end in _runs(text, "  ")), default=1)
    if others > len(text) >> 6:
        end = 0
        for m in _ODD_SPACE.finditer(text):
            if m.start() >= end:  # (not in the run just measured)
                start, end = _run_at(text, m.start())
                widest = max(widest, end - start)
        return widest
    for space in _ODD_SPACES:
        if others <= 0:
            break
        if space in text:
            for start, end in _runs(text, space):
                widest = max(widest, end - start)
                others -= text.count(space, start, end)
    return widest


def _one_space_gaps(text: str, nonspace: int, lengths: bytes) -> bool:
    """Is every gap between two pieces one character on a line, or line ends alone (no run wider
    than one)? Counted, not searched for: a text (line ends at its end aside) that starts and ends
    with a piece has a gap between each two pieces, one on a line or holding a run of line ends;
    when its characters not in a piece nor a line end are no more than the gaps on a line, each of
    those holds one and the others none. (`lengths`: exact below 255.)"""
    if not lengths or 255 in lengths or text[0].isspace():
        return False
    if "\n" not in text:  # (one line: a gap between each two pieces, and no space before or after them)
        return len(text) - nonspace == len(lengths) - 1
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1]:
        lines.pop()  # (the line ends the text ends with)
    if lines[-1][-1:].isspace():
        return False
    line_ends = len(lines) - 1
    on_a_line = len(lengths) - 1 - (line_ends - lines.count(""))  # (a run of k line ends leaves k - 1 lines empty)
    return sum(map(len, lines)) - nonspace == on_a_line


def _runs(text: str, part: str):
    """(start, end) of each run of spaces in a line (not line ends) holding `part`."""
    at = text.find(part)
    while at >= 0:
        start, end = _run_at(text, at)
        yield start, end
        at = text.find(part, end)


def _run_at(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the run of spaces in a line (not line ends) around the space at `at`."""
    start = at
    while start and text[start - 1].isspace() and text[start - 1] != "\n":
        start -= 1
    return start, _IN_LINE_SPACES.match(text, at).end()


def _key(piece: str) -> str:
    return piece.casefold().strip(_EDGE_MARKS)


def _slot(key: str) -> bytes:
    return min(hash(key) & 0xFFFF, 0xFFFE).to_bytes(2, "big") + b"\0"  # (never all ones)


_REACH = 120  # how far before and after a joint a phrase and its copy are looked for
_WORD_WINDOW = 256  # where the word before a joint starts is looked for first (see _word_before)


def _word_before(text: str, pos: int) -> str | None:
    """The word that ends at `pos` (after the last space, tab or newline), outer marks stripped; None
    when it is surely too long to come again within reach. The break is looked for close by first: a
    word that runs through the whole window is longer than the reach once the window's leading marks
    are left out, so it cannot be found again; only a window of marks needs the search back to the start."""
    low = max(0, pos - _WORD_WINDOW)
    found = max(text.rfind(" ", low, pos), text.rfind("\t", low, pos), text.rfind("\n", low, pos))
    if found < 0 < low:
        if len(text[low:pos].strip(_EDGE_MARKS)) > _REACH + 1:
            return None
        found = max(text.rfind(" ", 0, pos), text.rfind("\t", 0, pos), text.rfind("\n", 0, pos))
    return text[found + 1:pos].strip(_EDGE_MARKS)


def _third_copy(before: list[str], after: list[str], size: int) -> bool:
    """Does the phrase come a third time, right before or after (joined by a mark or a word)? Then it is a loop."""
    phrase = _folded(after[:size])
    return any(_folded(after[at:at + size]) == phrase for at in (size, size + 1) if len(after) >= at + size) or \
        any(_folded(before[-at - size:-at]) == phrase for at in (size, size + 1) if len(before) >= at + size)


def _folded(pieces: list[str]) -> list[str]:
    """The pieces case-folded, the outer punctuation of the first and last taken off."""
    out = [p.casefold() for p in pieces]
    out[0], out[-1] = out[0].strip(_EDGE_MARKS), out[-1].strip(_EDGE_MARKS)
    return out


def _starts_of(before: str, size: int) -> int:
    """Offset in `before` where its last `size` pieces begin (after any opening punctuation)."""
    spans = [m.span() for m in re.finditer(r"\S+", before)][-size:]
    start = spans[0][0]
    while start < len(before) and not before[start].isalnum():
        start += 1
    return start


def _end_of(after: str, size: int) -> int:
    """Offset in `after` where its first `size` pieces end (before any closing punctuation)."""
    spans = [m.span() for m in re.finditer(r"\S+", after)][:size]
    end = spans[-1][1]
    while end > 0 and not after[end - 1].isalnum():
        end -= 1
    return end
