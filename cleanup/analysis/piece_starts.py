"""Where some of a text's pieces between spaces stand, without tokenising the whole text.

A stage that judged a text's distinct pieces (`TextView.distinct_pieces`)
and found a few that need a look wants their offsets. `piece_starts` walks
the text's pieces (`TextView.iter_pieces()`, str.split()) at C speed, picks the
wanted ones in order, and finds each by a string search from where the last
one ended. Between two wanted pieces stand only unwanted ones, so the first
occurrence found with whitespace (or an end of the text) on both sides is
the wanted piece itself: the searches read the text once in all.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator


def piece_starts(text: str, pieces: Iterable[str], wanted) -> Iterator[tuple[str, int]]:
    """(piece, offset) for each item of pieces = text.split() (a list or an iterator, read once)
    that is in `wanted`, in order."""
    at = 0
    alone: dict[str, re.Pattern] = {}
    for piece in filter(wanted.__contains__, pieces):
        at = text.find(piece, at)
        end = at + len(piece)
        if not ((at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace())):
            # found inside a longer piece: let the regex skip such places at C speed (a text
            # such as "ab abc abc ... ab" would otherwise cost a Python step per place)
            if piece not in alone:
                alone[piece] = re.compile(r"(?<!\S)" + re.escape(piece) + r"(?!\S)")
            at = alone[piece].search(text, at).start()
        yield piece, at
        at += len(piece)


def found_in_pieces(text: str, pieces: Iterable[str], wanted, find) -> Iterator[tuple]:
    """(offset in the text, *found) for each (offset in a piece, *found) that find(piece) lists, for the
    pieces of pieces = text.split() in `wanted`, in order; find is called once per distinct piece."""
    in_piece: dict[str, list] = {}  # (a piece said again is read once)
    for piece, at in piece_starts(text, pieces, wanted):
        if piece not in in_piece:
            in_piece[piece] = find(piece)
        for offset, *found in in_piece[piece]:
            yield at + offset, *found
