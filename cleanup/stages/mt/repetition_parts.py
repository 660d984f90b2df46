"""What the repetition stage keeps of a big text's parts while it reads the text a window at a time.

A part is a line, or a chunk of a long line (see repetition._parts). Of each,
a call keeps where it starts, whether it starts a line, and how many tokens
and pieces (text.split()) it holds: a few bytes a part, not its text nor its
facts. Read back from them: the lines holding given pieces (where the
doubled-phrase search looks), and the words and places of given tokens (a
loop's check and its proposal), each from the few parts that hold them.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, chain


class Parts:
    def __init__(self, text: str, token):
        self.text, self.token = text, token  # (token: the pattern of a token)
        self.starts = array("q")  # where each part starts in the text
        self.firsts = bytearray()  # 1 where a part starts a line
        self.token_counts, self.piece_counts = array("q"), array("q")
        self.keys: list = []  # each part's key in the run's memo (when given)
        self._through: dict[str, array] = {}
        self._spans_of = (None, [])  # the token spans of the part read last

    @classmethod
    def whole(cls, text: str, token, tokens: int) -> Parts:
        """The text as one part, of `tokens` tokens (its pieces not counted)."""
        parts = cls(text, token)
        parts.add([0], b"\1", [tokens], [0])
        return parts

    def add(self, starts, firsts: bytes, tokens, pieces, keys=()) -> None:
        """The next parts: where they start, whether each starts a line, their tokens and pieces,
        and their keys."""
        self.keys += keys
        self.starts.extend(starts)
        self.firsts += firsts
        self.token_counts.extend(tokens)
        self.piece_counts.extend(pieces)

    def through(self, kind: str) -> array:
        """The tokens (or pieces) in parts 0..j, for each j (made when first asked)."""
        if kind not in self._through:
            self._through[kind] = array("q", accumulate(getattr(self, kind + "_counts")))
        return self._through[kind]

    def end(self, j: int) -> int:
        """Where part j ends: where the next starts (a line end is no token nor piece), or the text's end."""
        return self.starts[j + 1] if j + 1 < len(self.starts) else len(self.text)

    def lines_holding(self, text: str, pieces: list[int]) -> list[tuple]:
        """(start, end, first piece, wanted, anchors) of each line holding pieces at `pieces` (sorted,
        numbered in text.split()), as doubled._lines_holding gives them, with a long line's anchors:
        the places of its chunks after the first, and the numbers of their first pieces."""
        through, out, k = self.through("piece"), [], 0
        while k < len(pieces):
            j = bisect_right(through, pieces[k])  # (the part holding the piece)
            first = self.firsts.rfind(1, 0, j + 1)
            next_line = self.firsts.find(1, j + 1)
            last = (len(self.firsts) if next_line < 0 else next_line) - 1  # (its last part)
            stop = bisect_left(pieces, through[last], k)
            anchors = (self.starts[first + 1:last + 1], through[first:last]) if last > first else None
            end = self.starts[last + 1] - 1 if last + 1 < len(self.starts) else len(text)
            out.append((self.starts[first], end, through[first - 1] if first else 0, pieces[k:stop], anchors))
            k = stop
        return out

    def words(self, words_of) -> Words:
        """The text's words, one a token (`words_of(part's text)`: a part's words)."""
        return Words(self, words_of)

    def token_span(self, t: int) -> tuple[int, int]:
        """Where token t starts and ends in the text (the tokens of its part found again)."""
        through = self.through("token")
        j = bisect_right(through, t)
        if self._spans_of[0] != j:
            self._spans_of = (j, [m.span() for m in self.token.finditer(self.text, self.starts[j], self.end(j))])
        return self._spans_of[1][t - (through[j - 1] if j else 0)]


class Words:
    """The words of a big text's tokens, read by slices, made a few parts at a time as the slices
    need them: a loop may start at a few places of a big text, and only the parts there need
    their words (a loop's check reads one place many times: the parts last read are held)."""

    def __init__(self, parts: Parts, words_of):
        self.parts, self.words_of = parts, words_of
        self.ends = parts.through("token")
        self.held, self.base = [], 0  # the words of the parts last read, from token `base` on

    def __len__(self) -> int:
        return self.ends[-1] if self.ends else 0

    def __getitem__(self, part: slice) -> list[str]:
        start, stop, _ = part.indices(len(self))
        if start >= stop:
            return []
        if not self.base <= start < stop <= self.base + len(self.held):
            first, last = bisect_right(self.ends, start), bisect_right(self.ends, stop - 1)
            self.base = self.ends[first - 1] if first else 0
            text, starts = self.parts.text, self.parts.starts
            self.held = list(chain.from_iterable(self.words_of(text[starts[j]:self.parts.end(j)])
                                                 for j in range(first, last + 1)))
        return self.held[start - self.base:stop - self.base]
