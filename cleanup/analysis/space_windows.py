"""A long line read in windows cut after a space, so that what a stage lists of it (pieces,
tokens, codes) never covers the whole of it at once.

A window ends after a space, or where the stretch read ends. Nothing found between spaces (a
piece of str.split(), a word, a token) crosses a cut, so a count over the windows is the count
over the whole; and a window lowercased on its own lowers as the whole does (a final sigma's
context stops at a space). A text shorter than a window is read as one window: itself, uncopied.
"""
from __future__ import annotations

from collections.abc import Iterator

WINDOW = 1 << 16  # characters: a window's list of tokens takes about a megabyte


def window_bounds(text: str, start: int = 0, end: int | None = None,
                  size: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive windows over text[start:end], each about `size` (WINDOW) characters."""
    end = len(text) if end is None else end
    size = WINDOW if size is None else size
    while start < end:
        cut = text.find(" ", start + size, end) + 1 or end
        yield start, cut
        start = cut


def windows(text: str, start: int = 0, end: int | None = None, size: int | None = None) -> Iterator[str]:
    """The windows of text[start:end] themselves."""
    for a, b in window_bounds(text, start, end, size):
        yield text[a:b]
