"""One analysis of a text version, shared by every stage that looks at it.

Stages run one after another over the same text until one of them changes
it, so the views they need (lines, the pieces between spaces, word tokens)
are computed once per version, when first asked for, and handed to the next
stage unchanged. A stage gets the view of the text it is given from
`ctx.view(text)`; the pipeline keeps one view at a time, so no cache
outlives its text and nothing is shared between documents.

Callers must not change the lists a view returns.

The lists of a big text (one `cleanup fix` reads whole) are made a chunk at a
time, each chunk's strings shared with their earlier copies: a word occurs
thousands of times but is stored once, so a list costs its pointers, not a
string per occurrence (on 8 MB of news, 2.5 million items and under a
thousand distinct ones).
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import chain

from .lines import Line, split_lines
from .once import once
from .space_windows import windows
from .tokens import LETTER_RUN, WORD


class TextView:
    """Lazily computed, cached views of one text."""

    def __init__(self, text: str):
        self.text = text
        self._derived: dict = {}

    @once
    def lines(self) -> list[Line]:
        return split_lines(self.text)

    @once
    def pieces(self) -> list[str]:
        """The text between runs of whitespace (str.split())."""
        return _chunked(self.text, str.split, separators=False)

    @once
    def distinct_pieces(self) -> set[str]:
        if "pieces" in self.__dict__ or len(self.text) <= 2 * CHUNK:
            return set(self.pieces)
        # (chunk by chunk: a big text's list of pieces, 8 bytes a piece, is not made just for this)
        out: set[str] = set()
        for part in windows(self.text, size=STREAM_CHUNK):
            out.update(part.split())
        return out

    def iter_pieces(self) -> Iterator[str]:
        """The pieces in order, as `pieces` lists them; of a big text, made a chunk at a time
        (unless its list is made already) for a caller that reads them once."""
        if "pieces" in self.__dict__ or len(self.text) <= 2 * CHUNK:
            return iter(self.pieces)
        return chain.from_iterable(map(str.split, windows(self.text, size=STREAM_CHUNK)))

    @once
    def word_pieces(self) -> list[str]:
        """The text split around word tokens: odd items are the tokens, in order (see WORD)."""
        return _chunked(self.text, lambda part: WORD(part).split(part), separators=True)

    @once
    def words(self) -> list[str]:
        return self.word_pieces[1::2]

    @once
    def letter_run_pieces(self) -> list[str]:
        """The text split around runs of letters: odd items are the runs."""
        return _chunked(self.text, LETTER_RUN.split, separators=True)

    @once
    def is_ascii(self) -> bool:
        return self.text.isascii()

    def derived(self, key, compute):
        """compute(self), once per view: for what one stage derives from the text and reuses
        (key it by something the stage owns, such as the stage object)."""
        value = self._derived.get(key, _MISSING)
        if value is _MISSING:  # (a miss is the common case on a short text: no exception raised for it)
            value = self._derived[key] = compute(self)
        return value


_MISSING = object()
CHUNK = 1 << 20  # characters; a text up to twice this long is split whole, as it is
STREAM_CHUNK = 1 << 17  # characters of a chunk read once and dropped (a chunk's pieces cost ~13 bytes each)


def _chunked(text: str, split, *, separators: bool) -> list[str]:
    """split(text), made from chunks of a big text cut after a space (no token, and no run of
    whitespace str.split() drops, crosses a cut: the result is the same). With `separators`
    the result alternates separator, token, ..., separator: a cut falls inside a separator,
    whose two halves are joined again."""
    if len(text) <= 2 * CHUNK:
        return split(text)
    out: list[str] = []
    for chunk in windows(text, size=CHUNK):
        part = list(map(sys.intern, split(chunk)))
        if separators and out:
            out[-1] = sys.intern(out[-1] + part[0])
            part = part[1:]
        out.extend(part)
    return out
