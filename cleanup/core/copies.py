"""Which stretches of a text are copies of an earlier version's, known from the edits between them.

A later pass gives a stage the text of its last call with a few edits: most
of it is copied. A stage that keeps what it found in its last call (in
`Context.kept`) can then read again only what is not copied. The pipeline
knows every edit it applied, so the copies are exact, found without
comparing texts, and as good on one 50 MB line as on many short lines.
"""
from __future__ import annotations

Stretch = tuple[int, int, int]  # (start in the newer text, start in the older one, length)
Change = tuple[int, int, int]   # (start, end) of a region of a text, and the length of what replaced it


def carry(stretches: list[Stretch], changes: list[Change]) -> list[Stretch]:
    """The parts of `stretches` (sorted; their newer text is the one `changes` were made to) that
    no change touched, in the coordinates of the text the changes made.

    `changes` are sorted and do not overlap. An insertion (an empty region) splits a stretch it
    falls inside: the text on either side is still a copy, but no longer in one piece.
    """
    out: list[Stretch] = []
    i, shift, rewritten_until = 0, 0, 0
    for start, old, length in stretches:
        at, end = max(start, rewritten_until), start + length
        while i < len(changes) and changes[i][0] < end:
            change_start, change_end, new_length = changes[i]
            if change_start > at:
                out.append((at + shift, old + at - start, change_start - at))
            at = max(at, change_end)
            rewritten_until = max(rewritten_until, change_end)
            shift += new_length - (change_end - change_start)
            i += 1
        if at < end:
            out.append((at + shift, old + at - start, end - at))
    return out


def since(length: int, steps: list[list[Change]]) -> list[Stretch]:
    """The stretches of the text after `steps` (each a pass of changes) copied from a text of `length`."""
    stretches = [(0, 0, length)] if length else []
    for changes in steps:
        stretches = carry(stretches, changes)
    return stretches
