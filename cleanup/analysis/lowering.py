"""A big text lowercased a piece at a time: the result of str.lower(), at a fraction of its peak memory.

str.lower() of a text beyond ASCII takes 12 bytes a character on the way (on a 50 MB line,
600 MB). A piece is cut after a space, which a final sigma's context does not cross (a cut
there leaves each letter the same context), so the pieces lower as the whole does.
"""
from __future__ import annotations

PIECE = 1 << 20  # characters lowered at a time


def lower(text: str, table: dict | None = None) -> str:
    """text.lower(), or text.translate(table).lower() for a table that maps characters to
    characters and leaves spaces alone."""
    if len(text) <= 2 * PIECE:
        return (text.translate(table) if table else text).lower()
    pieces, at = [], 0
    while at < len(text):
        cut = text.find(" ", at + PIECE) + 1 or len(text)
        piece = text[at:cut]
        pieces.append((piece.translate(table) if table else piece).lower())
        at = cut
    return "".join(pieces)
