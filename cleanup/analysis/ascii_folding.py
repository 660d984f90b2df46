"""A text case-folded as bytes, a byte a character: where to look for ASCII literals ignoring case.

regex_needs.fold_case gives a str (2 bytes a character in a text beyond Latin-1, and str.lower()
takes 12 on the way); the literals a case-insensitive rule needs are ASCII, so what lies beyond
ASCII can be any byte that is no letter.
"""
from __future__ import annotations

from .regex_needs import ASCII_CASE_PARTNERS

PIECE = 1 << 16  # characters folded at a time
_PARTNERS = [chr(c) for c in ASCII_CASE_PARTNERS]


def fold_ascii(text: str) -> bytes | bytearray:
    """fold_case(text) (regex_needs) with each character it leaves beyond ASCII made a "?": a byte a
    character (offsets are the text's), built a piece at a time. The only characters beyond ASCII that
    lower to ASCII are the partners fold_case maps first: an ASCII literal without a "?" is found where
    fold_case(text) holds it (one with a "?" may be found where it is not: the rule is then run, or run
    on more stretches, and finds the same)."""
    partners = not text.isascii() and any(partner in text for partner in _PARTNERS)
    if len(text) <= PIECE:  # (a short text at once)
        return (text.translate(ASCII_CASE_PARTNERS) if partners else text).encode("ascii", "replace").lower()
    form = bytearray(len(text))
    for at in range(0, len(text), PIECE):
        piece = text[at:at + PIECE]
        form[at:at + PIECE] = (piece.translate(ASCII_CASE_PARTNERS) if partners else piece) \
            .encode("ascii", "replace").lower()
    return form
