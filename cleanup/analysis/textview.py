"""One analysis of a text version, shared by every stage that looks at it.

Stages run one after another over the same text until one of them changes
it, so the views they need (lines, the pieces between spaces, word tokens)
are computed once per version, when first asked for, and handed to the next
stage unchanged. A stage gets the view of the text it is given from
`ctx.view(text)`; the pipeline keeps one view at a time, so no cache
outlives its text and nothing is shared between documents.

Callers must not change the lists a view returns.
"""
from __future__ import annotations

from functools import cached_property

from .lines import Line, split_lines
from .tokens import LETTER_RUN, WORD


class TextView:
    """Lazily computed, cached views of one text."""

    def __init__(self, text: str):
        self.text = text
        self._derived: dict = {}

    @cached_property
    def lines(self) -> list[Line]:
        return split_lines(self.text)

    @cached_property
    def pieces(self) -> list[str]:
        """The text between runs of whitespace (str.split())."""
        return self.text.split()

    @cached_property
    def distinct_pieces(self) -> set[str]:
        return set(self.pieces)

    @cached_property
    def word_pieces(self) -> list[str]:
        """The text split around word tokens: odd items are the tokens, in order (see WORD)."""
        return WORD(self.text).split(self.text)

    @cached_property
    def words(self) -> list[str]:
        return self.word_pieces[1::2]

    @cached_property
    def letter_run_pieces(self) -> list[str]:
        """The text split around runs of letters: odd items are the runs."""
        return LETTER_RUN.split(self.text)

    @cached_property
    def is_ascii(self) -> bool:
        return self.text.isascii()

    def derived(self, key, compute):
        """compute(self), once per view: for what one stage derives from the text and reuses
        (key it by something the stage owns, such as the stage object)."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute(self)
            return value
