"""Tokenising at C speed, for the stages that look at every word of every document.

- `FastPattern`: a pattern written for the `regex` module, run by the
  stdlib `re` where it can (several times faster, the same results).
- `offsets` / `positions`: where the tokens of `pattern.split(text)` (token
  captured) sit in the text, only for the tokens asked about.
"""
from __future__ import annotations

import re
import sys
from functools import cached_property, lru_cache
from itertools import compress, islice

import regex

_CLASS = re.compile(r"\[[^\]]*\]|\\p\{\w+\}")  # a [class] (no ] inside), or a \p{..} alone


class FastPattern:
    r"""A `regex` pattern, run by the stdlib `re` (several times faster) where it can.

    `re` has no \p{..}, and its \w follows Python's Unicode tables rather than
    the `regex` module's; so each class becomes the exact list of the
    characters `regex` puts in it, from the Basic Multilingual Plane. Texts
    with characters beyond it (emoji, rare scripts) keep the `regex` pattern:
    the results are the same either way. Start a pattern with a class, not a
    lookbehind: `re` then skips at C speed to where the class matches.

    Each form is compiled when first used: the expanded classes are long, and
    a command cleaning one line should not compile patterns it never runs.
    The `re` form takes milliseconds to compile (the `regex` one a tenth of
    that), so the `regex` form runs until the pattern has been given enough
    text for the faster one to pay.
    """

    def __init__(self, source: str):
        self.source = source
        self.given = 0  # characters given before the `re` form was compiled

    @cached_property
    def full(self):
        return regex.compile(self.source)

    @cached_property
    def bmp(self):
        return re.compile(_CLASS.sub(lambda m: _bmp_class(m.group()), self.source))

    def like(self, form):
        """This pattern in the same form (`re` or `regex`) as `form`, another FastPattern's choice for a
        text: one look at the text serves both."""
        return self.bmp if isinstance(form, re.Pattern) else self.full

    def __call__(self, text: str):
        """The pattern to run on `text`."""
        if "bmp" not in self.__dict__:  # (not compiled yet)
            self.given += len(text)
            if self.given < _WORTH_COMPILING:
                return self.full
        return self.bmp if _in_bmp(text) else self.full


_WORTH_COMPILING = 50_000  # characters


def _in_bmp(text: str) -> bool:
    if text.isascii() or sys.getsizeof(text) < _UCS4_HEADER + 4 * (len(text) + 1):
        return True
    # in UTF-16 only characters beyond the BMP take four bytes (a fast encode, no regex)
    return len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


# CPython stores a str with a character beyond the BMP at 4 bytes a character (and any other at 1
# or 2), after a header: a str smaller than that has none, known without reading it. (Anything
# else a str may hold, a cached UTF-8 form, only makes it larger: then the encode above decides.)
_UCS4_HEADER = sys.getsizeof("\U00010000") - 4 * 2


@lru_cache(maxsize=None)
def _bmp_class(cls: str) -> str:
    """A `re` class with the BMP characters `regex` matches with `cls`.

    Written as ranges of them or of the others, whichever holds fewer
    characters: `re` compiles a class character by character.
    """
    spans = [m.span() for m in regex.finditer(f"{cls}+", _bmp())]
    inside = sum(b - a for a, b in spans)
    if inside > 0x10000 // 2:
        bounds = [0, *(x for span in spans for x in span), 0x10000]
        return "[^" + ranges(zip(bounds[::2], bounds[1::2])) + "]"
    return "[" + ranges(spans) + "]"


def ranges(spans) -> str:
    """The inside of a `re` class holding the code points of `spans` ((start, stop) pairs, stop excluded)."""
    return "".join(re.escape(chr(a)) if b == a + 1 else f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}"
                   for a, b in spans if b > a)


@lru_cache(maxsize=None)
def _bmp() -> str:
    """Every BMP code point once, in order (from bytes: 65,536 chr() calls are slow)."""
    b = bytearray(4 * 0x10000)
    b[0::4] = bytes(range(256)) * 256
    b[1::4] = b"".join(bytes([i]) * 256 for i in range(256))
    return b.decode("utf-32-le", "surrogatepass")


def offsets(pieces: list[str], indices):
    """(i, offset of token i) for the token numbers `indices` (ascending), from
    pieces = pattern.split(text) with the token captured.

    The pieces alternate text between tokens and tokens, so an offset is a
    sum of lengths: C speed per token, where finditer would be a Python loop.
    """
    lengths = map(len, pieces)  # one pass over the pieces, however many tokens are asked about
    start = done = 0  # the offset of pieces[done]
    for i in indices:
        start += sum(islice(lengths, 2 * i + 1 - done))
        done = 2 * i + 1
        yield i, start


def positions(pieces: list[str], wanted: set):
    """(token, offset) for the tokens in `wanted`, from pieces as for `offsets`."""
    if not wanted:
        return
    tokens = pieces[1::2]
    for i, start in offsets(pieces, compress(range(len(tokens)), map(wanted.__contains__, tokens))):
        yield tokens[i], start
