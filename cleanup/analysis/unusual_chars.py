"""The distinct characters of a text other than plain ASCII: one look per text version, at C speed.

Several stages act only on characters beyond printable ASCII, tab and
newline (ftfy's repairs, the normalisers, look-alike letters, other
scripts), and most English text holds few such characters, the same few
over and over (curly quotes, dashes). Each stage used to scan the whole
text for its own class of them, at a few nanoseconds a character. Here the
text is encoded to UTF-8 and its plain bytes deleted, which leaves exactly
the encodings of the other characters (every byte of a multi-byte character
is beyond ASCII): a stage then asks its question of those few distinct
characters instead of the text.

A text dense with them (another script) is not listed: collecting them one
by one would cost more than a scan, which there finds one at once.

Where the few a stage acts on stand is then found with `NextOf`: str.find
reads a text at memchr speed, where `re` tries a class of characters at
each one in turn, several times slower.
"""
from __future__ import annotations

PLAIN = bytes([0x09, 0x0A, *range(0x20, 0x7F)])  # tab, newline and printable ASCII
WINDOW = 1 << 16  # characters encoded at a time: a big text is not copied whole as bytes


def unusual_chars(view) -> str | None:
    """unusual_in(view.text), once per view."""
    return view.derived(unusual_chars, lambda v: unusual_in(v.text))


def unusual_in(text: str) -> str | None:
    """The distinct characters of `text` that are not PLAIN, in no given order; None when they are
    too many to list (then look at the text itself: a search there soon finds one)."""
    found: set[str] = set()
    for at in range(0, len(text), WINDOW):
        window = text[at:at + WINDOW]
        # ("surrogatepass": a lone surrogate, from a file decoded with surrogateescape, comes back as itself)
        unusual = window.encode("utf-8", "surrogatepass").translate(None, PLAIN)
        if len(unusual) > len(window) // 2 + 64:  # (a fifth of the characters or more, at 2-3 bytes each)
            return None
        found.update(unusual.decode("utf-8", "surrogatepass"))
    return "".join(found)


FEW = 8  # distinct characters NextOf looks for one by one; for more, a class of them is searched for


class NextOf:
    """Where the next of a few characters (FEW at most) stands in a text, asked at places that never
    go back: each is looked for by str.find, and no stretch of the text is read twice for one."""

    def __init__(self, text: str, chars: str):
        self.text, self.found = text, dict.fromkeys(chars, -1)  # character -> where it is next (-1: not looked)

    def __call__(self, pos: int) -> int:
        """Where the first of the characters at or after `pos` stands; -1: none."""
        text, found, first = self.text, self.found, len(self.text)
        for ch, at in found.items():
            if at < pos:  # (passed, or not looked for yet; len(text): none is left)
                at = text.find(ch, pos)
                found[ch] = at = len(text) if at < 0 else at
            first = min(first, at)
        return first if first < len(text) else -1


def positions(text: str, chars: str):
    """Where the characters `chars` (FEW at most) stand in the text, in order."""
    next_of, at = NextOf(text, chars), 0
    while (at := next_of(at)) >= 0:
        yield at
        at += 1
