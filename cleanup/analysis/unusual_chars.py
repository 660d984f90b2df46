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
