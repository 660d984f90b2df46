"""A long text in windows that no capitalised name crosses, for stages that read names on one long line.

Names are runs of capitalised words joined by a space or a hyphen ("Vladimir
Putin", "Kin-nikuman"). A window ends after a space that no capital
(\\p{Lu}) follows, so no such run crosses a cut, and a pattern that starts at
a capital not after a letter reads the same in a window as in the whole
text: the window's first character is no capital, and the character before
a window is a space. Walking windows keeps what a stage lists (its pieces,
its matches) to one window's worth, whatever the length of the text.
"""
from __future__ import annotations

from typing import Iterator

import regex

WINDOW = 1 << 17  # characters; a text up to twice this long is one window, itself
_CUT = regex.compile(r" (?!\p{Lu})")


def name_windows(text: str, size: int = WINDOW) -> Iterator[tuple[int, str]]:
    """(start, window) for consecutive windows of about `size` characters that make up `text`,
    each but the last ending after a space that no capital follows (a text up to 2 * size long
    is one window: the text itself, not a copy)."""
    if len(text) <= 2 * size:
        yield 0, text
        return
    start = 0
    while start < len(text):
        cut = _CUT.search(text, start + size)
        end = cut.end() if cut else len(text)
        yield start, text[start:end]
        start = end
